// SPDX-License-Identifier: MIT
#pragma once

#include "stateindex.h"

#include <string>

namespace sim {

// One plain sentence saying why step `step` happened, for the class: which handle ran,
// what queued it, and (for timers due at the same instant) that CPython's heap picked the
// order. E.g. "Consumer 4's sleep(1) ended at t=1 and its wakeup was first in the ready queue."
std::string narrateStep(const StateIndex& index, std::size_t step);

// What the run ended with, as a sentence ("The run completed at t=11.", or the deadlock).
std::string narrateEnd(const StateIndex& index);

// "4", "1.5": a virtual time as a teacher would say it.
std::string formatSeconds(double seconds);

} // namespace sim
