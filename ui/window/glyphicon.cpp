// SPDX-License-Identifier: MIT
#include "glyphicon.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace ui {

namespace {
    // Shapes on a 24x24 grid, scaled to the requested rectangle.
    QPainterPath triangle(double left, double right, bool pointsRight)
    {
        QPainterPath path;
        const double tip = pointsRight ? right : left;
        const double base = pointsRight ? left : right;
        path.moveTo(base, 5);
        path.lineTo(tip, 12);
        path.lineTo(base, 19);
        path.closeSubpath();
        return path;
    }

    QPainterPath bar(double left, double width)
    {
        QPainterPath path;
        path.addRect(left, 5, width, 14);
        return path;
    }

    QPainterPath shapeOf(Glyph glyph)
    {
        QPainterPath path;
        switch (glyph) {
        case Glyph::Play:
        case Glyph::Run:
            return triangle(7, 19, true);
        case Glyph::Pause:
            path.addRect(6.5, 5, 4, 14);
            path.addRect(13.5, 5, 4, 14);
            return path;
        case Glyph::StepForward:
            return triangle(6, 15, true) + bar(16, 3);
        case Glyph::StepBack:
            return bar(5, 3) + triangle(9, 18, false);
        case Glyph::ToEnd:
            return triangle(3, 11, true) + triangle(11, 19, true) + bar(19, 2.5);
        case Glyph::ToStart:
            return bar(2.5, 2.5) + triangle(5, 13, false) + triangle(13, 21, false);
        case Glyph::NextInstant:
            return triangle(4, 12, true) + triangle(12, 20, true);
        case Glyph::PreviousInstant:
            return triangle(4, 12, false) + triangle(12, 20, false);
        case Glyph::NewSeed:
            // A die showing five.
            path.addRoundedRect(4, 4, 16, 16, 3, 3);
            for (const QPointF& pip :
                { QPointF(8.5, 8.5), QPointF(15.5, 8.5), QPointF(12, 12), QPointF(8.5, 15.5), QPointF(15.5, 15.5) })
                path.addEllipse(pip, 1.6, 1.6);
            return path;
        }
        return path;
    }

    class GlyphEngine final : public QIconEngine {
    public:
        explicit GlyphEngine(Glyph glyph)
            : m_glyph(glyph)
        {
        }

        void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
        {
            const QPalette palette = QApplication::palette();
            const QColor colour
                = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::ButtonText);
            const double side = std::min(rect.width(), rect.height());
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing);
            painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
            painter->scale(side / 24.0, side / 24.0);
            painter->setPen(Qt::NoPen);
            painter->setBrush(colour);
            QPainterPath shape = shapeOf(m_glyph);
            shape.setFillRule(Qt::OddEvenFill); // the die's pips are holes
            painter->drawPath(shape);
            painter->restore();
        }

        QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
        {
            return scaledPixmap(size, mode, state, 1.0);
        }

        // Qt asks for size x scale device pixels on high-DPI screens: draw exactly that.
        QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
        {
            QPixmap pixmap(size * scale);
            pixmap.fill(Qt::transparent);
            {
                QPainter painter(&pixmap);
                paint(&painter, QRect(QPoint(), pixmap.size()), mode, state);
            }
            pixmap.setDevicePixelRatio(scale);
            return pixmap;
        }

        QIconEngine* clone() const override { return new GlyphEngine(m_glyph); }

    private:
        Glyph m_glyph;
    };
}

QIcon glyphIcon(Glyph glyph) { return QIcon(new GlyphEngine(glyph)); }

} // namespace ui
