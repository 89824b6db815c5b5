// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"
#include "loopstate.h"
#include "simulation.h"
#include "trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sim {

// The rules every trace obeys, whoever made it (the engine, the recorder from real CPython, a
// file read back): what CPython 3.11's event loop can do after what it did so far. They live
// here, in one place: the trace file reader refuses the first event that breaks one, so the
// window never shows a run the loop could not have made, and the tests hold the engine's and
// the recorder's traces to the same rules.
//
// Among them: a handle runs only from the head of the ready deque, and only one that was
// queued before its iteration began; a task's step starts only from its own step or wake-up
// handle and only when the task is ready; the clock never goes back, moves only when nothing
// is ready and never past the next timer, and a timer falls due exactly when its deadline is
// reached, never before and never left behind; a task finishes once, after its last step,
// and never while it is still listed as a waiter; every waiter woken or removed was listed;
// queue sizes and unfinished counts add up, queue by queue.
class TraceRules {
public:
    // Checks `event` against the loop as rebuilt from the events before it (`before`) and
    // the ids so far (`trace`: its tasks, timers and items, the event's own included), then
    // notes it. The broken rule in words, or nothing.
    std::optional<std::string> check(const TraceEvent& event, const LoopState& before, const Trace& trace);
    // After the last event (`state`: the loop after all of them), against how the run says it ended.
    std::optional<std::string> checkEnd(const LoopState& state, const Trace& trace, const RunResult& result) const;

private:
    // Where each task is in its life, finer than LoopState's TaskState: a new task and one
    // that yielded may have a step queued, a waiting one a wake-up; a finishing one has ended
    // its last step and owes its TaskFinished.
    enum class Life : std::uint8_t { New, Ready, Running, Yielded, Waiting, Finishing, Finished };
    enum class TimerPlace : std::uint8_t { InHeap, InReady, Gone };
    struct QueueCounts {
        std::uint32_t size = 0;
        std::uint32_t unfinished = 0;
    };

    std::optional<std::string> checkPending(const TraceEvent& event, const LoopState& before);
    std::optional<std::string> checkIteration(const TraceEvent& event, const LoopState& before);
    std::optional<std::string> checkHandle(const TraceEvent& event, const LoopState& before);
    std::optional<std::string> checkStep(const TraceEvent& event, const LoopState& before);
    std::optional<std::string> checkTimer(const TraceEvent& event, const LoopState& before, const Trace& trace);
    std::optional<std::string> checkQueue(const TraceEvent& event, const LoopState& before, const Trace& trace);
    std::optional<std::string> checkWaiter(const TraceEvent& event, const LoopState& before);
    QueueCounts& queue(std::uint32_t id);

    std::vector<Life> m_lives; // by task
    std::vector<std::uint32_t> m_listedWaiters; // by task: futures of its own in a waiter list
    std::vector<TimerPlace> m_timers; // by timer
    std::vector<bool> m_cancelledTimers; // by timer
    std::vector<bool> m_gotItems; // by item
    std::vector<QueueCounts> m_queues; // by queue
    std::size_t m_planned = 0; // handles this iteration may run: those ready at its start, and its due timers
    std::size_t m_ran = 0;
    bool m_inIteration = false;
    bool m_checkDueTimers = false; // the iteration's due timers are being moved to the ready deque
    bool m_interrupted = false; // a teardown began: an iteration may have been left short
    TaskId m_stepOwed = noId; // a step or wake-up handle ran: its task's step starts next
    HandleKind m_stepVia {};
    bool m_ended = false; // a deadlock or a limit ended the run
    std::uint32_t m_printed = 0;
    std::uint64_t m_steps = 0;
    std::uint64_t m_handles = 0;
};

// Every rule over a whole trace, replayed from its start: "event 12 (handle_run, task 3): ..."
// for the first event that breaks one, or the end's problem, or nothing.
std::optional<std::string> firstBrokenRule(const Trace& trace, const RunResult& result);

} // namespace sim
