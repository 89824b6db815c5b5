// SPDX-License-Identifier: MIT
// Predict mode in the window, driven as a class drives it: the keys (a clicker's PageDown
// too), clicks on the choices. Every answer is checked against the trace, and "hidden"
// against the pixels and the text actually shown.
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "narration.h"
#include "playbackcontroller.h"
#include "predictcontroller.h"
#include "predictpanel.h"
#include "runcontroller.h"
#include "scrubber.h"
#include "startedwindow.h"
#include "timelinewidget.h"
#include "viewstate.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLayout>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

#include <memory>

using namespace ui;
using State = PredictController::State;

namespace {

class PredictingWindow : public StartedWindow {
public:
    PredictController* predict() const { return window->predict(); }
    const sim::StateIndex& index() const { return *window->run()->index; }

    // Goes to `position` with Predict mode off (it stops forward moves), then turns it on
    // with its key.
    void predictFrom(std::size_t position) const
    {
        predict()->setPredicting(false);
        window->playback()->setPosition(position);
        press(Qt::Key_P);
    }

    // The first position from `from` on where the window asks `kind`.
    std::optional<std::size_t> firstAsking(sim::QuestionKind kind, std::size_t from = 1) const
    {
        for (std::size_t p = from; p < index().stepCount(); ++p)
            if (sim::askQuestion(index(), p, kind))
                return p;
        return std::nullopt;
    }

    void click(std::size_t choice) const
    {
        QPushButton* button = window->predictPanel()->choiceButtons().value(qsizetype(choice));
        QVERIFY(button && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
    }
};

} // namespace

class tst_Predict : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_predict"));
    }
    void init() { QSettings().clear(); }

    void predictModeHidesEveryFutureElement();
    void aQuestionLocksSteppingForwardUntilItIsAnswered();
    void studentModeCountsRightAndWrongAnswersPerRun();
    void classModeRevealsOnPageDownThenSteps();
    void theNextTaskAnswerIsTheTaskTheTraceRunsNext();
    void onlyTheMarkedStepsAsk();
    void predictModeIsRemembered();
    void theQuestionFitsProjectorSizesAtLargeTextInBothThemes_data();
    void theQuestionFitsProjectorSizesAtLargeTextInBothThemes();
};

void tst_Predict::predictModeHidesEveryFutureElement()
{
    PredictingWindow window;
    QVERIFY(window.ready);
    window->viewState()->setAxis(TimelineAxis::Steps);
    // asyncq -p 5 -c 10: consumers that sleep as long as each other, in heap order.
    const RunDataPtr previous = window->run();
    window->findChild<QComboBox*>(QStringLiteral("scenarioField"))->setCurrentIndex(1);
    window->findChild<QSpinBox*>(QStringLiteral("asyncq.producersField"))->setValue(5);
    window->findChild<QSpinBox*>(QStringLiteral("asyncq.consumersField"))->setValue(10);
    window->runs()->runAction()->trigger();
    QVERIFY(QTest::qWaitFor([&] { return window->run() != previous; }, 20000));
    // A position where two timers tie and CPython's heap fires them against name order.
    const auto name
        = [&](const sim::TimerEntry& timer) { return QString::fromUtf8(window->run()->trace.taskName(timer.owner)); };
    std::optional<std::size_t> tie;
    for (std::size_t p = 0; p < window.index().stepCount() && !tie; ++p) {
        const auto timers = window.index().stateAt(p).timersByDeadline();
        for (std::size_t i = 1; i < timers.size(); ++i)
            if (timers[i].when == timers[i - 1].when && name(timers[i]) < name(timers[i - 1]))
                tie = p;
    }
    QVERIFY(tie);
    window.predictFrom(*tie);
    QVERIFY(window.predict()->isPredicting());
    QVERIFY(window->timeline()->hidesFuture());

    // The timeline: nothing right of the cursor's flag, in the ruler or the lanes.
    TimelineWidget* timeline = window->timeline();
    const Theme theme = Theme::light();
    const QImage image = timeline->grab().toImage();
    const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
    const double x = timeline->timelinePainter().positionX(layout, timeline->viewport(), timeline->position());
    int future = 0;
    int columns = 0;
    for (int px = int(x + layout.fontPixels * 4); px < int(layout.lanes.right()); ++px, ++columns)
        for (int y = int(layout.ruler.top()); y < int(layout.lanes.bottom()); ++y) {
            const QRgb pixel = image.pixelColor(px, y).rgb();
            future += y != int(layout.ruler.bottom()) - 1 && pixel != theme.background.rgb()
                && pixel != theme.laneSeparator.rgb();
        }
    QVERIFY(columns > 200); // most of the width lies in the future
    QCOMPARE(future, 0);

    // The Event loop panel: tied timers by name, not in the order the heap fires them.
    QVERIFY(window->loopStatePanel()->plainText().contains(QStringLiteral("ties by name")));
    const QStringList predicting = window->loopStatePanel()->timerEntries();
    for (qsizetype i = 1; i < predicting.size(); ++i) // same deadline: the names in order
        if (predicting[i].section(QLatin1Char(':'), 0, 0) == predicting[i - 1].section(QLatin1Char(':'), 0, 0))
            QVERIFY2(predicting[i - 1] < predicting[i], qPrintable(predicting.join(QLatin1Char('\n'))));
    // Turning Predict off shows the heap's order again, which differs.
    window.predict()->setPredicting(false);
    QVERIFY(!window->loopStatePanel()->plainText().contains(QStringLiteral("ties by name")));
    QVERIFY(window->loopStatePanel()->timerEntries() != predicting);
    window.predict()->setPredicting(true);

    // The status bar and the readouts: no end time, no step count.
    const QString end
        = QString::fromStdString(sim::formatSeconds(window.index().stateAt(window.index().stepCount()).now));
    QVERIFY2(!window->runStatus().contains(end) && !window->runStatus().contains(QStringLiteral("Completed")),
        qPrintable(window->runStatus()));
    QVERIFY2(!window->positionReadout().contains(QLatin1Char('/')), qPrintable(window->positionReadout()));
    QVERIFY(!window->positionReadout().contains(QString::number(window.index().stepCount())));
    QVERIFY(!window->scrubber()->isVisible()); // its ticks mark every instant to come

    // Off again: everything is back.
    window.press(Qt::Key_P);
    QVERIFY(!window.predict()->isPredicting());
    QVERIFY(!window->timeline()->hidesFuture());
    QVERIFY(window->runStatus().contains(QStringLiteral("Completed")));
    QVERIFY(window->positionReadout().contains(QLatin1Char('/')));
    QVERIFY(window->scrubber()->isVisible());
}

void tst_Predict::aQuestionLocksSteppingForwardUntilItIsAnswered()
{
    PredictingWindow window;
    QVERIFY(window.ready);
    const auto asking = window.firstAsking(sim::QuestionKind::NextTask);
    QVERIFY(asking);
    window.predictFrom(*asking);
    QCOMPARE(window.predict()->state(), State::Asking);
    QVERIFY(window->predictPanel()->isVisible());
    QCOMPARE(window->predictPanel()->prompt(), QStringLiteral("Which task does the loop run next?"));

    // Right, PageDown, End, Ctrl+Right, Play, the timeline's click: nowhere forward.
    for (int key : { int(Qt::Key_Right), int(Qt::Key_PageDown), int(Qt::Key_End), int(Qt::Key_Space) })
        window.press(key);
    emit window->timeline()->positionRequested(window.index().stepCount());
    QTest::qWait(50);
    QCOMPARE(window.position(), *asking);
    QVERIFY(!window->playback()->isPlaying());
    QCOMPARE(window.predict()->state(), State::Asking);

    // Back stays free, and forward again only as far as the question.
    window.press(Qt::Key_Left);
    QCOMPARE(window.position(), *asking - 1);
    window.predictFrom(*asking);
    QCOMPARE(window.predict()->state(), State::Asking);

    // Answering unlocks exactly one step: the next position asks again (or waits).
    window.click(window.predict()->question()->answer);
    QCOMPARE(window.predict()->state(), State::Revealed);
    window.press(Qt::Key_End);
    QCOMPARE(window.position(), *asking + 1);
}

void tst_Predict::studentModeCountsRightAndWrongAnswersPerRun()
{
    PredictingWindow window;
    QVERIFY(window.ready);
    window.predictFrom(0);
    int right = 0, given = 0;
    // Answer the first five questions: right, wrong, right, wrong, right.
    while (given < 5 && window.position() < window.index().stepCount()) {
        if (window.predict()->state() == State::Asking) {
            const sim::Question* question = window.predict()->question();
            const bool answerRight = given % 2 == 0;
            const std::size_t choice
                = answerRight ? question->answer : (question->answer + 1) % question->choices.size();
            window.click(choice);
            ++given;
            right += answerRight;
            QCOMPARE(window.predict()->chosen(), choice);
            const QString result = window->predictPanel()->result();
            QVERIFY2(result.contains(answerRight ? QStringLiteral("Right") : QStringLiteral("Not quite")),
                qPrintable(result));
            QVERIFY(result.contains(QString::fromStdString(question->explanation).toHtmlEscaped()));
            // The right choice is marked, and a wrong one made.
            QVERIFY(window->predictPanel()->choiceButtons()[qsizetype(question->answer)]->toolTip().startsWith(
                QStringLiteral("\u2713")));
            if (!answerRight)
                QVERIFY(window->predictPanel()->choiceButtons()[qsizetype(choice)]->toolTip().startsWith(
                    QStringLiteral("\u2717")));
            QCOMPARE(window->predictPanel()->score(), QStringLiteral("%1 of %2 right").arg(right).arg(given));
        }
        window.press(Qt::Key_Right);
    }
    QCOMPARE(given, 5);
    QCOMPARE(window.predict()->rightAnswers(), 3);
    QCOMPARE(window.predict()->answers(), 5);

    // Answering again after stepping back changes nothing: the answer stays.
    window.press(Qt::Key_Left);
    window.press(Qt::Key_Left);
    QCOMPARE(window.predict()->answers(), 5);

    // A new run: a new score.
    const RunDataPtr previous = window->run();
    window->runs()->newSeedAction()->trigger();
    QVERIFY(QTest::qWaitFor([&] { return window->run() != previous; }, 20000));
    QCOMPARE(window.predict()->answers(), 0);
    QCOMPARE(window->predictPanel()->score(), QStringLiteral("0 of 0 right"));
}

void tst_Predict::classModeRevealsOnPageDownThenSteps()
{
    PredictingWindow window;
    QVERIFY(window.ready);
    const auto asking = window.firstAsking(sim::QuestionKind::NextTask);
    QVERIFY(asking);
    window.predictFrom(*asking);
    window.predict()->classModeAction()->trigger();
    QVERIFY(window.predict()->isClassMode());
    QCOMPARE(window.predict()->state(), State::Asking);
    QVERIFY(window->predictPanel()->score().isEmpty()); // nobody answers alone in class

    const sim::Question question = *window.predict()->question();
    window.press(Qt::Key_PageDown); // the clicker: reveal
    QCOMPARE(window.position(), *asking);
    QCOMPARE(window.predict()->state(), State::Revealed);
    QVERIFY(!window.predict()->chosen());
    const QString result = window->predictPanel()->result();
    QVERIFY(result.contains(QString::fromStdString(question.choices[question.answer]).toHtmlEscaped()));
    QVERIFY(result.contains(QString::fromStdString(question.explanation).toHtmlEscaped()));
    QVERIFY(window->predictPanel()->choiceButtons()[qsizetype(question.answer)]->toolTip().startsWith(
        QStringLiteral("\u2713")));
    QCOMPARE(window.predict()->answers(), 0);

    window.press(Qt::Key_PageDown); // the clicker again: step
    QCOMPARE(window.position(), *asking + 1);
}

void tst_Predict::theNextTaskAnswerIsTheTaskTheTraceRunsNext()
{
    PredictingWindow window;
    QVERIFY(window.ready);
    // Every NextTask question in the run: its answer is the task of the step about to run,
    // and after answering, stepping shows that task's step.
    window.predictFrom(0);
    int checked = 0;
    while (window.position() < window.index().stepCount()) {
        const std::size_t at = window.position();
        if (window.predict()->state() == State::Asking) {
            const sim::Question* question = window.predict()->question();
            if (question->kind == sim::QuestionKind::NextTask) {
                const sim::StepInfo& step = window.index().steps()[at];
                QCOMPARE(QString::fromStdString(question->choices[question->answer]),
                    QString::fromUtf8(window->run()->trace.taskName(step.task)));
                ++checked;
            }
            window.click(question->answer);
        }
        window.press(Qt::Key_Right);
        QVERIFY(window.position() == at || window.position() == at + 1);
    }
    QVERIFY(checked >= 3);
    QCOMPARE(window.predict()->rightAnswers(), window.predict()->answers());
}

void tst_Predict::onlyTheMarkedStepsAsk()
{
    PredictingWindow window;
    QVERIFY(window.ready);
    const auto asking = window.firstAsking(sim::QuestionKind::NextTask, 3);
    QVERIFY(asking);
    window.predict()->setQuestionSteps(std::set<std::size_t> { *asking });
    window.predictFrom(0);
    QCOMPARE(window.predict()->state(), State::Waiting);
    // Forward moves go freely up to the marked step, and stop there.
    window.press(Qt::Key_End);
    QCOMPARE(window.position(), *asking);
    QCOMPARE(window.predict()->state(), State::Asking);
    window.click(window.predict()->question()->answer);
    window.press(Qt::Key_End); // nothing marked after it: the end
    QCOMPARE(window.position(), window.index().stepCount());
}

void tst_Predict::predictModeIsRemembered()
{
    {
        PredictingWindow window;
        QVERIFY(window.ready);
        window.press(Qt::Key_P);
        window.predict()->classModeAction()->trigger();
        window->close();
    }
    PredictingWindow reopened;
    QVERIFY(reopened.ready);
    QVERIFY(reopened.predict()->isPredicting());
    QVERIFY(reopened.predict()->isClassMode());
    QVERIFY(reopened.predict()->predictAction()->isChecked());
    QVERIFY(reopened->timeline()->hidesFuture()); // what the restored mode hides, hidden from the start
    QCOMPARE(reopened.predict()->state(), State::Asking); // and it asks before the first step
}

void tst_Predict::theQuestionFitsProjectorSizesAtLargeTextInBothThemes_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("textScale");
    QTest::addColumn<bool>("dark");
    QTest::newRow("1280x720 light") << QSize(1280, 720) << 1.0 << false;
    QTest::newRow("1024x768 dark") << QSize(1024, 768) << 1.0 << true;
    QTest::newRow("1280x720 large text") << QSize(1280, 720) << 1.3225 << false;
    QTest::newRow("1024x768 large text dark") << QSize(1024, 768) << 1.3225 << true;
}

void tst_Predict::theQuestionFitsProjectorSizesAtLargeTextInBothThemes()
{
    QFETCH(QSize, size);
    QFETCH(double, textScale);
    QFETCH(bool, dark);
    PredictingWindow window;
    QVERIFY(window.ready);
    window->resize(size);
    window->viewState()->setTextScale(textScale);
    window->viewState()->setTheme(dark ? ThemeKind::Dark : ThemeKind::Light);
    const auto asking = window.firstAsking(sim::QuestionKind::NextTask);
    QVERIFY(asking);
    window.predictFrom(*asking);
    PredictPanel* panel = window->predictPanel();
    // The layout settles (several passes after the resize, the zoom and the question; a
    // loaded machine or the sanitizer build takes longer): every choice inside the panel.
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::all_of(panel->choiceButtons(), [panel](QPushButton* button) {
        return QRect(QPoint(0, 0), panel->size()).contains(QRect(button->mapTo(panel, QPoint(0, 0)), button->size()));
    }), 10000);
    const QRect inWindow = QRect(panel->mapTo(window.window.get(), QPoint(0, 0)), panel->size());
    QVERIFY2(QRect(QPoint(0, 0), window->size()).contains(inWindow),
        qPrintable(QStringLiteral("%1,%2 %3x%4")
                       .arg(inWindow.x())
                       .arg(inWindow.y())
                       .arg(inWindow.width())
                       .arg(inWindow.height())));
    // Every choice whole and readable: its full text on the button, as tall as two lines.
    const sim::Question* question = window.predict()->question();
    for (qsizetype i = 0; i < panel->choiceButtons().size(); ++i) {
        QPushButton* button = panel->choiceButtons()[i];
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), QString::fromStdString(question->choices[std::size_t(i)]));
        QVERIFY(button->height() >= 2 * QFontMetrics(window->font()).height());
        QVERIFY(QRect(QPoint(0, 0), panel->size()).contains(QRect(button->mapTo(panel, QPoint(0, 0)), button->size())));
    }
    // The timeline keeps its lanes under the question, at the default text size at least.
    TimelineWidget* timeline = window->timeline();
    auto readable = [&] {
        const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
        return timeline->viewport().textScale >= std::min(textScale, 1.0) - 0.01
            && layout.lanes.height() >= layout.rowCount * layout.laneHeight - 0.5 && !layout.legend.isEmpty();
    };
    auto lanesStayReadable = [&] {
        // (The layout settles over several passes; a loaded machine takes longer.)
        QTRY_VERIFY_WITH_TIMEOUT(readable(), 10000);
        const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
        QVERIFY2(timeline->viewport().textScale >= std::min(textScale, 1.0) - 0.01,
            qPrintable(QStringLiteral("the timeline's text at %1").arg(timeline->viewport().textScale)));
        QVERIFY2(layout.lanes.height() >= layout.rowCount * layout.laneHeight - 0.5,
            qPrintable(
                QStringLiteral("%1 of %2 lanes").arg(layout.lanes.height() / layout.laneHeight).arg(layout.rowCount)));
        QVERIFY(!layout.legend.isEmpty());
    };
    lanesStayReadable();
    if (QTest::currentTestFailed())
        return;

    // Answered, the answer's sentence takes more room; at 1024x768 with larger text it took
    // so much that the timeline's four lanes were left with text at half the default size.
    // The timeline keeps them; the answer scrolls.
    window.click(question->answer);
    QTRY_COMPARE(window.predict()->state(), State::Revealed);
    lanesStayReadable();
    if (QTest::currentTestFailed())
        return;
    // The whole answer is there: shown, or a scroll away, and at least two lines of it show.
    QVERIFY(panel->result().contains(QString::fromStdString(question->explanation).toHtmlEscaped()));
    QScrollArea* answer = panel->resultArea();
    auto wholeOrScrolls = [answer] {
        return answer->viewport()->height() >= answer->widget()->heightForWidth(answer->viewport()->width())
            || answer->verticalScrollBar()->isVisible();
    };
    QTRY_VERIFY_WITH_TIMEOUT(wholeOrScrolls(), 10000); // (the answer's layout settles too)
    const int textHeight = answer->widget()->heightForWidth(answer->viewport()->width());
    QVERIFY2(answer->viewport()->height() >= textHeight || answer->verticalScrollBar()->isVisible(),
        qPrintable(QStringLiteral("%1 of %2 pixels, no scroll bar").arg(answer->viewport()->height()).arg(textHeight)));
    QVERIFY(answer->viewport()->height() >= 2 * answer->widget()->fontMetrics().lineSpacing() - 1);
    QVERIFY(QRect(QPoint(0, 0), window->size())
                .contains(QRect(panel->mapTo(window.window.get(), QPoint(0, 0)), panel->size())));
    // For the README: LOOPSCOPE_SCREENSHOTS=folder keeps what the class sees.
    const QString folder = qEnvironmentVariable("LOOPSCOPE_SCREENSHOTS");
    if (!folder.isEmpty())
        window->grab().save(
            QStringLiteral("%1/predict-%2.png")
                .arg(folder, QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
}

QTEST_MAIN(tst_Predict)
#include "tst_predict.moc"
