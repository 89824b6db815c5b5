// SPDX-License-Identifier: MIT
// What only a recorded program's trace holds (the engine's programs never block and never
// fail), made from a simulated run for the tests: a step that blocks the whole loop, as
// `time.sleep(seconds)` inside a coroutine does, and an exception escaping the program.
#pragma once

#include "simulation.h"
#include "trace.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sim::testruns {

// Makes step `step` of `trace` block for `seconds` at source line `line`: a Blocked event
// right after its StepStarted, and every clock value after it `seconds` later, which is how
// CPython's loop runs the rest when no timer falls due during the block (true for a step
// taken before any timer is scheduled, e.g. chained's first chain step). Returns the
// Blocked event's index; 0 when the trace has no such step.
inline std::size_t insertBlock(Trace& trace, std::size_t step, double seconds, std::uint16_t line)
{
    std::size_t at = 0;
    for (std::size_t i = 0, seen = 0; i < trace.events.size(); ++i) {
        if (trace.events[i].kind == EventKind::HandleRun && seen++ == step) {
            for (std::size_t j = i; j < trace.events.size() && at == 0; ++j) {
                if (trace.events[j].kind == EventKind::StepStarted)
                    at = j + 1;
            }
            break;
        }
    }
    if (at == 0)
        return 0;
    TraceEvent block;
    block.kind = EventKind::Blocked;
    block.task = trace.events[at - 1].task;
    block.value = seconds;
    block.line = line;
    trace.events.insert(trace.events.begin() + std::ptrdiff_t(at), block);
    for (std::size_t i = at + 1; i < trace.events.size(); ++i) {
        TraceEvent& event = trace.events[i];
        switch (event.kind) {
        case EventKind::IterationStarted:
            event.value += seconds;
            break;
        case EventKind::TimerScheduled:
            event.value += seconds;
            trace.timers[event.a].when += seconds;
            break;
        case EventKind::StepEnded:
            if (WaitKind(event.detail) == WaitKind::Sleep)
                event.value += seconds;
            break;
        case EventKind::QueuePut:
            trace.items[event.a].enqueuedAt += seconds;
            break;
        default:
            break;
        }
    }
    return at;
}

// Ends `trace` as a program that an exception escaped ends (the traceback Python printed,
// raised at `line`), and marks `result` failed.
inline void appendFailure(Trace& trace, RunResult& result, std::string_view traceback, std::uint16_t line)
{
    TraceEvent failed;
    failed.kind = EventKind::ProgramFailed;
    failed.a = trace.strings.add(traceback);
    failed.line = line;
    trace.events.push_back(failed);
    result.status = RunStatus::Failed;
}

} // namespace sim::testruns
