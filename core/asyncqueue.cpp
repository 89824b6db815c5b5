// SPDX-License-Identifier: MIT
#include "asyncqueue.h"

namespace sim {

void AsyncQueue::wakeupNext(WaiterQueue& waiters, WaiterList list)
{
    while (const std::optional<Waiter> next = waiters.pop()) {
        const Waiter& waiter = *next;
        if (!waiter.future->done()) {
            m_loop.recordFor(waiter.task, EventKind::WaiterWoken, waiter.future->id(), m_id, std::uint8_t(list));
            waiter.future->setResult();
            break;
        }
        // A cancelled waiter that has not removed itself yet: dropped here instead.
        m_loop.recordFor(waiter.task, EventKind::WaiterRemoved, waiter.future->id(), m_id, std::uint8_t(list));
    }
}

void AsyncQueue::removeWaiter(WaiterQueue& waiters, WaiterList list, WaiterQueue::Ticket ticket)
{
    const std::optional<Waiter> removed = waiters.remove(ticket);
    if (!removed)
        return; // already popped by wakeupNext (Python's `except ValueError: pass`)
    m_loop.recordFor(removed->task, EventKind::WaiterRemoved, removed->future->id(), m_id, std::uint8_t(list));
}

void AsyncQueue::putNowait(QueueItem item)
{
    if (full())
        throw QueueError("asyncio.QueueFull");
    if (Trace* trace = m_loop.trace()) {
        item.id = ItemId(trace->items.size());
        trace->items.push_back(ItemInfo { trace->strings.add(item.label), item.enqueuedAt, m_id });
    }
    const ItemId id = item.id;
    m_items.push_back(std::move(item));
    ++m_unfinished;
    m_finished.clear();
    m_loop.record(EventKind::QueuePut, id, std::uint32_t(m_items.size()));
    wakeupNext(m_getters, WaiterList::Getters);
}

QueueItem AsyncQueue::getNowait()
{
    if (empty())
        throw QueueError("asyncio.QueueEmpty");
    QueueItem item = std::move(m_items.front());
    m_items.pop_front();
    m_loop.record(EventKind::QueueGet, item.id, std::uint32_t(m_items.size()));
    wakeupNext(m_putters, WaiterList::Putters);
    return item;
}

Task<void> AsyncQueue::put(QueueItem item)
{
    while (full()) {
        Future& putter = m_loop.createFuture(FutureKind::QueuePutter);
        const WaiterQueue::Ticket ticket = m_putters.push(Waiter { &putter, m_loop.currentTaskId() });
        m_loop.record(EventKind::WaiterAdded, putter.id(), m_id, std::uint8_t(WaiterList::Putters));
        // try: await putter / except: ...; raise (the exception taken as a value: see reraise)
        if (std::exception_ptr error = co_await putter.outcome()) {
            putter.cancel(); // just in case it is not done yet
            removeWaiter(m_putters, WaiterList::Putters, ticket);
            if (!full() && !putter.cancelled())
                wakeupNext(m_putters, WaiterList::Putters); // pass the wake-up on
            co_await reraise(std::move(error));
        }
    }
    putNowait(std::move(item));
}

Task<QueueItem> AsyncQueue::get()
{
    while (empty()) {
        Future& getter = m_loop.createFuture(FutureKind::QueueGetter);
        const WaiterQueue::Ticket ticket = m_getters.push(Waiter { &getter, m_loop.currentTaskId() });
        m_loop.record(EventKind::WaiterAdded, getter.id(), m_id, std::uint8_t(WaiterList::Getters));
        // try: await getter / except: ...; raise (the exception taken as a value: see reraise)
        if (std::exception_ptr error = co_await getter.outcome()) {
            getter.cancel(); // just in case it is not done yet
            removeWaiter(m_getters, WaiterList::Getters, ticket);
            if (!empty() && !getter.cancelled())
                wakeupNext(m_getters, WaiterList::Getters); // pass the wake-up on
            co_await reraise(std::move(error));
        }
    }
    co_return getNowait();
}

void AsyncQueue::taskDone()
{
    if (m_unfinished == 0)
        throw QueueError("task_done() called too many times");
    --m_unfinished;
    m_loop.record(EventKind::TaskDoneCalled, m_id, std::uint32_t(m_unfinished));
    if (m_unfinished == 0)
        m_finished.set();
}

Task<void> AsyncQueue::join()
{
    if (m_unfinished > 0)
        co_await m_finished.wait();
}

} // namespace sim
