// SPDX-License-Identifier: MIT
#pragma once

#include "loopstate.h"
#include "trace.h"

#include <string>
#include <vector>

namespace sim {

// The event loop's state as a few plain lines, for handouts and exports:
//   "Running: chain 2"
//   "Ready (in order): chain 3 (wakeup), gather callback for chain 1"
//   "Timers by deadline: t=4 chain 1 · t=4 chain 2 (tie) · t=7 chain 3"
//   "Queue: 2 items <ab12..>, <...> · waiting getters: Consumer 3, Consumer 1 · unfinished: 2"
std::vector<std::string> summarizeState(const LoopState& state, const Trace& trace, bool hasQueue);

// One ready-deque entry as a teacher would say it ("chain 3 wakes", "timer of Consumer 4").
std::string describeReadyEntry(const ReadyEntry& entry, const Trace& trace);

} // namespace sim
