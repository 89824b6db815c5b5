// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"

#include <QString>
#include <QStringList>

#include <optional>

// The documented exit codes of `loopscope` (README, The command line).
enum class ExitCode : int {
    Ok = 0,
    RuntimeFailure = 1, // e.g. a file cannot be written
    UsageError = 2, // a bad command, scenario, option or number
    Deadlock = 3, // the program would block forever; output up to that point was printed
};

// The picture choices of `loopscope export`, as typed (headless.cpp turns them into the
// exporters' options; keeping Qt Gui out of here lets the fuzz target build fast).
struct ExportChoices {
    enum class Axis { Time, Instants, Steps };
    Axis axis = Axis::Time; // --axis time|instants|steps
    bool darkTheme = false; // --theme dark (default: light, for print)
    double width = 1600; // --width
    double scale = 2.0; // --scale (PNG)
    std::optional<std::pair<double, double>> range; // --range FROM:TO, in seconds (time axis) or steps
    std::optional<std::size_t> upTo; // --upto STEP
    bool storyboard = false; // --storyboard: one PDF page per step (or per instant, --pages instants)
    bool pagesPerInstant = false;
};

// The picture formats, from a file's extension: png, svg, pdf.
bool isPictureFormat(const QString& suffix);

// One invocation of `loopscope`, parsed and validated.
struct Command {
    enum class Kind { Window, Print, Export, Record, Examples, Help, Version };
    Kind kind = Kind::Window;
    sim::RunRequest request; // the program run (built-in, or a Python file to record), unless traceFile is set
    QString traceFile; // a trace file to read instead of running a program (print, export, the window)
    QString lessonFile; // the window: a lesson (.loopscope) to open
    QString outputPath; // export: -o FILE
    QString format; // export: the file's extension, lower case (png svg pdf json jsonl)
    ExportChoices exportChoices;
    // export --compare RUN: the run drawn under this one on a shared axis (at most one; a
    // Command of kind Print that names it, as `loopscope print RUN` would).
    std::vector<Command> comparedWith;
    QString exampleName; // examples: the example to write into the current folder (none: list them)
};

struct ParsedCommandLine {
    std::optional<Command> command; // set on success
    QString error; // otherwise: one line naming the bad argument
};

// Parses `loopscope [open|print|record|export] [PROGRAM|FILE.py|FILE.jsonl] [--seed S] [-p N] [-c M] [-o FILE] [-- N
// ...]` and `loopscope examples [NAME]`. `arguments` includes the program name first, like
// QCoreApplication::arguments().
ParsedCommandLine parseCommandLine(const QStringList& arguments);
// The same from main()'s argv, with the same result and messages: the integers after `--`
// (chained 1..100000) are parsed from their bytes, without a QString each.
ParsedCommandLine parseCommandLine(int argc, const char* const* argv);

// The text of `loopscope --help`.
QString helpText();
