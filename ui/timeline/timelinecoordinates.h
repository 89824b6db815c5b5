// SPDX-License-Identifier: MIT
#pragma once

namespace ui {

// The horizontal mapping between axis units (steps, or the time axis' units, see
// TimelineAxisMap) and pixels: the visible range [rangeStart, rangeEnd] is stretched over
// [pixelLeft, pixelLeft + pixelWidth]. A plain value; every function is total:
// - a zero-width (or inverted) range, or a width <= 0, maps every unit to pixelLeft and
//   every pixel to rangeStart (nothing to spread out, nothing to divide by);
// - units outside the range map to pixels outside the area (no clamping), so callers can
//   clip shapes that start or end off screen; clampedX() clamps.
struct TimelineCoordinates {
    double rangeStart = 0;
    double rangeEnd = 0;
    double pixelLeft = 0;
    double pixelWidth = 0;

    bool isEmpty() const { return !(rangeEnd > rangeStart) || !(pixelWidth > 0); }
    double rangeWidth() const { return rangeEnd - rangeStart; }
    double pixelRight() const { return pixelLeft + pixelWidth; }
    // Pixels per axis unit; 0 for an empty mapping.
    double scale() const { return isEmpty() ? 0.0 : pixelWidth / (rangeEnd - rangeStart); }
    // The pixel x of `unit` (unclamped); pixelLeft for an empty mapping.
    double x(double unit) const { return pixelLeft + (unit - rangeStart) * scale(); }
    // x(unit) clamped to [pixelLeft - margin, pixelRight + margin]: keeps huge
    // off-screen coordinates out of QPainter's fixed-point rasterizer.
    double clampedX(double unit, double margin = 16) const;
    // The unit at pixel x (unclamped); rangeStart for an empty mapping.
    double unitAt(double x) const { return isEmpty() ? rangeStart : rangeStart + (x - pixelLeft) / scale(); }
    // Whether [from, to] (units) overlaps the visible range.
    bool overlaps(double from, double to) const { return to >= rangeStart && from <= rangeEnd; }
};

// Zoom and pan arithmetic on a visible range inside [0, total], kept pure for tests.
// Every result lies inside [0, total] and is at least `minWidth` wide (or the whole of
// [0, total] when total < minWidth). total <= 0 gives [0, 0].
struct VisibleRange {
    double start = 0;
    double end = 0;

    double width() const { return end - start; }
    bool operator==(const VisibleRange&) const = default;

    // Shifted into [0, total] and widened to minWidth (clamped to total), width kept
    // otherwise.
    VisibleRange clamped(double total, double minWidth) const;
    // Zoomed by `factor` (> 1: in) keeping `anchor` (a unit, e.g. under the mouse) at the
    // same pixel.
    VisibleRange zoomed(double factor, double anchor, double total, double minWidth) const;
    // Shifted by `delta` units, then clamped.
    VisibleRange panned(double delta, double total, double minWidth) const;
    // The zoom factor relative to the whole run: total / width (1 = fit, >= 1).
    double zoomFactor(double total) const;
};

} // namespace ui
