// SPDX-License-Identifier: MIT
#include "timelineaxismap.h"

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    // Over the whole run the steps take this share of the instants axis (see the header).
    constexpr double stepShare = 0.5;
    // The time axis zooms in to a ten-thousandth of the run: steps have no width there, so
    // further in shows nothing more.
    constexpr double maxTimeZoom = 1e4;
    // After the last instant the time axis runs on by this share of the run (see the header).
    constexpr double afterTheEnd = 0.04;
}

TimelineAxisMap::TimelineAxisMap(const sim::StateIndex& index, TimelineAxis axis)
    : m_steps(&index.steps())
    , m_index(&index)
    , m_axis(axis)
{
    const auto& steps = *m_steps;
    if (axis != TimelineAxis::Steps && !steps.empty()) {
        m_origin = steps.front().time;
        const double duration = steps.back().time + index.blockedSeconds(steps.size() - 1) - m_origin;
        // A run that never lets the clock move (all steps at one instant) is all steps.
        if (!(duration > 0))
            m_stepWidth = 1.0;
        else if (axis == TimelineAxis::Time)
            m_stepWidth = 0.0;
        else
            m_stepWidth = duration * stepShare / (1 - stepShare) / double(steps.size());
    }
}

double TimelineAxisMap::total() const
{
    const double end = positionUnit(stepCount());
    return isProportional() ? end * (1 + afterTheEnd) : end;
}

double TimelineAxisMap::minVisibleWidth() const
{
    return isProportional() ? total() / maxTimeZoom : 4 * m_stepWidth;
}

double TimelineAxisMap::stepTime(std::size_t step) const
{
    return (*m_steps)[step].time - m_origin;
}

double TimelineAxisMap::clockAt(std::size_t position) const
{
    return position == 0 || !m_index ? 0 : m_index->clockAt(position) - m_origin;
}

double TimelineAxisMap::stepStart(std::size_t step) const
{
    if (m_axis == TimelineAxis::Steps)
        return double(step);
    return stepTime(step) + m_stepWidth * double(step);
}

double TimelineAxisMap::stepExtent(std::size_t step) const
{
    if (m_axis == TimelineAxis::Steps || !m_index->hasBlockedSteps())
        return m_stepWidth;
    return m_stepWidth + m_index->blockedSeconds(step);
}

double TimelineAxisMap::positionUnit(std::size_t position) const
{
    position = std::min(position, stepCount());
    if (position == 0)
        return 0;
    return stepEnd(position - 1);
}

double TimelineAxisMap::segmentStart(const sim::Segment& segment) const
{
    if (segment.state == sim::TaskState::Running && segment.startStep < stepCount())
        return stepStart(segment.startStep);
    return positionUnit(segment.startStep);
}

double TimelineAxisMap::unitAtTime(double seconds) const
{
    if (!m_steps || m_steps->empty())
        return 0;
    // Steps that ran before `seconds`.
    const auto& steps = *m_steps;
    const double absolute = seconds + m_origin;
    const auto before = std::size_t(std::ranges::partition_point(steps, [&](const sim::StepInfo& info) {
        return info.time < absolute;
    }) - steps.begin());
    if (m_axis == TimelineAxis::Steps)
        return double(before);
    return std::max(0.0, seconds) + m_stepWidth * double(before);
}

std::size_t TimelineAxisMap::firstStepEndingAfter(double unit) const
{
    const std::size_t n = stepCount();
    if (n == 0)
        return 0;
    if (m_axis == TimelineAxis::Steps) {
        if (!(unit >= 0))
            return 0;
        return std::min(n, std::size_t(std::floor(unit)));
    }
    // Binary search: stepEnd grows with the step (libstdc++ 12's iota_view does not work
    // with clang 14's ranges, hence by hand).
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (stepEnd(mid) <= unit)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

TimelineAxisMap::Location TimelineAxisMap::locate(double unit) const
{
    const std::size_t n = stepCount();
    const std::size_t step = firstStepEndingAfter(unit);
    if (step >= n)
        return {n, false, n};
    if (unit >= stepStart(step))
        return {step + 1, true, step};
    return {step, false, step}; // in the gap (or before the start): the position there
}

double TimelineAxisMap::timeAt(double unit) const
{
    const std::size_t n = stepCount();
    if (n == 0)
        return 0;
    const Location where = locate(unit);
    if (where.inStep) // a blocked step's clock runs on through it
        return stepTime(where.step)
            + std::clamp(unit - stepStart(where.step) - m_stepWidth, 0.0, stepExtent(where.step) - m_stepWidth);
    if (where.position == 0)
        return stepTime(0);
    if (where.position >= n || m_axis == TimelineAxis::Steps)
        return stepTime(std::min(where.position, n) - 1);
    // In the gap before step `position`: the clock runs at one unit per second there.
    return std::clamp(unit - m_stepWidth * double(where.position), stepTime(where.position - 1),
        stepTime(where.position));
}

double TimelineAxisMap::fractionalPosition(double unit) const
{
    const Location where = locate(unit);
    if (!where.inStep || isProportional())
        return double(where.position);
    return double(where.step) + std::clamp((unit - stepStart(where.step)) / stepExtent(where.step), 0.0, 1.0);
}

double TimelineAxisMap::unitAtFractionalPosition(double position) const
{
    const std::size_t n = stepCount();
    if (n == 0 || !(position > 0))
        return 0;
    if (position >= double(n))
        return total();
    const auto step = std::size_t(position);
    const double fraction = position - double(step);
    if (fraction == 0)
        return positionUnit(step);
    return stepStart(step) + fraction * stepExtent(step);
}

} // namespace ui
