// SPDX-License-Identifier: MIT
#include "timelinewidget.h"

#include "timelineformat.h"
#include "timelinetooltip.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace ui {

namespace {
    // The horizontal scroll bar works in integers: the run's axis is spread over this many.
    constexpr double scrollResolution = 1'000'000'000.0;
    constexpr double zoomStep = 1.5;
}

TimelineWidget::TimelineWidget(QWidget* parent)
    : QWidget(parent)
    , m_ownView(new TimelineView(this))
    , m_view(nullptr)
    , m_horizontal(new QScrollBar(Qt::Horizontal, this))
    , m_vertical(new QScrollBar(Qt::Vertical, this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Timeline"));
    setAccessibleDescription(tr("One lane per task; Ctrl+wheel or + and - zoom, 0 fits the run, click moves the cursor"));
    m_vertical->hide();
    m_horizontal->setEnabled(false);
    connect(m_horizontal, &QScrollBar::valueChanged, this, [this](int value) {
        if (m_syncingBars)
            return;
        const double start = double(value) / scrollResolution * extent();
        setRange({start, start + m_range.width()});
    });
    connect(m_vertical, &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_syncingBars)
            setScrollY(value);
    });
    setView(nullptr);
}

TimelineWidget::~TimelineWidget()
{
    if (m_view != m_ownView)
        m_view->detach(&m_painter);
}

void TimelineWidget::setView(TimelineView* view)
{
    view = view ? view : m_ownView;
    if (view == m_view)
        return;
    if (m_view) {
        m_view->disconnect(this);
        m_view->detach(&m_painter);
    }
    m_view = view;
    connect(m_view, &TimelineView::axisChanged, this, [this] {
        m_hoverRow = -1;
        invalidate();
    });
    connect(m_view, &TimelineView::runsAligned, this, &TimelineWidget::invalidate);
    connect(m_view, &TimelineView::rangeChanged, this, &TimelineWidget::followView);
    // A shared view deleted first (a window deletes its children in order) leaves the
    // widget its own view; the dying view is not touched again.
    if (m_view != m_ownView)
        connect(m_view, &QObject::destroyed, this, [this] {
            m_view = nullptr;
            setView(nullptr);
        });
    m_view->attach(&m_painter);
    invalidate();
    followView();
}

void TimelineWidget::followView()
{
    const std::optional<VisibleRange>& shared = m_view->range();
    m_range = shared.value_or(VisibleRange { 0, extent() });
    updateScrollBars();
    update();
}

void TimelineWidget::setRun(RunDataPtr run) { setRun(TimelinePainter(std::move(run))); }

void TimelineWidget::setRun(TimelinePainter painter)
{
    m_painter = std::move(painter);
    m_position = std::min(m_position, map().stepCount());
    m_scrollY = 0;
    m_hoverRow = -1;
    invalidate();
    if (m_view == m_ownView)
        m_view->fit();
    m_view->runsChanged();
    followView();
}

void TimelineWidget::setPosition(std::size_t position)
{
    position = std::min(position, map().stepCount());
    if (position == m_position)
        return;
    const bool forward = position > m_position;
    m_position = position;
    if (m_hideFuture) {
        m_hoverRow = -1;
        updateScrollBars(); // lanes appear as their tasks are created
    }
    // Off screen: bring it back with room ahead in the direction it moves, so that playing
    // turns pages instead of scrolling a little at every step.
    const double unit = map().positionUnit(position);
    if (m_revealsCursor && (unit < m_range.start || unit > m_range.end)) {
        const double w = m_range.width();
        setRange({unit - (forward ? 0.15 : 0.85) * w, unit + (forward ? 0.85 : 0.15) * w});
    }
    revealSteppedLane();
    update();
}

void TimelineWidget::revealSteppedLane()
{
    // The lane of the task whose step just ran (the one marked by its name), scrolled into
    // view when it is not: with 15 lanes on a projector, the step the narration talks about
    // must not happen off screen. Centred, so that the next few steps' lanes likely show too.
    const RunDataPtr& run = m_painter.run();
    if (!run || m_position == 0 || m_position > run->index->stepCount())
        return;
    setScrollY(m_painter.scrollRevealing(currentLayout(), viewport(), run->index->steps()[m_position - 1].task));
}

void TimelineWidget::setTheme(const Theme& theme)
{
    m_theme = theme;
    invalidate();
    update();
}

void TimelineWidget::setTextScale(double scale)
{
    scale = std::clamp(scale, 0.4, 6.0);
    if (scale == m_textScale)
        return;
    m_textScale = scale;
    invalidate();
    updateScrollBars();
    update();
}

void TimelineWidget::setShowInternalTasks(bool show)
{
    if (show == m_showInternal)
        return;
    m_showInternal = show;
    m_hoverRow = -1;
    invalidate();
    updateScrollBars();
    update();
}

void TimelineWidget::setHideFuture(bool hide)
{
    if (hide == m_hideFuture)
        return;
    m_hideFuture = hide;
    m_hoverRow = -1;
    invalidate();
    updateScrollBars();
    update();
}

TimelineViewport TimelineWidget::viewport() const
{
    TimelineViewport v;
    v.axis = m_view->axis();
    v.range = m_range;
    v.scrollY = m_scrollY;
    v.cursor = m_position;
    v.theme = m_theme;
    v.textScale = m_textScale;
    v.font = font();
    v.showInternalTasks = m_showInternal;
    v.hideFuture = m_hideFuture;
    v.hideLaterTasks = m_hideFuture;
    v.hoverRow = m_hoverRow;
    v.hoverSegment = m_hoverSegment;
    return v;
}

QRectF TimelineWidget::contentRect() const
{
    QRectF r = rect();
    r.setBottom(r.bottom() - m_horizontal->sizeHint().height());
    if (!m_vertical->isHidden())
        r.setRight(r.right() - m_vertical->sizeHint().width());
    return r;
}

int TimelineWidget::heightShowing(double lanes, double textScale) const
{
    TimelineViewport v = viewport();
    v.textScale = textScale;
    // Laid out in a tall rectangle, where the legend always has room: all but the lanes is
    // what the widget shows around them.
    const QRectF content = contentRect();
    const QRectF tall(content.topLeft(), QSizeF(content.width(), 100'000));
    const TimelineLayout layout = m_painter.layout(tall, v);
    const double around = tall.height() - layout.lanes.height() + (height() - content.height());
    return int(std::ceil(around + lanes * layout.laneHeight));
}

QSize TimelineWidget::sizeHint() const
{
    return {900, 420};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {240, 160};
}

void TimelineWidget::zoomIn()
{
    const double cursor = map().positionUnit(m_position);
    const bool inView = cursor >= m_range.start && cursor <= m_range.end;
    zoomAround(zoomStep, inView ? cursor : (m_range.start + m_range.end) / 2);
}

void TimelineWidget::zoomOut()
{
    const double cursor = map().positionUnit(m_position);
    const bool inView = cursor >= m_range.start && cursor <= m_range.end;
    zoomAround(1 / zoomStep, inView ? cursor : (m_range.start + m_range.end) / 2);
}

void TimelineWidget::fitToWindow() { m_view->fit(); }

TimelineLayout TimelineWidget::currentLayout() const
{
    return m_painter.layout(contentRect(), viewport());
}

void TimelineWidget::setRange(VisibleRange range)
{
    range = range.clamped(extent(), map().minVisibleWidth());
    if (range == m_range)
        return;
    m_view->setRange(range);
}

void TimelineWidget::setScrollY(double scrollY)
{
    const TimelineLayout layout = currentLayout();
    scrollY = std::clamp(scrollY, 0.0, std::max(0.0, layout.contentHeight - layout.lanes.height()));
    if (scrollY == m_scrollY)
        return;
    m_scrollY = std::round(scrollY);
    m_hoverRow = -1;
    updateScrollBars();
    update();
}

void TimelineWidget::zoomAround(double factor, double anchor)
{
    setRange(m_range.zoomed(factor, anchor, extent(), map().minVisibleWidth()));
}

void TimelineWidget::updateScrollBars()
{
    if (!m_horizontal || !m_vertical)
        return;
    m_syncingBars = true;
    const double total = extent();
    const int hHeight = m_horizontal->sizeHint().height();
    const int vWidth = m_vertical->sizeHint().width();

    // The vertical bar appears when the lanes do not fit; it changes the width, which
    // does not change the lanes' height, so one pass settles it.
    m_vertical->setVisible(false);
    TimelineLayout layout = currentLayout();
    const bool needVertical = layout.contentHeight > layout.lanes.height() + 0.5;
    m_vertical->setVisible(needVertical);
    if (needVertical)
        layout = currentLayout();
    const double maxScroll = std::max(0.0, layout.contentHeight - layout.lanes.height());
    m_scrollY = std::clamp(m_scrollY, 0.0, maxScroll);
    if (needVertical) {
        m_vertical->setGeometry(width() - vWidth, int(layout.lanes.top()), vWidth, int(layout.lanes.height()));
        m_vertical->setRange(0, int(std::ceil(maxScroll)));
        m_vertical->setPageStep(std::max(1, int(layout.lanes.height())));
        m_vertical->setSingleStep(std::max(1, int(layout.laneHeight)));
        m_vertical->setValue(int(m_scrollY));
    }

    m_horizontal->setGeometry(0, height() - hHeight, width() - (needVertical ? vWidth : 0), hHeight);
    const bool zoomed = total > 0 && m_range.width() < total * (1 - 1e-9);
    m_horizontal->setEnabled(zoomed);
    if (zoomed) {
        const int page = std::max(1, int(m_range.width() / total * scrollResolution));
        m_horizontal->setRange(0, std::max(0, int(scrollResolution) - page));
        m_horizontal->setPageStep(page);
        m_horizontal->setSingleStep(std::max(1, page / 10));
        m_horizontal->setValue(int(m_range.start / total * scrollResolution));
    } else {
        m_horizontal->setRange(0, 0);
    }
    m_syncingBars = false;
}

void TimelineWidget::setHover(int row, std::size_t segment)
{
    if (row == m_hoverRow && (row < 0 || segment == m_hoverSegment))
        return;
    m_hoverRow = row;
    m_hoverSegment = segment;
    update();
}

void TimelineWidget::invalidate()
{
    ++m_generation;
}

bool TimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const TimelineViewport v = viewport();
        const TimelineLayout layout = m_painter.layout(contentRect(), v);
        const TimelineHit hit = m_painter.hitTest(layout, v, help->pos());
        if (hit.area == TimelineHit::Area::Lens && hit.position > 0 && m_painter.run()) {
            const RunData& run = *m_painter.run();
            const std::size_t step = hit.position - 1;
            QToolTip::showText(help->globalPos(),
                tr("Step %1: %2 ran at %3. Click to go there.")
                    .arg(hit.position)
                    .arg(QString::fromUtf8(run.trace.taskName(run.index->steps()[step].task)))
                    .arg(formatTime(map().stepTime(step))),
                this);
        } else if (hit.segment && m_painter.run()) {
            const QRect area = m_painter.segmentRect(layout, v, hit.row, hit.segmentIndex)
                                   .intersected(layout.lanes)
                                   .toAlignedRect()
                                   .adjusted(0, -int(layout.laneHeight * 0.2), 0, int(layout.laneHeight * 0.2));
            QToolTip::showText(help->globalPos(),
                TimelineToolTip::text(*m_painter.run(), m_painter.arrowIndex(), hit.task, hit.segmentIndex), this, area);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRectF content = contentRect();
    const TimelineViewport v = viewport();
    const TimelineLayout layout = m_painter.layout(content, v);

    const qreal dpr = devicePixelRatioF();
    const BaseKey key {m_generation, m_range, content.size(), m_scrollY, dpr, v.cutOff()};
    if (!(key == m_baseKey) || m_base.isNull()) {
        const QSize pixels = (content.size() * dpr).toSize();
        if (m_base.size() != pixels)
            m_base = QImage(pixels.expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
        m_base.setDevicePixelRatio(dpr);
        QPainter base(&m_base);
        base.translate(-content.topLeft());
        m_rulerLabels.clear();
        m_painter.paintBase(base, layout, v, &m_rulerLabels);
        m_baseKey = key;
    }
    if (content.right() < width())
        painter.fillRect(QRectF(content.right(), 0, width() - content.right(), height()), m_theme.background);
    painter.drawImage(content.topLeft(), m_base);
    // Under the cursor: a pennant must never hide the time of the step on screen.
    paintBookmarks(painter, layout, v);
    m_painter.paintOverlay(painter, layout, v, &m_rulerLabels);
}

void TimelineWidget::setBookmarks(std::vector<std::size_t> positions)
{
    m_bookmarks = std::move(positions);
    update();
}

void TimelineWidget::paintBookmarks(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& v) const
{
    // A pennant hanging from the top of the ruler: where the teacher means to stop. With
    // the future hidden, only those up to the cursor (a flag ahead would give it away).
    if (!m_painter.run())
        return;
    const double size = std::max(6.0, layout.ruler.height() * 0.4);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRect(layout.ruler.united(layout.lanes).adjusted(-1, 0, 1, 0));
    for (std::size_t position : m_bookmarks) {
        if (position > map().stepCount() || (m_hideFuture && position > m_position))
            continue;
        const double x = std::round(m_painter.positionX(layout, v, position)) + 0.5;
        if (x < layout.lanes.left() - 1 || x > layout.lanes.right() + 1)
            continue;
        const double top = layout.ruler.top() + 1;
        painter.setPen(QPen(m_theme.tieMark, 2));
        painter.drawLine(QPointF(x, top), QPointF(x, top + size * 1.6));
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_theme.tieMark);
        painter.drawPolygon(QPolygonF({ QPointF(x, top), QPointF(x + size, top + size / 2), QPointF(x, top + size) }));
    }
    painter.restore();
}

void TimelineWidget::resizeEvent(QResizeEvent*)
{
    updateScrollBars();
}

void TimelineWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        invalidate();
        updateScrollBars();
        update();
    }
    QWidget::changeEvent(event);
}

void TimelineWidget::wheelEvent(QWheelEvent* event)
{
    const QPoint angle = event->angleDelta();
    const TimelineLayout layout = currentLayout();
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = angle.y() != 0 ? angle.y() : angle.x();
        const double anchor = layout.coordinates.unitAt(event->position().x());
        zoomAround(std::pow(1.2, delta / 120.0), anchor);
        event->accept();
        return;
    }
    double dx = angle.x(), dy = angle.y();
    if ((event->modifiers() & Qt::ShiftModifier) && dx == 0)
        std::swap(dx, dy);
    const bool canScrollLanes = layout.contentHeight > layout.lanes.height();
    if (dy != 0 && !canScrollLanes) {
        dx = dy; // nothing to scroll vertically: the wheel pans in time
        dy = 0;
    }
    if (dx != 0)
        setRange(m_range.panned(-dx / 120.0 * 0.1 * m_range.width(), extent(), map().minVisibleWidth()));
    if (dy != 0)
        setScrollY(m_scrollY - dy / 120.0 * 3 * layout.laneHeight);
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position();
    m_pressRange = m_range;
    m_pressScrollY = m_scrollY;
    event->accept();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_pressed && (event->buttons() & Qt::LeftButton)) {
        const QPointF delta = event->position() - m_pressPos;
        if (!m_dragging && delta.manhattanLength() >= QApplication::startDragDistance()) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
            setHover(-1, 0);
        }
        if (m_dragging) {
            const double scale = currentLayout().coordinates.scale();
            if (scale > 0)
                setRange(m_pressRange.panned(-delta.x() / scale, extent(), map().minVisibleWidth()));
            setScrollY(m_pressScrollY - delta.y());
        }
        return;
    }
    const TimelineViewport v = viewport();
    const TimelineHit hit = m_painter.hitTest(m_painter.layout(contentRect(), v), v, event->position());
    if (hit.segment)
        setHover(hit.row, hit.segmentIndex);
    else
        setHover(-1, 0);
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        return;
    }
    const TimelineViewport v = viewport();
    const TimelineHit hit = m_painter.hitTest(m_painter.layout(contentRect(), v), v, event->position());
    if (hit.area == TimelineHit::Area::Lanes || hit.area == TimelineHit::Area::Ruler || hit.area == TimelineHit::Area::Lens)
        emit positionRequested(hit.position);
}

void TimelineWidget::leaveEvent(QEvent* event)
{
    setHover(-1, 0);
    QWidget::leaveEvent(event);
}

void TimelineWidget::keyPressEvent(QKeyEvent* event)
{
    // Only unmodified keys: Ctrl + / - belong to the window's text zoom, and the arrows,
    // Home / End and Page keys to stepping.
    const auto modifiers = event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    if (modifiers == Qt::NoModifier) {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            event->accept();
            return;
        case Qt::Key_Minus:
            zoomOut();
            event->accept();
            return;
        case Qt::Key_0:
            fitToWindow();
            event->accept();
            return;
        default:
            break;
        }
    }
    QWidget::keyPressEvent(event);
}

} // namespace ui
