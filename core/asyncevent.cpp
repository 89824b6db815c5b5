// SPDX-License-Identifier: MIT
#include "asyncevent.h"

#include <algorithm>

namespace sim {

void AsyncEvent::set()
{
    if (m_value)
        return;
    m_value = true;
    for (const Waiter& waiter : m_waiters) {
        if (!waiter.future->done()) {
            m_loop.recordFor(waiter.task, EventKind::WaiterWoken, waiter.future->id(), m_owner,
                std::uint8_t(WaiterList::Join));
            waiter.future->setResult();
        }
    }
}

void AsyncEvent::removeWaiter(Future& future)
{
    auto found = std::find_if(m_waiters.begin(), m_waiters.end(), [&](const Waiter& w) { return w.future == &future; });
    if (found == m_waiters.end())
        return;
    m_loop.recordFor(found->task, EventKind::WaiterRemoved, future.id(), m_owner, std::uint8_t(WaiterList::Join));
    m_waiters.erase(found);
}

Task<void> AsyncEvent::wait()
{
    if (m_value)
        co_return;
    Future& future = m_loop.createFuture(FutureKind::EventWaiter);
    m_waiters.push_back(Waiter { &future, m_loop.currentTaskId() });
    m_loop.record(EventKind::WaiterAdded, future.id(), m_owner, std::uint8_t(WaiterList::Join));
    std::exception_ptr error = co_await future.outcome(); // try: await fut (see reraise)
    removeWaiter(future); // the `finally: self._waiters.remove(fut)`
    if (error)
        co_await reraise(std::move(error));
}

} // namespace sim
