// SPDX-License-Identifier: MIT
#include "simulation.h"

#include "scenarios.h"

namespace sim {

std::optional<Scenario> scenarioFromName(std::string_view name)
{
    if (name == "chained")
        return Scenario::Chained;
    if (name == "asyncq")
        return Scenario::Asyncq;
    return std::nullopt;
}

std::string_view scenarioName(Scenario scenario)
{
    return scenario == Scenario::Chained ? "chained" : "asyncq";
}

const std::vector<PyInt>& RunRequest::effectiveChainArguments() const
{
    if (!chainArguments.empty())
        return chainArguments;
    static const std::vector<PyInt> scriptDefaults { PyInt::fromInt64(1), PyInt::fromInt64(2), PyInt::fromInt64(3) };
    return scriptDefaults;
}

std::string RunRequest::describe() const
{
    std::string text(scenarioName(scenario));
    if (scenario == Scenario::Chained) {
        for (const PyInt& n : effectiveChainArguments())
            text += " " + n.decimal();
    } else {
        text += " -p " + std::to_string(producers) + " -c " + std::to_string(consumers);
    }
    return text + " \u00b7 seed " + seed.decimal();
}

std::optional<std::string> RunRequest::validate() const
{
    const std::uint64_t maxTasks = limits.maxTasks;
    if (scenario == Scenario::Chained) {
        if (chainArguments.size() + 1 > maxTasks)
            return "too many chained arguments: " + std::to_string(chainArguments.size()) + " (at most "
                + std::to_string(maxTasks - 1) + ")";
        return std::nullopt;
    }
    const std::uint64_t tasks = std::uint64_t(std::max<std::int64_t>(producers, 0))
        + std::uint64_t(std::max<std::int64_t>(consumers, 0)) + 1;
    if (producers > std::int64_t(maxTasks) || consumers > std::int64_t(maxTasks) || tasks > maxTasks)
        return "too many tasks: -p " + std::to_string(producers) + " -c " + std::to_string(consumers)
            + " (at most " + std::to_string(maxTasks - 1) + " producers and consumers together)";
    return std::nullopt;
}

namespace {
RunResult runScenario(EventLoop& loop, const RunRequest& request)
{
    PyRandom random(request.seed); // the scripts' random.seed(444), with the chosen seed
    ItemStream urandom(request.seed);
    ScenarioContext context { loop, random, urandom };

    RunResult result;
    if (request.scenario == Scenario::Chained)
        result.status = runChained(context, request.effectiveChainArguments());
    else
        result.status = runAsyncq(context, request.producers, request.consumers);
    result.taskSteps = loop.taskSteps();
    result.handlesRun = loop.handlesRun();
    result.virtualSeconds = loop.time();
    result.taskCount = loop.tasks().size();
    result.limit = loop.limitHit();
    return result;
}
}

std::string RunResult::limitMessage(const Limits& limits) const
{
    switch (limit) {
    case Limit::None:
        return {};
    case Limit::Handles:
        return "the run exceeded " + std::to_string(limits.maxHandles) + " scheduler steps or loop iterations";
    case Limit::Tasks:
        return "the run created more than " + std::to_string(limits.maxTasks) + " tasks";
    case Limit::TraceEvents:
        return "the run's trace exceeded " + std::to_string(limits.maxTraceEvents) + " events";
    }
    return {};
}

RunResult simulate(const RunRequest& request, Trace* trace, const std::function<void(std::string_view)>& output,
    RunControl* control)
{
    EventLoop loop(trace, request.limits, control);
    if (output)
        loop.setOutput(output);
    return runScenario(loop, request);
}

RunResult simulateObserved(const RunRequest& request, Trace* trace, const std::function<void(const EventLoop&)>& afterHandle)
{
    EventLoop loop(trace, request.limits);
    loop.setAfterHandle([&loop, &afterHandle] { afterHandle(loop); });
    return runScenario(loop, request);
}

} // namespace sim
