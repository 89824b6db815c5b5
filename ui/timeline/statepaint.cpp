// SPDX-License-Identifier: MIT
#include "statepaint.h"

#include "lineclip.h"

#include <QHash>
#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QLineF>

#include <cmath>
#include <optional>
#include <vector>

namespace ui {

double barHeightFraction(sim::TaskState state)
{
    using sim::TaskState;
    switch (state) {
    case TaskState::Running:
        return 1.0;
    case TaskState::Ready:
        return 0.46;
    case TaskState::Done:
    case TaskState::Cancelled:
    case TaskState::Failed:
        return 0.3;
    default:
        return 0.66;
    }
}

int mergePriority(sim::TaskState state)
{
    using sim::TaskState;
    switch (state) {
    case TaskState::Running:
        return 5;
    case TaskState::Failed:
    case TaskState::Cancelled:
        return 4;
    case TaskState::Ready:
        return 3;
    case TaskState::Done:
        return 1;
    default:
        return 2;
    }
}

namespace {
    bool hasPattern(Qt::BrushStyle pattern)
    {
        return pattern != Qt::NoBrush && pattern != Qt::SolidPattern;
    }

    // The strokes of one period of `pattern` in a `size` square, in tile coordinates.
    // Diagonals run corner to corner (and through the neighbouring tiles' corners), so the
    // tiles join into unbroken lines.
    void drawPeriod(QPainter& painter, Qt::BrushStyle pattern, double size)
    {
        const double half = size / 2;
        auto diagonal = [&](bool rising) {
            for (int shift = -1; shift <= 1; ++shift) {
                const double dx = shift * size;
                if (rising)
                    painter.drawLine(QPointF(dx - 1, size + 1), QPointF(dx + size + 1, -1));
                else
                    painter.drawLine(QPointF(dx - 1, -1), QPointF(dx + size + 1, size + 1));
            }
        };
        switch (pattern) {
        case Qt::BDiagPattern:
            diagonal(true);
            break;
        case Qt::FDiagPattern:
            diagonal(false);
            break;
        case Qt::DiagCrossPattern:
            diagonal(true);
            diagonal(false);
            break;
        case Qt::HorPattern:
            painter.drawLine(QPointF(0, half), QPointF(size, half));
            break;
        case Qt::VerPattern:
            painter.drawLine(QPointF(half, 0), QPointF(half, size));
            break;
        case Qt::CrossPattern:
            painter.drawLine(QPointF(0, half), QPointF(size, half));
            painter.drawLine(QPointF(half, 0), QPointF(half, size));
            break;
        default: { // the dense patterns: dots
            const double r = std::max(0.9, size / 8);
            painter.setBrush(painter.pen().color());
            painter.setPen(Qt::NoPen);
            painter.drawEllipse(QPointF(half, half), r, r);
            if (pattern <= Qt::Dense4Pattern) {
                painter.drawEllipse(QPointF(0, 0), r, r);
                painter.drawEllipse(QPointF(size, 0), r, r);
                painter.drawEllipse(QPointF(0, size), r, r);
                painter.drawEllipse(QPointF(size, size), r, r);
            }
            break;
        }
        }
    }

    double lineWidth(double spacing)
    {
        return std::max(1.0, std::round(spacing / 6));
    }

    // One tile per (pattern, colour, size, device pixel ratio). thread_local: exports may
    // paint on a worker thread while the widget paints on the GUI thread.
    QImage patternTile(Qt::BrushStyle pattern, QColor color, double spacing, qreal dpr)
    {
        thread_local QHash<QString, QImage> cache;
        const int size = std::max(4, int(std::lround(spacing)));
        const QString key = QStringLiteral("%1/%2/%3/%4").arg(int(pattern)).arg(color.rgba()).arg(size).arg(dpr);
        auto it = cache.constFind(key);
        if (it != cache.constEnd())
            return *it;
        QImage tile(QSize(size, size) * dpr, QImage::Format_ARGB32_Premultiplied);
        tile.setDevicePixelRatio(dpr);
        tile.fill(Qt::transparent);
        {
            QPainter p(&tile);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setClipRect(QRectF(0, 0, size, size));
            p.setPen(QPen(color, lineWidth(spacing), Qt::SolidLine, Qt::FlatCap));
            drawPeriod(p, pattern, size);
        }
        if (cache.size() > 256)
            cache.clear();
        cache.insert(key, tile);
        return tile;
    }


    // Vector devices: the pattern as real lines, cut to each rectangle here rather than by
    // a clip (QSvgGenerator writes no clipping at all), on the same grid from (0, 0) as the
    // raster tiles so neighbouring bars line up.
    void paintVectorPattern(QPainter& painter, const StateStyle& style, std::span<const QRectF> rects, double s)
    {
        std::vector<QLineF> lines;
        std::vector<QPointF> dots;
        for (const QRectF& r : rects) {
            const double top = r.top(), bottom = r.bottom(), left = r.left(), right = r.right();
            auto add = [&](QLineF line) {
                if (auto piece = clipLineToRect(line, r))
                    lines.push_back(*piece);
            };
            auto horizontal = [&] {
                for (double y = std::floor(top / s) * s + s / 2; y < bottom; y += s)
                    add(QLineF(left, y, right, y));
            };
            auto vertical = [&] {
                for (double x = std::floor(left / s) * s + s / 2; x < right; x += s)
                    add(QLineF(x, top, x, bottom));
            };
            auto rising = [&] { // x + y = c
                for (double c = std::floor((left + top) / s) * s; c <= right + bottom; c += s)
                    add(QLineF(c - bottom, bottom, c - top, top));
            };
            auto falling = [&] { // x - y = c
                for (double c = std::floor((left - bottom) / s) * s; c <= right - top; c += s)
                    add(QLineF(c + top, top, c + bottom, bottom));
            };
            switch (style.pattern) {
            case Qt::HorPattern:
                horizontal();
                break;
            case Qt::VerPattern:
                vertical();
                break;
            case Qt::CrossPattern:
                horizontal();
                vertical();
                break;
            case Qt::BDiagPattern:
                rising();
                break;
            case Qt::FDiagPattern:
                falling();
                break;
            case Qt::DiagCrossPattern:
                rising();
                falling();
                break;
            default: { // dots at the tile's centre (and corners for the denser ones)
                const double r0 = std::max(0.9, s / 8);
                const QRectF inner = r.adjusted(r0, r0, -r0, -r0);
                auto grid = [&](double offset) {
                    for (double y = std::floor(top / s) * s + offset; y <= bottom; y += s) {
                        for (double x = std::floor(left / s) * s + offset; x <= right; x += s) {
                            if (inner.contains(QPointF(x, y)))
                                dots.emplace_back(x, y);
                        }
                    }
                };
                grid(s / 2);
                if (style.pattern <= Qt::Dense4Pattern)
                    grid(0);
                break;
            }
            }
        }
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(style.patternColor, lineWidth(s), Qt::SolidLine, Qt::FlatCap));
        if (!lines.empty())
            painter.drawLines(lines.data(), int(lines.size()));
        if (!dots.empty()) {
            const double r0 = std::max(0.9, s / 8);
            painter.setPen(Qt::NoPen);
            painter.setBrush(style.patternColor);
            for (const QPointF& dot : dots)
                painter.drawEllipse(dot, r0, r0);
        }
        painter.restore();
    }
}

void paintStateRects(QPainter& painter, const StateStyle& style, std::span<const QRectF> rects, double spacing,
    double minPatternWidth, double minOutlineWidth)
{
    if (rects.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    painter.setBrush(style.fill);
    painter.drawRects(rects.data(), int(rects.size()));

    std::vector<QRectF> wide;
    if (hasPattern(style.pattern)) {
        for (const QRectF& r : rects) {
            if (r.width() >= minPatternWidth)
                wide.push_back(r);
        }
        if (!wide.empty()) {
            const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
            if (raster) {
                const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
                painter.setBrush(QBrush(patternTile(style.pattern, style.patternColor, spacing, dpr)));
                painter.setBrushOrigin(0, 0);
                painter.drawRects(wide.data(), int(wide.size()));
            } else {
                paintVectorPattern(painter, style, wide, spacing);
            }
        }
    }

    wide.clear();
    for (const QRectF& r : rects) {
        if (r.width() >= minOutlineWidth)
            wide.push_back(r.adjusted(0.5, 0.5, -0.5, -0.5));
    }
    if (!wide.empty()) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(style.outline, 1));
        painter.drawRects(wide.data(), int(wide.size()));
    }
    painter.restore();
}

} // namespace ui
