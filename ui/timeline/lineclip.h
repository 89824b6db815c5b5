// SPDX-License-Identifier: MIT
#pragma once

#include <QLineF>
#include <QRectF>

#include <algorithm>
#include <optional>

namespace ui {

// The part of `line` inside `box` (Liang-Barsky), if any. The painter clips long lines by
// hand: QSvgGenerator writes no clip paths, and raster clipping of lines towards lanes far
// off screen is slow.
inline std::optional<QLineF> clipLineToRect(QLineF line, const QRectF& box)
{
    double t0 = 0, t1 = 1;
    const double p[4] = { -line.dx(), line.dx(), -line.dy(), line.dy() };
    const double q[4] = { line.x1() - box.left(), box.right() - line.x1(), line.y1() - box.top(), box.bottom() - line.y1() };
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return std::nullopt;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return std::nullopt;
    }
    return QLineF(line.pointAt(t0), line.pointAt(t1));
}

} // namespace ui
