// SPDX-License-Identifier: MIT
#pragma once

#include "stateindex.h"

#include <optional>
#include <string>

namespace sim {

// Two runs side by side (chained seed 444 against seed 7, a program against its variant):
// where their schedules first part, how their totals compare, and which position of one
// stands beside a position of the other.

// The first step at which the two runs' schedules differ: a different task (by name), a
// different kind of handle, or the same at another virtual time; or the step where one run
// ends while the other goes on. Nothing when the schedules are the same.
struct Divergence {
    std::size_t step; // index of the first step that differs
    std::string sentence; // what each run does there, for the class
};
std::optional<Divergence> firstDivergence(const StateIndex& first, const StateIndex& second);

// What a run came to: "finished at t = 11 s · 24 steps · 16 lines printed" (or "deadlock at t = 29 s").
std::string describeTotals(const StateIndex& run);

// "finished at t = 11 s vs t = 23 s · 24 vs 30 steps · 16 vs 16 lines printed".
std::string compareTotals(const StateIndex& first, const StateIndex& second);

// The position of `to` that stands beside `position` of `from` on a time axis: `to` has run
// every step up to the instant of `from`'s last step that ran (so the steps of one instant
// stay together), none when `from` is at its start.
std::size_t alignedPosition(const StateIndex& from, std::size_t position, const StateIndex& to);

} // namespace sim
