// SPDX-License-Identifier: MIT
#include "loopstate.h"

#include "heapq.h"

#include <algorithm>
#include <cassert>

namespace sim {

namespace {
    bool timerLess(const TimerEntry& left, const TimerEntry& right) { return left.when < right.when; }

    TaskState stateAfterStep(WaitKind wait)
    {
        switch (wait) {
        case WaitKind::Sleep:
            return TaskState::Sleeping;
        case WaitKind::QueueGet:
            return TaskState::WaitingGet;
        case WaitKind::QueuePut:
            return TaskState::WaitingPut;
        case WaitKind::Join:
            return TaskState::WaitingJoin;
        case WaitKind::Gather:
            return TaskState::AwaitingChildren;
        case WaitKind::Future:
            return TaskState::AwaitingFuture;
        case WaitKind::Yield:
            return TaskState::Ready;
        case WaitKind::Done:
            return TaskState::Done;
        case WaitKind::Cancelled:
            return TaskState::Cancelled;
        case WaitKind::Failed:
            return TaskState::Failed;
        case WaitKind::Lock:
            return TaskState::WaitingLock;
        case WaitKind::Semaphore:
            return TaskState::WaitingSemaphore;
        case WaitKind::Event:
            return TaskState::WaitingEvent;
        case WaitKind::Condition:
            return TaskState::WaitingCondition;
        case WaitKind::Task:
            return TaskState::AwaitingTask;
        }
        return TaskState::AwaitingFuture;
    }
}

bool changesTask(const TraceEvent& event)
{
    switch (event.kind) {
    case EventKind::TaskCreated:
    case EventKind::StepStarted:
    case EventKind::StepEnded:
    case EventKind::CancelRequested:
    case EventKind::Uncancelled:
    case EventKind::TaskFinished:
        return true;
    case EventKind::HandleQueued:
        return HandleKind(event.detail) == HandleKind::TaskStep || HandleKind(event.detail) == HandleKind::TaskWakeup;
    default:
        return false;
    }
}

void applyToTask(TaskStatus& status, const TraceEvent& event)
{
    switch (event.kind) {
    case EventKind::TaskCreated:
        status = TaskStatus {};
        break;
    case EventKind::HandleQueued:
        if (changesTask(event))
            status.state = TaskState::Ready;
        break;
    case EventKind::StepStarted:
        status.state = TaskState::Running;
        status.line = event.line;
        break;
    case EventKind::StepEnded:
        status.state = stateAfterStep(WaitKind(event.detail));
        status.line = event.line;
        status.waitObject = event.a;
        status.wakeAt = event.value;
        break;
    case EventKind::CancelRequested:
        status.cancelRequested = true;
        break;
    case EventKind::Uncancelled:
        status.cancelRequested = event.a > 0;
        break;
    case EventKind::TaskFinished:
        status.state = stateAfterStep(WaitKind(event.detail));
        break;
    default:
        break;
    }
}

void applyToClock(double& now, std::uint32_t& iteration, const TraceEvent& event)
{
    if (event.kind == EventKind::IterationStarted) {
        now = event.value;
        iteration = event.a;
    } else if (event.kind == EventKind::Blocked) {
        now += event.value; // the loop stood still while the clock ran on
    }
}

void LoopState::apply(const TraceEvent& event)
{
    ++eventsApplied;
    switch (event.kind) {
    case EventKind::IterationStarted:
    case EventKind::Blocked:
        applyToClock(now, iteration, event);
        break;
    case EventKind::TaskCreated:
        if (tasks.size() <= event.task)
            tasks.resize(event.task + 1);
        applyToTask(tasks[event.task], event);
        break;
    case EventKind::HandleQueued:
        ready.push_back(ReadyEntry { HandleKind(event.detail), event.task, event.a, CauseKind(event.line), event.b });
        if (changesTask(event))
            applyToTask(tasks[event.task], event);
        break;
    case EventKind::HandleRun:
        assert(!ready.empty());
        ready.pop_front();
        break;
    case EventKind::TimerScheduled:
        heapq::push(timers, TimerEntry { event.a, event.value, event.task }, timerLess);
        break;
    case EventKind::TimerCancelled:
        for (TimerEntry& timer : timers) {
            if (timer.id == event.a) {
                timer.cancelled = true;
                ++cancelledTimersInHeap;
            }
        }
        break;
    case EventKind::TimerDue: {
        const TimerEntry timer = heapq::pop(timers, timerLess);
        assert(timer.id == event.a);
        ready.push_back(ReadyEntry { HandleKind::TimerCallback, timer.owner, timer.id, CauseKind::Timer, timer.id });
        break;
    }
    case EventKind::TimerPurged:
        heapq::pop(timers, timerLess);
        --cancelledTimersInHeap;
        break;
    case EventKind::TimersRebuilt:
        std::erase_if(timers, [](const TimerEntry& timer) { return timer.cancelled; });
        heapq::heapify(timers, timerLess);
        cancelledTimersInHeap = 0;
        break;
    case EventKind::StepStarted:
        running = event.task;
        applyToTask(tasks[event.task], event);
        break;
    case EventKind::StepEnded:
        running = noId;
        applyToTask(tasks[event.task], event);
        break;
    case EventKind::CancelRequested:
    case EventKind::TaskFinished:
        applyToTask(tasks[event.task], event);
        break;
    case EventKind::Printed:
        outputLines = event.a + 1;
        break;
    case EventKind::QueuePut:
        queueItems.push_back(event.a);
        ++unfinished;
        break;
    case EventKind::QueueGet:
        if (!queueItems.empty())
            queueItems.pop_front();
        break;
    case EventKind::WaiterAdded:
        waiterList(WaiterList(event.detail), event.b).push_back(WaiterEntry { event.task, event.a });
        break;
    case EventKind::WaiterRemoved:
        waiterList(WaiterList(event.detail), event.b).erase(event.a);
        break;
    case EventKind::WaiterWoken:
        // Getters and putters are popped when woken; join and sync waiters stay listed until
        // their own step takes them off.
        if (WaiterList(event.detail) == WaiterList::Join || WaiterList(event.detail) == WaiterList::Sync) {
            if (WaiterEntry* waiter = waiterList(WaiterList(event.detail), event.b).find(event.a))
                waiter->woken = true;
        } else {
            waiterList(WaiterList(event.detail), event.b).erase(event.a);
        }
        break;
    case EventKind::TaskDoneCalled:
        unfinished = event.b;
        break;
    case EventKind::Uncancelled:
        applyToTask(tasks[event.task], event);
        break;
    case EventKind::SyncCreated:
        if (syncs.size() <= event.a)
            syncs.resize(event.a + 1);
        syncs[event.a].freeSlots = SyncKind(event.detail) == SyncKind::Semaphore ? event.b : 0;
        break;
    case EventKind::LockAcquired:
        syncs[event.a].holder = event.task;
        break;
    case EventKind::LockReleased:
        syncs[event.a].holder = noId;
        break;
    case EventKind::SemaphoreAcquired: {
        SyncState& sync = syncs[event.a];
        sync.slotHolders.push_back(event.task);
        if (sync.freeSlots > 0)
            --sync.freeSlots;
        break;
    }
    case EventKind::SemaphoreReleased: {
        SyncState& sync = syncs[event.a];
        if (const auto slot = releasedSlot(sync, event.task))
            sync.slotHolders.erase(sync.slotHolders.begin() + std::ptrdiff_t(*slot));
        ++sync.freeSlots;
        break;
    }
    case EventKind::LoopStopped:
        stopped = true;
        break;
    case EventKind::TeardownStarted:
        tearingDown = true;
        break;
    case EventKind::Deadlock:
        deadlock = true;
        break;
    case EventKind::LimitReached:
        limitReached = true;
        break;
    case EventKind::QueueCreated:
        break; // one queue is modelled; the trace's ids tell several apart
    case EventKind::ProgramFailed:
        failed = true;
        break;
    }
}

ListedWaiters& LoopState::waiterList(WaiterList list, std::uint32_t owner)
{
    switch (list) {
    case WaiterList::Getters:
        return getters;
    case WaiterList::Putters:
        return putters;
    case WaiterList::Join:
        return joinWaiters;
    case WaiterList::Sync:
        break;
    }
    return syncs[owner].waiters;
}

std::vector<TimerEntry> LoopState::timersByDeadline() const
{
    std::vector<TimerEntry> heap = timers;
    std::vector<TimerEntry> sorted;
    sorted.reserve(heap.size());
    while (!heap.empty())
        sorted.push_back(heapq::pop(heap, timerLess));
    return sorted;
}

std::size_t LoopState::memoryBytes() const
{
    return sizeof(LoopState) + ready.size() * sizeof(ReadyEntry) + timers.capacity() * sizeof(TimerEntry)
        + tasks.capacity() * sizeof(TaskStatus) + queueItems.size() * sizeof(ItemId) + getters.memoryBytes()
        + putters.memoryBytes() + joinWaiters.memoryBytes() + syncMemoryBytes();
}

std::optional<std::size_t> releasedSlot(const SyncState& sync, TaskId releaser)
{
    if (sync.slotHolders.empty())
        return std::nullopt;
    const auto own = std::ranges::find(sync.slotHolders, releaser);
    return own == sync.slotHolders.end() ? 0 : std::size_t(own - sync.slotHolders.begin());
}

std::size_t LoopState::syncMemoryBytes() const
{
    std::size_t bytes = syncs.capacity() * sizeof(SyncState);
    for (const SyncState& sync : syncs)
        bytes += sync.waiters.memoryBytes() + sync.slotHolders.capacity() * sizeof(TaskId);
    return bytes;
}

} // namespace sim
