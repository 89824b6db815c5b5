// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QFont>
#include <QPointF>

class QPainter;

namespace ui {

// The small drawings the lanes and the legend share, so the legend shows exactly what
// the picture draws. `unit` is the base type size in pixels (everything scales with it).
namespace glyphs {
    // A wake-up arrow from `from` (the cause, marked with a dot; a ring for a timer) to
    // `to` (the woken step). `arc` > 0 bows it upwards by that many pixels (an arrow
    // within one lane); otherwise it is an S-curve between two lanes. `halo`: outlined in
    // the background colour, to stand out over the bars.
    void wakeArrow(QPainter& painter, QPointF from, QPointF to, double arc, bool timer, const Theme& theme, double unit,
        bool halo = true);
    // A tie badge: the order (1, 2, ...) in which CPython's heap fired timers that were due
    // at the same instant, written in `font` (sized to fit `size`, bold).
    void tieBadge(QPainter& painter, QPointF center, double size, int order, const Theme& theme, const QFont& font);
}

} // namespace ui
