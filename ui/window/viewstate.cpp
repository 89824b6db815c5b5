// SPDX-License-Identifier: MIT
#include "viewstate.h"

#include "typography.h"

#include <QAction>
#include <QActionGroup>

#include <cmath>

namespace ui {

namespace {
    QAction* checkable(const QString& text, QActionGroup* group)
    {
        auto* action = new QAction(text, group);
        action->setCheckable(true);
        return action;
    }
}

ViewState::ViewState(QObject* parent)
    : TimelineView(parent)
{
    auto* themes = new QActionGroup(this);
    m_light = checkable(tr("Light theme"), themes);
    m_dark = checkable(tr("Dark theme"), themes);
    m_light->setChecked(true);
    connect(m_light, &QAction::triggered, this, [this] { setTheme(ThemeKind::Light); });
    connect(m_dark, &QAction::triggered, this, [this] { setTheme(ThemeKind::Dark); });

    auto* axes = new QActionGroup(this);
    m_timeAxis = checkable(tr("Time axis"), axes);
    m_timeAxis->setShortcut(QKeySequence(Qt::Key_T));
    m_timeAxis->setToolTip(tr("Virtual time, to scale: equal seconds, equal widths. "
                              "The ruler's lens spreads out the steps of the cursor's instant (T)"));
    m_instantsAxis = checkable(tr("Instants axis"), axes);
    m_instantsAxis->setShortcut(QKeySequence(Qt::Key_I));
    m_instantsAxis->setToolTip(tr("Virtual time with the steps widened: the steps of each instant side by side, "
                                  "so instants with many steps look longer than their seconds (I)"));
    m_stepsAxis = checkable(tr("Steps axis"), axes);
    m_stepsAxis->setShortcut(QKeySequence(Qt::Key_S));
    m_stepsAxis->setToolTip(tr("Give every scheduler step the same width (S)"));
    // The toolbar's buttons say it in one word: on a 1024-pixel projector the playback bar
    // has room for the three and Predict only so.
    m_timeAxis->setIconText(tr("Time"));
    m_instantsAxis->setIconText(tr("Instants"));
    m_stepsAxis->setIconText(tr("Steps"));
    m_timeAxis->setChecked(true);
    connect(m_timeAxis, &QAction::triggered, this, [this] { setAxis(TimelineAxis::Time); });
    connect(m_instantsAxis, &QAction::triggered, this, [this] { setAxis(TimelineAxis::Instants); });
    connect(m_stepsAxis, &QAction::triggered, this, [this] { setAxis(TimelineAxis::Steps); });
    // Whoever switches the axis (the menu, a lesson, the settings), the buttons show it.
    connect(this, &TimelineView::axisChanged, this, [this](TimelineAxis axis) {
        (axis == TimelineAxis::Steps             ? m_stepsAxis
                : axis == TimelineAxis::Instants ? m_instantsAxis
                                                 : m_timeAxis)
            ->setChecked(true);
    });
    connect(this, &TimelineView::rangeChanged, this, &ViewState::changed);

    m_zoomIn = new QAction(tr("Zoom in"), this);
    m_zoomIn->setShortcuts({ QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal) });
    m_zoomOut = new QAction(tr("Zoom out"), this);
    m_zoomOut->setShortcut(QKeySequence(Qt::Key_Minus));
    m_fit = new QAction(tr("Fit to window"), this);
    m_fit->setShortcut(QKeySequence(Qt::Key_0)); // as the timeline itself takes it
    connect(m_fit, &QAction::triggered, this, &TimelineView::fit);

    m_largerText = new QAction(tr("Larger text"), this);
    // Ctrl+= is Ctrl++ without Shift. (Not also QKeySequence::ZoomIn: on Linux that is Ctrl++
    // again, and a key bound twice is ambiguous, so it would do nothing.)
    m_largerText->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus) });
    m_smallerText = new QAction(tr("Smaller text"), this);
    m_smallerText->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    m_resetText = new QAction(tr("Default text size"), this);
    m_resetText->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_largerText, &QAction::triggered, this, [this] { setTextScale(m_textScale * typography::zoomStep); });
    connect(m_smallerText, &QAction::triggered, this, [this] { setTextScale(m_textScale / typography::zoomStep); });
    connect(m_resetText, &QAction::triggered, this, [this] { setTextScale(1.0); });

    m_internal = new QAction(tr("Show asyncio internals"), this);
    m_internal->setCheckable(true);
    m_internal->setToolTip(tr("Also show the tasks asyncio.run creates to shut down"));
    connect(m_internal, &QAction::toggled, this, &ViewState::setShowInternalTasks);

    m_hideFutureAction = new QAction(tr("Hide the future"), this);
    m_hideFutureAction->setCheckable(true);
    m_hideFutureAction->setShortcut(QKeySequence(Qt::Key_H));
    m_hideFutureAction->setToolTip(tr("Draw nothing after the cursor, for \"what happens next?\" (H)"));
    connect(m_hideFutureAction, &QAction::toggled, this, &ViewState::setHideFuture);

    m_fullScreen = new QAction(tr("Full screen"), this);
    m_fullScreen->setCheckable(true);
    m_fullScreen->setShortcut(QKeySequence(Qt::Key_F11));
}

ViewSettings ViewState::settings() const
{
    return ViewSettings { axis(), range(), m_theme, m_textScale, m_showInternal, m_hideFuture };
}

void ViewState::restore(const ViewSettings& settings)
{
    setTheme(settings.theme);
    setTextScale(settings.textScale);
    setShowInternalTasks(settings.showInternalTasks);
    setHideFuture(settings.hideFuture);
    setAxis(settings.axis);
    setRange(settings.range);
}

QList<QAction*> ViewState::actions() const
{
    return { m_light, m_dark, m_timeAxis, m_instantsAxis, m_stepsAxis, m_zoomIn, m_zoomOut, m_fit, m_largerText,
        m_smallerText, m_resetText, m_internal, m_hideFutureAction, m_fullScreen };
}

void ViewState::setTheme(ThemeKind theme)
{
    (theme == ThemeKind::Dark ? m_dark : m_light)->setChecked(true);
    if (theme == m_theme)
        return;
    m_theme = theme;
    emit themeChanged(theme);
    emit changed();
}

void ViewState::setTextScale(double scale)
{
    scale = typography::clampScale(scale);
    // Steps of 1.15 never land exactly on 1.0 again: snap so Ctrl+= then Ctrl+- is a no-op.
    if (std::abs(scale - 1.0) < 0.01)
        scale = 1.0;
    m_largerText->setEnabled(scale < typography::maxScale);
    m_smallerText->setEnabled(scale > typography::minScale);
    if (scale == m_textScale)
        return;
    m_textScale = scale;
    emit textScaleChanged(scale);
    emit changed();
}

void ViewState::setShowInternalTasks(bool show)
{
    m_internal->setChecked(show);
    if (show == m_showInternal)
        return;
    m_showInternal = show;
    emit showInternalTasksChanged(show);
    emit changed();
}

void ViewState::setHideFuture(bool hide)
{
    m_hideFutureAction->setChecked(hide);
    if (hide == m_hideFuture)
        return;
    m_hideFuture = hide;
    emit hideFutureChanged(hide);
    emit changed();
}

} // namespace ui
