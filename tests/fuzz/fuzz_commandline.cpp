// SPDX-License-Identifier: MIT
// Fuzz target (libFuzzer) over what a user types: the command line (split at NUL bytes into
// arguments), Python-style integer parsing, and the scenario parameters it yields, which are
// then simulated under small limits. Anything but a clean parse error or a finished / limited
// run (a crash, a sanitizer report, an uncaught exception, a hang) is a bug.
#include "commandline.h"
#include "pyint.h"
#include "simulation.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);

    // Integers on their own: parse, and when it parses the canonical form must re-parse equal.
    if (auto value = sim::PyInt::parse(input)) {
        auto again = sim::PyInt::parse(value->decimal());
        if (!again || again->decimal() != value->decimal() || again->magnitudeWords() != value->magnitudeWords())
            __builtin_trap();
    }

    QStringList arguments { QStringLiteral("loopscope") };
    std::vector<std::string> words { "loopscope" };
    std::size_t start = 0;
    for (std::size_t i = 0; i <= input.size(); ++i) {
        if (i == input.size() || input[i] == '\0') {
            arguments << QString::fromUtf8(input.data() + start, qsizetype(i - start));
            words.emplace_back(input.data() + start, i - start);
            start = i + 1;
        }
    }
    const ParsedCommandLine parsed = parseCommandLine(arguments);
    // main()'s argv, its integers after `--` read from their bytes, means the same.
    std::vector<const char*> argv;
    for (const std::string& word : words)
        argv.push_back(word.c_str());
    const ParsedCommandLine fromArgv = parseCommandLine(int(argv.size()), argv.data());
    if (fromArgv.error != parsed.error || bool(fromArgv.command) != bool(parsed.command)
        || (parsed.command
            && (fromArgv.command->kind != parsed.command->kind
                || fromArgv.command->request.describe() != parsed.command->request.describe())))
        __builtin_trap();
    if (!parsed.command) {
        if (parsed.error.isEmpty())
            __builtin_trap(); // every rejection must say why
        return 0;
    }
    const Command& command = *parsed.command;
    if (command.kind != Command::Kind::Print && command.kind != Command::Kind::Export)
        return 0;
    sim::RunRequest request = command.request;
    request.limits.maxHandles = 20'000; // keep each input fast
    request.limits.maxTasks = 2'000;
    if (request.validate())
        return 0;
    sim::Trace trace;
    sim::simulate(request, &trace, {});
    return 0;
}
