// SPDX-License-Identifier: MIT
// A teacher's own program in the window: opened (File > Open, a dropped file), recorded from
// CPython in the background, shown as the built-in programs are; edited in the Listing and
// recorded again with Ctrl+Return; recorded again when saved in another editor; refused with
// a message that names the line while the run on screen stays. Needs python3 3.11.
#include "comparisonview.h"
#include "examples.h"
#include "lessoncontroller.h"
#include "listingpanel.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "narration.h"
#include "narrationpanel.h"
#include "notespanel.h"
#include "playbackcontroller.h"
#include "runcontroller.h"
#include "runcontrols.h"
#include "timelinewidget.h"
#include "tracefile.h"

#include <QAction>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QLabel>
#include <QTest>

using namespace ui;

namespace {

const char* program(const char* first, const char* second)
{
    static QByteArray text;
    text = QByteArray("import asyncio\n\nasync def say(word: str, delay: float) -> None:\n    await asyncio.sleep(delay)\n"
                      "    print(word)\n\nasync def main() -> None:\n    await asyncio.gather(say(\"")
        + first + "\", 2), say(\"" + second + "\", 1))\n\nasyncio.run(main())\n";
    return text.constData();
}

bool writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

QStringList outputOf(const RunDataPtr& run)
{
    QStringList lines;
    for (std::size_t i = 0; i < run->trace.outputLines.size(); ++i) {
        const std::string_view line = run->trace.outputLine(i);
        lines << QString::fromUtf8(line.data(), qsizetype(line.size()));
    }
    return lines;
}

bool waitForRunAfter(const MainWindow& window, const RunDataPtr& previous)
{
    return QTest::qWaitFor([&] { return window.run() && window.run() != previous && !window.runs()->isBusy(); }, 60000);
}

} // namespace

class tst_RecordWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void anOpenedProgramIsRecordedAndShown();
    void anEditedListingIsSavedAndRecordedAgain();
    void savingInAnotherEditorRecordsAgain();
    void aDroppedProgramOpens();
    void aRefusedProgramLeavesTheRunAndNamesTheLine();
    void aProgramThatRaisesIsShownWithItsError();
    void cancelStopsARecordingThatWouldRunLong();
    void anExampleOpensWithItsTeachersNote();
    void aRecordedRunReadFromATraceFileReplays();
    void theBlockingLessonShowsTheStepThatHoldsTheLoop();
    void theLockLessonShowsWhoWaitsForTheLockAndWhoHoldsIt();
    void theSemaphoreLessonShowsWhoHoldsItsSlots();
    void theTimeoutLessonNamesWaitForsTimer();
    void theCountLessonsCompareSideBySide();

private:
    // Opens a shipped example as Help > Examples does; its run once shown, or null.
    RunDataPtr openExample(const QString& name);
    // For the README: LOOPSCOPE_SCREENSHOTS=folder keeps the window at 1280x720 as `name`.
    void keepScreenshot(const QString& name);

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

RunDataPtr tst_RecordWindow::openExample(const QString& name)
{
    const auto example = findExample(name);
    const RunDataPtr previous = m_window->run();
    if (!example || !m_window->lessons()->openExample(*example) || !waitForRunAfter(*m_window, previous))
        return nullptr;
    return m_window->run();
}

void tst_RecordWindow::keepScreenshot(const QString& name)
{
    const QString folder = qEnvironmentVariable("LOOPSCOPE_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    m_window->resize(1280, 720);
    QTest::qWait(300);
    m_window->grab().save(folder + QLatin1Char('/') + name);
}

namespace {
// The first step with an event that `matches`.
template <typename Matches>
std::optional<std::size_t> firstStepWith(const RunData& run, Matches matches)
{
    for (std::size_t step = 0; step < run.index->stepCount(); ++step) {
        for (std::size_t e = run.index->stepBeginEvent(step); e < run.index->stepEndEvent(step); ++e)
            if (matches(run.trace.events[e]))
                return step;
    }
    return std::nullopt;
}

// The first step that ends waiting as `wait` says (on a lock, a semaphore...).
std::optional<std::size_t> firstWaitOn(const RunData& run, sim::WaitKind wait)
{
    return firstStepWith(run, [wait](const sim::TraceEvent& event) {
        return event.kind == sim::EventKind::StepEnded && sim::WaitKind(event.detail) == wait;
    });
}

// The first step (from `from` on) whose Why sentence starts with `opening`.
std::optional<std::size_t> firstStepTold(const RunData& run, const QString& opening, std::size_t from = 0)
{
    for (std::size_t step = from; step < run.index->stepCount(); ++step) {
        if (QString::fromStdString(sim::narrateStep(*run.index, step, run.listing)).startsWith(opening))
            return step;
    }
    return std::nullopt;
}
}

void tst_RecordWindow::initTestCase()
{
    QProcess python;
    python.start(QStringLiteral("python3"), { QStringLiteral("-c"), QStringLiteral("import sys; print(sys.version_info[:2] == (3, 11))") });
    if (!python.waitForFinished(10000) || python.readAllStandardOutput().trimmed() != "True")
        QSKIP("python3 is not CPython 3.11: recording is not available here");
    QStandardPaths::setTestModeEnabled(true);
}

void tst_RecordWindow::init()
{
    QSettings().clear();
    m_path = m_dir.filePath(QStringLiteral("words.py"));
    QVERIFY(writeFile(m_path, program("hello", "world")));
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitFor([this] { return bool(m_window->run()) && !m_window->runs()->isBusy(); }, 10000));
}

void tst_RecordWindow::anOpenedProgramIsRecordedAndShown()
{
    const RunDataPtr previous = m_window->run();
    m_window->openFile(m_path);
    QVERIFY(waitForRunAfter(*m_window, previous));
    const RunDataPtr run = m_window->run();
    QVERIFY(run->request.isRecorded());
    QCOMPARE(outputOf(run), QStringList({ QStringLiteral("world"), QStringLiteral("hello") }));
    QCOMPARE(m_window->listingPanel()->fileName(), QStringLiteral("words.py"));
    QVERIFY(m_window->listingPanel()->text().contains(QStringLiteral("async def say(")));
    QVERIFY(m_window->listingPanel()->isEditable());
    auto* programs = m_window->findChild<QComboBox*>(QStringLiteral("scenarioField"));
    QCOMPARE(programs->currentText(), QStringLiteral("words.py"));
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("words.py")));
    // Lanes are named as the program names its tasks.
    bool sawSay = false;
    for (sim::TaskId task = 0; task < run->trace.tasks.size(); ++task)
        sawSay = sawSay || run->trace.taskName(task).starts_with("say");
    QVERIFY(sawSay);
}

void tst_RecordWindow::anEditedListingIsSavedAndRecordedAgain()
{
    RunDataPtr previous = m_window->run();
    m_window->openFile(m_path);
    QVERIFY(waitForRunAfter(*m_window, previous));
    previous = m_window->run();
    emit m_window->listingPanel()->recordEditedRequested(QString::fromUtf8(program("first", "second")));
    QVERIFY(waitForRunAfter(*m_window, previous));
    QCOMPARE(outputOf(m_window->run()), QStringList({ QStringLiteral("second"), QStringLiteral("first") }));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray(program("first", "second"))); // saved
}

void tst_RecordWindow::savingInAnotherEditorRecordsAgain()
{
    RunDataPtr previous = m_window->run();
    m_window->openFile(m_path);
    QVERIFY(waitForRunAfter(*m_window, previous));
    previous = m_window->run();
    QVERIFY(writeFile(m_path, program("saved", "elsewhere")));
    QVERIFY(waitForRunAfter(*m_window, previous));
    QCOMPARE(outputOf(m_window->run()), QStringList({ QStringLiteral("elsewhere"), QStringLiteral("saved") }));
}

void tst_RecordWindow::aDroppedProgramOpens()
{
    const RunDataPtr previous = m_window->run();
    QMimeData data;
    data.setUrls({ QUrl::fromLocalFile(m_path) });
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(waitForRunAfter(*m_window, previous));
    QVERIFY(m_window->run()->request.isRecorded());
}

void tst_RecordWindow::aRefusedProgramLeavesTheRunAndNamesTheLine()
{
    const QString threads = m_dir.filePath(QStringLiteral("threads.py"));
    QVERIFY(writeFile(threads, "import asyncio\n\nasync def main() -> None:\n    await asyncio.to_thread(print, 1)\n\nasyncio.run(main())\n"));
    const RunDataPtr before = m_window->run();
    m_window->openFile(threads);
    QVERIFY(QTest::qWaitFor([this] { return !m_window->runs()->isBusy(); }, 60000));
    QTest::qWait(50);
    QCOMPARE(m_window->run(), before);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("threads.py")) && message.contains(QStringLiteral("line 4")), qPrintable(message));
}

void tst_RecordWindow::aProgramThatRaisesIsShownWithItsError()
{
    // The run is shown up to the exception; the status bar says why it ended, not that the
    // previous run is still on screen.
    const QString raises = m_dir.filePath(QStringLiteral("raises.py"));
    QVERIFY(writeFile(raises, "import asyncio\n\nasync def main() -> None:\n    await asyncio.sleep(1)\n    raise ValueError('too late')\n\nasyncio.run(main())\n"));
    const RunDataPtr before = m_window->run();
    m_window->openFile(raises);
    QVERIFY(waitForRunAfter(*m_window, before));
    QVERIFY(QTest::qWaitFor([this] { return m_window->run()->request.fileName() == "raises.py"; }, 10000));
    QCOMPARE(m_window->run()->result.status, sim::RunStatus::Failed);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("ValueError")) && !message.contains(QStringLiteral("Still showing")), qPrintable(message));
}

void tst_RecordWindow::cancelStopsARecordingThatWouldRunLong()
{
    const QString spin = m_dir.filePath(QStringLiteral("spin.py"));
    QVERIFY(writeFile(spin, "import asyncio\n\nasync def main() -> None:\n    while True:\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n"));
    const RunDataPtr before = m_window->run();
    m_window->openFile(spin);
    QVERIFY(m_window->runs()->isBusy());
    QTest::qWait(500); // recording
    QVERIFY(m_window->runs()->isBusy());
    m_window->runs()->cancelAction()->trigger();
    QVERIFY(QTest::qWaitFor([this] { return !m_window->runs()->isBusy(); }, 5000));
    QCOMPARE(m_window->run(), before);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Cancelled")),
        qPrintable(m_window->statusBar()->currentMessage()));
}

void tst_RecordWindow::anExampleOpensWithItsTeachersNote()
{
    const auto example = findExample(QStringLiteral("countasync"));
    QVERIFY(example);
    QAction* entry = nullptr;
    for (QAction* action : m_window->findChild<QMenu*>(QStringLiteral("examplesMenu"))->actions())
        if (action->text().startsWith(QStringLiteral("countasync.py")))
            entry = action;
    QVERIFY(entry);
    const RunDataPtr previous = m_window->run();
    entry->trigger();
    QVERIFY(waitForRunAfter(*m_window, previous));
    QVERIFY(m_window->run()->request.isRecorded());
    QCOMPARE(m_window->listingPanel()->fileName(), QStringLiteral("countasync.py"));
    // Before the first step, the teacher's note.
    QCOMPARE(m_window->playback()->position(), std::size_t(0));
    QCOMPARE(m_window->notesPanel()->heading(), example->title);
    QCOMPARE(m_window->notesPanel()->body(), example->note);
}

void tst_RecordWindow::theBlockingLessonShowsTheStepThatHoldsTheLoop()
{
    const RunDataPtr run = openExample(QStringLiteral("blocking"));
    QVERIFY(run);
    // The step that calls time.sleep(3): the trace says it blocked, the Why says so.
    const std::optional<std::size_t> blockingStep
        = firstStepWith(*run, [](const sim::TraceEvent& event) { return event.kind == sim::EventKind::Blocked; });
    QVERIFY(blockingStep);
    m_window->playback()->setPosition(*blockingStep + 1);
    QVERIFY2(m_window->narrationPanel()->sentence().contains(QStringLiteral("blocked the whole loop for 3 s")),
        qPrintable(m_window->narrationPanel()->sentence()));
    // The readout's "now" is when the blocking call returned, 3 s after the step began.
    const QString readout = m_window->findChild<QLabel*>(QStringLiteral("positionReadout"))->text();
    const QString now = QStringLiteral("t = %1 s").arg(run->index->steps()[*blockingStep].time + 3);
    QVERIFY2(readout.contains(now), qPrintable(readout + QStringLiteral(" lacks ") + now));

    keepScreenshot(QStringLiteral("window-blocking.png"));
}

void tst_RecordWindow::theLockLessonShowsWhoWaitsForTheLockAndWhoHoldsIt()
{
    const RunDataPtr run = openExample(QStringLiteral("lock"));
    QVERIFY(run);
    // The step after which bob waits for the lock alice holds.
    const std::optional<std::size_t> waitStep = firstWaitOn(*run, sim::WaitKind::Lock);
    QVERIFY(waitStep);
    m_window->playback()->setPosition(*waitStep + 1);
    const QString why = m_window->narrationPanel()->sentence();
    QVERIFY2(why.contains(QStringLiteral("locked_deposit bob gave control back to the loop at line 33, `async with "
                                         "lock:`: it waits for lock #0 (held by locked_deposit alice).")),
        qPrintable(why));
    const QString panel = m_window->loopStatePanel()->plainText();
    QVERIFY2(panel.contains(QStringLiteral("Lock #0 (held by locked_deposit alice), 1 waiting\nlocked_deposit bob")),
        qPrintable(panel));
    // A step later alice releases it, and bob is woken by that.
    QVERIFY(firstStepTold(
        *run, QStringLiteral("locked_deposit bob wakes: locked_deposit alice released lock #0."), *waitStep + 1));

    keepScreenshot(QStringLiteral("window-lock.png"));
}

void tst_RecordWindow::theSemaphoreLessonShowsWhoHoldsItsSlots()
{
    const RunDataPtr run = openExample(QStringLiteral("semaphore"));
    QVERIFY(run);
    // The step after which download c waits: a and b took both slots of Semaphore(2).
    const std::optional<std::size_t> waitStep = firstWaitOn(*run, sim::WaitKind::Semaphore);
    QVERIFY(waitStep);
    m_window->playback()->setPosition(*waitStep + 1);
    const QString why = m_window->narrationPanel()->sentence();
    QVERIFY2(why.contains(QStringLiteral("download c printed 1 line, then gave control back to the loop at line 21, "
                                         "`async with limit:`: it waits for a free slot of semaphore #0 (every slot "
                                         "taken by download a and download b).")),
        qPrintable(why));
    const QString panel = m_window->loopStatePanel()->plainText();
    QVERIFY2(panel.contains(
                 QStringLiteral("Semaphore #0 (every slot taken by download a and download b), 1 waiting\ndownload c")),
        qPrintable(panel));
    // At t = 1 download a leaves the block: its slot goes to download c, who wakes holding it.
    const std::optional<std::size_t> handStep = firstStepTold(*run,
        QStringLiteral("download a's sleep ended at t=1 and its wakeup was first in the ready queue. download a "
                       "printed 1 line, released a slot of semaphore #0 and handed the slot to download c, who was "
                       "waiting on semaphore #0"),
        *waitStep + 1);
    QVERIFY(handStep);
    QVERIFY(firstStepTold(
        *run, QStringLiteral("download c wakes: download a gave it a slot of semaphore #0."), *handStep + 1));
    m_window->playback()->setPosition(*handStep + 1);
    const QString handed = m_window->loopStatePanel()->plainText();
    QVERIFY2(handed.contains(QStringLiteral("Semaphore #0 (every slot taken by download b and download c)")),
        qPrintable(handed));

    keepScreenshot(QStringLiteral("window-semaphore.png"));
}

void tst_RecordWindow::theTimeoutLessonNamesWaitForsTimer()
{
    const RunDataPtr run = openExample(QStringLiteral("timeout"));
    QVERIFY(run);
    // wait_for's timer, pending by its purpose in the Event loop panel, then firing.
    const std::optional<std::size_t> fires = firstStepTold(*run,
        QStringLiteral("At t=1, wait_for's timeout fell due: the loop runs its callback _release_waiter(). "
                       "It wakes main."));
    QVERIFY(fires);
    bool pending = false;
    for (std::size_t position = 1; position <= *fires && !pending; ++position) {
        m_window->playback()->setPosition(position);
        pending = m_window->loopStatePanel()->timerEntries().contains(
            QStringLiteral("t = 1: wait_for's timeout, _release_waiter()"));
    }
    QVERIFY(pending);
    m_window->playback()->setPosition(*fires + 1);
    QVERIFY(m_window->narrationPanel()->sentence().contains(QStringLiteral("wait_for's timeout fell due")));

    keepScreenshot(QStringLiteral("window-timeout.png"));
}

void tst_RecordWindow::aRecordedRunReadFromATraceFileReplays()
{
    RunDataPtr previous = m_window->run();
    m_window->openFile(m_path);
    QVERIFY(waitForRunAfter(*m_window, previous));
    const QString trace = m_dir.filePath(QStringLiteral("words.jsonl"));
    QString error;
    const RunDataPtr recorded = m_window->run();
    QVERIFY(writeTraceFile(trace, recorded->request, recorded->result, recorded->trace, recorded->listing, &error));
    previous = m_window->run();
    m_window->openFile(trace);
    QVERIFY(waitForRunAfter(*m_window, previous));
    QVERIFY(m_window->run()->request.script->path.empty()); // the file does not say where the program was
    // Run on the form the trace filled in replays it: no error about a file to record.
    m_window->playback()->setPosition(3);
    m_window->runs()->runAction()->trigger();
    QVERIFY(!m_window->runControls()->hasError());
    QVERIFY(!m_window->runs()->isBusy());
    QCOMPARE(m_window->playback()->position(), std::size_t(0));
}

void tst_RecordWindow::theCountLessonsCompareSideBySide()
{
    // Help > Examples > countsync, then File > Compare With > A File: countasync.py.
    const auto inTurn = findExample(QStringLiteral("countsync"));
    const auto together = findExample(QStringLiteral("countasync"));
    QVERIFY(inTurn && together);
    m_window->resize(1280, 720);
    const RunDataPtr previous = m_window->run();
    QVERIFY(m_window->lessons()->openExample(*inTurn));
    QVERIFY(waitForRunAfter(*m_window, previous));
    QString error;
    const QString path = extractExample(*together, m_dir.path(), &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    m_window->compareWith(sim::RunRequest::forScript(sim::Script { path.toStdString(), "countasync.py", {} }));
    ComparisonView* comparison = m_window->comparisonView();
    QVERIFY(QTest::qWaitFor([&] { return comparison->second() != nullptr; }, 20000));
    m_window->playback()->setPosition(m_window->run()->index->stepCount());
    // Both timelines show all their lanes and the key: countsync's main alone, countasync's
    // main and its three counts (which half the height each left scrolled out of view). The
    // split between them settles after the second run arrives, so this waits for it.
    const auto showsEverything = [](TimelineWidget* timeline, QString* why) {
        const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
        *why = QStringLiteral("%1 of %2 lanes, key %3 px high")
                   .arg(layout.lanes.height() / layout.laneHeight)
                   .arg(layout.rowCount)
                   .arg(layout.legend.height());
        return layout.rowCount > 0 && layout.lanes.height() >= layout.rowCount * layout.laneHeight - 0.5
            && !layout.legend.isEmpty();
    };
    QString firstWhy;
    QString secondWhy;
    const bool settled = QTest::qWaitFor(
        [&] {
            const bool first = showsEverything(m_window->timeline(), &firstWhy);
            const bool second = showsEverything(comparison->timeline(), &secondWhy);
            return first && second;
        },
        10000);
    QVERIFY2(settled, qPrintable(QStringLiteral("first: %1; second: %2").arg(firstWhy, secondWhy)));
    QCOMPARE(comparison->timeline()->timelinePainter().rows(false).size(), std::size_t(4));
    const QString folder = qEnvironmentVariable("LOOPSCOPE_SCREENSHOTS");
    if (!folder.isEmpty())
        m_window->grab().save(folder + QStringLiteral("/window-compare-count.png"));
}

QTEST_MAIN(tst_RecordWindow)

#include "tst_recordwindow.moc"
