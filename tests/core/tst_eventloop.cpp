// SPDX-License-Identifier: MIT
// sim::EventLoop against CPython's ordering facts (DESIGN.md section 2: facts 1-5, 7, 9, 10).
// Each test drives the loop directly with small hand-written coroutines that log what runs,
// in which loop iteration and at which virtual time. The expected logs are CPython's: the same
// program runs under real asyncio (tst_cpythonfacts.py, on run_reference.py's virtual clock)
// and must print the same lines. Queue facts (6, 8, 11) are in tst_queue.cpp.

#include "asyncqueue.h"
#include "eventloop.h"
#include "gather.h"
#include "heapq.h"
#include "sleep.h"

#include <QtTest>

#include <QProcess>
#include <QStandardPaths>

#include <memory>
#include <set>

using sim::EventKind;
using sim::Task;

namespace {

// ---- harness (tst_queue.cpp has the same one) --------------------------------------------

// One program: a loop with a trace, and the log its coroutines write.
struct Program {
    sim::Trace trace;
    QStringList log;
    sim::EventLoop loop { &trace };
    sim::RunStatus status = sim::RunStatus::Completed;

    // "i<iteration> t=<loop.time() as %g> <what>", as tst_cpythonfacts.py's log() writes it.
    void note(const QString& what)
    {
        const int iteration = iterationAt(qsizetype(trace.events.size()) - 1);
        log << QStringLiteral("i%1 t=%2 ").arg(iteration).arg(QString::asprintf("%g", loop.time())) + what;
    }
    // asyncio.run(main), then the "end" line (or "deadlock", as the CPython half reports it).
    void run(Task<void> main, std::string_view name = "main")
    {
        status = loop.run(std::move(main), name);
        if (status == sim::RunStatus::Deadlock)
            log << QStringLiteral("deadlock");
        else
            note(QStringLiteral("end"));
    }
    sim::TaskId task(std::string_view name) const
    {
        for (sim::TaskId id = 0; id < trace.tasks.size(); ++id)
            if (trace.taskName(id) == name)
                return id;
        return sim::noId;
    }
    int count(EventKind kind) const
    {
        return int(std::count_if(trace.events.begin(), trace.events.end(), [&](auto& e) { return e.kind == kind; }));
    }
    // The loop iteration (IterationStarted's number) that event `index` belongs to.
    int iterationAt(qsizetype index) const
    {
        for (qsizetype i = std::min(index, qsizetype(trace.events.size()) - 1); i >= 0; --i)
            if (trace.events[i].kind == EventKind::IterationStarted)
                return int(trace.events[i].a);
        return 0;
    }
    // Index of the n-th event (0-based) that matches, or -1; and a copy of an event, or one of
    // no kind when the index is -1.
    template <typename Pred>
    qsizetype find(Pred pred, int n = 0) const
    {
        for (qsizetype i = 0; i < qsizetype(trace.events.size()); ++i)
            if (pred(trace.events[i]) && n-- == 0)
                return i;
        return -1;
    }
    sim::TraceEvent at(qsizetype index) const
    {
        return index < 0 ? sim::TraceEvent { -1, sim::noId, sim::noId, sim::noId, EventKind(0xff), 0xff, 0 } : trace.events.at(index);
    }
};

auto stepOf(sim::TaskId task) { return [=](const sim::TraceEvent& e) { return e.kind == EventKind::StepStarted && e.task == task; }; }

// The same program under CPython: tst_cpythonfacts.py's log lines, "deadlock" after exit 3.
struct CPython {
    bool available = false;
    QString error; // or, when not available, why
    QStringList lines;
};

CPython runCPython(const QStringList& arguments, const QByteArray& input = {})
{
    CPython result;
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        result.error = QStringLiteral("python3 is not on PATH");
        return result;
    }
    QProcess process;
    process.start(python, QStringList { QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/core/tst_cpythonfacts.py") } + arguments);
    process.write(input);
    process.closeWriteChannel();
    const bool exited = process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit;
    const int code = exited ? process.exitCode() : -1;
    const QString errors = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (code == 4) { // not CPython 3.11
        result.error = errors;
        return result;
    }
    result.available = true;
    result.lines = QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    if (code == 3 && errors.contains("deadlock"))
        result.lines << QStringLiteral("deadlock");
    else if (code != 0)
        result.error = QStringLiteral("python3 failed (%1): %2 %3").arg(code).arg(process.errorString(), errors);
    return result;
}

// Checks that CPython prints `expected` for tst_cpythonfacts.py's arguments; skips without python3.
#define COMPARE_WITH_CPYTHON(expected, ...)                                                                   \
    do {                                                                                                     \
        const CPython cpython = runCPython(QStringList { __VA_ARGS__ });                                      \
        if (!cpython.available)                                                                              \
            QSKIP(qPrintable(cpython.error + ": the simulator was checked, the CPython half is skipped"));   \
        QVERIFY2(cpython.error.isEmpty(), qPrintable(cpython.error));                                        \
        QCOMPARE(cpython.lines, expected);                                                                   \
    } while (false)

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
    auto& s = p.loop.createTask(noteCancellation(p, sleeper(p, 10), "CancelledError at its await"), "sleeper");
    co_await sim::sleep(p.loop, 0);
    co_await cancelAndAwait(p, s, "cancel requested", "sleeper is cancelled");
}

Task<void> victim(Program& p, double delay)
{
    p.note("victim waits");
    co_await sim::sleep(p.loop, delay);
    p.note("victim resumed normally");
}

Task<void> cancelScheduledMain(Program& p, double delay)
{
    auto& v = p.loop.createTask(noteCancellation(p, victim(p, delay), "CancelledError at its next step"), "victim");
    co_await sim::sleep(p.loop, delay);
    co_await cancelAndAwait(p, v, "cancel requested", "victim is cancelled");
}

Task<void> cancelBeforeStartMain(Program& p)
{
    auto& t = p.loop.createTask(child(p, "never runs"), "never");
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

struct SplitMix64 {
    quint64 state;
    quint64 next()
    {
        quint64 z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
};

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
    void cancellingATaskThatAwaitsASleepRaisesAtTheAwaitAndCancelsTheTimer();
    void cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep_data();
    void cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep();
    void aTaskCancelledBeforeItsFirstStepRunsNoneOfItsCode();
    void teardownCancelsLeftoverTasksInZeroTimeIterations_data();
    void teardownCancelsLeftoverTasksInZeroTimeIterations();
    void cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt_data();
    void cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt();
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

    const CPython cpython = runCPython({ "heapq" }, input);
    if (!cpython.available)
        QSKIP(qPrintable(cpython.error + ": the CPython half is skipped"));
    QVERIFY2(cpython.error.isEmpty(), qPrintable(cpython.error));
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

// Fact 9: cancel() of a task suspended on a future cancels that future; the wakeup throws
// CancelledError in at the await, and sleep's `finally: h.cancel()` cancels the timer.
void TestEventLoop::cancellingATaskThatAwaitsASleepRaisesAtTheAwaitAndCancelsTheTimer()
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
void TestEventLoop::cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep_data()
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

void TestEventLoop::cancellingATaskWhoseWakeupIsScheduledRaisesAtItsNextStep()
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
void TestEventLoop::aTaskCancelledBeforeItsFirstStepRunsNoneOfItsCode()
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

// Fact 10: after main returns, _cancel_all_tasks cancels what is left and runs a gather of it,
// then shutdown_asyncgens and shutdown_default_executor each run as a task: all in zero time.
void TestEventLoop::teardownCancelsLeftoverTasksInZeroTimeIterations_data()
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

void TestEventLoop::teardownCancelsLeftoverTasksInZeroTimeIterations()
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

    const CPython cpython = runCPython(QStringList { "teardown" } + kinds);
    if (!cpython.available)
        QSKIP(qPrintable(cpython.error + ": the CPython half is skipped"));
    QVERIFY2(cpython.error.isEmpty(), qPrintable(cpython.error));
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
void TestEventLoop::cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt_data()
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

void TestEventLoop::cancelledTimersArePurgedFromTheHeadOrTheHeapIsRebuilt()
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

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
