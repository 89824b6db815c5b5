// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "pyint.h"
#include "trace.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// The two programs of the walkthrough.
enum class Scenario : std::uint8_t { Chained, Asyncq };

// Parses "chained" / "asyncq"; nothing for anything else.
std::optional<Scenario> scenarioFromName(std::string_view name);
std::string_view scenarioName(Scenario scenario);

// Everything that decides a run: same request, same output, same trace.
struct RunRequest {
    Scenario scenario = Scenario::Chained;
    PyInt seed = PyInt::fromInt64(444);
    std::vector<PyInt> chainArguments; // chained.py's argv; empty means the script's [1, 2, 3]
    std::int64_t producers = 5; // asyncq.py -p
    std::int64_t consumers = 10; // asyncq.py -c
    Limits limits;

    // The effective chained arguments (the defaults when none were given). A reference, so
    // that a run over 100,000 arguments does not copy them.
    const std::vector<PyInt>& effectiveChainArguments() const;
    // "chained 1 2 3 · seed 444" / "asyncq -p 5 -c 10 · seed 444", for titles and exports.
    std::string describe() const;
    // A message naming the parameter when the run would exceed the limits, else nothing.
    std::optional<std::string> validate() const;
};

struct RunResult {
    RunStatus status = RunStatus::Completed;
    std::uint64_t taskSteps = 0; // Task.__step executions
    std::uint64_t handlesRun = 0; // every handle run from the ready deque
    double virtualSeconds = 0; // the clock when the run ended
    std::size_t taskCount = 0;
    Limit limit = Limit::None; // which limit stopped it, with RunStatus::LimitReached

    // "the run exceeded 50000000 scheduler steps" etc., for messages; empty unless limited.
    std::string limitMessage(const Limits& limits) const;
};

// Runs the scenario as `python3 script.py ...` would after random.seed(seed), streaming
// each printed line to `output` (may be empty) and recording into `trace` (may be null).
// Precondition: request.validate() is empty.
// `control` (may be null) reports progress and can cancel the run from another thread.
RunResult simulate(const RunRequest& request, Trace* trace, const std::function<void(std::string_view)>& output,
    RunControl* control = nullptr);

// The same, with a hook that can watch the live loop after every handle (tests).
RunResult simulateObserved(const RunRequest& request, Trace* trace, const std::function<void(const EventLoop&)>& afterHandle);

} // namespace sim
