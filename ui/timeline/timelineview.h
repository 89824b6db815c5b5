// SPDX-License-Identifier: MIT
#pragma once

#include "timelineaxismap.h"
#include "timelinecoordinates.h"

#include <QObject>

#include <optional>
#include <vector>

namespace ui {

class TimelinePainter;

// Where the timelines of one window look along their axis: the axis and the visible range,
// one for every TimelineWidget bound to it (the run's and the compared run's), so that
// zooming, scrolling or switching the axis in either moves both. A widget on its own has a
// view of its own; the window's view state is one of these (ui/window/viewstate.h).
//
// Ranges are in axis units, the same in every bound timeline: seconds on the time axis and
// steps on the steps axis are the same for every run, and on the instants axis the view
// lays every bound run out on their merged instants (TimelineAxisMap), so that a second
// is at the same x in each. The extent is the longest bound run: a shorter run's timeline
// runs on blank past its end, at the same scale. The reference, the first timeline bound
// (the window's own), keeps its steps in view when the axis changes.
class TimelineView : public QObject {
    Q_OBJECT
public:
    explicit TimelineView(QObject* parent = nullptr);

    TimelineAxis axis() const { return m_axis; }
    // Keeps the same steps of the reference run in view (and the whole run when it was).
    void setAxis(TimelineAxis axis);
    // The visible range in shared units; none: the whole extent (fit), whatever the runs.
    const std::optional<VisibleRange>& range() const { return m_range; }
    // Held inside the extent and to the narrowest zoom; the whole extent is stored as none.
    // Before any run is bound, stored as given (a saved view waiting for its run).
    void setRange(std::optional<VisibleRange> range);
    void fit() { setRange(std::nullopt); }
    // 0 to the end of the longest run bound, in shared units (0 when none).
    double extent() const;
    // The extent over the visible width: 1 when fit.
    double zoomFactor() const;

    // The timelines bound to this view, by their painters (TimelineWidget::setView): the
    // first bound is the reference. runsChanged(): one of them shows another run now. Each
    // lays the bound runs out together (TimelinePainter::alignWith).
    void attach(TimelinePainter* painter);
    void detach(TimelinePainter* painter);
    void runsChanged();

signals:
    void axisChanged(ui::TimelineAxis axis);
    void runsAligned(); // the bound painters were laid out again: what they drew is stale
    void rangeChanged(); // the range, the axis it is on, or the extent changed

private:
    const TimelinePainter* reference() const;
    std::optional<VisibleRange> held(std::optional<VisibleRange> range) const;

    std::vector<TimelinePainter*> m_painters;
    TimelineAxis m_axis = TimelineAxis::Time;
    std::optional<VisibleRange> m_range;
};

} // namespace ui
