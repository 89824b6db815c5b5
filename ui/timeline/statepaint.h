// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QRectF>

#include <span>

class QPainter;

namespace ui {

// How tall a state's bar is, as a fraction of the lane's inner height. Height is a second
// channel next to colour and pattern: running steps stand tallest, waits are medium,
// "ready" is lower, and the end states are thin bands, so a lane reads as a shape even in
// grey-scale and the steps that ran jump out.
double barHeightFraction(sim::TaskState state);

// A rank for merging sub-pixel segments into one pixel column: the state that tells the
// most wins (a running step beats a long wait around it).
int mergePriority(sim::TaskState state);

// Fills `rects` in the state's colour, lays its pattern over those at least `minPatternWidth`
// pixels wide, and outlines those at least `minOutlineWidth` wide. `spacing` is the
// pattern's period in pixels. On raster devices the pattern is a small cached texture; on
// vector devices (SVG, PDF) it is drawn as clipped hatch lines so it survives in the file.
// No antialiasing on the rectangles.
void paintStateRects(QPainter& painter, const StateStyle& style, std::span<const QRectF> rects, double spacing,
    double minPatternWidth = 3, double minOutlineWidth = 5);

} // namespace ui
