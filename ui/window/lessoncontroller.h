// SPDX-License-Identifier: MIT
#pragma once

#include "examples.h"
#include "lesson.h"
#include "rundata.h"

#include <QObject>

#include <optional>

class QAction;

namespace ui {

class MainWindow;
class NotesPanel;

// The lesson open in the window (README, Lesson files): File > New / Open / Save / Save As
// / Add Run to Lesson, the Notes panel, N / Shift+N between bookmarks, and the question
// on close or before another lesson whether to keep unsaved changes. It runs a lesson's
// runs through the window's own run path (MainWindow::runRequest), applies the lesson's
// view through the window's view state (and saves the window's view with it), and once a run of the lesson is on screen checks its bookmarks
// against it and marks them on the scrubber and the timeline.
class LessonController : public QObject {
    Q_OBJECT
public:
    LessonController(MainWindow* window, NotesPanel* notes);

    // Opens `path`: after asking about unsaved changes; a file that cannot be read leaves
    // the lesson open as it was and says why (message box and status bar). False then.
    bool open(const QString& path);
    // Opens a built-in example (Help > Examples) as a lesson of one run, not yet saved.
    bool openExample(const Example& example);
    // Saves to the lesson's file (or asks for one); false when not saved.
    bool save();
    bool saveAs(const QString& path);
    // Asks Save / Discard / Cancel when the lesson has unsaved changes: whether to go on.
    bool maybeSave();

    const std::optional<Lesson>& lesson() const { return m_lesson; }
    QString path() const { return m_path; }
    bool isModified() const { return m_modified; }
    std::size_t runIndex() const { return m_runIndex; }
    // Whether the run on screen is the lesson's current run (its bookmarks apply to it).
    bool showsLessonRun() const;
    void selectRun(std::size_t index);
    // The last problem reported (a file that could not be read, bookmarks beyond a run's end).
    QString problem() const { return m_problem; }

    QAction* newAction() const { return m_new; }
    QAction* openAction() const { return m_open; }
    QAction* saveAction() const { return m_save; }
    QAction* saveAsAction() const { return m_saveAs; }
    QAction* addRunAction() const { return m_addRun; }
    QAction* nextBookmarkAction() const { return m_next; }
    QAction* previousBookmarkAction() const { return m_previous; }
    QList<QAction*> actions() const;

private:
    void show(Lesson lesson, const QString& path, bool applyView);
    bool agreesToRunPrograms(const Lesson& lesson); // asks before the first run of a program it embeds
    // The request of run `index`, with an embedded program written out to record; nothing
    // (and the problem reported) when it cannot run.
    std::optional<sim::RunRequest> requestFor(std::size_t index);

signals:
    void lessonChanged(); // opened, closed, edited, saved

private:
    void newLesson();
    void startRun();
    void positionChanged(std::size_t position);
    void runShown();
    void showNotes();
    void addBookmark();
    void editBookmark();
    void removeBookmark();
    void jump(bool forwards);
    void setModified(bool modified);
    void updateActions();
    void report(const QString& message);
    QString programFolder() const; // where embedded programs are written to be recorded
    LessonRun* currentRun();

    MainWindow* m_window;
    NotesPanel* m_notes;
    std::optional<Lesson> m_lesson;
    QString m_path;
    bool m_modified = false;
    std::size_t m_runIndex = 0;
    std::string m_expected; // describe() of the request of the lesson's current run
    RunData const* m_seenRun = nullptr; // the run on screen when positionChanged last came
    QString m_problem;

    QAction* m_new;
    QAction* m_open;
    QAction* m_save;
    QAction* m_saveAs;
    QAction* m_addRun;
    QAction* m_next;
    QAction* m_previous;
};

} // namespace ui
