// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"

#include <deque>

namespace sim {

// A future some task waits on, with that task's id for the trace.
struct Waiter {
    Future* future;
    TaskId task;
};

// asyncio.Event, as asyncio.Queue uses it for join(): set() completes every waiting future
// in order; each waiter removes itself from the list when it resumes (or is cancelled).
class AsyncEvent {
public:
    // `owner`: the id of the queue this event belongs to (queue.join()), for the trace.
    AsyncEvent(EventLoop& loop, bool initiallySet, std::uint32_t owner = noId)
        : m_loop(loop)
        , m_value(initiallySet)
        , m_owner(owner)
    {
    }

    bool isSet() const { return m_value; }
    void set();
    void clear() { m_value = false; }
    Task<void> wait();
    const std::deque<Waiter>& waiters() const { return m_waiters; }

private:
    void removeWaiter(Future& future);

    EventLoop& m_loop;
    bool m_value;
    std::uint32_t m_owner;
    std::deque<Waiter> m_waiters;
};

} // namespace sim
