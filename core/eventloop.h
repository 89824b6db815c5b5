// SPDX-License-Identifier: MIT
#pragma once

#include "arena.h"
#include "future.h"
#include "looptask.h"
#include "outputbuffer.h"
#include "pyformat.h"
#include "ringqueue.h"
#include "trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sim {

// One entry of the ready deque (asyncio.Handle): see HandleKind for what each kind does.
struct Handle {
    HandleKind kind;
    // TaskStep / TaskWakeup: the task's id, so that the trace need not read the task, whose
    // memory is cold when a future it waits on completes and queues its wakeup.
    TaskId task;
    void* target; // LoopTask*, TimerHandle* or GatherFuture*
    // The completed future, for wakeups and gather callbacks; null for the wakeup of a task
    // whose sleep ended (its future is part of the task: see LoopTask).
    Future* future = nullptr;
};

// What the trace says of a handle: its kind, the task concerned and the object (timer or
// future id), as HandleQueued and HandleRun record them.
struct HandleFacts {
    HandleKind kind;
    TaskId task;
    std::uint32_t object;
};

enum class RunStatus : std::uint8_t {
    Completed, // the awaited future is done
    Deadlock, // every task waits and no timer is pending: Python would block forever
    LimitReached, // a limit of Limits was hit
    Cancelled, // RunControl::cancelRequested was set (the user pressed Cancel)
    Failed, // an exception escaped the program (recorded programs only: see EventKind::ProgramFailed)
};

// Which limit stopped a run.
enum class Limit : std::uint8_t { None, Handles, Tasks, TraceEvents };

// Lets another thread watch a long run and stop it. The loop polls it every few thousand
// handles, so cancelling costs nothing measurable.
struct RunControl {
    std::atomic<bool> cancelRequested { false };
    std::atomic<std::uint64_t> handlesRun { 0 }; // progress, updated while running
    std::atomic<double> virtualTime { 0 };
};

// Caps on one run, chosen so that a 2-core, 24 GiB machine stays usable: a run that would
// need more stops with RunStatus::LimitReached and a message instead.
struct Limits {
    std::uint64_t maxHandles = 50'000'000; // handles run from the ready deque (~1 KiB of frames per task)
    std::uint32_t maxTasks = 1'000'000; // tasks created (each holds a few coroutine frames)
    std::uint64_t maxTraceEvents = 60'000'000; // 24 bytes each: about 1.4 GiB of trace at most
};

// BaseEventLoop in virtual time. The clock moves only where CPython's loop would block in
// select(): it jumps to the earliest timer's deadline. Everything else follows CPython
// 3.11: the ready deque, call_soon FIFO, the heapq timer heap compared on `when` only, one
// iteration = purge cancelled timers, advance the clock, move due timers to the END of the
// ready deque in heap-pop order, then run exactly the handles that were queued at that
// point (core/CPYTHON.md, facts 1, 2 and 5). Every decision is recorded in the Trace, when given.
class EventLoop {
public:
    explicit EventLoop(Trace* trace = nullptr, Limits limits = {}, RunControl* control = nullptr);
    ~EventLoop(); // destroys every task's coroutine frames, finished or not
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    double time() const { return m_now; }
    Trace* trace() const { return m_trace; }
    LoopTask* currentTask() const { return m_current; }
    std::uint64_t handlesRun() const { return m_handlesRun; }
    std::uint64_t taskSteps() const { return m_taskSteps; }
    Limit limitHit() const { return m_limit; }
    // Every task, by TaskId.
    const std::vector<LoopTask*>& tasks() const { return m_tasks; }
    // The live ready deque and timer heap (heapq's array order), for tests that compare
    // them with the state rebuilt from the trace. timerHeap() builds a copy.
    const RingQueue<Handle>& readyHandles() const { return m_ready; }
    std::vector<TimerHandle*> timerHeap() const;
    HandleFacts factsOf(const Handle& handle) const;
    // Called after every handle the loop runs (tests only; empty by default).
    void setAfterHandle(std::function<void()> callback) { m_afterHandle = std::move(callback); }

    // asyncio.run(main): runs the main task to completion, then the teardown (cancel what
    // is left, shut down async generators and the default executor).
    RunStatus run(Task<void> main, std::string_view name = "main");
    // run_until_complete(future).
    RunStatus runUntilComplete(Future& future);

    // loop.create_task(coro): the first step is queued with call_soon; nothing runs now.
    LoopTask& createTask(Task<void> coroutine, std::string_view name, bool internal = false);
    template <typename FutureType = Future, typename... Args> FutureType& createFuture(FutureKind kind, Args&&... args);
    // asyncio.sleep(delay) with delay > 0, up to its await, in the running task: the sleep's
    // future (part of the task) and call_later(delay, _set_result_unless_cancelled, future).
    TimerHandle& startSleep(double delay);
    // The `finally: h.cancel()` of asyncio.sleep, in the running task (TimerHandle.cancel()).
    void cancelSleepTimer() { cancelTimer(m_current->sleepTimer()); }
    // The exception thrown into the running task at the await it resumes at (taken once), if any.
    std::exception_ptr takeThrownIn() { return std::exchange(m_thrownIn, nullptr); }
    // call_soon of a handle; `cause` tells the trace what completed.
    void callSoon(Handle handle);

    // print() from the running task (or from top-level code outside the loop).
    void print(std::string_view text);
    // print(f"..."): formatted into a buffer the loop keeps (the output's chunk, when the
    // output takes chunks), so a line costs no allocation.
    template <typename... Values>
    void print(const FString<Values...>& line)
    {
        if (m_chunks) {
            char* const begin = m_chunks->reserve(line.maxLength());
            printed(m_chunks->commit(line.write(begin)));
            return;
        }
        if (const std::size_t room = line.maxLength(); m_line.size() < room)
            m_line.resize(room);
        char* const begin = m_line.data();
        print(std::string_view(begin, std::size_t(line.write(begin) - begin)));
    }
    // Where to stream printed lines (besides the trace), one call per line.
    void setOutput(std::function<void(std::string_view)> output) { m_output = std::move(output); }
    // The same as text: lines each ended by '\n', in chunks (see OutputBuffer), the last one
    // when the loop is destroyed or flushOutput() is called.
    void setChunkedOutput(std::function<void(std::string_view)> write)
    {
        m_chunks = std::make_unique<OutputBuffer>(std::move(write));
    }
    void flushOutput()
    {
        if (m_chunks)
            m_chunks->flush();
    }
    // Records an event with the running task filled in (for the queue and other awaitables).
    // Inline, so that a run without a trace pays one test per call.
    // A new asyncio.Queue: its id, recorded with QueueCreated (maxSize 0: unbounded).
    std::uint32_t createQueueId(int maxSize);

    void record(EventKind kind, std::uint32_t a = noId, std::uint32_t b = noId, std::uint8_t detail = 0,
        double value = 0)
    {
        if (m_trace)
            recordEvent(currentTaskId(), m_current ? m_current->line() : std::uint16_t(0), kind, a, b, detail, value);
    }
    void recordFor(TaskId task, EventKind kind, std::uint32_t a = noId, std::uint32_t b = noId,
        std::uint8_t detail = 0, double value = 0)
    {
        if (m_trace)
            recordEvent(
                task, task < m_tasks.size() ? m_tasks[task]->line() : std::uint16_t(0), kind, a, b, detail, value);
    }
    TaskId currentTaskId() const { return m_current ? m_current->taskId() : noId; }
    // The CancelledError the loop raises. One object for every cancellation, so that telling
    // it from other errors is a pointer comparison (a rethrow to inspect it costs microseconds).
    const std::exception_ptr& cancelledError() const { return m_cancelledError; }

private:
    friend class Future;
    friend class LoopTask;

    // A timer heap entry: the deadline is kept next to the handle, so that sifting through
    // 100,000 timers compares contiguous doubles instead of chasing a pointer per level.
    struct TimerEntry {
        double when;
        TimerHandle* timer;
    };
    static bool timerLess(const TimerEntry& left, const TimerEntry& right) { return left.when < right.when; }

    // Appends one event; `line` is the task's current line (0 for none).
    void recordEvent(TaskId task, std::uint16_t line, EventKind kind, std::uint32_t a, std::uint32_t b,
        std::uint8_t detail, double value);
    RunStatus runOnce();
    void runHandle(const Handle& handle);
    void runTimer(TimerHandle& timer);
    void prefetchTargets(const Handle& handle) const;
    void prefetchFrames(const Handle& handle) const;
    void stepTask(LoopTask& task, std::exception_ptr thrownIn, HandleKind via);
    void finishStep(LoopTask& task);
    void purgeCancelledTimers();
    bool isCancelledError(const std::exception_ptr& error) const;
    WaitKind waitKindOf(const Future& future) const;
    void cancelRemainingTasks();
    void recordQueued(const Handle& handle);
    // A line printed into the output's chunk: recorded.
    void printed(std::string_view line);
    void cancelTimer(TimerHandle& timer);

    struct Cause {
        CauseKind kind = CauseKind::None;
        std::uint32_t id = noId;
    };

    Trace* m_trace;
    Limits m_limits;
    RunControl* m_control;
    double m_now = 0.0;
    bool m_stopping = false;
    bool m_limitHit = false; // set by createTask beyond maxTasks
    Limit m_limit = Limit::None;
    std::uint64_t m_iteration = 0;
    std::uint64_t m_handlesRun = 0;
    std::uint64_t m_taskSteps = 0;
    Cause m_cause; // what the running handle is, for HandleQueued causes
    std::exception_ptr m_cancelledError;
    std::exception_ptr m_thrownIn; // see takeThrownIn
    LoopTask* m_current = nullptr;
    TimerHandle* m_newestTimer = nullptr; // the timer startSleep scheduled last
    RingQueue<Handle> m_ready;
    std::vector<TimerEntry> m_timers; // the heap
    std::size_t m_cancelledTimers = 0; // _timer_cancelled_count
    TimerId m_nextTimerId = 0;
    Arena<TimerHandle> m_timerArena; // timers of tasks whose own timer was still busy
    Arena<LoopTask> m_taskArena;
    std::vector<LoopTask*> m_tasks; // by TaskId
    Arena<Future> m_plainFutures; // sleeps, getters, waiters
    std::vector<std::unique_ptr<Future>> m_futures; // subclasses (gather)
    FutureId m_nextFutureId = 0;
    std::uint32_t m_queueCount = 0;
    std::function<void(std::string_view)> m_output;
    std::unique_ptr<OutputBuffer> m_chunks; // instead of m_output, when set
    std::string m_line; // print(FString)'s buffer
    std::function<void()> m_afterHandle;
};

template <typename FutureType, typename... Args>
FutureType& EventLoop::createFuture(FutureKind kind, Args&&... args)
{
    if constexpr (std::is_same_v<FutureType, Future> && sizeof...(Args) == 0) {
        auto& future = m_plainFutures.emplace_back(*this, m_nextFutureId++, kind);
        if (m_trace)
            m_trace->futureKinds.push_back(kind);
        return future;
    }
    auto future = std::make_unique<FutureType>(*this, m_nextFutureId++, kind, std::forward<Args>(args)...);
    auto& ref = *future;
    m_futures.push_back(std::move(future));
    if (m_trace)
        m_trace->futureKinds.push_back(kind);
    return ref;
}

} // namespace sim
