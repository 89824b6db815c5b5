// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace ui {

class PredictController;

// Predict mode's question, in large type over the timeline: the prompt, one big button per
// choice, and once answered, right or wrong with the sentence that explains the step (the
// right choice marked ✓, a wrong choice made marked ✗). Underneath, what the step key does
// now, the score and the Class mode toggle. Shows what the controller holds; a click on a
// choice answers it (in class mode, reveals it).
class PredictPanel : public QWidget {
    Q_OBJECT
public:
    explicit PredictPanel(PredictController* controller, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);

    // As displayed.
    QString prompt() const;
    QString result() const; // empty until revealed
    QString score() const; // empty in class mode
    QList<QPushButton*> choiceButtons() const { return m_buttons; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void refresh();
    void layOutChoices(); // as many columns as the choices fit in, at most four
    void applyFonts();

    PredictController* m_controller;
    Theme m_theme = Theme::light();
    QLabel* m_prompt;
    QWidget* m_choices;
    QGridLayout* m_grid;
    QList<QPushButton*> m_buttons;
    QStringList m_choiceTexts; // the buttons' whole texts (a long output line is elided on its button)
    QLabel* m_result;
    QLabel* m_score;
    QToolButton* m_classMode;
};

} // namespace ui
