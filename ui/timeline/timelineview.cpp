// SPDX-License-Identifier: MIT
#include "timelineview.h"

#include "timelinepainter.h"

#include <algorithm>

namespace ui {

namespace {
    bool hasRun(const TimelinePainter* painter) { return painter && painter->run(); }
}

TimelineView::TimelineView(QObject* parent)
    : QObject(parent)
{
}

const TimelinePainter* TimelineView::reference() const { return m_painters.empty() ? nullptr : m_painters.front(); }

void TimelineView::attach(TimelinePainter* painter)
{
    if (std::ranges::find(m_painters, painter) == m_painters.end())
        m_painters.push_back(painter);
    runsChanged();
}

void TimelineView::detach(TimelinePainter* painter)
{
    std::erase(m_painters, painter);
    runsChanged();
}

void TimelineView::runsChanged()
{
    std::vector<const sim::StateIndex*> runs;
    for (const TimelinePainter* painter : m_painters)
        if (hasRun(painter))
            runs.push_back(painter->run()->index.get());
    for (TimelinePainter* painter : m_painters)
        painter->alignWith(runs);
    emit runsAligned();
    // The extent may have changed even where the range did not (a fit view spans it): every
    // timeline bound looks again.
    m_range = held(m_range);
    emit rangeChanged();
}

double TimelineView::extent() const
{
    double extent = 0;
    for (const TimelinePainter* painter : m_painters)
        if (hasRun(painter))
            extent = std::max(extent, painter->axisMap(m_axis).total());
    return extent;
}

double TimelineView::zoomFactor() const { return m_range ? m_range->zoomFactor(extent()) : 1.0; }

std::optional<VisibleRange> TimelineView::held(std::optional<VisibleRange> range) const
{
    const double total = extent();
    if (!range || !(total > 0))
        return range; // nothing bound yet: kept for the run to come
    const TimelinePainter* ref = reference();
    const double minWidth = hasRun(ref) ? ref->axisMap(m_axis).minVisibleWidth() : 0.0;
    const VisibleRange clamped = range->clamped(total, minWidth);
    if (clamped.width() >= total * (1 - 1e-9))
        return std::nullopt;
    return clamped;
}

void TimelineView::setRange(std::optional<VisibleRange> range)
{
    range = held(range);
    if (range == m_range)
        return;
    m_range = range;
    emit rangeChanged();
}

void TimelineView::setAxis(TimelineAxis axis)
{
    if (axis == m_axis)
        return;
    const TimelinePainter* ref = reference();
    if (!m_range || !hasRun(ref)) {
        m_axis = axis;
        m_range = held(m_range);
        emit axisChanged(axis);
        emit rangeChanged();
        return;
    }
    const double zoom = zoomFactor();
    const TimelineAxisMap& from = ref->axisMap(m_axis);
    const double first = from.fractionalPosition(m_range->start);
    const double last = from.fractionalPosition(m_range->end);
    m_axis = axis;
    // The same steps in view; but the steps of one instant take no room on the time axis,
    // so a view of a few of them keeps its zoom factor there instead.
    const TimelineAxisMap& to = ref->axisMap(axis);
    const VisibleRange mapped { to.unitAtFractionalPosition(first), to.unitAtFractionalPosition(last) };
    const double width = extent() / zoom;
    const double middle = (mapped.start + mapped.end) / 2;
    m_range = held(mapped.width() >= width * 0.01 ? mapped : VisibleRange { middle - width / 2, middle + width / 2 });
    emit axisChanged(axis);
    emit rangeChanged();
}

} // namespace ui
