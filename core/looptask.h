// SPDX-License-Identifier: MIT
#pragma once

#include "future.h"
#include "task.h"

#include <coroutine>

namespace sim {

// asyncio.Task: a Future that drives one root coroutine, one step at a time, on its loop.
// The EventLoop owns every LoopTask and runs its steps (EventLoop::stepTask mirrors
// Task.__step and __wakeup); awaiters report here what the running step suspended on.
class LoopTask final : public Future {
public:
    LoopTask(EventLoop& loop, FutureId futureId, TaskId id, Task<void> coroutine)
        : Future(loop, futureId, FutureKind::Task), m_taskId(id), m_coroutine(std::move(coroutine))
    {
    }

    TaskId taskId() const { return m_taskId; }
    // Task.cancel(): cancels the awaited future, or makes the next step raise CancelledError.
    bool cancel() override;

    // Python line the task is on (set by scenario code; shown by the UI).
    std::uint16_t line() const { return m_line; }
    void setLine(std::uint16_t line) { m_line = line; }

    // Called by awaiters while the task's step runs.
    void suspendOnFuture(Future& future, std::coroutine_handle<> leaf, std::coroutine_handle<> caller = {});
    void suspendBare(std::coroutine_handle<> leaf);
    // The exception the loop throws in at the current resumption (taken once), if any.
    std::exception_ptr takeThrownIn() { return std::exchange(m_thrownIn, nullptr); }

private:
    friend class EventLoop;
    enum class Yielded : std::uint8_t { Nothing, Future, Bare };

    // (Packed: with Future's fields, two cache lines; see Future.)
    TaskId m_taskId;
    std::uint16_t m_line = 0;
    Yielded m_yielded = Yielded::Nothing;
    bool m_started = false;
    bool m_mustCancel = false; // Task._must_cancel
    Task<void> m_coroutine;
    std::coroutine_handle<> m_resumePoint; // the leaf frame to resume at the next step
    std::coroutine_handle<> m_resumeCaller; // the frame that awaits the leaf (prefetched too)
    Future* m_futWaiter = nullptr; // Task._fut_waiter
    Future* m_yieldedFuture = nullptr;
    std::exception_ptr m_thrownIn;
};

} // namespace sim
