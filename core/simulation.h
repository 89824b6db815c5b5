// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "program.h"
#include "pyint.h"
#include "trace.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// Everything that decides a run: same request, same output, same trace.
struct RunRequest {
    const Program* program = &defaultProgram();
    PyInt seed = PyInt::fromInt64(444);
    ProgramArguments arguments = program->defaults(); // one entry per program parameter
    std::optional<Script> script; // set for a recorded Python program (program is scriptProgram())
    Limits limits;

    // The request for `program` with its default arguments and seed 444.
    static RunRequest defaultsFor(const Program& program);
    // The request to record `script` (seed 444 unless changed).
    static RunRequest forScript(Script script);
    bool isRecorded() const { return script.has_value(); }
    // "chained.py", or the script's file name.
    std::string_view fileName() const { return script ? std::string_view(script->fileName) : program->fileName; }
    // "chained 1 2 3 · seed 444" / "asyncq -p 5 -c 10 · seed 444", for titles and exports.
    std::string describe() const;
    // The argv the script receives ({"1", "2", "3"}), see Program::argv.
    std::vector<std::string> argv() const { return script ? script->argv : program->argv(arguments); }
    // Why the run cannot start (an argument list of the wrong shape, over the limits), naming
    // the parameter; nothing when it can.
    std::optional<ArgumentError> validate() const;
};

struct RunResult {
    RunStatus status = RunStatus::Completed;
    std::uint64_t taskSteps = 0; // Task.__step executions
    std::uint64_t handlesRun = 0; // every handle run from the ready deque
    double virtualSeconds = 0; // the clock when the run ended
    std::size_t taskCount = 0;
    Limit limit = Limit::None; // which limit stopped it, with RunStatus::LimitReached
    // A recorded run whose order could have followed memory addresses (a set's iteration
    // order: as_completed, asyncio.wait's sets, tasks cancelled at asyncio.run's teardown):
    // what did it, and the program's line (0: unknown). Empty reason: the order is the
    // program's own (the engine's runs always are).
    std::string addressOrderReason;
    std::uint16_t addressOrderLine = 0;

    // "the run exceeded 50000000 scheduler steps" etc., for messages; empty unless limited.
    std::string limitMessage(const Limits& limits) const;
    // "This run's order depends on memory addresses (as_completed, line 12): ..." for the
    // window and `loopscope print`; empty when it does not.
    std::string addressOrderMessage() const;
};

// Runs the program as `python3 script.py ...` would after random.seed(seed), streaming
// each printed line to `output` (may be empty) and recording into `trace` (may be null).
// Precondition: request.validate() is empty.
// `control` (may be null) reports progress and can cancel the run from another thread.
RunResult simulate(const RunRequest& request, Trace* trace, const std::function<void(std::string_view)>& output,
    RunControl* control = nullptr);

// The same, streaming the printed text in chunks of whole lines, each ended by '\n' (see
// OutputBuffer): what `loopscope print` writes to stdout.
RunResult simulateText(const RunRequest& request, Trace* trace, const std::function<void(std::string_view)>& write,
    RunControl* control = nullptr);

// The same, with a hook that can watch the live loop after every handle (tests).
RunResult simulateObserved(const RunRequest& request, Trace* trace, const std::function<void(const EventLoop&)>& afterHandle);

} // namespace sim
