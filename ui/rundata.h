// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"
#include "stateindex.h"
#include "timeline.h"
#include "trace.h"

#include <memory>
#include <string>

namespace ui {

struct TraceFileContents;

// One finished run and everything derived from it, immutable once built and shared by the
// window, the timeline and the exporters (so a new run can be computed in the background
// while the old one stays on screen). Built the same way whichever way its trace was made:
// simulated by core/ (computeRun) or read from a trace file (runFromTraceFile).
struct RunData {
    sim::RunRequest request; // what ran: program, arguments, seed
    sim::RunResult result;
    sim::Trace trace;
    std::string listing; // the program's Python source as it was for this run
    std::unique_ptr<sim::StateIndex> index; // refers to trace
    std::unique_ptr<sim::Timeline> timeline; // built from trace beside the index, at the same time

    // Whether the run has an asyncio.Queue (its panels and exports show a queue section):
    // decided by the trace, not by the program's name.
    bool hasQueue() const { return trace.queueCount > 0; }
    // The listing's file name, for titles: "chained.py".
    std::string_view fileName() const { return request.fileName(); }
};
using RunDataPtr = std::shared_ptr<const RunData>;

// What is built beside the trace: the window and the pictures need the index and the
// timeline; writing the run to a trace file needs neither (index and timeline stay null).
enum class Derived { IndexAndTimeline, TraceOnly };

// Simulates `request` with a trace and builds the index and the timeline. Blocking: run it
// off the GUI thread (QtConcurrent). `control` may be null. Precondition: request.validate()
// is empty. Null when the run was cancelled through `control`.
RunDataPtr computeRun(
    const sim::RunRequest& request, sim::RunControl* control = nullptr, Derived derived = Derived::IndexAndTimeline);

// A run read from a trace file (see tracefile.h), indexed as computeRun does.
RunDataPtr runFromTraceFile(TraceFileContents&& contents, Derived derived = Derived::IndexAndTimeline);

} // namespace ui
