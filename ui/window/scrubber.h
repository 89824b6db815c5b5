// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QPixmap>
#include <QWidget>

#include <vector>

namespace ui {

// A horizontal track over the whole run with a handle at the cursor. Tall ticks mark every
// instant of virtual time (labelled with the time where there is room), dots mark the
// steps that printed a line, flags a lesson's bookmarks. Click or drag to move; it handles no keys, so the window's
// arrow keys keep stepping.
class Scrubber : public QWidget {
    Q_OBJECT
public:
    explicit Scrubber(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    void setPosition(std::size_t position);
    std::size_t position() const { return m_position; }
    void setTheme(const Theme& theme);
    // A lesson's bookmarks on this run (positions): a flag over the track at each.
    void setBookmarks(std::vector<std::size_t> positions);
    const std::vector<std::size_t>& bookmarks() const { return m_bookmarks; }

    // The position under x (widget coordinates), nearest first; 0 without a run.
    std::size_t positionAt(int x) const;
    // Where position p is drawn (widget coordinates).
    double xOf(std::size_t position) const;
    // Positions with an instant tick / a print dot (for tests and tooltips).
    const std::vector<std::size_t>& instantPositions() const { return m_instantPositions; }
    const std::vector<std::size_t>& printPositions() const { return m_printPositions; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void positionRequested(std::size_t position);

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF trackRect() const;
    // xOf() on a track already measured: the marks of a large run place millions of them.
    double xOnTrack(const QRectF& track, std::size_t position) const;
    void paintMarks(QPainter& painter) const;
    void paintBookmarks(QPainter& painter, const QRectF& track) const;
    std::size_t stepCount() const;

    RunDataPtr m_run;
    std::size_t m_position = 0;
    Theme m_theme = Theme::light();
    std::vector<std::size_t> m_instantPositions; // PlaybackController::instantPosition()
    std::vector<double> m_instantTimes;
    std::vector<std::size_t> m_printPositions; // just after the step that printed
    std::vector<std::size_t> m_bookmarks;
    QPixmap m_marks; // ticks, labels and dots at the current size; null: redraw
};

} // namespace ui
