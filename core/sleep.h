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
    template <typename Promise> void await_suspend(std::coroutine_handle<Promise> leaf) { suspend(leaf, nullptr); }
    void await_resume()
    {
        if (std::exception_ptr error = finish())
            std::rethrow_exception(std::move(error));
    }

private:
    friend struct UncaughtSleep;
    void suspend(std::coroutine_handle<> leaf, detail::PromiseBase* passesErrorsOn);
    // The exception thrown in at the await (null when none), after the `finally`.
    std::exception_ptr finish();

    EventLoop& m_loop;
    double m_delay;
};

inline Sleep sleep(EventLoop& loop, double delay) { return Sleep(loop, delay); }

// `co_await uncaught(sleep(loop, delay))`: the sleep at an await that Python has no handler
// around (see uncaught() in task.h). An exception thrown in there ends the awaiting coroutine
// at once, without a C++ throw: the loop does it instead of resuming the coroutine.
struct UncaughtSleep {
    Sleep sleep;
    bool await_ready() const noexcept { return false; }
    template <typename Promise> void await_suspend(std::coroutine_handle<Promise> leaf)
    {
        sleep.suspend(leaf, &leaf.promise());
    }
    void await_resume() const noexcept { } // resumed only when the sleep ended normally
};
inline UncaughtSleep uncaught(Sleep&& sleep) noexcept { return UncaughtSleep { std::move(sleep) }; }

} // namespace sim
