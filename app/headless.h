// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"
#include "rundata.h"

// The commands that need no GUI library: everything but the window and the picture exports
// (.png .svg .pdf), which `loopscope-gui` runs (app/README.md).
bool needsGui(const Command& command);

// Runs a command that needs no GUI library (creating the QCoreApplication it needs) and
// returns its exit code; nothing when needsGui(command).
std::optional<ExitCode> runHeadless(int argc, char** argv, const Command& command);

// The one line of a usage error (README, The command line); returns ExitCode::UsageError.
ExitCode reportUsageError(const QString& error);

// `loopscope print` and `loopscope export` to a trace or Chrome trace file. Return the exit code.
ExitCode runPrint(const Command& command);
ExitCode runExport(const Command& command);
// `loopscope record FILE.py ARGS -o RUN.jsonl`: the recorder writes the trace file.
ExitCode runRecord(const Command& command);
// `loopscope examples`: lists the example programs; `loopscope examples NAME` writes NAME.py
// into the current folder, never over an existing file.
ExitCode runExamples(const Command& command);

// Shared with the picture exports (app/picturecommand.*):
// The run a command names: read from its trace file, recorded from CPython, or simulated.
// Null (and a message printed, *exit set) when there is none.
ui::RunDataPtr runOf(const Command& command, ExitCode* exit, ui::Derived derived = ui::Derived::IndexAndTimeline);
// After an export: its error, or how the run ended (a deadlock is still written in full and
// then reported, exit code 3, as `print` does).
ExitCode reportExport(
    const Command& command, const ui::RunData& run, ExitCode recorded, bool written, const QString& error);
void printError(const QString& message);
// Drops Qt's diagnostics from stderr unless LOOPSCOPE_VERBOSE is set: headless commands keep
// it for their own one-line messages.
void quietenQtMessages();
