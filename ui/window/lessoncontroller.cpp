// SPDX-License-Identifier: MIT
#include "lessoncontroller.h"

#include "settings.h"

#include "predictcontroller.h"

#include "bookmarkdialog.h"
#include "lessonfile.h"
#include "mainwindow.h"
#include "notespanel.h"
#include "playbackcontroller.h"
#include "scrubber.h"
#include "timelinewidget.h"
#include "viewstate.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>

#include <set>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>

namespace ui {

namespace {
    // The lesson file's view and the window's view state: the same settings, the lesson
    // library having no GUI types.
    ViewSettings viewSettingsOf(const LessonView& view)
    {
        ViewSettings settings;
        settings.axis = view.axis == LessonView::Axis::Instants ? TimelineAxis::Instants
            : view.axis == LessonView::Axis::Steps              ? TimelineAxis::Steps
                                                                : TimelineAxis::Time;
        if (view.range)
            settings.range = VisibleRange { view.range->from, view.range->to };
        settings.theme = view.theme == LessonView::Theme::Dark ? ThemeKind::Dark : ThemeKind::Light;
        settings.textScale = view.textScale;
        settings.showInternalTasks = view.showInternalTasks;
        settings.hideFuture = view.hideFuture;
        return settings;
    }

    LessonView lessonViewOf(const ViewSettings& settings)
    {
        LessonView view;
        view.axis = settings.axis == TimelineAxis::Instants ? LessonView::Axis::Instants
            : settings.axis == TimelineAxis::Steps          ? LessonView::Axis::Steps
                                                            : LessonView::Axis::Time;
        if (settings.range)
            view.range = LessonRange { settings.range->start, settings.range->end };
        view.theme = settings.theme == ThemeKind::Dark ? LessonView::Theme::Dark : LessonView::Theme::Light;
        view.textScale = settings.textScale;
        view.showInternalTasks = settings.showInternalTasks;
        view.hideFuture = settings.hideFuture;
        return view;
    }

    QString runTitle(const Lesson& lesson, std::size_t index)
    {
        const QString& title = lesson.runs[index].title;
        return title.isEmpty() ? LessonController::tr("Run %1").arg(index + 1) : title;
    }
}

LessonController::LessonController(MainWindow* window, NotesPanel* notes)
    : QObject(window)
    , m_window(window)
    , m_notes(notes)
    , m_new(new QAction(tr("New &Lesson"), this))
    , m_open(new QAction(tr("Open Lesson\u2026"), this))
    , m_save(new QAction(tr("&Save Lesson"), this))
    , m_saveAs(new QAction(tr("Save Lesson &As\u2026"), this))
    , m_addRun(new QAction(tr("A&dd Run to Lesson"), this))
    , m_next(new QAction(tr("Next Bookmark"), this))
    , m_previous(new QAction(tr("Previous Bookmark"), this))
{
    m_new->setObjectName(QStringLiteral("newLessonAction"));
    m_open->setObjectName(QStringLiteral("openLessonAction"));
    m_save->setObjectName(QStringLiteral("saveLessonAction"));
    m_saveAs->setObjectName(QStringLiteral("saveLessonAsAction"));
    m_addRun->setObjectName(QStringLiteral("addRunToLessonAction"));
    m_next->setObjectName(QStringLiteral("nextBookmarkAction"));
    m_previous->setObjectName(QStringLiteral("previousBookmarkAction"));
    m_new->setToolTip(tr("Start a lesson with the run on screen"));
    m_addRun->setToolTip(tr("Add the run on screen to the lesson, to switch to in class"));
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    m_next->setShortcut(QKeySequence(Qt::Key_N));
    m_previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_N));

    connect(m_new, &QAction::triggered, this, &LessonController::newLesson);
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Lesson"),
            m_path.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                             : QFileInfo(m_path).absolutePath(),
            tr("Loopscope lessons (*.loopscope)"));
        if (!path.isEmpty())
            m_window->openFile(path); // and to Open Recent
    });
    connect(m_save, &QAction::triggered, this, &LessonController::save);
    connect(m_saveAs, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Lesson"),
            m_path.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) : m_path,
            tr("Loopscope lessons (*.loopscope)"));
        if (!path.isEmpty())
            saveAs(path.endsWith(QLatin1String(".loopscope")) ? path : path + QStringLiteral(".loopscope"));
    });
    connect(m_addRun, &QAction::triggered, this, [this] {
        const RunDataPtr& run = m_window->run();
        if (!m_lesson || !run || m_lesson->runs.size() >= maxLessonRuns)
            return;
        m_lesson->runs.push_back(lessonRunOf(run->request, QString::fromStdString(run->listing)));
        m_runIndex = m_lesson->runs.size() - 1;
        m_expected = run->request.describe();
        m_seenRun = nullptr;
        setModified(true);
        positionChanged(m_window->playback()->position());
        m_window->statusBar()->showMessage(tr("Added %1 to the lesson").arg(describeLessonRun(*m_lesson, m_runIndex)), 8000);
    });
    connect(m_next, &QAction::triggered, this, [this] { jump(true); });
    connect(m_previous, &QAction::triggered, this, [this] { jump(false); });

    connect(m_notes, &NotesPanel::addRequested, this, &LessonController::addBookmark);
    connect(m_notes, &NotesPanel::editRequested, this, &LessonController::editBookmark);
    connect(m_notes, &NotesPanel::removeRequested, this, &LessonController::removeBookmark);
    connect(m_notes, &NotesPanel::runSelected, this, [this](int index) { selectRun(std::size_t(index)); });
    connect(m_window->playback(), &PlaybackController::positionChanged, this, &LessonController::positionChanged);
    updateActions();
}

QList<QAction*> LessonController::actions() const
{
    return { m_new, m_open, m_save, m_saveAs, m_addRun, m_next, m_previous };
}

bool LessonController::showsLessonRun() const
{
    return m_lesson && m_window->run() && m_window->run()->request.describe() == m_expected;
}

LessonRun* LessonController::currentRun()
{
    return m_lesson && m_runIndex < m_lesson->runs.size() ? &m_lesson->runs[m_runIndex] : nullptr;
}

bool LessonController::open(const QString& path)
{
    if (!maybeSave())
        return false;
    QString error;
    std::optional<Lesson> lesson = readLesson(path, &error);
    if (!lesson) {
        // The lesson open stays as it was, unsaved changes included; nothing is written.
        report(m_lesson ? tr("%1. Still showing the lesson \u201c%2\u201d.").arg(error, m_lesson->title) : error);
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open the lesson"), error, QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("lessonErrorBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    if (!agreesToRunPrograms(*lesson)) {
        report(tr("Did not open %1: its Python program was not run.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    show(std::move(*lesson), QFileInfo(path).absoluteFilePath(), true);
    return true;
}

bool LessonController::agreesToRunPrograms(const Lesson& lesson)
{
    // Showing an embedded program means recording it: running it with python3 and the
    // user's rights. A lesson from someone else may hold any code, so it is asked about
    // once per program (a trace file, by contrast, never runs anything).
    Settings settings;
    QStringList unknown;
    QStringList sources;
    for (const LessonRun& run : lesson.runs) {
        if (const auto* program = std::get_if<EmbeddedProgram>(&run.program); program && !settings.trustsProgram(program->source)) {
            unknown << program->fileName;
            sources << program->source;
        }
    }
    if (unknown.isEmpty())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Run the lesson's program?"),
        tr("The lesson \u201c%1\u201d contains Python code: %2.").arg(lesson.title, unknown.join(QStringLiteral(", "))),
        QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("runLessonProgramBox"));
    box.setInformativeText(tr("Loopscope shows it by running it with python3, with your rights, as if you ran it "
                              "yourself. Run it only if you trust where the lesson comes from."));
    QPushButton* run = box.addButton(tr("Run the Program"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != run)
        return false;
    for (const QString& source : sources)
        settings.trustProgram(source);
    return true;
}

bool LessonController::openExample(const Example& example)
{
    if (!maybeSave())
        return false;
    // An example is a lesson of one run: its teacher's note shows before the first step, and
    // it can be saved as a lesson with bookmarks of the teacher's own. The view stays as it is.
    Lesson lesson;
    lesson.title = example.title;
    lesson.introduction = example.note;
    LessonRun run;
    run.title = example.title;
    run.program = EmbeddedProgram { example.fileName(), {}, example.source };
    lesson.runs.push_back(run);
    show(std::move(lesson), QString(), false);
    return true;
}

void LessonController::show(Lesson lesson, const QString& path, bool applyView)
{
    m_lesson = std::move(lesson);
    m_path = path;
    m_runIndex = 0;
    m_problem.clear();
    setModified(false);
    if (applyView) {
        // The lesson's view, through the window's view state: applied as if the teacher had
        // chosen it (and remembered, as any View setting), its zoom for the run to come.
        m_window->restoreView(viewSettingsOf(m_lesson->view));
    }
    m_notes->parentWidget()->show(); // the Notes dock
    m_notes->parentWidget()->raise();
    startRun();
}

void LessonController::newLesson()
{
    const RunDataPtr& run = m_window->run();
    if (!run || !maybeSave())
        return;
    bool ok = false;
    const QString title = QInputDialog::getText(
        m_window, tr("New Lesson"), tr("The lesson's title:"), QLineEdit::Normal, tr("Untitled lesson"), &ok);
    if (!ok)
        return;
    Lesson lesson;
    lesson.title = title.trimmed().isEmpty() ? tr("Untitled lesson") : title.trimmed();
    lesson.runs.push_back(lessonRunOf(run->request, QString::fromStdString(run->listing)));
    m_lesson = std::move(lesson);
    m_path.clear();
    m_runIndex = 0;
    m_expected = run->request.describe();
    m_seenRun = nullptr;
    setModified(true); // nothing on disk yet
    m_notes->parentWidget()->show();
    positionChanged(m_window->playback()->position());
}

void LessonController::selectRun(std::size_t index)
{
    if (!m_lesson || index >= m_lesson->runs.size())
        return;
    m_runIndex = index;
    startRun();
}

QString LessonController::programFolder() const
{
    // A folder of the lesson's own: its programs are recorded from there, under their names.
    QString name = m_lesson->title;
    name.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name.prepend(QStringLiteral("lesson"));
    return QStringLiteral("%1/lessons/%2")
        .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation), name.left(80));
}

std::optional<sim::RunRequest> LessonController::requestFor(std::size_t index)
{
    const LessonRun& run = m_lesson->runs[index];
    auto request = requestOf(run);
    if (auto* message = std::get_if<QString>(&request)) { // checkLesson has refused it already
        report(QStringLiteral("%1: %2").arg(describeLessonRun(*m_lesson, index), *message));
        return std::nullopt;
    }
    sim::RunRequest& valid = std::get<sim::RunRequest>(request);
    if (const auto* program = std::get_if<EmbeddedProgram>(&run.program)) {
        // Recording needs the program as a file: written to the lesson's folder, whole or not at all.
        const QString folder = programFolder();
        const QString path = QDir(folder).filePath(program->fileName);
        QSaveFile file(path);
        if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly) || file.write(program->source.toUtf8()) < 0
            || !file.commit()) {
            report(tr("Cannot write %1 to record it: %2").arg(path, file.errorString()));
            return std::nullopt;
        }
        valid.script->path = path.toStdString();
    }
    return valid;
}

void LessonController::startRun()
{
    auto request = requestFor(m_runIndex);
    if (!request)
        return;
    const sim::RunRequest& valid = *request;
    m_expected = valid.describe();
    m_seenRun = nullptr;
    QStringList titles;
    for (std::size_t i = 0; i < m_lesson->runs.size(); ++i)
        titles << runTitle(*m_lesson, i);
    m_notes->setRuns(titles, int(m_runIndex));
    if (m_window->run() && m_window->run()->request.describe() == m_expected)
        positionChanged(m_window->playback()->position()); // already on screen
    m_window->runRequest(valid);
    // The lesson's comparison: its other run drawn under this one.
    if (m_lesson->comparison && m_lesson->comparison->above == m_runIndex && m_lesson->comparison->below < m_lesson->runs.size()) {
        if (auto other = requestFor(m_lesson->comparison->below))
            m_window->compareWith(*other);
    }
    emit lessonChanged();
}

void LessonController::positionChanged(std::size_t)
{
    if (m_window->run().get() != m_seenRun) {
        m_seenRun = m_window->run().get();
        runShown();
    }
    showNotes();
    updateActions();
}

void LessonController::runShown()
{
    // Marks for this run's bookmarks, and, once its length is known, any bookmark beyond it.
    std::vector<std::size_t> steps;
    std::set<std::size_t> asking; // the steps the teacher marked to ask a prediction at
    if (showsLessonRun()) {
        for (const LessonBookmark& bookmark : currentRun()->bookmarks) {
            steps.push_back(std::size_t(bookmark.step));
            if (!bookmark.asks.empty())
                asking.insert(std::size_t(bookmark.step));
        }
        const QString problem = checkBookmarks(*m_lesson, m_runIndex, m_window->run()->index->stepCount());
        if (!problem.isEmpty())
            report(problem);
    }
    // Predict mode asks at the marked steps only, when the lesson marks any; else at every step.
    m_window->predict()->setQuestionSteps(asking.empty() ? std::nullopt : std::optional<std::set<std::size_t>>(asking));
    m_window->scrubber()->setBookmarks(steps);
    m_window->timeline()->setBookmarks(steps);
}

void LessonController::showNotes()
{
    const std::uint64_t position = m_window->playback()->position();
    if (!m_lesson) {
        m_notes->showNote({}, tr("No lesson open. File > Open Lesson\u2026, or Add bookmark here to start one with this run."), {});
        m_notes->setEditing(bool(m_window->run()), false, false);
        return;
    }
    if (!showsLessonRun()) {
        m_notes->showNote(m_lesson->title,
            tr("The run on screen is not one of this lesson's: its bookmarks are not shown. "
               "File > Add Run to Lesson adds it."),
            {});
        m_notes->setEditing(false, false, false);
        return;
    }
    const LessonRun& run = *currentRun();
    if (const LessonBookmark* bookmark = bookmarkAt(run, position)) {
        QStringList asks;
        for (sim::QuestionKind kind : bookmark->asks)
            asks << questionText(kind);
        m_notes->showNote(bookmark->title.isEmpty() ? tr("Step %L1").arg(position) : bookmark->title, bookmark->note,
            asks.isEmpty() ? QString() : tr("Ask: %1").arg(asks.join(QStringLiteral(" \u00b7 "))));
        m_notes->setEditing(false, true, true);
        return;
    }
    if (position == 0) {
        m_notes->showNote(m_lesson->title, m_lesson->introduction, {});
        m_notes->setEditing(true, true, false); // Edit: the title and introduction
        return;
    }
    const auto next = std::ranges::find_if(run.bookmarks, [&](const LessonBookmark& b) { return b.step > position; });
    m_notes->showNote({},
        next == run.bookmarks.end()
            ? tr("No bookmark after this step.")
            : tr("Next bookmark: step %L1%2 (N)")
                  .arg(next->step)
                  .arg(next->title.isEmpty() ? QString() : tr(", \u201c%1\u201d").arg(next->title)),
        {});
    m_notes->setEditing(true, false, false);
}

void LessonController::addBookmark()
{
    if (!m_lesson) {
        newLesson(); // a bookmark with no lesson open starts one with the run on screen
        if (!m_lesson)
            return;
    }
    if (!showsLessonRun())
        return;
    const std::uint64_t position = m_window->playback()->position();
    BookmarkDialog dialog(BookmarkDialog::Kind::Bookmark, tr("Bookmark at step %L1").arg(position), m_window);
    if (dialog.exec() != QDialog::Accepted || !m_lesson)
        return;
    if (!ui::addBookmark(*currentRun(), dialog.bookmark(position)))
        return;
    setModified(true);
    runShown();
    showNotes();
}

void LessonController::editBookmark()
{
    if (!showsLessonRun())
        return;
    const std::uint64_t position = m_window->playback()->position();
    LessonRun& run = *currentRun();
    const auto found = std::ranges::find_if(run.bookmarks, [&](const LessonBookmark& b) { return b.step == position; });
    if (found == run.bookmarks.end()) {
        if (position != 0)
            return;
        BookmarkDialog dialog(BookmarkDialog::Kind::Introduction, tr("The lesson"), m_window);
        dialog.setBookmark(LessonBookmark { 0, m_lesson->title, m_lesson->introduction, {} });
        if (dialog.exec() != QDialog::Accepted || !m_lesson)
            return;
        const LessonBookmark edited = dialog.bookmark(0);
        m_lesson->title = edited.title.isEmpty() ? m_lesson->title : edited.title;
        m_lesson->introduction = edited.note;
    } else {
        BookmarkDialog dialog(BookmarkDialog::Kind::Bookmark, tr("Bookmark at step %L1").arg(position), m_window);
        dialog.setBookmark(*found);
        if (dialog.exec() != QDialog::Accepted || !m_lesson)
            return;
        *found = dialog.bookmark(position);
    }
    setModified(true);
    showNotes();
}

void LessonController::removeBookmark()
{
    if (!showsLessonRun())
        return;
    LessonRun& run = *currentRun();
    const std::uint64_t position = m_window->playback()->position();
    if (std::erase_if(run.bookmarks, [&](const LessonBookmark& b) { return b.step == position; }) == 0)
        return;
    setModified(true);
    runShown();
    showNotes();
}

void LessonController::jump(bool forwards)
{
    if (!showsLessonRun())
        return;
    const std::uint64_t position = m_window->playback()->position();
    const auto& bookmarks = currentRun()->bookmarks;
    const std::size_t end = m_window->run()->index->stepCount();
    if (forwards) {
        for (const LessonBookmark& bookmark : bookmarks)
            if (bookmark.step > position && bookmark.step <= end)
                return m_window->playback()->setPosition(std::size_t(bookmark.step));
    } else {
        for (auto it = bookmarks.rbegin(); it != bookmarks.rend(); ++it)
            if (it->step < position)
                return m_window->playback()->setPosition(std::size_t(std::min<std::uint64_t>(it->step, end)));
    }
}

bool LessonController::save()
{
    if (!m_lesson)
        return false;
    if (m_path.isEmpty()) {
        const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Lesson"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), tr("Loopscope lessons (*.loopscope)"));
        if (path.isEmpty())
            return false;
        return saveAs(path.endsWith(QLatin1String(".loopscope")) ? path : path + QStringLiteral(".loopscope"));
    }
    return saveAs(m_path);
}

bool LessonController::saveAs(const QString& path)
{
    if (!m_lesson)
        return false;
    // The lesson opens as the window looks now. Its zoom is in the units of the run on
    // screen: kept only when that is the run the lesson opens on.
    const std::optional<LessonRange> range = m_lesson->view.range;
    m_lesson->view = lessonViewOf(m_window->viewState()->settings());
    if (!(showsLessonRun() && m_runIndex == 0))
        m_lesson->view.range = range;
    QString error;
    if (!writeLesson(path, *m_lesson, &error)) { // all or nothing: the file there stays as it was
        report(error);
        QMessageBox::warning(m_window, tr("Cannot save the lesson"), error);
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    Settings settings; // the teacher's own lesson: its programs are not asked about when it is opened again
    for (const LessonRun& run : m_lesson->runs) {
        if (const auto* program = std::get_if<EmbeddedProgram>(&run.program))
            settings.trustProgram(program->source);
    }
    setModified(false);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_path)), 8000);
    return true;
}

bool LessonController::maybeSave()
{
    if (!m_lesson || !m_modified)
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved lesson"),
        tr("The lesson \u201c%1\u201d has changes that are not saved.").arg(m_lesson->title),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("unsavedLessonBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void LessonController::setModified(bool modified)
{
    m_modified = modified;
    updateActions();
    emit lessonChanged();
}

void LessonController::updateActions()
{
    const bool lessonRun = showsLessonRun();
    m_save->setEnabled(bool(m_lesson));
    m_saveAs->setEnabled(bool(m_lesson));
    m_addRun->setEnabled(bool(m_lesson) && m_window->run() && !lessonRun && m_lesson->runs.size() < maxLessonRuns);
    m_next->setEnabled(lessonRun);
    m_previous->setEnabled(lessonRun);
    m_new->setEnabled(bool(m_window->run()));
}

void LessonController::report(const QString& message)
{
    m_problem = message;
    m_window->statusBar()->showMessage(message);
}

} // namespace ui
