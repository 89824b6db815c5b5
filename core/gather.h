// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"

#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sim {

// asyncio.gather's _GatheringFuture: done when every child is, or at the first child that
// fails (unless returnExceptions). Each child gets gather's _done_callback, which runs as a
// handle of its own one iteration after the child finishes; the awaiting task's wakeup
// runs one iteration after that.
class GatherFuture final : public Future {
public:
    GatherFuture(EventLoop& loop, FutureId id, FutureKind kind, std::vector<LoopTask*> children,
        bool returnExceptions)
        : Future(loop, id, kind), m_children(std::move(children)), m_returnExceptions(returnExceptions)
    {
    }
    const std::vector<LoopTask*>& children() const { return m_children; }
    // _GatheringFuture.cancel(): cancels every child.
    bool cancel() override;
    // gather's _done_callback for one child.
    void childDone(LoopTask& child);

private:
    std::vector<LoopTask*> m_children;
    std::size_t m_finished = 0;
    bool m_returnExceptions;
    bool m_cancelRequested = false;
};

// gather(*tasks) over tasks that already exist (asyncq's producers).
GatherFuture& gatherTasks(EventLoop& loop, std::span<LoopTask* const> tasks, bool returnExceptions = false);

// A coroutine for gather() with the name its task should have on the timeline.
struct NamedCoroutine {
    std::string name;
    Task<void> coroutine;
};
// gather(*coros): wraps each coroutine in a new task, in order (chained's main).
GatherFuture& gather(EventLoop& loop, std::vector<NamedCoroutine> coroutines);

} // namespace sim
