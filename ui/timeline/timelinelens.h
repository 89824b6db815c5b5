// SPDX-License-Identifier: MIT
#pragma once

#include "timelineaxismap.h"

#include <QRectF>
#include <QString>

#include <cstddef>
#include <optional>

class QPainter;

namespace ui {

struct TimelineLayout;
struct TimelineViewport;

// On the time axis the steps of one instant take no time, so they share one x. The lens
// spreads the steps of the cursor's instant out on the ruler's lower row, centred on the
// cursor: a cell per step in run order (those that ran in the running colour, the one that
// just ran in the cursor's colour, those still to come in grey) and "3 of 7 steps" beside
// them. A click on a cell moves the cursor after that step. With a cut-off only the steps
// up to it are shown (and no count of the rest). An instant with more steps than fit shows
// those around the cursor, "…" marking the ends cut off.
//
// A value computed from a layout and a viewport, for painting and hit-testing alike; empty
// unless the axis is the time axis, the cursor shows, a step has run and the ruler is there.
class TimelineLens {
public:
    TimelineLens() = default;
    static TimelineLens of(const TimelineLayout& layout, const TimelineViewport& viewport, const TimelineAxisMap& map,
        const sim::Timeline& timeline);

    bool isEmpty() const { return m_box.isEmpty(); }
    QRectF box() const { return m_box; }
    // The cell of `step`: empty when the step is not in the lens.
    QRectF cell(std::size_t step) const;
    // The step whose cell holds `point`, if any.
    std::optional<std::size_t> stepAt(QPointF point) const;
    // The steps the lens shows: [firstShown, endShown), of the instant's [instantFirst, instantEnd).
    std::size_t firstShown() const { return m_first; }
    std::size_t endShown() const { return m_end; }
    std::size_t instantFirst() const { return m_instantFirst; }
    std::size_t instantEnd() const { return m_instantEnd; }

    void paint(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport) const;

private:
    QRectF m_box; // the whole lens, cells and count
    QRectF m_cells; // the cells' row (without the "…" ends)
    double m_pitch = 0; // cell width with its gap
    std::size_t m_first = 0, m_end = 0; // cells shown
    std::size_t m_instantFirst = 0, m_instantEnd = 0; // the instant's steps (up to the cut-off)
    std::size_t m_current = 0; // the step that just ran
    bool m_cutBefore = false, m_cutAfter = false; // more steps off either end
    QString m_text; // "3 of 7 steps"
};

} // namespace ui
