// SPDX-License-Identifier: MIT
// The runs the core tests ask for, by their command-line shape: chained(seed, {args}) and
// asyncq(seed, producers, consumers).
#pragma once

#include "simulation.h"

#include <cstdint>
#include <vector>

namespace sim::testruns {

inline RunRequest chained(std::int64_t seed, const std::vector<std::int64_t>& args)
{
    RunRequest request;
    request.seed = PyInt::fromInt64(seed);
    for (auto n : args)
        request.chainArguments.push_back(PyInt::fromInt64(n));
    return request;
}

inline RunRequest asyncq(std::int64_t seed, std::int64_t producers, std::int64_t consumers)
{
    RunRequest request;
    request.scenario = Scenario::Asyncq;
    request.seed = PyInt::fromInt64(seed);
    request.producers = producers;
    request.consumers = consumers;
    return request;
}

} // namespace sim::testruns
