// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"

namespace sim {

// asyncio.sleep(delay), awaited: `co_await sleep(loop, delay)`. sleep(0) (or less) is
// __sleep0()'s bare yield: the task's next step is queued with call_soon, behind everything
// already ready. Otherwise a future that a timer completes delay seconds later (the task
// resumes one iteration after that), whose `finally: h.cancel()` cancels the timer when the
// await raises. Either raises CancelledError at the await when the task is cancelled there.
//
// Not a coroutine, unlike Python's: the future and the timer are part of the task (see
// LoopTask), so a sleep allocates nothing and the task resumes straight in the frame that
// awaits it. The loop records the same events, in the same order, as for Python's sleep.
class [[nodiscard]] Sleep {
public:
    Sleep(EventLoop& loop, double delay)
        : m_loop(loop)
        , m_delay(delay)
    {
    }

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> leaf) { suspend(leaf); }
    void await_resume()
    {
        if (std::exception_ptr error = finish())
            std::rethrow_exception(std::move(error));
    }

    // `co_await sleep(loop, delay).outcome()`: the same await, but the exception it would raise
    // is returned (null when none), for a caller to pass on with reraise() (task.h) without the
    // cost of a C++ throw.
    struct OutcomeAwaiter;
    OutcomeAwaiter outcome() &&;

private:
    void suspend(std::coroutine_handle<> leaf);
    // The exception thrown in at the await (null when none), after the `finally`.
    std::exception_ptr finish();

    EventLoop& m_loop;
    double m_delay;
};

struct Sleep::OutcomeAwaiter {
    Sleep sleep;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> leaf) { sleep.suspend(leaf); }
    [[nodiscard]] std::exception_ptr await_resume() { return sleep.finish(); }
};
inline Sleep::OutcomeAwaiter Sleep::outcome() && { return OutcomeAwaiter { std::move(*this) }; }

inline Sleep sleep(EventLoop& loop, double delay) { return Sleep(loop, delay); }

} // namespace sim
