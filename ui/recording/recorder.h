// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"
#include "tracefile.h"

#include <QString>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace ui {

// The machine's CPython for recording: `python3` on the PATH (LOOPSCOPE_PYTHON overrides it),
// checked once per process to be CPython 3.11, the version whose asyncio the recorder hooks.
struct PythonCheck {
    QString program; // what to run, when usable
    QString version; // what was found, e.g. "3.11.2"
    QString error; // why it cannot record, naming what was found and what is needed
    bool usable() const { return error.isEmpty(); }
};
const PythonCheck& checkPython();

// Why `request`'s program file cannot be recorded (missing, not a file, unreadable); empty
// when it can.
QString unreadableScript(const sim::RunRequest& request);

// The recorder (resources/recorder/loopscope_record.py, shipped in the Qt resources) as a
// file Python can run: written once per process into a temporary folder. Empty, with
// *error set, when that is impossible.
QString recorderScript(QString* error);

// The recorder's exit codes (resources/recorder/README.md).
enum class RecorderExit : int {
    Recorded = 0, // the trace is written, status completed
    Failed = 1, // the recorder could not run the program or write the trace: no trace
    Usage = 2, // a bad recorder command line: no trace
    Deadlock = 3, // the trace is written and ends in the deadlock
    LimitReached = 4, // a limit stopped the run: the trace is written and says so
    ProgramRaised = 5, // an exception escaped the program: the trace is written, the traceback is on stderr
    Refused = 6, // the program used what virtual time cannot replay (threads, sockets...): no trace
};

// The limits a recording runs under, so an endless loop or a flood of output cannot take
// the machine: the recorder stops at them (README, "Recording a Python program").
struct RecordingLimits {
    int wallSeconds = 60; // real time; the process is killed if it does not stop 5 s later
    quint64 steps = 5'000'000; // handles run
    quint64 outputBytes = 16 * 1024 * 1024;
};

// The recorder's arguments to record `request` (a Python file, see sim::Script) into `tracePath`.
QStringList recorderArguments(
    const QString& script, const sim::RunRequest& request, const QString& tracePath, const RecordingLimits& limits = {});

// The recorder's environment: this process's, with Python's hash randomization fixed
// (PYTHONHASHSEED=0), so a program that iterates a set of strings orders it the same way on
// every recording.
QProcessEnvironment recorderEnvironment();

// How a recording ended.
struct Recording {
    std::unique_ptr<TraceFileContents> contents; // the run, when a trace was written
    RecorderExit exit = RecorderExit::Recorded;
    QString error; // the recorder's message (its stderr), or why it could not start
};

// The recorder's exit code as a RecorderExit (an unknown one, or a crash, is Failed).
RecorderExit recorderExit(int exitCode);

// Records `request` into `tracePath` and reads the trace back, blocking: for the headless
// commands. The program's output goes to this process's stdout as it is printed (what
// `loopscope print FILE.py` shows) unless `quietOutput`; the recorder's messages (a traceback,
// a refusal) go to stderr as they come.
Recording recordBlocking(const sim::RunRequest& request, const QString& tracePath, bool quietOutput);

} // namespace ui
