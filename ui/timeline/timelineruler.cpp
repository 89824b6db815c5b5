// SPDX-License-Identifier: MIT
#include "timelineruler.h"

#include "timelineformat.h"
#include "timelinepainter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>
#include <vector>

namespace ui {

namespace {
    QString tr(const char* text)
    {
        // The painter measures "virtual time" for the corner's width: one context for both.
        return QCoreApplication::translate("ui::TimelinePainter", text);
    }

    // Labels placed so far on one row, left to right, to keep later ones off them.
    class LabelRow {
    public:
        explicit LabelRow(double gap)
            : m_gap(gap)
        {
        }
        bool fits(double left, double right) const
        {
            const auto it = std::ranges::lower_bound(m_spans, left, {}, &Span::right);
            if (it != m_spans.end() && it->left < right + m_gap)
                return false;
            if (it != m_spans.begin() && std::prev(it)->right + m_gap > left)
                return false;
            return true;
        }
        void add(double left, double right, const QString& text)
        {
            const auto it = std::ranges::lower_bound(m_spans, left, {}, &Span::left);
            m_spans.insert(it, Span {left, right, text});
        }
        // The labels, for TimelineRuler::paint's caller.
        void appendTo(RulerLabels* labels) const
        {
            if (labels) {
                for (const Span& span : m_spans)
                    labels->push_back({span.left, span.right, span.text});
            }
        }

    private:
        struct Span {
            double left, right;
            QString text;
        };
        std::vector<Span> m_spans;
        double m_gap;
    };

    using Rows = TimelineRuler::Rows;

    // Where the ruler stops: the cut-off's step, or past the run.
    std::size_t endStepOf(const TimelineViewport& viewport, const TimelineAxisMap& map)
    {
        return std::min(viewport.cutOff().value_or(map.stepCount()), map.stepCount());
    }

    void drawCorner(QPainter& painter, const TimelineLayout& layout, const Rows& rows, const TimelineViewport& viewport,
        const QString& upper, const QString& lower)
    {
        const double pad = layout.fontPixels * 0.7;
        painter.setFont(layout.smallFont);
        painter.setPen(viewport.theme.mutedText);
        const QRectF top(layout.corner.left() + pad, rows.top.top(), layout.corner.width() - 2 * pad, rows.top.height());
        const QRectF bottom(top.left(), rows.bottom.top(), top.width(), rows.bottom.height());
        painter.drawText(top, Qt::AlignLeft | Qt::AlignVCenter, upper);
        painter.drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter, lower);
    }

    void paintTimeAxis(QPainter& painter, const TimelineLayout& layout, const Rows& rows, const TimelineViewport& viewport,
        const TimelineAxisMap& map, const sim::Timeline& timeline, RulerLabels* topLabels)
    {
        const Theme& theme = viewport.theme;
        const TimelineCoordinates& c = layout.coordinates;
        const QFontMetricsF metrics(layout.smallFont);
        const double pad = layout.fontPixels * 0.25;
        const double bandHeight = std::round(rows.bottom.height() * 0.45);
        const double bandTop = rows.bottom.bottom() - bandHeight - std::round(layout.fontPixels * 0.2);
        const std::size_t endStep = endStepOf(viewport, map);
        LabelRow labels(layout.fontPixels * 0.8);

        // Instants: a band each (its steps side by side; on the time axis, where they take
        // no room, a mark), labelled with its time.
        painter.setFont(layout.smallFont);
        const double stepPixels = map.stepWidth() * c.scale();
        const double markWidth = map.isProportional() ? std::max(2.0, std::round(layout.fontPixels * 0.15)) : 1.0;
        TimelineRuler::forEachVisibleInstant(c, map, timeline, 2.0, [&](std::size_t i, double x0, double x1) {
            const QRectF band(std::round(x0 - (markWidth - 1) / 2), bandTop, std::max(markWidth, x1 - x0), bandHeight);
            painter.fillRect(band, theme.grid);
            const QString text = formatSeconds(timeline.instants()[i].time);
            const double width = metrics.horizontalAdvance(text);
            // A band that started off screen keeps its label at the left edge.
            double left = std::max(x0, layout.ruler.left() + pad);
            if (left > x0 && left + width > x1)
                left = x0;
            // One at the right edge stays whole, moved left ("8 s" showed as "8").
            left = std::max(std::min(left, layout.ruler.right() - width - 1), layout.ruler.left());
            if (labels.fits(left, left + width)) {
                painter.setPen(theme.foreground);
                painter.drawText(QRectF(left, rows.top.top(), width + 2, rows.top.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    text);
                painter.fillRect(QRectF(x0, rows.top.bottom() - 2, 1, bandTop - rows.top.bottom() + 2), theme.mutedText);
                labels.add(left, left + width, text);
            }
        }, endStep);
        // Steps inside the bands, once they are wide enough to see: a notch per step.
        if (stepPixels >= 6) {
            const std::size_t first = map.firstStepEndingAfter(c.rangeStart);
            const std::size_t last = std::min({map.firstStepEndingAfter(c.rangeEnd) + 1, map.stepCount(), endStep});
            for (std::size_t s = first; s < last; ++s) {
                const double x = std::round(c.x(map.stepStart(s)));
                painter.fillRect(QRectF(x, bandTop, 1, bandHeight), theme.background);
            }
        }

        // Round times between instants, where there is room (up to the cut-off's time).
        const double pixelsPerSecond = c.scale(); // between instants one unit is one second
        const double t0 = map.timeAt(c.rangeStart);
        double t1 = map.timeAt(c.rangeEnd);
        if (endStep < map.stepCount())
            t1 = std::min(t1, endStep == 0 ? -1.0 : map.stepTime(endStep - 1));
        if (pixelsPerSecond > 0 && t1 > t0) {
            const double step = niceStep(layout.fontPixels * 4.5 / pixelsPerSecond);
            const auto& instants = timeline.instants();
            const double origin = instants.empty() ? 0 : instants.front().time;
            const double kEnd = std::floor(t1 / step);
            for (double k = std::ceil(t0 / step); k <= kEnd && k - std::ceil(t0 / step) < 2000; ++k) {
                const double t = k * step;
                const auto at = std::ranges::lower_bound(instants, origin + t - 1e-9, {}, &sim::Instant::time);
                if (at != instants.end() && std::abs(at->time - origin - t) < 1e-9)
                    continue; // an instant: labelled above
                const double x = c.x(map.unitAtTime(t));
                painter.fillRect(QRectF(std::round(x), bandTop - layout.fontPixels * 0.25, 1, layout.fontPixels * 0.25),
                    theme.mutedText);
                const QString text = formatSeconds(t);
                const double width = metrics.horizontalAdvance(text);
                const double left = std::clamp(x - width / 2, layout.ruler.left(), layout.ruler.right() - width - 1);
                if (labels.fits(left, left + width)) {
                    painter.setPen(theme.mutedText);
                    painter.drawText(QRectF(left - 1, rows.top.top(), width + 2, rows.top.height()), Qt::AlignCenter, text);
                    labels.add(left, left + width, text);
                }
            }
        }
        labels.appendTo(topLabels);
    }

    void paintStepAxis(QPainter& painter, const TimelineLayout& layout, const Rows& rows, const TimelineViewport& viewport,
        const TimelineAxisMap& map, const sim::Timeline& timeline, RulerLabels* topLabels)
    {
        const Theme& theme = viewport.theme;
        const TimelineCoordinates& c = layout.coordinates;
        const QFontMetricsF metrics(layout.smallFont);
        const double pad = layout.fontPixels * 0.25;
        const double scale = c.scale();
        const std::size_t endStep = endStepOf(viewport, map);
        painter.setFont(layout.smallFont);

        // Step numbers (positions) at round intervals, up to the cut-off.
        if (scale > 0) {
            const double step = std::max(1.0, niceStep(layout.fontPixels * 4.0 / scale));
            LabelRow labels(layout.fontPixels * 0.6);
            const double kFirst = std::ceil(c.rangeStart / step);
            const double kEnd = std::floor(std::min(c.rangeEnd, double(endStep)) / step);
            for (double k = kFirst; k <= kEnd && k - kFirst < 2000; ++k) {
                const double x = c.x(k * step);
                painter.fillRect(QRectF(std::round(x), rows.top.bottom() - 3, 1, 4), theme.mutedText);
                const QString text = QString::number(qint64(k * step));
                const double width = metrics.horizontalAdvance(text);
                const double left = std::clamp(x - width / 2, layout.ruler.left() + 1, layout.ruler.right() - width - 1);
                if (labels.fits(left, left + width)) {
                    painter.setPen(theme.foreground);
                    painter.drawText(QRectF(left - 1, rows.top.top(), width + 2, rows.top.height() - 3), Qt::AlignCenter, text);
                    labels.add(left, left + width, text);
                }
            }
            labels.appendTo(topLabels);
            // One notch per step when steps are wide enough to tell apart.
            if (scale >= 6) {
                const std::size_t first = map.firstStepEndingAfter(c.rangeStart);
                const std::size_t last = std::min({map.firstStepEndingAfter(c.rangeEnd) + 1, map.stepCount(), endStep});
                for (std::size_t s = first; s <= last; ++s)
                    painter.fillRect(QRectF(std::round(c.x(double(s))), rows.bottom.bottom() - 4, 1, 4), theme.grid);
            }
        }

        // The clock: "t = 4 s" where each instant begins. Every instant gets a tick; the
        // labels that fit go on top, on the ruler's background so no tick runs through them.
        LabelRow times(layout.fontPixels * 0.8);
        struct Placed {
            double left, width;
            std::size_t instant;
        };
        std::vector<Placed> placed;
        TimelineRuler::forEachVisibleInstant(c, map, timeline, 3.0, [&](std::size_t i, double x0, double x1) {
            painter.fillRect(QRectF(std::round(x0), rows.bottom.top() + 2, 1, rows.bottom.height() - 2), theme.mutedText);
            const double width = metrics.horizontalAdvance(formatTime(timeline.instants()[i].time));
            double left = std::max(x0 + pad, layout.ruler.left() + pad);
            if (left > x0 + pad && left + width > x1)
                left = x0 + pad;
            if (times.fits(left, left + width)) {
                placed.push_back({left, width, i});
                times.add(left, left + width, {});
            }
        }, endStep);
        painter.setPen(theme.mutedText);
        for (const Placed& label : placed) {
            const QRectF box(label.left - 2, rows.bottom.top() + 2, label.width + 4, rows.bottom.height() - 3);
            painter.fillRect(box, theme.background);
            painter.drawText(box, Qt::AlignCenter, formatTime(timeline.instants()[label.instant].time));
        }
    }
}

TimelineRuler::Rows TimelineRuler::rows(const TimelineLayout& layout)
{
    if (layout.ruler.isEmpty())
        return {};
    const QRectF whole = layout.corner.united(layout.ruler);
    const double split = std::round(whole.top() + whole.height() * 0.52);
    return {QRectF(whole.left(), whole.top(), whole.width(), split - whole.top()),
        QRectF(whole.left(), split, whole.width(), whole.bottom() - split)};
}

void TimelineRuler::paint(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport,
    const TimelineAxisMap& map, const sim::Timeline& timeline, RulerLabels* topLabels)
{
    if (layout.ruler.isEmpty())
        return;
    const Theme& theme = viewport.theme;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QRectF whole = layout.corner.united(layout.ruler);
    painter.fillRect(whole, theme.background);
    const Rows rows = TimelineRuler::rows(layout);
    if (map.isTime())
        drawCorner(painter, layout, rows, viewport, tr("virtual time"), tr("steps"));
    else
        drawCorner(painter, layout, rows, viewport, tr("step"), tr("virtual time"));

    painter.setClipRect(layout.ruler);
    if (map.isTime())
        paintTimeAxis(painter, layout, rows, viewport, map, timeline, topLabels);
    else
        paintStepAxis(painter, layout, rows, viewport, map, timeline, topLabels);
    painter.setClipping(false);
    painter.fillRect(QRectF(whole.left(), whole.bottom() - 1, whole.width(), 1), theme.grid);
    painter.restore();
}

} // namespace ui
