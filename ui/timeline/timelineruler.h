// SPDX-License-Identifier: MIT
#pragma once

#include "timelineaxismap.h"
#include "timelinecoordinates.h"

#include <QRectF>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

class QPainter;

namespace ui {

struct TimelineLayout;
struct TimelineViewport;

// The axis above the lanes. Time axes: seconds labelled at every instant and at round
// times between them; on the lower row a mark per instant (the time axis: the cursor's
// instant is spread out there by TimelineLens) or a band per instant showing its steps side
// by side (the instants axis). Steps axis: step numbers at round intervals, with the
// instants' times ("t = 4 s") on a second row. Labels never overlap: instants first, then
// round ticks where room is left. With a cut-off (TimelineViewport::cutOff) nothing after
// it is labelled or marked.
struct RulerLabel {
    double left, right; // x extent
    QString text;
};
// A ruler row's labels, left to right.
using RulerLabels = std::vector<RulerLabel>;

class TimelineRuler {
public:
    // `topLabels` (may be null) receives the x extents of the labels on the upper row, where
    // the cursor's flag goes: the flag hides the labels it overlaps whole (see
    // TimelinePainter::paintOverlay), not half of them.
    static void paint(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport,
        const TimelineAxisMap& map, const sim::Timeline& timeline, RulerLabels* topLabels = nullptr);

    // The ruler's two rows (across the corner and the ruler); empty without a ruler.
    struct Rows {
        QRectF top, bottom;
    };
    static Rows rows(const TimelineLayout& layout);

    // Calls f(instantIndex, x0, x1) for the instants visible in `coordinates`, left to
    // right, where [x0, x1] is the instant's band (its first step's start to its last
    // step's end). Instants starting less than `minGap` pixels after the previous one are
    // skipped by binary search, so a run with a million instants costs what the screen
    // shows, not what the run holds. Instants from step `endStep` on are left out (a
    // cut-off); a band running past it ends there.
    template <typename F>
    static void forEachVisibleInstant(const TimelineCoordinates& coordinates, const TimelineAxisMap& map,
        const sim::Timeline& timeline, double minGap, F f, std::size_t endStep = SIZE_MAX);
};

template <typename F>
void TimelineRuler::forEachVisibleInstant(const TimelineCoordinates& coordinates, const TimelineAxisMap& map,
    const sim::Timeline& timeline, double minGap, F f, std::size_t endStep)
{
    const auto& instants = timeline.instants();
    const std::size_t steps = std::min(map.stepCount(), endStep);
    if (instants.empty() || steps == 0 || coordinates.isEmpty())
        return;
    // The instant holding the step at `unit`, or the next one after a gap.
    auto instantAt = [&](double unit) {
        const auto step = std::uint32_t(std::min(map.firstStepEndingAfter(unit), steps - 1));
        const auto it = std::ranges::upper_bound(instants, step, {}, &sim::Instant::firstStep);
        return std::size_t(std::max<std::ptrdiff_t>(0, (it - instants.begin()) - 1));
    };
    // From a pixel left of the range: on the time axis an instant at its start has no width.
    std::size_t i = instantAt(coordinates.unitAt(coordinates.pixelLeft - 1));
    while (i < instants.size()) {
        const std::size_t first = instants[i].firstStep;
        if (first >= steps)
            break;
        const std::size_t next = std::min<std::size_t>(i + 1 < instants.size() ? instants[i + 1].firstStep : steps, steps);
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
