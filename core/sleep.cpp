// SPDX-License-Identifier: MIT
#include "sleep.h"

#include <cassert>

namespace sim {

void Sleep::suspend(std::coroutine_handle<> leaf)
{
    LoopTask* task = m_loop.currentTask();
    assert(task && "sleep outside a task step");
    if (m_delay <= 0) {
        task->suspendBare(leaf);
        return;
    }
    m_loop.startSleep(m_delay);
    task->suspendOnSleep(leaf);
}

std::exception_ptr Sleep::finish()
{
    std::exception_ptr error = m_loop.takeThrownIn();
    // The `finally: h.cancel()` of asyncio.sleep. Only when the await raised: after a normal
    // wake-up the timer has run, and cancel() would only set a flag that nothing reads again.
    if (error && m_delay > 0)
        m_loop.cancelSleepTimer();
    return error;
}

} // namespace sim
