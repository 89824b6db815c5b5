// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "pyint.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sim {

struct ScenarioContext;

// One argument of a program, described once: the command line builds its option (or its
// positional list) from it, the run form its field, `--help` its line, settings and trace
// files its key, and every one of them validates typed text through parseParameter(), so
// the messages are the same everywhere.
struct ProgramParameter {
    enum class Shape : std::uint8_t {
        Integers, // the program's positional argv, after `--` on the command line: any number of integers
        Integer, // an option with one integer value (`-p N`)
    };
    Shape shape = Shape::Integer;
    std::string_view key; // "arguments", "producers": settings keys and trace-file fields
    std::string_view label; // "Arguments", "Producers": the run form's label
    std::string_view shortFlag; // "p" (Integer only)
    std::string_view longFlag; // "nprod" (Integer only)
    std::string_view help; // "number of producers": --help and the field's tooltip
    std::string_view defaultText; // what the program uses when nothing is given: "5", "1 2 3"
    bool countsTasks = false; // an Integer that creates this many tasks: at most Limits::maxTasks - 1

    // How a message names it: "-p" for an option, "argument" for a positional integer.
    std::string messageName() const;
};

// The parsed values, one entry per parameter of the program, in order. An Integer
// parameter holds exactly one value; an Integers parameter any number (none: the program's
// own default, as `python3 chained.py` with no arguments).
using ProgramArguments = std::vector<std::vector<PyInt>>;

// Why an argument list cannot run: which parameter (or none, for the seed) and a message
// that names it, e.g. "-p: 'x' is not a decimal integer".
struct ArgumentError {
    std::optional<std::size_t> parameter; // index into Program::parameters; none: the seed
    std::string message;
};

// A program Loopscope can run: its description (name, listing, arguments) and its engine.
// Every built-in program is one of these, registered once in programs.cpp; the command line,
// the run form, settings, the panels and the exporters read it instead of knowing names.
struct Program {
    std::string_view name; // "chained": the command line's and the settings' word
    std::string_view fileName; // "chained.py": the listing's title
    std::string_view summary; // one line for --help and the program list's tooltip
    std::string_view listing; // the Python source, as the Listing panel shows it
    std::vector<ProgramParameter> parameters;
    // Runs the program as `python3 fileName argv...` would after random.seed(seed): creates
    // the loop's main task, runs asyncio.run and prints what the script prints after it.
    RunStatus (*run)(ScenarioContext& context, const ProgramArguments& arguments) = nullptr;
    // Checks beyond each value's syntax (e.g. the task limit); nothing when the run may start.
    std::optional<ArgumentError> (*validate)(const ProgramArguments& arguments, const Limits& limits) = nullptr;

    // Each parameter's default (`defaultText` parsed; an Integers parameter starts empty).
    ProgramArguments defaults() const;
    // The argv the script receives, as words: {"1", "2", "3"}, {"-p", "5", "-c", "10"}.
    // An empty Integers parameter shows its default, as the script then behaves.
    std::vector<std::string> argv(const ProgramArguments& arguments) const;
    // The index of the parameter with this key or flag, if any.
    std::optional<std::size_t> parameterIndex(std::string_view keyOrFlag) const;
};

// Parses one parameter's text as typed (the command line's words joined by spaces, or a run
// form's field): integers as Python's int() reads them, separated by white space. The error
// names the parameter, so the command line and the form show the same message.
std::variant<std::vector<PyInt>, std::string> parseParameter(
    const ProgramParameter& parameter, std::string_view text, const Limits& limits = {});

// One word of a program's argv for an Integers parameter, as Python's int() reads it (white
// space around it is allowed, inside it is not: `int("1 2")` fails); the error names it.
std::variant<PyInt, std::string> parseArgumentWord(const ProgramParameter& parameter, std::string_view word);

// The seed, parsed as Python's int() reads it; the error names --seed.
std::variant<PyInt, std::string> parseSeed(std::string_view text);

// A Python program that core/ does not simulate: the recorder runs it under CPython 3.11 in
// virtual time and writes its trace (resources/recorder/). A run request for it names the
// file and the argv the program receives; its program is scriptProgram().
struct Script {
    std::string path; // where the file is on this machine (empty for a run read from a trace file)
    std::string fileName; // "countasync.py": titles, the listing, trace files
    std::vector<std::string> argv; // what the program receives after its own name

    bool operator==(const Script&) const = default;
};

// The description every recorded script shares: no parameters of its own (its argv is kept
// as typed), no engine in core/ (run is null), not in the program list.
const Program& scriptProgram();

// The built-in programs, in the order the program list shows them (programs.cpp: one line each).
std::vector<const Program*> builtinPrograms();

// The registry of programs: the built-in ones, in the order the program list shows them.
// Tests may add one (registerProgram); it then appears everywhere the built-ins do.
const std::vector<const Program*>& programs();
const Program* findProgram(std::string_view name);
void registerProgram(const Program& program);
// The program the window opens on and `loopscope print` defaults to (chained).
const Program& defaultProgram();

} // namespace sim
