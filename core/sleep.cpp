// SPDX-License-Identifier: MIT
#include "sleep.h"

#include <cassert>

namespace sim {

void YieldAwaiter::await_suspend(std::coroutine_handle<> leaf)
{
    suspendedTask = loop.currentTask();
    assert(suspendedTask && "yield outside a task step");
    suspendedTask->suspendBare(leaf);
}

std::exception_ptr YieldAwaiter::await_resume() { return suspendedTask->takeThrownIn(); }

// Exceptions raised at the awaits are taken as values and passed on with reraise(), which
// ends the coroutine just as letting them escape would, without the cost of a C++ throw.
Task<void> sleep(EventLoop& loop, double delay)
{
    if (delay <= 0) {
        if (std::exception_ptr error = co_await YieldAwaiter { loop })
            co_await reraise(std::move(error));
        co_return;
    }
    Future& future = loop.createFuture(FutureKind::Sleep);
    TimerHandle& timer = loop.callLater(delay, future);
    std::exception_ptr error = co_await future.outcome(); // try: return await future
    // The `finally: h.cancel()` of asyncio.sleep. Only when the await raised: after a normal
    // wake-up the timer has run, and cancel() would only set a flag that nothing reads again
    // (cancelTimer returns at once) after touching the timer's memory, long cold by now.
    if (error) {
        loop.cancelTimer(timer);
        co_await reraise(std::move(error));
    }
}

} // namespace sim
