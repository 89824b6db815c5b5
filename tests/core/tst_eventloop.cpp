// SPDX-License-Identifier: MIT
// sim::EventLoop against CPython's ordering facts (core/CPYTHON.md, facts 1-5 and 7).
// Each test drives the loop directly with small hand-written coroutines that log what runs,
// in which loop iteration and at which virtual time. The expected logs are CPython's: the same
// program runs under real asyncio (tst_cpythonfacts.py, on run_reference.py's virtual clock)
// and must print the same lines. Cancellation and teardown (facts 9, 10) are in
// tst_cancellation.cpp, queue facts (6, 8, 11) in tst_queue.cpp; the shared harness is in
// looptesthelpers.h.

#include "eventloop.h"
#include "gather.h"
#include "heapq.h"
#include "looptesthelpers.h"
#include "sleep.h"
#include "splitmix64.h"

#include <QtTest>

using namespace looptest;

namespace {

// ---- the programs (twins of tst_cpythonfacts.py's fact_* functions) -----------------------

Task<void> child(Program& p, QString name, QString then = {})
{
    p.note(name);
    if (!then.isEmpty())
        p.loop.createTask(child(p, then), then.toStdString());
    co_return;
}

Task<void> iterationMain(Program& p)
{
    p.loop.createTask(child(p, "a", "c"), "a");
    p.loop.createTask(child(p, "b"), "b");
    p.note("main");
    co_await sim::sleep(p.loop, 0);
    p.note("main again");
    co_await sim::sleep(p.loop, 0);
    p.note("main third");
}

Task<void> tieSleeper(Program& p, int k, double pre, double delay)
{
    if (pre > 0)
        co_await sim::sleep(p.loop, pre);
    co_await sim::sleep(p.loop, delay);
    p.note(QStringLiteral("T%1 wakes").arg(k));
}

Task<void> tiesMain(Program& p, QStringList sleeps)
{
    std::vector<sim::LoopTask*> tasks;
    for (int k = 0; k < sleeps.size(); ++k) {
        const double pre = sleeps[k].section(':', 0, 0).toDouble(), delay = sleeps[k].section(':', 1).toDouble();
        tasks.push_back(&p.loop.createTask(tieSleeper(p, k, pre, delay), QStringLiteral("T%1").arg(k).toStdString()));
    }
    for (sim::LoopTask* task : tasks)
        co_await *task;
}

Task<void> ticker(Program& p, int spins)
{
    for (int k = 0; k < spins; ++k) {
        p.note(QStringLiteral("tick %1").arg(k));
        co_await sim::sleep(p.loop, 0);
    }
}

Task<void> sleeper(Program& p, double delay)
{
    p.note("sleeps " + QString::asprintf("%g", delay));
    co_await sim::sleep(p.loop, delay);
    p.note("wakes");
}

Task<void> yielder(Program& p, QString name, double delay, bool spawnE)
{
    p.note(name + "1");
    if (spawnE)
        p.loop.createTask(child(p, "e"), "e");
    co_await sim::sleep(p.loop, delay);
    p.note(name + "2");
}

Task<void> namedStep(Program& p, QString what)
{
    p.note(QString::fromUtf8(p.trace.taskName(p.loop.currentTaskId())) + what);
    co_return;
}

Task<void> createMain(Program& p)
{
    co_await namedStep(p, " starts");
    auto& t1 = p.loop.createTask(namedStep(p, " first step"), "Task-2");
    p.note("Task-2 created");
    auto& t2 = p.loop.createTask(namedStep(p, " first step"), "Task-3");
    p.note("Task-3 created");
    co_await t2;
    p.note("main after t2");
    co_await t1;
}

Task<void> gatherChild(Program& p, QString name, double delay)
{
    p.note(name + " starts");
    if (delay >= 0)
        co_await sim::sleep(p.loop, delay);
    p.note(name + " ends");
}

Task<void> gatherMain(Program& p, QList<double> delays)
{
    std::vector<sim::NamedCoroutine> children;
    for (int k = 0; k < delays.size(); ++k) {
        const QString name = QStringLiteral("c%1").arg(k);
        children.push_back({ name.toStdString(), gatherChild(p, name, delays[k]) });
    }
    p.note("gather");
    co_await sim::gather(p.loop, std::move(children));
    p.note("main resumes");
}

} // namespace

class TestEventLoop : public QObject {
    Q_OBJECT

private slots:
    void oneIterationRunsOnlyTheHandlesThatWereReadyAtItsStart();
    void equalDeadlinesFireInHeapqOrderNotFirstInFirstOut_data();
    void equalDeadlinesFireInHeapqOrderNotFirstInFirstOut();
    void heapqPushPopAndHeapifyMatchPythonsHeapqOnTies();
    void sleepResumesTheTaskOneIterationAfterItsTimerCallback_data();
    void sleepResumesTheTaskOneIterationAfterItsTimerCallback();
    void sleepZeroIsABareYieldQueuedBehindWhatIsAlreadyReady_data();
    void sleepZeroIsABareYieldQueuedBehindWhatIsAlreadyReady();
    void createTaskRunsNothingBeforeTheFirstStepAndRunCreatesMainFirst();
    void gatherWrapsChildrenInOrderAndResumesTheParentTwoIterationsAfterTheLastChild_data();
    void gatherWrapsChildrenInOrderAndResumesTheParentTwoIterationsAfterTheLastChild();
};

// Fact 1: a's call_soon of c's first step during iteration 2 runs in iteration 3, after main's
// yield that was queued before it ran.
void TestEventLoop::oneIterationRunsOnlyTheHandlesThatWereReadyAtItsStart()
{
    Program p;
    p.run(iterationMain(p));
    const QStringList expected { "i1 t=0 main", "i2 t=0 a", "i2 t=0 b", "i2 t=0 main again", "i3 t=0 c",
        "i3 t=0 main third", "i8 t=0 end" };
    QCOMPARE(p.log, expected);
    const sim::TaskId c = p.task("c");
    const qsizetype queued = p.find([&](auto& e) { return e.kind == EventKind::HandleQueued && e.task == c; });
    QCOMPARE(p.iterationAt(queued), 2);
    QCOMPARE(p.iterationAt(p.find(stepOf(c))), 3);
    COMPARE_WITH_CPYTHON(expected, "iteration");
}

// Fact 2: TimerHandle compares `when` only, so equal deadlines leave the heap in the order of
// heapq's sift-up / sift-down, which is not the order the timers were pushed in.
void TestEventLoop::equalDeadlinesFireInHeapqOrderNotFirstInFirstOut_data()
{
    QTest::addColumn<QStringList>("sleeps"); // per task, "pre:delay": sleep(pre) if > 0, then sleep(delay)
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("four equal deadlines") << QStringList(4, "0:5")
        << QStringList { "i4 t=5 T0 wakes", "i4 t=5 T2 wakes", "i4 t=5 T1 wakes", "i4 t=5 T3 wakes", "i10 t=5 end" };
    QTest::newRow("five equal deadlines") << QStringList(5, "0:5")
        << QStringList { "i4 t=5 T0 wakes", "i4 t=5 T2 wakes", "i4 t=5 T4 wakes", "i4 t=5 T1 wakes",
               "i4 t=5 T3 wakes", "i10 t=5 end" };
    QTest::newRow("a tie pushed two seconds later is not last") << QStringList { "2:3", "0:5", "0:5", "0:5" }
        << QStringList { "i6 t=5 T2 wakes", "i6 t=5 T3 wakes", "i6 t=5 T1 wakes", "i6 t=5 T0 wakes", "i12 t=5 end" };
    QTest::newRow("ties behind an earlier deadline") << QStringList { "0:5", "0:1", "0:5", "0:5", "0:5" }
        << QStringList { "i4 t=1 T1 wakes", "i6 t=5 T2 wakes", "i6 t=5 T4 wakes", "i6 t=5 T0 wakes",
               "i6 t=5 T3 wakes", "i12 t=5 end" };
}

void TestEventLoop::equalDeadlinesFireInHeapqOrderNotFirstInFirstOut()
{
    QFETCH(QStringList, sleeps);
    QFETCH(QStringList, expected);

    Program p;
    p.run(tiesMain(p, sleeps));
    QCOMPARE(p.log, expected);

    // The row is a real tie case: first-in-first-out would wake them in another order.
    struct Push { double deadline, pushedAt; int task; };
    std::vector<Push> pushes;
    for (int k = 0; k < sleeps.size(); ++k) {
        const double pre = sleeps[k].section(':', 0, 0).toDouble();
        pushes.push_back({ pre + sleeps[k].section(':', 1).toDouble(), pre, k });
    }
    std::stable_sort(pushes.begin(), pushes.end(),
        [](const Push& l, const Push& r) { return l.deadline != r.deadline ? l.deadline < r.deadline : l.pushedAt < r.pushedAt; });
    QStringList fifo;
    for (const Push& push : pushes)
        fifo << QStringLiteral("T%1").arg(push.task);
    QStringList woken;
    for (const QString& line : expected)
        if (line.endsWith(" wakes"))
            woken << line.section(' ', 2, 2);
    QVERIFY2(woken != fifo, qPrintable("FIFO order is the same: " + fifo.join(' ')));
    COMPARE_WITH_CPYTHON(expected, QStringList { "ties" } + sleeps);
}

// Fact 2, the heap itself: sim::heapq against CPython's heapq (its C accelerator) holding real
// asyncio.TimerHandles, on random keys with many ties; each item's push number shows the tie
// order. Lines: pushes only, pushes and pops interleaved, heapify (above 2500 items CPython's
// heapify takes its cache-friendly path, which must give the same heap).
void TestEventLoop::heapqPushPopAndHeapifyMatchPythonsHeapqOnTies()
{
    struct Item {
        double when;
        int index;
    };
    const auto less = [](const Item& l, const Item& r) { return l.when < r.when; };
    SplitMix64 rng { 20240611 };
    QByteArray input;
    QStringList expected;
    for (int c = 0; c < 400; ++c) {
        const int kind = c % 3; // 0: pushes, 1: pushes and pops, 2: heapify
        const int length = c >= 396 ? (c % 2 ? 3001 : 6000) : int(rng.next() % 200);
        const int keys = 1 + int(rng.next() % 8);
        std::vector<Item> heap;
        QStringList tokens, popped { "pops" };
        tokens << (kind == 2 ? "h" : "p");
        for (int i = 0, pushed = 0; i < length; ++i) {
            if (kind == 1 && !heap.empty() && rng.next() % 3 == 0) {
                tokens << "o";
                popped << QString::number(sim::heapq::pop(heap, less).index);
                continue;
            }
            const int key = int(rng.next() % keys);
            tokens << QString::number(key);
            if (kind == 2)
                heap.push_back({ double(key), pushed++ });
            else
                sim::heapq::push(heap, Item { double(key), pushed++ }, less);
        }
        if (kind == 2)
            sim::heapq::heapify(heap, less);
        double last = -1;
        while (!heap.empty()) {
            const Item item = sim::heapq::pop(heap, less);
            QVERIFY2(item.when >= last, "heapq popped a smaller key after a larger one");
            last = item.when;
            popped << QString::number(item.index);
        }
        input += tokens.join(' ').toLatin1() + '\n';
        expected << popped.join(' ');
    }
    // Four equal keys: the second pop moves the last item up, so the third one comes out second.
    std::vector<Item> four;
    for (int i = 0; i < 4; ++i)
        sim::heapq::push(four, Item { 5, i }, less);
    QCOMPARE(sim::heapq::pop(four, less).index, 0);
    QCOMPARE(sim::heapq::pop(four, less).index, 2);

    RUN_CPYTHON(cpython, { "heapq" }, input);
    QCOMPARE(cpython.lines.size(), expected.size());
    for (int c = 0; c < expected.size(); ++c)
        QVERIFY2(cpython.lines[c] == expected[c], qPrintable(QStringLiteral("case %1 (%2): heapq pops %3, sim::heapq %4")
                     .arg(c).arg(QString::fromLatin1(input.split('\n')[c]).left(80), cpython.lines[c].left(80), expected[c].left(80))));
}

Task<void> sleepMain(Program& p, double delay, int spins)
{
    auto& t = p.loop.createTask(ticker(p, spins), "ticker");
    auto& s = p.loop.createTask(sleeper(p, delay), "sleeper");
    co_await t;
    co_await s;
}

// Fact 3: the timer callback runs in one iteration (at the END of the ready deque) and only
// queues the wakeup; the task runs in the next. Timers due within the clock resolution
// (1e-9 s) fire without the clock moving.
void TestEventLoop::sleepResumesTheTaskOneIterationAfterItsTimerCallback_data()
{
    QTest::addColumn<double>("delay");
    QTest::addColumn<int>("spins"); // another task yields this many times meanwhile
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("delay 1, nothing else ready") << 1.0 << 0
        << QStringList { "i2 t=0 sleeps 1", "i5 t=1 wakes", "i11 t=1 end" };
    QTest::newRow("delay 2 while another task yields") << 2.0 << 2
        << QStringList { "i2 t=0 tick 0", "i2 t=0 sleeps 2", "i3 t=0 tick 1", "i7 t=2 wakes", "i13 t=2 end" };
    QTest::newRow("delay within the clock resolution") << 1e-10 << 4
        << QStringList { "i2 t=0 tick 0", "i2 t=0 sleeps 1e-10", "i3 t=0 tick 1", "i4 t=0 tick 2", "i4 t=0 wakes",
               "i5 t=0 tick 3", "i12 t=0 end" };
    QTest::newRow("delay of exactly the resolution") << 1e-9 << 3
        << QStringList { "i2 t=0 tick 0", "i2 t=0 sleeps 1e-09", "i3 t=0 tick 1", "i4 t=0 tick 2", "i8 t=1e-09 wakes",
               "i14 t=1e-09 end" };
}

void TestEventLoop::sleepResumesTheTaskOneIterationAfterItsTimerCallback()
{
    QFETCH(double, delay);
    QFETCH(int, spins);
    QFETCH(QStringList, expected);

    Program p;
    p.run(sleepMain(p, delay, spins));
    QCOMPARE(p.log, expected);
    const sim::TaskId s = p.task("sleeper");
    const qsizetype callback = p.find([&](auto& e) {
        return e.kind == EventKind::HandleRun && e.detail == quint8(sim::HandleKind::TimerCallback) && e.task == s;
    });
    const qsizetype wakeup = p.find([&](auto& e) { return stepOf(s)(e) && e.detail == quint8(sim::HandleKind::TaskWakeup); });
    QVERIFY(callback >= 0 && wakeup > callback);
    QCOMPARE(p.iterationAt(wakeup), p.iterationAt(callback) + 1);
    COMPARE_WITH_CPYTHON(expected, "sleep", QString::asprintf("%.17g", delay), QString::number(spins));
}

Task<void> yieldMain(Program& p, double delay)
{
    auto& a = p.loop.createTask(yielder(p, "a", delay, false), "a");
    auto& b = p.loop.createTask(yielder(p, "b", delay, true), "b");
    auto& c = p.loop.createTask(child(p, "c1"), "c");
    co_await a;
    co_await b;
    co_await c;
}

// Fact 4: sleep(0) (and sleep(-1)) is __sleep0's bare yield: no timer, the next step is
// queued with call_soon behind what is already ready (e, created by b before b yields).
void TestEventLoop::sleepZeroIsABareYieldQueuedBehindWhatIsAlreadyReady_data()
{
    QTest::addColumn<double>("delay");
    QTest::newRow("sleep(0)") << 0.0;
    QTest::newRow("sleep(-1)") << -1.0;
}

void TestEventLoop::sleepZeroIsABareYieldQueuedBehindWhatIsAlreadyReady()
{
    QFETCH(double, delay);
    Program p;
    p.run(yieldMain(p, delay));
    const QStringList expected { "i2 t=0 a1", "i2 t=0 b1", "i2 t=0 c1", "i3 t=0 a2", "i3 t=0 e", "i3 t=0 b2", "i9 t=0 end" };
    QCOMPARE(p.log, expected);
    QCOMPARE(p.count(EventKind::TimerScheduled), 0);
    for (const char* name : { "a", "b" }) {
        const sim::TaskId id = p.task(name);
        const qsizetype ended = p.find([&](auto& e) { return e.kind == EventKind::StepEnded && e.task == id; });
        QCOMPARE(p.at(ended).detail, quint8(sim::WaitKind::Yield));
        QCOMPARE(p.at(p.find(stepOf(id), 1)).detail, quint8(sim::HandleKind::TaskStep));
    }
    COMPARE_WITH_CPYTHON(expected, "yield", QString::number(delay));
}

// Fact 5: create_task queues the first step (call_soon, FIFO) and runs none of the body;
// asyncio.run creates the main task before anything else (CPython names it Task-1).
void TestEventLoop::createTaskRunsNothingBeforeTheFirstStepAndRunCreatesMainFirst()
{
    Program p;
    p.run(createMain(p), "Task-1");
    const QStringList expected { "i1 t=0 Task-1 starts", "i1 t=0 Task-2 created", "i1 t=0 Task-3 created",
        "i2 t=0 Task-2 first step", "i2 t=0 Task-3 first step", "i3 t=0 main after t2", "i8 t=0 end" };
    QCOMPARE(p.log, expected);
    QCOMPARE(p.at(0).kind, EventKind::TaskCreated);
    QCOMPARE(p.at(0).task, sim::TaskId(0));
    QCOMPARE(p.at(1).kind, EventKind::HandleQueued);
    QCOMPARE(p.at(1).line, quint16(sim::CauseKind::Created));
    QCOMPARE(p.iterationAt(p.find(stepOf(1))), 2);
    COMPARE_WITH_CPYTHON(expected, "create");
}

// Fact 7: gather wraps its coroutines in tasks in order; the last child's done callback runs
// one iteration after its final step and sets the outer future; the parent runs one later.
void TestEventLoop::gatherWrapsChildrenInOrderAndResumesTheParentTwoIterationsAfterTheLastChild_data()
{
    QTest::addColumn<QList<double>>("delays"); // < 0: the child never suspends
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("three sleeping children") << QList<double> { 3, 1, 2 }
        << QStringList { "i1 t=0 gather", "i2 t=0 c0 starts", "i2 t=0 c1 starts", "i2 t=0 c2 starts", "i4 t=1 c1 ends",
               "i7 t=2 c2 ends", "i10 t=3 c0 ends", "i12 t=3 main resumes", "i17 t=3 end" };
    QTest::newRow("children that only yield") << QList<double> { 0, 0 }
        << QStringList { "i1 t=0 gather", "i2 t=0 c0 starts", "i2 t=0 c1 starts", "i3 t=0 c0 ends", "i3 t=0 c1 ends",
               "i5 t=0 main resumes", "i10 t=0 end" };
    QTest::newRow("a child that never suspends") << QList<double> { -1, 1 }
        << QStringList { "i1 t=0 gather", "i2 t=0 c0 starts", "i2 t=0 c0 ends", "i2 t=0 c1 starts", "i5 t=1 c1 ends",
               "i7 t=1 main resumes", "i12 t=1 end" };
    QTest::newRow("no child suspends") << QList<double> { -1, -1 }
        << QStringList { "i1 t=0 gather", "i2 t=0 c0 starts", "i2 t=0 c0 ends", "i2 t=0 c1 starts", "i2 t=0 c1 ends",
               "i4 t=0 main resumes", "i9 t=0 end" };
}

void TestEventLoop::gatherWrapsChildrenInOrderAndResumesTheParentTwoIterationsAfterTheLastChild()
{
    QFETCH(QList<double>, delays);
    QFETCH(QStringList, expected);

    Program p;
    p.run(gatherMain(p, delays));
    QCOMPARE(p.log, expected);
    int lastFinish = 0;
    for (int k = 0; k < delays.size(); ++k) {
        const sim::TaskId id = p.task(QStringLiteral("c%1").arg(k).toStdString());
        QCOMPARE(id, sim::TaskId(k + 1)); // wrapped in order, right after main
        const qsizetype finished = p.find([&](auto& ev) { return ev.kind == EventKind::TaskFinished && ev.task == id; });
        const qsizetype callback = p.find([&](auto& ev) {
            return ev.kind == EventKind::HandleRun && ev.detail == quint8(sim::HandleKind::GatherCallback) && ev.task == id;
        });
        QCOMPARE(p.iterationAt(callback), p.iterationAt(finished) + 1);
        lastFinish = std::max(lastFinish, p.iterationAt(finished));
    }
    QCOMPARE(p.iterationAt(p.find(stepOf(0), 1)), lastFinish + 2);
    QStringList arguments { "gather" };
    for (double d : delays)
        arguments << QString::number(d);
    COMPARE_WITH_CPYTHON(expected, arguments);
}

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
