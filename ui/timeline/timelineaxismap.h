// SPDX-License-Identifier: MIT
#pragma once

#include "stateindex.h"
#include "timeline.h"

#include <cstddef>
#include <memory>
#include <span>

namespace ui {

// The three ways of laying a run out from left to right:
// - Time: virtual time, proportional (equal seconds, equal widths). The steps of one instant
//   take no time, so they share one x; the cursor's instant is spread out in a lens on the
//   ruler (TimelineLens), and stepping with the keys stays exact.
// - Instants: virtual time with every step widened, so the steps of an instant sit side by
//   side (the idle time between instants stays proportional, the instants do not).
// - Steps: every scheduler step the same width.
enum class TimelineAxis { Time, Steps, Instants };

// Where steps and positions of a run lie along the horizontal axis, in axis units.
//
// Steps axis: step s covers [s, s + 1]; position p (p steps done) is at p.
//
// Time axis: a unit is a second (from the first step). Step s covers [t(s), t(s)]: no width.
// The axis runs on a little after the last instant (4% of the run), so that the states the
// tasks end in (done, cancelled, still waiting at a deadlock), entered at the last instant,
// show as a stub instead of vanishing.
//
// Instants axis: steps take no virtual time, yet the order of the steps of one instant must
// stay readable. A fixed pixel spread per instant would keep them apart at the fit zoom
// but never resolve an instant with thousands of steps, however far one zooms in. So
// instead every step gets a small constant width `w` on top of time: step s covers
// [t(s) + w*s, t(s) + w*(s + 1)] (t relative to the first step), and the idle time between
// instants (the loop blocked in select) stays proportional to seconds. `w` is chosen so
// that, over the whole run, the steps take as much room as the time (half the axis each):
// the steps of an instant sit side by side, in run order, in a band that widens with the
// zoom like everything else, and the ruler still reads in seconds between the bands. The
// price: a stretch with many steps looks longer than one of the same seconds with few.
//
// A step that blocked the whole loop (time.sleep in a coroutine, see
// sim::StateIndex::blockedSeconds) lasts its blocked seconds on both time axes: step s then
// covers [start, start + w + blocked], and the next step begins after it.
//
// A run whose clock never moves (every step at one instant) has no seconds to be
// proportional to: both time axes then give each step one unit, as the steps axis does.
//
// Runs compared side by side (two timelines under one view, a comparison picture) must show
// the same second at the same x, but on the instants axis each run would widen its instants
// by its own step width. Built with the runs it is compared with, the instants axis lays
// them all out on their merged instants instead: every instant at which any of them has
// steps is as wide as the most steps one of them takes there, at one step width `w` for all
// (the steps take half the axis over the merged instants), and each run's steps sit side by
// side from their instant's start, the rest of the band idle. Then virtual time t is at the
// same unit in every run's map, between instants and at each instant's start.
//
// Positions: position p is the end of step p - 1 (position 0 is 0). On the time axes the
// gap between the end of step p - 1 and the start of step p is the clock jumping forward.
//
// A value that refers to the StateIndex it was built from; an empty map (no run) has
// total() == 0 and answers 0 / position 0 everywhere.
class TimelineAxisMap {
public:
    TimelineAxisMap() = default;
    TimelineAxisMap(const sim::StateIndex& index, TimelineAxis axis);
    // `index` laid out with the runs compared with it (`compared` may hold `index` too, and
    // null for a run not there yet): on the instants axis on their merged instants (see
    // above), on the other axes as on its own.
    TimelineAxisMap(const sim::StateIndex& index, TimelineAxis axis, std::span<const sim::StateIndex* const> compared);

    TimelineAxis axis() const { return m_axis; }
    std::size_t stepCount() const { return m_steps ? m_steps->size() : 0; }
    // Units from position 0 to the end of the axis (0 for an empty run): the end of the run,
    // and on the time axis a little after it (see above).
    double total() const;
    // Units per step: 1 on the steps axis, w on the instants axis, 0 on the time axis.
    double stepWidth() const { return m_stepWidth; }
    // Seconds read along the axis between instants (the time and the instants axes).
    bool isTime() const { return m_axis != TimelineAxis::Steps; }
    // Steps have no width: every step of an instant sits at the instant's x.
    bool isProportional() const { return m_stepWidth == 0; }

    // Where step `step` (< stepCount) starts and ends.
    double stepStart(std::size_t step) const;
    double stepEnd(std::size_t step) const { return stepStart(step) + stepExtent(step); }
    // How wide step `step` is: the step width, plus the seconds it blocked on the time axes.
    double stepExtent(std::size_t step) const;
    // Where position `position` (0..stepCount, clamped) is.
    double positionUnit(std::size_t position) const;
    // Where a segment begins: a running segment at its step's start, any other state at
    // the end of the step during which the task entered it. A segment ends where the next
    // one of its lane begins (or at positionUnit(endStep) for the last one).
    double segmentStart(const sim::Segment& segment) const;
    // The unit of virtual time `seconds` (for ruler ticks): on the time axes, the idle
    // point at that time, or the start of the instant's first step at exactly an instant;
    // on the steps axis, the position of the first step at or after it.
    double unitAtTime(double seconds) const;
    // Virtual time of step `step`, relative to the run's start (seconds).
    double stepTime(std::size_t step) const;
    // The clock at cursor position `position` (after step position - 1 ended, blocked
    // seconds included), relative to the run's start; 0 at the start.
    double clockAt(std::size_t position) const;
    // Virtual time at `unit` (seconds from the run's start): a step's time on a step; on
    // the time axes, the clock moving between instants in a gap. Clamped to the run.
    double timeAt(double unit) const;

    // The step whose extent contains `unit`, if any.
    struct Location {
        std::size_t position; // the position at or after `unit` (see positionForClick)
        bool inStep; // unit lies on step `step`; otherwise in the gap before `position`
        std::size_t step;
    };
    Location locate(double unit) const;
    // Where a click at `unit` moves the cursor: just after the step under it; in an idle
    // gap, the position at that gap (on the time axis: after every step at or before that
    // time). Clamped to 0..stepCount.
    std::size_t positionForClick(double unit) const { return locate(unit).position; }
    // The first step whose extent ends after `unit` (stepCount if none): visible steps
    // of a range [a, b] are firstStepAfter(a) .. firstStepAfter(b).
    std::size_t firstStepEndingAfter(double unit) const;

    // Positions as real numbers (a step and how far into it), to keep the visible range
    // when the axis changes: fractionalPosition(unit) is in [0, stepCount].
    double fractionalPosition(double unit) const;
    double unitAtFractionalPosition(double position) const;
    // The narrowest visible range zooming in allows: a few steps; on the time axis, where
    // steps have no width, a ten-thousandth of the run.
    double minVisibleWidth() const;

private:
    // The merged instants of compared runs (instants axis only; null otherwise).
    struct MergedInstants {
        std::vector<double> times; // seconds from each run's first step, ascending
        std::vector<double> unitsBefore; // the units of the instants before each; one more: of all
        std::vector<double> stepStarts; // where this run's steps start
    };
    // Seconds along the axis between instants: before `stepsBefore` steps, on this run's
    // own axis; on merged instants, the time of the instant `unit` lies in, else between them.
    double idleTime(double unit, std::size_t stepsBefore) const;

    std::shared_ptr<const MergedInstants> m_merged;
    const std::vector<sim::StepInfo>* m_steps = nullptr;
    const sim::StateIndex* m_index = nullptr;
    TimelineAxis m_axis = TimelineAxis::Steps;
    double m_stepWidth = 1;
    double m_origin = 0; // time of the first step
};

} // namespace ui
