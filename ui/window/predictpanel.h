// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QWidget>

class QBoxLayout;
class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;

namespace ui {

class PredictController;

// Predict mode's question, in large type over the timeline: the prompt, one big button per
// choice, and once answered, right or wrong with the sentence that explains the step (the
// right choice marked ✓, a wrong choice made marked ✗). Underneath, what the step key does
// now, the score and the Class mode toggle. Shows what the controller holds; a click on a
// choice answers it (in class mode, reveals it). Held shorter than its answer (the window
// keeps the timeline's lanes readable under it), the answer scrolls.
class PredictPanel : public QWidget {
    Q_OBJECT
public:
    explicit PredictPanel(PredictController* controller, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);

    // As displayed.
    QString prompt() const;
    QString result() const; // empty until revealed
    QScrollArea* resultArea() const { return m_resultArea; }
    QString score() const; // empty in class mode
    QList<QPushButton*> choiceButtons() const { return m_buttons; }

    // The panel is as tall as its contents at its width, but no taller than `pixels` (the
    // window keeps the rest for the timeline's lanes): then its answer scrolls, two lines of
    // it showing at least.
    void setHeightLimit(int pixels);

protected:
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void refresh();
    void layOutHeader(); // the score and the toggle beside the prompt, or over each other
    void layOutChoices(); // as many columns as the choices fit in, at most four
    void applyFonts();
    void fitHeight(); // as tall as its contents, within the limit: the answer gives way, in whole lines

    PredictController* m_controller;
    Theme m_theme = Theme::light();
    QLabel* m_prompt;
    QWidget* m_choices;
    QGridLayout* m_grid;
    QList<QPushButton*> m_buttons;
    QStringList m_choiceTexts; // the buttons' whole texts (a long output line is elided on its button)
    QLabel* m_result;
    QScrollArea* m_resultArea;
    QLabel* m_score;
    QToolButton* m_classMode;
    QBoxLayout* m_corner;
    int m_heightLimit = QWIDGETSIZE_MAX;
};

} // namespace ui
