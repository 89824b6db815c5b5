// SPDX-License-Identifier: MIT
#include "storyboard.h"

#include "plural.h"
#include "narration.h"
#include "timelinepainter.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ui {

namespace {
    QString text(const std::string& value) { return QString::fromStdString(value); }

    // Sizes for paper read at arm's length, in pixels at the writer's 144 dpi (22 px is 11 pt).
    struct Fonts {
        QFont title, sentence, body, caption, code;
        explicit Fonts(const QFont& base)
            : title(base)
            , sentence(base)
            , body(base)
            , caption(base)
            , code(QFontDatabase::systemFont(QFontDatabase::FixedFont))
        {
            title.setPixelSize(30);
            title.setBold(true);
            sentence.setPixelSize(24);
            body.setPixelSize(18);
            caption.setPixelSize(18);
            caption.setBold(true);
            code.setStyleHint(QFont::Monospace);
            code.setPixelSize(17);
        }
    };
    constexpr double gap = 14; // between the parts of a page
    constexpr double headingHeight = 48;
    constexpr double rowSpacing = 1.25; // line height, as a multiple of the font's height
    constexpr double timelineShare = 0.45; // at most this much of the page's height

    double rowHeight(const QFont& font) { return std::ceil(QFontMetricsF(font).height() * rowSpacing); }

    // A box's caption, bold and muted; returns the rest of the box.
    QRectF drawCaption(
        QPainter& painter, const QRectF& box, const QString& caption, const Fonts& fonts, const Theme& theme)
    {
        const double height = rowHeight(fonts.caption);
        painter.setFont(fonts.caption);
        painter.setPen(theme.mutedText);
        const QRectF row(box.left(), box.top(), box.width(), height);
        painter.drawText(row, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(fonts.caption).elidedText(caption, Qt::ElideRight, row.width()));
        return box.adjusted(0, height, 0, 0);
    }

    // One row of text, cut with an ellipsis when too long; `highlight` puts the step's tint
    // behind it and sets it in bold.
    void drawRow(QPainter& painter, const QRectF& row, const QString& line, const QFont& font, const QColor& colour,
        bool highlight, const Theme& theme)
    {
        QFont shown = font;
        shown.setBold(highlight);
        if (highlight)
            painter.fillRect(row, highlightBackground(theme));
        painter.setFont(shown);
        painter.setPen(colour);
        const QRectF inner = row.adjusted(6, 0, -6, 0);
        painter.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(shown).elidedText(line, Qt::ElideRight, inner.width()));
    }

    // The output so far, newest at the bottom: as many of the last lines as fit, this step's
    // highlighted, "… N earlier lines" above them when some are left out.
    void drawOutput(
        QPainter& painter, const QRectF& box, const StoryboardPage& page, const Fonts& fonts, const Theme& theme)
    {
        const std::size_t total = page.earlierOutput + std::size_t(page.output.size());
        const QString caption = total == 0 ? QObject::tr("Output: nothing printed yet")
            : page.newOutput == 0
            ? counted(qint64(total), QObject::tr("Output (%L1 line): this step printed nothing"),
                QObject::tr("Output (%L1 lines): this step printed nothing"))
            : counted(qint64(total), QObject::tr("Output (%L1 line): this step's %L2 highlighted"),
                QObject::tr("Output (%L1 lines): this step's %L2 highlighted"))
                  .arg(page.newOutput);
        QRectF rest = drawCaption(painter, box, caption, fonts, theme);
        const double height = rowHeight(fonts.code);
        const auto rows = qsizetype(std::floor(rest.height() / height));
        if (rows <= 0 || page.output.isEmpty())
            return;
        qsizetype shown = std::min(rows, page.output.size());
        const bool earlier = page.earlierOutput > 0 || shown < page.output.size();
        if (earlier && shown == rows)
            --shown; // the first row says what is left out
        double y = rest.top();
        if (earlier) {
            const std::size_t left = total - std::size_t(shown);
            drawRow(painter, QRectF(rest.left(), y, rest.width(), height),
                left == 1 ? QObject::tr("… 1 earlier line") : QObject::tr("… %L1 earlier lines").arg(left), fonts.code,
                theme.mutedText, false, theme);
            y += height;
        }
        for (qsizetype i = page.output.size() - shown; i < page.output.size(); ++i, y += height) {
            const bool fresh = i >= page.output.size() - page.newOutput;
            drawRow(painter, QRectF(rest.left(), y, rest.width(), height), page.output[i], fonts.code, theme.foreground,
                fresh, theme);
        }
    }

    // The program around the task's line, line numbers in the gutter, the line highlighted.
    void drawCode(
        QPainter& painter, const QRectF& box, const StoryboardPage& page, const Fonts& fonts, const Theme& theme)
    {
        const QRectF rest = drawCaption(painter, box, page.codeCaption, fonts, theme);
        const double height = rowHeight(fonts.code);
        const auto rows = qsizetype(std::floor(rest.height() / height));
        if (rows <= 0 || page.code.isEmpty())
            return;
        // The highlighted line in the middle of the rows that fit.
        const qsizetype at = page.codeLine - page.codeFirst;
        const qsizetype first
            = std::clamp<qsizetype>(at - rows / 2, 0, std::max<qsizetype>(0, page.code.size() - rows));
        const double gutter = QFontMetricsF(fonts.code).horizontalAdvance(QStringLiteral("000")) + 12;
        double y = rest.top();
        for (qsizetype i = first; i < page.code.size() && i < first + rows; ++i, y += height) {
            const QRectF row(rest.left(), y, rest.width(), height);
            const bool current = i == at;
            drawRow(painter, row.adjusted(gutter, 0, 0, 0), page.code[i], fonts.code, theme.foreground, current, theme);
            if (current)
                painter.fillRect(QRectF(row.left(), row.top(), gutter, row.height()), highlightBackground(theme));
            painter.setFont(fonts.code);
            painter.setPen(theme.mutedText);
            painter.drawText(QRectF(row.left(), row.top(), gutter - 8, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                QString::number(page.codeFirst + i));
        }
    }

    // The loop's state: the clock's move, then each section's heading and lines, as many as fit.
    void drawLoop(
        QPainter& painter, const QRectF& box, const StoryboardPage& page, const Fonts& fonts, const Theme& theme)
    {
        QRectF rest = drawCaption(painter, box, page.loopCaption, fonts, theme);
        const double height = rowHeight(fonts.body);
        if (!page.clockMove.isEmpty()) {
            painter.setFont(fonts.body);
            painter.setPen(theme.mutedText);
            const QRectF used
                = painter.boundingRect(rest, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, page.clockMove);
            painter.drawText(rest, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, page.clockMove);
            rest.setTop(used.bottom() + height * 0.25);
        }
        double y = rest.top();
        QFont heading = fonts.body;
        heading.setBold(true);
        for (const sim::StateSection& section : page.loop) {
            std::vector<std::pair<QString, bool>> rows { { text(section.heading), true } };
            for (const std::string& line : section.lines)
                rows.emplace_back(QStringLiteral("    ") + text(line), false);
            for (const auto& [line, isHeading] : rows) {
                if (y + 2 * height > rest.bottom() + 0.5) { // keep a row for the ellipsis
                    if (y + height <= rest.bottom() + 0.5)
                        drawRow(painter, QRectF(rest.left(), y, rest.width(), height), QStringLiteral("…"), fonts.body,
                            theme.mutedText, false, theme);
                    return;
                }
                drawRow(painter, QRectF(rest.left(), y, rest.width(), height), line, isHeading ? heading : fonts.body,
                    theme.foreground, false, theme);
                y += height;
            }
        }
    }

    // The timeline's height on every page (only the cursor moves): at least 1.5 times the
    // screen's size, larger while the lanes leave room, and at most `timelineShare` of the
    // page, so that the sentence, the output, the code and the loop's state fit below it.
    // With many lanes it gets smaller, down to the screen's size; the lanes that still do not
    // fit are cut, the one whose step the page is about shown (see scrollRevealing).
    std::pair<double, double> timelineSize(
        const TimelinePainter& painter, const RunData& run, const PictureOptions& options, const QRectF& page)
    {
        PictureOptions sized = options;
        sized.range = ExportRange::UpToCursor;
        TimelineViewport sizing = viewportFor(run, sized);
        sizing.showTitle = false;
        const auto heightAt = [&](double scale) {
            sizing.textScale = scale;
            return painter.preferredHeight(page.width(), sizing);
        };
        const double most = page.height() * timelineShare;
        double scale = options.textScale * 1.5;
        while (scale * 1.1 <= options.textScale * 3.0 && heightAt(scale * 1.1) <= most)
            scale *= 1.1;
        const double minimumScale = options.textScale;
        while (scale > minimumScale && heightAt(scale) > most)
            scale = std::max(minimumScale, scale / 1.1);
        return { scale, std::min(heightAt(scale), most) };
    }

    // Where each part of a page goes. The timeline's height is fixed for the whole file, the
    // sentence's and the code's are measured; the output (above the code) and the event loop
    // (beside them) share the rest of the page, so no page is left half empty.
    struct Layout {
        QRectF heading, timeline, why, output, code, loop;
    };
    Layout layoutPage(const QRectF& page, double timelineHeight, double whyHeight, double codeHeight)
    {
        Layout layout;
        layout.heading = QRectF(page.left(), page.top(), page.width(), headingHeight);
        layout.timeline = QRectF(page.left(), layout.heading.bottom() + gap / 2, page.width(), timelineHeight);
        layout.why = QRectF(page.left(), layout.timeline.bottom() + gap, page.width(), whyHeight);
        const double top = layout.why.bottom() + gap;
        const double height = std::max(0.0, page.bottom() - top);
        const double left = std::round((page.width() - gap) * 0.55);
        const double code = std::min(height / 2, codeHeight);
        layout.code = QRectF(page.left(), page.bottom() - code, left, code);
        layout.output = QRectF(page.left(), top, left, std::max(0.0, layout.code.top() - gap - top));
        layout.loop = QRectF(page.left() + left + gap, top, page.width() - left - gap, height);
        return layout;
    }
}

StoryboardPage storyboardPage(
    const RunData& run, std::size_t position, const sim::LoopState& before, const sim::LoopState& after)
{
    const sim::StateIndex& index = *run.index;
    const sim::Trace& trace = run.trace;
    const std::size_t steps = index.stepCount();
    position = std::min(position, steps);
    StoryboardPage page;
    page.position = position;

    const QString title = text(run.request.describe());
    const double stepTime = position == 0 ? 0.0 : index.steps()[position - 1].time;
    page.heading = position == 0 ? QObject::tr("%1 — before the first step").arg(title)
                                 : QObject::tr("%1 — step %2 of %3").arg(title).arg(position).arg(steps);
    page.clock = text(sim::describeClock(stepTime, after.now));
    page.why = text(
        position == 0 ? sim::narrateStart() : sim::narrateStep(index, position - 1, before, after, run.listing));
    if (position == steps)
        page.why += QLatin1Char(' ') + text(sim::narrateEnd(index, after));

    const std::size_t printed = std::min<std::size_t>(after.outputLines, trace.outputLines.size());
    const std::size_t fresh = position == 0 ? 0 : printed - std::min<std::size_t>(printed, before.outputLines);
    const std::size_t kept = std::min<std::size_t>(printed, StoryboardPage::maxOutputLines);
    page.earlierOutput = printed - kept;
    for (std::size_t i = printed - kept; i < printed; ++i)
        page.output << QString::fromUtf8(trace.outputLine(i));
    page.newOutput = qsizetype(std::min(fresh, kept));

    const sim::TaskId task = position == 0 ? sim::noId : index.steps()[position - 1].task;
    const int line = task < after.tasks.size() ? after.tasks[task].line : 0;
    const std::string_view who = task == sim::noId ? std::string_view() : trace.taskName(task);
    page.codeCaption = text(sim::describeListingPlace(run.fileName(), position, who, line));
    const int lines = int(sim::listingLineCount(run.listing));
    if (line > 0 && line <= lines) {
        page.codeLine = line;
        page.codeFirst = std::max(1, line - StoryboardPage::codeNeighbours);
        for (int n = page.codeFirst; n <= std::min(lines, line + StoryboardPage::codeNeighbours); ++n) {
            const std::string_view source = sim::listingLine(run.listing, std::size_t(n));
            page.code << QString::fromUtf8(source.data(), qsizetype(source.size()));
        }
    }

    page.loopCaption = QObject::tr("Event loop · loop iteration %1").arg(after.iteration);
    if (position > 0 && after.now > stepTime)
        page.clockMove = text(sim::describeClockMove(stepTime));
    page.loop = sim::summarizeState(after, trace, run.hasQueue());
    return page;
}

StoryboardPage storyboardPage(const RunData& run, std::size_t position)
{
    const sim::LoopState after = run.index->stateAt(position);
    return storyboardPage(run, position, position > 0 ? run.index->stateAt(position - 1) : sim::LoopState {}, after);
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

StoryboardPainter::StoryboardPainter(const RunData& run, const PictureOptions& options, const QRectF& page)
    : m_run(run)
    , m_options(options)
    , m_page(page)
    , m_timeline(std::make_unique<TimelinePainter>(
          RunDataPtr(std::shared_ptr<const RunData>(&run, [](const RunData*) {})))) // borrowed for painting
{
    std::tie(m_timelineScale, m_timelineHeight) = timelineSize(*m_timeline, run, options, page);
}

StoryboardPainter::~StoryboardPainter() = default;

void StoryboardPainter::paint(
    QPainter& painter, const StoryboardPage& page, std::size_t number, std::size_t count) const
{
    const Theme theme = Theme::forKind(m_options.theme);
    const Fonts fonts(painter.font());
    painter.setFont(fonts.sentence);
    const double whyHeight
        = painter.boundingRect(QRectF(0, 0, m_page.width(), m_page.height()), Qt::TextWordWrap, page.why).height();
    const Layout layout = layoutPage(m_page, m_timelineHeight, whyHeight,
        rowHeight(fonts.caption) + double(page.code.size()) * rowHeight(fonts.code));
    painter.fillRect(m_page, theme.background);

    // Heading: the run, the step and the time as the window shows it on the left, the page's
    // number on the right.
    painter.setFont(fonts.title);
    painter.setPen(theme.foreground);
    const QString pageNumber = QStringLiteral("%1 / %2").arg(number).arg(count);
    const double numberWidth = QFontMetricsF(fonts.body).horizontalAdvance(pageNumber) + gap;
    painter.drawText(layout.heading.adjusted(0, 0, -numberWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
        QStringLiteral("%1 · %2").arg(page.heading, page.clock));
    painter.setFont(fonts.body);
    painter.setPen(theme.mutedText);
    painter.drawText(layout.heading, Qt::AlignRight | Qt::AlignVCenter, pageNumber);

    // The timeline up to this point.
    PictureOptions pageOptions = m_options;
    pageOptions.range = ExportRange::UpToCursor;
    pageOptions.cursor = page.position;
    pageOptions.textScale = m_timelineScale;
    TimelineViewport viewport = viewportFor(m_run, pageOptions);
    viewport.showTitle = false;
    if (page.position > 0)
        viewport.scrollY = m_timeline->scrollRevealing(
            m_timeline->layout(layout.timeline, viewport), viewport, m_run.index->steps()[page.position - 1].task);
    painter.save();
    painter.setClipRect(layout.timeline);
    m_timeline->paint(painter, layout.timeline, viewport);
    painter.restore();

    painter.setFont(fonts.sentence);
    painter.setPen(theme.foreground);
    painter.drawText(layout.why, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, page.why);
    drawOutput(painter, layout.output, page, fonts, theme);
    drawCode(painter, layout.code, page, fonts, theme);
    drawLoop(painter, layout.loop, page, fonts, theme);
}

bool writeStoryboard(const QString& path, const RunData& run, const PictureOptions& options, StoryboardPages pages,
    const std::function<bool(std::size_t done, std::size_t total)>& progress, QString* error)
{
    const auto cannotWrite = [&](const QString& why) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, why);
        return false;
    };
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return cannotWrite(QStringLiteral("a storyboard is a PDF (.pdf)"));
    const std::vector<std::size_t> positions = storyboardPositions(run, pages);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(file.errorString());
    QPdfWriter writer(&file);
    writer.setTitle(QStringLiteral("%1 — storyboard").arg(text(run.request.describe())));
    writer.setCreator(QStringLiteral("Loopscope"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer.setResolution(storyboardResolution);
    QPainter qpainter(&writer);
    const StoryboardPainter pagePainter(run, options, QRectF(QPointF(0, 0), QSizeF(writer.width(), writer.height())));

    // Two states carried from page to page: each page moves them on by its own steps.
    sim::LoopState before, after;
    for (std::size_t number = 0; number < positions.size(); ++number) {
        if (progress && !progress(number, positions.size())) {
            qpainter.end();
            file.cancelWriting();
            *error = QStringLiteral("cancelled");
            return false;
        }
        if (number > 0)
            writer.newPage();
        const std::size_t position = positions[number];
        run.index->stateAt(position, after);
        if (position > 0)
            run.index->stateAt(position - 1, before);
        pagePainter.paint(qpainter, storyboardPage(run, position, before, after), number + 1, positions.size());
    }
    qpainter.end();
    if (progress)
        progress(positions.size(), positions.size());
    if (!file.commit())
        return cannotWrite(file.errorString());
    return true;
}

} // namespace ui
