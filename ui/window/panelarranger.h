// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QScrollArea;

namespace ui {

// Where the five panels of the window go. Three arrangements:
// - Roomy (README, The window): Why over the event loop beside the timeline, output and
//   listing side by side along the bottom.
// - Compact, for a projector's 1024x768 or 1280x720 and for large text: Why over the event
//   loop, output and listing as tabs, all in the right column, so the timeline keeps the
//   whole height for its lanes and Why the room for its whole sentence.
// - Presentation (View > Presentation, F6), for teaching a lesson: the timeline, Why and the
//   lesson's Notes large; the event loop, output and listing as small tabs under them.
// Roomy puts the Notes beside output and listing along the bottom, Compact in the tabs.
// The window's height per unit of text picks one. The arrangement follows the window (its
// size, its text zoom) until the user moves or floats a panel or drags a separator (the
// window tells: setAutomatic(false)); then it is theirs, and View > Panels > Default Layout
// hands it back.
class PanelArranger : public QObject {
    Q_OBJECT
public:
    enum class Arrangement { Roomy, Compact, Presentation };

    PanelArranger(QMainWindow* window, QDockWidget* why, QDockWidget* loop, QDockWidget* output, QDockWidget* listing,
        QDockWidget* notes);

    // Compact below this many pixels of window height per unit of text zoom.
    static constexpr int compactBelowHeight = 900;
    static Arrangement preferred(int windowHeight, double textScale);

    // Puts the panels in `arrangement` and sizes them for the window (once it is laid
    // out); panels the user closed stay closed.
    void arrange(Arrangement arrangement);
    Arrangement arrangement() const { return m_arrangement; }

    // Whether the arrangement follows the window. False once the user moved a panel.
    bool isAutomatic() const { return m_automatic; }
    void setAutomatic(bool automatic);
    // The window's size or text zoom changed: re-arranges when automatic and the preferred
    // arrangement changed (or, with `resize`, re-sizes the panels for new text).
    void follow(double textScale, bool resize);

    // Why's sentence, which must show whole: when it scrolls, Why grows (while automatic).
    void watchWhy(QScrollArea* sentence);

    // View > Panels > Default Layout.
    QAction* defaultLayoutAction() const { return m_defaultLayout; }
    // View > Presentation (F6): checked, the Presentation arrangement, kept whatever the
    // window's size; unchecked, the arrangement that fits the window again.
    QAction* presentationAction() const { return m_presentation; }

    // Runs `change` (restoreState(), say) without taking its dock moves for the user's.
    template <class F> void quietly(F change)
    {
        const bool was = m_arranging;
        m_arranging = true;
        change();
        m_arranging = was;
    }

private:
    void sizePanels();
    void growWhy();
    int columnWidth() const;
    QList<QDockWidget*> docks() const;
    Arrangement wanted() const; // Presentation while its action is checked, else preferred()
    void userMoved();
    void updateTitles();

    QMainWindow* m_window;
    QDockWidget* m_why;
    QDockWidget* m_loop;
    QDockWidget* m_output;
    QDockWidget* m_listing;
    QDockWidget* m_notes;
    QAction* m_defaultLayout;
    QAction* m_presentation;
    QScrollArea* m_whyScroll = nullptr;
    Arrangement m_arrangement = Arrangement::Roomy;
    bool m_automatic = true;
    bool m_arranging = false;
    double m_textScale = 1.0;
};

} // namespace ui
