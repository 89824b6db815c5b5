// SPDX-License-Identifier: MIT
#pragma once

#include "loopstate.h"
#include "trace.h"

#include <vector>

namespace sim {

// One scheduler step: one handle run from the ready deque (a task step, a timer callback,
// a gather callback, the loop's stop callback).
struct StepInfo {
    std::uint32_t event; // index of its HandleRun event; the step lasts until the next step's
    double time; // virtual time when it ran
    std::uint32_t iteration;
    HandleKind kind;
    TaskId task; // the task it steps, or whose timer fired; noId for the stop callback
};

// Positions in a run, and the loop's state at any of them, fast: the state is checkpointed
// every few thousand events, and a seek copies the nearest checkpoint before it and applies
// the events in between. Checkpoints are spaced by the state's size, so their total memory
// stays proportional to the trace (a run with many tasks gets fewer of them).
//
// Positions: 0 is the start (before the first step); p in 1..stepCount() is "after step
// p-1 ran", i.e. just before step p; stepCount() is the end of the run.
class StateIndex {
public:
    explicit StateIndex(const Trace& trace);

    const Trace& trace() const { return *m_trace; }
    std::size_t stepCount() const { return m_steps.size(); }
    const std::vector<StepInfo>& steps() const { return m_steps; }
    // Events [begin, end) belong to step `step` (begin is its HandleRun).
    std::size_t stepBeginEvent(std::size_t step) const { return m_steps[step].event; }
    std::size_t stepEndEvent(std::size_t step) const;
    // The first event index that is not applied at `position`.
    std::size_t eventAtPosition(std::size_t position) const;
    // The loop's state at a position (see above), built from the trace.
    LoopState stateAt(std::size_t position) const;
    // The state after applying events [0, eventCount).
    LoopState stateAfterEvents(std::size_t eventCount) const;
    // The same, into `state`, reusing its memory. When `state` already holds an earlier point
    // of this run, no earlier than the nearest checkpoint, only the events in between are
    // applied: stepping forward costs one step's events. `state` must come from this index.
    void stateAt(std::size_t position, LoopState& state) const;
    void stateAfterEvents(std::size_t eventCount, LoopState& state) const;
    // Seconds step `step` blocked the whole loop (time.sleep in a coroutine: Blocked events):
    // how long it lasts on the time axes. 0 for every step of the engine's programs.
    double blockedSeconds(std::size_t step) const;
    // Whether any step blocked.
    bool hasBlockedSteps() const { return !m_blocks.empty(); }
    // The virtual clock at a position: when the step just before it ended (its start plus
    // the seconds it blocked), 0 at the start. What "now" reads for a cursor there.
    double clockAt(std::size_t position) const;
    std::size_t checkpointCount() const { return m_checkpoints.size(); }
    std::size_t memoryBytes() const;

private:
    const Trace* m_trace;
    std::vector<StepInfo> m_steps;
    std::vector<LoopState> m_checkpoints; // m_checkpoints[i] has eventsApplied ascending
    struct BlockedStep {
        std::uint32_t step;
        double seconds;
    };
    std::vector<BlockedStep> m_blocks; // by step, ascending (few: a recorded program's time.sleep calls)
};

} // namespace sim
