// SPDX-License-Identifier: MIT
#include "timelinecoordinates.h"

#include <algorithm>

namespace ui {

double TimelineCoordinates::clampedX(double unit, double margin) const
{
    return std::clamp(x(unit), pixelLeft - margin, pixelRight() + margin);
}

VisibleRange VisibleRange::clamped(double total, double minWidth) const
{
    if (!(total > 0))
        return {0, 0};
    double w = std::clamp(width(), std::min(minWidth, total), total);
    if (!(w > 0)) // NaN or a zero-width request with minWidth 0: show everything
        w = total;
    const double s = std::clamp(start, 0.0, total - w);
    return {s, s + w};
}

VisibleRange VisibleRange::zoomed(double factor, double anchor, double total, double minWidth) const
{
    if (!(factor > 0) || !(width() > 0))
        return clamped(total, minWidth);
    const double newWidth = std::clamp(width() / factor, std::min(minWidth, total), total);
    // Keep the anchor at the same fraction of the width.
    const double fraction = std::clamp((anchor - start) / width(), 0.0, 1.0);
    const double s = anchor - fraction * newWidth;
    return VisibleRange {s, s + newWidth}.clamped(total, minWidth);
}

VisibleRange VisibleRange::panned(double delta, double total, double minWidth) const
{
    return VisibleRange {start + delta, end + delta}.clamped(total, minWidth);
}

double VisibleRange::zoomFactor(double total) const
{
    if (!(total > 0) || !(width() > 0))
        return 1.0;
    return std::max(1.0, total / width());
}

} // namespace ui
