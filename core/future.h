// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"

#include <coroutine>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

namespace sim {

class EventLoop;
class LoopTask;

// asyncio.CancelledError: thrown into a coroutine at the await where it is suspended.
struct CancelledError { };

// asyncio.Future without a result value (the scenarios never read one): pending, then
// finished (possibly with an exception) or cancelled. Completing it schedules its done
// callbacks with call_soon, in the order they were added, as Future.__schedule_callbacks.
// Futures live in their EventLoop's arena and die with it. Each fills one cache line (tasks
// two), aligned: a large run touches most futures once more after a long while, when they
// complete or their waiter resumes, and then pays one miss instead of two.
class alignas(64) Future {
public:
    Future(EventLoop& loop, FutureId id, FutureKind kind) : m_loop(&loop), m_id(id), m_kind(kind) { }
    virtual ~Future() = default;
    Future(const Future&) = delete;
    Future& operator=(const Future&) = delete;

    FutureId id() const { return m_id; }
    FutureKind kind() const { return m_kind; }
    EventLoop& loop() const { return *m_loop; }
    bool done() const { return m_state != State::Pending; }
    bool cancelled() const { return m_state == State::Cancelled; }
    const std::exception_ptr& exception() const { return m_exception; }

    // Future.set_result / set_exception. Precondition: pending.
    void setResult();
    void setException(std::exception_ptr error);
    // Future.cancel(): false when already done. Tasks and gather futures override it.
    virtual bool cancel();

    // A done callback, in the form the ready deque holds it (see Handle).
    struct Callback {
        HandleKind kind;
        TaskId task; // TaskWakeup: the waiting task's id (see Handle::task); noId otherwise
        void* target;
        bool operator==(const Callback&) const = default;
    };
    void addDoneCallback(Callback callback);
    void removeDoneCallback(Callback callback);

    // `co_await future`: does not suspend when already done; otherwise the running task
    // suspends on it and is woken by its done callback. Rethrows its exception, and raises
    // CancelledError if it was cancelled or if the task is cancelled while waiting.
    struct Awaiter {
        Future& future;
        LoopTask* suspendedTask = nullptr;
        bool await_ready() const noexcept { return future.done(); }
        void await_suspend(std::coroutine_handle<> leaf);
        void await_resume()
        {
            if (std::exception_ptr error = raised())
                std::rethrow_exception(std::move(error));
        }
        // The exception the await raises (null when it raises none).
        std::exception_ptr raised();
    };
    Awaiter operator co_await() { return Awaiter { *this }; }

    // `co_await future.outcome()`: the same await, but the exception it would raise is
    // returned instead (null when none). For the library's `except: ...; raise` blocks, which
    // pass it on with reraise() (task.h): a C++ throw costs microseconds.
    struct OutcomeAwaiter : Awaiter {
        [[nodiscard]] std::exception_ptr await_resume() { return raised(); }
    };
    OutcomeAwaiter outcome() { return OutcomeAwaiter { { *this } }; }

protected:
    bool cancelPlain();

private:
    enum class State : std::uint8_t { Pending, Finished, Cancelled };
    void scheduleCallbacks();

    EventLoop* m_loop;
    FutureId m_id;
    FutureKind m_kind;
    State m_state = State::Pending;
    // Nearly every future gets exactly one done callback (the awaiting task's wakeup), so the
    // first one is stored inline and only further ones allocate (a vector of them).
    bool m_hasCallbacks = false;
    std::exception_ptr m_exception;
    Callback m_firstCallback {};
    std::unique_ptr<std::vector<Callback>> m_moreCallbacks;
};

} // namespace sim
