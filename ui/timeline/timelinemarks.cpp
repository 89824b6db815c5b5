// SPDX-License-Identifier: MIT
#include "timelinemarks.h"

#include "lineclip.h"

#include "timelineglyphs.h"
#include "timelinepainter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ui {

namespace {
    QString tr(const char* text)
    {
        return QCoreApplication::translate("ui::TimelinePainter", text);
    }

}

TimelineMarks::TimelineMarks(const RunData& run, const std::vector<int>& rowAll, const std::vector<int>& rowPublic)
    : m_timeline(run.timeline.get())
    , m_arrows(*run.timeline)
{
    // Each tie's members by row, for paintTies.
    const auto& steps = run.index->steps();
    m_tieRowsAll = membersByRow(m_timeline->ties(), steps, rowAll);
    m_tieRowsPublic = membersByRow(m_timeline->ties(), steps, rowPublic);
}

std::vector<std::vector<TimelineMarks::TieMember>> TimelineMarks::membersByRow(
    const std::vector<sim::TimerTie>& ties, const std::vector<sim::StepInfo>& steps, const std::vector<int>& rowOfTask)
{
    // One counting sort by row over every tie's members at once: a large run has ties of
    // thousands of timers (asyncq -p 30000 -c 60000: 327,759 members in 84 ties).
    auto rowOf = [&](std::uint32_t step) {
        const sim::TaskId task = steps[step].task;
        return task < rowOfTask.size() ? rowOfTask[task] : -1;
    };
    std::vector<std::uint32_t> start(rowOfTask.size() + 1, 0);
    std::vector<std::vector<TieMember>> byTie(ties.size());
    for (std::size_t t = 0; t < ties.size(); ++t) {
        std::size_t members = 0;
        for (std::uint32_t step : ties[t].steps) {
            if (const int row = rowOf(step); row >= 0) {
                ++start[std::size_t(row) + 1];
                ++members;
            }
        }
        byTie[t].reserve(members);
    }
    for (std::size_t row = 0; row < rowOfTask.size(); ++row)
        start[row + 1] += start[row];
    struct Member {
        std::uint32_t tie, order;
    };
    std::vector<Member> sorted(start.back());
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t t = 0; t < ties.size(); ++t) {
        for (std::uint32_t k = 0; k < ties[t].steps.size(); ++k) {
            if (const int row = rowOf(ties[t].steps[k]); row >= 0)
                sorted[fill[std::size_t(row)]++] = { std::uint32_t(t), k };
        }
    }
    for (std::size_t row = 0; row < rowOfTask.size(); ++row) {
        for (std::uint32_t i = start[row]; i < start[row + 1]; ++i)
            byTie[sorted[i].tie].push_back({ int(row), sorted[i].order });
    }
    return byTie;
}

void TimelineMarks::paintArrows(QPainter& painter, const MarksView& v) const
{
    const TimelineLayout& layout = v.layout;
    const auto& arrows = m_timeline->arrows();
    if (arrows.empty() || layout.firstRow >= layout.endRow)
        return;
    // Count first (binary searches only): more arrows than a reader can follow would cost
    // time and show nothing but a tangle, so then they are left out with a note.
    std::size_t total = 0;
    for (int row = layout.firstRow; row < layout.endRow; ++row)
        total += m_arrows.count(v.rows[std::size_t(row)], v.firstStep, v.lastStep);
    // Each arrow is counted at both its ends when both lanes are in view: asyncq -p 5 -c 10
    // (76 arrows) shows all of them at fit.
    const std::size_t limit = std::size_t(std::max(200.0, layout.lanes.width() / 8));
    const Theme& theme = v.viewport.theme;
    if (total > limit) {
        painter.save();
        painter.setFont(layout.smallFont);
        const QString note = tr("Zoom in to see the wake-up arrows");
        const QFontMetricsF metrics(layout.smallFont);
        const double width = metrics.horizontalAdvance(note) + layout.fontPixels;
        const QRectF box(layout.lanes.right() - width - layout.fontPixels * 0.5, layout.lanes.top() + layout.fontPixels * 0.3,
            width, metrics.height() + 4);
        QColor pill = theme.background;
        pill.setAlphaF(0.9);
        painter.fillRect(box, pill);
        painter.setPen(theme.mutedText);
        painter.drawText(box, Qt::AlignCenter, note);
        painter.restore();
        return;
    }
    std::vector<std::uint32_t> ids;
    for (int row = layout.firstRow; row < layout.endRow; ++row)
        m_arrows.collect(v.rows[std::size_t(row)], v.firstStep, v.lastStep, ids);
    std::ranges::sort(ids);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // A halo keeps a few arrows readable over the bars; with many, it would double the
    // cost of the most expensive thing on screen, and they read as a flow anyway.
    const bool halo = ids.size() <= 80;

    const TimelineCoordinates& c = layout.coordinates;
    // QSvgGenerator writes no clipping: in an SVG an arrow leaving the lanes would cross
    // the names or the ruler, so there only arrows with both ends in view are drawn.
    const bool unclipped = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::SVG;
    const QRectF inside = layout.lanes.adjusted(-1, -1, 1, 1);
    const double margin = layout.lanes.width(); // keeps far-off ends finite but the slope right
    for (std::uint32_t id : ids) {
        const sim::WakeArrow& arrow = arrows[id];
        if (arrow.toStep >= v.upToPosition)
            continue;
        const int from = v.rowOf(arrow.fromTask), to = v.rowOf(arrow.toTask);
        if (from < 0 || to < 0)
            continue;
        const double xf = c.clampedX((v.map.stepStart(arrow.fromStep) + v.map.stepEnd(arrow.fromStep)) / 2, margin);
        const double xt = c.clampedX(v.map.stepStart(arrow.toStep), margin);
        // Ends in lanes off screen are pulled in to two lanes beyond the edge: the arrow
        // still leaves the view in the right direction, and the rasterizer does not stroke
        // (twice, antialiased) a curve thousands of pixels long that the clip throws away.
        const double yMin = layout.lanes.top() - 2 * layout.laneHeight;
        const double yMax = layout.lanes.bottom() + 2 * layout.laneHeight;
        const double yf = std::clamp(layout.rowTop(from, v.viewport.scrollY) + layout.laneHeight / 2, yMin, yMax);
        const double yt = std::clamp(layout.rowTop(to, v.viewport.scrollY) + layout.laneHeight / 2, yMin, yMax);
        const bool timer = arrow.cause == sim::CauseKind::Timer;
        if (unclipped && !(inside.contains(QPointF(xf, yf)) && inside.contains(QPointF(xt, yt))))
            continue;
        if (from == to) {
            const double y = yt - layout.laneHeight * 0.18;
            glyphs::wakeArrow(painter, QPointF(xf, y), QPointF(xt, y), layout.laneHeight * 0.45, timer, theme,
                layout.fontPixels, halo);
        } else {
            glyphs::wakeArrow(painter, QPointF(xf, yf), QPointF(xt, yt), 0, timer, theme, layout.fontPixels, halo);
        }
    }
}

void TimelineMarks::paintTies(QPainter& painter, const MarksView& v) const
{
    const auto& ties = m_timeline->ties();
    if (ties.empty())
        return;
    const TimelineLayout& layout = v.layout;
    const auto lo = std::ranges::partition_point(ties, [&](const sim::TimerTie& t) { return t.steps.back() < v.firstStep; });
    const auto hi = std::ranges::partition_point(ties, [&](const sim::TimerTie& t) { return t.steps.front() <= v.lastStep; });
    if (hi <= lo || double(hi - lo) > layout.lanes.width() / 8)
        return;
    const Theme& theme = v.viewport.theme;
    const double size = std::round(layout.laneHeight * 0.5);
    const auto& tieRows = v.viewport.showInternalTasks ? m_tieRowsAll : m_tieRowsPublic;
    const double yMin = layout.lanes.top() - layout.laneHeight, yMax = layout.lanes.bottom() + layout.laneHeight;
    // Per visible row, where its last badge went: badges closer than their own size would
    // cover each other (many ties squeezed into a few pixels at a low zoom), so only the
    // first one is drawn.
    std::vector<double> lastBadge(std::size_t(std::max(0, layout.endRow - layout.firstRow)), -1e300);
    const bool compact = hi - lo > 24;
    const double mark = std::max(4.0, std::round(size * 0.5));
    QFont badgeFont = layout.smallFont;
    badgeFont.setBold(true);
    badgeFont.setPixelSize(std::max(6, int(std::lround(size * 0.68))));
    for (auto tie = lo; tie != hi; ++tie) {
        // A tie can hold a hundred thousand timers (chained with many chains): only the
        // members in the rows on screen (and their neighbours, for the connecting line) are
        // looked at, through the tie's members sorted by row.
        const auto& members = tieRows[std::size_t(tie - ties.begin())];
        auto first = std::ranges::lower_bound(members, layout.firstRow, {}, &TieMember::row);
        auto last = std::ranges::lower_bound(members, layout.endRow, {}, &TieMember::row);
        if (first != members.begin())
            --first;
        if (last != members.end())
            ++last;
        QPolygonF line;
        std::vector<std::pair<QPointF, int>> badges;
        for (auto m = first; m != last; ++m) {
            const std::uint32_t s = tie->steps[m->order];
            if (s >= v.upToPosition)
                continue;
            const double x = layout.coordinates.clampedX((v.map.stepStart(s) + v.map.stepEnd(s)) / 2, layout.lanes.width());
            const double y = layout.rowTop(m->row, v.viewport.scrollY) + layout.laneHeight / 2;
            line << QPointF(x, std::clamp(y, yMin, yMax)); // see paintArrows: far ends pulled in
            if (m->row >= layout.firstRow && m->row < layout.endRow) {
                double& last = lastBadge[std::size_t(m->row - layout.firstRow)];
                if (std::abs(x - last) >= size) {
                    badges.emplace_back(QPointF(x, y), int(m->order) + 1);
                    last = x;
                }
            }
        }
        if (badges.empty())
            continue;
        if (line.size() >= 2) {
            // Clipped to the lanes by hand: QPainter strokes a line's whole length, even the
            // part its clip throws away, and these reach lanes far off screen.
            std::vector<QLineF> pieces;
            const QRectF box = layout.lanes.adjusted(-2, -2, 2, 2);
            for (qsizetype i = 0; i + 1 < line.size(); ++i) {
                if (auto piece = clipLineToRect(QLineF(line[i], line[i + 1]), box))
                    pieces.push_back(*piece);
            }
            painter.save();
            painter.setRenderHint(QPainter::Antialiasing, true);
            // Solid and faint, and opaque (blending is what costs on a raster): dashes would
            // be computed along the whole clipped length.
            const QColor& a = theme.tieMark;
            const QColor& b = theme.background;
            const QColor faint = QColor::fromRgbF(0.4f * a.redF() + 0.6f * b.redF(), 0.4f * a.greenF() + 0.6f * b.greenF(),
                0.4f * a.blueF() + 0.6f * b.blueF());
            painter.setPen(QPen(faint, std::max(1.0, layout.fontPixels * 0.07)));
            painter.drawLines(pieces.data(), int(pieces.size()));
            painter.restore();
        }
        for (const auto& [centre, order] : badges) {
            if (compact) // many ties in view: a plain mark each, numbers once zoomed in
                painter.fillRect(QRectF(std::round(centre.x() - mark / 2), std::round(centre.y() - mark / 2), mark, mark),
                    theme.tieMark);
            else
                glyphs::tieBadge(painter, centre, size, order, theme, badgeFont);
        }
    }
}

} // namespace ui
