// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

#include <QByteArray>
#include <QString>

namespace ui {

// Chrome Trace Event Format (JSON object form) for Perfetto and chrome://tracing:
// - one "thread" per task, named and ordered with metadata events (M);
// - one complete event (X) per state interval of a task, with args: state, awaited
//   object, Python line, waker;
// - flow events (s / f) for every wake-up, from the cause to the woken task's step;
// - counters (C) for the ready-deque length and the queue size;
// - timestamps: virtual seconds as microseconds, plus `stepMicros` per step inside an
//   instant, so that zero-time steps get a visible width and keep their order.
QByteArray chromeTraceJson(const RunData& run);

// Writes chromeTraceJson through QSaveFile: nothing is left behind on failure.
bool writeChromeTrace(const QString& path, const RunData& run, QString* error);

inline constexpr double stepMicros = 1.0;

} // namespace ui
