// SPDX-License-Identifier: MIT
// Predict mode's questions: the right answer is among the choices, the choices come only
// from what the state before the step shows (never the future), their order gives nothing
// away, and the explanation is the step's own sentence.
#include "narration.h"
#include "prediction.h"
#include "runrequests.h"
#include "simulation.h"

#include <QTest>

#include <memory>
#include <set>

using namespace sim;

namespace {
using testruns::indexed;

TaskId taskNamed(const Trace& trace, const std::string& name)
{
    for (TaskId task = 0; task < trace.tasks.size(); ++task)
        if (trace.taskName(task) == name)
            return task;
    return noId;
}
}

class tst_Prediction : public QObject {
    Q_OBJECT

private slots:
    void nextTaskOffersOnlyWhatThePresentShows_data();
    void nextTaskOffersOnlyWhatThePresentShows();
    void nextOutputOffersLinesStillToCome();
    void theEndTimeIsAmongTheGuesses();
    void aQuestionWithOneAnswerIsNotAsked();
};

void tst_Prediction::nextTaskOffersOnlyWhatThePresentShows_data()
{
    QTest::addColumn<RunRequest>("request");
    QTest::newRow("chained 1 2 3") << testruns::chained(444, {});
    QTest::newRow("asyncq -p 5 -c 10") << testruns::asyncq(444, 5, 10);
    QTest::newRow("chained 1 1 4 0") << testruns::chained(9, { 1, 1, 4, 0 });
}

void tst_Prediction::nextTaskOffersOnlyWhatThePresentShows()
{
    QFETCH(RunRequest, request);
    const auto run = indexed(request);
    int asked = 0;
    for (std::size_t position = 0; position < run->index->stepCount(); ++position) {
        const auto question = askQuestion(*run->index, position, QuestionKind::NextTask);
        if (!question)
            continue;
        ++asked;
        QVERIFY(question->choices.size() >= 2 && question->choices.size() <= 4);
        QVERIFY(question->answer < question->choices.size());
        const StepInfo& step = run->index->steps()[position];
        QCOMPARE(question->choices[question->answer], std::string(run->trace.taskName(step.task)));
        QCOMPARE(question->explanation, narrateStep(*run->index, position));
        const LoopState present = run->index->stateAt(position);
        TaskId previous = 0;
        for (std::size_t c = 0; c < question->choices.size(); ++c) {
            const TaskId task = taskNamed(run->trace, question->choices[c]);
            // A task that exists and has not finished before the step: nothing from the future.
            QVERIFY(task < present.tasks.size());
            QVERIFY(!isFinished(present.tasks[task].state));
            // In creation order: the ready deque's order is not given away.
            QVERIFY(c == 0 || task > previous);
            previous = task;
        }
    }
    QVERIFY(asked > 5);
}

void tst_Prediction::nextOutputOffersLinesStillToCome()
{
    const auto run = indexed(testruns::chained(444, {}));
    int asked = 0;
    for (std::size_t position = 0; position < run->index->stepCount(); ++position) {
        const auto question = askQuestion(*run->index, position, QuestionKind::NextOutput);
        if (!question)
            continue;
        ++asked;
        const std::uint32_t next = run->index->stateAt(position).outputLines;
        QCOMPARE(question->choices[question->answer], std::string(run->trace.outputLine(next)));
        std::set<std::string> toCome;
        for (std::size_t line = next; line < run->trace.outputLines.size(); ++line)
            toCome.emplace(run->trace.outputLine(line));
        for (const std::string& choice : question->choices)
            QVERIFY(toCome.count(choice)); // never a line already printed
        QVERIFY(std::is_sorted(question->choices.begin(), question->choices.end()));
        QVERIFY(question->explanation.starts_with("It is printed in step "));
    }
    QVERIFY(asked > 5);
}

void tst_Prediction::theEndTimeIsAmongTheGuesses()
{
    const auto run = indexed(testruns::chained(444, {}));
    const auto question = askQuestion(*run->index, 3, QuestionKind::EndTime);
    QVERIFY(question);
    QCOMPARE(question->choices[question->answer], std::string("t = 11 s"));
    QVERIFY(question->choices.size() >= 3);
}

void tst_Prediction::aQuestionWithOneAnswerIsNotAsked()
{
    const auto run = indexed(testruns::chained(444, {}));
    // Before the first step only main exists: nothing to choose from.
    QVERIFY(!askQuestion(*run->index, 0, QuestionKind::NextTask));
    const auto fallback = askFirst(*run->index, 0, { QuestionKind::NextTask, QuestionKind::NextOutput });
    QVERIFY(fallback);
    QCOMPARE(fallback->kind, QuestionKind::NextOutput);
    QVERIFY(!askQuestion(*run->index, run->index->stepCount(), QuestionKind::NextTask));
}

QTEST_GUILESS_MAIN(tst_Prediction)

#include "tst_prediction.moc"
