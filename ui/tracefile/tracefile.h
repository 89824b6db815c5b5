// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"
#include "trace.h"

#include <QString>

#include <atomic>
#include <memory>
#include <string>

namespace ui {

// Everything a trace file holds: what ran (the request: program, arguments, seed), how it
// ended, every event, and the program's source as it was when the run was made.
struct TraceFileContents {
    sim::RunRequest request;
    sim::RunResult result;
    sim::Trace trace;
    std::string listing; // the Python source of the program that ran
};

// Writes a run as a Loopscope trace file (JSON Lines, format version 3, documented in the
// README's "Trace files" section): a header object, then one object per event with all its
// fields by name. Reading the file back gives the same trace, and writing that again the
// same bytes. Writes through QSaveFile: on failure nothing is left and *error says why.
bool writeTraceFile(const QString& path, const sim::RunRequest& request, const sim::RunResult& result,
    const sim::Trace& trace, std::string_view listing, QString* error);

// Reads a trace file. Every file is untrusted: anything that is not a well-formed trace of
// this format version (not JSON, another version, truncated, events out of order, ids that
// do not exist, a step of a task that is not ready, a line beyond the size limits) gives
// null and *error names the file, the line and the problem. Never runs code; memory stays
// within the trace's own size plus one line.
// `cancel` (may be null) stops the reading from another thread (*error then says so).
std::unique_ptr<TraceFileContents> readTraceFile(const QString& path, QString* error, const std::atomic<bool>* cancel = nullptr);

// The same, from bytes in memory (`name` stands for the file in messages): the fuzz target.
std::unique_ptr<TraceFileContents> readTraceBytes(const QByteArray& bytes, const QString& name, QString* error,
    const std::atomic<bool>* cancel = nullptr);

// Whether `path` names a trace file by its extension (.jsonl), for the command line.
bool isTraceFileName(const QString& path);

} // namespace ui
