// SPDX-License-Identifier: MIT
#pragma once

#include "future.h"
#include "task.h"

#include <coroutine>

namespace sim {

class LoopTask;

// asyncio.TimerHandle for sleep's call_later: when it falls due, its callback is
// futures._set_result_unless_cancelled(future), the future being the sleep's, which lives in
// its task (see LoopTask). A task's own timer is part of the task; another is taken only
// while that one is still in the heap or the ready deque (a cancelled sleep's).
struct TimerHandle {
    double when = 0;
    LoopTask* sleeper = nullptr; // the task whose sleep it ends
    TimerId id = noId;
    TaskId owner = noId; // the sleeper's id
    FutureId future = noId; // the sleep's future (completed only while it is the task's current one)
    bool cancelled = false;
    bool scheduled = false; // in the heap
    bool queued = false; // popped into the ready deque, its callback not run yet
    bool busy() const { return scheduled || queued; }
};

// asyncio.Task: a Future that drives one root coroutine, one step at a time, on its loop.
// The EventLoop owns every LoopTask and runs its steps (EventLoop::stepTask mirrors
// Task.__step and __wakeup); awaiters report here what the running step suspended on.
//
// asyncio.sleep's future and its timer are folded into the task that sleeps, as a task awaits
// one thing at a time and nothing else can see that future: a sleep allocates nothing, and a
// large run that comes back to a sleeping task touches its two cache lines rather than the
// task, a future, a timer and the sleep coroutine's frame.
class LoopTask final : public Future {
public:
    LoopTask(EventLoop& loop, FutureId futureId, TaskId id, Task<void> coroutine)
        : Future(loop, futureId, FutureKind::Task), m_taskId(id), m_coroutine(std::move(coroutine))
    {
        m_ownTimer.sleeper = this;
    }

    // The cache lines a step touches, from the task's start (see the fields' layout).
    static constexpr std::size_t hotLines = 2;

    TaskId taskId() const { return m_taskId; }
    // Task.cancel(): cancels the awaited future, or makes the next step raise CancelledError.
    bool cancel() override;

    // Python line the task is on (set by scenario code; shown by the UI).
    std::uint16_t line() const { return m_line; }
    void setLine(std::uint16_t line) { m_line = line; }

    // Called by awaiters while the task's step runs; `leaf` is the frame that awaits.
    void suspendOnFuture(Future& future, std::coroutine_handle<> leaf);
    void suspendBare(std::coroutine_handle<> leaf);
    void suspendOnSleep(std::coroutine_handle<> leaf);

private:
    friend class EventLoop;
    enum class Yielded : std::uint8_t { Nothing, Future, Bare, Sleep };
    // The state of the sleep's future (SleepState::None before the first sleep).
    enum class SleepState : std::uint8_t { None, Pending, Finished, Cancelled };

    // The sleep's future.cancel(): false unless pending; queues the task's wakeup, as the
    // future's done callback would (the loop completes it: EventLoop::runTimer).
    bool cancelSleep();
    TimerHandle& sleepTimer() { return m_sleepOnOwnTimer ? m_ownTimer : *m_otherTimer; }

    // Laid out so that a step touches the first two cache lines only (Future's fields and
    // these up to m_futWaiter); the third holds what only a sleep after a cancelled one needs.
    TaskId m_taskId;
    std::uint16_t m_line = 0;
    Yielded m_yielded = Yielded::Nothing;
    bool m_started = false;
    bool m_mustCancel = false; // Task._must_cancel
    SleepState m_sleepState = SleepState::None;
    bool m_sleepOnOwnTimer = true;
    FutureId m_sleepFuture = noId;
    TimerHandle m_ownTimer;
    Task<void> m_coroutine;
    std::coroutine_handle<> m_resumePoint; // the leaf frame to resume at the next step
    Future* m_futWaiter = nullptr; // Task._fut_waiter (null while the task awaits its sleep)
    TimerHandle* m_otherTimer = nullptr; // the sleep's timer when it is not m_ownTimer
};

} // namespace sim
