// SPDX-License-Identifier: MIT
#include "pictureexport.h"

#include "comparison.h"
#include "timelinepainter.h"

#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <QFontMetricsF>

#include <cmath>

namespace ui {

namespace {
    QString text(const std::string& value) { return QString::fromStdString(value); }

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

bool isPictureFormat(const QString& suffix)
{
    const QString lower = suffix.toLower();
    return lower == QLatin1String("png") || lower == QLatin1String("svg") || lower == QLatin1String("pdf");
}

namespace {
    // What a picture file holds: timelines stacked top to bottom (one, or two compared), and
    // under them lines of text (a comparison's summary).
    struct Block {
        TimelinePainter painter;
        TimelineViewport viewport;
    };

    // The caption's font and line height at `width`, for the text under compared timelines.
    QFont captionFont(const TimelineViewport& viewport)
    {
        QFont font = viewport.font;
        font.setPixelSize(int(std::round(15 * viewport.textScale)));
        return font;
    }

    double captionHeight(const QStringList& caption, const TimelineViewport& viewport, double width)
    {
        if (caption.isEmpty())
            return 0;
        const QFontMetricsF metrics(captionFont(viewport));
        double height = metrics.height() * 0.5;
        for (const QString& line : caption)
            height += metrics.boundingRect(QRectF(0, 0, width - 24, 1e6), Qt::TextWordWrap, line).height() + metrics.height() * 0.3;
        return std::ceil(height);
    }

    void paintScene(QPainter& qpainter, const std::vector<Block>& blocks, const std::vector<double>& heights,
        const QStringList& caption, double width)
    {
        double top = 0;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            blocks[i].painter.paint(qpainter, QRectF(0, top, width, heights[i]), blocks[i].viewport);
            top += heights[i];
        }
        if (caption.isEmpty())
            return;
        const TimelineViewport& viewport = blocks.front().viewport;
        qpainter.setFont(captionFont(viewport));
        qpainter.setPen(viewport.theme.foreground);
        const QFontMetricsF metrics(qpainter.font());
        top += metrics.height() * 0.25;
        for (const QString& line : caption) {
            const QRectF box = metrics.boundingRect(QRectF(12, top, width - 24, 1e6), Qt::TextWordWrap, line);
            qpainter.drawText(QRectF(12, top, width - 24, box.height()), Qt::TextWordWrap, line);
            top += box.height() + metrics.height() * 0.3;
        }
    }

    bool writeScene(const QString& path, const std::vector<Block>& blocks, const QStringList& caption,
        const PictureOptions& options, const QString& title, QString* error)
    {
        const QString suffix = path.section(QLatin1Char('.'), -1).toLower();
        if (!isPictureFormat(suffix))
            return fail(error, path, QStringLiteral("not a picture format (png, svg, pdf)"));
        const double width = std::max(320.0, options.width);
        std::vector<double> heights;
        double height = 0;
        for (const Block& block : blocks) {
            heights.push_back(std::ceil(block.painter.preferredHeight(width, block.viewport)));
            height += heights.back();
        }
        height += captionHeight(caption, blocks.front().viewport, width);
        const QRectF target(0, 0, width, height);
        const QColor background = blocks.front().viewport.theme.background;

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
            paintScene(qpainter, blocks, heights, caption, width);
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
            generator.setTitle(title);
            generator.setDescription(QStringLiteral("Loopscope timeline of %1").arg(title));
            QPainter qpainter(&generator);
            qpainter.fillRect(target, background);
            paintScene(qpainter, blocks, heights, caption, width);
            qpainter.end();
        } else {
            QPdfWriter writer(&file);
            writer.setTitle(title);
            writer.setCreator(QStringLiteral("Loopscope"));
            writer.setResolution(72); // one painter unit = one point
            writer.setPageSize(QPageSize(QSizeF(width, height), QPageSize::Point, QString(), QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter qpainter(&writer);
            qpainter.fillRect(target, background);
            paintScene(qpainter, blocks, heights, caption, width);
            qpainter.end();
        }
        return commit(file, error);
    }

    RunDataPtr borrowed(const RunData& run) { return RunDataPtr(std::shared_ptr<const RunData>(&run, [](const RunData*) { })); }
}

bool writePicture(const QString& path, const RunData& run, const PictureOptions& options, QString* error)
{
    TimelineViewport viewport = viewportFor(run, options);
    // "What happens next?": the tasks the program has not created yet get no lane either.
    viewport.hideLaterTasks = options.range == ExportRange::UpToCursor;
    return writeScene(
        path, { Block { TimelinePainter(borrowed(run)), viewport } }, {}, options, text(run.request.describe()), error);
}

bool writeComparison(const QString& path, const RunData& first, const RunData& second, const PictureOptions& options, QString* error)
{
    // One axis for both: the same seconds (or steps) at the same x, over the longer run; on
    // the instants axis both laid out on their merged instants.
    const sim::StateIndex* runs[] = { first.index.get(), second.index.get() };
    std::vector<Block> blocks;
    for (const RunData* run : { &first, &second }) {
        blocks.push_back(Block { TimelinePainter(borrowed(*run)), {} });
        blocks.back().painter.alignWith(runs);
    }
    const VisibleRange shared { 0,
        std::max(blocks[0].painter.axisMap(options.axis).total(), blocks[1].painter.axisMap(options.axis).total()) };
    for (Block& block : blocks) {
        PictureOptions each = options;
        each.range = ExportRange::VisibleRange;
        each.visible = shared;
        block.viewport = viewportFor(*block.painter.run(), each);
    }
    blocks[1].viewport.showLegend = false; // one legend, under the first run, says it for both
    QStringList caption { QString::fromStdString(sim::compareTotals(*first.index, *second.index)) };
    const auto divergence = sim::firstDivergence(*first.index, *second.index);
    caption << (divergence ? QString::fromStdString(divergence->sentence)
                           : QStringLiteral("The two runs take exactly the same steps at the same times."));
    return writeScene(path, blocks, caption, options,
        QStringLiteral("%1 vs %2").arg(text(first.request.describe()), text(second.request.describe())), error);
}

} // namespace ui
