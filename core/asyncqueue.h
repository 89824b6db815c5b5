// SPDX-License-Identifier: MIT
#pragma once

#include "asyncevent.h"
#include "eventloop.h"

#include <deque>
#include <stdexcept>
#include <string>

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

// asyncio.Queue (FIFO), bounded when maxSize > 0, with CPython 3.11's rules:
// put_nowait appends, counts an unfinished item and wakes the first getter that is not
// done; the woken getter is not given the item, so it may find the queue empty again and
// then waits at the END of the getters; task_done at zero unfinished items wakes join().
class AsyncQueue {
public:
    explicit AsyncQueue(EventLoop& loop, int maxSize = 0) : m_loop(loop), m_maxSize(maxSize), m_finished(loop, true) { }

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    bool full() const { return m_maxSize > 0 && m_items.size() >= std::size_t(m_maxSize); }
    std::size_t unfinished() const { return m_unfinished; }
    const std::deque<QueueItem>& items() const { return m_items; }
    const std::deque<Waiter>& getters() const { return m_getters; }
    const std::deque<Waiter>& putters() const { return m_putters; }

    void putNowait(QueueItem item); // throws QueueError when full
    QueueItem getNowait(); // throws QueueError when empty
    Task<void> put(QueueItem item);
    Task<QueueItem> get();
    void taskDone(); // throws QueueError when called more often than items were put
    Task<void> join();

private:
    void wakeupNext(std::deque<Waiter>& waiters, WaiterList list);
    void removeWaiter(std::deque<Waiter>& waiters, WaiterList list, Future& future);

    EventLoop& m_loop;
    int m_maxSize;
    std::deque<QueueItem> m_items;
    std::deque<Waiter> m_getters;
    std::deque<Waiter> m_putters;
    std::size_t m_unfinished = 0;
    AsyncEvent m_finished;
};

} // namespace sim
