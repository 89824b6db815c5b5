// SPDX-License-Identifier: MIT
// Task.cancel(), asyncio.run's teardown and the purge of cancelled timers against CPython's
// ordering facts (core/CPYTHON.md, facts 9 and 10), the same way as tst_eventloop.cpp:
// small hand-written coroutines drive sim::EventLoop and log what runs, in which iteration, at
// which virtual time; tst_cpythonfacts.py runs the same programs under real asyncio (on
// run_reference.py's virtual clock) and must print the same lines.

#include "asyncqueue.h"
#include "eventloop.h"
#include "gather.h"
#include "looptesthelpers.h"
#include "sleep.h"

#include <QtTest>

#include <memory>
#include <set>

using namespace looptest;

namespace {

// ---- the programs (twins of tst_cpythonfacts.py's fact_* functions) -----------------------

Task<void> noteOnly(Program& p, QString what)
{
    p.note(what);
    co_return;
}

// Logs `before`, sleeps `delay` seconds, logs `after` (unless cancelled meanwhile).
Task<void> sleepBetween(Program& p, QString before, double delay, QString after)
{
    p.note(before);
    co_await sim::sleep(p.loop, delay);
    p.note(after);
}

// Logs `what` when CancelledError arrives, and lets it propagate.
Task<void> noteCancellation(Program& p, Task<void> body, QString what)
{
    try {
        co_await std::move(body);
    } catch (const sim::CancelledError&) {
        p.note(what);
        throw;
    }
}

Task<void> cancelAndAwait(Program& p, sim::LoopTask& task, QString requested, QString cancelled)
{
    task.cancel();
    p.note(requested);
    try {
        co_await task;
    } catch (const sim::CancelledError&) {
        p.note(cancelled);
    }
}

Task<void> cancelWaitingMain(Program& p)
{
    auto body = sleepBetween(p, "sleeps 10", 10, "wakes");
    auto& s = p.loop.createTask(noteCancellation(p, std::move(body), "CancelledError at its await"), "sleeper");
    co_await sim::sleep(p.loop, 0);
    co_await cancelAndAwait(p, s, "cancel requested", "sleeper is cancelled");
}

Task<void> cancelScheduledMain(Program& p, double delay)
{
    auto body = sleepBetween(p, "victim waits", delay, "victim resumed normally");
    auto& v = p.loop.createTask(noteCancellation(p, std::move(body), "CancelledError at its next step"), "victim");
    co_await sim::sleep(p.loop, delay);
    co_await cancelAndAwait(p, v, "cancel requested", "victim is cancelled");
}

Task<void> sleepAgainSleeper(Program& p, double again)
{
    p.note("sleeps 10");
    try {
        co_await sim::sleep(p.loop, 10);
    } catch (const sim::CancelledError&) {
        p.note("cancelled, sleeps " + QString::asprintf("%g", again));
    }
    co_await sim::sleep(p.loop, again);
    p.note("wakes, sleeps 1");
    co_await sim::sleep(p.loop, 1);
    p.note("wakes again");
}

Task<void> sleepAgainMain(Program& p, double again)
{
    auto& s = p.loop.createTask(sleepAgainSleeper(p, again), "sleeper");
    co_await sim::sleep(p.loop, 0);
    s.cancel();
    auto& o = p.loop.createTask(
        sleepBetween(p, "other sleeps " + QString::asprintf("%g", again), again, "other wakes"), "other");
    p.note("cancel requested");
    co_await s;
    co_await o;
}

// sleepBetween with the sleep in a coroutine of its own, which passes the exception on with
// outcome() and reraise() (task.h) instead of a throw, and is awaited through uncaught():
// Python cannot tell it from a plain await, so the program and its trace are the same.
Task<void> napWithoutThrow(Program& p, double delay)
{
    if (std::exception_ptr error = co_await sim::sleep(p.loop, delay).outcome())
        co_await sim::reraise(std::move(error));
    p.note("nap ends");
}

Task<void> sleepBetweenWithoutThrow(Program& p, QString before, double delay, QString after)
{
    p.note(before);
    co_await sim::uncaught(napWithoutThrow(p, delay));
    p.note(after);
}

Task<void> napPlain(Program& p, double delay)
{
    co_await sim::sleep(p.loop, delay);
    p.note("nap ends");
}

Task<void> sleepBetweenPlain(Program& p, QString before, double delay, QString after)
{
    p.note(before);
    co_await napPlain(p, delay);
    p.note(after);
}

// (Not a coroutine: clang 14 crashes on a Task assigned in a branch of one.)
Task<void> napperBody(Program& p, double delay, bool withoutThrow)
{
    return withoutThrow ? sleepBetweenWithoutThrow(p, "victim waits", delay, "victim resumed normally")
                        : sleepBetweenPlain(p, "victim waits", delay, "victim resumed normally");
}

// cancelScheduledMain / cancelWaitingMain's victim, its sleep awaited either way.
Task<void> cancelNapperMain(Program& p, double delay, bool withoutThrow, bool waitFirst)
{
    auto body = napperBody(p, delay, withoutThrow);
    auto& v = p.loop.createTask(noteCancellation(p, std::move(body), "CancelledError reaches the victim"), "victim");
    co_await sim::sleep(p.loop, waitFirst ? 0 : delay);
    co_await cancelAndAwait(p, v, "cancel requested", "victim is cancelled");
}

Task<void> cancelBeforeStartMain(Program& p)
{
    auto& t = p.loop.createTask(noteOnly(p, "never runs"), "never");
    co_await cancelAndAwait(p, t, "cancelled before its first step", "cancelled=True");
}

Task<void> leftover(Program& p, QString name, QString kind, std::shared_ptr<sim::AsyncQueue> q)
{
    p.note(name + " waits");
    try {
        if (kind == "sleep")
            co_await sim::sleep(p.loop, 100);
        else
            co_await q->get();
    } catch (const sim::CancelledError&) {
        p.note(name + " cancelled by the teardown");
        throw;
    }
}

Task<void> teardownMain(Program& p, QStringList kinds)
{
    auto q = std::make_shared<sim::AsyncQueue>(p.loop);
    for (int k = 0; k < kinds.size(); ++k) {
        const QString name = QStringLiteral("L%1").arg(k);
        p.loop.createTask(leftover(p, name, kinds[k], q), name.toStdString());
    }
    co_await sim::sleep(p.loop, 1);
    p.note("main returns");
}

// len(loop._scheduled) and loop._timer_cancelled_count, replayed from the trace alone.
QString heapFromTrace(const sim::Trace& trace)
{
    std::set<std::uint32_t> heap, cancelled;
    int cancelledCount = 0;
    for (const sim::TraceEvent& e : trace.events) {
        switch (e.kind) {
        case EventKind::TimerScheduled: heap.insert(e.a); break;
        case EventKind::TimerCancelled:
            cancelled.insert(e.a);
            cancelledCount += e.b == 1 ? 1 : 0;
            break;
        case EventKind::TimerDue: heap.erase(e.a); break; // the count is not decremented here
        case EventKind::TimerPurged:
            heap.erase(e.a);
            --cancelledCount;
            break;
        case EventKind::TimersRebuilt:
            for (std::uint32_t id : cancelled)
                heap.erase(id);
            cancelledCount = 0;
            break;
        default: break;
        }
    }
    return QStringLiteral("heap %1, cancelled %2").arg(heap.size()).arg(cancelledCount);
}

Task<void> purgeSleeper(Program& p, int k, double delay)
{
    co_await sim::sleep(p.loop, delay);
    p.note(QStringLiteral("S%1 wakes").arg(k));
}

// Groups "count:delay:cancel": count sleepers of `delay` seconds, cancelled when cancel is 1.
Task<void> purgeMain(Program& p, QStringList groups)
{
    std::vector<sim::LoopTask*> tasks, victims;
    for (const QString& group : groups) {
        for (int n = group.section(':', 0, 0).toInt(); n > 0; --n) {
            const int k = int(tasks.size());
            tasks.push_back(&p.loop.createTask(purgeSleeper(p, k, group.section(':', 1, 1).toDouble()), "S" + std::to_string(k)));
            if (group.section(':', 2, 2) == "1")
                victims.push_back(tasks.back());
        }
    }
    co_await sim::sleep(p.loop, 0); // every sleeper has pushed its timer
    for (sim::LoopTask* victim : victims)
        victim->cancel();
    co_await sim::sleep(p.loop, 0); // the victims' `finally: h.cancel()` ran
    p.note(heapFromTrace(p.trace));
    co_await sim::sleep(p.loop, 0); // this iteration began with the purge
    p.note(heapFromTrace(p.trace));
    co_await sim::gatherTasks(p.loop, tasks, true);
}

} // namespace

class TestCancellation : public QObject {
    Q_OBJECT

private slots:
    void cancellingATaskThatAwaitsASleepRaisesAtTheAwaitAndCancelsTheTimer();
    void cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep_data();
    void cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep();
    void aTaskCancelledBeforeItsFirstStepRunsNoneOfItsCode();
    void aCancelledSleepCaughtSleepsAgainWhileItsTimerIsInTheHeap_data();
    void aCancelledSleepCaughtSleepsAgainWhileItsTimerIsInTheHeap();
    void aSleepsOutcomeEndsItsCallersAsAThrowWould_data();
    void aSleepsOutcomeEndsItsCallersAsAThrowWould();
    void teardownCancelsLeftoverTasksInZeroTimeIterations_data();
    void teardownCancelsLeftoverTasksInZeroTimeIterations();
    void cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt_data();
    void cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt();
};

// Fact 9: cancel() of a task suspended on a future cancels that future; the wakeup throws
// CancelledError in at the await, and sleep's `finally: h.cancel()` cancels the timer.
void TestCancellation::cancellingATaskThatAwaitsASleepRaisesAtTheAwaitAndCancelsTheTimer()
{
    Program p;
    p.run(cancelWaitingMain(p));
    const QStringList expected { "i2 t=0 sleeps 10", "i2 t=0 cancel requested", "i3 t=0 CancelledError at its await",
        "i4 t=0 sleeper is cancelled", "i9 t=0 end" };
    QCOMPARE(p.log, expected);
    const sim::TaskId s = p.task("sleeper");
    const qsizetype step = p.find(stepOf(s), 1);
    QCOMPARE(p.at(step).detail, quint8(sim::HandleKind::TaskWakeup));
    QCOMPARE(p.at(step).b, 1u); // CancelledError thrown in
    const qsizetype cancelled = p.find([](auto& ev) { return ev.kind == EventKind::TimerCancelled; });
    QCOMPARE(p.at(cancelled).b, 1u); // still in the heap: counts toward the purge rule
    QCOMPARE(p.iterationAt(cancelled), 3);
    QVERIFY(p.find([](auto& ev) { return ev.kind == EventKind::TimerPurged; }) > cancelled);
    QCOMPARE(p.count(EventKind::TimerDue), 0);
    COMPARE_WITH_CPYTHON(expected, "cancel-waiting");
}

// Fact 9, _must_cancel: the task's next step is already queued (its timer fired, or it
// yielded), so cancel() only flags it and that step throws CancelledError in.
void TestCancellation::cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep_data()
{
    QTest::addColumn<double>("delay");
    QTest::addColumn<quint8>("via");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("its timer has fired") << 1.0 << quint8(sim::HandleKind::TaskWakeup)
        << QStringList { "i2 t=0 victim waits", "i4 t=1 cancel requested", "i4 t=1 CancelledError at its next step",
               "i5 t=1 victim is cancelled", "i10 t=1 end" };
    QTest::newRow("it yielded with sleep(0)") << 0.0 << quint8(sim::HandleKind::TaskStep)
        << QStringList { "i2 t=0 victim waits", "i2 t=0 cancel requested", "i3 t=0 CancelledError at its next step",
               "i4 t=0 victim is cancelled", "i9 t=0 end" };
}

void TestCancellation::cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep()
{
    QFETCH(double, delay);
    QFETCH(quint8, via);
    QFETCH(QStringList, expected);

    Program p;
    p.run(cancelScheduledMain(p, delay));
    QCOMPARE(p.log, expected);
    const sim::TaskId v = p.task("victim");
    const qsizetype step = p.find(stepOf(v), 1);
    QCOMPARE(p.at(step).detail, via);
    QCOMPARE(p.at(step).b, 1u);
    QCOMPARE(p.find([&](auto& ev) { return ev.kind == EventKind::TimerCancelled && ev.b == 1; }), qsizetype(-1));
    COMPARE_WITH_CPYTHON(expected, "cancel-scheduled", QString::number(delay));
}

// Fact 9: coro.throw(CancelledError) on a coroutine that never started runs none of it.
void TestCancellation::aTaskCancelledBeforeItsFirstStepRunsNoneOfItsCode()
{
    Program p;
    p.run(cancelBeforeStartMain(p));
    const QStringList expected { "i1 t=0 cancelled before its first step", "i3 t=0 cancelled=True", "i8 t=0 end" };
    QCOMPARE(p.log, expected);
    const sim::TaskId t = p.task("never");
    QCOMPARE(p.at(p.find(stepOf(t))).b, 1u);
    QCOMPARE(p.find(stepOf(t), 1), qsizetype(-1));
    const qsizetype finished = p.find([&](auto& ev) { return ev.kind == EventKind::TaskFinished && ev.task == t; });
    QCOMPARE(p.at(finished).detail, quint8(sim::WaitKind::Cancelled));
    COMPARE_WITH_CPYTHON(expected, "cancel-before-start");
}

// Fact 9 with a sleep's timer: the cancelled task catches CancelledError and sleeps again at
// once, while its cancelled timer is still in the heap (a second timer, tied with another
// task's), then once more after that timer was purged from the head.
void TestCancellation::aCancelledSleepCaughtSleepsAgainWhileItsTimerIsInTheHeap_data()
{
    QTest::addColumn<double>("again");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("before the cancelled deadline")
        << 3.0
        << QStringList { "i2 t=0 sleeps 10", "i2 t=0 cancel requested", "i3 t=0 cancelled, sleeps 3",
               "i3 t=0 other sleeps 3", "i5 t=3 wakes, sleeps 1", "i5 t=3 other wakes", "i7 t=4 wakes again",
               "i13 t=4 end" };
    QTest::newRow("after the cancelled deadline")
        << 20.0
        << QStringList { "i2 t=0 sleeps 10", "i2 t=0 cancel requested", "i3 t=0 cancelled, sleeps 20",
               "i3 t=0 other sleeps 20", "i5 t=20 wakes, sleeps 1", "i5 t=20 other wakes", "i7 t=21 wakes again",
               "i13 t=21 end" };
}

void TestCancellation::aCancelledSleepCaughtSleepsAgainWhileItsTimerIsInTheHeap()
{
    QFETCH(double, again);
    QFETCH(QStringList, expected);

    Program p;
    p.run(sleepAgainMain(p, again));
    QCOMPARE(p.log, expected);
    const sim::TaskId s = p.task("sleeper");
    // Three timers, three sleep futures: each wakeup names its own future.
    std::vector<std::uint32_t> timers, wokenBy;
    for (const sim::TraceEvent& ev : p.trace.events) {
        if (ev.kind == EventKind::TimerScheduled && ev.task == s)
            timers.push_back(ev.a);
        if (ev.kind == EventKind::HandleQueued && ev.task == s && ev.detail == quint8(sim::HandleKind::TaskWakeup))
            wokenBy.push_back(ev.a);
    }
    QCOMPARE(timers.size(), 3u);
    QCOMPARE(wokenBy.size(), 3u);
    QVERIFY(wokenBy[0] != wokenBy[1] && wokenBy[1] != wokenBy[2]);
    for (const std::uint32_t future : wokenBy)
        QCOMPARE(p.trace.futureKinds.at(future), sim::FutureKind::Sleep);
    const qsizetype cancelled = p.find([&](auto& ev) { return ev.kind == EventKind::TimerCancelled; });
    QCOMPARE(p.at(cancelled).a, timers[0]);
    QCOMPARE(p.at(cancelled).b, 1u); // still in the heap
    const qsizetype purged = p.find([&](auto& ev) { return ev.kind == EventKind::TimerPurged; });
    QCOMPARE(p.at(purged).a, timers[0]);
    QVERIFY(purged < p.find([&](auto& ev) { return ev.kind == EventKind::TimerScheduled && ev.a == timers[2]; }));
    COMPARE_WITH_CPYTHON(expected, "sleep-again", QString::number(again));
}

// sleep(...).outcome(): the CancelledError thrown in at that await is returned, after the
// sleep's `finally` cancelled its timer, and reraise() ends the coroutine and (through
// uncaught()) its caller with it; the program and its trace are those of the plain await,
// which throws. Awaiting the sleep (cancel() cancels its future) or with the next step
// already queued (sleep(0), or the timer has fired: _must_cancel).
void TestCancellation::aSleepsOutcomeEndsItsCallersAsAThrowWould_data()
{
    QTest::addColumn<double>("delay");
    QTest::addColumn<bool>("waitFirst");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("awaiting its sleep") << 10.0 << true
                                        << QStringList { "i2 t=0 victim waits", "i2 t=0 cancel requested",
                                               "i3 t=0 CancelledError reaches the victim", "i4 t=0 victim is cancelled",
                                               "i9 t=0 end" };
    QTest::newRow("its timer has fired") << 1.0 << false
                                         << QStringList { "i2 t=0 victim waits", "i4 t=1 cancel requested",
                                                "i4 t=1 CancelledError reaches the victim",
                                                "i5 t=1 victim is cancelled", "i10 t=1 end" };
    QTest::newRow("it yielded with sleep(0)")
        << 0.0 << true
        << QStringList { "i2 t=0 victim waits", "i2 t=0 cancel requested", "i3 t=0 CancelledError reaches the victim",
               "i4 t=0 victim is cancelled", "i9 t=0 end" };
}

void TestCancellation::aSleepsOutcomeEndsItsCallersAsAThrowWould()
{
    QFETCH(double, delay);
    QFETCH(bool, waitFirst);
    QFETCH(QStringList, expected);

    Program plain, withoutThrow;
    plain.run(cancelNapperMain(plain, delay, false, waitFirst));
    withoutThrow.run(cancelNapperMain(withoutThrow, delay, true, waitFirst));
    QCOMPARE(plain.log, expected);
    QCOMPARE(withoutThrow.log, expected);
    QCOMPARE(withoutThrow.trace.events.size(), plain.trace.events.size());
    for (std::size_t i = 0; i < plain.trace.events.size(); ++i) {
        const sim::TraceEvent &a = withoutThrow.trace.events[i], &b = plain.trace.events[i];
        QVERIFY2(a.kind == b.kind && a.task == b.task && a.a == b.a && a.b == b.b && a.detail == b.detail
                && a.value == b.value && a.line == b.line,
            qPrintable(QStringLiteral("event %1 differs").arg(i)));
    }
    if (delay > 0 && waitFirst) {
        const qsizetype cancelled = withoutThrow.find([](auto& ev) { return ev.kind == EventKind::TimerCancelled; });
        QCOMPARE(withoutThrow.at(cancelled).b, 1u); // the sleep's finally ran
    }
}

// Fact 10: after main returns, _cancel_all_tasks cancels what is left and runs a gather of it,
// then shutdown_asyncgens and shutdown_default_executor each run as a task: all in zero time.
void TestCancellation::teardownCancelsLeftoverTasksInZeroTimeIterations_data()
{
    QTest::addColumn<QStringList>("kinds"); // what each leftover task waits on
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("nothing left over") << QStringList {} << QStringList { "i3 t=1 main returns", "i8 t=1 end" };
    QTest::newRow("a sleeping task") << QStringList { "sleep" }
        << QStringList { "i2 t=0 L0 waits", "i4 t=1 main returns", "i6 t=1 L0 cancelled by the teardown", "i12 t=1 end" };
    QTest::newRow("a task waiting on a queue") << QStringList { "get" }
        << QStringList { "i2 t=0 L0 waits", "i4 t=1 main returns", "i6 t=1 L0 cancelled by the teardown", "i12 t=1 end" };
    // CPython cancels tasks.all_tasks(), a set: its order follows the tasks' addresses and
    // changes from run to run. The simulator uses creation order; compare CPython unordered.
    QTest::newRow("four tasks") << QStringList { "sleep", "get", "sleep", "get" }
        << QStringList { "i2 t=0 L0 waits", "i2 t=0 L1 waits", "i2 t=0 L2 waits", "i2 t=0 L3 waits",
               "i4 t=1 main returns", "i6 t=1 L0 cancelled by the teardown", "i6 t=1 L1 cancelled by the teardown",
               "i6 t=1 L2 cancelled by the teardown", "i6 t=1 L3 cancelled by the teardown", "i12 t=1 end" };
}

void TestCancellation::teardownCancelsLeftoverTasksInZeroTimeIterations()
{
    QFETCH(QStringList, kinds);
    QFETCH(QStringList, expected);

    Program p;
    p.run(teardownMain(p, kinds));
    QCOMPARE(p.log, expected);
    const qsizetype teardown = p.find([](auto& ev) { return ev.kind == EventKind::TeardownStarted; });
    QVERIFY(teardown > 0);
    int iterations = 0, cancels = 0;
    for (qsizetype i = teardown; i < qsizetype(p.trace.events.size()); ++i) {
        const sim::TraceEvent ev = p.at(i);
        iterations += ev.kind == EventKind::IterationStarted;
        cancels += ev.kind == EventKind::CancelRequested;
        if (ev.kind == EventKind::IterationStarted)
            QCOMPARE(ev.value, 1.0); // the clock does not move
    }
    QCOMPARE(cancels, kinds.size());
    QCOMPARE(iterations, kinds.isEmpty() ? 4 : 7);

    RUN_CPYTHON(cpython, QStringList { "teardown" } + kinds);
    QStringList sortedCPython = cpython.lines, sortedExpected = expected;
    sortedCPython.sort();
    sortedExpected.sort();
    QCOMPARE(sortedCPython, sortedExpected);
    if (kinds.size() <= 1)
        QCOMPARE(cpython.lines, expected);
}

// Fact 10, BaseEventLoop._run_once's purge: with more than 100 timers of which more than half
// are cancelled, drop them all and heapify the rest (which reorders ties); otherwise pop
// cancelled timers only while one is at the head. _timer_cancelled_count is not decremented
// when a cancelled timer falls due, so a heap without cancelled timers can be rebuilt too.
void TestCancellation::cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt_data()
{
    QTest::addColumn<QStringList>("groups"); // "count:delay:cancel", see purgeMain
    QTest::addColumn<QStringList>("heap"); // before and after the purge
    QTest::addColumn<bool>("rebuilt");
    QTest::addColumn<QString>("wakeOrder");
    QTest::newRow("101 timers, 51 cancelled: rebuilt") << QStringList { "51:5:1", "50:5:0" }
        << QStringList { "i3 t=0 heap 101, cancelled 51", "i4 t=0 heap 50, cancelled 0" } << true
        << "81 65 57 53 51 62 74 98 52 96 72 94 60 92 70 90 54 88 68 86 58 84 66 80 82 64 78 56 76 75 99 55 95 71 91 59 "
           "87 67 79 83 63 100 61 93 69 77 85 73 97 89";
    QTest::newRow("101 timers, the last 51 cancelled: rebuilt") << QStringList { "50:5:0", "51:5:1" }
        << QStringList { "i3 t=0 heap 101, cancelled 51", "i4 t=0 heap 50, cancelled 0" } << true
        << "30 14 6 2 0 11 23 47 1 45 21 43 9 41 19 39 3 37 17 35 7 33 15 29 31 13 27 5 25 24 48 4 44 20 40 8 36 16 28 "
           "32 12 49 10 42 18 26 34 22 46 38";
    QTest::newRow("101 timers, 50 cancelled: only the head is purged") << QStringList { "50:5:1", "51:5:0" }
        << QStringList { "i3 t=0 heap 101, cancelled 50", "i4 t=0 heap 96, cancelled 45" } << false
        << "62 100 99 98 97 96 95 94 93 92 91 90 89 88 87 86 85 84 83 82 81 80 79 78 77 76 75 74 73 72 71 70 69 68 67 "
           "66 65 64 61 63 60 59 58 57 56 55 54 53 52 51 50";
    QTest::newRow("100 timers, 60 cancelled: not more than 100") << QStringList { "60:5:1", "40:5:0" }
        << QStringList { "i3 t=0 heap 100, cancelled 60", "i4 t=0 heap 95, cancelled 55" } << false
        << "62 99 98 97 96 95 94 93 92 91 90 89 88 87 86 85 84 83 82 81 80 79 78 77 76 75 74 73 72 71 70 69 68 67 66 "
           "65 64 61 63 60";
    QTest::newRow("cancelled timers behind the head stay") << QStringList { "51:5:0", "50:5:1" }
        << QStringList { "i3 t=0 heap 101, cancelled 50", "i4 t=0 heap 101, cancelled 50" } << false
        << "0 2 6 14 30 50 49 48 47 46 45 44 43 42 41 40 39 38 37 36 35 34 33 32 29 31 28 27 26 25 24 23 22 21 20 19 "
           "18 17 16 13 15 12 11 10 9 8 5 7 4 1 3";
    QTest::newRow("a small heap") << QStringList { "3:5:1", "5:5:0" }
        << QStringList { "i3 t=0 heap 8, cancelled 3", "i4 t=0 heap 6, cancelled 1" } << false << "6 5 7 4 3";
    QTest::newRow("a stale cancelled count rebuilds a heap of live timers") << QStringList { "1:5:0", "100:5:1", "150:10:0" }
        << QStringList { "i3 t=0 heap 251, cancelled 100", "i4 t=0 heap 251, cancelled 100" } << true
        << "0 169 241 236 244 248 250 126 150 148 147 146 145 144 143 142 141 140 139 138 137 136 135 134 133 132 131 "
           "130 129 128 125 127 124 123 122 121 120 119 118 117 116 115 114 113 112 111 110 109 108 107 106 105 104 103 "
           "102 101 202 200 198 196 194 192 190 188 186 184 182 180 178 176 174 172 170 168 166 164 162 160 158 156 154 "
           "152 175 209 197 171 167 185 199 163 187 159 157 249 181 246 242 238 234 230 226 222 218 214 210 206 227 223 "
           "220 213 231 216 203 217 195 191 212 239 179 173 193 165 208 247 245 155 243 240 235 232 228 221 211 204 229 "
           "189 205 149 161 237 177 233 224 207 219 225 215 153 183 151 201";
}

void TestCancellation::cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt()
{
    QFETCH(QStringList, groups);
    QFETCH(QStringList, heap);
    QFETCH(bool, rebuilt);
    QFETCH(QString, wakeOrder);

    Program p;
    p.run(purgeMain(p, groups));
    QCOMPARE(p.log.mid(0, 2), heap);
    QStringList woken;
    for (const QString& line : std::as_const(p.log))
        if (line.endsWith(" wakes"))
            woken << line.section(' ', 2, 2).mid(1);
    QCOMPARE(woken.join(' '), wakeOrder);
    QCOMPARE(p.count(EventKind::TimersRebuilt), rebuilt ? 1 : 0);
    const int before = heap[0].section(' ', 3, 3).chopped(1).toInt(), after = heap[1].section(' ', 3, 3).chopped(1).toInt();
    QCOMPARE(p.count(EventKind::TimerPurged), rebuilt ? 0 : before - after);
    COMPARE_WITH_CPYTHON(p.log, QStringList { "purge" } + groups);
}

QTEST_GUILESS_MAIN(TestCancellation)
#include "tst_cancellation.moc"
