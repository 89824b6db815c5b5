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
    // Instants of compared runs closer than this are one: their clocks add the same
    // seconds, perhaps in another order.
    constexpr double sameInstant = 1e-9;

    // A run's instants: seconds from its first step, and how many steps each holds.
    struct InstantSteps {
        double time;
        std::size_t steps;
    };
    std::vector<InstantSteps> instantsOf(const std::vector<sim::StepInfo>& steps)
    {
        std::vector<InstantSteps> instants;
        for (const sim::StepInfo& step : steps) {
            const double time = step.time - steps.front().time;
            if (instants.empty() || time > instants.back().time + sameInstant)
                instants.push_back({time, 0});
            ++instants.back().steps;
        }
        return instants;
    }

    // Both runs' instants in time order, each as many steps as the run with more there.
    std::vector<InstantSteps> merged(const std::vector<InstantSteps>& a, const std::vector<InstantSteps>& b)
    {
        std::vector<InstantSteps> out;
        out.reserve(a.size() + b.size());
        std::size_t i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && a[i].time < b[j].time - sameInstant))
                out.push_back(a[i++]);
            else if (i == a.size() || b[j].time < a[i].time - sameInstant)
                out.push_back(b[j++]);
            else
                out.push_back({a[i].time, std::max(a[i++].steps, b[j++].steps)});
        }
        return out;
    }

    // Seconds from the first step to the end of the last (its blocked seconds included).
    double durationOf(const sim::StateIndex& index)
    {
        const auto& steps = index.steps();
        return steps.back().time + index.blockedSeconds(steps.size() - 1) - steps.front().time;
    }
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

TimelineAxisMap::TimelineAxisMap(
    const sim::StateIndex& index, TimelineAxis axis, std::span<const sim::StateIndex* const> compared)
    : TimelineAxisMap(index, axis)
{
    auto isOther = [&](const sim::StateIndex* run) { return run && run != &index && !run->steps().empty(); };
    if (axis != TimelineAxis::Instants || index.steps().empty() || std::ranges::none_of(compared, isOther))
        return;
    std::vector<InstantSteps> instants = instantsOf(index.steps());
    double duration = durationOf(index);
    for (const sim::StateIndex* run : compared) {
        if (!isOther(run))
            continue;
        instants = merged(instants, instantsOf(run->steps()));
        duration = std::max(duration, durationOf(*run));
    }
    std::size_t widest = 0; // the steps the merged instants hold
    for (const InstantSteps& instant : instants)
        widest += instant.steps;
    m_stepWidth = duration > 0 ? duration * stepShare / (1 - stepShare) / double(widest) : 1.0;

    auto layout = std::make_shared<MergedInstants>();
    layout->times.reserve(instants.size());
    layout->unitsBefore.reserve(instants.size() + 1);
    layout->unitsBefore.push_back(0);
    for (const InstantSteps& instant : instants) {
        layout->times.push_back(instant.time);
        layout->unitsBefore.push_back(layout->unitsBefore.back() + m_stepWidth * double(instant.steps));
    }
    // This run's steps, side by side from the start of their instant.
    layout->stepStarts.reserve(stepCount());
    std::size_t instant = 0, sideBySide = 0;
    for (std::size_t step = 0; step < stepCount(); ++step) {
        const double time = stepTime(step);
        const std::size_t before = instant;
        while (instant + 1 < layout->times.size() && layout->times[instant] < time - sameInstant)
            ++instant;
        sideBySide = step == 0 || instant != before ? 0 : sideBySide + 1;
        layout->stepStarts.push_back(time + layout->unitsBefore[instant] + m_stepWidth * double(sideBySide));
    }
    m_merged = std::move(layout);
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
    if (m_merged)
        return m_merged->stepStarts[step];
    return stepTime(step) + m_stepWidth * double(step);
}

double TimelineAxisMap::stepExtent(std::size_t step) const
{
    if (m_axis == TimelineAxis::Steps || !m_index->hasBlockedSteps())
        return m_stepWidth;
    const double blocked = m_index->blockedSeconds(step);
    if (m_merged && blocked > 0) // to the clock it returned at, over any instants of the others in between
        return unitAtTime(stepTime(step) + blocked) - stepStart(step);
    return m_stepWidth + blocked;
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
    if (m_merged) {
        const auto& times = m_merged->times;
        const auto instants = std::ranges::partition_point(times, [&](double time) {
            return time < seconds - sameInstant;
        }) - times.begin();
        return std::max(0.0, seconds) + m_merged->unitsBefore[std::size_t(instants)];
    }
    return std::max(0.0, seconds) + m_stepWidth * double(before);
}

double TimelineAxisMap::idleTime(double unit, std::size_t stepsBefore) const
{
    if (!m_merged)
        return unit - m_stepWidth * double(stepsBefore);
    // The first instant that ends after `unit` (by hand: see firstStepEndingAfter).
    const auto& times = m_merged->times;
    const auto& before = m_merged->unitsBefore;
    std::size_t lo = 0, hi = times.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (times[mid] + before[mid + 1] <= unit)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < times.size() && unit >= times[lo] + before[lo])
        return times[lo]; // inside that instant's band
    return unit - before[lo];
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
    if (where.inStep) { // a blocked step's clock runs on through it
        const double time = stepTime(where.step);
        if (m_axis == TimelineAxis::Steps || !m_index->hasBlockedSteps())
            return time;
        return std::clamp(idleTime(unit, where.step + 1), time, time + m_index->blockedSeconds(where.step));
    }
    if (where.position == 0)
        return stepTime(0);
    if (where.position >= n || m_axis == TimelineAxis::Steps)
        return stepTime(std::min(where.position, n) - 1);
    // In the gap before step `position`: the clock runs at one unit per second there.
    return std::clamp(idleTime(unit, where.position), stepTime(where.position - 1), stepTime(where.position));
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
