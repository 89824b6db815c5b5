// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QTextBrowser;

namespace ui {

// The event loop's state at the cursor, as a teacher would read it out: the virtual time,
// the step that just ran, the ready deque in order (what each handle is and why it was
// queued), the pending timers by deadline with equal deadlines marked as ties, and for
// asyncq the queue's items, its waiting getters and join waiters.
class LoopStatePanel : public QWidget {
    Q_OBJECT
public:
    explicit LoopStatePanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    void showPosition(std::size_t position, const sim::LoopState& state);
    void setTheme(const Theme& theme);
    // Predict mode: timers with equal deadlines are listed by task name, not in the order the
    // heap will fire them (which is the future: the order they run in).
    void setHideTieOrder(bool hide);

    // The entries last shown (at most maxListed), in order, as plain text.
    const QStringList& readyEntries() const { return m_ready; }
    const QStringList& timerEntries() const { return m_timers; }
    QString plainText() const;

    // Longer lists are cut with "… and N more": a run with thousands of tasks stays readable.
    static constexpr int maxListed = 60;

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    QTextBrowser* m_view;
    RunDataPtr m_run;
    Theme m_theme = Theme::light();
    std::size_t m_position = 0;
    bool m_hideTieOrder = false;
    sim::LoopState m_state;
    QStringList m_ready;
    QStringList m_timers;
};

} // namespace ui
