// SPDX-License-Identifier: MIT
#include "timelineglyphs.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace ui::glyphs {

void wakeArrow(QPainter& painter, QPointF from, QPointF to, double arc, bool timer, const Theme& theme, double unit,
    bool halo)
{
    const double width = std::max(1.2, unit * 0.1);
    const double head = std::max(5.0, unit * 0.5);
    QPainterPath path(from);
    QPointF control; // the curve's last control point: the head points away from it
    if (arc > 0) {
        const double dx = (to.x() - from.x()) / 3;
        path.cubicTo(QPointF(from.x() + dx * 0.2, from.y() - arc), QPointF(to.x() - dx * 0.2, to.y() - arc), to);
        control = QPointF(to.x() - dx * 0.2, to.y() - arc);
    } else {
        const double dx = (to.x() - from.x()) / 2;
        path.cubicTo(QPointF(from.x() + dx, from.y()), QPointF(to.x() - dx, to.y()), to);
        control = QPointF(to.x() - dx, to.y());
    }
    QLineF direction(control, to);
    if (direction.length() < head * 0.5)
        direction = QLineF(from, to);
    if (direction.length() < 0.01)
        direction = QLineF(to - QPointF(1, 0), to);
    direction.setLength(1);
    const QPointF along = direction.p2() - direction.p1();
    const QPointF across(-along.y(), along.x());
    const QPointF base = to - along * head;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    // A halo in the background colour keeps the arrow readable over the bars (opaque:
    // blending costs more than the stroke itself on a raster).
    painter.setBrush(Qt::NoBrush);
    const QColor background = theme.background;
    if (halo) {
        painter.setPen(QPen(background, width + 2.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawPath(path);
    }
    painter.setPen(QPen(theme.arrow, width, Qt::SolidLine, Qt::RoundCap));
    painter.drawPath(path);
    painter.setPen(QPen(background, 1.0));
    painter.setBrush(theme.arrow);
    painter.drawPolygon(QPolygonF({to, base + across * head * 0.45, base - across * head * 0.45}));
    const double r = std::max(2.5, unit * 0.2);
    if (timer) {
        painter.setBrush(theme.background);
        painter.setPen(QPen(theme.arrow, width));
    } else {
        painter.setBrush(theme.arrow);
        painter.setPen(QPen(background, 1.0));
    }
    painter.drawEllipse(from, r, r);
    painter.restore();
}

void tieBadge(QPainter& painter, QPointF center, double size, int order, const Theme& theme, const QFont& font)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    // As wide as its number needs (a tie of a big run has hundreds of timers).
    const QString text = QString::number(order);
    const double width = std::max(size, std::ceil(QFontMetricsF(font).horizontalAdvance(text) + size * 0.4));
    const QRectF box(center.x() - width / 2, center.y() - size / 2, width, size);
    painter.setPen(QPen(theme.background, std::max(1.0, size / 12)));
    painter.setBrush(theme.tieMark);
    painter.drawRoundedRect(box, size * 0.25, size * 0.25);
    painter.setFont(font);
    painter.setPen(theme.background);
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
}

} // namespace ui::glyphs
