// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"
#include "trace.h"
#include "listedwaiters.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace sim {

// What a task is doing at some point of the run (one state at a time).
enum class TaskState : std::uint8_t {
    Ready, // a handle that will step it is in the ready deque (also: created, not yet started)
    Running,
    Sleeping, // asyncio.sleep(d > 0), its timer pending
    WaitingGet, // queue.get() on an empty queue
    WaitingPut, // queue.put() on a full queue
    WaitingJoin, // queue.join() with unfinished items
    AwaitingChildren, // gather(...)
    AwaitingFuture, // any other future
    // Recorded programs only: waits on asyncio's synchronisation objects and on a task.
    WaitingLock, // lock.acquire() of a held lock
    WaitingSemaphore, // semaphore.acquire() with no slot free
    WaitingEvent, // event.wait() of an unset event
    WaitingCondition, // condition.wait() until notified
    AwaitingTask, // await task
    Done,
    Cancelled,
    Failed,
};

inline bool isFinished(TaskState state)
{
    return state == TaskState::Done || state == TaskState::Cancelled || state == TaskState::Failed;
}

struct ReadyEntry {
    HandleKind kind;
    TaskId task; // the task it steps (for a timer callback: the timer's owner, e.g. the sleeping task)
    std::uint32_t object; // timer id for timer callbacks, the function's name for callbacks, future id otherwise
    CauseKind cause;
    std::uint32_t causeId;
    bool operator==(const ReadyEntry&) const = default;
};

struct TimerEntry {
    TimerId id;
    double when;
    TaskId owner;
    bool cancelled = false;
    bool operator==(const TimerEntry&) const = default;
};

// Fields ordered to pack into 16 bytes: every checkpoint and seek copies one per task.
struct TaskStatus {
    double wakeAt = 0; // sleep deadline
    std::uint32_t waitObject = noId; // timer id (sleep), sync object id, task id (await task) or future id it awaits
    std::uint16_t line = 0; // Python line it is on
    TaskState state = TaskState::Ready;
    bool cancelRequested = false;
    bool operator==(const TaskStatus&) const = default;
};
static_assert(sizeof(TaskStatus) == 16);

// An asyncio.Lock / Semaphore / Event / Condition (its kind and creator: Trace::syncObjects):
// who holds a lock or a semaphore's slots, and the tasks waiting on the object, first first
// (a woken waiter stays listed until its own step takes it off, as in asyncio).
struct SyncState {
    TaskId holder = noId; // a lock's holder, when held
    std::vector<TaskId> slotHolders; // a semaphore's, one per slot taken, in the order they took them
    std::uint32_t freeSlots = 0; // a semaphore's value: a release can raise it above its start
    ListedWaiters waiters;
    bool operator==(const SyncState&) const = default;
};

// Whose slot a release of `sync` by `releaser` gives back, as an index into slotHolders: the
// releaser's first slot; when it holds none (a semaphore has no owner: any task may release
// it), the earliest holder's; none when no task holds a slot (the value just grows).
std::optional<std::size_t> releasedSlot(const SyncState& sync, TaskId releaser);

// The event loop's full state, rebuilt from the trace alone: apply() the events in order.
// Equal to what the live EventLoop held at the same point (tests check this).
struct LoopState {
    std::size_t eventsApplied = 0;
    double now = 0; // the clock: each iteration sets it, a Blocked step moves it on
    std::uint32_t iteration = 0;
    TaskId running = noId;
    std::deque<ReadyEntry> ready; // the ready deque, head first
    std::vector<TimerEntry> timers; // the heap, in heap order (heapq's array)
    std::uint32_t cancelledTimersInHeap = 0;
    std::vector<TaskStatus> tasks;
    std::deque<ItemId> queueItems; // head first
    ListedWaiters getters, putters, joinWaiters;
    std::vector<SyncState> syncs; // by SyncId
    std::uint32_t unfinished = 0;
    std::uint32_t outputLines = 0; // printed lines so far
    bool stopped = false;
    bool tearingDown = false;
    bool deadlock = false;
    bool limitReached = false;
    bool failed = false; // an exception escaped the program: the run's end (ProgramFailed)

    void apply(const TraceEvent& event);
    // The list a waiter event is about: one of the queue's, or sync object `owner`'s.
    ListedWaiters& waiterList(WaiterList list, std::uint32_t owner);
    // The timers sorted by deadline, as they will fire (ties in heap-pop order).
    std::vector<TimerEntry> timersByDeadline() const;
    bool operator==(const LoopState&) const = default;
    std::size_t memoryBytes() const;

private:
    std::size_t syncMemoryBytes() const;
};

// LoopState::apply's parts about the tasks and the clock, which the timeline also applies on
// its own: it follows every task's status but nothing else of the loop.
// What `event` does to the status of the task it names (created, its step queued, running,
// suspended, finished, asked to cancel); nothing for the other kinds. `status` is
// event.task's.
void applyToTask(TaskStatus& status, const TraceEvent& event);
// Whether `event` changes the status of the task it names (see applyToTask).
bool changesTask(const TraceEvent& event);
// What `event` does to the clock and the iteration count (IterationStarted, Blocked).
void applyToClock(double& now, std::uint32_t& iteration, const TraceEvent& event);

} // namespace sim
