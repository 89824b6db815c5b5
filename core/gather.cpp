// SPDX-License-Identifier: MIT
#include "gather.h"

namespace sim {

bool GatherFuture::cancel()
{
    if (done())
        return false;
    bool cancelledAny = false;
    for (LoopTask* child : m_children) {
        if (child->cancel())
            cancelledAny = true;
    }
    if (cancelledAny)
        m_cancelRequested = true;
    return cancelledAny;
}

void GatherFuture::childDone(LoopTask& child)
{
    ++m_finished;
    if (done())
        return;
    if (!m_returnExceptions) {
        if (child.cancelled()) {
            setException(loop().cancelledError());
            return;
        }
        if (child.exception()) {
            setException(child.exception());
            return;
        }
    }
    if (m_finished == m_children.size()) {
        if (m_cancelRequested)
            setException(loop().cancelledError());
        else
            setResult();
    }
}

GatherFuture& gatherTasks(EventLoop& loop, std::span<LoopTask* const> tasks, bool returnExceptions)
{
    auto& outer = loop.createFuture<GatherFuture>(
        FutureKind::Gather, std::vector<LoopTask*>(tasks.begin(), tasks.end()), returnExceptions);
    if (tasks.empty()) {
        // gather() with no arguments returns a future that is already done.
        outer.setResult();
        return outer;
    }
    for (LoopTask* task : tasks)
        task->addDoneCallback(Future::Callback { HandleKind::GatherCallback, noId, &outer });
    return outer;
}

GatherFuture& gather(EventLoop& loop, std::vector<NamedCoroutine> coroutines)
{
    std::vector<LoopTask*> tasks;
    tasks.reserve(coroutines.size());
    for (auto& [name, coroutine] : coroutines)
        tasks.push_back(&loop.createTask(std::move(coroutine), name));
    return gatherTasks(loop, tasks);
}

} // namespace sim
