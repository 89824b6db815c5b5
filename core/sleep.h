// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"

namespace sim {

// The bare `yield` of asyncio's __sleep0(): the running task gives up the rest of its step
// and its next step is queued with call_soon, behind everything already ready. The await
// returns the exception thrown in at the yield (CancelledError), null when none, for the
// caller to pass on with reraise().
struct YieldAwaiter {
    EventLoop& loop;
    LoopTask* suspendedTask = nullptr;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> leaf);
    [[nodiscard]] std::exception_ptr await_resume();
};

// asyncio.sleep(delay): sleep(0) (or less) is a bare yield; otherwise a future completed by
// a timer callback delay seconds later (the task resumes one iteration after that).
Task<void> sleep(EventLoop& loop, double delay);

} // namespace sim
