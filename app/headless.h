// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

// `loopscope print` and `loopscope export`: no display needed. Returns the exit code.
ExitCode runPrint(const Command& command);
ExitCode runExport(const Command& command);
// `loopscope record FILE.py ARGS -o RUN.jsonl`: the recorder writes the trace file.
ExitCode runRecord(const Command& command);
// `loopscope examples`: lists the example programs; `loopscope examples NAME` writes NAME.py
// into the current folder, never over an existing file.
ExitCode runExamples(const Command& command);
