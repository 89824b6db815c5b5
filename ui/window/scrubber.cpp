// SPDX-License-Identifier: MIT
#include "scrubber.h"

#include "narration.h"
#include "playbackcontroller.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ui {

Scrubber::Scrubber(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::ClickFocus); // a click ends editing a run field; it handles no keys itself
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
    setAccessibleName(tr("Step scrubber"));
}

void Scrubber::setRun(RunDataPtr run)
{
    m_run = std::move(run);
    m_position = 0;
    m_instantPositions.clear();
    m_instantTimes.clear();
    m_printPositions.clear();
    if (m_run) {
        for (const sim::Instant& instant : m_run->timeline->instants()) {
            m_instantPositions.push_back(PlaybackController::instantPosition(instant));
            m_instantTimes.push_back(instant.time);
        }
        for (std::uint32_t step : m_run->timeline->printSteps())
            m_printPositions.push_back(std::size_t(step) + 1);
    }
    m_marks = QPixmap();
    update();
}

void Scrubber::setPosition(std::size_t position)
{
    if (position == m_position)
        return;
    m_position = position;
    update();
}

void Scrubber::setTheme(const Theme& theme)
{
    m_theme = theme;
    m_marks = QPixmap();
    update();
}

std::size_t Scrubber::stepCount() const { return m_run ? m_run->index->stepCount() : 0; }

QSize Scrubber::sizeHint() const
{
    const QFontMetrics metrics(font());
    // A row of time labels, the ticks and track, a row of print dots.
    return { metrics.averageCharWidth() * 60, int(metrics.height() * 2.6) };
}

QSize Scrubber::minimumSizeHint() const { return { fontMetrics().averageCharWidth() * 12, sizeHint().height() }; }

QRectF Scrubber::trackRect() const
{
    const QFontMetrics metrics(font());
    const double thickness = std::max(4.0, metrics.height() * 0.28);
    const double margin = metrics.height() * 0.9; // room for the handle and the last label
    const double centerY = metrics.height() * 1.55;
    return { margin, centerY - thickness / 2, std::max(1.0, width() - 2 * margin), thickness };
}

double Scrubber::xOf(std::size_t position) const { return xOnTrack(trackRect(), position); }

double Scrubber::xOnTrack(const QRectF& track, std::size_t position) const
{
    const std::size_t steps = stepCount();
    return steps == 0 ? track.left() : track.left() + track.width() * double(position) / double(steps);
}

std::size_t Scrubber::positionAt(int x) const
{
    const QRectF track = trackRect();
    const std::size_t steps = stepCount();
    if (steps == 0)
        return 0;
    const double fraction = std::clamp((x - track.left()) / track.width(), 0.0, 1.0);
    return std::size_t(std::llround(fraction * double(steps)));
}

void Scrubber::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF track = trackRect();
    const double radius = track.height() / 2;

    painter.setPen(Qt::NoPen);
    painter.setBrush(m_theme.grid);
    painter.drawRoundedRect(track, radius, radius);
    if (!m_run)
        return;

    QRectF done = track;
    done.setRight(xOf(m_position));
    painter.setBrush(m_theme.highlight);
    painter.drawRoundedRect(done, radius, radius);

    // Ticks, labels and dots only change with the run, the size, the theme or the font:
    // draw them once into a cache, so moving the cursor repaints a rectangle and a circle.
    const qreal ratio = devicePixelRatioF();
    if (m_marks.isNull() || m_marks.size() != size() * ratio) {
        m_marks = QPixmap(size() * ratio);
        m_marks.setDevicePixelRatio(ratio);
        m_marks.fill(Qt::transparent);
        QPainter marks(&m_marks);
        marks.setRenderHint(QPainter::Antialiasing);
        paintMarks(marks);
    }
    painter.drawPixmap(0, 0, m_marks);

    // The handle, in the timeline cursor's colour.
    const double handleRadius = radius * 2.4;
    painter.setPen(QPen(m_theme.background, 2));
    painter.setBrush(m_theme.cursor);
    painter.drawEllipse(QPointF(xOf(m_position), track.center().y()), handleRadius, handleRadius);
}

void Scrubber::paintMarks(QPainter& painter) const
{
    const QFontMetrics metrics(font());
    const QRectF track = trackRect();

    // Instants: a tick rising above the track, and the time where the previous label
    // leaves room. Ticks closer than a pixel are drawn once (a long run has thousands), and
    // a label is only formatted where it could fit.
    const double tickTop = track.top() - metrics.height() * 0.45;
    const double labelBaseline = tickTop - metrics.descent() - 2;
    const double gap = metrics.averageCharWidth();
    double lastTickX = -1;
    double labelsEnd = -1e9;
    painter.setFont(font());
    painter.setPen(QPen(m_theme.mutedText, 1.5));
    for (std::size_t i = 0; i < m_instantPositions.size(); ++i) {
        const double x = std::round(xOnTrack(track, m_instantPositions[i])) + 0.5;
        if (x == lastTickX)
            continue;
        lastTickX = x;
        painter.drawLine(QPointF(x, tickTop), QPointF(x, track.bottom()));
        if (x - gap < labelsEnd + gap)
            continue;
        const QString label = QStringLiteral("%1 s").arg(QString::fromStdString(sim::formatSeconds(m_instantTimes[i])));
        const double labelWidth = metrics.horizontalAdvance(label);
        const double labelLeft = std::clamp(x - labelWidth / 2, 0.0, width() - labelWidth);
        if (labelLeft > labelsEnd + gap) {
            painter.drawText(QPointF(labelLeft, labelBaseline), label);
            labelsEnd = labelLeft + labelWidth;
        }
    }

    // Prints: a dot under the track.
    const double dotRadius = std::max(2.0, metrics.height() * 0.11);
    const double dotY = track.bottom() + dotRadius * 2.6;
    painter.setPen(Qt::NoPen);
    painter.setBrush(m_theme.foreground);
    double lastDotX = -1;
    for (std::size_t position : m_printPositions) {
        const double x = std::round(xOnTrack(track, position));
        if (x == lastDotX)
            continue;
        lastDotX = x;
        painter.drawEllipse(QPointF(x, dotY), dotRadius, dotRadius);
    }
    paintBookmarks(painter, track);
}

void Scrubber::setBookmarks(std::vector<std::size_t> positions)
{
    m_bookmarks = std::move(positions);
    m_marks = QPixmap();
    update();
}

void Scrubber::paintBookmarks(QPainter& painter, const QRectF& track) const
{
    // A flag: a staff from the track up past the instant ticks and a pennant on it, in the
    // tie marks' accent, so it reads apart from ticks (lines) and prints (dots).
    const double height = QFontMetrics(font()).height();
    const double top = track.top() - height * 0.85;
    const double pennant = height * 0.4;
    for (std::size_t position : m_bookmarks) {
        if (position > stepCount())
            continue; // checkBookmarks names it; nothing to point at
        const double x = std::round(xOnTrack(track, position)) + 0.5;
        painter.setPen(QPen(m_theme.tieMark, 2));
        painter.drawLine(QPointF(x, top), QPointF(x, track.bottom()));
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_theme.tieMark);
        painter.drawPolygon(QPolygonF({ QPointF(x, top), QPointF(x + pennant * 1.3, top + pennant / 2), QPointF(x, top + pennant) }));
    }
}

void Scrubber::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        m_marks = QPixmap();
    QWidget::changeEvent(event);
}

void Scrubber::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_run)
        emit positionRequested(positionAt(qRound(event->position().x())));
}

void Scrubber::mouseMoveEvent(QMouseEvent* event)
{
    if ((event->buttons() & Qt::LeftButton) && m_run)
        emit positionRequested(positionAt(qRound(event->position().x())));
}

bool Scrubber::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_run) {
        auto* help = static_cast<QHelpEvent*>(event);
        const std::size_t position = positionAt(help->pos().x());
        const double time = m_run->index->stateAt(position).now;
        QToolTip::showText(help->globalPos(),
            tr("Step %1 of %2 \u00b7 t = %3 s\nTicks: a new moment of virtual time. Dots: a line was printed.")
                .arg(position)
                .arg(stepCount())
                .arg(QString::fromStdString(sim::formatSeconds(time))),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace ui
