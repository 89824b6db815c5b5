// SPDX-License-Identifier: MIT
#include "pictureexport.h"

#include "narration.h"
#include "statesummary.h"
#include "timelinepainter.h"

#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace ui {

namespace {
    QString text(const std::string& value) { return QString::fromStdString(value); }

    TimelineViewport viewportFor(const RunData& run, const PictureOptions& options)
    {
        TimelineViewport viewport;
        viewport.axis = options.axis;
        viewport.theme = Theme::forKind(options.theme);
        viewport.textScale = options.textScale;
        viewport.showInternalTasks = options.showInternalTasks;
        viewport.showTitle = true;
        viewport.showLegend = true;
        viewport.showRuler = true;
        viewport.dimFuture = false;
        viewport.cursor = std::min(options.cursor, run.index->stepCount());
        viewport.showCursor = options.showCursor || options.range == ExportRange::UpToCursor;
        if (options.range == ExportRange::VisibleRange && options.visible)
            viewport.range = options.visible;
        if (options.range == ExportRange::UpToCursor)
            viewport.drawUpTo = viewport.cursor;
        return viewport;
    }

    bool fail(QString* error, const QString& path, const QString& why)
    {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, why);
        return false;
    }

    bool openSaveFile(QSaveFile& file, QString* error)
    {
        if (file.open(QIODevice::WriteOnly))
            return true;
        return fail(error, file.fileName(), file.errorString());
    }

    bool commit(QSaveFile& file, QString* error)
    {
        if (file.commit())
            return true;
        return fail(error, file.fileName(), file.errorString());
    }
}

bool isPictureFormat(const QString& suffix)
{
    const QString lower = suffix.toLower();
    return lower == QLatin1String("png") || lower == QLatin1String("svg") || lower == QLatin1String("pdf");
}

bool writePicture(const QString& path, const RunData& run, const PictureOptions& options, QString* error)
{
    const QString suffix = path.section(QLatin1Char('.'), -1).toLower();
    if (!isPictureFormat(suffix))
        return fail(error, path, QStringLiteral("not a picture format (png, svg, pdf)"));
    RunDataPtr shared(std::shared_ptr<const RunData>(&run, [](const RunData*) { })); // borrowed for painting
    const TimelinePainter painter(shared);
    TimelineViewport viewport = viewportFor(run, options);
    // "What happens next?": the tasks the program has not created yet get no lane either.
    viewport.hideLaterTasks = options.range == ExportRange::UpToCursor;
    const double width = std::max(320.0, options.width);
    const double height = std::ceil(painter.preferredHeight(width, viewport));
    const QRectF target(0, 0, width, height);
    const QColor background = viewport.theme.background;

    QSaveFile file(path);
    if (!openSaveFile(file, error))
        return false;
    if (suffix == QLatin1String("png")) {
        const double scale = std::clamp(options.scale, 0.25, 8.0);
        QImage image(QSize(int(std::ceil(width * scale)), int(std::ceil(height * scale))), QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) {
            file.cancelWriting();
            return fail(error, path, QStringLiteral("the picture is too large (%1 x %2 pixels)").arg(width * scale).arg(height * scale));
        }
        image.fill(background);
        QPainter qpainter(&image);
        // A scale, not the image's device pixel ratio: Qt does not paint below a ratio of 1,
        // and --scale 0.5 gave a picture of the right size holding its top-left quarter.
        qpainter.scale(scale, scale);
        painter.paint(qpainter, target, viewport);
        qpainter.end();
        QImageWriter writer(&file, "png");
        if (!writer.write(image)) {
            file.cancelWriting();
            return fail(error, path, writer.errorString());
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(QSize(int(width), int(height)));
        generator.setViewBox(target);
        generator.setTitle(text(run.request.describe()));
        generator.setDescription(QStringLiteral("Loopscope timeline of %1").arg(text(run.request.describe())));
        QPainter qpainter(&generator);
        qpainter.fillRect(target, background);
        painter.paint(qpainter, target, viewport);
        qpainter.end();
    } else {
        QPdfWriter writer(&file);
        writer.setTitle(text(run.request.describe()));
        writer.setCreator(QStringLiteral("Loopscope"));
        writer.setResolution(72); // one painter unit = one point
        writer.setPageSize(QPageSize(QSizeF(width, height), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter qpainter(&writer);
        qpainter.fillRect(target, background);
        painter.paint(qpainter, target, viewport);
        qpainter.end();
    }
    return commit(file, error);
}

std::vector<std::size_t> storyboardPositions(const RunData& run, StoryboardPages pages)
{
    const std::size_t steps = run.index->stepCount();
    std::vector<std::size_t> positions { 0 };
    if (pages == StoryboardPages::PerStep) {
        for (std::size_t p = 1; p <= steps; ++p)
            positions.push_back(p);
        return positions;
    }
    const auto& instants = run.timeline->instants();
    for (std::size_t i = 0; i < instants.size(); ++i) {
        const std::size_t end = i + 1 < instants.size() ? instants[i + 1].firstStep : steps;
        if (end > positions.back())
            positions.push_back(end);
    }
    return positions;
}

bool writeStoryboard(const QString& path, const RunData& run, const PictureOptions& options, StoryboardPages pages,
    const std::function<bool(std::size_t done, std::size_t total)>& progress, QString* error)
{
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return fail(error, path, QStringLiteral("a storyboard is a PDF (.pdf)"));
    RunDataPtr shared(std::shared_ptr<const RunData>(&run, [](const RunData*) { }));
    const TimelinePainter painter(shared);
    const std::vector<std::size_t> positions = storyboardPositions(run, pages);
    const Theme theme = Theme::forKind(options.theme);

    QSaveFile file(path);
    if (!openSaveFile(file, error))
        return false;
    QPdfWriter writer(&file);
    writer.setTitle(QStringLiteral("%1 — storyboard").arg(text(run.request.describe())));
    writer.setCreator(QStringLiteral("Loopscope"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer.setResolution(144);
    QPainter qpainter(&writer);
    const QRectF page = QRectF(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
    // Sizes for paper read at arm's length (pixels at 144 dpi: 22 px is 11 pt).
    QFont titleFont = qpainter.font();
    titleFont.setPixelSize(30);
    titleFont.setBold(true);
    QFont bodyFont = qpainter.font();
    bodyFont.setPixelSize(22);
    QFont sentenceFont = bodyFont;
    sentenceFont.setPixelSize(28);

    // The timeline's size, the same on every page (only the cursor moves). Read on paper at
    // arm's length: at least 1.5 times the screen's size, and larger while the lanes leave
    // room (chained 1 2 3 filled a third of the page at 1.5); with many lanes, somewhat
    // smaller and up to two thirds of the page, so that more of them fit (the loop's state
    // below is cut first).
    PictureOptions sized = options;
    sized.range = ExportRange::UpToCursor;
    TimelineViewport sizing = viewportFor(run, sized);
    sizing.showTitle = false;
    const auto heightAt = [&](double scale) {
        sizing.textScale = scale;
        return painter.preferredHeight(page.width(), sizing);
    };
    double timelineScale = options.textScale * 1.5;
    while (timelineScale * 1.1 <= options.textScale * 3.0 && heightAt(timelineScale * 1.1) <= page.height() * 0.5)
        timelineScale *= 1.1;
    const double minimumScale = options.textScale * 1.2;
    while (timelineScale > minimumScale && heightAt(timelineScale) > page.height() * 0.66)
        timelineScale = std::max(minimumScale, timelineScale / 1.1);
    const double timelineHeight = std::min(heightAt(timelineScale), page.height() * 0.66);

    const bool hasQueue = run.hasQueue();
    for (std::size_t page_index = 0; page_index < positions.size(); ++page_index) {
        if (progress && !progress(page_index, positions.size())) {
            qpainter.end();
            file.cancelWriting();
            *error = QStringLiteral("cancelled");
            return false;
        }
        if (page_index > 0)
            writer.newPage();
        const std::size_t position = positions[page_index];
        const sim::LoopState state = run.index->stateAt(position);
        qpainter.fillRect(page, theme.background);
        qpainter.setPen(theme.foreground);

        // Heading: the run, the step and the time.
        qpainter.setFont(titleFont);
        // The time of the step that just ran, as the window's readout and the cursor show it.
        const double time = position == 0 ? 0.0 : run.index->steps()[position - 1].time;
        const QString heading = position == 0
            ? QStringLiteral("%1 — before the first step").arg(text(run.request.describe()))
            : QStringLiteral("%1 — step %2 of %3 · t = %4 s")
                  .arg(text(run.request.describe()))
                  .arg(position)
                  .arg(run.index->stepCount())
                  .arg(text(sim::formatSeconds(time)));
        const QRectF headingRect(page.left(), page.top(), page.width(), 48);
        qpainter.drawText(headingRect, Qt::AlignLeft | Qt::AlignVCenter, heading);

        // The timeline up to this point.
        PictureOptions pageOptions = options;
        pageOptions.range = ExportRange::UpToCursor;
        pageOptions.cursor = position;
        pageOptions.textScale = timelineScale;
        TimelineViewport viewport = viewportFor(run, pageOptions);
        viewport.showTitle = false;
        const QRectF timelineRect(page.left(), headingRect.bottom() + 8, page.width(), timelineHeight);
        // When not every lane fits the page, the one whose step the page is about is shown.
        if (position > 0)
            viewport.scrollY = painter.scrollRevealing(
                painter.layout(timelineRect, viewport), viewport, run.index->steps()[position - 1].task);
        qpainter.save();
        qpainter.setClipRect(timelineRect);
        painter.paint(qpainter, timelineRect, viewport);
        qpainter.restore();

        // Why this step happened, then the loop's state.
        qpainter.setFont(sentenceFont);
        const std::string sentence = position == 0
            ? std::string("asyncio.run has created the main task and queued its first step; nothing has run yet.")
            : sim::narrateStep(*run.index, position - 1);
        const QRectF sentenceArea(page.left(), timelineRect.bottom() + 18, page.width(), page.height() * 0.2);
        const QRectF sentenceRect
            = qpainter.boundingRect(sentenceArea, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text(sentence));
        qpainter.drawText(sentenceArea, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text(sentence));
        qpainter.setFont(bodyFont);
        const double lineHeight = std::ceil(qpainter.fontMetrics().height() * 1.25);
        double y = std::min(sentenceRect.bottom(), sentenceArea.bottom()) + lineHeight * 0.6;
        const double lastLine = page.bottom() - 30 - lineHeight; // above the page number
        if (position > 0) {
            const sim::StepInfo& step = run.index->steps()[position - 1];
            const sim::LoopState before = run.index->stateAt(position - 1);
            const QString ran = before.ready.empty() ? QString()
                                                     : text(sim::describeReadyEntry(before.ready.front(), run.trace));
            qpainter.drawText(QRectF(page.left(), y, page.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                QStringLiteral("Step %1 ran: %2 (iteration %3)").arg(position).arg(ran).arg(step.iteration));
            y += lineHeight;
        }
        for (const std::string& line : sim::summarizeState(state, run.trace, hasQueue)) {
            if (y > lastLine)
                break;
            const QRectF lineRect(page.left(), y, page.width(), lineHeight);
            qpainter.drawText(lineRect, Qt::AlignLeft | Qt::AlignVCenter, qpainter.fontMetrics().elidedText(text(line), Qt::ElideRight, int(page.width())));
            y += lineHeight;
        }

        // Page number.
        qpainter.setPen(theme.mutedText);
        qpainter.drawText(QRectF(page.left(), page.bottom() - 26, page.width(), 26), Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("%1 / %2").arg(page_index + 1).arg(positions.size()));
    }
    qpainter.end();
    if (progress)
        progress(positions.size(), positions.size());
    return commit(file, error);
}

} // namespace ui
