// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "wakearrowindex.h"

#include <QString>

#include <cstddef>

namespace ui {

// The hover text of a segment, in plain sentences: the task and its state, when it began
// and ended (time and step), what it awaits, who woke it (a timer, another task's put, the
// last gather child, its own yield), what it printed, and the Python line it is on.
// Steps are counted from 1 as the window counts them: position p is "after step p".
class TimelineToolTip {
public:
    static QString text(const RunData& run, const WakeArrowIndex& arrows, sim::TaskId task, std::size_t segmentIndex);
};

} // namespace ui
