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
    auto callbacks = std::move(m_callbacks);
    m_callbacks.clear();
    for (const Callback& callback : callbacks)
        m_loop->callSoon(Handle { callback.kind, callback.target, this });
}

void Future::addDoneCallback(Callback callback)
{
    if (done())
        m_loop->callSoon(Handle { callback.kind, callback.target, this });
    else
        m_callbacks.push_back(callback);
}

void Future::removeDoneCallback(Callback callback) { std::erase(m_callbacks, callback); }

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
