// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QLabel;
class QScrollArea;

namespace ui {

// "Why": one plain sentence, in large type, saying why the step that just ran happened
// (sim::narrateStep for step position - 1). At the start it says what is about to happen;
// at the end it says first how the run ended, a deadlock or a run cut short by the limits
// in the warning colour.
class NarrationPanel : public QWidget {
    Q_OBJECT
public:
    explicit NarrationPanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    void showPosition(std::size_t position);
    void setTheme(const Theme& theme);

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
};

} // namespace ui
