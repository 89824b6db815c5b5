// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"

#include <QString>
#include <QStringList>

#include <optional>

// The documented exit codes of `loopscope` (README, DESIGN.md section 3).
enum class ExitCode : int {
    Ok = 0,
    RuntimeFailure = 1, // e.g. a file cannot be written
    UsageError = 2, // a bad command, scenario, option or number
    Deadlock = 3, // the program would block forever; output up to that point was printed
};

// One invocation of `loopscope`, parsed and validated.
struct Command {
    enum class Kind { Window, Print, Export, Help, Version };
    Kind kind = Kind::Window;
    sim::RunRequest request;
    QString outputPath; // export: -o FILE
};

struct ParsedCommandLine {
    std::optional<Command> command; // set on success
    QString error; // otherwise: one line naming the bad argument
};

// Parses `loopscope [print|export] [SCENARIO] [--seed S] [-p N] [-c M] [-o FILE] [-- N ...]`.
// `arguments` includes the program name first, like QCoreApplication::arguments().
ParsedCommandLine parseCommandLine(const QStringList& arguments);

// The text of `loopscope --help`.
QString helpText();
