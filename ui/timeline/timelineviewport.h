// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"
#include "timelineaxismap.h"
#include "timelinecoordinates.h"

#include <QFont>
#include <QString>

#include <cstddef>
#include <optional>

namespace ui {

// What to draw and how: everything TimelinePainter needs besides the run and the target
// rectangle. A plain value: the widget keeps one for the screen; exporters fill their own.
struct TimelineViewport {
    TimelineAxis axis = TimelineAxis::Time;
    // The visible part of the axis, in axis units (TimelineAxisMap); nothing = the whole run.
    std::optional<VisibleRange> range;
    // Pixels the lanes are scrolled up by (the ruler and the legend stay put).
    double scrollY = 0;

    // The cursor: position p = p steps done (0..stepCount).
    std::size_t cursor = 0;
    bool showCursor = true;
    bool dimFuture = true; // wash out what comes after the cursor
    // Draw nothing after this position (exports: "the run up to the current step"): no bar,
    // arrow, tie, grid line or ruler label of a later step.
    std::optional<std::size_t> drawUpTo;
    // The window's "Hide the future": nothing after the cursor, as drawUpTo does.
    bool hideFuture = false;
    // With a cut-off (drawUpTo, hideFuture): no lane for the tasks created after it.
    bool hideLaterTasks = false;
    // Where the picture stops, if it does: drawUpTo, else the cursor when hiding the future.
    std::optional<std::size_t> cutOff() const
    {
        if (drawUpTo)
            return drawUpTo;
        if (hideFuture)
            return cursor;
        return std::nullopt;
    }

    Theme theme = Theme::light();
    double textScale = 1.0; // 1.0 = projector-sized type; everything scales with it
    QFont font; // family and style; the painter sets the sizes
    bool showInternalTasks = false; // asyncio.run's shutdown tasks

    bool showRuler = true;
    bool showLegend = true;
    bool showTitle = false; // exports: the run's description above the picture
    QString title; // empty: the run's description ("chained 1 2 3 · seed 444")

    // The segment under the mouse (widget hover), outlined; row -1 for none.
    int hoverRow = -1;
    std::size_t hoverSegment = 0;
};

} // namespace ui
