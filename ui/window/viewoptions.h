// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"
#include "timelinewidget.h"

#include <QObject>

class QAction;

namespace ui {

// The View menu's state and actions: theme, timeline axis, timeline zoom, text zoom,
// whether asyncio's internal tasks get lanes and whether the future is hidden. The window applies the changes (palette,
// fonts, timeline); this object only holds the state and keeps the actions in step with it.
class ViewOptions : public QObject {
    Q_OBJECT
public:
    explicit ViewOptions(QObject* parent = nullptr);

    ThemeKind theme() const { return m_theme; }
    void setTheme(ThemeKind theme);
    TimelineAxis axis() const { return m_axis; }
    void setAxis(TimelineAxis axis);
    double textScale() const { return m_textScale; }
    void setTextScale(double scale); // clamped to typography's range
    bool showInternalTasks() const { return m_showInternal; }
    void setShowInternalTasks(bool show);
    bool hideFuture() const { return m_hideFuture; }
    void setHideFuture(bool hide);

    QAction* lightThemeAction() const { return m_light; }
    QAction* darkThemeAction() const { return m_dark; }
    QAction* timeAxisAction() const { return m_timeAxis; }
    QAction* instantsAxisAction() const { return m_instantsAxis; }
    QAction* stepsAxisAction() const { return m_stepsAxis; }
    QAction* zoomInAction() const { return m_zoomIn; } // timeline zoom: the window connects them
    QAction* zoomOutAction() const { return m_zoomOut; }
    QAction* fitAction() const { return m_fit; }
    QAction* largerTextAction() const { return m_largerText; }
    QAction* smallerTextAction() const { return m_smallerText; }
    QAction* resetTextAction() const { return m_resetText; }
    QAction* internalTasksAction() const { return m_internal; }
    QAction* hideFutureAction() const { return m_hideFutureAction; }
    QAction* fullScreenAction() const { return m_fullScreen; }
    QList<QAction*> actions() const;

signals:
    void themeChanged(ui::ThemeKind theme);
    void axisChanged(ui::TimelineAxis axis);
    void textScaleChanged(double scale);
    void showInternalTasksChanged(bool show);
    void hideFutureChanged(bool hide);

private:
    ThemeKind m_theme = ThemeKind::Light;
    TimelineAxis m_axis = TimelineAxis::Time;
    double m_textScale = 1.0;
    bool m_showInternal = false;
    bool m_hideFuture = false;

    QAction* m_light;
    QAction* m_dark;
    QAction* m_timeAxis;
    QAction* m_instantsAxis;
    QAction* m_stepsAxis;
    QAction* m_zoomIn;
    QAction* m_zoomOut;
    QAction* m_fit;
    QAction* m_largerText;
    QAction* m_smallerText;
    QAction* m_resetText;
    QAction* m_internal;
    QAction* m_hideFutureAction;
    QAction* m_fullScreen;
};

} // namespace ui
