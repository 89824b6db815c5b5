// SPDX-License-Identifier: MIT
// sim::AsyncQueue and the awaits around it against CPython's ordering facts (core/CPYTHON.md,
// facts 6, 8 and 11): awaits that do not suspend, which getter a put wakes, items
// that are not reserved, join, bounded queues, deadlock. Small hand-written coroutines drive
// sim::EventLoop directly and log what runs, in which loop iteration, at which virtual time;
// the expected logs are CPython's (the same programs in tst_cpythonfacts.py, run under real
// asyncio on run_reference.py's virtual clock, must print the same lines). The harness, shared
// with tst_eventloop.cpp and tst_cancellation.cpp, is looptesthelpers.h.

#include "asyncqueue.h"
#include "eventloop.h"
#include "looptesthelpers.h"
#include "sleep.h"

#include <QtTest>

#include <memory>

using namespace looptest;

namespace {

// ---- the programs (twins of tst_cpythonfacts.py's fact_* functions) -----------------------

using Queue = std::shared_ptr<sim::AsyncQueue>;

Task<void> inner(Program& p)
{
    p.note("inner coroutine runs");
    co_return;
}

Task<void> nothing() { co_return; }

Task<void> inlineWorker(Program& p, QString kind, sim::AsyncQueue& q, sim::Future& future, sim::LoopTask& done)
{
    p.note("before");
    if (kind == "coroutine")
        co_await inner(p);
    else if (kind == "put")
        co_await q.put({ "x" });
    else if (kind == "get")
        co_await q.get();
    else if (kind == "join")
        co_await q.join();
    else if (kind == "future")
        co_await future;
    else if (kind == "task")
        co_await done;
    p.note("after");
    co_await sim::sleep(p.loop, 0);
    p.note("next step");
}

Task<void> inlineMain(Program& p, QString kind)
{
    sim::AsyncQueue q(p.loop);
    sim::Future& future = p.loop.createFuture(sim::FutureKind::Plain);
    future.setResult();
    auto& done = p.loop.createTask(nothing(), "done");
    co_await done;
    if (kind == "get" || kind == "join")
        q.putNowait({ "x" });
    if (kind == "join") {
        q.getNowait();
        q.taskDone();
    }
    co_await p.loop.createTask(inlineWorker(p, kind, q, future, done), "worker");
}

Task<void> consumer(Program& p, QString name, Queue q)
{
    try {
        while (true) {
            p.note(name + " gets");
            const sim::QueueItem item = co_await q->get();
            p.note(name + " got " + QString::fromStdString(item.label));
            q->taskDone();
        }
    } catch (const sim::CancelledError&) {
        p.note(name + " cancelled");
        throw;
    }
}

sim::LoopTask* spawnConsumer(Program& p, const QString& name, const Queue& q)
{
    return &p.loop.createTask(consumer(p, name, q), name.toStdString());
}

// Puts each batch of items, yielding after each batch; then cancels the consumers.
Task<void> putBatchesThenCancel(Program& p, Queue q, std::vector<sim::LoopTask*> consumers, QList<QStringList> batches)
{
    for (const QStringList& batch : batches) {
        for (const QString& item : batch) {
            q->putNowait({ item.toStdString() });
            p.note("put " + item);
        }
        co_await sim::sleep(p.loop, 0);
    }
    for (sim::LoopTask* c : consumers)
        c->cancel();
    co_await sim::sleep(p.loop, 0);
}

Task<void> firstGetterMain(Program& p, bool cancelFirst)
{
    auto q = std::make_shared<sim::AsyncQueue>(p.loop);
    std::vector<sim::LoopTask*> cs { spawnConsumer(p, "C1", q), spawnConsumer(p, "C2", q), spawnConsumer(p, "C3", q) };
    co_await sim::sleep(p.loop, 0);
    if (cancelFirst)
        cs[0]->cancel();
    co_await putBatchesThenCancel(p, q, cs, { { "x" }, { "y" } });
}

Task<void> notReservedMain(Program& p)
{
    auto q = std::make_shared<sim::AsyncQueue>(p.loop);
    std::vector<sim::LoopTask*> cs { spawnConsumer(p, "C1", q), spawnConsumer(p, "C3", q) };
    co_await sim::sleep(p.loop, 0);
    cs.push_back(spawnConsumer(p, "C2", q));
    co_await putBatchesThenCancel(p, q, cs, { { "x" }, { "y" }, { "z" }, { "w" } });
}

Task<void> joiner(Program& p, QString name, Queue q)
{
    p.note(name + " joins");
    co_await q->join();
    p.note(name + " joined");
}

Task<void> joinMain(Program& p)
{
    auto q = std::make_shared<sim::AsyncQueue>(p.loop);
    q->putNowait({ "a" });
    q->putNowait({ "b" });
    for (const char* name : { "J1", "J2", "J3" })
        p.loop.createTask(joiner(p, name, q), name);
    co_await sim::sleep(p.loop, 0);
    for (int left : { 1, 0 }) {
        q->getNowait();
        q->taskDone();
        p.note(QStringLiteral("task_done, %1 unfinished").arg(left));
        co_await sim::sleep(p.loop, 0);
    }
    co_await q->join();
    p.note("join with nothing unfinished did not wait");
    try {
        q->taskDone();
    } catch (const sim::QueueError&) {
        p.note("task_done once too often raises");
    }
}

Task<void> producer(Program& p, Queue q)
{
    for (const char* item : { "a", "b", "c" }) {
        p.note(QStringLiteral("P puts %1").arg(item));
        co_await q->put({ item });
        p.note(QStringLiteral("P put %1").arg(item));
    }
}

Task<void> threeGets(Program& p, Queue q)
{
    for (int i = 0; i < 3; ++i) {
        p.note("C gets");
        const sim::QueueItem item = co_await q->get();
        p.note("C got " + QString::fromStdString(item.label));
    }
}

Task<void> boundedMain(Program& p)
{
    auto q = std::make_shared<sim::AsyncQueue>(p.loop, 1);
    auto& producerTask = p.loop.createTask(producer(p, q), "P");
    auto& consumerTask = p.loop.createTask(threeGets(p, q), "C");
    co_await producerTask;
    co_await consumerTask;
}

Task<void> waitForever(Program& p)
{
    p.note("waiter awaits a future nobody completes");
    co_await p.loop.createFuture(sim::FutureKind::Plain);
}

Task<void> sleepTen(Program& p) { co_await sim::sleep(p.loop, 10); }

Task<void> deadlockMain(Program& p, QString kind)
{
    sim::AsyncQueue q(p.loop);
    if (kind == "queue") {
        p.note("main gets from an empty queue");
        co_await q.get();
    } else if (kind == "future") {
        co_await p.loop.createTask(waitForever(p), "waiter");
    } else {
        auto& s = p.loop.createTask(sleepTen(p), "sleeper");
        co_await sim::sleep(p.loop, 0);
        s.cancel();
        p.note("sleeper cancelled; main gets from an empty queue");
        co_await q.get();
    }
}

// The task names of the events of `kind` on `list`, in order.
QStringList waiterEvents(const Program& p, EventKind kind, sim::WaiterList list)
{
    QStringList names;
    for (const sim::TraceEvent& e : p.trace.events)
        if (e.kind == kind && e.detail == quint8(list))
            names << QString::fromUtf8(p.trace.taskName(e.task));
    return names;
}

} // namespace

class TestQueue : public QObject {
    Q_OBJECT

private slots:
    void awaitsThatDoNotSuspendKeepTheTaskInTheSameStep_data();
    void awaitsThatDoNotSuspendKeepTheTaskInTheSameStep();
    void putWakesTheFirstWaitingGetterThatIsNotDone_data();
    void putWakesTheFirstWaitingGetterThatIsNotDone();
    void aWokenGetterIsNotGivenTheItemAndWaitsAgainAtTheEnd();
    void taskDoneAtZeroWakesEveryJoinWaiterInOrder();
    void putOnAFullBoundedQueueBlocksUntilAGetWakesIt();
    void aRunWhereEveryTaskWaitsAndNoTimerIsPendingIsADeadlock_data();
    void aRunWhereEveryTaskWaitsAndNoTimerIsPendingIsADeadlock();
};

// Fact 6: awaiting a coroutine runs it inline; put on an unbounded queue, get on a non-empty
// one, join with nothing unfinished and an already-done future or task do not suspend.
void TestQueue::awaitsThatDoNotSuspendKeepTheTaskInTheSameStep_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("awaiting a coroutine runs it inline") << "coroutine";
    QTest::newRow("put on an unbounded queue") << "put";
    QTest::newRow("get on a non-empty queue") << "get";
    QTest::newRow("join with no unfinished items") << "join";
    QTest::newRow("an already-done future") << "future";
    QTest::newRow("an already-finished task") << "task";
}

void TestQueue::awaitsThatDoNotSuspendKeepTheTaskInTheSameStep()
{
    QFETCH(QString, kind);
    Program p;
    p.run(inlineMain(p, kind));
    QStringList expected { "i4 t=0 before", "i4 t=0 after", "i5 t=0 next step", "i11 t=0 end" };
    if (kind == "coroutine")
        expected.insert(1, "i4 t=0 inner coroutine runs");
    QCOMPARE(p.log, expected);
    // One step from "before" to the bare yield, and nothing added to a waiter list.
    const sim::TaskId worker = p.task("worker");
    QStringList steps;
    for (const sim::TraceEvent& e : p.trace.events) {
        if (e.task != worker)
            continue;
        if (e.kind == EventKind::StepStarted)
            steps << "started";
        else if (e.kind == EventKind::StepEnded)
            steps << "ended " + QString::number(e.detail);
        QVERIFY(e.kind != EventKind::WaiterAdded);
    }
    const QString yield = QString::number(int(sim::WaitKind::Yield)), done = QString::number(int(sim::WaitKind::Done));
    QCOMPARE(steps, (QStringList { "started", "ended " + yield, "started", "ended " + done }));
    COMPARE_WITH_CPYTHON(expected, "inline", kind);
}

// Fact 8: put_nowait wakes the first getter whose future is not done; a cancelled getter
// still in the list is dropped instead (and its task dies at its await).
void TestQueue::putWakesTheFirstWaitingGetterThatIsNotDone_data()
{
    QTest::addColumn<bool>("cancelFirst");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("the first getter") << false
        << QStringList { "i2 t=0 C1 gets", "i2 t=0 C2 gets", "i2 t=0 C3 gets", "i2 t=0 put x", "i3 t=0 C1 got x",
               "i3 t=0 C1 gets", "i3 t=0 put y", "i4 t=0 C2 got y", "i4 t=0 C2 gets", "i5 t=0 C1 cancelled",
               "i5 t=0 C2 cancelled", "i5 t=0 C3 cancelled", "i10 t=0 end" };
    QTest::newRow("the first getter is cancelled") << true
        << QStringList { "i2 t=0 C1 gets", "i2 t=0 C2 gets", "i2 t=0 C3 gets", "i2 t=0 put x", "i3 t=0 C1 cancelled",
               "i3 t=0 C2 got x", "i3 t=0 C2 gets", "i3 t=0 put y", "i4 t=0 C3 got y", "i4 t=0 C3 gets",
               "i5 t=0 C2 cancelled", "i5 t=0 C3 cancelled", "i10 t=0 end" };
}

void TestQueue::putWakesTheFirstWaitingGetterThatIsNotDone()
{
    QFETCH(bool, cancelFirst);
    QFETCH(QStringList, expected);
    Program p;
    p.run(firstGetterMain(p, cancelFirst));
    QCOMPARE(p.log, expected);
    const QStringList woken = waiterEvents(p, EventKind::WaiterWoken, sim::WaiterList::Getters);
    QCOMPARE(woken.value(0), cancelFirst ? "C2" : "C1");
    if (cancelFirst) // dropped by put's _wakeup_next, so its own removal finds nothing
        QCOMPARE(waiterEvents(p, EventKind::WaiterRemoved, sim::WaiterList::Getters).value(0), "C1");
    COMPARE_WITH_CPYTHON(expected, "first-getter", cancelFirst ? "1" : "0");
}

// Fact 8: x wakes C1, but C2's first step was queued earlier and takes x; C1 finds the queue
// empty and waits again behind C3 and C2, so y goes to C3, z to C2 and only w to C1.
void TestQueue::aWokenGetterIsNotGivenTheItemAndWaitsAgainAtTheEnd()
{
    Program p;
    p.run(notReservedMain(p));
    const QStringList expected { "i2 t=0 C1 gets", "i2 t=0 C3 gets", "i2 t=0 put x", "i3 t=0 C2 gets",
        "i3 t=0 C2 got x", "i3 t=0 C2 gets", "i3 t=0 put y", "i4 t=0 C3 got y", "i4 t=0 C3 gets", "i4 t=0 put z",
        "i5 t=0 C2 got z", "i5 t=0 C2 gets", "i5 t=0 put w", "i6 t=0 C1 got w", "i6 t=0 C1 gets", "i7 t=0 C1 cancelled",
        "i7 t=0 C3 cancelled", "i7 t=0 C2 cancelled", "i12 t=0 end" };
    QCOMPARE(p.log, expected);
    QCOMPARE(waiterEvents(p, EventKind::WaiterAdded, sim::WaiterList::Getters).mid(0, 4),
        (QStringList { "C1", "C3", "C2", "C1" }));
    QCOMPARE(waiterEvents(p, EventKind::WaiterWoken, sim::WaiterList::Getters), (QStringList { "C1", "C3", "C2", "C1" }));
    COMPARE_WITH_CPYTHON(expected, "not-reserved");
}

// Fact 8: task_done wakes join() only when the unfinished count reaches zero, then every
// waiter in order; join with nothing unfinished returns at once; one task_done too many raises.
void TestQueue::taskDoneAtZeroWakesEveryJoinWaiterInOrder()
{
    Program p;
    p.run(joinMain(p));
    const QStringList expected { "i2 t=0 J1 joins", "i2 t=0 J2 joins", "i2 t=0 J3 joins",
        "i2 t=0 task_done, 1 unfinished", "i3 t=0 task_done, 0 unfinished", "i4 t=0 J1 joined", "i4 t=0 J2 joined",
        "i4 t=0 J3 joined", "i4 t=0 join with nothing unfinished did not wait", "i4 t=0 task_done once too often raises",
        "i9 t=0 end" };
    QCOMPARE(p.log, expected);
    QCOMPARE(waiterEvents(p, EventKind::WaiterWoken, sim::WaiterList::Join), (QStringList { "J1", "J2", "J3" }));
    QList<quint32> unfinished;
    for (const sim::TraceEvent& e : p.trace.events)
        if (e.kind == EventKind::TaskDoneCalled)
            unfinished << e.b;
    QCOMPARE(unfinished, (QList<quint32> { 1, 0 }));
    COMPARE_WITH_CPYTHON(expected, "join");
}

// Fact 8: Queue(maxsize=1): the second put waits on a putter future until a get wakes it.
void TestQueue::putOnAFullBoundedQueueBlocksUntilAGetWakesIt()
{
    Program p;
    p.run(boundedMain(p));
    const QStringList expected { "i2 t=0 P puts a", "i2 t=0 P put a", "i2 t=0 P puts b", "i2 t=0 C gets",
        "i2 t=0 C got a", "i2 t=0 C gets", "i3 t=0 P put b", "i3 t=0 P puts c", "i4 t=0 C got b", "i4 t=0 C gets",
        "i5 t=0 P put c", "i6 t=0 C got c", "i11 t=0 end" };
    QCOMPARE(p.log, expected);
    QCOMPARE(waiterEvents(p, EventKind::WaiterAdded, sim::WaiterList::Putters), (QStringList { "P", "P" }));
    QCOMPARE(waiterEvents(p, EventKind::WaiterWoken, sim::WaiterList::Putters), (QStringList { "P", "P" }));
    COMPARE_WITH_CPYTHON(expected, "bounded");
}

// Fact 11: no handle ready and no timer left (a cancelled one is purged first): CPython
// would block in select() forever. No teardown runs.
void TestQueue::aRunWhereEveryTaskWaitsAndNoTimerIsPendingIsADeadlock_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("main gets from an empty queue") << "queue"
        << QStringList { "i1 t=0 main gets from an empty queue", "deadlock" };
    QTest::newRow("a task awaits a future nobody completes") << "future"
        << QStringList { "i2 t=0 waiter awaits a future nobody completes", "deadlock" };
    QTest::newRow("the only timer was cancelled") << "cancelled-timer"
        << QStringList { "i2 t=0 sleeper cancelled; main gets from an empty queue", "deadlock" };
}

void TestQueue::aRunWhereEveryTaskWaitsAndNoTimerIsPendingIsADeadlock()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, expected);
    Program p;
    p.run(deadlockMain(p, kind));
    QCOMPARE(p.status, sim::RunStatus::Deadlock);
    QCOMPARE(p.log, expected);
    QCOMPARE(p.trace.events.back().kind, EventKind::Deadlock);
    QCOMPARE(p.count(EventKind::TeardownStarted), 0);
    QCOMPARE(p.count(EventKind::TimerPurged), kind == "cancelled-timer" ? 1 : 0);
    QCOMPARE(p.loop.time(), 0.0);
    COMPARE_WITH_CPYTHON(expected, "deadlock", kind);
}

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
