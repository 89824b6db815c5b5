// SPDX-License-Identifier: MIT
#pragma once

#include "stateindex.h"

#include <string>
#include <string_view>

namespace sim {

// Plain sentences for the class about step `step`: first why it happened (which handle ran,
// what queued it, and for timers due at the same instant that CPython's heap picked the
// order), then what it did (what the task printed, put, took, created or cancelled, and
// where it gave control back to the loop and what it awaits there, or how it finished). E.g.
// "chain 1's sleep ended at t=4 and its wakeup was first in the ready queue. chain 1 printed
// 2 lines, then gave control back to the loop at line 19, `await asyncio.sleep(i)`: it sleeps
// 7 s, until t=11."
//
// `before` and `after` are the loop's state at positions `step` and `step + 1` (just before
// and just after the step), which the caller has already rebuilt to show them. `listing` is
// the program's source (RunData::listing), to quote the line a task stopped at; empty, the
// sentence gives the line's number only.
std::string narrateStep(const StateIndex& index, std::size_t step, const LoopState& before, const LoopState& after,
    std::string_view listing = {});
// The same, rebuilding both states (for callers that have neither).
std::string narrateStep(const StateIndex& index, std::size_t step, std::string_view listing = {});

// Before the first step: what is about to happen.
std::string narrateStart();

// What the run ended with, as a sentence ("The run completed at t=11.", or the deadlock);
// `end` is the state at the end of the run.
std::string narrateEnd(const StateIndex& index, const LoopState& end);
std::string narrateEnd(const StateIndex& index);

// Line `number` (1-based) of a program's source, without its line break; empty past the end.
std::string_view listingLine(std::string_view listing, std::size_t number);
// How many lines the source has (its last line break ends its last line).
std::size_t listingLineCount(std::string_view listing);

// "alice", "alice and bob", "Consumer 0, Consumer 1, Consumer 2 and 7 more": tasks by name.
std::string taskNames(const Trace& trace, const std::vector<TaskId>& tasks);

// "4", "1.5": a virtual time as a teacher would say it.
std::string formatSeconds(double seconds);

} // namespace sim
