// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "timelineaxismap.h"
#include "wakearrowindex.h"

#include <cstdint>
#include <vector>

class QPainter;

namespace ui {

struct TimelineLayout;
struct TimelineViewport;

// What one paint call shows, as the marks need it.
struct MarksView {
    const TimelineLayout& layout;
    const TimelineViewport& viewport;
    const TimelineAxisMap& map;
    std::uint32_t firstStep, lastStep; // steps in view
    std::size_t upToPosition; // nothing at or after it is drawn
    const std::vector<sim::TaskId>& rows; // the shown tasks, top to bottom
    const std::vector<int>& rowOfTask; // task -> row, -1 when hidden
    int rowCount; // rows at or past it are not shown (tasks created after a cut-off)

    int rowOf(sim::TaskId task) const
    {
        const int row = task < rowOfTask.size() ? rowOfTask[task] : -1;
        return row < rowCount ? row : -1;
    }
};

// The marks drawn over the lanes: wake-up arrows from cause to woken step, and tie badges
// numbering the timers that fell due at the same instant in the order the heap fired them.
// Built once per run (per-lane arrow index, each tie's members by row), so that a frame
// looks only at what is in view, however big the run.
class TimelineMarks {
public:
    TimelineMarks() = default;
    // rowAll / rowPublic: the painter's task -> row maps, with and without internal tasks.
    TimelineMarks(const RunData& run, const std::vector<int>& rowAll, const std::vector<int>& rowPublic);

    const WakeArrowIndex& arrows() const { return m_arrows; }
    // Arrows touching the lanes in view; when there are too many to follow, a note instead.
    void paintArrows(QPainter& painter, const MarksView& view) const;
    void paintTies(QPainter& painter, const MarksView& view) const;

private:
    struct TieMember {
        int row; // the row of the timer's task
        std::uint32_t order; // its index in the tie (the heap's order)
    };
    // Each tie's members with a row in `rowOfTask` (task -> row, -1: none), sorted by row.
    static std::vector<std::vector<TieMember>> membersByRow(const std::vector<sim::TimerTie>& ties,
        const std::vector<sim::StepInfo>& steps, const std::vector<int>& rowOfTask);

    const sim::Timeline* m_timeline = nullptr;
    WakeArrowIndex m_arrows;
    std::vector<std::vector<TieMember>> m_tieRowsAll, m_tieRowsPublic; // per tie, sorted by row
};

} // namespace ui
