// SPDX-License-Identifier: MIT
#include "eventloop.h"

#include "gather.h"
#include "heapq.h"
#include "prefetch.h"

#include <cassert>
#include <cstring>

namespace sim {

namespace {
    // BaseEventLoop._run_once's thresholds for rebuilding the heap without cancelled timers.
    constexpr std::size_t minScheduledTimerHandles = 100;
    constexpr double minCancelledTimerHandlesFraction = 0.5;
    // time.get_clock_info('monotonic').resolution on Linux: timers due within it run now.
    constexpr double clockResolution = 1e-09;
    constexpr double maximumSelectTimeout = 24 * 3600;

    // How far ahead in the ready deque the loop prefetches (see prefetchTargets): far enough
    // for memory to answer (a few hundred nanoseconds), near enough that what arrives is
    // still in the cache when the handle runs. Measured on chained 1..100000.
    constexpr std::size_t prefetchTargetsAhead = 16;
    constexpr std::size_t prefetchFramesAhead = 8;
    // A task's root frame is prefetched whole up to this size (the scenarios' take 256 to 448
    // bytes, chain()'s the most, with part1's and part2's frames inlined in it); the frame a
    // step resumes in, the leaf, is small (sleep's, Queue.get's: 128 bytes, two lines, as the
    // frame pool aligns frames to lines).
    constexpr std::size_t rootFrameLines = 7;
    constexpr std::size_t leafFrameLines = 2;

    // A coroutine that returns at once: the shutdown_asyncgens / shutdown_default_executor
    // coroutines of asyncio.run's teardown, which have nothing to do here.
    Task<void> nothingToShutDown() { co_return; }
}

EventLoop::EventLoop(Trace* trace, Limits limits, RunControl* control)
    : m_trace(trace)
    , m_limits(limits)
    , m_control(control)
    , m_cancelledError(std::make_exception_ptr(CancelledError {}))
{
}

bool EventLoop::isCancelledError(const std::exception_ptr& error) const
{
    if (!error)
        return false;
    if (error == m_cancelledError) // nearly always: the loop's own (rethrown, it stays the same object)
        return true;
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

EventLoop::~EventLoop()
{
    // Frames first (their locals may refer to futures), then the futures themselves.
    m_ready.clear();
    for (LoopTask* task : m_tasks)
        task->m_coroutine.reset();
}

std::vector<TimerHandle*> EventLoop::timerHeap() const
{
    std::vector<TimerHandle*> heap;
    heap.reserve(m_timers.size());
    for (const TimerEntry& entry : m_timers)
        heap.push_back(entry.timer);
    return heap;
}

void EventLoop::recordEvent(TaskId task, std::uint16_t line, EventKind kind, std::uint32_t a, std::uint32_t b,
    std::uint8_t detail, double value)
{
    m_trace->events.push_back(TraceEvent { value, task, a, b, kind, detail, line });
}

LoopTask& EventLoop::createTask(Task<void> coroutine, std::string_view name, bool internal)
{
    const TaskId id = TaskId(m_tasks.size());
    if (id >= m_limits.maxTasks)
        m_limitHit = true; // still created, so the caller's code stays valid; the run stops at once
    auto& ref = m_taskArena.emplace_back(*this, m_nextFutureId++, id, std::move(coroutine));
    m_tasks.push_back(&ref);
    if (m_trace) {
        m_trace->futureKinds.push_back(FutureKind::Task);
        m_trace->tasks.push_back(TaskInfo { m_trace->strings.add(name), currentTaskId(), internal });
        recordFor(id, EventKind::TaskCreated, currentTaskId(), m_trace->tasks.back().name, internal ? 1 : 0);
    }
    const Cause previous = std::exchange(m_cause, Cause { CauseKind::Created, currentTaskId() });
    callSoon(Handle { HandleKind::TaskStep, id, &ref });
    m_cause = previous;
    return ref;
}

TimerHandle& EventLoop::startSleep(double delay)
{
    assert(delay > 0 && m_current);
    LoopTask& task = *m_current;
    // future = loop.create_future()
    task.m_sleepFuture = m_nextFutureId++;
    task.m_sleepState = LoopTask::SleepState::Pending;
    if (m_trace)
        m_trace->futureKinds.push_back(FutureKind::Sleep);
    // h = loop.call_later(delay, futures._set_result_unless_cancelled, future), in the task's
    // own timer unless a cancelled sleep left that one in the heap or the ready deque.
    // (m_otherTimer, in the task's third cache line, is not read otherwise.)
    TimerHandle* sleepTimer = &task.m_ownTimer;
    task.m_sleepOnOwnTimer = !sleepTimer->busy();
    if (!task.m_sleepOnOwnTimer) {
        sleepTimer = &m_timerArena.emplace_back();
        task.m_otherTimer = sleepTimer;
    }
    TimerHandle& timer = *sleepTimer;
    // call_later(delay) is call_at(self.time() + delay): the same float addition as Python.
    timer
        = TimerHandle { m_now + delay, &task, m_nextTimerId++, task.taskId(), task.m_sleepFuture, false, true, false };
    heapq::push(m_timers, TimerEntry { timer.when, &timer }, timerLess);
    m_newestTimer = &timer;
    if (m_trace) {
        m_trace->timers.push_back(TimerInfo { timer.when, task.taskId() });
        record(EventKind::TimerScheduled, timer.id, noId, 0, timer.when);
    }
    return timer;
}

void EventLoop::cancelTimer(TimerHandle& timer)
{
    // A timer that already ran (sleep's `finally: h.cancel()` after a normal wake-up) only
    // gets a flag nobody reads again; skipping it saves touching cold memory on every sleep.
    if (timer.cancelled || (!timer.scheduled && timer.sleeper->m_sleepState != LoopTask::SleepState::Pending))
        return;
    timer.cancelled = true;
    if (timer.scheduled)
        ++m_cancelledTimers;
    // A timer that already ran is only flagged; the trace need not hear of it.
    if (timer.scheduled)
        record(EventKind::TimerCancelled, timer.id, 1);
}

std::uint32_t EventLoop::createQueueId(int maxSize)
{
    const std::uint32_t id = m_queueCount++;
    if (m_trace) {
        m_trace->queueCount = m_queueCount;
        record(EventKind::QueueCreated, id, std::uint32_t(maxSize));
    }
    return id;
}

void EventLoop::callSoon(Handle handle)
{
    m_ready.push_back(handle);
    if (m_trace)
        recordQueued(handle);
}

HandleFacts EventLoop::factsOf(const Handle& handle) const
{
    switch (handle.kind) {
    case HandleKind::TaskStep:
    case HandleKind::TaskWakeup:
        if (handle.future)
            return { handle.kind, handle.task, handle.future->id() };
        return { handle.kind, handle.task,
            handle.kind == HandleKind::TaskWakeup ? static_cast<const LoopTask*>(handle.target)->m_sleepFuture : noId };
    case HandleKind::TimerCallback: {
        const auto& timer = *static_cast<const TimerHandle*>(handle.target);
        return { handle.kind, timer.owner, timer.id };
    }
    case HandleKind::GatherCallback:
        return { handle.kind, static_cast<LoopTask*>(handle.future)->taskId(),
            static_cast<Future*>(handle.target)->id() };
    case HandleKind::StopLoop:
        return { handle.kind,
            handle.future && handle.future->kind() == FutureKind::Task ? static_cast<LoopTask*>(handle.future)->taskId()
                                                                       : noId,
            handle.future ? handle.future->id() : noId };
    case HandleKind::Callback: // recorded programs only
        break;
    }
    return { handle.kind, noId, noId };
}

void EventLoop::recordQueued(const Handle& handle)
{
    const HandleFacts facts = factsOf(handle);
    m_trace->events.push_back(TraceEvent { 0, facts.task, facts.object, m_cause.id, EventKind::HandleQueued,
        std::uint8_t(handle.kind), std::uint16_t(m_cause.kind) });
}

void EventLoop::print(std::string_view text)
{
    if (m_chunks) {
        char* const begin = m_chunks->reserve(text.size());
        if (!text.empty())
            std::memcpy(begin, text.data(), text.size());
        printed(m_chunks->commit(begin + text.size()));
        return;
    }
    printed(text);
    if (m_output)
        m_output(text);
}

void EventLoop::printed(std::string_view line)
{
    if (m_trace) {
        const auto index = std::uint32_t(m_trace->outputLines.size());
        m_trace->outputLines.push_back(m_trace->strings.add(line));
        record(EventKind::Printed, index);
    }
}

RunStatus EventLoop::run(Task<void> main, std::string_view name)
{
    LoopTask& mainTask = createTask(std::move(main), name);
    const RunStatus status = runUntilComplete(mainTask);
    if (status != RunStatus::Completed)
        return status; // Python would block forever (or we stopped it): no teardown
    record(EventKind::TeardownStarted);
    cancelRemainingTasks();
    for (const char* shutdown : { "shutdown_asyncgens", "shutdown_default_executor" }) {
        LoopTask& task = createTask(nothingToShutDown(), shutdown, true);
        if (const RunStatus teardown = runUntilComplete(task); teardown != RunStatus::Completed)
            return teardown;
    }
    return RunStatus::Completed;
}

// asyncio.runners._cancel_all_tasks: cancel every unfinished task, then run until a gather
// of them (with return_exceptions=True) is done.
void EventLoop::cancelRemainingTasks()
{
    std::vector<LoopTask*> pending;
    for (LoopTask* task : m_tasks) {
        if (!task->done())
            pending.push_back(task);
    }
    if (pending.empty())
        return;
    for (LoopTask* task : pending)
        task->cancel();
    auto& outer = gatherTasks(*this, pending, /*returnExceptions=*/true);
    runUntilComplete(outer);
}

RunStatus EventLoop::runUntilComplete(Future& future)
{
    const Future::Callback stop { HandleKind::StopLoop, noId, nullptr };
    future.addDoneCallback(stop);
    RunStatus status = RunStatus::Completed;
    while (true) {
        status = runOnce();
        if (status != RunStatus::Completed || m_stopping)
            break;
    }
    m_stopping = false;
    future.removeDoneCallback(stop);
    if (status == RunStatus::Completed && !future.done())
        status = RunStatus::Deadlock; // cannot happen: the loop only stops for this future
    return status;
}

void EventLoop::purgeCancelledTimers()
{
    const std::size_t scheduled = m_timers.size();
    if (scheduled > minScheduledTimerHandles
        && double(m_cancelledTimers) / double(scheduled) > minCancelledTimerHandlesFraction) {
        std::vector<TimerEntry> kept;
        kept.reserve(scheduled);
        for (const TimerEntry& entry : m_timers) {
            if (entry.timer->cancelled)
                entry.timer->scheduled = false;
            else
                kept.push_back(entry);
        }
        heapq::heapify(kept, timerLess);
        m_timers = std::move(kept);
        m_cancelledTimers = 0;
        record(EventKind::TimersRebuilt);
        return;
    }
    while (!m_timers.empty() && m_timers.front().timer->cancelled) {
        --m_cancelledTimers;
        TimerHandle* timer = heapq::pop(m_timers, timerLess).timer;
        timer->scheduled = false;
        record(EventKind::TimerPurged, timer->id);
    }
}

RunStatus EventLoop::runOnce()
{
    purgeCancelledTimers();

    if (m_ready.empty() && !m_stopping) {
        if (m_timers.empty()) {
            record(EventKind::Deadlock);
            return RunStatus::Deadlock;
        }
        // select(timeout) on the virtual clock: the clock moves by exactly the timeout.
        double timeout = m_timers.front().when - m_now;
        timeout = std::min(std::max(0.0, timeout), maximumSelectTimeout);
        m_now = m_now + timeout;
    }
    ++m_iteration;
    // Iterations count toward the step limit and poll for cancellation too: past ~9e6 virtual
    // seconds `now + 1e-9 == now`, a timer due at `now` never falls due and CPython spins in
    // empty iterations forever; so would we, without this.
    if (m_iteration > m_limits.maxHandles) {
        m_limit = Limit::Handles;
        record(EventKind::LimitReached, std::uint32_t(m_limit));
        return RunStatus::LimitReached;
    }
    if (m_control && (m_iteration & 4095) == 0 && m_control->cancelRequested.load(std::memory_order_relaxed))
        return RunStatus::Cancelled;
    record(EventKind::IterationStarted, std::uint32_t(m_iteration), noId, 0, m_now);

    const double endTime = m_now + clockResolution;
    const std::size_t firstDue = m_ready.size();
    while (!m_timers.empty()) {
        if (m_timers.front().when >= endTime)
            break;
        m_ready.push_back(Handle { HandleKind::TimerCallback, noId, heapq::pop(m_timers, timerLess).timer });
    }
    // The due timers themselves are marked in a second pass, which can prefetch them: popping
    // only touched the heap, and thousands of timers may fall due at once (chained 1..100000).
    for (std::size_t i = firstDue; i < m_ready.size(); ++i) {
        if (i + prefetchTargetsAhead < m_ready.size())
            prefetchForRead(m_ready[i + prefetchTargetsAhead].target);
        auto* timer = static_cast<TimerHandle*>(m_ready[i].target);
        timer->scheduled = false;
        timer->queued = true;
        record(EventKind::TimerDue, timer->id);
    }

    // Only the handles queued by now run in this iteration; new ones wait for the next.
    for (std::size_t todo = m_ready.size(); todo > 0; --todo) {
        if (m_ready.size() > prefetchTargetsAhead)
            prefetchTargets(m_ready[prefetchTargetsAhead]);
        if (m_ready.size() > prefetchFramesAhead)
            prefetchFrames(m_ready[prefetchFramesAhead]);
        const Handle handle = m_ready.front();
        m_ready.pop_front();
        if (m_limitHit)
            m_limit = Limit::Tasks;
        else if (m_handlesRun >= m_limits.maxHandles)
            m_limit = Limit::Handles;
        else if (m_trace && m_trace->events.size() >= m_limits.maxTraceEvents)
            m_limit = Limit::TraceEvents;
        if (m_limit != Limit::None) {
            m_ready.push_front(handle);
            record(EventKind::LimitReached, std::uint32_t(m_limit));
            return RunStatus::LimitReached;
        }
        if (m_control && (m_handlesRun & 4095) == 0) {
            m_control->handlesRun.store(m_handlesRun, std::memory_order_relaxed);
            m_control->virtualTime.store(m_now, std::memory_order_relaxed);
            if (m_control->cancelRequested.load(std::memory_order_relaxed)) {
                m_ready.push_front(handle);
                return RunStatus::Cancelled;
            }
        }
        ++m_handlesRun;
        runHandle(handle);
        if (m_afterHandle)
            m_afterHandle();
    }
    return RunStatus::Completed;
}

// A large run is bound by memory latency, not by instructions: every handle touches a task,
// a future or a timer and coroutine frames that were last used long ago (chained 1..100000
// interleaves 100,000 tasks). The ready deque says which handles run next, so the loop asks
// for their memory ahead of time, in two stages because the frames are only known once the
// task has arrived. The misses of many handles then overlap instead of stalling each step
// in turn: chained runs twice as fast.
void EventLoop::prefetchTargets(const Handle& handle) const
{
    switch (handle.kind) {
    case HandleKind::TaskStep:
    case HandleKind::TaskWakeup:
        prefetchForRead(handle.target, LoopTask::hotLines);
        if (handle.future)
            prefetchForRead(handle.future, linesOf<Future>);
        break;
    case HandleKind::TimerCallback:
        prefetchForRead(handle.target, linesOf<TimerHandle>);
        break;
    case HandleKind::GatherCallback:
        prefetchForRead(handle.target, linesOf<GatherFuture>);
        prefetchForRead(handle.future, LoopTask::hotLines);
        break;
    case HandleKind::StopLoop:
    case HandleKind::Callback:
        break;
    }
}

void EventLoop::prefetchFrames(const Handle& handle) const
{
    switch (handle.kind) {
    case HandleKind::TaskStep:
    case HandleKind::TaskWakeup: {
        const auto& task = *static_cast<const LoopTask*>(handle.target);
        if (task.m_resumePoint)
            prefetchForRead(task.m_resumePoint.address(), leafFrameLines);
        if (task.m_coroutine.valid())
            prefetchForRead(task.m_coroutine.handle().address(), rootFrameLines);
        break;
    }
    case HandleKind::TimerCallback: // its task's timer and sleep share the lines prefetched already
    case HandleKind::GatherCallback:
    case HandleKind::StopLoop:
    case HandleKind::Callback:
        break;
    }
}

void EventLoop::runHandle(const Handle& handle)
{
    const bool skipped = handle.kind == HandleKind::TimerCallback && static_cast<TimerHandle*>(handle.target)->cancelled;
    if (m_trace) {
        Trace& trace = *m_trace;
        const std::size_t before = trace.events.size();
        recordQueued(handle); // reuse the field mapping, then turn it into HandleRun
        TraceEvent& event = trace.events[before];
        event.kind = EventKind::HandleRun;
        event.b = skipped ? 1 : 0;
        event.line = 0;
    }
    if (skipped) {
        static_cast<TimerHandle*>(handle.target)->queued = false;
        return;
    }

    switch (handle.kind) {
    case HandleKind::TaskStep: {
        auto& task = *static_cast<LoopTask*>(handle.target);
        stepTask(task, nullptr, HandleKind::TaskStep);
        break;
    }
    case HandleKind::TaskWakeup: {
        // Task.__wakeup(future): future.result() raises for a cancelled or failed future,
        // and that exception is thrown into the coroutine.
        // (Without a future, the task's own sleep ended.)
        auto& task = *static_cast<LoopTask*>(handle.target);
        std::exception_ptr error;
        if (handle.future ? handle.future->cancelled() : task.m_sleepState == LoopTask::SleepState::Cancelled)
            error = m_cancelledError;
        else if (handle.future)
            error = handle.future->exception();
        stepTask(task, error, HandleKind::TaskWakeup);
        break;
    }
    case HandleKind::TimerCallback:
        runTimer(*static_cast<TimerHandle*>(handle.target));
        break;
    case HandleKind::GatherCallback: {
        auto& gather = *static_cast<GatherFuture*>(handle.target);
        auto& child = *static_cast<LoopTask*>(handle.future);
        m_cause = Cause { CauseKind::Gather, child.taskId() };
        gather.childDone(child);
        break;
    }
    case HandleKind::StopLoop:
        m_stopping = true;
        record(EventKind::LoopStopped);
        break;
    case HandleKind::Callback: // recorded programs only: the engine queues none
        break;
    }
    m_cause = Cause {};
}

// futures._set_result_unless_cancelled(future) for the sleep the timer ends: its future is
// the task's, unless that sleep was cancelled and the task sleeps again already. Completing
// it queues the task's wakeup, its done callback.
void EventLoop::runTimer(TimerHandle& timer)
{
    timer.queued = false;
    LoopTask& task = *timer.sleeper;
    if (task.m_sleepState != LoopTask::SleepState::Pending || task.m_sleepFuture != timer.future)
        return;
    task.m_sleepState = LoopTask::SleepState::Finished;
    m_cause = Cause { CauseKind::Timer, timer.id };
    callSoon(Handle { HandleKind::TaskWakeup, timer.owner, &task, nullptr });
}

// Task.__step, line for line where it decides anything.
void EventLoop::stepTask(LoopTask& task, std::exception_ptr thrownIn, HandleKind via)
{
    assert(!task.done());
    if (task.m_mustCancel) {
        if (!isCancelledError(thrownIn))
            thrownIn = m_cancelledError;
        task.m_mustCancel = false;
    }
    task.m_futWaiter = nullptr;
    m_current = &task;
    m_cause = Cause { CauseKind::TaskStep, task.taskId() };
    ++m_taskSteps;
    record(EventKind::StepStarted, noId, thrownIn ? 1 : 0, std::uint8_t(via));

    task.m_yielded = LoopTask::Yielded::Nothing;
    if (!task.m_started) {
        task.m_started = true;
        task.m_resumePoint = task.m_coroutine.handle();
        if (thrownIn) {
            // coro.throw() on a coroutine that never ran raises at once: none of its code runs.
            task.m_coroutine.handle().promise().exception = thrownIn;
            finishStep(task);
            return;
        }
    }
    m_thrownIn = std::move(thrownIn);
    task.m_resumePoint.resume();
    finishStep(task);
}

void EventLoop::finishStep(LoopTask& task)
{
    // A step that suspended on nothing the loop knows is the first step of a task that was
    // cancelled before it ran (see stepTask), or a root coroutine that ended with reraise()
    // (task.h); every other suspension goes through an awaiter.
    const bool finished = task.m_coroutine.done() || task.m_yielded == LoopTask::Yielded::Nothing;
    if (finished) {
        std::exception_ptr error = task.m_coroutine.handle().promise().exception;
        WaitKind outcome = WaitKind::Done;
        if (!error) {
            if (task.m_mustCancel) { // cancelled right before the coroutine returned
                task.m_mustCancel = false;
                outcome = WaitKind::Cancelled;
            }
        } else if (isCancelledError(error)) {
            outcome = WaitKind::Cancelled;
        } else {
            outcome = WaitKind::Failed;
        }
        std::uint32_t message = noId;
        if (outcome == WaitKind::Failed && m_trace) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                message = m_trace->strings.add(e.what());
            } catch (...) {
                message = m_trace->strings.add("unknown error");
            }
        }
        record(EventKind::StepEnded, noId, noId, std::uint8_t(outcome));
        record(EventKind::TaskFinished, message, noId, std::uint8_t(outcome));
        m_current = nullptr;
        m_cause = Cause { CauseKind::TaskFinished, task.taskId() };
        if (outcome == WaitKind::Done)
            task.setResult();
        else if (outcome == WaitKind::Cancelled)
            task.cancelPlain();
        else
            task.setException(error);
        return;
    }

    if (task.m_yielded == LoopTask::Yielded::Bare) {
        record(EventKind::StepEnded, noId, noId, std::uint8_t(WaitKind::Yield));
        m_cause = Cause { CauseKind::Yield, task.taskId() };
        callSoon(Handle { HandleKind::TaskStep, task.taskId(), &task });
        m_current = nullptr;
        return;
    }

    if (task.m_yielded == LoopTask::Yielded::Sleep) {
        // Its sleep's future: its done callback, the task's wakeup, is part of it. sleep()
        // awaits that future right after scheduling its timer: the newest one.
        record(EventKind::StepEnded, m_newestTimer->id, noId, std::uint8_t(WaitKind::Sleep), m_newestTimer->when);
        m_current = nullptr;
        if (task.m_mustCancel && task.cancelSleep())
            task.m_mustCancel = false;
        return;
    }

    Future& awaited = *task.m_futWaiter;
    record(EventKind::StepEnded, awaited.id(), noId, std::uint8_t(waitKindOf(awaited)));
    m_current = nullptr;
    awaited.addDoneCallback(Future::Callback { HandleKind::TaskWakeup, task.taskId(), &task });
    if (task.m_mustCancel) {
        if (awaited.cancel())
            task.m_mustCancel = false;
    }
}

WaitKind EventLoop::waitKindOf(const Future& future) const
{
    switch (future.kind()) {
    case FutureKind::Sleep:
        return WaitKind::Sleep;
    case FutureKind::QueueGetter:
        return WaitKind::QueueGet;
    case FutureKind::QueuePutter:
        return WaitKind::QueuePut;
    case FutureKind::EventWaiter:
        return WaitKind::Join;
    case FutureKind::Gather:
        return WaitKind::Gather;
    case FutureKind::Plain:
    case FutureKind::Task:
    case FutureKind::SyncWaiter: // recorded programs only
        return WaitKind::Future;
    }
    return WaitKind::Future;
}

} // namespace sim
