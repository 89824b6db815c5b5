// SPDX-License-Identifier: MIT
#include "timelinepainter.h"

#include "statepaint.h"
#include "timelineformat.h"
#include "timelinelegend.h"
#include "timelinelens.h"
#include "timelineruler.h"
#include "vocabulary.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <QSet>
#include <QPainter>
#include <QStaticText>

#include <algorithm>
#include <climits>
#include <cmath>

namespace ui {

namespace {
    using sim::TaskState;

    QString tr(const char* text)
    {
        return QCoreApplication::translate("ui::TimelinePainter", text);
    }

    constexpr std::size_t stateCount = 16;
    std::size_t slot(TaskState state)
    {
        return std::min(std::size_t(state), stateCount - 1);
    }

    // The text written on a segment wide enough to hold it (a sleep says for how long).
    QString segmentLabel(const sim::Segment& segment)
    {
        if (segment.blocksTheLoop())
            return QStringLiteral("%1 %2").arg(
                QString::fromUtf8(sim::blockingWords().barText), formatSeconds(segment.endTime - segment.startTime));
        const QString text = QString::fromUtf8(sim::words(segment.state).barText);
        if (segment.state == TaskState::Sleeping)
            return QStringLiteral("%1 %2").arg(text, formatSeconds(segment.wakeAt - segment.startTime));
        return text;
    }

    // Vertical placement of each state's bar inside a lane: offset from the lane's top and
    // height, whole pixels.
    struct Band {
        double offset, height;
    };
    Band bandOf(TaskState state, double laneHeight)
    {
        const double gap = std::max(2.0, std::round(laneHeight * 0.13));
        const double height = std::max(2.0, std::round((laneHeight - 2 * gap) * barHeightFraction(state)));
        return {std::round((laneHeight - height) / 2), height};
    }

    // Where a cut-off at `position` stops the picture: the end of the axis when it is the end
    // of the run (the time axis runs on after it).
    double unitOfCut(const TimelineAxisMap& map, std::size_t position)
    {
        return position < map.stepCount() ? map.positionUnit(position) : map.total();
    }

    TimelineLegend::Metrics legendMetrics(const TimelineLayout& layout)
    {
        return {layout.smallFont, layout.fontPixels, layout.laneHeight};
    }
}

struct TimelinePainter::Visible {
    const TimelineLayout& layout;
    const TimelineViewport& viewport;
    const TimelineAxisMap& map;
    const sim::Timeline& timeline;
    const std::vector<sim::TaskId>& rows;
    double upTo; // unit: nothing is drawn after it
    std::size_t upToPosition;
    std::uint32_t firstStep, lastStep; // steps in view
};

void TimelinePainter::setRun(RunDataPtr run)
{
    static_assert(stateSlots == stateCount);
    m_run = std::move(run);
    m_allRows.clear();
    m_publicRows.clear();
    m_rowAll.clear();
    m_rowPublic.clear();
    m_bornAll.clear();
    m_bornPublic.clear();
    for (StatesFrom* states : {&m_statesAll, &m_statesPublic}) {
        states->any.fill(UINT32_MAX);
        states->lasting.fill(UINT32_MAX);
    }
    m_firstTieStep = UINT32_MAX;
    m_namePatternsAll.clear();
    m_namePatternsPublic.clear();
    m_timeMap = {};
    m_instantMap = {};
    m_stepMap = {};
    m_marks = {};
    if (!m_run || !m_run->timeline || !m_run->index)
        return;
    const sim::Timeline& timeline = *m_run->timeline;
    m_timeMap = TimelineAxisMap(*m_run->index, TimelineAxis::Time);
    m_instantMap = TimelineAxisMap(*m_run->index, TimelineAxis::Instants);
    m_stepMap = TimelineAxisMap(*m_run->index, TimelineAxis::Steps);

    // Lanes keep the order the program created its tasks in (main, then the chains /
    // producers / consumers in their loops' order), which is how the programs name them.
    const auto& lanes = timeline.lanes();
    m_rowAll.assign(lanes.size(), -1);
    m_rowPublic.assign(lanes.size(), -1);
    for (const sim::Lane& lane : lanes) {
        // A task exists from the position after the step that created it, where its first
        // segment starts (main: from position 0).
        const std::uint32_t born = lane.segments.empty() ? UINT32_MAX : lane.segments.front().startStep;
        m_rowAll[lane.task] = int(m_allRows.size());
        m_allRows.push_back(lane.task);
        m_bornAll.push_back(std::max(born, m_bornAll.empty() ? 0u : m_bornAll.back()));
        if (!lane.internal) {
            m_rowPublic[lane.task] = int(m_publicRows.size());
            m_publicRows.push_back(lane.task);
            m_bornPublic.push_back(std::max(born, m_bornPublic.empty() ? 0u : m_bornPublic.back()));
        }
        for (const sim::Segment& segment : lane.segments) {
            // (A running step is drawn as a mark on the time axis, and the state a task ends
            // the run in runs on after the end: they always show.)
            const bool lasting = segment.endTime > segment.startTime || segment.state == TaskState::Running
                || segment.endStep >= timeline.stepCount();
            for (StatesFrom* states : {&m_statesAll, &m_statesPublic}) {
                if (states == &m_statesPublic && lane.internal)
                    continue;
                auto& any = states->any[slot(segment.state)];
                any = std::min(any, segment.startStep);
                if (lasting) {
                    auto& from = states->lasting[slot(segment.state)];
                    from = std::min(from, segment.startStep);
                }
            }
        }
    }
    for (const sim::TimerTie& tie : timeline.ties()) {
        if (!tie.steps.empty())
            m_firstTieStep = std::min(m_firstTieStep, tie.steps.front());
    }
    // The label column fits the widest name; measuring 100,000 names on every layout would
    // be slow. Names follow a few patterns ("Producer 17", "Consumer 3999"): one of each
    // pattern (digits counted as the widest digit, see layout()) stands for all of them, the
    // longest patterns first.
    auto candidates = [&](bool withInternal, std::vector<QString>& out) {
        QSet<QString> shapes; // the names with their digits as '0'
        for (const sim::Lane& lane : lanes) {
            if (!withInternal && lane.internal)
                continue;
            QString shape = QString::fromUtf8(m_run->trace.taskName(lane.task));
            for (QChar& c : shape) {
                if (c.isDigit())
                    c = QLatin1Char('0');
            }
            shapes.insert(shape);
        }
        out.assign(shapes.cbegin(), shapes.cend());
        std::ranges::sort(out, [](const QString& a, const QString& b) { return a.size() > b.size(); });
        out.resize(std::min<std::size_t>(out.size(), 256));
    };
    candidates(true, m_namePatternsAll);
    candidates(false, m_namePatternsPublic);
    m_marks = TimelineMarks(*m_run, m_rowAll, m_rowPublic);
}

void TimelinePainter::alignWith(std::span<const sim::StateIndex* const> runs)
{
    if (m_run && m_run->index)
        m_instantMap = TimelineAxisMap(*m_run->index, TimelineAxis::Instants, runs);
}

const TimelineAxisMap& TimelinePainter::axisMap(TimelineAxis axis) const
{
    switch (axis) {
    case TimelineAxis::Time:
        return m_timeMap;
    case TimelineAxis::Instants:
        return m_instantMap;
    case TimelineAxis::Steps:
        break;
    }
    return m_stepMap;
}

int TimelinePainter::shownRowCount(const TimelineViewport& viewport) const
{
    const auto& born = viewport.showInternalTasks ? m_bornAll : m_bornPublic;
    const auto cut = viewport.cutOff();
    if (!viewport.hideLaterTasks || !cut)
        return int(born.size());
    return int(std::ranges::upper_bound(born, std::uint32_t(std::min<std::size_t>(*cut, UINT32_MAX - 1))) - born.begin());
}

std::vector<TimelineLegend::Entry> TimelinePainter::legendEntries(const TimelineViewport& viewport) const
{
    // With a cut-off, only what has been drawn by then: a key listing "cancelled" would
    // tell the class how the story ends.
    const std::size_t cut = viewport.cutOff().value_or(SIZE_MAX);
    const StatesFrom& lanes = viewport.showInternalTasks ? m_statesAll : m_statesPublic;
    const auto& from = axisMap(viewport.axis).isProportional() ? lanes.lasting : lanes.any;
    std::vector<TaskState> states;
    for (TaskState state : Theme::states()) {
        if (from[slot(state)] != UINT32_MAX && from[slot(state)] < cut)
            states.push_back(state);
    }
    return TimelineLegend::entries(states, m_firstTieStep < cut, viewport.showCursor && !viewport.drawUpTo, viewport.theme);
}

int TimelinePainter::rowOf(sim::TaskId task, bool showInternal) const
{
    const auto& rows = showInternal ? m_rowAll : m_rowPublic;
    return task < rows.size() ? rows[task] : -1;
}

TimelineLayout TimelinePainter::layout(const QRectF& target, const TimelineViewport& viewport) const
{
    TimelineLayout l;
    l.target = target;
    const double scale = std::clamp(viewport.textScale, 0.4, 6.0);
    l.fontPixels = 17 * scale;
    l.labelFont = viewport.font;
    l.labelFont.setPixelSize(int(std::lround(l.fontPixels)));
    l.smallFont = viewport.font;
    l.smallFont.setPixelSize(int(std::lround(l.fontPixels * 0.84)));
    l.titleFont = viewport.font;
    l.titleFont.setPixelSize(int(std::lround(l.fontPixels * 1.3)));
    l.titleFont.setBold(true);
    l.laneHeight = std::round(l.fontPixels * 2.2);
    l.stepMark = std::max(3.0, std::round(l.fontPixels * 0.45));

    const double pad = std::round(l.fontPixels * 0.7);
    double labelWidth = 0;
    const QFontMetricsF metrics(l.labelFont);
    // The name patterns (see setRun), their digits all the widest digit.
    QChar widestDigit = QLatin1Char('0');
    for (char digit = '1'; digit <= '9'; ++digit) {
        if (metrics.horizontalAdvance(QLatin1Char(digit)) > metrics.horizontalAdvance(widestDigit))
            widestDigit = QLatin1Char(digit);
    }
    for (QString name : viewport.showInternalTasks ? m_namePatternsAll : m_namePatternsPublic) {
        name.replace(QLatin1Char('0'), widestDigit);
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(name));
    }
    // The corner above the names holds the axis' name.
    labelWidth = std::max(labelWidth, QFontMetricsF(l.smallFont).horizontalAdvance(tr("virtual time")));
    labelWidth = std::clamp(std::ceil(labelWidth + 2 * pad + l.fontPixels * 0.4), std::round(l.fontPixels * 6),
        std::max(std::round(l.fontPixels * 6), std::round(target.width() * 0.35)));

    double top = target.top();
    if (viewport.showTitle) {
        l.title = QRectF(target.left(), top, target.width(), std::round(l.fontPixels * 2.4));
        top = l.title.bottom();
    }
    const double rulerHeight = viewport.showRuler ? std::round(l.fontPixels * 2.9) : 0;
    l.corner = QRectF(target.left(), top, labelWidth, rulerHeight);
    l.ruler = QRectF(target.left() + labelWidth, top, target.width() - labelWidth, rulerHeight);
    top += rulerHeight;

    double bottom = target.bottom();
    l.rowCount = shownRowCount(viewport);
    if (viewport.showLegend && m_run) {
        const auto entries = legendEntries(viewport);
        const double height = std::ceil(TimelineLegend::height(target.width(), legendMetrics(l), entries));
        // The key gives way to the lanes when there is not room for both (large text on a
        // short window): below two lanes' height, the picture would be all key, no run.
        const double lanesLeft = bottom - height - top;
        if (lanesLeft >= 2 * l.laneHeight || lanesLeft >= l.laneHeight * double(l.rowCount)) {
            l.legend = QRectF(target.left(), bottom - height, target.width(), height);
            bottom = l.legend.top();
        }
    }
    l.labels = QRectF(target.left(), top, labelWidth, std::max(0.0, bottom - top));
    l.lanes = QRectF(target.left() + labelWidth, top, std::max(0.0, target.width() - labelWidth), l.labels.height());

    const double margin = std::round(l.fontPixels * 0.6);
    const TimelineAxisMap& map = axisMap(viewport.axis);
    const VisibleRange range = viewport.range.value_or(VisibleRange {0, map.total()});
    l.coordinates = TimelineCoordinates {range.start, range.end, l.lanes.left() + margin,
        std::max(0.0, l.lanes.width() - 2 * margin)};

    l.contentHeight = l.rowCount * l.laneHeight;
    if (l.laneHeight > 0 && l.rowCount > 0) {
        l.firstRow = std::clamp(int(std::floor(viewport.scrollY / l.laneHeight)), 0, l.rowCount);
        l.endRow = std::clamp(int(std::ceil((viewport.scrollY + l.lanes.height()) / l.laneHeight)), l.firstRow, l.rowCount);
    }
    return l;
}

double TimelinePainter::preferredHeight(double width, const TimelineViewport& viewport) const
{
    TimelineViewport whole = viewport;
    whole.scrollY = 0;
    const TimelineLayout l = layout(QRectF(0, 0, width, 1e6), whole);
    return std::ceil(l.lanes.top() + l.contentHeight + l.legend.height());
}

double TimelinePainter::positionX(const TimelineLayout& layout, const TimelineViewport& viewport, std::size_t position) const
{
    return layout.coordinates.x(axisMap(viewport.axis).positionUnit(position));
}

double TimelinePainter::segmentEnd(const TimelineAxisMap& map, const sim::Lane& lane, std::size_t index) const
{
    const sim::Segment& segment = lane.segments[index];
    if (index + 1 < lane.segments.size() && lane.segments[index + 1].startStep == segment.endStep)
        return map.segmentStart(lane.segments[index + 1]);
    // A state the task is still in when the run ends runs to the end of the axis.
    return segment.endStep >= map.stepCount() ? map.total() : map.positionUnit(segment.endStep);
}

QRectF TimelinePainter::segmentRect(const TimelineLayout& layout, const TimelineViewport& viewport, int row,
    std::size_t index) const
{
    const auto& rowList = rows(viewport.showInternalTasks);
    if (!m_run || row < 0 || std::size_t(row) >= rowList.size())
        return {};
    const sim::Lane& lane = m_run->timeline->lanes()[rowList[std::size_t(row)]];
    if (index >= lane.segments.size())
        return {};
    const TimelineAxisMap& map = axisMap(viewport.axis);
    const sim::Segment& segment = lane.segments[index];
    const Band band = bandOf(segment.state, layout.laneHeight);
    const double top = layout.rowTop(row, viewport.scrollY) + band.offset;
    if (map.isProportional() && segment.state == TaskState::Running && !segment.blocksTheLoop()) {
        // A step's mark (see paintLanes).
        const double x = layout.coordinates.clampedX(map.segmentStart(segment), 8 + layout.stepMark);
        return QRectF(std::round(x - layout.stepMark / 2), top, layout.stepMark, band.height);
    }
    double end = segmentEnd(map, lane, index);
    if (const auto cut = viewport.cutOff())
        end = std::min(end, unitOfCut(map, *cut));
    const double x0 = std::round(layout.coordinates.clampedX(map.segmentStart(segment), 8));
    const double x1 = std::round(layout.coordinates.clampedX(end, 8));
    return QRectF(x0, top, std::max(1.0, x1 - x0), band.height);
}

void TimelinePainter::paint(QPainter& painter, const QRectF& target, const TimelineViewport& viewport) const
{
    const TimelineLayout l = layout(target, viewport);
    RulerLabels rulerLabels;
    paintBase(painter, l, viewport, &rulerLabels);
    paintOverlay(painter, l, viewport, &rulerLabels);
}

void TimelinePainter::paintEmpty(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport) const
{
    painter.setFont(layout.labelFont);
    painter.setPen(viewport.theme.mutedText);
    painter.drawText(layout.target, Qt::AlignCenter, m_run ? tr("This run has no steps.") : tr("No run to show yet."));
}

void TimelinePainter::paintBase(
    QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport, RulerLabels* rulerLabels) const
{
    const Theme& theme = viewport.theme;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(layout.target, theme.background);
    const TimelineAxisMap& map = axisMap(viewport.axis);
    if (!m_run || map.stepCount() == 0) {
        paintEmpty(painter, layout, viewport);
        painter.restore();
        return;
    }
    const TimelineCoordinates& c = layout.coordinates;
    const std::size_t upToPosition = std::min(viewport.cutOff().value_or(map.stepCount()), map.stepCount());
    // Steps in view, with those whose mark (time axis: a step at the view's edge has no
    // width, but its mark does) reaches in.
    const auto firstStep = std::uint32_t(map.firstStepEndingAfter(c.unitAt(c.pixelLeft - layout.stepMark)));
    const auto lastStep = std::uint32_t(
        std::min(map.firstStepEndingAfter(c.unitAt(c.pixelRight() + layout.stepMark)), map.stepCount() - 1));
    const Visible v {layout, viewport, map, *m_run->timeline, rows(viewport.showInternalTasks),
        unitOfCut(map, upToPosition), upToPosition, firstStep, lastStep};

    // Every other lane on a faint band, across names and lanes: easier to follow a lane
    // than with separator lines, and calmer on a projector.
    painter.setClipRect(layout.labels.united(layout.lanes));
    for (int row = layout.firstRow; row < layout.endRow; ++row) {
        if (row % 2 == 1)
            painter.fillRect(QRectF(layout.target.left(), layout.rowTop(row, viewport.scrollY), layout.target.width(),
                                 layout.laneHeight),
                theme.laneSeparator);
    }
   
    painter.setClipRect(layout.lanes);
    paintInstantGrid(painter, v);
    paintLanes(painter, v);
    const MarksView marks {layout, viewport, map, firstStep, lastStep, upToPosition, v.rows,
        viewport.showInternalTasks ? m_rowAll : m_rowPublic, layout.rowCount};
    m_marks.paintArrows(painter, marks);
    m_marks.paintTies(painter, marks);
    painter.setClipRect(layout.labels);
    paintLaneNames(painter, v);
    painter.setClipping(false);
    painter.fillRect(QRectF(layout.lanes.left(), layout.lanes.top(), 1, layout.lanes.height()), theme.grid);

    TimelineRuler::paint(painter, layout, viewport, map, *m_run->timeline, rulerLabels);
    paintEnding(painter, v); // over the lanes and the ruler
    if (!layout.legend.isEmpty())
        TimelineLegend::paint(painter, layout.legend, legendMetrics(layout), legendEntries(viewport), theme);
    if (!layout.title.isEmpty()) {
        painter.setFont(layout.titleFont);
        painter.setPen(theme.foreground);
        const QString title = viewport.title.isEmpty() ? QString::fromStdString(m_run->request.describe()) : viewport.title;
        const QRectF box = layout.title.adjusted(layout.fontPixels * 0.7, 0, -layout.fontPixels * 0.7, 0);
        // Elided rather than cut when narrower than the title (a 320-point picture).
        painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(layout.titleFont).elidedText(title, Qt::ElideRight, box.width()));
    }
    painter.restore();
}

// A run that did not complete (deadlock, limit, cancel, an exception) says so where it stopped: a
// vermillion line at the end with a label, so the picture alone tells the class.
void TimelinePainter::paintEnding(QPainter& painter, const Visible& v) const
{
    const sim::RunStatus status = m_run->result.status;
    if (status == sim::RunStatus::Completed || v.upToPosition < v.map.stepCount())
        return;
    const QRectF& lanes = v.layout.lanes;
    // On the time axis, just after the last steps' marks, which stay whole.
    const double x = std::round(v.layout.coordinates.x(v.map.positionUnit(v.map.stepCount())))
        + (v.map.isProportional() ? std::ceil(v.layout.stepMark / 2) + 1 : 0);
    if (x < lanes.left() - 1 || x > lanes.right() + 1)
        return;
    const QColor colour(0xD5, 0x5E, 0x00); // Okabe-Ito vermillion
    painter.fillRect(QRectF(x - 1, lanes.top(), 3, lanes.height()), colour);
    const QString at = formatTime(v.map.timeAt(v.map.total()));
    // Short, as it covers the ruler's last labels (it restates the time they would say); the
    // Why panel and the status bar say why.
    const QString label = status == sim::RunStatus::Deadlock ? QObject::tr("deadlock at %1").arg(at)
        : status == sim::RunStatus::LimitReached             ? QObject::tr("stopped at %1: limit").arg(at)
        : status == sim::RunStatus::Failed                   ? QObject::tr("failed at %1").arg(at)
                                                             : QObject::tr("cancelled at %1").arg(at);
    painter.setFont(v.layout.smallFont);
    const QFontMetricsF metrics(v.layout.smallFont);
    const double width = metrics.horizontalAdvance(label) + metrics.height();
    // On the ruler's lower row, ending at the line: over the lanes it hid the last steps and
    // the wake-up that led there.
    const QRectF& ruler = v.layout.ruler;
    const double height = metrics.height() * 1.4;
    QRectF box(x - width - 4, lanes.top() + 4, width, height);
    if (!ruler.isEmpty())
        box.moveTop(std::max(ruler.top(), ruler.bottom() - height - 2));
    if (box.left() < lanes.left())
        box.moveLeft(x + 4);
    painter.fillRect(box, colour);
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, label);
}

void TimelinePainter::paintInstantGrid(QPainter& painter, const Visible& v) const
{
    // A faint line where each instant begins: the clock jumped there.
    const QRectF& lanes = v.layout.lanes;
    TimelineRuler::forEachVisibleInstant(v.layout.coordinates, v.map, v.timeline, 6.0, [&](std::size_t, double x0, double) {
        if (x0 >= lanes.left() && x0 <= lanes.right())
            painter.fillRect(QRectF(std::round(x0), lanes.top(), 1, lanes.height()), v.viewport.theme.grid);
    }, v.upToPosition);
}

void TimelinePainter::paintLanes(QPainter& painter, const Visible& v) const
{
    const TimelineLayout& layout = v.layout;
    const TimelineCoordinates& c = layout.coordinates;
    const auto& lanes = v.timeline.lanes();
    std::array<std::vector<QRectF>, stateCount> rects;
    std::array<Band, stateCount> bands;
    for (TaskState state : Theme::states())
        bands[slot(state)] = bandOf(state, layout.laneHeight);

    struct Label {
        const sim::Segment* segment;
        double left, right, top;
        bool whole; // entirely in view: the word goes in its middle, else at the visible start
    };
    std::vector<Label> labels;
    // On the time axis a step has no width: it is drawn as a mark `stepMark` wide centred on
    // its instant, over the bars (which keep their lengths in seconds).
    const bool marked = v.map.isProportional();
    std::vector<QRectF> marks;
    const Band runningBand = bandOf(TaskState::Running, layout.laneHeight);
    const double minLabelWidth = layout.fontPixels * 3;
    const double rangeEnd = std::min(c.rangeEnd, v.upTo);
    // Bars cut by the view's edges run to the lanes' border (past the plot's margin).
    const double edge = c.pixelLeft - layout.lanes.left() + 2;

    for (int row = layout.firstRow; row < layout.endRow; ++row) {
        const sim::Lane& lane = lanes[v.rows[std::size_t(row)]];
        const auto& segments = lane.segments;
        if (segments.empty())
            continue;
        const double top = layout.rowTop(row, v.viewport.scrollY);

        // Rectangles of one lane go into the per-state batches. Consecutive rectangles of
        // one state that touch become one; segments narrower than a pixel share a pixel
        // column, drawn in the state that tells the most (mergePriority).
        int lastSlot = -1;
        std::size_t lastIndex = 0;
        double lastRight = -1e300;
        // `narrow`: a merged pixel column. Only those join their neighbours; wide segments
        // stay separate rectangles so that their outlines show where each step begins.
        bool lastNarrow = false;
        auto add = [&](TaskState state, double left, double right, bool narrow) {
            const std::size_t s = slot(state);
            if (narrow && lastNarrow && int(s) == lastSlot && lastRight == left) {
                rects[s][lastIndex].setRight(right);
            } else {
                rects[s].emplace_back(left, top + bands[s].offset, right - left, bands[s].height);
                lastSlot = int(s);
                lastIndex = rects[s].size() - 1;
            }
            lastRight = right;
            lastNarrow = narrow;
        };
        int column = INT_MIN;
        TaskState columnState = TaskState::Done;
        auto flushColumn = [&] {
            if (column != INT_MIN)
                add(columnState, std::max(double(column), lastRight), std::max(double(column), lastRight) + 1, true);
            column = INT_MIN;
        };

        // The first segment in view: the last one starting at or before the first visible
        // step (segments are sorted by startStep and contiguous).
        const auto it = std::ranges::upper_bound(segments, v.firstStep, {}, &sim::Segment::startStep);
        for (std::size_t i = std::size_t(std::max<std::ptrdiff_t>(0, (it - segments.begin()) - 1)); i < segments.size(); ++i) {
            const sim::Segment& segment = segments[i];
            const double u0 = v.map.segmentStart(segment);
            // Past the cut-off by steps, not units: on the time axis the steps before and
            // after it at its instant share one x.
            if (u0 > rangeEnd || segment.startStep >= v.upToPosition)
                break;
            const double u1 = std::min(segmentEnd(v.map, lane, i), v.upTo);
            if (u1 < c.rangeStart)
                continue;
            // A step that blocked the loop lasts: a bar as long as it blocked, with its words.
            if (marked && segment.state == TaskState::Running && !segment.blocksTheLoop()) {
                const double x = c.x(u0);
                if (x >= c.pixelLeft - layout.stepMark && x <= c.pixelRight() + layout.stepMark)
                    marks.emplace_back(std::round(x - layout.stepMark / 2), top + runningBand.offset, layout.stepMark,
                        runningBand.height);
                continue;
            }
            if (marked && !(u1 > u0))
                continue; // a state that lasted no time (ready, then run at the same instant)
            const double left = std::round(c.clampedX(u0, edge));
            const double right = std::round(c.clampedX(u1, edge));
            if (right > left) {
                // A pending pixel column keeps its pixel; the wide segment starts after it.
                flushColumn();
                const double from = std::max(left, lastRight);
                if (from < right)
                    add(segment.state, from, right, right - from < 2);
                if (right - left >= minLabelWidth && (segment.state != TaskState::Running || segment.blocksTheLoop()))
                    labels.push_back({&segment, left, right, top, u0 >= c.rangeStart && u1 <= c.rangeEnd});
            } else if (column == int(left)) {
                if (mergePriority(segment.state) > mergePriority(columnState))
                    columnState = segment.state;
            } else {
                flushColumn();
                column = int(left);
                columnState = segment.state;
            }
        }
        flushColumn();
    }

    const double patternSpacing = std::max(5.0, std::round(layout.fontPixels * 0.5));
    for (TaskState state : Theme::states())
        paintStateRects(painter, v.viewport.theme.style(state), rects[slot(state)], patternSpacing);
    paintStateRects(painter, v.viewport.theme.style(TaskState::Running), marks, patternSpacing);

    // Words on the wide segments ("sleeping 4 s", "queue.get()"), on a pill so the pattern
    // does not fight the letters. A segment cut by the edge keeps its word in view. The
    // same few words repeat all over a big run, so each is laid out once per paint
    // (QStaticText), not once per segment.
    if (labels.empty() || labels.size() > 4000)
        return;
    const Theme& theme = v.viewport.theme;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(layout.smallFont);
    const QFontMetricsF metrics(layout.smallFont);
    const double padX = std::round(layout.fontPixels * 0.35);
    const double height = std::round(metrics.height() + 2);
    QColor pill = theme.background;
    pill.setAlphaF(0.88);
    const double lanesLeft = layout.lanes.left() + 2, lanesRight = layout.lanes.right() - 2;
    struct Word {
        QStaticText text;
        double width;
    };
    QHash<QString, Word> words;
    for (const Label& label : labels) {
        const QString text = segmentLabel(*label.segment);
        auto word = words.find(text);
        if (word == words.end()) {
            QStaticText laidOut(text);
            laidOut.setTextFormat(Qt::PlainText);
            laidOut.prepare(painter.transform(), layout.smallFont);
            word = words.insert(text, Word {laidOut, std::ceil(metrics.horizontalAdvance(text))});
        }
        const double width = word->width + 2 * padX;
        const double left = std::max(label.left, lanesLeft), right = std::min(label.right, lanesRight);
        if (right - left < width + 2 * padX)
            continue;
        const double x = label.whole ? std::round((left + right - width) / 2) : std::round(left + padX);
        const QRectF box(x, std::round(label.top + (layout.laneHeight - height) / 2), width, height);
        painter.setPen(Qt::NoPen);
        painter.setBrush(pill);
        painter.drawRoundedRect(box, height * 0.3, height * 0.3);
        painter.setPen(theme.foreground);
        painter.drawStaticText(QPointF(x + padX, box.top() + (height - metrics.height()) / 2), word->text);
    }
    painter.restore();
}

void TimelinePainter::paintLaneNames(QPainter& painter, const Visible& v) const
{
    const TimelineLayout& layout = v.layout;
    const Theme& theme = v.viewport.theme;
    const double pad = std::round(layout.fontPixels * 0.7);
    QFont italic = layout.labelFont;
    italic.setItalic(true);
    const QFontMetricsF metrics(layout.labelFont);
    const double width = layout.labels.width() - 2 * pad;
    for (int row = layout.firstRow; row < layout.endRow; ++row) {
        const sim::TaskId task = v.rows[std::size_t(row)];
        const bool internal = v.timeline.lanes()[task].internal;
        painter.setFont(internal ? italic : layout.labelFont);
        painter.setPen(internal ? theme.mutedText : theme.foreground);
        // Cut keeping the number when the column is at its widest: "Produ… 1997" and "Produ…
        // 1998" stay apart, where "Producer 1…" would not.
        const QString name = elideName(metrics, QString::fromUtf8(m_run->trace.taskName(task)), width);
        painter.drawText(QRectF(layout.labels.left() + pad, layout.rowTop(row, v.viewport.scrollY), width, layout.laneHeight),
            Qt::AlignLeft | Qt::AlignVCenter, name);
    }
}

void TimelinePainter::paintOverlay(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport,
    const RulerLabels* rulerLabels) const
{
    const TimelineAxisMap& map = axisMap(viewport.axis);
    if (!m_run || map.stepCount() == 0)
        return;
    const Theme& theme = viewport.theme;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    const std::size_t cursor = std::min(viewport.cursor, map.stepCount());
    const double x = std::round(positionX(layout, viewport, cursor));
    const QRectF& lanes = layout.lanes;

    if (viewport.showCursor && viewport.dimFuture && !viewport.cutOff() && x < lanes.right()) {
        // "Now" is the cursor: what follows is known but has not happened yet.
        QColor veil = theme.background;
        veil.setAlphaF(theme.kind() == ThemeKind::Dark ? 0.55 : 0.5);
        const double left = std::max(x, lanes.left());
        painter.fillRect(QRectF(left, lanes.top(), lanes.right() - left, lanes.height()), veil);
    }

    if (viewport.hoverRow >= 0 && viewport.hoverRow >= layout.firstRow && viewport.hoverRow < layout.endRow) {
        const QRectF box = segmentRect(layout, viewport, viewport.hoverRow, viewport.hoverSegment).intersected(lanes);
        if (!box.isEmpty()) {
            painter.setClipRect(lanes);
            painter.setPen(QPen(theme.foreground, 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box.adjusted(-1, -1, 1, 1));
            painter.setClipping(false);
        }
    }

    if (viewport.showCursor) {
        // The task whose step just ran gets a mark by its name.
        if (cursor > 0) {
            const int row = rowOf(m_run->index->steps()[cursor - 1].task, viewport.showInternalTasks);
            if (row >= layout.firstRow && row < layout.endRow) {
                const double top = layout.rowTop(row, viewport.scrollY);
                painter.setClipRect(layout.labels);
                painter.fillRect(QRectF(layout.labels.left(), top + std::round(layout.laneHeight * 0.15),
                                     std::max(3.0, std::round(layout.fontPixels * 0.28)), std::round(layout.laneHeight * 0.7)),
                    theme.cursor);
                painter.setClipping(false);
            }
        }
        // On the time axis the steps of an instant share one x: the step that just ran is
        // outlined in its lane, and the lens on the ruler shows where it is in its instant.
        const TimelineLens lens = TimelineLens::of(layout, viewport, map, *m_run->timeline);
        if (cursor > 0 && map.isProportional()) {
            const sim::TaskId task = m_run->index->steps()[cursor - 1].task;
            const int row = rowOf(task, viewport.showInternalTasks);
            const sim::Lane& lane = m_run->timeline->lanes()[task];
            const auto it = std::ranges::upper_bound(lane.segments, std::uint32_t(cursor - 1), {}, &sim::Segment::startStep);
            // (A step that ran no task, a timer's callback, has no mark: its lane's name is marked.)
            const bool ranTheTask = it != lane.segments.begin() && std::prev(it)->state == TaskState::Running
                && std::prev(it)->startStep == cursor - 1;
            if (row >= layout.firstRow && row < layout.endRow && ranTheTask) {
                const QRectF mark = segmentRect(layout, viewport, row, std::size_t(it - lane.segments.begin()) - 1);
                painter.setClipRect(lanes);
                painter.setPen(QPen(theme.cursor, 2));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(mark.adjusted(-2, -2, 2, 2));
                painter.setClipping(false);
            }
        }
        if (x >= lanes.left() - 2 && x <= lanes.right() + 2) {
            lens.paint(painter, layout, viewport);
            const double width = std::max(2.0, std::round(layout.fontPixels * 0.18));
            const double top = layout.ruler.isEmpty() ? lanes.top()
                : lens.isEmpty()                      ? layout.ruler.top() + layout.ruler.height() * 0.5
                                                      : lens.box().bottom();
            painter.fillRect(QRectF(x - std::floor(width / 2), top, width, lanes.bottom() - top), theme.cursor);
            if (map.isProportional() && !lens.isEmpty()) {
                // On the time axis the line runs through the cursor's instant, where its
                // tie badges are: they go back on top, their order readable.
                const MarksView marks {layout, viewport, map, std::uint32_t(lens.instantFirst()),
                    std::uint32_t(lens.instantEnd() - 1), std::min(viewport.cutOff().value_or(map.stepCount()), map.stepCount()),
                    rows(viewport.showInternalTasks), viewport.showInternalTasks ? m_rowAll : m_rowPublic, layout.rowCount};
                painter.setClipRect(lanes);
                m_marks.paintTies(painter, marks);
                painter.setClipping(false);
            }
            if (!layout.ruler.isEmpty()) {
                // A flag on the ruler saying where "now" is.
                const QString text = map.isTime() ? formatTime(map.clockAt(cursor))
                                                  : tr("step %1").arg(cursor);
                QFont font = layout.smallFont;
                font.setBold(true);
                const QFontMetricsF metrics(font);
                const double w = std::ceil(metrics.horizontalAdvance(text) + layout.fontPixels * 0.8);
                const double h = std::round(layout.ruler.height() * 0.5 - 4);
                const double left = std::clamp(x - w / 2, layout.ruler.left() + 1, layout.ruler.right() - w - 1);
                const QRectF flag(std::round(left), layout.ruler.top() + 2, w, h);
                // Labels the flag would cut ("t = 0 s" over "1 s" left a stray "s") go whole.
                const double gap = layout.fontPixels * 0.3;
                for (const RulerLabel& label : rulerLabels ? *rulerLabels : RulerLabels {}) {
                    if (label.right + gap > flag.left() && label.left - gap < flag.right())
                        painter.fillRect(QRectF(std::floor(label.left) - 2, layout.ruler.top(),
                                             std::ceil(label.right - label.left) + 4, flag.bottom() - layout.ruler.top() + 1),
                            theme.background);
                }
                painter.setRenderHint(QPainter::Antialiasing, true);
                painter.setPen(Qt::NoPen);
                painter.setBrush(theme.cursor);
                painter.drawRoundedRect(flag, h * 0.25, h * 0.25);
                painter.setFont(font);
                painter.setPen(theme.kind() == ThemeKind::Dark ? QColor(0x10, 0x12, 0x14) : QColor(Qt::white));
                painter.drawText(flag, Qt::AlignCenter, text);
            }
        }
    }
    painter.restore();
}

double TimelinePainter::scrollRevealing(const TimelineLayout& layout, const TimelineViewport& viewport, sim::TaskId task) const
{
    const int row = rowOf(task, viewport.showInternalTasks);
    const double top = row * layout.laneHeight;
    if (row < 0 || (top >= viewport.scrollY && top + layout.laneHeight <= viewport.scrollY + layout.lanes.height()))
        return viewport.scrollY;
    return std::clamp(top + layout.laneHeight / 2 - layout.lanes.height() / 2, 0.0,
        std::max(0.0, layout.contentHeight - layout.lanes.height()));
}

std::optional<std::size_t> TimelinePainter::markedSegmentAt(const TimelineLayout& layout, const TimelineViewport& viewport,
    const sim::Lane& lane, double x) const
{
    const TimelineAxisMap& map = axisMap(viewport.axis);
    const TimelineCoordinates& c = layout.coordinates;
    const double half = layout.stepMark / 2 + 1;
    const double from = c.unitAt(x - half), to = c.unitAt(x + half);
    const std::size_t cut = viewport.cutOff().value_or(SIZE_MAX);
    const auto& segments = lane.segments;
    const auto it = std::ranges::partition_point(segments, [&](const sim::Segment& s) { return map.segmentStart(s) <= to; });
    // The nearest mark; of marks at one x (a task stepping twice at one instant), the later,
    // drawn on top. A lane has few segments at one instant: a short walk back.
    std::optional<std::size_t> best;
    double bestDistance = 0;
    std::size_t index = std::size_t(it - segments.begin());
    for (int looked = 0; index > 0 && looked < 64; ++looked) {
        --index;
        const double unit = map.segmentStart(segments[index]);
        if (unit < from)
            break;
        if (segments[index].state != TaskState::Running || segments[index].startStep >= cut)
            continue;
        const double distance = std::abs(c.x(unit) - x);
        if (!best || distance < bestDistance) {
            best = index;
            bestDistance = distance;
        }
    }
    return best;
}

TimelineHit TimelinePainter::hitTest(const TimelineLayout& layout, const TimelineViewport& viewport, QPointF point) const
{
    TimelineHit hit;
    const TimelineAxisMap& map = axisMap(viewport.axis);
    if (!m_run || map.stepCount() == 0)
        return hit;
    hit.unit = layout.coordinates.unitAt(point.x());
    hit.position = map.positionForClick(hit.unit);
    if (layout.ruler.contains(point)) {
        const TimelineLens lens = TimelineLens::of(layout, viewport, map, *m_run->timeline);
        if (lens.box().contains(point)) {
            // A cell: after that step; the lens' frame: where the cursor is.
            hit.area = TimelineHit::Area::Lens;
            const auto step = lens.stepAt(point);
            hit.position = step ? *step + 1 : std::min(viewport.cursor, map.stepCount());
            return hit;
        }
        hit.area = TimelineHit::Area::Ruler;
        return hit;
    }
    const bool inLanes = layout.lanes.contains(point);
    if (!inLanes && !layout.labels.contains(point))
        return hit;
    hit.area = inLanes ? TimelineHit::Area::Lanes : TimelineHit::Area::Labels;
    const double y = point.y() - layout.lanes.top() + viewport.scrollY;
    const int row = layout.laneHeight > 0 ? int(std::floor(y / layout.laneHeight)) : -1;
    if (row < 0 || row >= layout.rowCount)
        return hit;
    hit.row = row;
    hit.task = rows(viewport.showInternalTasks)[std::size_t(row)];
    if (!inLanes)
        return hit;
    const sim::Lane& lane = m_run->timeline->lanes()[hit.task];
    const auto& segments = lane.segments;
    if (map.isProportional()) {
        if (const auto index = markedSegmentAt(layout, viewport, lane, point.x())) {
            hit.segment = &segments[*index];
            hit.segmentIndex = *index;
            hit.position = segments[*index].startStep + 1;
            return hit;
        }
    }
    // The segment whose [start, end) holds the unit: the last one starting at or before it
    // (and before the cut-off: the future, not drawn, has nothing to hover).
    const auto it = std::ranges::partition_point(segments, [&](const sim::Segment& s) {
        return map.segmentStart(s) <= hit.unit;
    });
    if (it == segments.begin())
        return hit;
    const std::size_t index = std::size_t(it - segments.begin()) - 1;
    double end = segmentEnd(map, lane, index);
    const auto cut = viewport.cutOff();
    if (cut) {
        end = std::min(end, unitOfCut(map, *cut));
        if (segments[index].startStep >= *cut)
            return hit;
    }
    if (hit.unit < end
        && !(map.isProportional() && segments[index].state == TaskState::Running && !segments[index].blocksTheLoop())) {
        hit.segment = &segments[index];
        hit.segmentIndex = index;
    }
    return hit;
}

} // namespace ui
