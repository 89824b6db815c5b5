// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <limits>

namespace sim {

// Dense ids, in creation order, for the objects the trace talks about. They index the
// Trace's tables and the reconstructed LoopState.
using TaskId = std::uint32_t;
using TimerId = std::uint32_t;
using FutureId = std::uint32_t;
using ItemId = std::uint32_t;
using StringId = std::uint32_t;

inline constexpr std::uint32_t noId = std::numeric_limits<std::uint32_t>::max();

// What a future stands for, so the trace can say what a task waits on. SyncWaiter: a
// waiter of an asyncio.Lock, Semaphore, Event or Condition (recorded programs only).
enum class FutureKind : std::uint8_t { Plain, Sleep, QueueGetter, QueuePutter, EventWaiter, Gather, Task, SyncWaiter };

// What a handle in the ready deque will do when the loop runs it.
enum class HandleKind : std::uint8_t {
    TaskStep, // Task.__step: a task's first step, or its next step after a bare yield
    TaskWakeup, // Task.__wakeup: a future the task awaited is done
    TimerCallback, // a TimerHandle that fell due: sleep's _set_result_unless_cancelled
    GatherCallback, // gather's _done_callback for a finished child
    StopLoop, // run_until_complete's callback: the awaited task is done, stop the loop
    // Any other callback, named by its function (call_soon(f), a done callback of wait /
    // as_completed / TaskGroup / shield / wait_for). Recorded programs only.
    Callback,
};

// Why a handle was queued: what completed, so the timeline can draw an arrow from it.
enum class CauseKind : std::uint16_t {
    None,
    Created, // create_task queued the first step
    Yield, // the task yielded (sleep(0)) and queued its own next step
    Timer, // a timer callback completed a sleep
    TaskStep, // a running task completed a future (queue put, task_done, cancel)
    TaskFinished, // a task finished, its done-callbacks run (gather, run_until_complete)
    Gather, // gather's last child finished: the outer future is done
    Callback, // a callback (HandleKind::Callback) completed a future; its cause is the callback's name
};

// What a task waits on when its step ends.
enum class WaitKind : std::uint8_t {
    Sleep, // a sleep future; value = deadline, a = timer id
    QueueGet, // a getter future of the queue
    QueuePut, // a putter future of a bounded queue
    Join, // queue.join(): the queue's "finished" event
    Gather, // the outer future of gather(), a = future id
    Future, // any other future
    Yield, // bare yield (sleep(0)): its next step is already queued
    Done, // returned
    Cancelled, // CancelledError escaped
    Failed, // another exception escaped
    // Recorded programs only: a = the object waited on.
    Lock, // lock.acquire() of a held lock; a = sync object id
    Semaphore, // semaphore.acquire() with no slot free; a = sync object id
    Event, // event.wait() of an unset asyncio.Event; a = sync object id
    Condition, // condition.wait(); a = sync object id
    Task, // await task: a = the awaited task's id
};

// Which waiter list an event is about: one of the queue's, or (Sync) the waiters of an
// asyncio.Lock / Semaphore / Event / Condition.
enum class WaiterList : std::uint8_t { Getters, Putters, Join, Sync };

// The synchronisation objects of asyncio a recorded program can wait on, numbered densely
// like queues (EventKind::SyncCreated).
enum class SyncKind : std::uint8_t { Lock, Semaphore, Event, Condition };
using SyncId = std::uint32_t;

} // namespace sim
