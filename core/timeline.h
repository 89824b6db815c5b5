// SPDX-License-Identifier: MIT
#pragma once

#include "loopstate.h"
#include "trace.h"

#include <span>
#include <vector>

namespace sim {

// A stretch of one task's life in one state. Steps are StateIndex step indices (the trace's
// HandleRun events, counted from 0); a segment
// covers steps [startStep, endStep) — a running segment is exactly its own step.
struct Segment {
    std::uint32_t startStep;
    std::uint32_t endStep;
    double startTime;
    double endTime;
    TaskState state;
    std::uint32_t waitObject = noId; // timer id (sleeping) or future id
    double wakeAt = 0; // sleeping: the deadline
    std::uint16_t line = 0; // Python line the task is on

    // A running step during which the clock moved: it blocked the whole loop (time.sleep
    // in a coroutine, a Blocked event). Its segment lasts as long as it blocked, and every
    // other task's state lasts on behind it.
    bool blocksTheLoop() const { return state == TaskState::Running && endTime > startTime; }
};

// One lane per task, named as the program names it.
struct Lane {
    TaskId task;
    bool internal = false; // asyncio.run's shutdown tasks (hidden by default)
    std::span<const Segment> segments; // sorted by startStep, contiguous, non-overlapping (held by the Timeline)
};

// A wake-up: the handle queued during step `fromStep` (by `fromTask`: the timer's sleeper,
// the putting / finishing / cancelling task, the last gather child) ran as step `toStep`,
// stepping `toTask`.
struct WakeArrow {
    std::uint32_t fromStep;
    TaskId fromTask;
    std::uint32_t toStep;
    TaskId toTask;
    CauseKind cause;
};

// Timers that fell due at the same instant in one iteration: asyncio leaves their order
// undefined; CPython's heap decides it. Steps of their callbacks, in the order they ran.
struct TimerTie {
    double when;
    std::vector<std::uint32_t> steps;
};

// The first step at each distinct virtual time.
struct Instant {
    double time;
    std::uint32_t firstStep;
};

// Everything the timeline draws, derived once from a trace in one pass over its events. It
// needs the trace only, not the StateIndex, so both can be built at the same time.
class Timeline {
public:
    explicit Timeline(const Trace& trace);
    Timeline(const Timeline&) = delete; // the lanes' segments are views into this one's storage
    Timeline& operator=(const Timeline&) = delete;

    const std::vector<Lane>& lanes() const { return m_lanes; }
    const std::vector<WakeArrow>& arrows() const { return m_arrows; }
    const std::vector<TimerTie>& ties() const { return m_ties; }
    const std::vector<Instant>& instants() const { return m_instants; }
    // Steps during which a line was printed (ascending), and the line printed first.
    const std::vector<std::uint32_t>& printSteps() const { return m_printSteps; }
    std::size_t stepCount() const { return m_stepCount; }
    double endTime() const { return m_endTime; }
    // The segment of `lane` covering `step`, or nullptr (before the task existed).
    const Segment* segmentAt(std::size_t lane, std::size_t step) const;
    // The tie group containing `step`, or nullptr.
    const TimerTie* tieAt(std::size_t step) const;

private:
    std::vector<Lane> m_lanes;
    std::vector<Segment> m_segments; // every lane's, lane after lane
    std::vector<WakeArrow> m_arrows;
    std::vector<TimerTie> m_ties;
    std::vector<Instant> m_instants;
    std::vector<std::uint32_t> m_printSteps;
    std::size_t m_stepCount = 0;
    double m_endTime = 0;
};

} // namespace sim
