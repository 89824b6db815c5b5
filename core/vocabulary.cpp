// SPDX-License-Identifier: MIT
#include "vocabulary.h"

#include <array>

namespace sim {

namespace {
    // Each table lists its enum's values in declaration order; the static_asserts catch a
    // value added to the enum and forgotten here.
    template <typename Words, typename Kind, std::size_t N>
    const Words& lookup(const std::array<Words, N>& table, Kind kind)
    {
        const auto index = std::size_t(kind);
        return table[index < N ? index : N - 1];
    }

    constexpr std::string_view gaveControlBack = "gave control back to the loop";
    constexpr std::array states {
        StateWords { "ready", "ready", "ready", "its turn", "its handle is in the ready queue", gaveControlBack,
            "sleep(0) only yields, so its next step is already at the back of the ready queue" },
        StateWords { "running", "running", "", "", "", "", "" },
        StateWords { "sleeping", "sleeping", "sleeping", "asyncio.sleep()", "", gaveControlBack, "it sleeps" },
        StateWords { "waiting_get", "waiting on queue.get()", "queue.get()", "queue.get()", "the queue was empty",
            gaveControlBack, "the queue is empty, so it waits for an item" },
        StateWords { "waiting_put", "waiting on queue.put()", "queue.put()", "queue.put()", "the queue was full",
            gaveControlBack, "the queue is full, so it waits for room" },
        StateWords { "waiting_join", "waiting on queue.join()", "queue.join()", "queue.join()",
            "items not yet marked task_done()", gaveControlBack,
            "it waits until every item put is marked task_done()" },
        StateWords { "awaiting_children", "awaiting children (gather)", "awaiting gather()", "asyncio.gather()",
            "its children to finish", gaveControlBack, "it waits for the tasks it gathered" },
        StateWords { "awaiting_future", "awaiting a future", "awaiting", "a future", "", gaveControlBack,
            "it waits for a future" },
        // Narration names the object after "it waits for" ("lock #0 (held by alice)").
        StateWords { "waiting_lock", "waiting on a lock", "lock.acquire()", "lock.acquire()",
            "another task held the lock", gaveControlBack, "it waits for" },
        StateWords { "waiting_semaphore", "waiting on a semaphore", "semaphore.acquire()", "semaphore.acquire()",
            "no slot was free", gaveControlBack, "it waits for a free slot of" },
        StateWords { "waiting_event", "waiting on an event", "event.wait()", "event.wait()", "the event was not set",
            gaveControlBack, "it waits until someone sets" },
        StateWords { "waiting_condition", "waiting on a condition", "condition.wait()", "condition.wait()",
            "it waits to be notified", gaveControlBack, "it waits to be notified by" },
        StateWords { "awaiting_task", "awaiting a task", "awaiting task", "await task", "the task to finish",
            gaveControlBack, "it waits for the end of" },
        StateWords { "done", "done", "done", "nothing", "it returned", "returned", "the task is done" },
        StateWords { "cancelled", "cancelled", "cancelled", "nothing", "it was cancelled", "let CancelledError escape",
            "the task is cancelled" },
        StateWords {
            "failed", "failed", "failed", "nothing", "an exception escaped", "raised an exception", "the task failed" },
    };
    static_assert(states.size() == std::size_t(TaskState::Failed) + 1);

    constexpr StateWords blocking { "blocking", "blocking the loop", "blocking the loop", "a blocking call",
        "it called a blocking function inside a coroutine", "blocked the whole loop",
        "no other task could run meanwhile" };

    constexpr std::array handles {
        HandleWords { "task_step", "step" },
        HandleWords { "task_wakeup", "wake-up" },
        HandleWords { "timer_callback", "timer" },
        HandleWords { "gather_callback", "gather callback" },
        HandleWords { "stop_loop", "stop the loop" },
        HandleWords { "callback", "callback" },
    };
    static_assert(handles.size() == std::size_t(HandleKind::Callback) + 1);

    constexpr std::array futures {
        FutureWords { "plain", "completed the future it awaited" },
        FutureWords { "sleep", "ended its sleep" },
        FutureWords { "queue_getter", "put an item in the queue" },
        FutureWords { "queue_putter", "took an item from the full queue" },
        FutureWords { "event_waiter", "called task_done() on the last unfinished item" },
        FutureWords { "gather", "finished, the last of the gathered tasks" },
        FutureWords { "task", "finished" },
        FutureWords { "sync_waiter", "woke it" },
    };
    static_assert(futures.size() == std::size_t(FutureKind::SyncWaiter) + 1);

    constexpr std::array waiterLists {
        WaiterListWords { "getters", "waiting in get()" },
        WaiterListWords { "putters", "waiting in put()" },
        WaiterListWords { "join", "waiting in join()" },
        WaiterListWords { "waiters", "waiting" },
    };
    static_assert(waiterLists.size() == std::size_t(WaiterList::Sync) + 1);

    constexpr std::array syncs {
        SyncWords { "lock", "lock", "asyncio.Lock()", "released", TaskState::WaitingLock },
        SyncWords { "semaphore", "semaphore", "asyncio.Semaphore()", "gave it a slot of", TaskState::WaitingSemaphore },
        SyncWords { "event", "event", "asyncio.Event()", "set", TaskState::WaitingEvent },
        SyncWords { "condition", "condition", "asyncio.Condition()", "notified", TaskState::WaitingCondition },
    };
    static_assert(syncs.size() == std::size_t(SyncKind::Condition) + 1);

    // asyncio's own callbacks, by the name the recorder gives them (the function's qualified
    // name without "<locals>"), and what they are for.
    constexpr std::array knownCallbacks {
        CallbackWords { "_release_waiter", "wait_for's timeout", "wait_for's done callback" },
        CallbackWords { "Timeout._on_timeout", "asyncio.timeout's deadline", "asyncio.timeout's deadline" },
        CallbackWords { "TaskGroup._on_task_done", "", "the TaskGroup's done callback" },
        CallbackWords { "_wait._on_completion", "", "asyncio.wait's done callback" },
        CallbackWords { "as_completed._on_completion", "", "as_completed's done callback" },
        CallbackWords { "shield._inner_done_callback", "", "shield's done callback" },
        CallbackWords { "shield._outer_done_callback", "", "shield's done callback" },
    };

    constexpr std::array causes { NameOnly { "none" }, NameOnly { "created" }, NameOnly { "yield" },
        NameOnly { "timer" }, NameOnly { "task_step" }, NameOnly { "task_finished" }, NameOnly { "gather" },
        NameOnly { "callback" } };
    static_assert(causes.size() == std::size_t(CauseKind::Callback) + 1);

    constexpr std::array waits { NameOnly { "sleep" }, NameOnly { "queue_get" }, NameOnly { "queue_put" },
        NameOnly { "join" }, NameOnly { "gather" }, NameOnly { "future" }, NameOnly { "yield" }, NameOnly { "done" },
        NameOnly { "cancelled" }, NameOnly { "failed" }, NameOnly { "lock" }, NameOnly { "semaphore" },
        NameOnly { "event" }, NameOnly { "condition" }, NameOnly { "task" } };
    static_assert(waits.size() == std::size_t(WaitKind::Task) + 1);

    constexpr std::array events { NameOnly { "iteration_started" }, NameOnly { "task_created" },
        NameOnly { "handle_queued" }, NameOnly { "handle_run" }, NameOnly { "timer_scheduled" },
        NameOnly { "timer_cancelled" }, NameOnly { "timer_due" }, NameOnly { "timer_purged" },
        NameOnly { "timers_rebuilt" }, NameOnly { "step_started" }, NameOnly { "step_ended" }, NameOnly { "printed" },
        NameOnly { "queue_put" }, NameOnly { "queue_get" }, NameOnly { "waiter_added" }, NameOnly { "waiter_removed" },
        NameOnly { "waiter_woken" }, NameOnly { "task_done_called" }, NameOnly { "cancel_requested" },
        NameOnly { "task_finished" }, NameOnly { "loop_stopped" }, NameOnly { "teardown_started" },
        NameOnly { "deadlock" }, NameOnly { "limit_reached" }, NameOnly { "queue_created" }, NameOnly { "blocked" },
        NameOnly { "program_failed" }, NameOnly { "sync_created" }, NameOnly { "lock_acquired" },
        NameOnly { "lock_released" }, NameOnly { "uncancelled" }, NameOnly { "semaphore_acquired" },
        NameOnly { "semaphore_released" } };
    static_assert(events.size() == std::size_t(lastEventKind) + 1);
}

const StateWords& words(TaskState state) { return lookup(states, state); }
const StateWords& blockingWords() { return blocking; }

bool isWaiting(TaskState state)
{
    return state != TaskState::Ready && state != TaskState::Running && !isFinished(state);
}

const HandleWords& words(HandleKind kind) { return lookup(handles, kind); }
const FutureWords& words(FutureKind kind) { return lookup(futures, kind); }
const WaiterListWords& words(WaiterList list) { return lookup(waiterLists, list); }
const SyncWords& words(SyncKind kind) { return lookup(syncs, kind); }

std::string_view callbackPurpose(std::string_view name, bool timer)
{
    for (const CallbackWords& known : knownCallbacks) {
        if (known.name == name)
            return timer && !known.asTimer.empty() ? known.asTimer : known.asCallback;
    }
    return {};
}

const NameOnly& words(CauseKind kind) { return lookup(causes, kind); }
const NameOnly& words(WaitKind kind) { return lookup(waits, kind); }
const NameOnly& words(EventKind kind) { return lookup(events, kind); }

} // namespace sim
