// SPDX-License-Identifier: MIT
#include "timelinelens.h"

#include "plural.h"
#include "timelinepainter.h"
#include "timelineruler.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    QString tr(const char* text) { return QCoreApplication::translate("ui::TimelineLens", text); }
}

TimelineLens TimelineLens::of(const TimelineLayout& layout, const TimelineViewport& viewport,
    const TimelineAxisMap& map, const sim::Timeline& timeline)
{
    TimelineLens lens;
    const std::size_t steps = map.stepCount();
    const std::size_t cursor = std::min(viewport.cursor, steps);
    const auto& instants = timeline.instants();
    if (!map.isProportional() || !viewport.showCursor || layout.ruler.isEmpty() || cursor == 0 || instants.empty())
        return lens;
    const double x = std::round(layout.coordinates.x(map.positionUnit(cursor)));
    if (x < layout.lanes.left() - 2 || x > layout.lanes.right() + 2)
        return lens; // the cursor is scrolled out of view: nothing to point at

    // The instant of the step that just ran.
    lens.m_current = cursor - 1;
    const auto it = std::ranges::upper_bound(instants, std::uint32_t(lens.m_current), {}, &sim::Instant::firstStep);
    const std::size_t index = std::size_t(it - instants.begin()) - 1;
    lens.m_instantFirst = instants[index].firstStep;
    const std::size_t instantEnd = index + 1 < instants.size() ? instants[index + 1].firstStep : steps;
    const auto cut = viewport.cutOff();
    if (cut && lens.m_current >= *cut)
        return {}; // the cursor past the cut-off (an export drawn up to an earlier step)
    lens.m_instantEnd = cut ? std::min(instantEnd, *cut) : instantEnd;
    const std::size_t count = lens.m_instantEnd - lens.m_instantFirst;
    const std::size_t nth = lens.m_current - lens.m_instantFirst + 1;
    // Counted within the instant ("3 of 7 steps"), not the run ("step 27 / 48" above).
    lens.m_text = !cut ? counted(qint64(count), tr("%1 of %L2 step").arg(nth), tr("%1 of %L2 steps").arg(nth))
        : nth == 1     ? tr("1 step so far")
                       : tr("%1 steps so far").arg(nth);

    const TimelineRuler::Rows rows = TimelineRuler::rows(layout);
    const QFontMetricsF metrics(layout.smallFont);
    const double pad = std::round(layout.fontPixels * 0.3);
    const double textWidth = std::ceil(metrics.horizontalAdvance(lens.m_text));
    lens.m_pitch = std::round(layout.fontPixels * 0.9);
    // At most half the ruler's width of cells; the rest of an instant is reached by scrolling
    // the cells with the cursor (stepping) or by the cells at the ends.
    const double room = layout.ruler.width() * 0.5 - textWidth - 2 * pad;
    const auto fit = std::size_t(std::max(3.0, std::floor(room / lens.m_pitch)));
    lens.m_first = lens.m_instantFirst;
    lens.m_end = lens.m_instantEnd;
    if (count > fit) {
        // One cell's room each side for the "…" of a cut end.
        const std::size_t shown = fit - 2;
        lens.m_first = std::clamp(
            lens.m_current - std::min(lens.m_current, shown / 2), lens.m_instantFirst, lens.m_instantEnd - shown);
        lens.m_end = lens.m_first + shown;
        lens.m_cutBefore = lens.m_first > lens.m_instantFirst;
        lens.m_cutAfter = lens.m_end < lens.m_instantEnd;
    }
    const double ends = (lens.m_cutBefore ? lens.m_pitch : 0) + (lens.m_cutAfter ? lens.m_pitch : 0);
    const double cellsWidth = double(lens.m_end - lens.m_first) * lens.m_pitch;
    const double width = pad + ends + cellsWidth + pad + textWidth + pad;
    const double height = std::max(6.0, rows.bottom.height() - 4);
    // Centred on the cursor's cell, kept inside the ruler.
    const double currentCentre
        = pad + (lens.m_cutBefore ? lens.m_pitch : 0) + (double(lens.m_current - lens.m_first) + 0.5) * lens.m_pitch;
    const double left = std::clamp(x - currentCentre, layout.ruler.left() + 1, layout.ruler.right() - width - 1);
    lens.m_box = QRectF(std::round(left), rows.bottom.top() + 2, std::ceil(width), height);
    lens.m_cells = QRectF(
        lens.m_box.left() + pad + (lens.m_cutBefore ? lens.m_pitch : 0), lens.m_box.top() + 3, cellsWidth, height - 6);
    return lens;
}

QRectF TimelineLens::cell(std::size_t step) const
{
    if (isEmpty() || step < m_first || step >= m_end)
        return {};
    const double gap = std::max(2.0, std::round(m_pitch * 0.15));
    return QRectF(m_cells.left() + double(step - m_first) * m_pitch, m_cells.top(), m_pitch - gap, m_cells.height());
}

std::optional<std::size_t> TimelineLens::stepAt(QPointF point) const
{
    if (isEmpty() || !m_cells.contains(point) || !(m_pitch > 0))
        return std::nullopt;
    const auto step = m_first + std::size_t((point.x() - m_cells.left()) / m_pitch);
    return step < m_end ? std::optional(step) : std::nullopt;
}

void TimelineLens::paint(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport) const
{
    if (isEmpty())
        return;
    const Theme& theme = viewport.theme;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(theme.mutedText, 1));
    painter.setBrush(theme.background);
    const double radius = std::round(m_box.height() * 0.25);
    painter.drawRoundedRect(m_box.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (std::size_t step = m_first; step < m_end; ++step) {
        const QColor& fill = step == m_current ? theme.cursor
            : step < m_current                 ? theme.style(sim::TaskState::Running).fill
                                               : theme.grid;
        painter.fillRect(cell(step), fill);
    }
    painter.setFont(layout.smallFont);
    painter.setPen(theme.mutedText);
    if (m_cutBefore)
        painter.drawText(QRectF(m_cells.left() - m_pitch, m_box.top(), m_pitch, m_box.height()), Qt::AlignCenter,
            QStringLiteral("\u2026"));
    if (m_cutAfter)
        painter.drawText(
            QRectF(m_cells.right(), m_box.top(), m_pitch, m_box.height()), Qt::AlignCenter, QStringLiteral("\u2026"));
    const double textLeft = m_cells.right() + (m_cutAfter ? m_pitch : 0) + std::round(layout.fontPixels * 0.3);
    painter.setPen(theme.foreground);
    painter.drawText(QRectF(textLeft, m_box.top(), m_box.right() - textLeft, m_box.height()),
        Qt::AlignLeft | Qt::AlignVCenter, m_text);
    painter.restore();
}

} // namespace ui
