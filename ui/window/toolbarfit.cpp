// SPDX-License-Identifier: MIT
#include "toolbarfit.h"

#include <QAction>
#include <QEvent>
#include <QLayout>
#include <QToolBar>

namespace ui {

ToolBarFit::ToolBarFit(QToolBar* bar, QList<Step> steps)
    : QObject(bar)
    , m_bar(bar)
    , m_steps(std::move(steps))
{
    for (const Step& step : m_steps)
        for (QAction* action : step.show)
            action->setVisible(false);
    bar->installEventFilter(this);
}

bool ToolBarFit::eventFilter(QObject* watched, QEvent* event)
{
    // A new width, or new sizes inside (the text zoom, a longer readout).
    if (watched == m_bar && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        fit();
    return QObject::eventFilter(watched, event);
}

int ToolBarFit::widthOf(const QList<QAction*>& actions) const
{
    int width = 0;
    for (QAction* action : actions)
        if (QWidget* widget = m_bar->widgetForAction(action))
            width += widget->sizeHint().width() + m_bar->layout()->spacing();
    return width;
}

void ToolBarFit::fit()
{
    // Counted, not tried: showing and hiding to measure would post layout requests, which
    // would call this again.
    const int available = m_bar->width();
    int width = m_bar->sizeHint().width();
    for (int i = 0; i < m_taken; ++i)
        width += savedBy(m_steps[i]); // as wide as with every step undone
    int wanted = 0;
    while (wanted < m_steps.size() && width > available)
        width -= savedBy(m_steps[wanted++]);
    if (wanted == m_taken)
        return;
    for (int i = 0; i < m_steps.size(); ++i) {
        const bool taken = i < wanted;
        for (QAction* action : m_steps[i].hide)
            action->setVisible(!taken);
        for (QAction* action : m_steps[i].show)
            action->setVisible(taken);
    }
    m_taken = wanted;
}

} // namespace ui
