// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

// `loopscope print` and `loopscope export`: no display needed. Returns the exit code.
ExitCode runPrint(const Command& command);
ExitCode runExport(const Command& command);
