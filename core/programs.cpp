// SPDX-License-Identifier: MIT
// The built-in programs: one line each. A program's description and engine live in its own
// file (chained.cpp, asyncq.cpp); registering it here makes the command line, the run form,
// settings, the panels and the exporters offer it.
#include "program.h"
#include "scenarios.h"

namespace sim {

std::vector<const Program*> builtinPrograms()
{
    return {
        &chainedProgram(),
        &asyncqProgram(),
        &sequentialProgram(),
    };
}

const Program& scriptProgram()
{
    static const Program program {
        .name = "python",
        .fileName = "",
        .summary = "a Python program recorded from CPython 3.11 in virtual time",
        .listing = "",
        .parameters = {},
    };
    return program;
}

} // namespace sim
