// SPDX-License-Identifier: MIT
// The Why panel's sentences (narration.h) against what the run itself shows: a woken getter
// that finds the queue empty again is told apart from one that takes an item, and a deadlock
// names who waits forever and for how many items.
#include "narration.h"
#include "runrequests.h"
#include "simulation.h"
#include "stateindex.h"

#include <QTest>

#include <string>

using namespace sim;
using namespace sim::testruns;

namespace {

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

} // namespace

class TestNarration : public QObject {
    Q_OBJECT

private slots:
    void aWokenGetterEitherTakesAnItemOrWaitsAgain_data();
    void aWokenGetterEitherTakesAnItemOrWaitsAgain();
    void joinReturningIsToldAsTaskDone();
    void aDeadlockNamesWhoWaitsAndForHowManyItems();
};

void TestNarration::aWokenGetterEitherTakesAnItemOrWaitsAgain_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("producers");
    QTest::addColumn<int>("consumers");
    QTest::newRow("seed 28, 6 producers, 3 consumers") << 28 << 6 << 3;
    QTest::newRow("seed 444, 5 producers, 10 consumers") << 444 << 5 << 10;
    QTest::newRow("seed 7, 3 producers, 12 consumers") << 7 << 3 << 12;
}

void TestNarration::aWokenGetterEitherTakesAnItemOrWaitsAgain()
{
    QFETCH(int, seed);
    QFETCH(int, producers);
    QFETCH(int, consumers);
    Trace trace;
    simulate(asyncq(seed, producers, consumers), &trace, {});
    const StateIndex index(trace);
    int takes = 0, waitsAgain = 0;
    for (std::size_t step = 0; step < index.stepCount(); ++step) {
        const LoopState before = index.stateAt(step);
        const ReadyEntry& entry = before.ready.front();
        if (entry.kind != HandleKind::TaskWakeup || trace.futureKinds.at(entry.object) != FutureKind::QueueGetter
            || before.tasks[entry.task].cancelRequested)
            continue;
        const std::string text = narrateStep(index, step);
        const LoopState after = index.stateAt(step + 1);
        // What the step did, from the trace: printed "got element", or listed itself again.
        const bool printed = after.outputLines > before.outputLines;
        const bool waiting = after.tasks[entry.task].state == TaskState::WaitingGet;
        QCOMPARE(printed, !waiting);
        if (waiting) {
            ++waitsAgain;
            QVERIFY2(contains(text, "was not reserved for it") && contains(text, "waits again"), text.c_str());
        } else {
            ++takes;
            QVERIFY2(contains(text, "takes the item at its head") && !contains(text, "waits again"), text.c_str());
        }
        QVERIFY2(contains(text, "put an item in the queue"), text.c_str());
    }
    QVERIFY(takes > 0);
    if (seed == 28)
        QVERIFY(waitsAgain > 0); // the case the panel used to miss
}

void TestNarration::joinReturningIsToldAsTaskDone()
{
    // One consumer for five producers: it is still busy when main reaches q.join().
    Trace trace;
    simulate(asyncq(444, 5, 1), &trace, {});
    const StateIndex index(trace);
    int joins = 0;
    for (std::size_t step = 0; step < index.stepCount(); ++step) {
        const LoopState before = index.stateAt(step);
        const ReadyEntry& entry = before.ready.front();
        if (entry.kind == HandleKind::TaskWakeup && trace.futureKinds.at(entry.object) == FutureKind::EventWaiter) {
            ++joins;
            const std::string text = narrateStep(index, step);
            QVERIFY2(contains(text, "main resumes") && contains(text, "task_done()") && contains(text, "queue.join() returns"),
                text.c_str());
        }
    }
    QCOMPARE(joins, 1);
}

void TestNarration::aDeadlockNamesWhoWaitsAndForHowManyItems()
{
    // Producers and no consumers: every item put stays unfinished; main waits in join().
    Trace trace;
    int added = 0;
    const RunResult result = simulate(asyncq(7, 2, 0), &trace, [&added](std::string_view line) {
        added += line.find(" added <") != std::string_view::npos;
    });
    QCOMPARE(result.status, RunStatus::Deadlock);
    QVERIFY(added > 1);
    const StateIndex index(trace);
    const std::string text = narrateEnd(index);
    QVERIFY2(contains(text, "Deadlock at t="), text.c_str());
    const std::string expected = "main waits in queue.join() for " + std::to_string(added) + " unfinished items.";
    QVERIFY2(contains(text, expected.c_str()), text.c_str());
}

QTEST_GUILESS_MAIN(TestNarration)
#include "tst_narration.moc"
