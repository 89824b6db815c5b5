// SPDX-License-Identifier: MIT
// A lesson in the window, as a teacher uses it: opened from a file (its first run, its
// view, its notes at their steps), stepped through with N / Shift+N, added to and saved,
// kept when another file cannot be read, guarded on close, and shown in the Presentation
// layout on a projector's screen.
#include "lessoncontroller.h"
#include "lessonfile.h"
#include "mainwindow.h"
#include "predictcontroller.h"
#include "comparisonview.h"
#include "modalscript.h"
#include "narrationpanel.h"
#include "notespanel.h"
#include "panelarranger.h"
#include "playbackcontroller.h"
#include "runrequests.h"
#include "scrubber.h"
#include "startedwindow.h"
#include "timelinepainter.h"
#include "timelinewidget.h"
#include "viewstate.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QAbstractButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ui;

namespace {

const sim::RunRequest firstRun = sim::testruns::asyncq(7, 3, 4);
const sim::RunRequest secondRun = sim::testruns::chained(444, { 1, 2, 3 });

// A lesson as a teacher would write it: two runs, two bookmarks on the first, its own look.
Lesson queueLesson()
{
    Lesson lesson;
    lesson.title = QStringLiteral("asyncio.Queue: who waits, who wakes");
    lesson.introduction = QStringLiteral("Three producers and four consumers share one queue.");
    LessonRun queue = lessonRunOf(firstRun);
    queue.title = QStringLiteral("Three producers, four consumers");
    queue.bookmarks = {
        { 5, QStringLiteral("The first put"), QStringLiteral("A producer puts its first item."), { sim::QuestionKind::NextTask } },
        { 12, QStringLiteral("Who runs next?"), QStringLiteral("Pause here.\nWhich task runs next?"),
            { sim::QuestionKind::NextTask, sim::QuestionKind::NextOutput } },
    };
    lesson.runs.push_back(queue);
    lesson.runs.push_back(lessonRunOf(secondRun));
    lesson.view.axis = LessonView::Axis::Steps;
    lesson.view.theme = LessonView::Theme::Dark;
    lesson.view.textScale = 1.15;
    lesson.view.hideFuture = true;
    return lesson;
}

QMessageBox* messageBox(QWidget* dialog) { return qobject_cast<QMessageBox*>(dialog); }

// Clicks a standard button of the message box on screen.
ModalScript::Step answer(QMessageBox::StandardButton button)
{
    return [button](QWidget* dialog) {
        QVERIFY(messageBox(dialog));
        QCOMPARE(dialog->objectName(), QStringLiteral("unsavedLessonBox"));
        messageBox(dialog)->button(button)->click();
    };
}

// Fills the bookmark dialog as a teacher types it, and presses OK.
ModalScript::Step fillBookmark(const QString& title, const QString& note)
{
    return [title, note](QWidget* dialog) {
        auto* titleField = dialog->findChild<QLineEdit*>(QStringLiteral("bookmarkTitle"));
        auto* noteField = dialog->findChild<QPlainTextEdit*>(QStringLiteral("bookmarkNote"));
        QVERIFY(titleField && noteField);
        titleField->setText(title);
        noteField->setPlainText(note);
        dialog->findChild<QCheckBox*>(QStringLiteral("ask%1").arg(int(sim::QuestionKind::EndTime)))->setChecked(true);
        static_cast<QDialog*>(dialog)->accept();
    };
}

class LessonWindow : public StartedWindow {
public:
    using StartedWindow::StartedWindow;

    // Opens `path` as File > Open does and waits for the lesson's run to be on screen.
    bool open(const QString& path, const sim::RunRequest& expected = firstRun) const
    {
        window->openFile(path);
        return QTest::qWaitFor(
            [&] { return window->run() && window->run()->request.describe() == expected.describe()
                      && window->lessons()->showsLessonRun(); },
            20000);
    }

    QPushButton* button(const char* name) const { return window->findChild<QPushButton*>(QLatin1String(name)); }
    QDockWidget* dock(const char* name) const { return window->findChild<QDockWidget*>(QLatin1String(name)); }
};

} // namespace

class tst_LessonWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void openingALessonRunsItsFirstRunAndAppliesItsView();
    void theNoteShowsAtItsBookmarkAndNJumpsBetweenBookmarks();
    void anotherRunOfTheLessonIsChosenFromTheNotesPanel();
    void aBookmarkAddedInTheWindowIsSavedAndReadsBack();
    void unsavedChangesAreAskedAboutOnCloseAndBeforeAnotherLesson();
    void aBadLessonFileKeepsTheLessonOpenAndNamesTheProblem();
    void aBookmarkBeyondTheRunIsNamedOnceTheRunIsComputed();
    void theLessonsComparisonAndQuestionStepsAreApplied();
    void presentationShowsTheTimelineWhyAndNotesLarge_data();
    void presentationShowsTheTimelineWhyAndNotesLarge();
    void aLessonsPythonProgramRunsOnlyOnceTheUserAgrees();

private:
    QString writeLessonFile(const Lesson& lesson, const QString& name = QStringLiteral("week3.loopscope"));
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_LessonWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessonwindow"));
}

void tst_LessonWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
}

void tst_LessonWindow::cleanup() { m_dir.reset(); }

QString tst_LessonWindow::writeLessonFile(const Lesson& lesson, const QString& name)
{
    const QString path = m_dir->filePath(name);
    QString error;
    if (!writeLesson(path, lesson, &error))
        qFatal("%s", qPrintable(error));
    return path;
}

void tst_LessonWindow::theLessonsComparisonAndQuestionStepsAreApplied()
{
    Lesson lesson = queueLesson();
    lesson.comparison = LessonComparison { 0, 1 };
    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.open(writeLessonFile(lesson)));
    // The second run, drawn under the first.
    QVERIFY(QTest::qWaitFor([&] { return window->comparisonView()->isComparing(); }, 20000));
    QCOMPARE(window->comparisonView()->second()->request.describe(), secondRun.describe());
    // Predict mode asks at the bookmarks that ask, not at every step.
    QCOMPARE(window->predict()->questionSteps(), (std::optional<std::set<std::size_t>>(std::set<std::size_t> { 5, 12 })));
}

void tst_LessonWindow::openingALessonRunsItsFirstRunAndAppliesItsView()
{
    const QString path = writeLessonFile(queueLesson());
    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(!window.dock("notesDock")->isVisible()); // no lesson, no notes
    QVERIFY(window.open(path));

    // The lesson's view, as the View menu holds it, and on the timeline.
    QCOMPARE(window->viewState()->axis(), TimelineAxis::Steps);
    QCOMPARE(window->timeline()->axis(), TimelineAxis::Steps);
    QCOMPARE(window->viewState()->theme(), ThemeKind::Dark);
    QCOMPARE(window->viewState()->textScale(), 1.15);
    QVERIFY(window->viewState()->hideFuture());
    QVERIFY(window->timeline()->hidesFuture());

    // Step 0: the lesson's title and introduction; the bookmarks are marked.
    QTRY_VERIFY(window.dock("notesDock")->isVisible());
    QCOMPARE(window.position(), std::size_t(0));
    QCOMPARE(window->notesPanel()->heading(), queueLesson().title);
    QCOMPARE(window->notesPanel()->body(), queueLesson().introduction);
    QCOMPARE(window->scrubber()->bookmarks(), (std::vector<std::size_t> { 5, 12 }));
    QCOMPARE(window->timeline()->bookmarks(), (std::vector<std::size_t> { 5, 12 }));
    QVERIFY(!window->lessons()->isModified());
    QVERIFY(window->lessons()->problem().isEmpty());
}

void tst_LessonWindow::theNoteShowsAtItsBookmarkAndNJumpsBetweenBookmarks()
{
    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.open(writeLessonFile(queueLesson())));

    window.press(Qt::Key_N);
    QCOMPARE(window.position(), std::size_t(5));
    QCOMPARE(window->notesPanel()->heading(), QStringLiteral("The first put"));
    QCOMPARE(window->notesPanel()->body(), QStringLiteral("A producer puts its first item."));
    QCOMPARE(window->notesPanel()->asks(), QStringLiteral("Ask: which task runs next?"));
    window.press(Qt::Key_N);
    QCOMPARE(window.position(), std::size_t(12));
    QCOMPARE(window->notesPanel()->body(), QStringLiteral("Pause here.\nWhich task runs next?"));
    QCOMPARE(window->notesPanel()->asks(), QStringLiteral("Ask: which task runs next? \u00b7 what is printed next?"));
    window.press(Qt::Key_N); // no bookmark after: stays
    QCOMPARE(window.position(), std::size_t(12));

    // Between bookmarks the panel says where the next one is.
    window.press(Qt::Key_Left);
    QVERIFY2(window->notesPanel()->body().contains(QStringLiteral("step 12")), qPrintable(window->notesPanel()->body()));
    window.press(Qt::Key_N, Qt::ShiftModifier);
    QCOMPARE(window.position(), std::size_t(5));
    window.press(Qt::Key_N, Qt::ShiftModifier);
    QCOMPARE(window.position(), std::size_t(5)); // none before
}

void tst_LessonWindow::anotherRunOfTheLessonIsChosenFromTheNotesPanel()
{
    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.open(writeLessonFile(queueLesson())));
    auto* runs = window->findChild<QComboBox*>(QStringLiteral("lessonRunField"));
    QTRY_VERIFY(runs->isVisible());
    QCOMPARE(runs->count(), 2);
    QCOMPARE(runs->itemText(0), QStringLiteral("Three producers, four consumers"));
    emit runs->activated(1);
    QTRY_VERIFY(window->run()->request.describe() == secondRun.describe() && window->lessons()->showsLessonRun());
    QCOMPARE(window->lessons()->runIndex(), std::size_t(1));
    QVERIFY(window->scrubber()->bookmarks().empty());
}

void tst_LessonWindow::aBookmarkAddedInTheWindowIsSavedAndReadsBack()
{
    // The teacher adds a bookmark at step 8 with Notes' button, saves with Ctrl+S, and the
    // file holds it: another window opening the file stops there.
    const QString path = writeLessonFile(queueLesson());
    {
        LessonWindow window;
        QVERIFY(window.ready);
        QVERIFY(window.open(path));
        window->playback()->setPosition(8);
        ModalScript script({ fillBookmark(QStringLiteral("Half way"), QStringLiteral("Who is waiting now?")) });
        QVERIFY(window.button("addBookmarkButton")->isEnabled());
        window.button("addBookmarkButton")->click();
        QTRY_VERIFY(script.done());
        QVERIFY(window->lessons()->isModified());
        QCOMPARE(window->notesPanel()->heading(), QStringLiteral("Half way"));
        QCOMPARE(window->scrubber()->bookmarks(), (std::vector<std::size_t> { 5, 8, 12 }));
        QVERIFY(!window.button("addBookmarkButton")->isEnabled()); // one per step
        window->activateWindow(); // as the window is again once the dialog has gone
        QVERIFY(QTest::qWaitForWindowActive(window.window.get()));
        window.press(Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!window->lessons()->isModified());
    }
    QString error;
    const std::optional<Lesson> saved = readLesson(path, &error);
    QVERIFY2(saved, qPrintable(error));
    Lesson expected = queueLesson();
    QVERIFY(addBookmark(expected.runs[0],
        { 8, QStringLiteral("Half way"), QStringLiteral("Who is waiting now?"), { sim::QuestionKind::EndTime } }));
    QVERIFY(*saved == expected);

    LessonWindow again;
    QVERIFY(again.ready);
    QVERIFY(again.open(path));
    again.press(Qt::Key_N);
    again.press(Qt::Key_N);
    QCOMPARE(again.position(), std::size_t(8));
    QCOMPARE(again->notesPanel()->body(), QStringLiteral("Who is waiting now?"));
    QCOMPARE(again->notesPanel()->asks(), QStringLiteral("Ask: when does the run end?"));
}

void tst_LessonWindow::unsavedChangesAreAskedAboutOnCloseAndBeforeAnotherLesson()
{
    const QString path = writeLessonFile(queueLesson());
    Lesson other = queueLesson();
    other.title = QStringLiteral("Another lesson");
    std::swap(other.runs[0], other.runs[1]);
    const QString otherPath = writeLessonFile(other, QStringLiteral("week4.loopscope"));
    const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();

    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.open(path));
    window.press(Qt::Key_N); // at the first bookmark: remove it
    window.button("removeBookmarkButton")->click();
    QVERIFY(window->lessons()->isModified());

    // Close, then Cancel: the window and the change stay.
    {
        ModalScript script({ answer(QMessageBox::Cancel) });
        window->close();
        QVERIFY(script.done());
        QVERIFY(window->isVisible());
        QVERIFY(window->lessons()->isModified());
    }
    // Another lesson, then Discard: it opens; the first file is as it was.
    {
        ModalScript script({ answer(QMessageBox::Discard) });
        QVERIFY(window.open(otherPath, secondRun));
        QVERIFY(script.done());
        QCOMPARE(window->lessons()->lesson()->title, QStringLiteral("Another lesson"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }
    // A change, then close and Save: the file holds it and the window closes.
    window.press(Qt::Key_End);
    ModalScript edit({ fillBookmark(QStringLiteral("The end"), QStringLiteral("How long did it take?")) });
    window.button("addBookmarkButton")->click();
    QTRY_VERIFY(edit.done());
    {
        ModalScript script({ answer(QMessageBox::Save) });
        window->close();
        QVERIFY(script.done());
        QVERIFY(!window->isVisible());
    }
    QString error;
    const std::optional<Lesson> saved = readLesson(otherPath, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->runs[0].bookmarks.size(), std::size_t(1));
    QCOMPARE(saved->runs[0].bookmarks[0].title, QStringLiteral("The end"));
}

void tst_LessonWindow::aBadLessonFileKeepsTheLessonOpenAndNamesTheProblem()
{
    const QString path = writeLessonFile(queueLesson());
    const QString bad = m_dir->filePath(QStringLiteral("broken.loopscope"));
    {
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"format\": \"loopscope-lesson\",\n  \"version\": 1,\n  \"title\": \"x\",\n  \"runs\": [\n");
    }
    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.open(path));
    window.press(Qt::Key_N);
    const RunDataPtr shown = window->run();

    window->openFile(bad);
    auto* box = window->findChild<QMessageBox*>(QStringLiteral("lessonErrorBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QString error;
    QVERIFY(!readLesson(bad, &error));
    QCOMPARE(box->text(), error); // the reader's own message: the file, the line, the problem
    QVERIFY2(error.startsWith(bad + QStringLiteral(", line ")), qPrintable(error));
    QVERIFY2(window->statusBar()->currentMessage().startsWith(error), qPrintable(window->statusBar()->currentMessage()));
    box->close();

    QCOMPARE(window->lessons()->lesson()->title, queueLesson().title);
    QCOMPARE(window->lessons()->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window->run(), shown);
    QCOMPARE(window.position(), std::size_t(5));
    QCOMPARE(window->notesPanel()->heading(), QStringLiteral("The first put"));
}

void tst_LessonWindow::aBookmarkBeyondTheRunIsNamedOnceTheRunIsComputed()
{
    Lesson lesson = queueLesson();
    lesson.runs[0].bookmarks.push_back({ 100000, QStringLiteral("Far away"), {}, {} });
    LessonWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.open(writeLessonFile(lesson)));
    const QString expected = checkBookmarks(lesson, 0, window->run()->index->stepCount());
    QVERIFY(expected.contains(QStringLiteral("beyond the end")));
    QTRY_COMPARE(window->lessons()->problem(), expected);
    QCOMPARE(window->statusBar()->currentMessage(), expected);
}

void tst_LessonWindow::presentationShowsTheTimelineWhyAndNotesLarge_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x768") << QSize(1024, 744);
    QTest::newRow("1280x720") << QSize(1280, 696);
}

void tst_LessonWindow::presentationShowsTheTimelineWhyAndNotesLarge()
{
    QFETCH(QSize, size);
    Lesson lesson = queueLesson();
    lesson.view = {}; // the default look: light, text at 1
    LessonWindow window(size);
    QVERIFY(window.ready);
    QVERIFY(window.open(writeLessonFile(lesson)));
    window.press(Qt::Key_N);
    window.press(Qt::Key_N); // the longer note
    window.press(Qt::Key_F6);
    QVERIFY(window->panels()->presentationAction()->isChecked());
    QCOMPARE(window->panels()->arrangement(), PanelArranger::Arrangement::Presentation);
    QTest::qWait(150); // the panels are sized once the window is laid out

    // The timeline keeps at least 8 lanes.
    const TimelineLayout timeline
        = window->timeline()->timelinePainter().layout(window->timeline()->contentRect(), window->timeline()->viewport());
    const double lanes = std::min(8.0, double(timeline.rowCount));
    QCOMPARE(lanes, 8.0); // main, three producers, four consumers
    QVERIFY2(timeline.lanes.height() >= lanes * timeline.laneHeight - 0.5,
        qPrintable(QStringLiteral("%1 lanes in view").arg(timeline.lanes.height() / timeline.laneHeight, 0, 'f', 1)));

    // Why and the note: whole, in type larger than the window's.
    auto* why = window->narrationPanel()->findChild<QScrollArea*>();
    QTRY_COMPARE(why->verticalScrollBar()->maximum(), 0);
    QVERIFY(window.dock("whyDock")->isVisible());
    QVERIFY(window.dock("notesDock")->isVisible());
    auto* note = window->findChild<QLabel*>(QStringLiteral("noteBody"));
    QVERIFY(note->isVisible());
    QVERIFY(note->font().pointSizeF() >= QApplication::font().pointSizeF() * 1.25);
    auto* notes = window->notesPanel()->findChild<QScrollArea*>();
    QTRY_COMPARE(notes->verticalScrollBar()->maximum(), 0);
    // Larger than the panels that are not read out: Why and Notes over the tabs.
    const int column = window.dock("whyDock")->height() + window.dock("notesDock")->height();
    QVERIFY2(window.dock("loopDock")->height() < column / 2,
        qPrintable(QStringLiteral("%1 of %2").arg(window.dock("loopDock")->height()).arg(column)));
    QVERIFY(!window.dock("outputDock")->isVisible() || window.dock("outputDock")->height() < column / 2);

    // For the README: LOOPSCOPE_SCREENSHOTS=folder keeps the layout at 1280x720 (and 1024x768).
    if (const QString folder = qEnvironmentVariable("LOOPSCOPE_SCREENSHOTS"); !folder.isEmpty())
        window->grab().save(QStringLiteral("%1/window-presentation%2.png")
                                .arg(folder, size.width() == 1280 ? QString() : QStringLiteral("-1024x768")));

    // F6 again: back to the arrangement that fits the window.
    window.press(Qt::Key_F6);
    QCOMPARE(window->panels()->arrangement(), PanelArranger::preferred(window->height(), 1.0));
}

void tst_LessonWindow::aLessonsPythonProgramRunsOnlyOnceTheUserAgrees()
{
    // A lesson from a colleague embeds a program; opening it must not run that program
    // behind the user's back. The program leaves a mark when it runs.
    const QString mark = m_dir->filePath(QStringLiteral("ran"));
    Lesson lesson;
    lesson.title = QStringLiteral("Borrowed lesson");
    LessonRun run;
    run.program = EmbeddedProgram { QStringLiteral("hello.py"), {},
        QStringLiteral("import asyncio\nopen(%1, 'a').close()\n\nasync def main():\n    print('hello')\n    await asyncio.sleep(1)\n\n"
                       "asyncio.run(main())\n")
            .arg(QStringLiteral("'%1'").arg(mark)) };
    lesson.runs.push_back(run);
    const QString path = writeLessonFile(lesson, QStringLiteral("borrowed.loopscope"));

    LessonWindow window;
    QVERIFY(window.ready);
    const std::string before = window->run()->request.describe();
    auto askedAndAnswered = [](bool run) {
        return [run](QWidget* dialog) {
            QVERIFY(messageBox(dialog));
            QCOMPARE(dialog->objectName(), QStringLiteral("runLessonProgramBox"));
            QVERIFY(messageBox(dialog)->text().contains(QStringLiteral("hello.py")));
            for (QAbstractButton* button : messageBox(dialog)->buttons()) {
                if ((messageBox(dialog)->buttonRole(button) == QMessageBox::AcceptRole) == run)
                    return button->click();
            }
        };
    };

    {
        ModalScript refuse({ askedAndAnswered(false) });
        window->openFile(path);
        QVERIFY(refuse.done());
    }
    QTest::qWait(300);
    QVERIFY(!QFile::exists(mark));
    QCOMPARE(window->run()->request.describe(), before);
    QVERIFY(!window->lessons()->showsLessonRun());
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("was not run")));

    {
        ModalScript agree({ askedAndAnswered(true) });
        window->openFile(path);
        QVERIFY(agree.done());
        QVERIFY(QTest::qWaitFor([&] { return window->run()->request.isRecorded() && window->lessons()->showsLessonRun(); }, 30000));
    }
    QVERIFY(QFile::exists(mark));

    // Agreed once: the same program is not asked about again.
    QFile::remove(mark);
    ModalScript none({});
    window->openFile(path);
    QVERIFY(QTest::qWaitFor([&] { return QFile::exists(mark); }, 30000));
    QVERIFY(!QApplication::activeModalWidget());
}

QTEST_MAIN(tst_LessonWindow)
#include "tst_lessonwindow.moc"
