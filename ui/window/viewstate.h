// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"
#include "timelineview.h"

#include <optional>

class QAction;

namespace ui {

// A view as a value: what the settings, a lesson file and an export keep of the view state.
struct ViewSettings {
    TimelineAxis axis = TimelineAxis::Time;
    // The visible part of the axis in the axis units of the window's run (seconds on the
    // time axis, steps on the steps axis; see TimelineView); none: the whole run.
    std::optional<VisibleRange> range;
    ThemeKind theme = ThemeKind::Light;
    double textScale = 1.0;
    bool showInternalTasks = false;
    bool hideFuture = false;

    bool operator==(const ViewSettings&) const = default;
};

// The window's one view state, with the View menu's actions: the timeline's axis and
// visible range (zoom and scroll: the TimelineView that the window's timeline and the
// compared run's share), the theme, the text zoom, whether asyncio's internal tasks get
// lanes and whether the future is hidden. The window applies the look (palette, fonts,
// timelines) and saves it; a lesson opens with one; an export starts from it. This object
// only holds the state and keeps the actions in step with it.
class ViewState : public TimelineView {
    Q_OBJECT
public:
    explicit ViewState(QObject* parent = nullptr);

    ViewSettings settings() const;
    // Every part of `settings` (the axis before the range, which is on it).
    void restore(const ViewSettings& settings);

    ThemeKind theme() const { return m_theme; }
    void setTheme(ThemeKind theme);
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
    QAction* zoomInAction() const { return m_zoomIn; } // about the cursor: the window connects them
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
    void textScaleChanged(double scale);
    void showInternalTasksChanged(bool show);
    void hideFutureChanged(bool hide);
    void changed(); // any part (axis and range too): what settings() returns changed

private:
    ThemeKind m_theme = ThemeKind::Light;
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
