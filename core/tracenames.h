// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"
#include "trace.h"

#include <string_view>

namespace sim {

// Stable snake_case names, as the JSONL trace and the UI's tooltips spell them.
std::string_view eventKindName(EventKind kind);
std::string_view handleKindName(HandleKind kind);
std::string_view causeKindName(CauseKind kind);
std::string_view waitKindName(WaitKind kind);
std::string_view waiterListName(WaiterList list);

} // namespace sim
