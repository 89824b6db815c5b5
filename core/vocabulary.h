// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"
#include "loopstate.h"
#include "trace.h"

#include <string_view>

namespace sim {

// The words Loopscope uses for the loop's states and kinds, in one place. The JSONL trace,
// the Chrome trace, the legend, the tooltips, the panels, the handout and the Why sentences
// all take them from here, so a new kind of wait (a lock, a semaphore, an event, a timeout)
// is one entry per table below plus its sentence in narration.cpp.
//
// `name` is the stable snake_case id the JSONL trace file writes: never change one (files
// written by earlier versions are read by tools that match on it). `label` and the phrases
// are for people and may be reworded; tests compare them through these tables.

// A task's state, as every view says it.
struct StateWords {
    std::string_view name; // "waiting_get"
    std::string_view label; // legend, tooltip heading, Chrome trace slice: "waiting on queue.get()"
    std::string_view barText; // written on a wide enough bar of the timeline: "queue.get()"
    std::string_view awaited; // what it is suspended in: "queue.get()", "asyncio.sleep()"; "nothing" when finished
    std::string_view waitedBecause; // the tooltip's reason, after `awaited`: "the queue was empty" (may be empty)
    // How a sentence tells that a step left the task in this state: what the task did
    // ("gave control back to the loop", "returned"), then, after the line it did it at, what
    // that means ("the queue is empty, so it waits for an item"). Narration adds what only it
    // knows (how long a sleep lasts, how many items are unfinished).
    std::string_view stepVerb;
    std::string_view stepEnding;
};
const StateWords& words(TaskState state);

// A running step that blocked the whole loop (time.sleep in a coroutine): the task runs, so
// its state stays Running, but the timeline marks the step, the tooltip and the Why say it
// (name "blocking": the Chrome trace's slice; label: "blocking the loop").
const StateWords& blockingWords();

// Whether the task is suspended on something that another step or a timer must complete
// (not ready, not running, not finished).
bool isWaiting(TaskState state);

// A handle in the ready deque.
struct HandleWords {
    std::string_view name; // "task_wakeup"
    std::string_view label; // "wake-up"
};
const HandleWords& words(HandleKind kind);

// What a future stands for.
struct FutureWords {
    std::string_view name; // "queue_getter"
    // What the task that completed it did, after its name: "Producer 0 put an item in the queue".
    std::string_view completedBy;
};
const FutureWords& words(FutureKind kind);

// One of the queue's waiter lists.
struct WaiterListWords {
    std::string_view name; // "getters"
    std::string_view label; // "waiting in get()"
};
const WaiterListWords& words(WaiterList list);

// An asyncio.Lock / Semaphore / Event / Condition.
struct SyncWords {
    std::string_view name; // "lock": the trace file's
    std::string_view label; // "lock": "lock #0"
    std::string_view constructor; // "asyncio.Lock()"
    std::string_view wokenBy; // what the task that woke a waiter did to it: "released", "set", "notified",
                              // "gave it a slot of" (a semaphore: the slot is taken for the waiter)
    TaskState waitState; // the state of a task waiting on it
};
const SyncWords& words(SyncKind kind);

// What one of asyncio's own callbacks is for, by its recorded name ("Timeout._on_timeout"):
// "asyncio.timeout's deadline", or as a timer's callback (`timer`) "wait_for's timeout";
// empty for a callback of the program's own.
struct CallbackWords {
    std::string_view name;
    std::string_view asTimer; // empty: as asCallback
    std::string_view asCallback;
};
std::string_view callbackPurpose(std::string_view name, bool timer);

// Causes of a wake-up, the outcome of a step and the trace's events are told to people in
// sentences that carry their particulars (who, when, which line: statesummary.h, narration.h),
// so they have only their stable names here.
struct NameOnly {
    std::string_view name;
};
const NameOnly& words(CauseKind kind); // "timer"
const NameOnly& words(WaitKind kind); // "queue_get"
const NameOnly& words(EventKind kind); // "step_ended"

// The stable name alone, for callers that take a function (the trace file's reader looks
// names up with it): nameOf<EventKind>.
template <typename Kind>
std::string_view nameOf(Kind kind)
{
    return words(kind).name;
}

} // namespace sim
