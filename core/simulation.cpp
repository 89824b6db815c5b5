// SPDX-License-Identifier: MIT
#include "simulation.h"

#include "scenarios.h"

namespace sim {

RunRequest RunRequest::defaultsFor(const Program& program)
{
    RunRequest request;
    request.program = &program;
    request.arguments = program.defaults();
    return request;
}

RunRequest RunRequest::forScript(Script script)
{
    RunRequest request = defaultsFor(scriptProgram());
    request.script = std::move(script);
    return request;
}

std::string RunRequest::describe() const
{
    std::string text(script ? script->fileName : program->name);
    for (const std::string& word : argv())
        text += " " + word;
    return text + " \u00b7 seed " + seed.decimal();
}

std::optional<ArgumentError> RunRequest::validate() const
{
    if (script)
        return std::nullopt; // the program checks its own argv, as under plain python3
    if (arguments.size() != program->parameters.size())
        return ArgumentError { std::nullopt,
            std::string(program->name) + " takes " + std::to_string(program->parameters.size()) + " parameters, got "
                + std::to_string(arguments.size()) };
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const ProgramParameter& parameter = program->parameters[i];
        if (parameter.shape == ProgramParameter::Shape::Integer && arguments[i].size() != 1)
            return ArgumentError { i, parameter.messageName() + ": needs exactly one integer" };
        if (parameter.countsTasks) {
            const auto count = arguments[i].front().toInt64();
            if (!count || *count >= std::int64_t(limits.maxTasks))
                return ArgumentError { i,
                    parameter.messageName() + ": '" + arguments[i].front().decimal() + "' is more than the limit of "
                        + std::to_string(limits.maxTasks - 1) + " tasks" };
        }
    }
    if (program->validate)
        return program->validate(arguments, limits);
    return std::nullopt;
}

namespace {
RunResult runProgram(EventLoop& loop, const RunRequest& request)
{
    PyRandom random(request.seed); // the scripts' random.seed(444), with the chosen seed
    ItemStream urandom(request.seed);
    ScenarioContext context { loop, random, urandom };

    RunResult result;
    result.status = request.program->run(context, request.arguments);
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

std::string RunResult::addressOrderMessage() const
{
    if (addressOrderReason.empty())
        return {};
    const std::string where = addressOrderLine == 0 ? addressOrderReason
                                                    : addressOrderReason + ", line " + std::to_string(addressOrderLine);
    return "This run's order depends on memory addresses (" + where
        + "): Python may order it differently next time; this recording is kept as it is";
}

RunResult simulate(const RunRequest& request, Trace* trace, const std::function<void(std::string_view)>& output,
    RunControl* control)
{
    EventLoop loop(trace, request.limits, control);
    if (output)
        loop.setOutput(output);
    return runProgram(loop, request);
}

RunResult simulateText(
    const RunRequest& request, Trace* trace, const std::function<void(std::string_view)>& write, RunControl* control)
{
    EventLoop loop(trace, request.limits, control);
    if (write)
        loop.setChunkedOutput(write);
    RunResult result = runProgram(loop, request);
    loop.flushOutput();
    return result;
}

RunResult simulateObserved(const RunRequest& request, Trace* trace, const std::function<void(const EventLoop&)>& afterHandle)
{
    EventLoop loop(trace, request.limits);
    loop.setAfterHandle([&loop, &afterHandle] { afterHandle(loop); });
    return runProgram(loop, request);
}

} // namespace sim
