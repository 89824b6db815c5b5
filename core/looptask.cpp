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
    // Its step is already scheduled (or it never ran): that step raises CancelledError.
    m_mustCancel = true;
    return true;
}

void LoopTask::suspendOnFuture(Future& future, std::coroutine_handle<> leaf, std::coroutine_handle<> caller)
{
    m_resumePoint = leaf;
    m_resumeCaller = caller;
    m_yieldedFuture = &future;
    m_yielded = Yielded::Future;
}

void LoopTask::suspendBare(std::coroutine_handle<> leaf)
{
    m_resumePoint = leaf;
    m_resumeCaller = {};
    m_yieldedFuture = nullptr;
    m_yielded = Yielded::Bare;
}

} // namespace sim
