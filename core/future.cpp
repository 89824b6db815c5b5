// SPDX-License-Identifier: MIT
#include "future.h"

#include "eventloop.h"

#include <algorithm>
#include <cassert>

namespace sim {

void Future::setResult()
{
    assert(!done());
    m_state = State::Finished;
    scheduleCallbacks();
}

void Future::setException(std::exception_ptr error)
{
    assert(!done());
    m_state = State::Finished;
    m_exception = std::move(error);
    scheduleCallbacks();
}

bool Future::cancel() { return cancelPlain(); }

bool Future::cancelPlain()
{
    if (done())
        return false;
    m_state = State::Cancelled;
    scheduleCallbacks();
    return true;
}

void Future::scheduleCallbacks()
{
    if (!m_hasCallbacks)
        return;
    const Callback first = m_firstCallback;
    const auto more = std::move(m_moreCallbacks);
    m_hasCallbacks = false;
    m_loop->callSoon(Handle { first.kind, first.task, first.target, this });
    if (more) {
        for (const Callback& callback : *more)
            m_loop->callSoon(Handle { callback.kind, callback.task, callback.target, this });
    }
}

void Future::addDoneCallback(Callback callback)
{
    if (done()) {
        m_loop->callSoon(Handle { callback.kind, callback.task, callback.target, this });
        return;
    }
    if (!m_hasCallbacks) {
        m_firstCallback = callback;
        m_hasCallbacks = true;
        return;
    }
    if (!m_moreCallbacks)
        m_moreCallbacks = std::make_unique<std::vector<Callback>>();
    m_moreCallbacks->push_back(callback);
}

void Future::removeDoneCallback(Callback callback)
{
    // Keep the order of the rest: the first remaining one moves inline.
    std::vector<Callback> all;
    if (m_hasCallbacks)
        all.push_back(m_firstCallback);
    if (m_moreCallbacks)
        all.insert(all.end(), m_moreCallbacks->begin(), m_moreCallbacks->end());
    std::erase(all, callback);
    m_moreCallbacks.reset();
    m_hasCallbacks = !all.empty();
    if (all.size() > 1)
        m_moreCallbacks = std::make_unique<std::vector<Callback>>(all.begin() + 1, all.end());
    if (m_hasCallbacks)
        m_firstCallback = all.front();
}

void Future::Awaiter::await_suspend(std::coroutine_handle<> leaf)
{
    suspendedTask = future.loop().currentTask();
    assert(suspendedTask && "a future can only be awaited inside a task step");
    suspendedTask->suspendOnFuture(future, leaf);
}

std::exception_ptr Future::Awaiter::raised()
{
    if (suspendedTask) {
        if (auto thrown = future.loop().takeThrownIn())
            return thrown;
    }
    if (future.cancelled())
        return future.loop().cancelledError();
    return future.exception();
}

} // namespace sim
