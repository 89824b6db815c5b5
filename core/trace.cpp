// SPDX-License-Identifier: MIT
#include "trace.h"

namespace sim {

std::size_t Trace::memoryBytes() const
{
    return events.capacity() * sizeof(TraceEvent) + tasks.capacity() * sizeof(TaskInfo)
        + timers.capacity() * sizeof(TimerInfo) + items.capacity() * sizeof(ItemInfo)
        + outputLines.capacity() * sizeof(StringId) + futureKinds.capacity() * sizeof(FutureKind)
        + strings.memoryBytes();
}

} // namespace sim
