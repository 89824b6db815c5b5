// SPDX-License-Identifier: MIT
#pragma once

#include "timelineaxismap.h"
#include "timelinecoordinates.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

class QPainter;

namespace ui {

struct TimelineLayout;
struct TimelineViewport;

// The axis above the lanes. Time axis: seconds labelled at every instant (with a band
// under it showing its steps side by side) and at round times between them. Steps axis:
// step numbers at round intervals, with the instants' times ("t = 4 s") on a second row.
// Labels never overlap: instants first, then round ticks where room is left.
// The x extents (left, right) of a ruler row's labels.
using RulerLabels = std::vector<std::pair<double, double>>;

class TimelineRuler {
public:
    // `topLabels` (may be null) receives the x extents of the labels on the upper row, where
    // the cursor's flag goes: the flag hides the labels it overlaps whole (see
    // TimelinePainter::paintOverlay), not half of them.
    static void paint(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport,
        const TimelineAxisMap& map, const sim::Timeline& timeline, RulerLabels* topLabels = nullptr);

    // Calls f(instantIndex, x0, x1) for the instants visible in `coordinates`, left to
    // right, where [x0, x1] is the instant's band (its first step's start to its last
    // step's end). Instants starting less than `minGap` pixels after the previous one are
    // skipped by binary search, so a run with a million instants costs what the screen
    // shows, not what the run holds.
    template <typename F>
    static void forEachVisibleInstant(const TimelineCoordinates& coordinates, const TimelineAxisMap& map,
        const sim::Timeline& timeline, double minGap, F f);
};

template <typename F>
void TimelineRuler::forEachVisibleInstant(const TimelineCoordinates& coordinates, const TimelineAxisMap& map,
    const sim::Timeline& timeline, double minGap, F f)
{
    const auto& instants = timeline.instants();
    const std::size_t steps = map.stepCount();
    if (instants.empty() || steps == 0 || coordinates.isEmpty())
        return;
    // The instant holding the step at `unit`, or the next one after a gap.
    auto instantAt = [&](double unit) {
        const auto step = std::uint32_t(std::min(map.firstStepEndingAfter(unit), steps - 1));
        const auto it = std::ranges::upper_bound(instants, step, {}, &sim::Instant::firstStep);
        return std::size_t(std::max<std::ptrdiff_t>(0, (it - instants.begin()) - 1));
    };
    std::size_t i = instantAt(coordinates.rangeStart);
    while (i < instants.size()) {
        const std::size_t first = instants[i].firstStep;
        const std::size_t next = i + 1 < instants.size() ? instants[i + 1].firstStep : steps;
        const double u0 = map.stepStart(std::min(first, steps - 1));
        if (u0 > coordinates.rangeEnd)
            break;
        const double x0 = coordinates.x(u0);
        const double x1 = coordinates.x(map.positionUnit(next));
        f(i, x0, x1);
        std::size_t j = instantAt(coordinates.unitAt(x0 + minGap));
        if (j < instants.size() && coordinates.x(map.stepStart(instants[j].firstStep)) < x0 + minGap)
            ++j;
        i = std::max(j, i + 1);
    }
}

} // namespace ui
