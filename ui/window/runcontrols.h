// SPDX-License-Identifier: MIT
#pragma once

#include "runform.h"
#include "theme.h"

#include <QHash>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpacerItem;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace ui {

// The run form of the toolbar: program, the fields of its parameters (from its description:
// chained's argument list, asyncq's producer and consumer counts), seed, plus buttons for the controller's New seed and Run actions. An
// invalid field gets a red outline and the message beside the buttons; the run on screen
// is not touched.
//
// Focus: while a field has focus it is being edited, and it keeps the keys that edit text
// (Left, Right, Home, End, Space). Return submits the form and Escape abandons the edit;
// both emit editingDone() so the window can hand the focus back to where the arrow keys
// step. PageUp / PageDown are never text keys, so a presentation clicker steps regardless.
class RunControls : public QWidget {
    Q_OBJECT
public:
    RunControls(QAction* run, QAction* newSeed, QWidget* parent = nullptr);

    RunForm form() const;
    void setForm(const RunForm& form);
    void setSeed(const QString& seed);

    // Marks `error.field` and shows the message; clearError() removes both.
    void showError(const RunFormError& error);
    void clearError();
    bool hasError() const;
    QString errorMessage() const;
    void setTheme(const Theme& theme);

    // At most three quarters of the screen's width, even when the fields need more (large
    // text on a small screen): the row then clips its last buttons (Run is also F5) instead of
    // making the window wider than the screen.
    QSize minimumSizeHint() const override;

signals:
    void edited(); // the user changed a field
    void submitted(); // Return in a field
    void editingDone(); // Return or Escape in a field: the focus may go back to the timeline

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // A program's parameter and the field that edits it (a line edit, or a spin box for a count).
    struct ParameterField {
        const sim::Program* program;
        const sim::ProgramParameter* parameter;
        QWidget* widget;
    };

    void sizeFields();
    void fitButtons(); // words beside their icons while the row has room for them
    QSpacerItem* fieldGap(); // between a field and the next field's label (sizeFields sizes them)
    QWidget* parameterPage(const sim::Program& program);
    void fieldEdited();
    const sim::Program& currentProgram() const;
    QWidget* fieldFor(const QString& key) const;
    void showProgramFields();
    void showScript(const RunForm& form);

    QComboBox* m_program;
    QStackedWidget* m_parameters; // one page per program
    QList<ParameterField> m_fields; // every program's, in the order of the pages
    RunForm m_form; // the last form set, for the fields of programs no page shows
    QLineEdit* m_scriptArguments = nullptr; // a recorded program's argv, once one was shown
    QLineEdit* m_seed;
    QList<QSpacerItem*> m_gaps; // owned by the rows
    QLabel* m_error;
    QWidget* m_invalidMark; // a red outline over the invalid field, or hidden
    QList<QToolButton*> m_buttons;
    QHash<QWidget*, QString> m_toolTips; // each field's own tooltip, for clearError()
    Theme m_theme = Theme::light();
};

} // namespace ui
