// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QDockWidget;
class QLabel;
class QToolButton;

namespace ui {

// A panel's title bar: its name in the window's (zoomed) font, bold, with float and close
// buttons sized to match. QDockWidget's own title keeps the small font it was created
// with, which a projector audience cannot read.
class DockTitle : public QWidget {
    Q_OBJECT
public:
    explicit DockTitle(QDockWidget* dock);

    QString text() const;
    // No title bar at all (zero height): for a panel in a tab group, whose tab names it.
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void applyFont();

    QLabel* m_label;
    QToolButton* m_float;
    QToolButton* m_close;
    bool m_collapsed = false;
};

} // namespace ui
