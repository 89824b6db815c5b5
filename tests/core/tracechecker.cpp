// SPDX-License-Identifier: MIT
#include "tracechecker.h"

#include "vocabulary.h"

using sim::EventKind;
using sim::HandleKind;
using sim::RunStatus;
using sim::TraceEvent;

QString TraceChecker::check(RunStatus status)
{
    const auto& events = m_trace.events;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const QString problem = step(events[i], i + 1 < events.size() ? &events[i + 1] : nullptr);
        if (!problem.isEmpty())
            return QStringLiteral("event %1 (%2, task %3): %4")
                .arg(i)
                .arg(QString::fromUtf8(sim::words(events[i].kind).name))
                .arg(qint64(events[i].task))
                .arg(problem);
    }
    if (m_printed != m_trace.outputLines.size())
        return QStringLiteral("%1 Printed events for %2 output lines").arg(m_printed).arg(m_trace.outputLines.size());
    if (status == RunStatus::Completed) {
        if (const QString problem = endOfIteration(); !problem.isEmpty())
            return problem;
        for (std::size_t t = 0; t < m_states.size(); ++t)
            if (m_states[t] != State::Finished)
                return QStringLiteral("task %1 is not finished after a completed run").arg(t);
        for (quint32 timer : m_heap)
            if (!m_cancelled.count(timer))
                return QStringLiteral("timer %1 is still pending after a completed run").arg(timer);
    }
    return {};
}

QString TraceChecker::endOfIteration() const
{
    if (m_planned >= 0 && m_ran != m_planned)
        return QStringLiteral("iteration %1 ran %2 handles, %3 were ready at its start").arg(m_iteration).arg(m_ran).arg(m_planned);
    return {};
}

QString TraceChecker::step(const TraceEvent& e, const TraceEvent* next)
{
    const bool byRunning = e.task == m_running && m_running != sim::noId;
    if (e.kind != EventKind::TaskCreated && e.task != sim::noId && e.task >= m_states.size())
        return "an event names a task that was not created";
    switch (e.kind) {
    case EventKind::IterationStarted:
        if (QString problem = endOfIteration(); !problem.isEmpty())
            return problem;
        if (e.a != ++m_iteration)
            return "iterations are not numbered 1, 2, 3, ...";
        if (e.value < m_clock)
            return QStringLiteral("the clock went back from %1 to %2").arg(m_clock).arg(e.value);
        if (e.value > m_clock && !m_ready.empty())
            return "the clock moved although handles were ready";
        if (m_running != sim::noId)
            return "an iteration started inside a step";
        m_clock = e.value;
        m_planned = qsizetype(m_ready.size());
        m_ran = 0;
        return {};
    case EventKind::TaskCreated:
        if (e.task != m_states.size())
            return "task ids are not dense";
        m_states.push_back(State::Created);
        return {};
    case EventKind::HandleQueued:
        m_ready.push_back({ e.detail, e.task, e.a });
        if (e.detail == quint8(HandleKind::TaskStep)) {
            if (state(e.task) != State::Created && state(e.task) != State::Yielded)
                return "a step was queued for a task that is neither new nor yielding";
            state(e.task) = State::Ready;
        } else if (e.detail == quint8(HandleKind::TaskWakeup)) {
            if (state(e.task) != State::Waiting)
                return "a wakeup was queued for a task that is not waiting";
            state(e.task) = State::Ready;
        }
        return {};
    case EventKind::HandleRun: {
        if (m_ready.empty() || !(m_ready.front() == Queued { e.detail, e.task, e.a }))
            return "the handle run is not the head of the ready deque (call_soon is FIFO)";
        m_ready.pop_front();
        if (++m_ran > m_planned)
            return "a handle queued during this iteration ran in it";
        const bool step = e.detail == quint8(HandleKind::TaskStep) || e.detail == quint8(HandleKind::TaskWakeup);
        if (step && !(next && next->kind == EventKind::StepStarted && next->task == e.task))
            return "a task's handle ran without starting its step";
        if (e.detail == quint8(HandleKind::TimerCallback) && (e.b == 1) != bool(m_cancelled.count(e.a)))
            return "a timer callback was skipped (or not) against its cancelled flag";
        return {};
    }
    case EventKind::StepStarted:
        if (m_running != sim::noId)
            return "two StepStarted without a StepEnded";
        if (state(e.task) != State::Ready)
            return "a step started for a task that is not ready (finished, waiting or running)";
        state(e.task) = State::Running;
        m_running = e.task;
        return {};
    case EventKind::StepEnded:
        if (!byRunning)
            return "StepEnded for a task that is not running";
        if (e.detail == quint8(sim::WaitKind::Yield))
            state(e.task) = State::Yielded;
        else if (e.detail >= quint8(sim::WaitKind::Done))
            state(e.task) = State::Finishing;
        else
            state(e.task) = State::Waiting;
        m_running = sim::noId;
        return {};
    case EventKind::TaskFinished:
        if (state(e.task) != State::Finishing)
            return "TaskFinished without a final StepEnded";
        state(e.task) = State::Finished;
        return {};
    case EventKind::TimerScheduled:
        if (!byRunning || e.value <= m_clock || m_trace.timers.at(e.a).when != e.value || !m_heap.insert(e.a).second)
            return "a timer was scheduled outside a step, in the past, or twice";
        return {};
    case EventKind::TimerCancelled:
        if ((e.b == 1) != bool(m_heap.count(e.a)) || !m_cancelled.insert(e.a).second)
            return "TimerCancelled disagrees with the heap, or came twice";
        return {};
    case EventKind::TimerPurged:
        if (!m_cancelled.count(e.a) || !m_heap.erase(e.a))
            return "a timer was purged that is not a cancelled one in the heap";
        return {};
    case EventKind::TimersRebuilt:
        if (m_heap.size() <= 100)
            return "the heap was rebuilt with 100 timers or fewer";
        for (quint32 timer : m_cancelled)
            m_heap.erase(timer);
        return {};
    case EventKind::TimerDue: {
        const double when = m_trace.timers.at(e.a).when;
        if (!m_heap.erase(e.a) || when >= m_clock + 1e-9 || when < m_lastDue)
            return QStringLiteral("timer %1 due at %2 (clock %3, previous due %4)").arg(e.a).arg(when).arg(m_clock).arg(m_lastDue);
        m_lastDue = when;
        m_ready.push_back({ quint8(HandleKind::TimerCallback), m_trace.timers[e.a].owner, e.a });
        ++m_planned;
        if (!(next && next->kind == EventKind::TimerDue))
            for (quint32 timer : m_heap)
                if (m_trace.timers[timer].when < m_clock + 1e-9)
                    return "a due timer was left in the heap";
        return {};
    }
    case EventKind::Printed:
        if (e.a != m_printed++ || (e.task != sim::noId && !byRunning))
            return "output lines are not printed once each, in order, by the running task";
        return {};
    case EventKind::QueuePut:
        m_items.push_back(e.a);
        ++m_unfinished;
        if (!byRunning || e.b != m_items.size())
            return QStringLiteral("QueuePut reports size %1, the count is %2").arg(e.b).arg(m_items.size());
        return {};
    case EventKind::QueueGet:
        if (!byRunning || m_items.empty() || m_items.front() != e.a)
            return "QueueGet took an item that is not the queue's head";
        m_items.pop_front();
        if (e.b != m_items.size())
            return QStringLiteral("QueueGet reports size %1, the count is %2").arg(e.b).arg(m_items.size());
        return {};
    case EventKind::TaskDoneCalled:
        if (!byRunning || --m_unfinished < 0 || e.b != quint64(m_unfinished))
            return QStringLiteral("unfinished count %1 against %2").arg(qint64(e.b)).arg(m_unfinished);
        return {};
    case EventKind::WaiterAdded:
        return byRunning ? QString() : "a waiter was added outside its task's step";
    case EventKind::CancelRequested:
        return state(e.task) == State::Finished ? "a finished task was cancelled" : QString();
    case EventKind::LoopStopped:
    case EventKind::TeardownStarted:
        return m_running == sim::noId ? QString() : "the loop stopped inside a step";
    case EventKind::Deadlock:
    case EventKind::LimitReached:
        if (next)
            return "the run went on after it ended";
        if (e.kind == EventKind::Deadlock && (!m_ready.empty() || !m_heap.empty()))
            return "a deadlock with a ready handle or a pending timer";
        return {};
    default:
        return {};
    }
}
