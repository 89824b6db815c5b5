// SPDX-License-Identifier: MIT
#include "timelinelegend.h"

#include "statepaint.h"
#include "timelineglyphs.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace ui {

namespace {
    QString tr(const char* text)
    {
        return QCoreApplication::translate("ui::TimelineLegend", text);
    }

    struct Geometry {
        double swatch, gap, spacing, row, pad;
    };
    // Compact enough that the key of a chained run takes two rows on a 660-pixel timeline
    // (the window maximized on a 1024x768 projector): every row of it is a lane less.
    Geometry geometry(const TimelineLegend::Metrics& m)
    {
        return {std::round(m.unit * 1.9), std::round(m.unit * 0.45), std::round(m.unit * 1.0), std::round(m.unit * 1.9),
            std::round(m.unit * 0.7)};
    }

    // Calls f(entry, swatchRect, textRect) for each entry, flowing into rows.
    template <typename F>
    double flow(const QRectF& rect, const TimelineLegend::Metrics& m, const std::vector<TimelineLegend::Entry>& entries, F f)
    {
        const Geometry g = geometry(m);
        const QFontMetricsF metrics(m.font);
        double x = rect.left() + g.pad, y = rect.top() + g.pad * 0.5;
        for (const auto& entry : entries) {
            const double text = metrics.horizontalAdvance(entry.label) + 2;
            const double width = g.swatch + g.gap + text;
            if (x > rect.left() + g.pad && x + width > rect.right() - g.pad) {
                x = rect.left() + g.pad;
                y += g.row;
            }
            f(entry, QRectF(x, y, g.swatch, g.row), QRectF(x + g.swatch + g.gap, y, text, g.row));
            x += width + g.spacing;
        }
        return y + g.row + g.pad * 0.5 - rect.top();
    }
}

std::vector<TimelineLegend::Entry> TimelineLegend::entries(const std::vector<sim::TaskState>& states, bool ties,
    bool cursor, const Theme& theme)
{
    std::vector<Entry> list;
    for (sim::TaskState state : states)
        list.push_back({Entry::Kind::State, state, theme.style(state).label});
    list.push_back({Entry::Kind::Arrow, {}, tr("woke up (cause → effect)")});
    if (ties)
        list.push_back({Entry::Kind::Tie, {}, tr("timers due at once (heap order)")});
    if (cursor)
        list.push_back({Entry::Kind::Cursor, {}, tr("now")});
    return list;
}

double TimelineLegend::height(double width, const Metrics& metrics, const std::vector<Entry>& entries)
{
    return flow(QRectF(0, 0, width, 0), metrics, entries, [](const Entry&, const QRectF&, const QRectF&) {});
}

void TimelineLegend::paint(QPainter& painter, const QRectF& rect, const Metrics& metrics, const std::vector<Entry>& entries,
    const Theme& theme)
{
    painter.save();
    painter.fillRect(rect, theme.background);
    painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 1), theme.grid);
    painter.setFont(metrics.font);
    const double inner = std::round(metrics.laneHeight * 0.72);
    const double pattern = std::max(5.0, std::round(metrics.unit * 0.5));
    flow(rect, metrics, entries, [&](const Entry& entry, const QRectF& swatch, const QRectF& text) {
        const double cy = swatch.center().y();
        switch (entry.kind) {
        case Entry::Kind::State: {
            const double h = std::round(inner * barHeightFraction(entry.state));
            const QRectF bar(std::round(swatch.left()), std::round(cy - h / 2), std::round(swatch.width()), h);
            paintStateRects(painter, theme.style(entry.state), std::span(&bar, 1), pattern);
            break;
        }
        case Entry::Kind::Arrow:
            glyphs::wakeArrow(painter, QPointF(swatch.left() + 4, cy + inner * 0.25),
                QPointF(swatch.right() - 2, cy - inner * 0.25), 0, false, theme, metrics.unit);
            break;
        case Entry::Kind::Tie: {
            QFont bold = metrics.font;
            bold.setBold(true);
            bold.setPixelSize(std::max(6, int(std::lround(inner * 0.55 * 0.68))));
            glyphs::tieBadge(painter, QPointF(swatch.left() + inner * 0.3, cy), inner * 0.55, 1, theme, bold);
            glyphs::tieBadge(painter, QPointF(swatch.left() + inner * 0.95, cy), inner * 0.55, 2, theme, bold);
            break;
        }
        case Entry::Kind::Cursor:
            painter.fillRect(QRectF(std::round(swatch.center().x() - 1.5), std::round(cy - inner / 2), 3, inner), theme.cursor);
            break;
        }
        painter.setPen(theme.foreground);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, entry.label);
    });
    painter.restore();
}

} // namespace ui
