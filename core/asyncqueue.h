// SPDX-License-Identifier: MIT
#pragma once

#include "asyncevent.h"
#include "eventloop.h"

#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim {

// One queue entry: asyncq puts the tuple (item, time.perf_counter()).
struct QueueItem {
    std::string label;
    double enqueuedAt = 0;
    ItemId id = noId; // index in Trace::items
};

// Errors Python would raise: asyncio.QueueEmpty / QueueFull, and task_done()'s ValueError.
struct QueueError : std::logic_error {
    using std::logic_error::logic_error;
};

// A queue's getters (or putters), in order, as Python's deque of futures; removing a cancelled
// waiter from the middle is O(1) here: it leaves a hole, found by the ticket push() gave it,
// that pop() skips. (asyncq -p 2000 -c 4000 ends by cancelling 4,000 waiting consumers, and
// removing each from the middle of the deque, as Python does, cost more than all the rest of
// their cancellation.)
class WaiterQueue {
public:
    using Ticket = std::uint64_t;

    // Appends a waiter; its ticket finds it again.
    Ticket push(Waiter waiter)
    {
        m_waiters.push_back(waiter);
        return m_popped + m_waiters.size() - 1;
    }
    // Takes the first waiter; nothing when there is none.
    std::optional<Waiter> pop()
    {
        while (!m_waiters.empty()) {
            const Waiter waiter = m_waiters.front();
            m_waiters.pop_front();
            ++m_popped;
            if (waiter.future)
                return waiter;
        }
        return std::nullopt;
    }
    // Takes the waiter pushed with `ticket` out of the line; nothing when pop() took it before.
    std::optional<Waiter> remove(Ticket ticket)
    {
        if (ticket < m_popped)
            return std::nullopt;
        Waiter& slot = m_waiters[ticket - m_popped];
        const Waiter waiter = slot;
        slot.future = nullptr;
        while (!m_waiters.empty() && !m_waiters.front().future) { // holes at the front go at once
            m_waiters.pop_front();
            ++m_popped;
        }
        return waiter.future ? std::optional(waiter) : std::nullopt;
    }
    // The waiters in line, in order.
    std::vector<Waiter> waiters() const
    {
        std::vector<Waiter> line;
        for (const Waiter& waiter : m_waiters) {
            if (waiter.future)
                line.push_back(waiter);
        }
        return line;
    }

private:
    std::deque<Waiter> m_waiters; // a null future is a hole left by remove()
    Ticket m_popped = 0; // the ticket of m_waiters.front()
};

// asyncio.Queue (FIFO), bounded when maxSize > 0, with CPython 3.11's rules:
// put_nowait appends, counts an unfinished item and wakes the first getter that is not
// done; the woken getter is not given the item, so it may find the queue empty again and
// then waits at the END of the getters; task_done at zero unfinished items wakes join().
class AsyncQueue {
public:
    // Records QueueCreated: the trace tells the queues apart by the id it gets here.
    explicit AsyncQueue(EventLoop& loop, int maxSize = 0)
        : m_loop(loop)
        , m_maxSize(maxSize)
        , m_id(loop.createQueueId(maxSize))
        , m_finished(loop, true, m_id)
    {
    }
    std::uint32_t id() const { return m_id; }

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    bool full() const { return m_maxSize > 0 && m_items.size() >= std::size_t(m_maxSize); }
    std::size_t unfinished() const { return m_unfinished; }
    const std::deque<QueueItem>& items() const { return m_items; }
    std::vector<Waiter> getters() const { return m_getters.waiters(); }
    std::vector<Waiter> putters() const { return m_putters.waiters(); }

    void putNowait(QueueItem item); // throws QueueError when full
    QueueItem getNowait(); // throws QueueError when empty
    Task<void> put(QueueItem item);
    Task<QueueItem> get();
    void taskDone(); // throws QueueError when called more often than items were put
    Task<void> join();

private:
    void wakeupNext(WaiterQueue& waiters, WaiterList list);
    void removeWaiter(WaiterQueue& waiters, WaiterList list, WaiterQueue::Ticket ticket);

    EventLoop& m_loop;
    int m_maxSize;
    std::uint32_t m_id; // dense, in creation order, as the trace numbers queues
    std::deque<QueueItem> m_items;
    WaiterQueue m_getters;
    WaiterQueue m_putters;
    std::size_t m_unfinished = 0;
    AsyncEvent m_finished;
};

} // namespace sim
