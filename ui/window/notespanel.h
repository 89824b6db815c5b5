// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;

namespace ui {

// "Notes": what the teacher wrote for this moment of the lesson, in large type for the
// room. At step 0 the lesson's title and introduction; at a bookmark's step its title, its
// note and the questions to ask there; elsewhere a line saying where the next bookmark is.
// Below, for the teacher: the lesson's runs (when it has several) and Add / Edit / Remove
// bookmark. It only shows and forwards: LessonController decides what it shows.
class NotesPanel : public QWidget {
    Q_OBJECT
public:
    explicit NotesPanel(QWidget* parent = nullptr);

    // `heading` large and bold, `body` large, `asks` ("Ask: which task runs next?") under it.
    void showNote(const QString& heading, const QString& body, const QString& asks);
    // What the buttons can do here: add (no bookmark on this step), edit, remove.
    void setEditing(bool canAdd, bool canEdit, bool canRemove);
    // The lesson's runs, by title; the list shows only with two runs or more.
    void setRuns(const QStringList& titles, int current);

    // As displayed.
    QString heading() const;
    QString body() const;
    QString asks() const;

signals:
    void addRequested();
    void editRequested();
    void removeRequested();
    void runSelected(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyFonts();

    QComboBox* m_runs;
    QWidget* m_runRow;
    QScrollArea* m_scroll;
    QLabel* m_heading;
    QLabel* m_body;
    QLabel* m_asks;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_remove;
};

} // namespace ui
