// SPDX-License-Identifier: MIT
#include "timeline.h"

#include <algorithm>

namespace sim {

namespace {
    // Per task while scanning: the open segment.
    struct OpenSegment {
        bool open = false;
        Segment segment {};
    };

    // Where a queued handle came from, until it runs.
    struct QueuedOrigin {
        std::uint32_t step;
        TaskId fromTask;
        CauseKind cause;
    };
}

Timeline::Timeline(const StateIndex& index)
{
    const Trace& trace = index.trace();
    const auto& steps = index.steps();
    m_stepCount = steps.size();

    m_lanes.resize(trace.tasks.size());
    std::vector<OpenSegment> open(trace.tasks.size());
    for (std::size_t id = 0; id < trace.tasks.size(); ++id) {
        m_lanes[id].task = TaskId(id);
        m_lanes[id].internal = trace.tasks[id].internal;
    }

    LoopState state;
    std::uint32_t step = 0; // the step the scan is in (steps[step - 1] ran last)
    std::deque<QueuedOrigin> queued; // parallel to the ready deque
    const auto& timers = trace.timers;

    auto close = [&](TaskId task, std::uint32_t atStep, double atTime) {
        OpenSegment& current = open[task];
        if (!current.open)
            return;
        current.segment.endStep = atStep;
        current.segment.endTime = atTime;
        if (current.segment.endStep > current.segment.startStep || current.segment.state == TaskState::Running)
            m_lanes[task].segments.push_back(current.segment);
        current.open = false;
    };
    auto openSegment = [&](TaskId task, std::uint32_t atStep, double atTime) {
        const TaskStatus& status = state.tasks[task];
        OpenSegment& current = open[task];
        if (current.open && current.segment.state == status.state && current.segment.waitObject == status.waitObject)
            return; // no change
        close(task, atStep, atTime);
        current.open = true;
        current.segment = Segment { atStep, atStep, atTime, atTime, status.state, status.waitObject, status.wakeAt,
            status.line };
    };

    double lastInstant = -1;
    std::uint32_t tieIteration = noId;
    double tieWhen = -1;
    std::vector<TimerId> dueThisIteration;

    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceEvent& event = trace.events[i];
        if (event.kind == EventKind::HandleRun) {
            // The step `step` starts here.
            const double now = state.now;
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
                    if (tieIteration == state.iteration && tieWhen == when && !m_ties.empty()
                        && m_ties.back().when == when)
                        m_ties.back().steps.push_back(step);
                    else
                        m_ties.push_back(TimerTie { when, { step } });
                    tieIteration = state.iteration;
                    tieWhen = when;
                }
            }
            ++step;
        }
        const TaskId task = event.task;
        state.apply(event);
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
            if (task != noId && task < open.size()
                && (HandleKind(event.detail) == HandleKind::TaskStep || HandleKind(event.detail) == HandleKind::TaskWakeup))
                openSegment(task, step, state.now);
            break;
        }
        case EventKind::TimerDue:
            queued.push_back(QueuedOrigin { currentStep, timers[event.a].owner, CauseKind::Timer });
            break;
        case EventKind::TaskCreated:
            openSegment(task, step, state.now);
            break;
        case EventKind::StepStarted:
            openSegment(task, currentStep, state.now);
            break;
        case EventKind::StepEnded:
        case EventKind::TaskFinished:
            openSegment(task, step, state.now);
            break;
        case EventKind::Printed:
            if (m_printSteps.empty() || m_printSteps.back() != currentStep)
                m_printSteps.push_back(currentStep);
            break;
        default:
            break;
        }
    }
    m_endTime = state.now;
    for (std::size_t id = 0; id < open.size(); ++id)
        close(TaskId(id), std::uint32_t(m_stepCount), m_endTime);
    // Only real ties: groups of two or more.
    std::erase_if(m_ties, [](const TimerTie& tie) { return tie.steps.size() < 2; });
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
