// SPDX-License-Identifier: MIT
#include "timeline.h"

#include "prefetch.h"

#include <algorithm>
#include <deque>

namespace sim {

namespace {
    // In Segment::endStep while the segment is open (its end is not known yet).
    constexpr std::uint32_t openMark = UINT32_MAX;

    // Per task while scanning: its status, as LoopState follows it, and the segment it is in,
    // together in one cache line: the scan visits the tasks in no order (90,000 of them on
    // asyncq -p 30000 -c 60000), and each visit reads both.
    struct alignas(cacheLine) TaskScan {
        TaskStatus status;
        Segment open {};
        bool isOpen() const { return open.endStep == openMark; }
    };

    // A segment as the scan closes it, in the order it closed, with its task.
    struct ClosedSegment {
        Segment segment;
        TaskId task;
    };

    // Where a queued handle came from, until it runs.
    struct QueuedOrigin {
        std::uint32_t step;
        TaskId fromTask;
        CauseKind cause;
    };

    // How many events ahead the scan asks for the task an event names.
    constexpr std::size_t prefetchDistance = 8;
}

Timeline::Timeline(const Trace& trace)
{
    const std::size_t taskCount = trace.tasks.size();
    std::vector<TaskScan> tasks(taskCount);
    // The closed segments, sorted into lanes at the end. Room for the most there can be (one
    // per event about a task, one more per task), so the array never moves: address space
    // only, the pages are taken as they are written. (Small pages: on the build machine huge
    // ones often came fresh from the virtual machine's host, three times as slow to clear.)
    std::vector<ClosedSegment> closed;
    closed.reserve(trace.events.size() + taskCount);

    double now = 0;
    std::uint32_t iteration = 0;
    std::uint32_t step = 0; // the step the scan is in (step - 1 ran last)
    std::deque<QueuedOrigin> queued; // parallel to the ready deque
    const auto& timers = trace.timers;

    auto close = [&](TaskId task, Segment& segment, std::uint32_t atStep, double atTime) {
        segment.endStep = atStep;
        segment.endTime = atTime;
        if (segment.endStep > segment.startStep || segment.state == TaskState::Running)
            closed.emplace_back(ClosedSegment { segment, task });
    };
    // A new segment for `task` when its status changed (or its first one).
    auto follow = [&](TaskId task, std::uint32_t atStep, double atTime) {
        TaskScan& scan = tasks[task];
        const TaskStatus& status = scan.status;
        if (scan.isOpen() && scan.open.state == status.state && scan.open.waitObject == status.waitObject)
            return; // no change
        if (scan.isOpen())
            close(task, scan.open, atStep, atTime);
        scan.open
            = Segment { atStep, openMark, atTime, atTime, status.state, status.waitObject, status.wakeAt, status.line };
    };

    double lastInstant = -1;
    std::uint32_t tieIteration = noId;
    double tieWhen = -1;

    const TraceEvent* events = trace.events.data();
    const std::size_t eventCount = trace.events.size();
    for (std::size_t i = 0; i < eventCount; ++i) {
        if (i + prefetchDistance < eventCount && events[i + prefetchDistance].task < taskCount)
            prefetchForWrite(&tasks[events[i + prefetchDistance].task]);
        const TraceEvent& event = events[i];
        if (event.kind == EventKind::HandleRun) {
            // The step `step` starts here.
            if (now != lastInstant) {
                m_instants.push_back(Instant { now, step });
                lastInstant = now;
            }
            if (!queued.empty()) {
                const QueuedOrigin origin = queued.front();
                queued.pop_front();
                const HandleKind kind = HandleKind(event.detail);
                if ((kind == HandleKind::TaskWakeup || kind == HandleKind::TaskStep) && origin.cause != CauseKind::Created
                    && origin.cause != CauseKind::Yield && event.b != 1)
                    m_arrows.push_back(WakeArrow { origin.step, origin.fromTask, step, event.task, origin.cause });
                if (kind == HandleKind::TimerCallback) {
                    const double when = timers[event.a].when;
                    if (tieIteration == iteration && tieWhen == when && !m_ties.empty() && m_ties.back().when == when)
                        m_ties.back().steps.push_back(step);
                    else
                        m_ties.push_back(TimerTie { when, { step } });
                    tieIteration = iteration;
                    tieWhen = when;
                }
            }
            ++step;
        }
        const TaskId task = event.task;
        const bool ofTask = task < taskCount && changesTask(event);
        if (ofTask)
            applyToTask(tasks[task].status, event);
        else
            applyToClock(now, iteration, event);
        const std::uint32_t currentStep = step == 0 ? 0 : step - 1;
        switch (event.kind) {
        case EventKind::HandleQueued: {
            TaskId from = event.b;
            const CauseKind cause = CauseKind(event.line);
            if (cause == CauseKind::Timer)
                from = event.b < timers.size() ? timers[event.b].owner : noId;
            else if (cause == CauseKind::Callback)
                from = noId; // b names the callback: no lane to draw an arrow from
            queued.push_back(QueuedOrigin { currentStep, from, cause });
            if (ofTask)
                follow(task, step, now);
            break;
        }
        case EventKind::TimerDue:
            queued.push_back(QueuedOrigin { currentStep, timers[event.a].owner, CauseKind::Timer });
            break;
        case EventKind::TaskCreated:
        case EventKind::StepEnded:
        case EventKind::TaskFinished:
            if (ofTask)
                follow(task, step, now);
            break;
        case EventKind::StepStarted:
            if (ofTask)
                follow(task, currentStep, now);
            break;
        case EventKind::Printed:
            if (m_printSteps.empty() || m_printSteps.back() != currentStep)
                m_printSteps.push_back(currentStep);
            break;
        default:
            break;
        }
    }
    m_stepCount = step;
    m_endTime = now;
    for (std::size_t id = 0; id < taskCount; ++id) {
        if (tasks[id].isOpen())
            close(TaskId(id), tasks[id].open, step, now);
    }
    // Only real ties: groups of two or more.
    std::erase_if(m_ties, [](const TimerTie& tie) { return tie.steps.size() < 2; });

    // The closed segments into lanes, each lane's in the order they closed (by startStep): a
    // counting sort, so that every lane is one stretch of m_segments. Gathered in that order
    // rather than scattered, so that m_segments is written once, front to back, with no
    // zeroing first.
    std::vector<std::uint32_t> start(taskCount + 1, 0);
    for (std::size_t k = 0; k < closed.size(); ++k)
        ++start[closed[k].task + 1];
    for (std::size_t id = 0; id < taskCount; ++id)
        start[id + 1] += start[id];
    std::vector<std::uint32_t> order(closed.size());
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t k = 0; k < closed.size(); ++k)
        order[fill[closed[k].task]++] = std::uint32_t(k);
    m_segments.reserve(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i + prefetchDistance < order.size())
            prefetchForRead(&closed[order[i + prefetchDistance]]);
        m_segments.push_back(closed[order[i]].segment);
    }
    m_lanes.resize(taskCount);
    for (std::size_t id = 0; id < taskCount; ++id) {
        m_lanes[id].task = TaskId(id);
        m_lanes[id].internal = trace.tasks[id].internal;
        m_lanes[id].segments = std::span<const Segment>(m_segments).subspan(start[id], start[id + 1] - start[id]);
    }
}

const Segment* Timeline::segmentAt(std::size_t lane, std::size_t step) const
{
    const auto& segments = m_lanes[lane].segments;
    auto it = std::upper_bound(segments.begin(), segments.end(), step,
        [](std::size_t s, const Segment& segment) { return s < segment.startStep; });
    if (it == segments.begin())
        return nullptr;
    --it;
    if (step < it->endStep || (it->state == TaskState::Running && step == it->startStep))
        return &*it;
    return nullptr;
}

const TimerTie* Timeline::tieAt(std::size_t step) const
{
    for (const TimerTie& tie : m_ties) {
        if (std::find(tie.steps.begin(), tie.steps.end(), step) != tie.steps.end())
            return &tie;
    }
    return nullptr;
}

} // namespace sim
