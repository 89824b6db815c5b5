// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"
#include "hugepages.h"
#include "stringtable.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sim {

// One scheduler decision. 24 bytes; the meaning of task / a / b / value / line per kind is
// given next to each kind. Together, the events rebuild the loop's state at any point
// (see LoopState), and the JSONL export writes one per line (see traceio.h).
enum class EventKind : std::uint8_t {
    IterationStarted, // a = iteration number; value = clock after the (virtual) select
    TaskCreated, // task = new id; a = creating task or noId; b = name; detail = 1 for asyncio.run's internal tasks
    // call_soon: detail = HandleKind; task = task concerned; a = object (timer / future id; for
    // a Callback the function's name, a string); b = cause task (the callback's name for
    // CauseKind::Callback, the timer for CauseKind::Timer); line = CauseKind
    HandleQueued,
    HandleRun, // the ready deque's head is popped: detail = HandleKind; task; a; b = 1 when skipped (cancelled)
    TimerScheduled, // call_later: a = timer id; task = owner; value = when; b = the callback's name (a string), noId
                    // for a sleep's timer
    TimerCancelled, // a = timer id; b = 1 if still in the heap (counts toward the purge rule)
    TimerDue, // a = timer id moved from the heap to the end of the ready deque (heap-pop order)
    TimerPurged, // a = timer id: a cancelled timer popped from the head of the heap
    TimersRebuilt, // every cancelled timer dropped and the heap re-heapified (>100 timers, >50% cancelled)
    StepStarted, // task; detail = HandleKind that ran it; b = 1 if CancelledError is thrown in; line = resumes at
    StepEnded, // task; detail = WaitKind; a = awaited object (timer, future, sync object or task by the WaitKind);
               // value = sleep deadline; line = suspended at
    Printed, // task (noId outside the loop); a = output line index; line
    QueuePut, // task; a = item id; b = queue size after
    QueueGet, // task; a = item id; b = queue size after
    WaiterAdded, // detail = WaiterList; task; a = future id; b = queue id (sync object id for WaiterList::Sync)
    WaiterRemoved, // detail = WaiterList; task; a = future id (its await was cancelled, or a sync waiter left); b = as
                   // above
    WaiterWoken, // detail = WaiterList; task; a = future id (set_result; getters/putters: popped); b = as above
    TaskDoneCalled, // task; a = queue id; b = unfinished items after
    CancelRequested, // task = target; b = requesting task; a = the requesting callback's name (a string) when a
                     // callback asked
    TaskFinished, // task; detail = WaitKind::Done / Cancelled / Failed; a = message string if failed
    LoopStopped, // run_until_complete's callback stopped the loop
    TeardownStarted, // asyncio.run's teardown begins (cancel the rest, shut down)
    Deadlock, // every task waits and no timer is pending: Python would block forever
    LimitReached, // a = Limit: the run was cut short
    QueueCreated, // task = creating task; a = queue id (dense, from 0); b = maxsize (0: unbounded)
    // A blocking call inside a step (time.sleep in a coroutine): task = the running task;
    // value = seconds the loop stood still (> 0); line = the call. The clock moves by `value`
    // here, inside the step: the events after it read the later clock. Recorded programs
    // only; the engine's programs never block.
    Blocked,
    // An exception escaped the program (RunStatus::Failed): a = its traceback as Python
    // printed it on stderr (a string); line = the program's line that raised it (0: unknown).
    // The run's last event. Recorded programs only.
    ProgramFailed,
    // Recorded programs only (trace file version 3), as the engine's programs use none of it:
    SyncCreated, // task = creating task; a = sync object id (dense, from 0); detail = SyncKind; b = a semaphore's
                 // initial value
    LockAcquired, // task = the task now holding the lock; a = sync object id
    LockReleased, // task = the releasing task; a = sync object id
    Uncancelled, // Task.uncancel(): task = target; b = calling task; a = cancellation requests left
    // A semaphore's slot taken: task = the task now holding it (the running task, or the waiter
    // that a release woke and handed it to); a = sync object id. One event per slot.
    SemaphoreAcquired,
    // A semaphore's slot given back: task = the releasing task (any task may release, even one
    // holding no slot: see releasedSlot); a = sync object id. One event per slot.
    SemaphoreReleased,
};

// The last kind: new kinds go after it, so that the trace file's names of the earlier ones stay.
constexpr EventKind lastEventKind = EventKind::SemaphoreReleased;

struct TraceEvent {
    double value = 0;
    std::uint32_t task = noId;
    std::uint32_t a = noId;
    std::uint32_t b = noId;
    EventKind kind {};
    std::uint8_t detail = 0;
    std::uint16_t line = 0;
};
static_assert(sizeof(TraceEvent) == 24);

struct TaskInfo {
    StringId name = noId;
    TaskId creator = noId;
    bool internal = false; // asyncio.run's own shutdown tasks
};

struct TimerInfo {
    double when = 0;
    TaskId owner = noId;
    StringId callback = noId; // the function it calls (call_later, timeouts); noId: a sleep's timer
};

// An asyncio.Lock, Semaphore, Event or Condition of a recorded program.
struct SyncInfo {
    SyncKind kind {};
    TaskId creator = noId;
    std::uint32_t value = 0; // a semaphore's initial value (its slots)
    // A semaphore whose slots the trace follows (SemaphoreAcquired / SemaphoreReleased): files
    // recorded before those events existed say nothing of them, nor of its free slots.
    bool slotsRecorded = false;
};

struct ItemInfo {
    StringId label = noId;
    double enqueuedAt = 0;
    std::uint32_t queue = 0; // the queue it was put in
};

// The events of a run, in order; large arrays take huge pages (see HugePageAllocator).
using TraceEvents = std::vector<TraceEvent, HugePageAllocator<TraceEvent>>;

// The complete record of one run. Append-only while the simulation runs; read-only after.
class Trace {
public:
    // The arrays that grow with the run take huge pages once large (see HugePageAllocator).
    TraceEvents events;
    std::vector<TaskInfo> tasks;
    std::vector<TimerInfo, HugePageAllocator<TimerInfo>> timers;
    std::vector<ItemInfo> items;
    std::vector<StringId, HugePageAllocator<StringId>> outputLines; // printed lines in order
    std::vector<FutureKind> futureKinds; // by FutureId: what each future stands for
    std::uint32_t queueCount = 0; // asyncio.Queue objects created (QueueCreated events)
    std::vector<SyncInfo> syncObjects; // by SyncId (SyncCreated events)
    StringTable strings;

    std::string_view taskName(TaskId id) const { return id < tasks.size() ? strings.at(tasks[id].name) : "?"; }
    std::string_view outputLine(std::size_t index) const { return strings.at(outputLines[index]); }
    // When an exception escaped the program (the last event is ProgramFailed): that event,
    // else null; its traceback as Python printed it, and the traceback's last line, the
    // exception itself ("ZeroDivisionError: division by zero"); both empty when it did not fail.
    const TraceEvent* failure() const;
    std::string_view traceback() const;
    std::string_view errorMessage() const;
    // Approximate heap bytes held by the trace (for the memory benchmark).
    std::size_t memoryBytes() const;
};

} // namespace sim
