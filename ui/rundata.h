// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"
#include "stateindex.h"
#include "timeline.h"
#include "trace.h"

#include <memory>

namespace ui {

// One finished simulation and everything derived from it, immutable once built and shared
// by the window, the timeline and the exporters (so a new run can be computed in the
// background while the old one stays on screen).
struct RunData {
    sim::RunRequest request;
    sim::RunResult result;
    sim::Trace trace;
    std::unique_ptr<sim::StateIndex> index; // refers to trace
    std::unique_ptr<sim::Timeline> timeline; // refers to index
};
using RunDataPtr = std::shared_ptr<const RunData>;

// Simulates `request` with a trace and builds the index and the timeline. Blocking: run it
// off the GUI thread (QtConcurrent). `control` may be null. Precondition: request.validate()
// is empty. Null when the run was cancelled through `control`.
RunDataPtr computeRun(const sim::RunRequest& request, sim::RunControl* control = nullptr);

} // namespace ui
