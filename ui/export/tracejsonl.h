// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"
#include "trace.h"

#include <QString>

namespace ui {

// Writes the raw event trace as JSON Lines: a header object (format, version, scenario,
// parameters, seed, outcome, task names), then one object per event in order, each with
// its index, kind, virtual time and the kind's fields by name (DESIGN.md section 4).
// Writes through QSaveFile: on failure nothing is left behind and *error says why.
bool writeTraceJsonl(const QString& path, const sim::RunRequest& request, const sim::RunResult& result,
    const sim::Trace& trace, QString* error);

} // namespace ui
