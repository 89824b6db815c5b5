// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QLabel;
class QScrollArea;

namespace ui {

// "Why": plain sentences, in large type, saying why the step that just ran happened and what
// it did (sim::narrateStep for step position - 1, quoting the program's lines). At the start
// it says what is about to happen; at the end it says first how the run ended, a deadlock or
// a run cut short by the limits in the warning colour.
class NarrationPanel : public QWidget {
    Q_OBJECT
public:
    explicit NarrationPanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    // `before` and `after` are the loop's state at position - 1 and at position, as the
    // window has rebuilt them (`before` is not read at position 0).
    void showPosition(std::size_t position, const sim::LoopState& before, const sim::LoopState& after);
    void setTheme(const Theme& theme);
    // Predict mode: the caption says which step ran, not of how many (the next
    // showPosition() applies it).
    void setHideStepCount(bool hide) { m_hideStepCount = hide; }

    // As displayed.
    QString sentence() const;
    QString ending() const; // empty before the end

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFonts();
    void fitSentence();
    void applyColours();

    QScrollArea* m_scroll;
    QLabel* m_caption; // "After step 5 of 24"
    QLabel* m_sentence;
    QLabel* m_ending;
    RunDataPtr m_run;
    Theme m_theme = Theme::light();
    bool m_endIsProblem = false;
    bool m_hideStepCount = false;
};

} // namespace ui
