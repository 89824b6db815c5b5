// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"
#include "timelinecoordinates.h"
#include "timelinepainter.h"
#include "timelineview.h"
#include "timelineviewport.h"

#include <QImage>
#include <QWidget>

#include <cstddef>
#include <optional>

class QScrollBar;

namespace ui {

// The timeline of one run on screen: a lane per task, segments coloured by state,
// wake-up arrows, tie marks and the cursor. Zoom (Ctrl+wheel, + / -, 0 to fit), pan
// (wheel, Shift+wheel, drag, scroll bars), hover tooltips. The axis and the visible range
// belong to a TimelineView, which several widgets may share (setView): zooming or
// scrolling one moves them all. A click asks the window to move
// the cursor (positionRequested); the widget never moves it by itself. On the time axis,
// where the steps of an instant share one x, the lens on the ruler (TimelineLens) lists the
// cursor's instant step by step: hover a cell for its task, click it to go there.
//
// Painting goes through TimelinePainter. What does not move with the cursor or the mouse
// is rendered once into an image keyed on (run, visible range, size, scroll, look), so
// stepping, playing and hovering repaint only the overlay.
class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget* parent = nullptr);
    ~TimelineWidget() override;

    // Shows `run` (null: nothing); keeps axis and theme. With a view of its own, the zoom
    // goes back to fit; a shared view's range is its owner's to reset.
    void setRun(RunDataPtr run);
    // The same with a painter already set up for its run: on 100,000 lanes that setup takes
    // a few hundred milliseconds, which the window spends off the GUI thread.
    void setRun(TimelinePainter painter);
    // The cursor: p steps done (0..stepCount, clamped); scrolls it into view if off screen
    // (unless the widget follows another's cursor: setRevealsCursor(false)).
    void setPosition(std::size_t position);
    std::size_t position() const { return m_position; }
    void setRevealsCursor(bool reveals) { m_revealsCursor = reveals; }
    // Shares `view`'s axis and range (null: a view of the widget's own). The first widget
    // bound to a view is its reference (see TimelineView).
    void setView(TimelineView* view);
    TimelineView* view() const { return m_view; }
    void setAxis(TimelineAxis axis) { m_view->setAxis(axis); }
    TimelineAxis axis() const { return m_view->axis(); }
    void setTheme(const Theme& theme);
    // The app-wide text zoom (1.0 = default, big enough for a projector).
    void setTextScale(double scale);
    // asyncio.run's shutdown tasks, hidden by default.
    void setShowInternalTasks(bool show);
    // "Hide the future": nothing after the cursor is drawn (no bar, arrow, ruler label, nor
    // the lanes of tasks created later), instead of washing it out.
    void setHideFuture(bool hide);
    bool hidesFuture() const { return m_hideFuture; }
    // A lesson's bookmarks (positions): a small flag on the ruler at each.
    void setBookmarks(std::vector<std::size_t> positions);
    const std::vector<std::size_t>& bookmarks() const { return m_bookmarks; }
    // 1.0 = the whole extent (every run of the view) fits the width.
    double zoomFactor() const { return m_view->zoomFactor(); }
    // The visible part of the axis, in axis units (the view's range; the whole extent when fit).
    VisibleRange visibleRange() const { return m_range; }

    // What the widget shows and where (exports of "the visible range", tests).
    const TimelinePainter& timelinePainter() const { return m_painter; }
    TimelineViewport viewport() const;
    // Where the painter draws: the widget minus its scroll bars.
    QRectF contentRect() const;
    // The height at which the widget shows `lanes` lanes whole at text zoom `textScale`,
    // with its ruler, legend and scroll bar, at its width.
    int heightShowing(double lanes, double textScale) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void zoomIn();
    void zoomOut();
    void fitToWindow();

signals:
    // The user clicked a segment / step: the window moves the cursor.
    void positionRequested(std::size_t position);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void paintBookmarks(QPainter& painter, const TimelineLayout& layout, const TimelineViewport& viewport) const;
    const TimelineAxisMap& map() const { return m_painter.axisMap(m_view->axis()); }
    // The view's extent: what zoom and pan stay within.
    double extent() const { return m_view->extent(); }
    TimelineLayout currentLayout() const;
    // Asks the view to show `range`, held inside the extent.
    void setRange(VisibleRange range);
    // The view's range, after the view changed.
    void followView();
    void setScrollY(double scrollY);
    void revealSteppedLane();
    void zoomAround(double factor, double anchor);
    void updateScrollBars();
    void setHover(int row, std::size_t segment);
    void invalidate();

    TimelinePainter m_painter;
    TimelineView* m_ownView; // used while no shared view is set
    TimelineView* m_view;
    Theme m_theme = Theme::light();
    std::size_t m_position = 0;
    bool m_revealsCursor = true;
    double m_textScale = 1.0;
    bool m_showInternal = false;
    bool m_hideFuture = false;
    std::vector<std::size_t> m_bookmarks;
    VisibleRange m_range; // the view's
    double m_scrollY = 0;

    QScrollBar* m_horizontal = nullptr;
    QScrollBar* m_vertical = nullptr;
    bool m_syncingBars = false;

    // The cached base picture and what it was drawn for.
    QImage m_base;
    RulerLabels m_rulerLabels; // where m_base's ruler labels are (the cursor's flag hides those it meets)
    struct BaseKey {
        quint64 generation = 0;
        VisibleRange range;
        QSizeF size;
        double scrollY = 0;
        qreal dpr = 0;
        std::optional<std::size_t> cutOff; // hiding the future: the base changes with the cursor
        bool operator==(const BaseKey&) const = default;
    } m_baseKey;
    quint64 m_generation = 1; // bumped by every change of run, axis or look

    int m_hoverRow = -1;
    std::size_t m_hoverSegment = 0;
    bool m_pressed = false;
    bool m_dragging = false;
    QPointF m_pressPos;
    VisibleRange m_pressRange;
    double m_pressScrollY = 0;
};

} // namespace ui
