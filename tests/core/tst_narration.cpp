// SPDX-License-Identifier: MIT
// The Why panel's sentences (narration.h) against what the run itself shows: a woken getter
// that finds the queue empty again is told apart from one that takes an item, a deadlock
// names who waits forever and for how many items, and every step a task ran says what it did:
// the lines it printed, the items it put or took, the line it gave control back at (quoted
// from the listing) and what it awaits there, or how it finished.
#include "narration.h"
#include "recordedconstructs.h"
#include "runrequests.h"
#include "simulation.h"
#include "stateindex.h"
#include "statesummary.h"

#include <QTest>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace sim;
using namespace sim::testruns;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The program's source, as the window passes it in.
std::string listing(const char* file)
{
    std::ifstream in(std::string(LOOPSCOPE_SOURCE_DIR) + "/resources/listings/" + file);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The step (0-based) in which `task` ran and the trace shows an event of `kind` by it.
std::size_t stepWhere(const StateIndex& index, std::string_view task, EventKind kind, std::size_t from = 0)
{
    const Trace& trace = index.trace();
    for (std::size_t step = from; step < index.stepCount(); ++step) {
        for (std::size_t e = index.stepBeginEvent(step); e < index.stepEndEvent(step); ++e) {
            const TraceEvent& event = trace.events[e];
            if (event.kind == kind && event.task != noId && trace.taskName(event.task) == task)
                return step;
        }
    }
    return index.stepCount();
}

} // namespace

class TestNarration : public QObject {
    Q_OBJECT

private slots:
    void aWokenGetterEitherTakesAnItemOrWaitsAgain_data();
    void aWokenGetterEitherTakesAnItemOrWaitsAgain();
    void joinReturningIsToldAsTaskDone();
    void aDeadlockNamesWhoWaitsAndForHowManyItems();
    void aWakeUpSaysWhatTheTaskPrintedAndWhereItGaveControlBack();
    void aProducersPutAndAConsumersGetAreTold();
    void aFinishAndACancellationAreTold();
    void aJoinIsQuotedWithoutItsComment();
    void theStatesTheCallerHasGiveTheSameSentences();
    void withoutTheListingTheLineIsStillNamed();
    void aBlockingCallIsToldAsBlockingTheWholeLoop();
    void aFailedProgramEndsWithItsException();
    void aSemaphoreSaysItsFreeSlotsAndWhoHoldsTheOthers();
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

void TestNarration::aWakeUpSaysWhatTheTaskPrintedAndWhereItGaveControlBack()
{
    // chained 1 2 3, seed 444, step 9 (index 8): chain 1 wakes from part1's sleep at t=4,
    // prints "Returning part1(1) ..." and "part2(1, ...) sleeping for 7 seconds.", and stops
    // at line 19, in part2's sleep, until t=11.
    Trace trace;
    simulate(chained(444, { 1, 2, 3 }), &trace, {});
    const StateIndex index(trace);
    const std::string text = narrateStep(index, 8, listing("chained.py"));
    QVERIFY2(contains(text, "chain 1's sleep ended at t=4 and its wakeup was first in the ready queue."), text.c_str());
    QVERIFY2(contains(text,
                 "chain 1 printed 2 lines, then gave control back to the loop at line 19, `await asyncio.sleep(i)`: "
                 "it sleeps 7 s, until t=11."),
        text.c_str());
    // Its two lines are the ones the trace has it print in that step.
    const LoopState before = index.stateAt(8), after = index.stateAt(9);
    QCOMPARE(after.outputLines - before.outputLines, 2u);
    QVERIFY(trace.outputLine(before.outputLines).starts_with("Returning part1(1)"));
}

void TestNarration::aProducersPutAndAConsumersGetAreTold()
{
    // asyncq -p 2 -c 5, seed 444: Producer 0 puts an item that wakes a waiting consumer,
    // which then takes it, prints, calls task_done() and sleeps again.
    Trace trace;
    simulate(asyncq(444, 2, 5), &trace, {});
    const StateIndex index(trace);
    const std::string source = listing("asyncq.py");
    const std::size_t put = stepWhere(index, "Producer 0", EventKind::QueuePut);
    QVERIFY(put < index.stepCount());
    const TraceEvent* putEvent = nullptr;
    const TraceEvent* woken = nullptr;
    for (std::size_t e = index.stepBeginEvent(put); e < index.stepEndEvent(put); ++e) {
        if (trace.events[e].kind == EventKind::QueuePut)
            putEvent = &trace.events[e];
        if (trace.events[e].kind == EventKind::WaiterWoken)
            woken = &trace.events[e];
    }
    const std::string item = "<" + std::string(trace.strings.at(trace.items[putEvent->a].label)) + ">";
    std::string text = narrateStep(index, put, source);
    QVERIFY2(contains(text, "Producer 0 put " + item + " in the queue"), text.c_str());
    QVERIFY2(contains(text, "line 17, `await asyncio.sleep(i)`: it sleeps "), text.c_str());
    if (woken)
        QVERIFY2(contains(text, "(which woke " + std::string(trace.taskName(woken->task)) + ")"), text.c_str());
    else
        QVERIFY2(!contains(text, "which woke"), text.c_str());

    // The first consumer to take an item.
    std::size_t get = index.stepCount();
    for (std::size_t step = 0; step < index.stepCount() && get == index.stepCount(); ++step)
        for (std::size_t e = index.stepBeginEvent(step); e < index.stepEndEvent(step); ++e)
            if (trace.events[e].kind == EventKind::QueueGet)
                get = step;
    QVERIFY(get < index.stepCount());
    const std::string consumer(trace.taskName(index.steps()[get].task));
    text = narrateStep(index, get, source);
    QVERIFY2(contains(text, consumer + " took <"), text.c_str());
    QVERIFY2(contains(text,
                 "> from the queue, printed 2 lines and called task_done(), then gave control back to the "
                 "loop at line 17, `await asyncio.sleep(i)`"),
        text.c_str());

    // A consumer that finds the queue empty says where it waits, and for what.
    const std::size_t waits = stepWhere(index, "Consumer 3", EventKind::WaiterAdded);
    text = narrateStep(index, waits, source);
    QVERIFY2(contains(text,
                 "Consumer 3 gave control back to the loop at line 31, `i, t = await q.get()`: the queue is "
                 "empty, so it waits for an item."),
        text.c_str());
}

void TestNarration::aFinishAndACancellationAreTold()
{
    Trace trace;
    simulate(asyncq(444, 2, 5), &trace, {});
    const StateIndex index(trace);
    const std::string source = listing("asyncq.py");

    // main, once the producers are done, cancels the consumers and returns.
    const std::size_t cancels = stepWhere(index, "Consumer 0", EventKind::CancelRequested);
    QVERIFY(cancels < index.stepCount());
    std::string text = narrateStep(index, cancels, source);
    QVERIFY2(contains(text,
                 "main cancelled Consumer 0, Consumer 1, Consumer 2 and 2 more, then returned after line 43: the "
                 "task is done."),
        text.c_str());

    // A consumer waiting in get() takes the CancelledError and does not catch it.
    const std::size_t cancelled = stepWhere(index, "Consumer 0", EventKind::TaskFinished);
    text = narrateStep(index, cancelled, source);
    QVERIFY2(contains(text, "Consumer 0 resumes with CancelledError: main cancelled it"), text.c_str());
    QVERIFY2(contains(text,
                 "Consumer 0 let CancelledError escape at line 31, `i, t = await q.get()`: the task is "
                 "cancelled."),
        text.c_str());

    // A producer with no items to make returns from its first step, its loop never entered.
    const std::size_t finished = stepWhere(index, "Producer 1", EventKind::TaskFinished);
    text = narrateStep(index, finished, source);
    QVERIFY2(contains(text, "Producer 1 returned after line 21: the task is done."), text.c_str());

    // The script's last line comes after asyncio.run returned, in the loop's last step.
    text = narrateStep(index, index.stepCount() - 1, source);
    QVERIFY2(contains(text, "asyncio.run returns, and the program prints 1 line after it."), text.c_str());
}

void TestNarration::aJoinIsQuotedWithoutItsComment()
{
    // One consumer for five producers: main reaches q.join() with items still unfinished.
    Trace trace;
    simulate(asyncq(444, 5, 1), &trace, {});
    const StateIndex index(trace);
    int joins = 0;
    for (std::size_t step = 0; step < index.stepCount(); ++step) {
        const LoopState after = index.stateAt(step + 1);
        const TaskId ran = index.steps()[step].task;
        if (ran == noId || after.tasks[ran].state != TaskState::WaitingJoin)
            continue;
        ++joins;
        const std::string text = narrateStep(index, step, listing("asyncq.py"));
        const std::string expected = "main gave control back to the loop at line 42, `await q.join()`: it waits until "
                                     "every item put is marked task_done() ("
            + std::to_string(after.unfinished) + " unfinished).";
        QVERIFY2(contains(text, expected), text.c_str());
    }
    QCOMPARE(joins, 1);
}

void TestNarration::theStatesTheCallerHasGiveTheSameSentences()
{
    // The window passes the states it has already rebuilt; the sentences are the ones
    // narrateStep gives when it rebuilds them itself, step after step.
    Trace trace;
    simulate(asyncq(28, 6, 3), &trace, {});
    const StateIndex index(trace);
    const std::string source = listing("asyncq.py");
    LoopState before, after;
    for (std::size_t step = 0; step < index.stepCount(); ++step) {
        index.stateAt(step, before);
        index.stateAt(step + 1, after);
        QCOMPARE(narrateStep(index, step, before, after, source), narrateStep(index, step, source));
    }
    QCOMPARE(narrateEnd(index, after), narrateEnd(index));
}

void TestNarration::withoutTheListingTheLineIsStillNamed()
{
    Trace trace;
    simulate(chained(444, { 1, 2, 3 }), &trace, {});
    const StateIndex index(trace);
    const std::string text = narrateStep(index, 8);
    QVERIFY2(contains(text, "then gave control back to the loop at line 19: it sleeps 7 s, until t=11."), text.c_str());
}

void TestNarration::aBlockingCallIsToldAsBlockingTheWholeLoop()
{
    // chained 1 2 3 where chain 1's first step calls time.sleep(2) at line 3 before its
    // asyncio.sleep: the Why says the whole loop stood still, and the sleep's length is
    // counted from the clock after the block.
    Trace trace;
    simulate(chained(444, { 1, 2, 3 }), &trace, {});
    QVERIFY(testruns::insertBlock(trace, 1, 2.0, 3));
    const StateIndex index(trace);
    const std::string source = "import asyncio, time\n\n    time.sleep(2)  # a blocking call\n";
    const std::string text = narrateStep(index, 1, source);
    QVERIFY2(contains(text,
                 "chain 1 blocked the whole loop for 2 s at line 3, `time.sleep(2)`: no other task could run "
                 "meanwhile."),
        text.c_str());
    const LoopState after = index.stateAt(2);
    const TaskStatus& chain1 = after.tasks[index.steps()[1].task];
    QCOMPARE(chain1.state, TaskState::Sleeping);
    QVERIFY2(
        contains(text, "it sleeps " + formatSeconds(chain1.wakeAt - 2) + " s, until t=" + formatSeconds(chain1.wakeAt)),
        text.c_str());
    // The steps that waited behind it say nothing of a block.
    QVERIFY(!contains(narrateStep(index, 2, source), "blocked"));
}

void TestNarration::aFailedProgramEndsWithItsException()
{
    Trace trace;
    RunResult result = simulate(chained(444, { 1, 2, 3 }), &trace, {});
    testruns::appendFailure(trace, result,
        "Traceback (most recent call last):\n  File \"chained.py\", line 4, in <module>\n"
        "ZeroDivisionError: division by zero\n",
        4);
    const StateIndex index(trace);
    QCOMPARE(trace.errorMessage(), "ZeroDivisionError: division by zero");
    const std::string text = narrateEnd(index);
    QVERIFY2(contains(text,
                 "The program failed at t=" + formatSeconds(result.virtualSeconds)
                     + ": ZeroDivisionError: division by zero escaped it, raised at line 4."),
        text.c_str());
    // Before the end nothing has failed yet.
    QVERIFY(!index.stateAt(index.stepCount() - 1).failed);
}

void TestNarration::aSemaphoreSaysItsFreeSlotsAndWhoHoldsTheOthers()
{
    // asyncio.Semaphore(2) made by main; download a and b take its slots, a task holding none
    // releases one (a semaphore has no owner), then a plain release raises its value.
    Trace trace;
    for (const char* task : { "main", "download a", "download b", "stranger" })
        trace.tasks.push_back(TaskInfo { trace.strings.add(task), 0 });
    trace.syncObjects.push_back(SyncInfo { SyncKind::Semaphore, 0, 2, true });
    LoopState state;
    const auto apply = [&](EventKind kind, TaskId task) {
        TraceEvent event;
        event.kind = kind;
        event.task = task;
        event.a = 0;
        if (kind == EventKind::SyncCreated) {
            event.detail = std::uint8_t(SyncKind::Semaphore);
            event.b = 2;
        }
        state.apply(event);
        return describeSync(0, trace, state);
    };
    QCOMPARE(apply(EventKind::SyncCreated, 0), "semaphore #0 (2 slots free, created by main)");
    QCOMPARE(apply(EventKind::SemaphoreAcquired, 1), "semaphore #0 (1 slot free, 1 taken by download a)");
    QCOMPARE(apply(EventKind::SemaphoreAcquired, 2), "semaphore #0 (every slot taken by download a and download b)");
    // The stranger gives back the earliest holder's slot; a holder gives back its own.
    QCOMPARE(releasedSlot(state.syncs[0], 3), std::optional<std::size_t>(0));
    QCOMPARE(releasedSlot(state.syncs[0], 2), std::optional<std::size_t>(1));
    QCOMPARE(apply(EventKind::SemaphoreReleased, 3), "semaphore #0 (1 slot free, 1 taken by download b)");
    QCOMPARE(apply(EventKind::SemaphoreAcquired, 2), "semaphore #0 (every slot taken by download b)");
    QCOMPARE(apply(EventKind::SemaphoreReleased, 2), "semaphore #0 (1 slot free, 1 taken by download b)");
    QCOMPARE(apply(EventKind::SemaphoreReleased, 2), "semaphore #0 (2 slots free, created by main)");
    QCOMPARE(releasedSlot(state.syncs[0], 2), std::nullopt);
    QCOMPARE(apply(EventKind::SemaphoreReleased, 3), "semaphore #0 (3 slots free, created by main)");
    // A file recorded before slots were: the semaphore by its creator only.
    trace.syncObjects[0].slotsRecorded = false;
    QCOMPARE(describeSync(0, trace, state), "semaphore #0 (created by main)");
}

QTEST_GUILESS_MAIN(TestNarration)
#include "tst_narration.moc"
