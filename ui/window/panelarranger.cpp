// SPDX-License-Identifier: MIT
#include "panelarranger.h"

#include "docktitle.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QPointer>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabBar>
#include <QTimer>

#include <algorithm>

namespace ui {

PanelArranger::PanelArranger(QMainWindow* window, QDockWidget* why, QDockWidget* loop, QDockWidget* output,
    QDockWidget* listing, QDockWidget* notes)
    : QObject(window)
    , m_window(window)
    , m_why(why)
    , m_loop(loop)
    , m_output(output)
    , m_listing(listing)
    , m_notes(notes)
    , m_defaultLayout(new QAction(tr("Default Layout"), this))
    , m_presentation(new QAction(tr("&Presentation"), this))
{
    m_defaultLayout->setToolTip(tr("Put the panels back where they fit this window and its text size"));
    connect(m_defaultLayout, &QAction::triggered, this, [this] {
        setAutomatic(true);
        arrange(wanted());
    });
    m_presentation->setObjectName(QStringLiteral("presentationAction"));
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F6));
    m_presentation->setToolTip(tr("Timeline, Why and Notes large, for teaching a lesson (F6 and back)"));
    connect(m_presentation, &QAction::toggled, this, [this] {
        setAutomatic(true);
        arrange(wanted());
    });
    for (QDockWidget* dock : docks()) {
        connect(dock, &QDockWidget::dockLocationChanged, this, &PanelArranger::userMoved);
        connect(dock, &QDockWidget::topLevelChanged, this, &PanelArranger::userMoved);
        // Whoever moved it (user or arrange()): a panel in a tab group is named by its tab.
        connect(dock, &QDockWidget::dockLocationChanged, this, &PanelArranger::updateTitles, Qt::QueuedConnection);
        connect(dock, &QDockWidget::topLevelChanged, this, &PanelArranger::updateTitles, Qt::QueuedConnection);
    }
}

QList<QDockWidget*> PanelArranger::docks() const { return { m_why, m_loop, m_output, m_listing, m_notes }; }

PanelArranger::Arrangement PanelArranger::wanted() const
{
    return m_presentation->isChecked() ? Arrangement::Presentation : preferred(m_window->height(), m_textScale);
}

PanelArranger::Arrangement PanelArranger::preferred(int windowHeight, double textScale)
{
    return windowHeight < compactBelowHeight * textScale ? Arrangement::Compact : Arrangement::Roomy;
}

void PanelArranger::setAutomatic(bool automatic) { m_automatic = automatic; }

void PanelArranger::updateTitles()
{
    for (QDockWidget* dock : docks()) {
        if (auto* title = qobject_cast<DockTitle*>(dock->titleBarWidget()))
            title->setCollapsed(!dock->isFloating() && !m_window->tabifiedDockWidgets(dock).isEmpty());
    }
}

void PanelArranger::userMoved()
{
    if (!m_arranging)
        m_automatic = false;
}

void PanelArranger::arrange(Arrangement arrangement)
{
    quietly([&] {
        const QList<QDockWidget*> docks = this->docks();
        QList<bool> closed;
        for (QDockWidget* dock : docks) {
            closed << dock->isHidden();
            dock->setFloating(false);
            m_window->removeDockWidget(dock); // out of any tab group; this hides it
        }
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_why);
        if (arrangement == Arrangement::Presentation) {
            m_window->splitDockWidget(m_why, m_notes, Qt::Vertical);
            m_window->splitDockWidget(m_notes, m_loop, Qt::Vertical);
            m_window->tabifyDockWidget(m_loop, m_output);
            m_window->tabifyDockWidget(m_output, m_listing);
            closed[docks.indexOf(m_notes)] = false; // what the presentation is for
        } else if (arrangement == Arrangement::Compact) {
            m_window->splitDockWidget(m_why, m_loop, Qt::Vertical);
            m_window->tabifyDockWidget(m_loop, m_output);
            m_window->tabifyDockWidget(m_output, m_listing);
            m_window->tabifyDockWidget(m_listing, m_notes);
        } else {
            m_window->splitDockWidget(m_why, m_loop, Qt::Vertical);
            m_window->addDockWidget(Qt::BottomDockWidgetArea, m_output);
            m_window->splitDockWidget(m_output, m_listing, Qt::Horizontal);
            m_window->splitDockWidget(m_listing, m_notes, Qt::Horizontal);
        }
        for (qsizetype i = 0; i < docks.size(); ++i)
            docks[i]->setVisible(!closed[i]);
        m_loop->raise(); // of the tabs, the event loop first: it changes with every step
    });
    m_arrangement = arrangement;
    updateTitles();
    sizePanels();
}

void PanelArranger::sizePanels()
{
    // Dock sizes only take once the window is laid out at its size: after this event.
    QTimer::singleShot(0, this, [this, window = QPointer<QMainWindow>(m_window)] {
        if (!window)
            return;
        const int width = window->width(), height = window->height();
        // The right column a third of the width. Roomy: Why (a sentence or two) over the event
        // loop (lists that grow, and scroll), 2 to 3, and the bottom row a quarter of the
        // height, output and listing side by side. Compact: Why over the tabs, a little more
        // for Why. Either way Why grows when a sentence needs it (growWhy()).
        // Presentation: Why and Notes share the column's top four fifths, the tabs keep
        // the rest.
        window->resizeDocks({ m_why }, { columnWidth() }, Qt::Horizontal);
        if (m_arrangement == Arrangement::Presentation) {
            window->resizeDocks({ m_why, m_notes, m_loop }, { int(height * 0.28), int(height * 0.5), int(height * 0.22) },
                Qt::Vertical);
            return;
        }
        const double why = m_arrangement == Arrangement::Roomy ? 0.4 : 0.45;
        window->resizeDocks(
            { m_why, m_loop }, { int(height * why), int(height * (1 - why)) }, Qt::Vertical);
        if (m_arrangement == Arrangement::Roomy) {
            window->resizeDocks({ m_output }, { height / 4 }, Qt::Vertical);
            if (m_notes->isHidden())
                window->resizeDocks({ m_output, m_listing }, { width / 2, width / 2 }, Qt::Horizontal);
            else
                window->resizeDocks({ m_output, m_listing, m_notes }, { width / 3, width / 3, width / 3 }, Qt::Horizontal);
        }
    });
}

void PanelArranger::watchWhy(QScrollArea* sentence)
{
    m_whyScroll = sentence;
    connect(sentence->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int overflow) {
        if (overflow > 0 && m_automatic)
            QTimer::singleShot(0, this, &PanelArranger::growWhy);
    });
}

void PanelArranger::growWhy()
{
    // Why's sentence is what the class reads: when even its smallest size scrolls, Why takes
    // what it needs from the panels under it (which scroll well), as long as they keep about
    // six lines (the clock, what just ran, the ready queue's first entries) and at most 70%
    // of the column. It grows and never shrinks back by itself, so the panels do not jump at
    // every step.
    QDockWidget* under = m_arrangement == Arrangement::Presentation ? m_notes : m_loop;
    if (!m_whyScroll || !m_automatic || under->isHidden() || m_window->dockWidgetArea(under) != Qt::RightDockWidgetArea)
        return;
    const int overflow = m_whyScroll->verticalScrollBar()->maximum();
    const int column = m_why->height() + under->height();
    const int keep = std::max(column * 3 / 10, under->fontMetrics().lineSpacing() * 8);
    const int wanted = std::min(m_why->height() + overflow + m_why->fontMetrics().lineSpacing() / 2, column - keep);
    if (overflow > 0 && wanted > m_why->height())
        m_window->resizeDocks({ m_why, under }, { wanted, column - wanted }, Qt::Vertical);
}

int PanelArranger::columnWidth() const
{
    // A third of the window. In compact, wider with larger text (the column is short, and
    // Why's sentence takes fewer lines when wider: the lanes need height more than width),
    // and wide enough for the tabs' names (large text on 1024 pixels would elide them), up
    // to 45%.
    int column = m_window->width() / 3;
    if (m_arrangement == Arrangement::Presentation)
        column = int(m_window->width() * 0.42); // Why and the note in large type, few lines each
    if (m_arrangement != Arrangement::Roomy) {
        column = std::max(column, int(m_window->width() * std::clamp(m_textScale / 3, 1.0 / 3, 0.42)));
        for (const QTabBar* tabs : m_window->findChildren<QTabBar*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabText(i) == m_loop->windowTitle())
                    column = std::max(column, tabs->sizeHint().width() + tabs->fontMetrics().averageCharWidth() * 2);
            }
        }
    }
    return std::min(column, m_window->width() * 45 / 100);
}

void PanelArranger::follow(double textScale, bool resize)
{
    m_textScale = textScale;
    if (!m_automatic)
        return;
    const Arrangement next = wanted();
    if (next != m_arrangement)
        arrange(next);
    else if (resize)
        sizePanels();
}

} // namespace ui
