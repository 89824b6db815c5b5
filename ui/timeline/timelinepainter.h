// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "timelineaxismap.h"
#include "timelinecoordinates.h"
#include "timelinelegend.h"
#include "timelinemarks.h"
#include "timelineruler.h"
#include "timelineviewport.h"

#include <QFont>
#include <QRectF>

#include <array>
#include <span>
#include <optional>
#include <vector>

class QPainter;

namespace ui {

// Where everything goes in a target rectangle, for one viewport.
struct TimelineLayout {
    QRectF target;
    QRectF title; // empty unless the viewport shows the title
    QRectF corner; // left of the ruler, above the lane names: the axis name
    QRectF ruler;
    QRectF labels; // the lane names column
    QRectF lanes; // the plot area: segments, arrows, cursor (clip to it)
    QRectF legend; // empty unless the viewport shows the legend
    TimelineCoordinates coordinates; // axis units <-> x, over `lanes`
    double laneHeight = 0;
    double stepMark = 0; // how wide a step is drawn on the time axis, where it has no width
    double contentHeight = 0; // every shown lane stacked
    double fontPixels = 0; // the base type size
    QFont labelFont, smallFont, titleFont;
    int rowCount = 0; // the lanes shown (with hideLaterTasks, those created by the cut-off)
    int firstRow = 0, endRow = 0; // rows [firstRow, endRow) intersect `lanes`

    double rowTop(int row, double scrollY) const { return lanes.top() + row * laneHeight - scrollY; }
};

// What lies under a point.
struct TimelineHit {
    enum class Area { None, Lanes, Ruler, Labels, Lens } area = Area::None; // Lens: see TimelineLens
    int row = -1; // lane row, when over a lane
    sim::TaskId task = sim::noId;
    const sim::Segment* segment = nullptr; // the segment under the point, if any
    std::size_t segmentIndex = 0; // its index in the lane
    double unit = 0; // axis unit under the point
    std::size_t position = 0; // where a click there moves the cursor (a lens cell or a step's mark: after that step)
};

// Draws a run's timeline with QPainter only, so the same code paints the widget and the
// PNG / SVG / PDF exports (text stays text; patterns become vector hatching on vector
// devices). Holds the run and what is derived from it once per run (lane order, the axis
// maps, the arrow index); painting is const and allocates little.
//
// Speed (README, Benchmarks: 1,000,000 steps in 16 ms): only the rows in view are drawn;
// each lane's segments are found by binary search (sorted by startStep); segments
// narrower than a pixel are merged into one pixel column showing the most telling state;
// rectangles are batched by state and drawn without antialiasing; arrows and ties
// (TimelineMarks) come from per-lane indexes and thin out when there are too many to read.
class TimelinePainter {
public:
    TimelinePainter() = default;
    explicit TimelinePainter(RunDataPtr run) { setRun(std::move(run)); }

    // The run to draw (null: an empty picture with a hint).
    void setRun(RunDataPtr run);
    const RunDataPtr& run() const { return m_run; }
    // Lays the instants axis out with the runs compared with this one (`runs` may hold this
    // run too), so that a second is at the same x in each (TimelineAxisMap); with no other
    // run, on its own again. setRun() lays the new run out on its own.
    void alignWith(std::span<const sim::StateIndex* const> runs);
    const TimelineAxisMap& axisMap(TimelineAxis axis) const;
    // Task ids in display order (main, chain 1, ... / Producer 0, ..., Consumer 0, ...).
    const std::vector<sim::TaskId>& rows(bool showInternal) const { return showInternal ? m_allRows : m_publicRows; }
    // The row of `task`, or -1 when it is not shown.
    int rowOf(sim::TaskId task, bool showInternal) const;
    // The vertical scroll that shows `task`'s whole lane: `scrollY` when it already does (or
    // the task has no lane), else the lane centred, within the content.
    double scrollRevealing(const TimelineLayout& layout, const TimelineViewport& viewport, sim::TaskId task) const;
    const WakeArrowIndex& arrowIndex() const { return m_marks.arrows(); }
    // The key under the lanes: the states that occur in the shown lanes (up to the cut-off,
    // if any), arrows, ties, the cursor.
    std::vector<TimelineLegend::Entry> legendEntries(const TimelineViewport& viewport) const;

    TimelineLayout layout(const QRectF& target, const TimelineViewport& viewport) const;
    // The height that shows every lane at `width` (exports).
    double preferredHeight(double width, const TimelineViewport& viewport) const;

    // The whole picture: paintBase, then paintOverlay.
    void paint(QPainter& painter, const QRectF& target, const TimelineViewport& viewport) const;
    // Everything that does not move with the cursor or the mouse (the widget caches it).
    // `rulerLabels` (may be null) receives where the ruler's upper labels went, for paintOverlay.
    void paintBase(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport,
        RulerLabels* rulerLabels = nullptr) const;
    // The future's dimming, the cursor, the current task's marker, the hover outline.
    // The flag hides the ruler labels (from paintBase) it overlaps, whole.
    void paintOverlay(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport,
        const RulerLabels* rulerLabels = nullptr) const;

    TimelineHit hitTest(const TimelineLayout& layout, const TimelineViewport& viewport, QPointF point) const;
    // The bar of segment `index` of `row` (widget coordinates, unclipped).
    QRectF segmentRect(const TimelineLayout& layout, const TimelineViewport& viewport, int row, std::size_t index) const;
    // The x of position `position` in `layout` (unclamped).
    double positionX(const TimelineLayout& layout, const TimelineViewport& viewport, std::size_t position) const;

private:
    struct Visible; // what one paint call works on
    void paintEmpty(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport) const;
    void paintLanes(QPainter& painter, const Visible& visible) const;
    void paintInstantGrid(QPainter& painter, const Visible& visible) const;
    void paintEnding(QPainter& painter, const Visible& visible) const;
    void paintLaneNames(QPainter& painter, const Visible& visible) const;
    // The rows shown: all of them, or with hideLaterTasks those created by the cut-off.
    int shownRowCount(const TimelineViewport& viewport) const;
    // The step drawn as a mark (time axis) whose mark holds `x` in `row`'s lane, if any.
    std::optional<std::size_t> markedSegmentAt(const TimelineLayout& layout, const TimelineViewport& viewport,
        const sim::Lane& lane, double x) const;
    double segmentEnd(const TimelineAxisMap& map, const sim::Lane& lane, std::size_t index) const;

    RunDataPtr m_run;
    TimelineAxisMap m_timeMap, m_instantMap, m_stepMap;
    std::vector<sim::TaskId> m_allRows, m_publicRows;
    std::vector<int> m_rowAll, m_rowPublic; // task -> row
    // Per row, the first step from which its task (and every one above it) exists: lanes
    // are in creation order, so the lanes a cut-off shows are a prefix.
    std::vector<std::uint32_t> m_bornAll, m_bornPublic;
    // Per state, the first step from which a shown lane is drawn in it (UINT32_MAX: never):
    // on the steps axes, and on the time axis, where a state that lasts no time (ready, always)
    // is not drawn at all.
    static constexpr std::size_t stateSlots = 16; // sim::TaskState's values
    struct StatesFrom {
        std::array<std::uint32_t, stateSlots> any, lasting;
    };
    StatesFrom m_statesAll {}, m_statesPublic {};
    std::uint32_t m_firstTieStep = UINT32_MAX;
    TimelineMarks m_marks; // arrows and ties
    std::vector<QString> m_namePatternsAll, m_namePatternsPublic; // the label column fits the widest
};

} // namespace ui
