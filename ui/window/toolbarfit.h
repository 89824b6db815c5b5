// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QToolBar;

namespace ui {

// Keeps every button of a toolbar on screen when the toolbar is short for them (a 1024-pixel
// projector, large text): instead of hiding the last ones behind QToolBar's overflow arrow,
// it gives up what a class needs least, one step at a time in the order given (a label the
// field beside it makes plain, a row of buttons folded into a menu button), and takes it back
// when there is room again.
class ToolBarFit : public QObject {
public:
    // One step: the actions it hides and the ones it shows instead (those start hidden).
    struct Step {
        QList<QAction*> hide;
        QList<QAction*> show;
    };
    ToolBarFit(QToolBar* bar, QList<Step> steps);

    int stepsTaken() const { return m_taken; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fit();
    int widthOf(const QList<QAction*>& actions) const; // with the spacing between items
    int savedBy(const Step& step) const { return widthOf(step.hide) - widthOf(step.show); }

    QToolBar* m_bar;
    QList<Step> m_steps;
    int m_taken = 0; // the first m_taken steps are taken
};

} // namespace ui
