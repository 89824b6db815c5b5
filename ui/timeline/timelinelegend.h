// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QFont>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace ui {

// The key under the lanes: each state that occurs (bar, pattern and height as drawn),
// the wake-up arrow, the tie badge and the cursor. Entries flow left to right and wrap.
class TimelineLegend {
public:
    struct Entry {
        enum class Kind { State, Arrow, Tie, Cursor } kind = Kind::State;
        sim::TaskState state = sim::TaskState::Running;
        QString label;
    };
    struct Metrics {
        QFont font;
        double unit = 17; // base type size (pixels)
        double laneHeight = 36;
    };

    static std::vector<Entry> entries(const std::vector<sim::TaskState>& states, bool ties, bool cursor, const Theme& theme);
    // The height the entries need at `width`.
    static double height(double width, const Metrics& metrics, const std::vector<Entry>& entries);
    static void paint(QPainter& painter, const QRectF& rect, const Metrics& metrics, const std::vector<Entry>& entries,
        const Theme& theme);
};

} // namespace ui
