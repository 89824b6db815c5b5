// SPDX-License-Identifier: MIT
#include "tracenames.h"

#include <array>

namespace sim {

std::string_view eventKindName(EventKind kind)
{
    static constexpr std::array names { "iteration_started", "task_created", "handle_queued", "handle_run",
        "timer_scheduled", "timer_cancelled", "timer_due", "timer_purged", "timers_rebuilt", "step_started",
        "step_ended", "printed", "queue_put", "queue_get", "waiter_added", "waiter_removed", "waiter_woken",
        "task_done_called", "cancel_requested", "task_finished", "loop_stopped", "teardown_started", "deadlock",
        "limit_reached", "queue_created" };
    static_assert(names.size() == std::size_t(EventKind::QueueCreated) + 1);
    return names[std::size_t(kind)];
}

std::string_view handleKindName(HandleKind kind)
{
    static constexpr std::array names { "task_step", "task_wakeup", "timer_callback", "gather_callback", "stop_loop" };
    return names[std::size_t(kind)];
}

std::string_view causeKindName(CauseKind kind)
{
    static constexpr std::array names { "none", "created", "yield", "timer", "task_step", "task_finished", "gather" };
    return names[std::size_t(kind)];
}

std::string_view waitKindName(WaitKind kind)
{
    static constexpr std::array names { "sleep", "queue_get", "queue_put", "join", "gather", "future", "yield",
        "done", "cancelled", "failed" };
    return names[std::size_t(kind)];
}

std::string_view waiterListName(WaiterList list)
{
    static constexpr std::array names { "getters", "putters", "join" };
    return names[std::size_t(list)];
}

} // namespace sim
