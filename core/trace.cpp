// SPDX-License-Identifier: MIT
#include "trace.h"

namespace sim {

std::size_t Trace::memoryBytes() const
{
    return events.capacity() * sizeof(TraceEvent) + tasks.capacity() * sizeof(TaskInfo)
        + timers.capacity() * sizeof(TimerInfo) + items.capacity() * sizeof(ItemInfo)
        + outputLines.capacity() * sizeof(StringId) + futureKinds.capacity() * sizeof(FutureKind)
        + syncObjects.capacity() * sizeof(SyncInfo) + strings.memoryBytes();
}

const TraceEvent* Trace::failure() const
{
    return !events.empty() && events.back().kind == EventKind::ProgramFailed ? &events.back() : nullptr;
}

std::string_view Trace::traceback() const
{
    const TraceEvent* event = failure();
    return event && event->a != noId ? strings.at(event->a) : std::string_view();
}

std::string_view Trace::errorMessage() const
{
    std::string_view text = traceback();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    const auto newline = text.rfind('\n');
    return newline == std::string_view::npos ? text : text.substr(newline + 1);
}

} // namespace sim
