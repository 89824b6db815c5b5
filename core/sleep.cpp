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

void YieldAwaiter::await_resume()
{
    if (auto thrown = suspendedTask->takeThrownIn())
        std::rethrow_exception(thrown);
}

Task<void> sleep(EventLoop& loop, double delay)
{
    if (delay <= 0) {
        co_await YieldAwaiter { loop };
        co_return;
    }
    Future& future = loop.createFuture(FutureKind::Sleep);
    TimerHandle& timer = loop.callLater(delay, future);
    try {
        co_await future;
    } catch (...) {
        loop.cancelTimer(timer); // the `finally: h.cancel()` of asyncio.sleep
        throw;
    }
    loop.cancelTimer(timer);
}

} // namespace sim
