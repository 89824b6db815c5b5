// SPDX-License-Identifier: MIT
#pragma once

#include "loopstate.h"
#include "stateindex.h"
#include "trace.h"

#include <string>
#include <vector>

namespace sim {

// The loop's state in plain words, shared by the Event loop panel and the handout. Times are
// written "t = 4" with no-break spaces, so that a wrapped line never splits them.

// "t = 4" (no-break spaces).
std::string atTime(double seconds);

// The clock after a step, as the window shows it: "t = 14 s", or "t = 14 s → 18 s" when the
// loop's clock moved on after the step ran (nothing was ready: it slept until the next timer).
// `stepTime` is the time the step ran at (0 before the first step), `now` the loop's clock.
std::string describeClock(double stepTime, double now);
// Why the clock moved on, for when describeClock shows an arrow.
std::string describeClockMove(double stepTime);

// A callback by its recorded name: "report()" for the program's own, "asyncio.timeout's
// deadline, Timeout._on_timeout()" for one of asyncio's (`timer`: it is a timer's callback).
std::string describeCallback(StringId name, const Trace& trace, bool timer);
// What a pending timer will do: "chain 1's sleep", or its callback as describeCallback says it.
std::string describeTimer(TimerId timer, const Trace& trace);
// A synchronisation object: "lock #0"; with its owner: "lock #0 (held by alice)", "lock #0
// (created by main)"; a semaphore with its free slots and who holds the others: "semaphore #1
// (2 slots free, created by main)", "semaphore #1 (1 slot free, 1 taken by download a)",
// "semaphore #1 (every slot taken by download a and download b)".
std::string syncLabel(SyncId sync, const Trace& trace);
std::string describeSync(SyncId sync, const Trace& trace, const LoopState& state);
// The task a task awaits: "task worker (created by main)".
std::string describeAwaitedTask(TaskId task, const Trace& trace);

// One ready-deque entry: what the handle will do, then why it was queued:
// "chain 1: wake-up — its sleep ended at t = 4", "timer of Consumer 4's sleep — fell due at t = 9".
// `state` is the state the entry is in (it says whether the task's cancellation was requested).
std::string describeReadyEntry(const ReadyEntry& entry, const Trace& trace, const LoopState& state);

// Where the task of the step that just ran is in the program, as the Listing panel and the
// handout caption it: "chained.py: chain 1 is at line 19", "...: shutdown_asyncgens is
// asyncio's own code, not in this file" (line 0), "chained.py: nothing has run yet" at
// position 0, the file's name alone when no task ran.
std::string describeListingPlace(std::string_view fileName, std::size_t position, std::string_view task, int line);

// What a step did, in a few words: "chain 1 ran one step", "the timer of chain 2's sleep fired".
std::string describeStep(const StepInfo& step, const Trace& trace);

// The state as headed sections of short lines, for the handout:
//   Ready queue (2), next first      1. chain 3: wake-up — its sleep ended at t = 4   2. ...
//   Timers by deadline (1)           t = 7: chain 3's sleep
//   Queue: 2 items, 2 unfinished     <ab12...> put at t = 3
//   Waiting in get() (2)             Consumer 3, Consumer 1
//   Lock #0 (held by alice)          waiting: bob
// Long lists end in "… and N more" after `maxListed` entries. The queue's sections only when
// `hasQueue`.
struct StateSection {
    std::string heading;
    std::vector<std::string> lines;
    bool operator==(const StateSection&) const = default;
};
std::vector<StateSection> summarizeState(
    const LoopState& state, const Trace& trace, bool hasQueue, std::size_t maxListed = 12);

} // namespace sim
