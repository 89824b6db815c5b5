// SPDX-License-Identifier: MIT
// The runs the tests ask for, by their command-line shape: chained(seed, {args}) and
// asyncq(seed, producers, consumers); indexed(request) simulates one with its state index.
#pragma once

#include "scenarios.h"
#include "simulation.h"
#include "stateindex.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace sim::testruns {

inline RunRequest chained(std::int64_t seed, const std::vector<std::int64_t>& args)
{
    RunRequest request = RunRequest::defaultsFor(chainedProgram());
    request.seed = PyInt::fromInt64(seed);
    for (auto n : args)
        request.arguments[0].push_back(PyInt::fromInt64(n));
    return request;
}

inline RunRequest asyncq(std::int64_t seed, std::int64_t producers, std::int64_t consumers)
{
    RunRequest request = RunRequest::defaultsFor(asyncqProgram());
    request.seed = PyInt::fromInt64(seed);
    request.arguments = { { PyInt::fromInt64(producers) }, { PyInt::fromInt64(consumers) } };
    return request;
}

// A simulated run with its state index, for tests that read steps and states.
struct IndexedRun {
    Trace trace;
    std::unique_ptr<StateIndex> index;
};

inline std::unique_ptr<IndexedRun> indexed(const RunRequest& request)
{
    auto run = std::make_unique<IndexedRun>();
    simulate(request, &run->trace, {});
    run->index = std::make_unique<StateIndex>(run->trace);
    return run;
}

} // namespace sim::testruns
