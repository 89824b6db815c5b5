// SPDX-License-Identifier: MIT
#include "narration.h"

#include <cstdio>

namespace sim {

namespace {
    std::string name(const Trace& trace, TaskId task) { return std::string(task == noId ? "?" : trace.taskName(task)); }

    // What the woken task was waiting for, from its state just before the step and the kind
    // of the future that completed; `after` is the state after the step (a woken getter may
    // find the queue empty again).
    std::string wokenFrom(const Trace& trace, const LoopState& before, const ReadyEntry& entry, const LoopState& after)
    {
        const std::string who = name(trace, entry.task);
        const TaskStatus& status = before.tasks[entry.task];
        const std::string causer = name(trace, entry.causeId);
        const FutureKind awaited = entry.object < trace.futureKinds.size() ? trace.futureKinds[entry.object] : FutureKind::Plain;
        if (status.cancelRequested && awaited != FutureKind::Sleep && entry.cause == CauseKind::TaskStep
            && awaited != FutureKind::EventWaiter)
            return who + " resumes with CancelledError: " + causer + " cancelled it, which cancelled the future it awaited.";
        switch (entry.cause) {
        case CauseKind::Timer:
            return who + "'s sleep ended at t=" + formatSeconds(trace.timers[entry.causeId].when)
                + " and its wakeup was first in the ready queue.";
        case CauseKind::Gather:
            return who + " resumes: gather's last child (" + causer
                + ") has finished, so the gathered future is done.";
        case CauseKind::TaskStep:
            if (status.cancelRequested)
                return who + " resumes with CancelledError: " + causer + " cancelled it.";
            switch (awaited) {
            case FutureKind::QueueGetter:
                if (after.tasks[entry.task].state == TaskState::WaitingGet)
                    return who + " wakes: " + causer + " put an item in the queue, which woke " + who
                        + ", the first waiting getter. But the item was not reserved for it: another consumer took it "
                          "first, so the queue is empty again and "
                        + who + " waits again, now at the back of the getters.";
                return who + " wakes: " + causer + " put an item in the queue, which woke " + who
                    + ", the first waiting getter; the queue is not empty, so " + who + " takes the item at its head.";
            case FutureKind::QueuePutter:
                return who + " wakes: " + causer + " took an item, so the full queue has room again.";
            case FutureKind::EventWaiter:
                return who + " resumes: " + causer + " called task_done() on the last unfinished item, so queue.join() returns.";
            default:
                return who + " wakes: " + causer + " completed the future it awaited.";
            }
        case CauseKind::TaskFinished:
            return who + " wakes: the task " + causer + " it awaited has finished.";
        case CauseKind::Created:
        case CauseKind::Yield:
        case CauseKind::None:
            break;
        }
        return who + " wakes.";
    }
}

namespace {
    // " main waits in queue.join() for 11 unfinished items." and the like, for a deadlock.
    std::string whoWaitsForever(const Trace& trace, const LoopState& end)
    {
        constexpr std::size_t named = 3; // then "and N more"
        struct Wait {
            TaskState state;
            std::string what;
            std::vector<std::string> names = {};
            std::size_t count = 0;
        };
        std::vector<Wait> waits {
            { TaskState::WaitingJoin,
                "in queue.join() for " + std::to_string(end.unfinished) + " unfinished item"
                    + (end.unfinished == 1 ? "" : "s") },
            { TaskState::WaitingGet, "in queue.get() on an empty queue" },
            { TaskState::WaitingPut, "in queue.put() on a full queue" },
            { TaskState::AwaitingChildren, "for the tasks it gathered" },
        };
        for (TaskId task = 0; task < end.tasks.size(); ++task) {
            for (Wait& wait : waits) {
                if (end.tasks[task].state == wait.state && ++wait.count <= named)
                    wait.names.push_back(name(trace, task));
            }
        }
        std::string text;
        for (const Wait& wait : waits) {
            if (wait.count == 0)
                continue;
            std::string names = wait.names.front();
            for (std::size_t n = 1; n < wait.names.size(); ++n)
                names += (n + 1 == wait.names.size() && wait.count <= named ? " and " : ", ") + wait.names[n];
            if (wait.count > named)
                names += " and " + std::to_string(wait.count - named) + " more";
            text += " " + names + (wait.count == 1 ? " waits " : " wait ") + wait.what + ".";
        }
        return text;
    }
}

std::string formatSeconds(double seconds)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", seconds);
    return buffer;
}

std::string narrateStep(const StateIndex& index, std::size_t step)
{
    const Trace& trace = index.trace();
    if (step >= index.stepCount())
        return narrateEnd(index);
    const LoopState before = index.stateAt(step);
    if (before.ready.empty())
        return "?";
    const ReadyEntry& entry = before.ready.front();
    const TraceEvent& run = trace.events[index.stepBeginEvent(step)];
    const bool skipped = run.b == 1;
    const std::string who = name(trace, entry.task);

    switch (entry.kind) {
    case HandleKind::TaskStep:
        if (entry.cause == CauseKind::Created) {
            const std::string creator = entry.causeId == noId ? "asyncio.run" : name(trace, entry.causeId);
            const TaskStatus& status = before.tasks[entry.task];
            if (status.cancelRequested)
                return who + "'s first step raises CancelledError at once: it was cancelled before it ever ran, so none of its code runs.";
            return who + " takes its first step: " + creator
                + " created it, which queued this step at the back of the ready queue.";
        }
        if (entry.cause == CauseKind::Yield)
            return who + " continues after asyncio.sleep(0): that bare yield sent it to the back of the ready queue.";
        return who + " steps.";
    case HandleKind::TaskWakeup:
        return wokenFrom(trace, before, entry, index.stateAt(step + 1));
    case HandleKind::TimerCallback: {
        const TimerInfo& timer = trace.timers[entry.object];
        std::string text = "The timer of " + who + "'s sleep fell due at t=" + formatSeconds(timer.when)
            + (skipped ? " but was cancelled, so the loop skips it." : "; its callback marks the sleep done and queues "
                       + who + "'s wakeup for the next iteration.");
        // Timers due at the same instant: say that the heap chose the order.
        std::size_t tied = 0;
        for (std::size_t s = step; s-- > 0 && index.steps()[s].kind == HandleKind::TimerCallback
             && index.steps()[s].iteration == index.steps()[step].iteration;)
            ++tied;
        for (std::size_t s = step + 1; s < index.stepCount() && index.steps()[s].kind == HandleKind::TimerCallback
             && index.steps()[s].iteration == index.steps()[step].iteration;
             ++s)
            ++tied;
        if (tied > 0)
            text += " " + std::to_string(tied + 1)
                + " timers fell due at this instant: asyncio leaves their order undefined; CPython's heap decides it.";
        return text;
    }
    case HandleKind::GatherCallback:
        return "gather's done-callback for " + who + " runs: it counts the finished child"
            + std::string(" (the parent wakes one iteration after the last one).");
    case HandleKind::StopLoop:
        if (entry.task == noId)
            return "The awaited future is done: run_until_complete's callback stops the loop.";
        return who + " is done: run_until_complete's callback stops the loop"
            + std::string(trace.tasks[entry.task].internal ? " (asyncio.run's teardown)." : ".");
    }
    return "?";
}

std::string narrateEnd(const StateIndex& index)
{
    const LoopState end = index.stateAt(index.stepCount());
    if (end.deadlock)
        return "Deadlock at t=" + formatSeconds(end.now)
            + ": every task is waiting and no timer is pending, so Python would block here forever."
            + whoWaitsForever(index.trace(), end);
    if (end.limitReached)
        return "The run was stopped at t=" + formatSeconds(end.now) + ": it exceeded Loopscope's limits.";
    return "The run completed at t=" + formatSeconds(end.now) + " after " + std::to_string(index.stepCount())
        + " scheduler steps.";
}

} // namespace sim
