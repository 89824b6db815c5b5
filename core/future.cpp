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
    if (m_callbackCount == 0)
        return;
    const Callback first = m_firstCallback;
    auto more = std::move(m_moreCallbacks);
    m_moreCallbacks.clear();
    m_callbackCount = 0;
    m_loop->callSoon(Handle { first.kind, first.target, this });
    for (const Callback& callback : more)
        m_loop->callSoon(Handle { callback.kind, callback.target, this });
}

void Future::addDoneCallback(Callback callback)
{
    if (done()) {
        m_loop->callSoon(Handle { callback.kind, callback.target, this });
        return;
    }
    if (m_callbackCount == 0)
        m_firstCallback = callback;
    else
        m_moreCallbacks.push_back(callback);
    m_callbackCount = 1;
}

void Future::removeDoneCallback(Callback callback)
{
    // Keep the order of the rest: the first remaining one moves inline.
    std::vector<Callback> all;
    if (m_callbackCount)
        all.push_back(m_firstCallback);
    all.insert(all.end(), m_moreCallbacks.begin(), m_moreCallbacks.end());
    std::erase(all, callback);
    m_moreCallbacks.clear();
    m_callbackCount = all.empty() ? 0 : 1;
    if (!all.empty()) {
        m_firstCallback = all.front();
        m_moreCallbacks.assign(all.begin() + 1, all.end());
    }
}

void Future::Awaiter::await_suspend(std::coroutine_handle<> leaf)
{
    suspendedTask = future.loop().currentTask();
    assert(suspendedTask && "a future can only be awaited inside a task step");
    suspendedTask->suspendOnFuture(future, leaf);
}

void Future::Awaiter::await_resume()
{
    if (suspendedTask) {
        if (auto thrown = suspendedTask->takeThrownIn())
            std::rethrow_exception(thrown);
    }
    if (future.cancelled())
        throw CancelledError {};
    if (future.exception())
        std::rethrow_exception(future.exception());
}

} // namespace sim
