// SPDX-License-Identifier: MIT
#include "looptask.h"

#include "eventloop.h"

namespace sim {

bool LoopTask::cancel()
{
    if (done())
        return false;
    EventLoop& owner = loop();
    owner.recordFor(m_taskId, EventKind::CancelRequested, noId, owner.currentTaskId());
    if (m_futWaiter && m_futWaiter->cancel()) {
        // _fut_waiter stays set: it may be a task that ignores the cancellation.
        return true;
    }
    // Awaiting its sleep (the sleep's future is its _fut_waiter): that future is cancelled.
    if (cancelSleep())
        return true;
    // Its step is already scheduled (or it never ran): that step raises CancelledError.
    m_mustCancel = true;
    return true;
}

void LoopTask::suspendOnFuture(Future& future, std::coroutine_handle<> leaf)
{
    m_resumePoint = leaf;
    m_futWaiter = &future; // read by the loop once the step has ended (Task.__step sets it then)
    m_yielded = Yielded::Future;
}

void LoopTask::suspendBare(std::coroutine_handle<> leaf)
{
    m_resumePoint = leaf;
    m_yielded = Yielded::Bare;
}

void LoopTask::suspendOnSleep(std::coroutine_handle<> leaf)
{
    m_resumePoint = leaf;
    m_yielded = Yielded::Sleep;
}

bool LoopTask::cancelSleep()
{
    if (m_sleepState != SleepState::Pending)
        return false;
    m_sleepState = SleepState::Cancelled;
    loop().callSoon(Handle { HandleKind::TaskWakeup, m_taskId, this, nullptr });
    return true;
}

} // namespace sim
