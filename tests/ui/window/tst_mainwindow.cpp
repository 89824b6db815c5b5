// SPDX-License-Identifier: MIT
// The teaching window, driven as a teacher drives it: keys (including a presentation
// clicker's PageUp / PageDown), clicks on the toolbar and the scrubber, typing in the run
// form. Every check compares what a panel shows with what the simulator says.
#include "comparison.h"
#include "comparisonview.h"
#include "exportdialog.h"
#include "listingpanel.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "modalscript.h"
#include "narration.h"
#include "narrationpanel.h"
#include "outputpanel.h"
#include "playbackcontroller.h"
#include "progressindicator.h"
#include "recordedconstructs.h"
#include "runcontroller.h"
#include "runcontrols.h"
#include "runrequests.h"
#include "scrubber.h"
#include "simulation.h"
#include "startedwindow.h"
#include "timelinewidget.h"
#include "tracefile.h"
#include "viewstate.h"
#include "windowcolours.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QFileDialog>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QMessageBox>
#include <QTimer>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QPointer>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

#include <cmath>
#include <functional>
#include <memory>
#include <tuple>

using namespace ui;

namespace {

// WCAG's contrast ratio of two colours (1 to 21).
double contrast(const QColor& a, const QColor& b)
{
    auto luminance = [](const QColor& c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// What `python3 <scenario>.py ...` prints for this request, from the simulator itself.
QStringList printedBy(const sim::RunRequest& request)
{
    QStringList lines;
    sim::simulate(request, nullptr, [&lines](std::string_view line) { lines << QString::fromUtf8(line); });
    return lines;
}

sim::RunRequest chainedWithSeed(std::int64_t seed)
{
    sim::RunRequest request;
    request.seed = sim::PyInt::fromInt64(seed);
    return request;
}

// The started window, with what the tests read from it and do to it as a teacher would.
class TeachingWindow : public StartedWindow {
public:
    std::size_t steps() const { return window->run()->index->stepCount(); }
    sim::LoopState stateAt(std::size_t position) const { return window->run()->index->stateAt(position); }

    // The lines printed up to `position`, from the trace.
    QStringList printedUpTo(std::size_t position) const
    {
        QStringList lines;
        for (std::uint32_t i = 0; i < stateAt(position).outputLines; ++i)
            lines << QString::fromUtf8(window->run()->trace.outputLine(i));
        return lines;
    }

    QLineEdit* seedField() const { return window->findChild<QLineEdit*>(QStringLiteral("seedField")); }
    QSpinBox* spinBox(const char* name) const { return window->findChild<QSpinBox*>(QLatin1String(name)); }
    QComboBox* scenarioField() const { return window->findChild<QComboBox*>(QStringLiteral("scenarioField")); }

    // Types `text` into a field as a user does: click, select all, type.
    void typeInto(QWidget* field, const QString& text) const
    {
        QTest::mouseClick(field, Qt::LeftButton);
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(field, text);
    }

    // Presses the toolbar's Run / Replay button with the mouse.
    void clickRun() const
    {
        for (auto* button : window->findChildren<QToolButton*>())
            if (button->defaultAction() == window->runs()->runAction())
                return QTest::mouseClick(button, Qt::LeftButton);
        QFAIL("no Run button");
    }

    // Waits until a run other than `previous` is on screen.
    bool waitForNewRun(const RunDataPtr& previous) const
    {
        return QTest::qWaitFor([&] { return window->run() != previous; }, 20000);
    }
};

} // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void aTraceFileShowsExactlyTheRunThatWasExported();
    void theFormsRunIsComparedOnTheSameAxis();
    void theComparisonsSummaryIsSaidOnceAndWhole();
    void aBadTraceFileLeavesTheRunOnScreenAndSaysWhy();
    void aFailedRunEndsWithItsTracebackTheRaisingLineAndTheStatus();
    void aRunWhoseOrderFollowedMemoryAddressesSaysSoInTheStatusBar();

    void opensOnTheDefaultRunAndTheTitleSaysSo();
    void rightStepsForwardAndTheOutputShowsExactlyTheLinesPrintedSoFar();
    void theOutputHighlightsEveryLineTheStepPrinted();
    void leftStepsBack();
    void endShowsAllSixteenLinesWithTheLastOneHighlighted();
    void theOutputPanelHoldsTheNewestLinesOfALongOutput();
    void homeGoesBackToTheStart();
    void pageDownAndPageUpStepEvenWhileTheFocusIsInAField_data();
    void pageDownAndPageUpStepEvenWhileTheFocusIsInAField();
    void aFieldKeepsTheArrowKeysWhileEditingAndReturnGivesThemBack();
    void theStepKeysWorkInAFloatingPanel();
    void aClickInAPanelEndsEditingAndTheStepKeysStillWork_data();
    void aClickInAPanelEndsEditingAndTheStepKeysStillWork();
    void ctrlArrowsJumpBetweenInstantsOfVirtualTime();
    void theWhyPanelSaysWhyTheLastStepHappened_data();
    void theWhyPanelSaysWhyTheLastStepHappened();
    void theWhyPanelSaysHowTheRunEnded();
    void theEventLoopPanelListsTheReadyDequeInOrder_data();
    void theEventLoopPanelListsTheReadyDequeInOrder();
    void theEventLoopPanelMarksTimersWithEqualDeadlinesAsTies();
    void theListingHighlightsTheLineOfTheTaskThatJustRan();
    void theHighlightedListingLineStaysInViewWhenTheTextGrows();
    void theScrubberHasTicksAtInstantsAndPrintsAndAClickMovesTheCursor();
    void theTimelineFollowsTheCursorAndAClickOnItMovesTheCursor();
    void plusMinusAndZeroZoomTheTimeline();
    void runsBeyondTheLimitsAreRefusedInPlace();
    void theArgumentsFieldTakesAnyLengthTheCommandLineTakes();
    void replayingWithAnotherSeedShowsThatSeedsOutput();
    void anInvalidSeedIsMarkedAndThePreviousRunStays();
    void aLongErrorNeverWidensTheWindow();
    void theEventLoopPanelShowsTheClockMovingOnFromTheReadoutsTime();
    void asyncqWithFiveProducersAndTenConsumersRuns();
    void newSeedPicksAnotherSeedAndRuns();
    void replayShowsTheSameRunFromTheStartPausedAsANewRunDoes();
    void playbackStepsByItselfAndStopsAtTheEnd();
    void closingTheWindowMidPlaybackEndsThePlayback();
    void aLongRunShowsProgressAndCancelKeepsTheOldRun();
    void aFinishedRunIsPreparedForTheTimelineOffTheGuiThread();
    void closingTheWindowMidRunEndsTheComputation();
    void aDeadlockIsShownAndNamed();
    void theAxisActionsSwitchTheTimelineAxis();
    void countsOfOneAreSingular();
    void textZoomChangesTheSizeOfAllText();
    void largeTextNeverAsksForMoreThanTheScreen();
    void projectorSizesShowEightLanesAndEveryPanelWhole_data();
    void projectorSizesShowEightLanesAndEveryPanelWhole();
    void textZoomMovesThePanelsToTabsAndBackUntilTheUserArrangesThem();
    void theWhySentenceShrinksToFitItsPanelBeforeScrolling();
    void theThemeActionsRecolourTheApplication();
    void anExportThatCannotBeWrittenOffersAnotherFile();
    void theExportFileDialogOpensInTheFolderLastWrittenTo();
    void uncheckedMenuCheckBoxesShowInBothThemes();
    void closingAndReopeningRestoresTheLastRunAndTheView();
    void aFirstLaunchOnASmallScreenOpensMaximized();
};

void tst_MainWindow::initTestCase()
{
    // QSettings go to a test location, never the user's real settings.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void tst_MainWindow::init()
{
    QSettings().clear(); // every test starts as a first launch
}

void tst_MainWindow::aTraceFileShowsExactlyTheRunThatWasExported()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.jsonl"));
    QString error;
    const RunDataPtr simulated = window->run();
    QVERIFY(writeTraceFile(path, simulated->request, simulated->result, simulated->trace, simulated->listing, &error));

    // The same step of the same run, simulated and read: the same window, pixel for pixel.
    const std::size_t step = 9;
    window->playback()->setPosition(step);
    QApplication::processEvents();
    const QImage fromSimulation = window->grab().toImage();
    window->openTraceFile(path);
    QVERIFY(window.waitForNewRun(simulated));
    QVERIFY(window->run() != simulated);
    QCOMPARE(window->run()->request.describe(), simulated->request.describe());
    window->playback()->setPosition(step);
    QApplication::processEvents();
    const QImage fromFile = window->grab().toImage();
    QCOMPARE(fromFile.size(), fromSimulation.size());
    QVERIFY(fromFile == fromSimulation);

    // Run on the form the file filled in replays it: the same run, no new simulation.
    window->runs()->runAction()->trigger();
    QVERIFY(!window->runs()->isBusy());
}

void tst_MainWindow::theFormsRunIsComparedOnTheSameAxis()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr first = window->run();
    window.typeInto(window.seedField(), QStringLiteral("7"));
    window->compareWithForm();
    ComparisonView* comparison = window->comparisonView();
    QVERIFY(QTest::qWaitFor([&] { return comparison->isComparing(); }, 10000));
    QCOMPARE(window->run(), first); // the run on screen stays; the form's run is drawn under it
    QCOMPARE(comparison->second()->request.describe(), std::string("chained 1 2 3 \u00b7 seed 7"));
    QVERIFY(comparison->isVisible() && comparison->timeline()->isVisible());
    QVERIFY2(comparison->summary().contains(QStringLiteral("finished at t = 11 s vs t = ")), qPrintable(comparison->summary()));
    // The first step where the schedules part, as the two traces say.
    const auto divergence = sim::firstDivergence(*first->index, *comparison->second()->index);
    QVERIFY(divergence);
    QCOMPARE(comparison->divergenceStep(), std::optional<std::size_t>(divergence->step));
    // The cursors move together by virtual time.
    for (std::size_t position : { std::size_t(0), std::size_t(5), std::size_t(12), first->index->stepCount() }) {
        window->playback()->setPosition(position);
        QCOMPARE(comparison->timeline()->position(), sim::alignedPosition(*first->index, position, *comparison->second()->index));
    }
    // One zoom and scroll for both: the same seconds at the same x.
    window->timeline()->zoomIn();
    window->timeline()->zoomIn();
    QCOMPARE(comparison->timeline()->visibleRange().start, window->timeline()->visibleRange().start);
    QCOMPARE(comparison->timeline()->visibleRange().end, window->timeline()->visibleRange().end);
    // "Show where they part" puts the cursor just before that step.
    comparison->findChild<QPushButton*>()->click();
    QCOMPARE(window.position(), divergence->step);

    // For the README: LOOPSCOPE_SCREENSHOTS=folder keeps the comparison at 1280x720.
    const QString folder = qEnvironmentVariable("LOOPSCOPE_SCREENSHOTS");
    if (!folder.isEmpty()) {
        window->resize(1280, 720);
        window->timeline()->fitToWindow();
        window->playback()->setPosition(divergence->step + 1);
        QTest::qWait(200);
        window->grab().save(folder + QStringLiteral("/window-compare.png"));
    }
}

void tst_MainWindow::theComparisonsSummaryIsSaidOnceAndWhole()
{
    // The status bar said the caption above the compared timeline again, cut at 1280 wide.
    TeachingWindow window;
    QVERIFY(window.ready);
    window->resize(1280, 720);
    window->compareWith(sim::testruns::chained(7, { 1, 2, 3 }));
    ComparisonView* comparison = window->comparisonView();
    QVERIFY(QTest::qWaitFor([&] { return comparison->second() != nullptr; }, 10000));
    QTest::qWait(50);
    const QString totals = QString::fromStdString(sim::compareTotals(*window->run()->index, *comparison->second()->index));
    int said = window->statusBar()->currentMessage().count(totals);
    for (const QLabel* label : window->findChildren<QLabel*>()) {
        if (!label->isVisible() || !label->text().contains(totals))
            continue;
        ++said;
        QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->text()));
    }
    QCOMPARE(said, 1);
}

void tst_MainWindow::aBadTraceFileLeavesTheRunOnScreenAndSaysWhy()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"loopscope-trace\", \"version\": 99}\n");
    file.close();
    const RunDataPtr before = window->run();
    window->openTraceFile(path);
    QTRY_VERIFY(!window->runs()->isBusy());
    QCOMPARE(window->run(), before);
    const QString message = window->statusBar()->currentMessage();
    QVERIFY2(message.contains(path) && message.contains(QStringLiteral("line 1")) && message.contains(QStringLiteral("version 99")),
        qPrintable(message));
}

void tst_MainWindow::aRunWhoseOrderFollowedMemoryAddressesSaysSoInTheStatusBar()
{
    // A recording whose order followed a set's (as_completed at line 8), read from its file.
    TeachingWindow window;
    QVERIFY(window.ready);
    auto* banner = window->findChild<QLabel*>(QStringLiteral("addressOrder"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    const RunDataPtr simulated = window->run();
    sim::Trace trace;
    sim::RunResult result = sim::simulate(simulated->request, &trace, {});
    result.addressOrderReason = "as_completed";
    result.addressOrderLine = 8;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("unordered.jsonl"));
    QString error;
    QVERIFY(writeTraceFile(path, simulated->request, result, trace, simulated->listing, &error));
    window->openTraceFile(path);
    QVERIFY(window.waitForNewRun(simulated));
    QCOMPARE(window->run()->result.addressOrderReason, std::string("as_completed"));
    const QString said = QStringLiteral("This run's order depends on memory addresses (as_completed, line 8): Python may "
                                        "order it differently next time; this recording is kept as it is");
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->text(), QStringLiteral("\u26a0 ") + said);
    QCOMPARE(banner->palette().color(QPalette::WindowText), warningColour(Theme::light()));
    QVERIFY2(window->runStatus().startsWith(QStringLiteral("Completed at")), qPrintable(window->runStatus()));
    // Stepping keeps it (it is about the whole recording); a run without it hides it.
    window->playback()->setPosition(3);
    QApplication::processEvents();
    QVERIFY(banner->isVisible());
    result.addressOrderReason.clear();
    const QString plain = dir.filePath(QStringLiteral("ordered.jsonl"));
    QVERIFY(writeTraceFile(plain, simulated->request, result, trace, simulated->listing, &error));
    const RunDataPtr unordered = window->run();
    window->openTraceFile(plain);
    QVERIFY(window.waitForNewRun(unordered));
    QVERIFY(!banner->isVisible());
}

void tst_MainWindow::aFailedRunEndsWithItsTracebackTheRaisingLineAndTheStatus()
{
    // chained 1 2 3 as a recorded program an exception escaped, raised at line 5.
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr simulated = window->run();
    sim::Trace trace;
    sim::RunResult result = sim::simulate(simulated->request, &trace, {});
    const std::string traceback = "Traceback (most recent call last):\n  File \"chained.py\", line 5, in <module>\n"
                                  "RuntimeError: the chain broke\n";
    sim::testruns::appendFailure(trace, result, traceback, 5);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("failed.jsonl"));
    QString error;
    QVERIFY(writeTraceFile(path, simulated->request, result, trace, simulated->listing, &error));
    window->openTraceFile(path);
    QVERIFY(window.waitForNewRun(simulated));
    const std::size_t end = window->run()->index->stepCount();

    // Before the end: the output alone, and the listing at the task that ran.
    window->playback()->setPosition(end - 1);
    QApplication::processEvents();
    QVERIFY(window->outputPanel()->tracebackLines().isEmpty());
    QVERIFY(window->listingPanel()->highlightedLine() != 5);

    window->playback()->setPosition(end);
    QApplication::processEvents();
    // The output, then the traceback in the warning colour.
    QCOMPARE(window->outputPanel()->lines().size(), qsizetype(trace.outputLines.size()));
    QCOMPARE(
        window->outputPanel()->tracebackLines(), QString::fromStdString(traceback).trimmed().split(QLatin1Char('\n')));
    auto* text = window->outputPanel()->findChild<QPlainTextEdit*>(QStringLiteral("outputText"));
    const QTextBlock last = text->document()->lastBlock();
    QCOMPARE(last.text(), QStringLiteral("RuntimeError: the chain broke"));
    QCOMPARE(last.begin().fragment().charFormat().foreground().color(), warningColour(Theme::light()));
    // The line that raised, the Why and the status bar.
    QCOMPARE(window->listingPanel()->highlightedLine(), 5);
    QVERIFY2(window->narrationPanel()->ending().contains(
                 QStringLiteral("The program failed at t=11: RuntimeError: the chain broke")),
        qPrintable(window->narrationPanel()->ending()));
    QVERIFY2(window->runStatus().contains(QStringLiteral("Failed at t = 11 s: RuntimeError: the chain broke")),
        qPrintable(window->runStatus()));

    // Back one step: the traceback goes, the output stays as it was.
    window->playback()->setPosition(end - 1);
    QApplication::processEvents();
    QVERIFY(window->outputPanel()->tracebackLines().isEmpty());
    const QStringList lines = window->outputPanel()->lines();
    QVERIFY(!lines.isEmpty());
    QCOMPARE(text->document()->lastBlock().text(), QString::fromUtf8(trace.outputLine(std::size_t(lines.size()) - 1)));
    QCOMPARE(text->toPlainText().split(QLatin1Char('\n')), lines);
}

void tst_MainWindow::aFirstLaunchOnASmallScreenOpensMaximized()
{
    // A projector's 1280x720: at 85% of it the timeline would have room for two lanes.
    QVERIFY(QGuiApplication::primaryScreen()->availableGeometry().height() < 900);
    QSize left;
    {
        MainWindow window;
        QVERIFY(window.windowState() & Qt::WindowMaximized);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setWindowState(Qt::WindowNoState);
        window.resize(1100, 560);
        left = window.size();
        window.close(); // saves the geometry the user left it at
    }
    MainWindow reopened;
    QVERIFY(!(reopened.windowState() & Qt::WindowMaximized));
    QCOMPARE(reopened.size(), left);
}

void tst_MainWindow::opensOnTheDefaultRunAndTheTitleSaysSo()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    QCOMPARE(
        QString::fromStdString(window->run()->request.describe()), QStringLiteral("chained 1 2 3 \u00b7 seed 444"));
    QVERIFY2(window->windowTitle().contains(QStringLiteral("chained 1 2 3 \u00b7 seed 444")),
        qPrintable(window->windowTitle()));
    QCOMPARE(window.position(), 0u);
    QCOMPARE(window->outputPanel()->lines(), QStringList());
    QCOMPARE(window->positionReadout(), QStringLiteral("step 0 / %1 \u00b7 t = 0 s").arg(window.steps()));
}

void tst_MainWindow::rightStepsForwardAndTheOutputShowsExactlyTheLinesPrintedSoFar()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    for (std::size_t p = 1; p <= window.steps(); ++p) {
        window.press(Qt::Key_Right);
        QCOMPARE(window.position(), p);
        QCOMPARE(window->outputPanel()->lines(), window.printedUpTo(p));
        // Highlighted: what this step printed, nothing when it printed nothing.
        QCOMPARE(
            window->outputPanel()->highlightedLines(), window.printedUpTo(p).mid(window.printedUpTo(p - 1).size()));
    }
    // At the end, Right does nothing.
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), window.steps());
}

void tst_MainWindow::theOutputHighlightsEveryLineTheStepPrinted()
{
    // chained 1 2 3, step 9: chain 1 wakes at t=4, prints "Returning part1(1) ..." and
    // "part2(1, ...) sleeping ...", then sleeps again. Both lines are the step's, both lit.
    TeachingWindow window;
    QVERIFY(window.ready);
    window->playback()->setPosition(9);
    const QStringList printed = window.printedUpTo(9).mid(window.printedUpTo(8).size());
    QCOMPARE(printed.size(), 2);
    QCOMPARE(window->outputPanel()->highlightedLines(), printed);
    QCOMPARE(window->outputPanel()->highlightedLine(), printed.last());

    // On screen: the rows of both lines carry the highlight (sampled at their top left, above
    // the glyphs), the line before them does not.
    auto* text = window->outputPanel()->findChild<QPlainTextEdit*>(QStringLiteral("outputText"));
    QVERIFY(text);
    QApplication::processEvents();
    const QImage shot = text->viewport()->grab().toImage();
    const QTextDocument* document = text->document();
    auto rowColour = [&](int block) {
        const QRect row = text->cursorRect(QTextCursor(document->findBlockByNumber(block)));
        const qreal ratio = shot.devicePixelRatio();
        return shot.pixelColor(int((row.left() + 2) * ratio), int((row.top() + 1) * ratio));
    };
    const int last = document->blockCount() - 1;
    QVERIFY(last >= 2);
    const QColor first = rowColour(last - 1), second = rowColour(last), before = rowColour(last - 2);
    QCOMPARE(first, second);
    QVERIFY2(first != before, qPrintable(first.name() + QLatin1Char(' ') + before.name()));
    QCOMPARE(before, text->palette().color(QPalette::Base));
}

void tst_MainWindow::leftStepsBack()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_End);
    for (std::size_t p = window.steps(); p-- > 0;) {
        window.press(Qt::Key_Left);
        QCOMPARE(window.position(), p);
        QCOMPARE(window->outputPanel()->lines(), window.printedUpTo(p));
    }
    window.press(Qt::Key_Left);
    QCOMPARE(window.position(), 0u);
}

void tst_MainWindow::endShowsAllSixteenLinesWithTheLastOneHighlighted()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_End);
    QCOMPARE(window.position(), window.steps());
    const QStringList lines = window->outputPanel()->lines();
    QCOMPARE(lines.size(), 16);
    QCOMPARE(lines, printedBy(window->run()->request));
    QCOMPARE(window->outputPanel()->highlightedLine(), QStringLiteral("Program finished in 11.00 seconds."));
    QCOMPARE(window->positionReadout(), QStringLiteral("step %1 / %1 \u00b7 t = 11 s").arg(window.steps()));
}

void tst_MainWindow::theOutputPanelHoldsTheNewestLinesOfALongOutput()
{
    // A large run prints millions of lines: End once filled the panel with all of them,
    // which froze the window for seconds and took a gigabyte. The panel holds the newest
    // OutputPanel::maxShown lines under a note of how many came before, whichever way
    // the cursor moves.
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("100"));
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("200"));
    window.clickRun();
    QVERIFY(window.waitForNewRun(previous));
    const QStringList all = printedBy(window->run()->request);
    const auto kept = qsizetype(OutputPanel::maxShown);
    QVERIFY(all.size() > 2 * kept);

    // The tail of what was printed up to the cursor, and the note above it.
    const auto check = [&](const char* where) {
        const QStringList printed = window.printedUpTo(window.position());
        const qsizetype earlier = std::max<qsizetype>(0, printed.size() - kept);
        QVERIFY2(window->outputPanel()->lines() == printed.mid(earlier), where);
        const QString note = earlier == 0 ? QString()
            : earlier == 1              ? QStringLiteral("\u2026 1 earlier line")
                                        : QStringLiteral("\u2026 %L1 earlier lines").arg(earlier);
        QCOMPARE(window->outputPanel()->earlierNote(), note);
        // Highlighted: what the step that just ran printed.
        const qsizetype before = window.position() == 0 ? 0 : window.printedUpTo(window.position() - 1).size();
        QCOMPARE(window->outputPanel()->highlightedLines(), printed.mid(std::max(before, earlier)));
    };
    window.press(Qt::Key_End);
    QCOMPARE(window->outputPanel()->lines(), all.mid(all.size() - kept));
    check("at the end");
    window.press(Qt::Key_Left);
    check("a step back from the end");

    // Where the note appears (one line too many), and either side of it, stepping.
    sim::LoopState state;
    std::size_t firstHidden = 0;
    while (firstHidden < window.steps()) {
        window->run()->index->stateAt(firstHidden, state);
        if (state.outputLines > OutputPanel::maxShown)
            break;
        ++firstHidden;
    }
    QCOMPARE(state.outputLines, OutputPanel::maxShown + 1); // asyncq prints at most a line a step
    window->playback()->setPosition(firstHidden - 3);
    for (int i = 0; i < 6; ++i) {
        window.press(Qt::Key_Right);
        check("stepping forward over the first hidden line");
    }
    for (int i = 0; i < 6; ++i) {
        window.press(Qt::Key_Left);
        check("stepping back over it");
    }
    // Jumps: far ahead, a little back, to the middle, to the start.
    for (std::size_t position : { window.steps() * 3 / 4, window.steps() * 3 / 4 - 40, window.steps() / 2,
             firstHidden + 200, std::size_t(5) }) {
        window->playback()->setPosition(position);
        check("after a jump");
    }
    window.press(Qt::Key_Home);
    QCOMPARE(window->outputPanel()->lines(), QStringList());
    QCOMPARE(window->outputPanel()->earlierNote(), QString());
}

void tst_MainWindow::homeGoesBackToTheStart()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_Right);
    window.press(Qt::Key_Right);
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), 3u);
    window.press(Qt::Key_Home);
    QCOMPARE(window.position(), 0u);
    QCOMPARE(window->outputPanel()->lines(), QStringList());
}

void tst_MainWindow::pageDownAndPageUpStepEvenWhileTheFocusIsInAField_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("seed") << QStringLiteral("seedField");
    QTest::newRow("arguments") << QStringLiteral("chained.argumentsField");
    QTest::newRow("producers (a spin box, which pages by itself)") << QStringLiteral("asyncq.producersField");
}

void tst_MainWindow::pageDownAndPageUpStepEvenWhileTheFocusIsInAField()
{
    QFETCH(QString, field);
    TeachingWindow window;
    QVERIFY(window.ready);
    if (field == QLatin1String("asyncq.producersField"))
        window.scenarioField()->setCurrentIndex(1); // show the asyncq fields
    auto* widget = window->findChild<QWidget*>(field);
    QVERIFY(widget);
    QTest::mouseClick(widget, Qt::LeftButton);
    QTRY_VERIFY(widget->hasFocus());
    const RunForm before = window->runControls()->form();

    // A presentation clicker sends PageDown / PageUp.
    window.press(Qt::Key_PageDown);
    window.press(Qt::Key_PageDown);
    QCOMPARE(window.position(), 2u);
    window.press(Qt::Key_PageUp);
    QCOMPARE(window.position(), 1u);
    QVERIFY(widget->hasFocus());
    QCOMPARE(window->runControls()->form(), before); // the field did not change
}

void tst_MainWindow::theStepKeysWorkInAFloatingPanel()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    auto* dock = window->findChild<QDockWidget*>(QStringLiteral("outputDock"));
    dock->setFloating(true);
    dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dock));
    auto* output = window->findChild<QWidget*>(QStringLiteral("outputText"));
    QTest::mouseClick(output, Qt::LeftButton);
    QTRY_VERIFY(output->hasFocus());
    window.press(Qt::Key_PageDown);
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), 2u);
    window.press(Qt::Key_PageUp);
    QCOMPARE(window.position(), 1u);
}

void tst_MainWindow::aFieldKeepsTheArrowKeysWhileEditingAndReturnGivesThemBack()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    // The window opens with the focus where the arrow keys step, not in a field.
    QVERIFY(!qobject_cast<QLineEdit*>(QApplication::focusWidget()));
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), 1u);

    // While the seed is being edited, Left / Right / Home / End move the text cursor.
    window.typeInto(window.seedField(), QStringLiteral("4"));
    window.press(Qt::Key_Left);
    window.press(Qt::Key_Home);
    QTest::keyClicks(window.seedField(), QStringLiteral("1"));
    QCOMPARE(window.seedField()->text(), QStringLiteral("14"));
    QCOMPARE(window.position(), 1u);

    // Return runs and hands the focus back: Right steps the new run.
    const RunDataPtr previous = window->run();
    window.press(Qt::Key_Return);
    QVERIFY(window.waitForNewRun(previous));
    QTRY_VERIFY(!window.seedField()->hasFocus());
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), 1u);

    // Escape abandons editing too.
    window.typeInto(window.seedField(), QStringLiteral("99"));
    window.press(Qt::Key_Escape);
    QVERIFY(!window.seedField()->hasFocus());
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), 2u);

    // Return on the program list (reached with Tab) runs too.
    window.scenarioField()->setFocus(Qt::TabFocusReason);
    window.scenarioField()->setCurrentIndex(1);
    const RunDataPtr chained = window->run();
    window.press(Qt::Key_Return);
    QVERIFY(window.waitForNewRun(chained));
    QCOMPARE(window->run()->request.program, &sim::asyncqProgram());
}

void tst_MainWindow::aClickInAPanelEndsEditingAndTheStepKeysStillWork_data()
{
    QTest::addColumn<QString>("view");
    QTest::newRow("output") << QStringLiteral("outputText");
    QTest::newRow("event loop") << QStringLiteral("loopStateText");
    QTest::newRow("listing") << QStringLiteral("listingText");
    QTest::newRow("scrubber") << QStringLiteral("scrubber");
}

void tst_MainWindow::aClickInAPanelEndsEditingAndTheStepKeysStillWork()
{
    QFETCH(QString, view);
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_Right);
    window.typeInto(window.seedField(), QStringLiteral("5"));
    auto* widget = window->findChild<QWidget*>(view);
    QVERIFY(widget);
    // Near the left edge: on the scrubber that is position 0.
    QTest::mouseClick(widget, Qt::LeftButton, {}, QPoint(2, widget->height() / 2));
    QVERIFY(!window.seedField()->hasFocus());
    window.press(Qt::Key_End);
    QCOMPARE(window.position(), window.steps());
    window.press(Qt::Key_Home);
    QCOMPARE(window.position(), 0u);
    window.press(Qt::Key_Right);
    window.press(Qt::Key_Right);
    window.press(Qt::Key_Left);
    QCOMPARE(window.position(), 1u);
    window.press(Qt::Key_PageDown);
    QCOMPARE(window.position(), 2u);
    window.press(Qt::Key_Right, Qt::ControlModifier);
    QVERIFY(window.position() > 2u);
    window.press(Qt::Key_Space);
    QVERIFY(window->playback()->isPlaying());
    window.press(Qt::Key_Space);
    QVERIFY(!window->playback()->isPlaying());
}

void tst_MainWindow::ctrlArrowsJumpBetweenInstantsOfVirtualTime()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const auto& instants = window->run()->timeline->instants();
    QVERIFY(instants.size() >= 3);
    for (std::size_t i = 1; i < instants.size(); ++i) {
        window.press(Qt::Key_Right, Qt::ControlModifier);
        // Just after the instant's first step: everything on screen is at that time.
        QCOMPARE(window.position(), std::size_t(instants[i].firstStep) + 1);
        QCOMPARE(window.stateAt(window.position()).now, instants[i].time);
        QCOMPARE(window->run()->index->steps()[window.position() - 1].time, instants[i].time);
        QVERIFY2(window->positionReadout().endsWith(QStringLiteral("t = %1 s").arg(instants[i].time)),
            qPrintable(window->positionReadout()));
    }
    window.press(Qt::Key_Right, Qt::ControlModifier); // after the last instant: the end
    QCOMPARE(window.position(), window.steps());
    window.press(Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(window.position(), std::size_t(instants.back().firstStep) + 1);
    window.press(Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(window.position(), std::size_t(instants[instants.size() - 2].firstStep) + 1);
    for (std::size_t i = 0; i < instants.size(); ++i)
        window.press(Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(window.position(), 0u); // the first instant is the start
}

void tst_MainWindow::theWhyPanelSaysWhyTheLastStepHappened_data()
{
    QTest::addColumn<int>("position");
    QTest::newRow("after main's first step") << 1;
    QTest::newRow("after a bare yield (sleep(0))") << 5;
    QTest::newRow("after a timer fell due in a tie") << 6;
    QTest::newRow("after a wake-up") << 9;
    QTest::newRow("after gather's callback") << 12;
}

void tst_MainWindow::theWhyPanelSaysWhyTheLastStepHappened()
{
    QFETCH(int, position);
    TeachingWindow window;
    QVERIFY(window.ready);
    QVERIFY(window->narrationPanel()->sentence().startsWith(QStringLiteral("Nothing has run yet")));
    for (int i = 0; i < position; ++i)
        window.press(Qt::Key_Right);
    QCOMPARE(window->narrationPanel()->sentence(),
        QString::fromStdString(
            sim::narrateStep(*window->run()->index, std::size_t(position) - 1, window->run()->listing)));
    QCOMPARE(window->narrationPanel()->ending(), QString());
}

void tst_MainWindow::theWhyPanelSaysHowTheRunEnded()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_End);
    QCOMPARE(window->narrationPanel()->ending(), QString::fromStdString(sim::narrateEnd(*window->run()->index)));
    QVERIFY(window->narrationPanel()->ending().contains(QStringLiteral("completed at t=11")));
}

void tst_MainWindow::theEventLoopPanelListsTheReadyDequeInOrder_data()
{
    QTest::addColumn<int>("position");
    QTest::addColumn<QStringList>("ready");
    // chained 1 2 3, seed 444: main creates the three chains; at t=4 three timers fall due
    // in heap order, then the three wake-ups run in that order.
    QTest::newRow("the chains, just created")
        << 1
        << QStringList { QStringLiteral("chain 1: first step \u2014 created by main"),
               QStringLiteral("chain 2: first step \u2014 created by main"),
               QStringLiteral("chain 3: first step \u2014 created by main") };
    QTest::newRow("three timers due at t=4")
        << 5
        << QStringList { QStringLiteral("timer of chain 1's sleep \u2014 fell due at t\u00a0=\u00a04"),
               QStringLiteral("timer of chain 2's sleep \u2014 fell due at t\u00a0=\u00a04"),
               QStringLiteral("timer of chain 3's sleep \u2014 fell due at t\u00a0=\u00a04") };
    QTest::newRow("their wake-ups") << 8
                                    << QStringList { QStringLiteral("chain 1: wake-up \u2014 its sleep ended at t\u00a0=\u00a04"),
                                           QStringLiteral("chain 2: wake-up \u2014 its sleep ended at t\u00a0=\u00a04"),
                                           QStringLiteral("chain 3: wake-up \u2014 its sleep ended at t\u00a0=\u00a04") };
}

void tst_MainWindow::theEventLoopPanelListsTheReadyDequeInOrder()
{
    QFETCH(int, position);
    QFETCH(QStringList, ready);
    TeachingWindow window;
    QVERIFY(window.ready);
    window->playback()->setPosition(std::size_t(position));
    QCOMPARE(window->loopStatePanel()->readyEntries(), ready);
    // The same order as the reconstructed deque, and on screen in that order.
    const sim::LoopState state = window.stateAt(std::size_t(position));
    QCOMPARE(std::size_t(ready.size()), state.ready.size());
    for (int i = 0; i < ready.size(); ++i)
        QVERIFY(ready[i].startsWith(QStringLiteral("timer of %1")
                                        .arg(QString::fromUtf8(window->run()->trace.taskName(state.ready[i].task))))
            || ready[i].startsWith(QString::fromUtf8(window->run()->trace.taskName(state.ready[i].task))));
    const QString shown = window->loopStatePanel()->plainText();
    qsizetype at = 0;
    for (const QString& entry : ready) {
        // (Plain text turns the entries' no-break spaces into spaces.)
        const qsizetype found = shown.indexOf(QString(entry).replace(QChar(0xa0), QLatin1Char(' ')), at);
        QVERIFY2(found >= 0, qPrintable(entry));
        at = found + entry.size();
    }
}

void tst_MainWindow::theEventLoopPanelMarksTimersWithEqualDeadlinesAsTies()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    // After chain 3's yield (position 4), chain 1 and 2 sleep until t=4 and chain 3 is in
    // its step: two timers with the same deadline.
    window->playback()->setPosition(4);
    const sim::LoopState state = window.stateAt(4);
    const auto timers = state.timersByDeadline();
    QCOMPARE(window->loopStatePanel()->timerEntries().size(), qsizetype(timers.size()));
    for (std::size_t i = 0; i < timers.size(); ++i) {
        const bool tied
            = std::count_if(timers.begin(), timers.end(), [&](const auto& t) { return t.when == timers[i].when; }) > 1;
        QCOMPARE(window->loopStatePanel()->timerEntries()[qsizetype(i)].endsWith(QStringLiteral("= tie")), tied);
    }
    QVERIFY(window->loopStatePanel()->timerEntries().first().endsWith(QStringLiteral("= tie")));
}

void tst_MainWindow::theListingHighlightsTheLineOfTheTaskThatJustRan()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    QCOMPARE(window->listingPanel()->fileName(), QStringLiteral("chained.py"));
    QCOMPARE(window->listingPanel()->highlightedLine(), 0);
    window->playback()->setPosition(2); // chain 1's first step ran: it now sleeps in part1
    const sim::TaskId chain1 = window->run()->index->steps()[1].task;
    QCOMPARE(QString::fromUtf8(window->run()->trace.taskName(chain1)), QStringLiteral("chain 1"));
    const int line = window->listingPanel()->highlightedLine();
    QCOMPARE(line, int(window.stateAt(2).tasks[chain1].line));
    QCOMPARE(window->listingPanel()->text().split(QLatin1Char('\n'))[line - 1].trimmed(),
        QStringLiteral("await asyncio.sleep(i)"));

    // Before the first step nothing is highlighted, and the listing shows from its top (not
    // where the last step left it scrolled).
    auto* code = window->findChild<QAbstractScrollArea*>(QStringLiteral("listingText"));
    QVERIFY(code);
    QTRY_VERIFY(code->verticalScrollBar()->value() > 0); // line 19, centred
    window->playback()->setPosition(0);
    QCOMPARE(window->listingPanel()->highlightedLine(), 0);
    QCOMPARE(code->verticalScrollBar()->value(), 0);
}

void tst_MainWindow::theHighlightedListingLineStaysInViewWhenTheTextGrows()
{
    // Right after Ctrl+= the highlighted line was half hidden at the panel's edge until the
    // next step moved it. Whatever the text size and the panel's height, it shows whole.
    TeachingWindow window;
    QVERIFY(window.ready);
    auto* code = window->findChild<QPlainTextEdit*>(QStringLiteral("listingText"));
    QVERIFY(code);
    auto* dock = window->findChild<QDockWidget*>(QStringLiteral("listingDock"));
    const auto lineInView = [&] {
        const QTextBlock block = code->document()->findBlockByNumber(window->listingPanel()->highlightedLine() - 1);
        const QRect line = code->cursorRect(QTextCursor(block));
        return line.top() >= 0 && line.bottom() < code->viewport()->height();
    };
    window->playback()->setPosition(9); // chain 1's second sleep, in the middle of the file
    QVERIFY(window->listingPanel()->highlightedLine() > 5);
    window->resize(1280, 720); // a projector
    for (int height : { 400, 180, 130 }) {
        window->resizeDocks({ dock }, { height }, Qt::Vertical);
        QTRY_VERIFY(lineInView());
        for (int zoom = 0; zoom < 3; ++zoom) {
            window.press(Qt::Key_Equal, Qt::ControlModifier);
            QTRY_VERIFY2(lineInView(), qPrintable(QStringLiteral("%1 px, larger text %2 times").arg(height).arg(zoom + 1)));
        }
        window.press(Qt::Key_0, Qt::ControlModifier);
        QTRY_VERIFY(lineInView());
    }
}

void tst_MainWindow::theScrubberHasTicksAtInstantsAndPrintsAndAClickMovesTheCursor()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    Scrubber* scrubber = window->scrubber();
    std::vector<std::size_t> instants, prints;
    for (const auto& instant : window->run()->timeline->instants())
        instants.push_back(PlaybackController::instantPosition(instant));
    for (auto step : window->run()->timeline->printSteps())
        prints.push_back(step + 1);
    QCOMPARE(scrubber->instantPositions(), instants);
    QCOMPARE(scrubber->printPositions(), prints);

    const std::size_t target = instants[2];
    QTest::mouseClick(scrubber, Qt::LeftButton, {}, QPoint(qRound(scrubber->xOf(target)), scrubber->height() / 2));
    QCOMPARE(window.position(), target);
    QCOMPARE(scrubber->position(), target);
    // The scrubber never takes the focus away from where the arrow keys work.
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), target + 1);
}

void tst_MainWindow::theTimelineFollowsTheCursorAndAClickOnItMovesTheCursor()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_Right);
    QCOMPARE(window->timeline()->position(), 1u);
    emit window->timeline()->positionRequested(7); // what a click on a segment does
    QCOMPARE(window.position(), 7u);
    QCOMPARE(window->timeline()->position(), 7u);

    // A real click, in the lanes towards the right: the cursor moves there.
    TimelineWidget* timeline = window->timeline();
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(timeline->width() * 9 / 10, timeline->height() / 4));
    QTRY_VERIFY(window.position() > 7u);
    QCOMPARE(timeline->position(), window.position());
    // Clicking the timeline takes the focus out of a field: the arrow keys step again.
    window.typeInto(window.seedField(), QStringLiteral("5"));
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(timeline->width() / 2, timeline->height() / 4));
    QVERIFY(!window.seedField()->hasFocus());
    const std::size_t before = window.position();
    window.press(before > 0 ? Qt::Key_Left : Qt::Key_Right);
    QVERIFY(window.position() != before);
}

void tst_MainWindow::plusMinusAndZeroZoomTheTimeline()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    QVERIFY(qFuzzyCompare(window->timeline()->zoomFactor(), 1.0));
    window.press(Qt::Key_Plus);
    const double zoomed = window->timeline()->zoomFactor();
    QVERIFY(zoomed > 1.0);
    window.press(Qt::Key_Minus);
    QVERIFY(window->timeline()->zoomFactor() < zoomed);
    window.press(Qt::Key_Plus);
    window.press(Qt::Key_Plus);
    window.press(Qt::Key_0);
    QVERIFY(qFuzzyCompare(window->timeline()->zoomFactor(), 1.0));
}

void tst_MainWindow::runsBeyondTheLimitsAreRefusedInPlace()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    // A count over the task limit is kept as typed, not clamped, and refused with the
    // command line's message.
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("9999999"));
    QCOMPARE(window.spinBox("asyncq.producersField")->value(), 9'999'999);
    window.press(Qt::Key_Return);
    QVERIFY(window->runControls()->hasError());
    QVERIFY2(window->runControls()->errorMessage().contains(QStringLiteral("-p: '9999999' is more than the limit of 999999 tasks")),
        qPrintable(window->runControls()->errorMessage()));
    QCOMPARE(window.spinBox("asyncq.producersField")->value(), 9'999'999);
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("999999"));
    window.press(Qt::Key_Return); // with the 10 consumers and main, still too many
    QVERIFY(window->runControls()->hasError());
    QVERIFY2(window->runControls()->errorMessage().contains(QStringLiteral("too many tasks")),
        qPrintable(window->runControls()->errorMessage()));
    QVERIFY(window.spinBox("asyncq.producersField")->hasFocus());
    QVERIFY(!window->runs()->isBusy());
    QCOMPARE(window->run(), previous);
}

void tst_MainWindow::theArgumentsFieldTakesAnyLengthTheCommandLineTakes()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    // chained 1..20000: about 100,000 characters, far past QLineEdit's default 32,767.
    QStringList numbers;
    for (int n = 1; n <= 20000; ++n)
        numbers << QString::number(n);
    auto* arguments = window->findChild<QLineEdit*>(QStringLiteral("chained.argumentsField"));
    arguments->setText(numbers.join(QLatin1Char(' ')));
    QCOMPARE(arguments->text().size(), numbers.join(QLatin1Char(' ')).size());
    const RunDataPtr previous = window->run();
    window->runs()->runAction()->trigger();
    QVERIFY(window.waitForNewRun(previous));
    QCOMPARE(window->run()->request.arguments[0].size(), std::size_t(20000));
}

void tst_MainWindow::replayingWithAnotherSeedShowsThatSeedsOutput()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const QStringList before = printedBy(window->run()->request);
    const RunDataPtr previous = window->run();
    window.typeInto(window.seedField(), QStringLiteral("7"));
    QCOMPARE(window->runs()->runAction()->text(), QStringLiteral("Run"));
    window.clickRun();
    QVERIFY(window.waitForNewRun(previous));
    QVERIFY2(window->windowTitle().contains(QStringLiteral("chained 1 2 3 \u00b7 seed 7")),
        qPrintable(window->windowTitle()));
    QCOMPARE(window.position(), 0u);
    window.press(Qt::Key_End);
    const QStringList after = window->outputPanel()->lines();
    QCOMPARE(after, printedBy(chainedWithSeed(7)));
    QVERIFY(after != before);
}

void tst_MainWindow::anInvalidSeedIsMarkedAndThePreviousRunStays()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_Right);
    const RunDataPtr previous = window->run();
    const QString title = window->windowTitle();
    window.typeInto(window.seedField(), QStringLiteral("abc"));
    window.press(Qt::Key_Return);

    QVERIFY(window->runControls()->hasError());
    QVERIFY2(window->runControls()->errorMessage().contains(QStringLiteral("--seed: 'abc' is not a decimal integer")),
        qPrintable(window->runControls()->errorMessage()));
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("abc")));
    QVERIFY(window.seedField()->hasFocus()); // stays in the field to be corrected
    QCOMPARE(window->run(), previous);
    QCOMPARE(window->windowTitle(), title);
    QCOMPARE(window.position(), 1u);
    QVERIFY(!window->runs()->isBusy());

    // Fixing it clears the mark.
    window.typeInto(window.seedField(), QStringLiteral("12"));
    QVERIFY(!window->runControls()->hasError());
}

void tst_MainWindow::theEventLoopPanelShowsTheClockMovingOnFromTheReadoutsTime()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    // chained 1 2 3: after the first five steps nothing is ready until the timers at t = 4.
    std::size_t moved = 0;
    for (std::size_t position = 1; position <= window.steps() && moved == 0; ++position) {
        if (window.stateAt(position).now > window->run()->index->steps()[position - 1].time)
            moved = position;
    }
    QVERIFY(moved > 0);
    window->playback()->setPosition(moved);
    QVERIFY2(window->positionReadout().endsWith(QStringLiteral("t = 0 s")), qPrintable(window->positionReadout()));
    QVERIFY2(window->loopStatePanel()->plainText().startsWith(QStringLiteral("t = 0 s \u2192 4 s")),
        qPrintable(window->loopStatePanel()->plainText().left(80)));
    // Within an instant there is one time only.
    window->playback()->setPosition(moved + 1);
    QVERIFY(window->positionReadout().endsWith(QStringLiteral("t = 4 s")));
    QVERIFY(window->loopStatePanel()->plainText().startsWith(QStringLiteral("t = 4 s ")));
}

void tst_MainWindow::aLongErrorNeverWidensTheWindow()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    // As narrow as the window goes (a 1024-pixel projector is about that).
    window->resize(window->minimumSizeHint().width(), window->height());
    QCoreApplication::processEvents();
    const int minimumWidth = window->minimumSizeHint().width();
    const int width = window->width();
    window.typeInto(window.seedField(), QString(5000, QLatin1Char('7')));
    window.press(Qt::Key_Return);
    QVERIFY(window->runControls()->hasError());
    const auto* error = window->findChild<QLabel*>(QStringLiteral("runError"));
    QVERIFY(error);
    QCOMPARE(error->text(), window->runControls()->errorMessage());
    QVERIFY(error->text().contains(QStringLiteral("more than 4300 digits")));
    QVERIFY(error->fontMetrics().horizontalAdvance(error->text()) > error->width()); // shown elided
    QCoreApplication::processEvents();
    QVERIFY(window->minimumSizeHint().width() <= minimumWidth);
    QCOMPARE(window->width(), width);
}

void tst_MainWindow::asyncqWithFiveProducersAndTenConsumersRuns()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("5"));
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("10"));
    // Until Run, the old run stays on screen, and the status bar says so.
    QVERIFY2(window->statusBar()->currentMessage().contains(
                 QStringLiteral("Showing chained 1 2 3 \u00b7 seed 444 \u2014 press Run (F5) for asyncq -p 5 -c 10")),
        qPrintable(window->statusBar()->currentMessage()));
    window.clickRun();
    QVERIFY(window.waitForNewRun(previous));
    QVERIFY(!window->statusBar()->currentMessage().contains(QStringLiteral("press Run")));
    QVERIFY2(window->windowTitle().contains(QStringLiteral("asyncq -p 5 -c 10 \u00b7 seed 444")),
        qPrintable(window->windowTitle()));
    QCOMPARE(window->listingPanel()->fileName(), QStringLiteral("asyncq.py"));
    window.press(Qt::Key_End);
    QCOMPARE(window->outputPanel()->lines(), printedBy(window->run()->request));
    QVERIFY(window->outputPanel()->highlightedLine().startsWith(QStringLiteral("Program completed in")));
    QVERIFY(window->loopStatePanel()->plainText().contains(QStringLiteral("Queue: 0 items, 0 unfinished")));

    // Somewhere in the run the queue holds items and consumers wait in get(): the panel
    // names the items by their labels and the waiting consumers in order.
    bool sawItems = false, sawGetters = false;
    for (std::size_t p = 0; p <= window.steps() && !(sawItems && sawGetters); ++p) {
        const sim::LoopState state = window.stateAt(p);
        if (state.queueItems.empty() && state.getters.empty())
            continue;
        window->playback()->setPosition(p);
        const QString shown = window->loopStatePanel()->plainText();
        QVERIFY(shown.contains(
            (state.queueItems.size() == 1 ? QStringLiteral("Queue: 1 item, %2 unfinished")
                                          : QStringLiteral("Queue: %1 items, %2 unfinished").arg(state.queueItems.size()))
                .arg(state.unfinished)));
        for (sim::ItemId item : state.queueItems) {
            const auto label
                = QString::fromUtf8(window->run()->trace.strings.at(window->run()->trace.items[item].label));
            QVERIFY2(shown.contains(QStringLiteral("<%1>").arg(label)), qPrintable(label));
            sawItems = true;
        }
        QStringList getters;
        for (const auto& getter : state.getters)
            getters << QString::fromUtf8(window->run()->trace.taskName(getter.task));
        if (!getters.isEmpty()) {
            QVERIFY2(
                shown.contains(getters.join(QStringLiteral(", "))), qPrintable(getters.join(QStringLiteral(", "))));
            sawGetters = true;
        }
    }
    QVERIFY(sawItems);
    QVERIFY(sawGetters);

    // A consumer woken from get() is listed as woken by the put, not by "what it awaited".
    bool sawGetterWakeup = false;
    for (std::size_t p = 0; p <= window.steps() && !sawGetterWakeup; ++p) {
        const sim::LoopState state = window.stateAt(p);
        for (std::size_t i = 0; i < state.ready.size() && i < std::size_t(LoopStatePanel::maxListed); ++i) {
            const sim::ReadyEntry& entry = state.ready[i];
            if (entry.kind != sim::HandleKind::TaskWakeup || entry.cause != sim::CauseKind::TaskStep
                || window->run()->trace.futureKinds.at(entry.object) != sim::FutureKind::QueueGetter)
                continue;
            window->playback()->setPosition(p);
            QVERIFY2(window->loopStatePanel()->readyEntries().at(qsizetype(i)).endsWith(QStringLiteral("put an item in the queue")),
                qPrintable(window->loopStatePanel()->readyEntries().at(qsizetype(i))));
            sawGetterWakeup = true;
            break;
        }
    }
    QVERIFY(sawGetterWakeup);
}

void tst_MainWindow::newSeedPicksAnotherSeedAndRuns()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr previous = window->run();
    window->runs()->newSeedAction()->trigger();
    QVERIFY(window.waitForNewRun(previous));
    QVERIFY(window.seedField()->text() != QStringLiteral("444"));
    QCOMPARE(QString::fromStdString(window->run()->request.seed.decimal()), window.seedField()->text());
}

void tst_MainWindow::replayShowsTheSameRunFromTheStartPausedAsANewRunDoes()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_End);
    const RunDataPtr shown = window->run();
    QCOMPARE(window->runs()->runAction()->text(), QStringLiteral("Replay"));
    window->timeline()->zoomIn();
    window.press(Qt::Key_Space); // playing when Replay is pressed
    window.clickRun();
    QCOMPARE(window->run(), shown); // not simulated again: same request, same trace
    // As a run with other arguments is shown: the start, paused, the whole run in view.
    QCOMPARE(window.position(), 0u);
    QVERIFY(!window->playback()->isPlaying());
    QVERIFY(qFuzzyCompare(window->timeline()->zoomFactor(), 1.0));
    QTest::qWait(700); // it would have stepped by now at 2 steps a second
    QCOMPARE(window.position(), 0u);
    window.press(Qt::Key_Space); // playing is asked for with Play
    QVERIFY(window->playback()->isPlaying());
    window.press(Qt::Key_Space);

    // And a run with new arguments, for comparison, pressed while playing too.
    window.press(Qt::Key_Space);
    window.typeInto(window.seedField(), QStringLiteral("7"));
    window.clickRun();
    QVERIFY(window.waitForNewRun(shown));
    QCOMPARE(window.position(), 0u);
    QVERIFY(!window->playback()->isPlaying());
}

void tst_MainWindow::playbackStepsByItselfAndStopsAtTheEnd()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window->playback()->setSpeed(10);
    window->playback()->setPosition(window.steps() - 3);
    window.press(Qt::Key_Space);
    QVERIFY(window->playback()->isPlaying());
    QCOMPARE(window->playback()->playPauseAction()->text(), QStringLiteral("Pause"));
    QTRY_COMPARE_WITH_TIMEOUT(window.position(), window.steps(), 10000);
    QTRY_VERIFY(!window->playback()->isPlaying());
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
    // Play at the end starts over from the start.
    window.press(Qt::Key_Space);
    QCOMPARE(window.position(), 0u);
    QVERIFY(window->playback()->isPlaying());
    window.press(Qt::Key_Space);
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
}

void tst_MainWindow::closingTheWindowMidPlaybackEndsThePlayback()
{
    {
        TeachingWindow window;
        QVERIFY(window.ready);
        window->playback()->setSpeed(0.5); // a long pause to be interrupted
        window.press(Qt::Key_Space);
        QVERIFY(window->playback()->isPlaying());
        QCOMPARE(PlaybackController::livePlaybacks(), 1);
        window->close();
    }
    // The coroutine was resumed by the controller's destructor and has returned: its
    // frame is gone, and nothing fires later into the destroyed window.
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
    QTest::qWait(50);
}

void tst_MainWindow::aLongRunShowsProgressAndCancelKeepsTheOldRun()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_Right);
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("20000"));
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("40000"));
    window.clickRun();
    QVERIFY(window->runs()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(window->progressIndicator()->isVisible(), 5000);
    QVERIFY(window->progressIndicator()->text().startsWith(QStringLiteral("Simulating asyncq -p 20000 -c 40000")));
    // The window is not frozen meanwhile: stepping the old run still works.
    window.press(Qt::Key_Right);
    QCOMPARE(window.position(), 2u);

    window->runs()->cancelAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window->runs()->isBusy(), 20000);
    QCOMPARE(window->run(), previous);
    QCOMPARE(window.position(), 2u);
    QVERIFY(!window->progressIndicator()->isVisible());
    QVERIFY2(window->statusBar()->currentMessage().startsWith(QStringLiteral("Cancelled asyncq -p 20000 -c 40000")),
        qPrintable(window->statusBar()->currentMessage()));
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Still showing chained 1 2 3")));
    QCOMPARE(RunController::liveComputations(), 0);
}

void tst_MainWindow::aFinishedRunIsPreparedForTheTimelineOffTheGuiThread()
{
    // The timeline's setup of a run with 100,000 tasks (lane order, arrow index) took half a
    // second on the GUI thread when the simulation finished. It runs in the background: when
    // the simulation is done the old run is still on screen, the event loop turns, and the
    // new run follows, with the progress shown until then and no "press Run" hint meanwhile.
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("50"));
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("60"));
    RunDataPtr finished;
    bool shownAtOnce = true;
    QString runText;
    connect(window->runs(), &RunController::finished, this, [&](const RunDataPtr& run) {
        // Connected after the window's own slot: this is what the window did synchronously.
        finished = run;
        shownAtOnce = window->run() == run;
        runText = window->runs()->runAction()->text();
    });
    window.clickRun();
    QTRY_VERIFY_WITH_TIMEOUT(finished != nullptr, 20000);
    QVERIFY(!shownAtOnce);
    QCOMPARE(runText, QStringLiteral("Run"));
    QVERIFY(!window->statusBar()->currentMessage().contains(QStringLiteral("press Run")));
    QTRY_COMPARE_WITH_TIMEOUT(window->run(), finished, 20000);
    QVERIFY(window->run() != previous);
    QCOMPARE(window->timeline()->timelinePainter().run(), finished);
    QCOMPARE(window->runs()->runAction()->text(), QStringLiteral("Replay"));
    QVERIFY(!window->progressIndicator()->isVisible());
    window.press(Qt::Key_End);
    QCOMPARE(window->outputPanel()->highlightedLine(), printedBy(finished->request).last());
}

void tst_MainWindow::closingTheWindowMidRunEndsTheComputation()
{
    {
        TeachingWindow window;
        QVERIFY(window.ready);
        window.scenarioField()->setCurrentIndex(1);
        window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("20000"));
        window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("40000"));
        window.clickRun();
        QVERIFY(window->runs()->isBusy());
        QCOMPARE(RunController::liveComputations(), 1);
    }
    // The destructor cancelled the simulation and waited for its thread; the coroutine
    // awaiting it returns at the next event delivery, finding the window gone.
    QTRY_COMPARE(RunController::liveComputations(), 0);
}

void tst_MainWindow::aDeadlockIsShownAndNamed()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("0"));
    window.clickRun();
    QVERIFY(window.waitForNewRun(previous));
    QCOMPARE(window->run()->result.status, sim::RunStatus::Deadlock);
    QVERIFY2(window->runStatus().contains(QStringLiteral("Deadlock")), qPrintable(window->runStatus()));
    window.press(Qt::Key_End);
    QVERIFY2(window->narrationPanel()->ending().startsWith(QStringLiteral("Deadlock at t=")),
        qPrintable(window->narrationPanel()->ending()));
    QCOMPARE(window->outputPanel()->lines(), printedBy(window->run()->request));
}

void tst_MainWindow::countsOfOneAreSingular()
{
    // "1 steps/s", "1 items", "1 lines printed": every count the window shows agrees with it.
    TeachingWindow window;
    QVERIFY(window.ready);
    auto* speed = window->findChild<QComboBox*>(QStringLiteral("speedField"));
    QStringList speeds;
    for (int i = 0; i < speed->count(); ++i)
        speeds << speed->itemText(i);
    QCOMPARE(speeds,
        QStringList({ QStringLiteral("0.5 steps/s"), QStringLiteral("1 step/s"), QStringLiteral("2 steps/s"),
            QStringLiteral("3 steps/s"), QStringLiteral("5 steps/s"), QStringLiteral("10 steps/s") }));

    window->progressIndicator()->start(QStringLiteral("asyncq"));
    window->progressIndicator()->setProgress(1, 0);
    QCOMPARE(window->progressIndicator()->text(), QStringLiteral("Simulating asyncq: 1 handle run, t = 0 s"));
    window->progressIndicator()->setProgress(1234, 0);
    QVERIFY(window->progressIndicator()->text().contains(QStringLiteral(" handles run")));
    window->progressIndicator()->stop();

    // asyncq with nobody prints one line.
    const RunDataPtr previous = window->run();
    window.scenarioField()->setCurrentIndex(1);
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("0"));
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("0"));
    window.clickRun();
    QVERIFY(window.waitForNewRun(previous));
    QCOMPARE(window->run()->trace.outputLines.size(), 1u);
    QVERIFY2(window->runStatus().endsWith(QStringLiteral(" steps \u00b7 1 line printed")), qPrintable(window->runStatus()));

    // The default asyncq run: somewhere the queue holds exactly one item.
    const RunDataPtr empty = window->run();
    window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("5"));
    window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("10"));
    window.clickRun();
    QVERIFY(window.waitForNewRun(empty));
    QVERIFY(window->runStatus().endsWith(QStringLiteral(" lines printed")));
    bool sawOne = false;
    for (std::size_t p = 0; p <= window.steps() && !sawOne; ++p) {
        if (window.stateAt(p).queueItems.size() != 1)
            continue;
        window->playback()->setPosition(p);
        const QString shown = window->loopStatePanel()->plainText();
        QVERIFY2(shown.contains(QStringLiteral("Queue: 1 item, ")), qPrintable(shown));
        sawOne = true;
    }
    QVERIFY(sawOne);
}

void tst_MainWindow::theAxisActionsSwitchTheTimelineAxis()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    QCOMPARE(window->timeline()->axis(), TimelineAxis::Time);
    window.press(Qt::Key_S);
    QCOMPARE(window->timeline()->axis(), TimelineAxis::Steps);
    QVERIFY(window->viewState()->stepsAxisAction()->isChecked());
    window->viewState()->timeAxisAction()->trigger(); // the View menu / toolbar button
    QCOMPARE(window->timeline()->axis(), TimelineAxis::Time);
    QVERIFY(window->viewState()->timeAxisAction()->isChecked());
    window.press(Qt::Key_I); // time with the steps widened
    QCOMPARE(window->timeline()->axis(), TimelineAxis::Instants);
    QVERIFY(window->viewState()->instantsAxisAction()->isChecked());
    window.press(Qt::Key_T);
    QCOMPARE(window->timeline()->axis(), TimelineAxis::Time);
    // View > Hide the future (H) reaches the timeline, and back.
    window.press(Qt::Key_H);
    QVERIFY(window->timeline()->hidesFuture());
    QVERIFY(window->viewState()->hideFutureAction()->isChecked());
    window->viewState()->hideFutureAction()->trigger();
    QVERIFY(!window->timeline()->hidesFuture());
}

void tst_MainWindow::textZoomChangesTheSizeOfAllText()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window.press(Qt::Key_End);
    auto* output = window->findChild<QWidget*>(QStringLiteral("outputText"));
    auto* sentence = window->findChild<QWidget*>(QStringLiteral("whySentence"));
    const double app = QApplication::font().pointSizeF();
    const double mono = output->font().pointSizeF();
    const double why = sentence->font().pointSizeF();
    QVERIFY(app >= 12); // projector-sized by default

    window.press(Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(QApplication::font().pointSizeF() > app);
    QVERIFY(output->font().pointSizeF() > mono);
    QVERIFY(sentence->font().pointSizeF() > why);
    QVERIFY(window->viewState()->textScale() > 1.0);

    window.press(Qt::Key_Minus, Qt::ControlModifier);
    window.press(Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(QApplication::font().pointSizeF() < app);

    window.press(Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(QApplication::font().pointSizeF(), app);
    QCOMPARE(output->font().pointSizeF(), mono);
    QCOMPARE(window->viewState()->textScale(), 1.0);
}

void tst_MainWindow::largeTextNeverAsksForMoreThanTheScreen()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    const int screenWidth = QGuiApplication::primaryScreen()->availableGeometry().width();
    const auto* fields = window->findChild<QWidget*>(QStringLiteral("runControls"));
    QVERIFY(fields);
    // Zoomed as far as it goes: the run row would need more than the screen (it once made
    // the window wider than a projector's screen, and Ctrl+0 did not bring it back)...
    for (int i = 0; i < 12; ++i)
        window.press(Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(window->viewState()->textScale() > 1.4);
    QCoreApplication::processEvents();
    QVERIFY(fields->layout()->minimumSize().width() > screenWidth);
    // ...but the window never asks for more than the screen has.
    QVERIFY2(window->minimumSizeHint().width() <= screenWidth,
        qPrintable(QStringLiteral("%1 > %2").arg(window->minimumSizeHint().width()).arg(screenWidth)));
    window.press(Qt::Key_0, Qt::ControlModifier);
    QCoreApplication::processEvents();
    QVERIFY(window->minimumSizeHint().width() <= screenWidth);
}

namespace {
// What the timeline shows as laid out now.
TimelineLayout timelineLayout(const MainWindow& window)
{
    return window.timeline()->timelinePainter().layout(window.timeline()->contentRect(), window.timeline()->viewport());
}

// Lines of text a panel's text view shows (its viewport's height over its line spacing).
double linesShown(QWidget* view)
{
    auto* area = qobject_cast<QAbstractScrollArea*>(view);
    return area ? area->viewport()->height() / double(QFontMetrics(view->font()).lineSpacing()) : 0;
}
}

void tst_MainWindow::projectorSizesShowEightLanesAndEveryPanelWhole_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("asyncq");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("largerText");
    // Window sizes: a projector's screen, maximized, under a title bar.
    QTest::newRow("1024x768, asyncq -p 5 -c 10, step 30") << QSize(1024, 744) << true << 30 << 0;
    QTest::newRow("1280x720, asyncq, step 30") << QSize(1280, 696) << true << 30 << 0;
    QTest::newRow("1280x720, Ctrl+= twice, chained, step 6") << QSize(1280, 696) << false << 6 << 2;
    QTest::newRow("1280x720, Ctrl+= twice, chained, step 8 (the longest Why)") << QSize(1280, 696) << false << 8 << 2;
    QTest::newRow("1280x720, Ctrl+= twice, asyncq, step 30") << QSize(1280, 696) << true << 30 << 2;
    QTest::newRow("1024x768, Ctrl+= twice, chained, step 8") << QSize(1024, 744) << false << 8 << 2;
    QTest::newRow("1024x768, asyncq with Ctrl+= twice, step 30") << QSize(1024, 744) << true << 30 << 2;
    QTest::newRow("1920x1080, asyncq, step 30") << QSize(1920, 1056) << true << 30 << 0;
    QTest::newRow("1920x1080, Ctrl+= three times, asyncq, step 30") << QSize(1920, 1056) << true << 30 << 3;
}

void tst_MainWindow::projectorSizesShowEightLanesAndEveryPanelWhole()
{
    // On a projector the timeline showed 5 of asyncq's 16 lanes at 1024x768; at 1280x720
    // after Ctrl+= twice Why showed two and a half lines of its sentence, the event loop only
    // "Just ran", the listing two lines, and the legend was gone. At these sizes the window
    // shows at least 8 lanes (or all), the legend, Why's whole sentence, and a few lines of
    // every other panel; larger text makes the lanes shorter and puts panels in tabs
    // instead of cutting them.
    QFETCH(QSize, size);
    QFETCH(bool, asyncq);
    QFETCH(int, position);
    QFETCH(int, largerText);
    TeachingWindow window;
    QVERIFY(window.ready);
    window->resize(size);
    if (asyncq) {
        const RunDataPtr previous = window->run();
        window.scenarioField()->setCurrentIndex(1);
        window.clickRun(); // asyncq -p 5 -c 10
        QVERIFY(window.waitForNewRun(previous));
    }
    // The dark theme on the wide screens: the same room for the lanes and the panels.
    const bool dark = size.width() >= 1920 && largerText == 0;
    if (dark)
        window->viewState()->darkThemeAction()->trigger();
    for (int i = 0; i < largerText; ++i)
        window.press(Qt::Key_Equal, Qt::ControlModifier);
    window->playback()->setPosition(std::size_t(position));
    QTest::qWait(100); // the panels are sized once the window is laid out
    // For the README: LOOPSCOPE_SCREENSHOTS=folder keeps what a class sees at each size.
    if (const QString folder = qEnvironmentVariable("LOOPSCOPE_SCREENSHOTS"); !folder.isEmpty())
        window->grab().save(QStringLiteral("%1/projector-%2.png")
                                .arg(folder, QString::fromLatin1(QTest::currentDataTag()).section(QLatin1Char(','), 0, 1).simplified()
                                        .replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), QStringLiteral("-"))));

    const TimelineLayout timeline = timelineLayout(*window);
    const double lanes = std::min(8.0, double(timeline.rowCount));
    QVERIFY2(timeline.lanes.height() >= lanes * timeline.laneHeight - 0.5,
        qPrintable(QStringLiteral("%1 lanes in view").arg(timeline.lanes.height() / timeline.laneHeight, 0, 'f', 1)));
    QVERIFY2(!timeline.legend.isEmpty(), "no legend");

    auto* why = window->narrationPanel()->findChild<QScrollArea*>();
    QTRY_COMPARE_WITH_TIMEOUT(why->verticalScrollBar()->maximum(), 0, 10000); // the whole sentence
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("whySentence"))->font().pointSizeF()
        >= QApplication::font().pointSizeF() * 0.99);

    // Every other panel, brought to the front if it is a tab, shows a few lines.
    // (The event loop: the clock, what just ran, the ready queue's heading and its first entry.)
    for (const auto& [dock, view, lines] : { std::tuple { "loopDock", "loopStateText", 5.0 },
             std::tuple { "outputDock", "outputText", 2.95 }, std::tuple { "listingDock", "listingText", 2.95 } }) {
        auto* panel = window->findChild<QDockWidget*>(QLatin1String(dock));
        panel->raise();
        auto* text = window->findChild<QWidget*>(QLatin1String(view));
        QTRY_VERIFY2(text->isVisible(), dock);
        // The arranger balances the panels after the window's resize and zoom events: give it
        // time to settle (a sanitizer build lays out several times slower).
        QTRY_VERIFY_WITH_TIMEOUT(linesShown(text) >= lines, 10000);
        const double shown = linesShown(text);
        QVERIFY2(shown >= lines, qPrintable(QStringLiteral("%1: %2 lines").arg(QLatin1String(dock)).arg(shown, 0, 'f', 1)));
    }
    // Tabs show their whole names; the step readout is never cut.
    for (const QTabBar* tabs : window->findChildren<QTabBar*>())
        if (tabs->isVisible())
            QVERIFY2(tabs->width() >= tabs->sizeHint().width(), qPrintable(tabs->tabText(0)));
    const auto* readout = window->findChild<QLabel*>(QStringLiteral("positionReadout"));
    QVERIFY(readout->isVisible());
    QVERIFY2(readout->width() >= readout->sizeHint().width(), qPrintable(readout->text()));
    // The program's name is never cut ("chained.p").
    QVERIFY2(window.scenarioField()->width() >= window.scenarioField()->sizeHint().width(),
        qPrintable(window.scenarioField()->currentText()));
    // The run form's fields keep apart: asyncq's Producers field touched the Consumers label
    // at 1024x768. A field and the next field's label are a character apart at least.
    QWidget* form = window->runControls();
    std::vector<QWidget*> row;
    for (QWidget* widget : form->findChildren<QWidget*>()) {
        const bool field = qobject_cast<QLabel*>(widget) || qobject_cast<QAbstractSpinBox*>(widget)
            || qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget) || qobject_cast<QToolButton*>(widget);
        const bool part = qobject_cast<QAbstractSpinBox*>(widget->parentWidget())
            || qobject_cast<QComboBox*>(widget->parentWidget()); // a spin box's own line edit
        if (widget->isVisible() && field && !part)
            row.push_back(widget);
    }
    auto left = [&](QWidget* w) { return w->mapTo(form, QPoint(0, 0)).x(); };
    std::ranges::sort(row, {}, left);
    for (std::size_t i = 1; i < row.size(); ++i) {
        const auto* label = qobject_cast<QLabel*>(row[i]);
        const int gap = left(row[i]) - (left(row[i - 1]) + row[i - 1]->width());
        const bool fieldsLabel = label && label->buddy() && i > 1; // (the first label starts the row)
        const int wanted = fieldsLabel ? label->fontMetrics().averageCharWidth() : 1;
        QVERIFY2(gap >= wanted,
            qPrintable(QStringLiteral("%1 then %2: %3 pixels apart")
                           .arg(row[i - 1]->objectName(), label ? label->text() : row[i]->objectName())
                           .arg(gap)));
        // Labels whole ("Prod" for Producers); the buttons may give up their words (not their icons).
        if (label)
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
        else if (auto* button = qobject_cast<QToolButton*>(row[i]))
            QVERIFY2(button->width() >= button->sizeHint().width() && left(button) + button->width() <= form->width(),
                qPrintable(button->text()));
    }
    window->viewState()->resetTextAction()->trigger();
    if (dark)
        window->viewState()->lightThemeAction()->trigger();
}

void tst_MainWindow::textZoomMovesThePanelsToTabsAndBackUntilTheUserArrangesThem()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window->resize(1920, 1056);
    auto* loop = window->findChild<QDockWidget*>(QStringLiteral("loopDock"));
    auto* output = window->findChild<QDockWidget*>(QStringLiteral("outputDock"));
    auto* listing = window->findChild<QDockWidget*>(QStringLiteral("listingDock"));
    const auto tabbed = [&] {
        const auto tabs = window->tabifiedDockWidgets(loop);
        return tabs.contains(output) && tabs.contains(listing);
    };
    // Roomy: output and listing side by side along the bottom.
    QTRY_COMPARE(window->dockWidgetArea(output), Qt::BottomDockWidgetArea);
    QVERIFY(!tabbed());
    for (int i = 0; i < 3; ++i)
        window.press(Qt::Key_Equal, Qt::ControlModifier);
    QTRY_VERIFY(tabbed());
    QCOMPARE(window->dockWidgetArea(output), Qt::RightDockWidgetArea);
    window.press(Qt::Key_0, Qt::ControlModifier);
    QTRY_COMPARE(window->dockWidgetArea(output), Qt::BottomDockWidgetArea);
    QVERIFY(!tabbed());

    // A panel the user took out stays where they put it; the default layout brings it back.
    output->setFloating(true);
    window.press(Qt::Key_Equal, Qt::ControlModifier);
    window.press(Qt::Key_Equal, Qt::ControlModifier);
    window.press(Qt::Key_Equal, Qt::ControlModifier);
    QTest::qWait(50);
    QVERIFY(output->isFloating());
    QMenu* view = nullptr;
    for (auto* menu : window->findChildren<QMenu*>())
        for (QAction* action : menu->actions())
            if (action->text() == QStringLiteral("Default Layout"))
                action->trigger(), view = menu;
    QVERIFY2(view, "no View > Panels > Default Layout");
    QVERIFY(!output->isFloating());
    QTRY_VERIFY(tabbed());
    window->viewState()->resetTextAction()->trigger();
}

void tst_MainWindow::theWhySentenceShrinksToFitItsPanelBeforeScrolling()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    auto* sentence = window->findChild<QLabel*>(QStringLiteral("whySentence"));
    auto* scroll = window->narrationPanel()->findChild<QScrollArea*>();
    QVERIFY(sentence && scroll);
    const double normal = QApplication::font().pointSizeF();
    // Step 8: three timers fell due at once, the longest sentence of the run.
    window->playback()->setPosition(8);
    auto* dock = window->findChild<QDockWidget*>(QStringLiteral("whyDock"));
    // The teacher takes the separator under Why: from now on the panels' sizes are theirs
    // (the window would otherwise give Why back the room its sentence needs).
    const QPoint separator(dock->geometry().center().x(), dock->geometry().bottom() + 2);
    QTest::mousePress(window.window.get(), Qt::LeftButton, {}, separator);
    QTest::mouseRelease(window.window.get(), Qt::LeftButton, {}, separator);
    // Roomy: the full reading size, 1.3 times the rest.
    window->resizeDocks({ dock }, { 500 }, Qt::Vertical);
    QTRY_VERIFY(sentence->font().pointSizeF() > normal * 1.25);
    QTRY_COMPARE(scroll->verticalScrollBar()->maximum(), 0);
    // Too short for even the smallest size: then it scrolls.
    window->resizeDocks({ dock }, { 60 }, Qt::Vertical);
    QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
    // Short: smaller, but all of it shows without scrolling.
    window->resizeDocks({ dock }, { 230 }, Qt::Vertical);
    QTRY_VERIFY(sentence->font().pointSizeF() < normal * 1.25);
    QVERIFY(sentence->font().pointSizeF() >= normal * 0.99);
    QTRY_COMPARE(scroll->verticalScrollBar()->maximum(), 0);
}

void tst_MainWindow::theThemeActionsRecolourTheApplication()
{
    TeachingWindow window;
    QVERIFY(window.ready);
    window->viewState()->darkThemeAction()->trigger();
    QCOMPARE(QApplication::palette().color(QPalette::Base), Theme::dark().palette().color(QPalette::Base));
    window->viewState()->lightThemeAction()->trigger();
    QCOMPARE(QApplication::palette().color(QPalette::Base), Theme::light().palette().color(QPalette::Base));
}

void tst_MainWindow::uncheckedMenuCheckBoxesShowInBothThemes()
{
    // In the dark theme an unchecked check box (View > Show asyncio internals, Full screen)
    // drew its outline in nearly the menu's own colour: the teacher could not see there was
    // something to tick. Its outline must stand out from the menu as WCAG asks of controls
    // (3:1), in both themes, also after switching between them.
    TeachingWindow window;
    QVERIFY(window.ready);
    QMenu* view = nullptr;
    for (auto* menu : window->findChildren<QMenu*>())
        if (menu->actions().contains(window->viewState()->internalTasksAction()))
            view = menu;
    QVERIFY(view);
    for (ThemeKind theme : { ThemeKind::Dark, ThemeKind::Light, ThemeKind::Dark }) {
        window->viewState()->setTheme(theme);
        view->adjustSize();
        const QImage image = view->grab().toImage();
        // Where labels start: the first ink in a row without a check box.
        const QRect plain = view->actionGeometry(window->viewState()->zoomInAction());
        const QColor background = image.pixelColor(plain.right() - 2, plain.center().y());
        const int inside = plain.left() + 3; // past the menu's border
        int labelLeft = inside;
        auto inkAt = [&](int x, const QRect& item) {
            for (int y = item.top(); y <= item.bottom(); ++y)
                if (contrast(image.pixelColor(x, y), background) > 1.2)
                    return true;
            return false;
        };
        while (labelLeft < plain.right() && !inkAt(labelLeft, plain))
            ++labelLeft;
        QVERIFY(labelLeft > inside + 8);
        for (QAction* action : { window->viewState()->internalTasksAction(), window->viewState()->fullScreenAction() }) {
            QVERIFY(action->isCheckable() && !action->isChecked());
            const QRect item = view->actionGeometry(action);
            double best = 1;
            for (int y = item.top(); y <= item.bottom(); ++y)
                for (int x = inside; x < labelLeft - 1; ++x)
                    best = std::max(best, contrast(image.pixelColor(x, y), background));
            QVERIFY2(best >= 3.0,
                qPrintable(QStringLiteral("%1 theme, %2: %3:1")
                               .arg(theme == ThemeKind::Dark ? QStringLiteral("dark") : QStringLiteral("light"),
                                   action->text())
                               .arg(best, 0, 'f', 2)));
        }
    }
    window->viewState()->setTheme(ThemeKind::Light);
}

namespace {
// The steps of File > Export that a user clicks through (for ModalScript).
void pickPng(QWidget* dialog)
{
    auto* options = qobject_cast<ExportDialog*>(dialog);
    QVERIFY(options);
    options->selectFormat(QStringLiteral("png"));
    options->accept();
}

// Notes where the file dialog proposed to save, then types `path` (empty: Cancel).
ModalScript::Step saveAs(QString* offered, const QString& path)
{
    return [offered, path](QWidget* dialog) {
        auto* files = qobject_cast<QFileDialog*>(dialog);
        QVERIFY(files);
        *offered = files->selectedFiles().value(0);
        if (path.isEmpty())
            return files->reject();
        auto* name = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        name->setText(path);
        static_cast<QDialog*>(files)->accept(); // QFileDialog::accept, protected there
    };
}
}

void tst_MainWindow::anExportThatCannotBeWrittenOffersAnotherFile()
{
    // A file that cannot be written (here: inside a file, as a read-only folder or a full
    // disk would do) ended the export with a message: the teacher had to start over. The
    // message now says why and leads back to the file dialog, at that file's name, with
    // the same choices.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QFile blocker(folder.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString unwritable = folder.filePath(QStringLiteral("not-a-folder/slide.png"));
    const QString written = folder.filePath(QStringLiteral("slide.png"));

    QString error;
    const auto chooseAnotherFile = [&error](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        QVERIFY(box);
        error = box->text();
        for (QAbstractButton* button : box->buttons())
            if (box->buttonRole(button) == QMessageBox::AcceptRole)
                return button->click();
        box->reject();
        QFAIL("the message offers no other file");
    };
    TeachingWindow window;
    QVERIFY(window.ready);
    QString first, second;
    ModalScript script({ pickPng, saveAs(&first, unwritable), chooseAnotherFile, saveAs(&second, written) });
    window->exportAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
    QVERIFY2(!error.isEmpty(), "no message said why");
    QCOMPARE(QFileInfo(second).fileName(), QStringLiteral("slide.png")); // the failed file's name
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(written).size() > 0, 10000);
    QTRY_VERIFY(window->statusBar()->currentMessage().startsWith(QStringLiteral("Exported ")));
    QVERIFY(!QFileInfo::exists(unwritable));
}

void tst_MainWindow::theExportFileDialogOpensInTheFolderLastWrittenTo()
{
    // It opened in the documents folder every time, even right after exporting elsewhere.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString written = folder.filePath(QStringLiteral("slide.png"));
    QString offered;
    {
        TeachingWindow window;
        QVERIFY(window.ready);
        ModalScript script({ pickPng, saveAs(&offered, written) });
        window->exportAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
        QVERIFY(QFileInfo(offered).absolutePath() != folder.path());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(written).size() > 0, 10000);

        ModalScript again({ pickPng, saveAs(&offered, {}) });
        window->exportAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(again.done(), 10000);
        QCOMPARE(QFileInfo(offered).absolutePath(), folder.path());
        window->close();
    }
    TeachingWindow reopened; // and after a restart
    QVERIFY(reopened.ready);
    ModalScript script({ pickPng, saveAs(&offered, {}) });
    reopened->exportAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(script.done(), 10000);
    QCOMPARE(QFileInfo(offered).absolutePath(), folder.path());
}

void tst_MainWindow::closingAndReopeningRestoresTheLastRunAndTheView()
{
    {
        TeachingWindow window;
        QVERIFY(window.ready);
        const RunDataPtr previous = window->run();
        window.scenarioField()->setCurrentIndex(1);
        window.typeInto(window.spinBox("asyncq.producersField"), QStringLiteral("3"));
        window.typeInto(window.spinBox("asyncq.consumersField"), QStringLiteral("4"));
        window.typeInto(window.seedField(), QStringLiteral("123456789012345678901234567890"));
        window.clickRun();
        // The asyncq run itself on screen: a run is kept as the last one once it has finished,
        // and closing before then keeps the one before.
        QVERIFY(window.waitForNewRun(previous));
        QTRY_COMPARE_WITH_TIMEOUT(
            QString::fromStdString(window->run()->request.describe()).section(QLatin1Char(' '), 0, 0),
            QStringLiteral("asyncq"), 20000);
        window->viewState()->darkThemeAction()->trigger();
        window->viewState()->stepsAxisAction()->trigger();
        window->viewState()->hideFutureAction()->trigger();
        window->viewState()->largerTextAction()->trigger();
        window->findChild<QDockWidget*>(QStringLiteral("listingDock"))->close();
        window->close();
    }
    TeachingWindow reopened;
    QVERIFY(reopened.ready);
    QCOMPARE(QString::fromStdString(reopened->run()->request.describe()),
        QStringLiteral("asyncq -p 3 -c 4 \u00b7 seed 123456789012345678901234567890"));
    QCOMPARE(reopened->runControls()->form().seed, QStringLiteral("123456789012345678901234567890"));
    QCOMPARE(reopened->viewState()->theme(), ThemeKind::Dark);
    QCOMPARE(reopened->timeline()->axis(), TimelineAxis::Steps);
    QVERIFY(reopened->timeline()->hidesFuture());
    QVERIFY(reopened->viewState()->textScale() > 1.0);
    QVERIFY(reopened->findChild<QDockWidget*>(QStringLiteral("listingDock"))->isHidden()); // the layout too
    QVERIFY(!reopened->findChild<QDockWidget*>(QStringLiteral("outputDock"))->isHidden());
    reopened->viewState()->lightThemeAction()->trigger();
    reopened->viewState()->resetTextAction()->trigger();
    reopened->viewState()->hideFutureAction()->trigger();
}

QTEST_MAIN(tst_MainWindow)

#include "tst_mainwindow.moc"
