// SPDX-License-Identifier: MIT
#include "tracerules.h"

#include "vocabulary.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sim {

namespace {
    // time.get_clock_info('monotonic').resolution on Linux: BaseEventLoop._run_once moves every
    // timer whose deadline is below the clock plus this to the ready deque.
    constexpr double clockResolution = 1e-09;
    // The heap is rebuilt without its cancelled timers only above this size (and over half cancelled).
    constexpr std::size_t minScheduledTimerHandles = 100;

    std::string number(double value)
    {
        std::string text = std::to_string(value);
        text.erase(text.find_last_not_of('0') + 1);
        if (text.ends_with('.'))
            text.pop_back();
        return text;
    }
    std::string id(std::uint32_t value) { return std::to_string(value); }

    bool isStepHandle(HandleKind kind) { return kind == HandleKind::TaskStep || kind == HandleKind::TaskWakeup; }

    // The list a waiter event is about: one of the queue's, or the sync object `owner`'s
    // (the reader has checked that it exists); nullptr for one that does not.
    const ListedWaiters* listOf(const LoopState& state, WaiterList list, std::uint32_t owner)
    {
        switch (list) {
        case WaiterList::Getters:
            return &state.getters;
        case WaiterList::Putters:
            return &state.putters;
        case WaiterList::Join:
            return &state.joinWaiters;
        case WaiterList::Sync:
            break;
        }
        return owner < state.syncs.size() ? &state.syncs[owner].waiters : nullptr;
    }

    // A semaphore's slot is taken only when one is free, by the running task (acquire) or by a
    // waiter a release has just woken (_wake_up_next takes the slot for it); it is given back
    // by the running task, or outside any task (release() from a callback).
    std::optional<std::string> checkSemaphore(const TraceEvent& event, const LoopState& before)
    {
        if (event.a >= before.syncs.size())
            return "semaphore " + id(event.a) + " does not exist";
        const SyncState& sync = before.syncs[event.a];
        if (event.kind == EventKind::SemaphoreReleased) {
            if (event.task != noId && event.task != before.running)
                return "task " + id(event.task) + " releases semaphore " + id(event.a) + " outside its own step";
            return std::nullopt;
        }
        if (sync.freeSlots == 0)
            return "task " + id(event.task) + " takes a slot of semaphore " + id(event.a) + " while none is free";
        const bool woken = std::any_of(sync.waiters.begin(), sync.waiters.end(),
            [&](const WaiterEntry& waiter) { return waiter.task == event.task && waiter.woken; });
        if (event.task != before.running && !woken)
            return "task " + id(event.task) + " takes a slot of semaphore " + id(event.a)
                + " outside its own step without being woken for it";
        return std::nullopt;
    }

    bool isFinishing(WaitKind wait)
    {
        return wait == WaitKind::Done || wait == WaitKind::Cancelled || wait == WaitKind::Failed;
    }
}

std::optional<std::string> TraceRules::check(const TraceEvent& event, const LoopState& before, const Trace& trace)
{
    if (before.failed)
        return "an event after the program failed";
    if (m_ended)
        return "an event after the run ended";
    if (auto problem = checkPending(event, before))
        return problem;
    // Every rule below may look the task up: one that was never created is a broken trace.
    if (event.kind != EventKind::TaskCreated && event.task != noId && event.task >= m_lives.size())
        return "an event names task " + id(event.task) + ", which was never created";
    switch (event.kind) {
    case EventKind::IterationStarted:
        return checkIteration(event, before);
    case EventKind::TaskCreated:
        if (m_lives.size() <= event.task) {
            m_lives.resize(event.task + 1, Life::New);
            m_listedWaiters.resize(event.task + 1, 0);
        }
        return std::nullopt;
    case EventKind::HandleQueued:
    case EventKind::HandleRun:
        return checkHandle(event, before);
    case EventKind::StepStarted:
    case EventKind::StepEnded:
    case EventKind::TaskFinished:
    case EventKind::Blocked:
        return checkStep(event, before);
    case EventKind::TimerScheduled:
    case EventKind::TimerCancelled:
    case EventKind::TimerDue:
    case EventKind::TimerPurged:
    case EventKind::TimersRebuilt:
        return checkTimer(event, before, trace);
    case EventKind::QueueCreated:
    case EventKind::QueuePut:
    case EventKind::QueueGet:
    case EventKind::TaskDoneCalled:
        return checkQueue(event, before, trace);
    case EventKind::WaiterAdded:
    case EventKind::WaiterRemoved:
    case EventKind::WaiterWoken:
        return checkWaiter(event, before);
    case EventKind::Printed:
        if (event.a != m_printed)
            return "output line " + id(event.a) + " is printed where line " + id(m_printed) + " comes next";
        ++m_printed;
        if (event.task != noId && event.task != before.running)
            return "task " + id(event.task) + " prints outside its own step";
        return std::nullopt;
    case EventKind::CancelRequested:
        if (m_lives[event.task] == Life::Finished)
            return "task " + id(event.task) + " is cancelled after it finished";
        return std::nullopt;
    case EventKind::TeardownStarted:
        if (before.running != noId)
            return "the teardown starts inside task " + id(before.running) + "'s step";
        m_interrupted = true;
        return std::nullopt;
    case EventKind::Deadlock:
        m_ended = true;
        if (before.running != noId || !before.ready.empty() || !before.timers.empty())
            return "a deadlock while a step runs, a handle is ready or a timer is pending";
        return std::nullopt;
    case EventKind::LimitReached:
        m_ended = true;
        return std::nullopt;
    case EventKind::ProgramFailed:
        if (before.running != noId)
            return "the program fails while task " + id(before.running) + "'s step runs";
        return std::nullopt;
    case EventKind::Uncancelled: // Python lets uncancel() be called on any task, even a finished one
    case EventKind::SyncCreated:
    case EventKind::LockAcquired:
    case EventKind::LockReleased:
    case EventKind::LoopStopped:
        return std::nullopt;
    case EventKind::SemaphoreAcquired:
    case EventKind::SemaphoreReleased:
        return checkSemaphore(event, before);
    }
    return std::nullopt;
}

// What the previous events left owed: the step of a step handle, the due timers of an iteration.
std::optional<std::string> TraceRules::checkPending(const TraceEvent& event, const LoopState& before)
{
    if (m_stepOwed != noId && event.kind != EventKind::LimitReached) {
        const TaskId owed = std::exchange(m_stepOwed, noId);
        if (event.kind != EventKind::StepStarted || event.task != owed)
            return "task " + id(owed) + "'s handle ran without starting its step";
        if (HandleKind(event.detail) != m_stepVia)
            return "task " + id(owed) + "'s step says it came from a " + std::string(nameOf(HandleKind(event.detail)))
                + ", its handle was a " + std::string(nameOf(m_stepVia));
    } else if (event.kind == EventKind::StepStarted) {
        return "task " + id(event.task) + "'s step starts without a handle of its own";
    }
    if (m_checkDueTimers && event.kind != EventKind::TimerDue) {
        m_checkDueTimers = false;
        if (!before.timers.empty() && before.timers.front().when < before.now + clockResolution)
            return "timer " + id(before.timers.front().id) + " is due at " + number(before.timers.front().when)
                + " but stays in the heap (the clock reads " + number(before.now) + ")";
    }
    return std::nullopt;
}

std::optional<std::string> TraceRules::checkIteration(const TraceEvent& event, const LoopState& before)
{
    if (before.running != noId)
        return "an iteration starts inside task " + id(before.running) + "'s step";
    if (m_inIteration && m_ran < m_planned && !m_interrupted)
        return "iteration " + id(before.iteration) + " ran " + id(std::uint32_t(m_ran)) + " handles, "
            + id(std::uint32_t(m_planned)) + " were ready at its start";
    if (event.a != before.iteration + 1)
        return "iteration " + id(event.a) + " follows iteration " + id(before.iteration);
    if (event.value < before.now)
        return "the clock goes back from " + number(before.now) + " to " + number(event.value);
    m_inIteration = true;
    m_interrupted = false;
    m_planned = before.ready.size();
    m_ran = 0;
    m_checkDueTimers = true;
    return std::nullopt;
}

std::optional<std::string> TraceRules::checkHandle(const TraceEvent& event, const LoopState& before)
{
    const HandleKind kind = HandleKind(event.detail);
    if (event.kind == EventKind::HandleQueued) {
        if (!isStepHandle(kind))
            return std::nullopt;
        Life& life = m_lives[event.task];
        if (kind == HandleKind::TaskStep && life != Life::New && life != Life::Yielded)
            return "a step is queued for task " + id(event.task) + ", which is neither new nor yielding";
        if (kind == HandleKind::TaskWakeup && life != Life::Waiting)
            return "a wake-up is queued for task " + id(event.task) + ", which is not waiting";
        life = Life::Ready;
        return std::nullopt;
    }
    ++m_handles;
    if (before.ready.empty())
        return "a handle runs while the ready queue is empty";
    const ReadyEntry& head = before.ready.front();
    if (head.kind != kind || head.task != event.task || head.object != event.a)
        return "the handle that runs (" + std::string(nameOf(kind)) + ", task " + id(event.task)
            + ") is not the head of the ready deque (" + std::string(nameOf(head.kind)) + ", task " + id(head.task) + ")";
    if (m_inIteration && ++m_ran > m_planned)
        return "a handle queued during iteration " + id(before.iteration) + " runs in it";
    if (kind == HandleKind::TimerCallback && event.a < m_cancelledTimers.size()
        && (event.b == 1) != m_cancelledTimers[event.a])
        return "timer " + id(event.a) + "'s callback is " + (event.b == 1 ? "skipped though it is not cancelled" : "run though it was cancelled");
    if (kind == HandleKind::TimerCallback && event.a < m_timers.size())
        m_timers[event.a] = TimerPlace::Gone;
    if (isStepHandle(kind)) {
        m_stepOwed = event.task;
        m_stepVia = kind;
    }
    return std::nullopt;
}

std::optional<std::string> TraceRules::checkStep(const TraceEvent& event, const LoopState& before)
{
    Life& life = m_lives[event.task];
    switch (event.kind) {
    case EventKind::StepStarted:
        if (before.running != noId)
            return "a step starts while task " + id(before.running) + "'s runs";
        if (life != Life::Ready)
            return "task " + id(event.task) + " steps but is not ready (new, waiting, running or finished)";
        ++m_steps;
        life = Life::Running;
        return std::nullopt;
    case EventKind::StepEnded: {
        if (before.running != event.task)
            return "task " + id(event.task) + " ends a step it is not running";
        const WaitKind wait = WaitKind(event.detail);
        life = wait == WaitKind::Yield ? Life::Yielded : isFinishing(wait) ? Life::Finishing : Life::Waiting;
        if (wait == WaitKind::Sleep
            && (event.a >= m_timers.size() || m_timers[event.a] != TimerPlace::InHeap || m_cancelledTimers[event.a]))
            return "task " + id(event.task) + " sleeps on timer " + id(event.a) + ", which is not pending";
        return std::nullopt;
    }
    case EventKind::TaskFinished:
        if (life == Life::Finished)
            return "task " + id(event.task) + " finishes twice";
        if (life != Life::Finishing)
            return "task " + id(event.task) + " finishes without ending its last step";
        if (m_listedWaiters[event.task] != 0)
            return "task " + id(event.task) + " finishes while still listed as a queue's waiter";
        life = Life::Finished;
        return std::nullopt;
    case EventKind::Blocked:
        if (before.running != event.task)
            return "task " + id(event.task) + " blocks outside a step of its own";
        if (!(event.value > 0) || !std::isfinite(before.now + event.value))
            return "a block of " + number(event.value) + " seconds";
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

std::optional<std::string> TraceRules::checkTimer(const TraceEvent& event, const LoopState& before, const Trace& trace)
{
    const std::uint32_t timer = event.a;
    switch (event.kind) {
    case EventKind::TimerScheduled:
        if (timer != m_timers.size())
            return "timer " + id(timer) + " is scheduled out of order";
        m_timers.push_back(TimerPlace::InHeap);
        m_cancelledTimers.push_back(false);
        return std::nullopt;
    case EventKind::TimerCancelled:
        if (timer >= m_timers.size() || m_timers[timer] == TimerPlace::Gone || m_cancelledTimers[timer])
            return "timer " + id(timer) + " is cancelled twice, or after it ran";
        if ((event.b == 1) != (m_timers[timer] == TimerPlace::InHeap))
            return "timer " + id(timer) + " is cancelled " + (event.b == 1 ? "in the heap, but it is not there" : "out of the heap, but it is there");
        m_cancelledTimers[timer] = true;
        return std::nullopt;
    case EventKind::TimerDue: {
        if (before.timers.empty() || before.timers.front().id != timer)
            return "timer " + id(timer) + " falls due but is not first in the timer heap";
        const double when = trace.timers[timer].when;
        if (!(when < before.now + clockResolution))
            return "timer " + id(timer) + " falls due at " + number(before.now) + ", before its deadline " + number(when);
        m_timers[timer] = TimerPlace::InReady;
        ++m_planned;
        return std::nullopt;
    }
    case EventKind::TimerPurged:
        if (before.timers.empty() || before.timers.front().id != timer || !before.timers.front().cancelled)
            return "timer " + id(timer) + " is purged but is not a cancelled timer at the head of the heap";
        m_timers[timer] = TimerPlace::Gone;
        return std::nullopt;
    case EventKind::TimersRebuilt:
        if (before.timers.size() <= minScheduledTimerHandles || 2 * std::size_t(before.cancelledTimersInHeap) <= before.timers.size())
            return "the timer heap is rebuilt with " + std::to_string(before.timers.size()) + " timers, "
                + std::to_string(before.cancelledTimersInHeap) + " of them cancelled";
        for (const TimerEntry& entry : before.timers) {
            if (entry.cancelled)
                m_timers[entry.id] = TimerPlace::Gone;
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

TraceRules::QueueCounts& TraceRules::queue(std::uint32_t queueId)
{
    if (m_queues.size() <= queueId)
        m_queues.resize(std::size_t(queueId) + 1);
    return m_queues[queueId];
}

std::optional<std::string> TraceRules::checkQueue(const TraceEvent& event, const LoopState&, const Trace& trace)
{
    switch (event.kind) {
    case EventKind::QueueCreated:
        queue(event.a);
        return std::nullopt;
    case EventKind::QueuePut: {
        if (event.a != m_gotItems.size())
            return "item " + id(event.a) + " is put out of order";
        m_gotItems.push_back(false);
        QueueCounts& counts = queue(trace.items[event.a].queue);
        ++counts.size;
        ++counts.unfinished;
        if (event.b != counts.size)
            return "queue " + id(trace.items[event.a].queue) + " holds " + id(counts.size) + " items, the put says " + id(event.b);
        return std::nullopt;
    }
    case EventKind::QueueGet: {
        if (event.a >= m_gotItems.size() || m_gotItems[event.a])
            return "item " + id(event.a) + " is got but is in no queue";
        m_gotItems[event.a] = true;
        QueueCounts& counts = queue(trace.items[event.a].queue);
        --counts.size;
        if (event.b != counts.size)
            return "queue " + id(trace.items[event.a].queue) + " holds " + id(counts.size) + " items, the get says " + id(event.b);
        return std::nullopt;
    }
    case EventKind::TaskDoneCalled: {
        QueueCounts& counts = queue(event.a);
        if (counts.unfinished == 0 || event.b != counts.unfinished - 1)
            return "task_done on queue " + id(event.a) + " leaves " + id(event.b) + " unfinished, " + id(counts.unfinished)
                + " were";
        --counts.unfinished;
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

std::optional<std::string> TraceRules::checkWaiter(const TraceEvent& event, const LoopState& before)
{
    const WaiterList list = WaiterList(event.detail);
    const ListedWaiters* waiters = listOf(before, list, event.b);
    if (!waiters)
        return "sync object " + id(event.b) + " does not exist";
    const WaiterEntry* listed = waiters->find(event.a);
    const std::string where = "future " + id(event.a) + " in the " + std::string(nameOf(list)) + " list";
    switch (event.kind) {
    case EventKind::WaiterAdded:
        if (event.task != before.running)
            return "task " + id(event.task) + " joins a waiter list outside its own step";
        if (listed)
            return where + " is listed twice";
        ++m_listedWaiters[event.task];
        return std::nullopt;
    case EventKind::WaiterWoken:
        if (!listed || listed->woken)
            return where + " is woken but is not waiting there";
        if (list != WaiterList::Join && list != WaiterList::Sync) // those stay listed until their step
            --m_listedWaiters[listed->task];
        return std::nullopt;
    case EventKind::WaiterRemoved:
        if (!listed)
            return where + " is removed but is not listed there";
        --m_listedWaiters[listed->task];
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

std::optional<std::string> TraceRules::checkEnd(const LoopState& state, const Trace& trace, const RunResult& result) const
{
    const bool cutShort = result.status == RunStatus::LimitReached || result.status == RunStatus::Cancelled;
    if (m_stepOwed != noId && !cutShort)
        return "the run ends after task " + id(m_stepOwed) + "'s handle, before its step";
    if (state.running != noId && !cutShort)
        return "the run ends inside task " + id(state.running) + "'s step";
    if (m_printed != trace.outputLines.size())
        return std::to_string(m_printed) + " printed events for " + std::to_string(trace.outputLines.size()) + " output lines";
    if (result.taskSteps != m_steps || result.handlesRun != m_handles)
        return "the run counts " + std::to_string(result.taskSteps) + " task steps and " + std::to_string(result.handlesRun)
            + " handles, its events " + std::to_string(m_steps) + " and " + std::to_string(m_handles);
    return std::nullopt;
}

std::optional<std::string> firstBrokenRule(const Trace& trace, const RunResult& result)
{
    TraceRules rules;
    LoopState state;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceEvent& event = trace.events[i];
        if (event.task != noId && event.task >= trace.tasks.size())
            return "event " + std::to_string(i) + ": task " + id(event.task) + " does not exist";
        if (auto problem = rules.check(event, state, trace))
            return "event " + std::to_string(i) + " (" + std::string(nameOf(event.kind)) + ", task "
                + (event.task == noId ? std::string("none") : id(event.task)) + "): " + *problem;
        state.apply(event);
    }
    return rules.checkEnd(state, trace, result);
}

} // namespace sim
