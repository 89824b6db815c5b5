// SPDX-License-Identifier: MIT
// The two scenarios over thousands of seeds and arguments: invariants that must hold after
// EVERY trace event (the rules of core/tracerules.h, which the trace file reader applies
// too, and what the engine adds for a completed run), determinism (same request, same trace and output), and no leaked coroutine
// frame when a run is cut short and its loop destroyed (run this also in the
// -DLOOPSCOPE_SANITIZE=ON build).

#include "asyncqueue.h"
#include "runrequests.h"
#include "eventloop.h"
#include "gather.h"
#include "simulation.h"
#include "sleep.h"
#include "splitmix64.h"
#include "tracerules.h"

#include <QtTest>

#include <QRegularExpression>

#include <cstring>
#include <map>
#include <optional>
#include <set>

using sim::EventKind;
using sim::RunRequest;
using sim::RunStatus;
using sim::Task;
using sim::TraceEvent;
using sim::TraceEvents;

namespace {

sim::PyInt number(const std::string& text) { return *sim::PyInt::parse(text); }

// A seed or chain number: small, negative, or far beyond 64 bits.
std::string someInteger(SplitMix64& rng)
{
    switch (rng.below(6)) {
    case 0: return std::to_string(rng.below(20) - 10);
    case 1: return std::to_string(qint64(rng.next()));
    case 2: return (rng.below(2) ? "-" : "") + std::to_string(rng.next()) + std::to_string(rng.next());
    default: return std::to_string(rng.below(1000));
    }
}

// The rules every trace obeys (core/tracerules.h), then what the engine's completed runs add:
// every task finished and no timer left pending (a recorded program may leave either).
QString brokenRule(const sim::Trace& trace, const sim::RunResult& result)
{
    if (auto problem = sim::firstBrokenRule(trace, result))
        return QString::fromStdString(*problem);
    if (result.status != RunStatus::Completed)
        return {};
    sim::LoopState state;
    for (const TraceEvent& event : trace.events)
        state.apply(event);
    for (std::size_t task = 0; task < state.tasks.size(); ++task) {
        if (!sim::isFinished(state.tasks[task].state))
            return QStringLiteral("task %1 is not finished after a completed run").arg(task);
    }
    for (const sim::TimerEntry& timer : state.timers) {
        if (!timer.cancelled)
            return QStringLiteral("timer %1 is still pending after a completed run").arg(timer.id);
    }
    return {};
}

RunRequest randomChained(SplitMix64& rng)
{
    RunRequest request = sim::testruns::chained(0, {});
    request.seed = number(someInteger(rng));
    for (int n = 1 + rng.below(8); n > 0; --n)
        request.arguments[0].push_back(number(someInteger(rng)));
    return request;
}

RunRequest asyncq(const std::string& seed, int producers, int consumers)
{
    RunRequest request = sim::testruns::asyncq(0, producers, consumers);
    request.seed = number(seed);
    return request;
}

// someInteger's numbers, plus the word boundaries and numbers of 20 to 400 digits.
std::string anyInteger(SplitMix64& rng)
{
    static const char* const boundaries[] = { "0", "-1", "2147483647", "-2147483648", "4294967295", "4294967296",
        "-4294967296", "9223372036854775807", "-9223372036854775808", "18446744073709551615",
        "18446744073709551616", "-18446744073709551617", "340282366920938463463374607431768211456" };
    switch (rng.below(4)) {
    case 0: return boundaries[rng.below(int(std::size(boundaries)))];
    case 1: {
        std::string digits = rng.below(2) ? "-" : "";
        digits += char('1' + rng.below(9));
        for (int n = 19 + rng.below(381); n > 0; --n)
            digits += char('0' + rng.below(10));
        return digits;
    }
    default: return someInteger(rng);
    }
}

// chained with `count` arguments (none: the script's 1 2 3), a quarter of them repeats of an
// earlier one ("chained 1 1" numbers its lanes apart).
RunRequest chainedWith(SplitMix64& rng, int count)
{
    RunRequest request = sim::testruns::chained(0, {});
    request.seed = number(anyInteger(rng));
    auto& arguments = request.arguments[0];
    for (int n = 0; n < count; ++n)
        arguments.push_back(n > 0 && rng.below(4) == 0 ? arguments[rng.below(n)] : number(anyInteger(rng)));
    return request;
}

// asyncq with every -p and -c in low..high, each under every seed.
std::vector<RunRequest> asyncqGrid(int low, int high, std::initializer_list<const char*> seeds)
{
    std::vector<RunRequest> requests;
    for (int p = low; p <= high; ++p)
        for (int c = low; c <= high; ++c)
            for (const char* seed : seeds)
                requests.push_back(asyncq(seed, p, c));
    return requests;
}

struct Outcome {
    sim::Trace trace;
    std::vector<std::string> output;
    sim::RunResult result;
};

std::unique_ptr<Outcome> simulate(const RunRequest& request)
{
    auto outcome = std::make_unique<Outcome>();
    outcome->result = sim::simulate(request, &outcome->trace,
        [&](std::string_view line) { outcome->output.emplace_back(line); });
    return outcome;
}

bool sameEvents(const TraceEvents& a, const TraceEvents& b)
{
    static_assert(sizeof(TraceEvent) == 24, "TraceEvent has no padding: compare the raw bytes");
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(TraceEvent)) == 0);
}

// Coroutine locals that count themselves, to see that destroying a loop frees every frame.
struct Alive {
    static inline int count = 0;
    Alive() { ++count; }
    Alive(const Alive&) { ++count; }
    ~Alive() { --count; }
};

Task<void> leaf(sim::EventLoop& loop, sim::AsyncQueue& q, int how, Alive)
{
    Alive local;
    switch (how % 5) {
    case 0: co_await sim::sleep(loop, 1 + how); break;
    case 1: co_await q.get(); break;
    case 2: co_await q.join(); break;
    case 3: co_await loop.createFuture(sim::FutureKind::Plain); break;
    default:
        for (;;)
            co_await sim::sleep(loop, 0);
    }
}

Task<void> nested(sim::EventLoop& loop, sim::AsyncQueue& q, int how)
{
    Alive local;
    co_await leaf(loop, q, how, Alive {});
}

Task<void> root(sim::EventLoop& loop, sim::AsyncQueue& q, Alive)
{
    Alive local;
    q.putNowait({ "unfinished" }); // join() waits
    q.getNowait();
    std::vector<sim::NamedCoroutine> children;
    for (int how = 0; how < 10; ++how)
        children.push_back({ "child", nested(loop, q, how) });
    loop.createTask(leaf(loop, q, 3, Alive {}), "never started"); // its frame holds only arguments
    co_await sim::gather(loop, std::move(children));
}

} // namespace

class TestScenarios : public QObject {
    Q_OBJECT

private slots:
    void invariantsHoldAfterEveryEvent_data();
    void invariantsHoldAfterEveryEvent();
    void theCheckerCatchesBrokenTraces_data();
    void theCheckerCatchesBrokenTraces();
    void theSameRequestGivesTheSameTraceAndOutput();
    void differentSeedsGiveDifferentOutputs();
    void printedTextInChunksIsTheLinesWithTheirNewlines();
    void aRunCutShortFreesEveryFrameWithItsLoop_data();
    void aRunCutShortFreesEveryFrameWithItsLoop();
    void destroyingALoopWithSuspendedTasksDestroysTheirFrames_data();
    void destroyingALoopWithSuspendedTasksDestroysTheirFrames();
};

// The invariant rows: the first four are the original 645 runs, the rest widen seeds (word
// boundaries, up to 400 digits), argument lists (none, repeats, up to 64) and -p / -c
// (negative: Python's range() is empty; up to 100), 3495 runs in all.
static std::vector<RunRequest> requestSet(int which)
{
    SplitMix64 rng { 20240612u + quint64(which) };
    std::vector<RunRequest> requests;
    const auto repeat = [&](int times, auto make) {
        for (int i = 0; i < times; ++i)
            requests.push_back(make());
    };
    switch (which) {
    case 0: repeat(200, [&] { return randomChained(rng); }); break;
    case 1: repeat(200, [&] { return asyncq(someInteger(rng), rng.below(9), rng.below(9)); }); break;
    case 2: requests = asyncqGrid(0, 8, { "444", "0", "-7" }); break;
    case 3: requests = { RunRequest {}, asyncq("444", 5, 10) }; break;
    case 4: repeat(600, [&] { return chainedWith(rng, rng.below(13)); }); break;
    case 5: repeat(100, [&] { return chainedWith(rng, 13 + rng.below(52)); }); break;
    case 6: // the default arguments and -p 5 -c 10 under other seeds
        repeat(300, [&] { return chainedWith(rng, 0); });
        repeat(300, [&] { return asyncq(anyInteger(rng), 5, 10); });
        break;
    case 7: repeat(600, [&] { return asyncq(anyInteger(rng), rng.below(20) - 3, rng.below(20) - 3); }); break;
    case 8: requests = asyncqGrid(-2, 12, { "1", "-1", "18446744073709551616", "-99999999999999999999999" }); break;
    case 9: repeat(50, [&] { return asyncq(anyInteger(rng), 17 + rng.below(84), 17 + rng.below(84)); }); break;
    }
    return requests;
}

void TestScenarios::invariantsHoldAfterEveryEvent_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("chained, 200 seeds, 1 to 8 arguments") << 0;
    QTest::newRow("asyncq, 200 seeds, -p and -c in 0..8") << 1;
    QTest::newRow("asyncq, every -p and -c in 0..8, 3 seeds") << 2;
    QTest::newRow("the defaults") << 3;
    QTest::newRow("chained, 600 seeds of any size, 0 to 12 arguments, some repeated") << 4;
    QTest::newRow("chained, 100 seeds, 13 to 64 arguments") << 5;
    QTest::newRow("the default arguments, 300 seeds of any size each") << 6;
    QTest::newRow("asyncq, 600 seeds of any size, -p and -c in -3..16") << 7;
    QTest::newRow("asyncq, every -p and -c in -2..12, 4 seeds") << 8;
    QTest::newRow("asyncq, 50 seeds, 17 to 100 producers and consumers") << 9;
}

void TestScenarios::invariantsHoldAfterEveryEvent()
{
    QFETCH(int, which);
    const std::vector<RunRequest> requests = requestSet(which);
    std::map<RunStatus, int> statuses;
    for (const RunRequest& request : requests) {
        const auto outcome = simulate(request);
        QString problem = brokenRule(outcome->trace, outcome->result);
        if (problem.isEmpty() && outcome->output.size() != outcome->trace.outputLines.size())
            problem = "the output stream and the trace disagree";
        for (std::size_t i = 0; problem.isEmpty() && i < outcome->output.size(); ++i)
            if (outcome->output[i] != outcome->trace.outputLine(i))
                problem = QStringLiteral("output line %1 differs from the trace's").arg(i);
        // Only asyncq without consumers (and with items) can block forever.
        if (outcome->result.status == RunStatus::Deadlock && (request.program != &sim::asyncqProgram() || request.arguments[1].front().toInt64() > 0))
            problem = "a deadlock although consumers run";
        QVERIFY2(problem.isEmpty(), qPrintable(QString::fromStdString(request.describe()) + ": " + problem));
        ++statuses[outcome->result.status];
    }
    QCOMPARE(statuses[RunStatus::LimitReached], 0);
    qInfo("%d runs: %d completed, %d deadlocked", int(requests.size()), statuses[RunStatus::Completed],
        statuses[RunStatus::Deadlock]);
}

// The invariants can fail: each row breaks a real trace in one place.
void TestScenarios::theCheckerCatchesBrokenTraces_data()
{
    QTest::addColumn<int>("mutation");
    QTest::addColumn<QByteArray>("expected"); // in the problem's words
    // The second task's step is then queued before the task exists.
    QTest::newRow("two tasks' steps queued in swapped order") << 0 << QByteArray("which was never created");
    QTest::newRow("a step starts inside another") << 1 << QByteArray("without a handle of its own");
    QTest::newRow("the clock goes back") << 2 << QByteArray("the clock goes back");
    QTest::newRow("a put reports the wrong queue size") << 3 << QByteArray("the put says");
    QTest::newRow("task_done reports the wrong unfinished count") << 4 << QByteArray("unfinished");
    QTest::newRow("a finished task runs a step") << 5 << QByteArray("without a handle of its own");
    QTest::newRow("a line is printed twice") << 6 << QByteArray("is printed where line");
    QTest::newRow("a timer fires before its deadline") << 7 << QByteArray("before its deadline");
    QTest::newRow("two timers fire in swapped order") << 8 << QByteArray("not first in the timer heap");
    QTest::newRow("a task finishes twice") << 9 << QByteArray("finishes twice");
    QTest::newRow("a waiter is woken that never waited") << 10 << QByteArray("is woken but is not waiting there");
    QTest::newRow("a step says it came from another kind of handle") << 11 << QByteArray("says it came from");
    QTest::newRow("an item is got twice") << 12 << QByteArray("is got but is in no queue");
    QTest::newRow("a task sleeps on a timer that already fell due") << 13 << QByteArray("which is not pending");
    QTest::newRow("a due timer is left in the heap") << 14 << QByteArray("heap");
    QTest::newRow("a waiter is never woken nor removed") << 15 << QByteArray("still listed as a queue's waiter");
    QTest::newRow("two handles run out of their queued order") << 16 << QByteArray("is not the head of the ready deque");
}

void TestScenarios::theCheckerCatchesBrokenTraces()
{
    QFETCH(int, mutation);
    QFETCH(QByteArray, expected);
    const auto outcome = simulate(asyncq("444", 5, 10));
    sim::Trace trace = outcome->trace;
    QVERIFY(brokenRule(trace, outcome->result).isEmpty());
    auto& events = trace.events;
    const auto first = [&](EventKind kind, int n = 0) {
        return std::find_if(events.begin(), events.end(), [&](const TraceEvent& e) { return e.kind == kind && n-- == 0; });
    };
    switch (mutation) {
    case 0: // producers 0 and 1: main queues their first steps one after the other
        std::swap(first(EventKind::HandleQueued, 1)->task, first(EventKind::HandleQueued, 2)->task);
        break;
    case 1: events.insert(first(EventKind::StepStarted, 3), *first(EventKind::StepStarted, 3)); break;
    case 2: {
        auto last = std::find_if(events.rbegin(), events.rend(), [](auto& e) { return e.kind == EventKind::IterationStarted; });
        last->value -= 1;
        break;
    }
    case 3: ++first(EventKind::QueuePut)->b; break;
    case 4: ++first(EventKind::TaskDoneCalled)->b; break;
    case 5: {
        auto finished = first(EventKind::TaskFinished);
        TraceEvent step = *first(EventKind::StepStarted);
        step.task = finished->task;
        events.insert(finished + 1, step);
        break;
    }
    case 6: events.insert(first(EventKind::Printed, 4), *first(EventKind::Printed, 4)); break;
    case 7: {
        const quint32 timer = first(EventKind::TimerDue)->a;
        trace.timers[timer].when += 0.5;
        std::find_if(events.begin(), events.end(), [&](auto& e) {
            return e.kind == EventKind::TimerScheduled && e.a == timer;
        })->value += 0.5;
        break;
    }
    case 8: std::swap(*first(EventKind::TimerDue, 0), *first(EventKind::TimerDue, 1)); break;
    case 9: events.insert(first(EventKind::TaskFinished), *first(EventKind::TaskFinished)); break;
    case 10: first(EventKind::WaiterWoken)->a += 1000000; break;
    case 11: first(EventKind::StepStarted)->detail = quint8(sim::HandleKind::TaskWakeup); break;
    case 12: events.insert(first(EventKind::QueueGet), *first(EventKind::QueueGet)); break;
    case 13: {
        auto sleep = std::find_if(events.rbegin(), events.rend(), [](auto& e) {
            return e.kind == EventKind::StepEnded && e.detail == quint8(sim::WaitKind::Sleep);
        });
        sleep->a = first(EventKind::TimerDue)->a;
        break;
    }
    case 14: events.erase(first(EventKind::TimerDue)); break;
    case 15: { // a consumer's getter, woken, stays listed: the consumer later finishes
        auto woken = std::find_if(events.rbegin(), events.rend(), [](auto& e) {
            return e.kind == EventKind::WaiterWoken && e.detail == quint8(sim::WaiterList::Getters);
        });
        events.erase(std::next(woken).base());
        break;
    }
    case 16: std::swap(first(EventKind::HandleRun, 1)->task, first(EventKind::HandleRun, 2)->task); break;
    }
    const QString problem = brokenRule(trace, outcome->result);
    QVERIFY2(problem.contains(QLatin1String(expected)), qPrintable(QStringLiteral("the broken trace gave: ") + problem));
}

void TestScenarios::theSameRequestGivesTheSameTraceAndOutput()
{
    SplitMix64 rng { 7 };
    std::vector<RunRequest> requests { RunRequest {}, asyncq("444", 5, 10), asyncq("-3", 8, 2) };
    for (int i = 0; i < 20; ++i)
        requests.push_back(i % 2 ? randomChained(rng) : asyncq(someInteger(rng), rng.below(9), 1 + rng.below(8)));
    for (const RunRequest& request : requests) {
        const auto first = simulate(request), second = simulate(request);
        const QByteArray name = QByteArray::fromStdString(request.describe());
        QVERIFY2(sameEvents(first->trace.events, second->trace.events), name.constData());
        QVERIFY2(first->output == second->output, name.constData());
        QVERIFY2(first->trace.outputLines == second->trace.outputLines, name.constData());
        QCOMPARE(first->result.handlesRun, second->result.handlesRun);
        QVERIFY(!first->output.empty());
    }
}

// simulateText (what `loopscope print` writes) gives the lines each ended by '\n', in chunks
// that end on a line's end, the same trace, and the same result; runs of one line, of several
// chunks (chained 1..4000 prints about 200 KiB), and cut short by a limit or a deadlock.
void TestScenarios::printedTextInChunksIsTheLinesWithTheirNewlines()
{
    std::vector<RunRequest> requests { RunRequest {}, asyncq("444", 5, 10), asyncq("7", 3, 0), asyncq("1", 0, 0) };
    RunRequest many = sim::testruns::chained(444, {});
    for (int n = 1; n <= 4000; ++n)
        many.arguments[0].push_back(sim::PyInt::fromInt64(n));
    requests.push_back(many);
    RunRequest limited = asyncq("444", 50, 50);
    limited.limits.maxHandles = 700;
    requests.push_back(limited);
    for (const RunRequest& request : requests) {
        const QByteArray name = QByteArray::fromStdString(request.describe());
        const auto lines = simulate(request);
        std::string expected;
        for (const std::string& line : lines->output)
            expected += line + "\n";
        sim::Trace trace;
        std::string text;
        int chunks = 0;
        const sim::RunResult result = sim::simulateText(request, &trace, [&](std::string_view chunk) {
            QVERIFY(!chunk.empty() && chunk.back() == '\n' && chunk.size() <= sim::OutputBuffer::chunkSize);
            text += chunk;
            ++chunks;
        });
        QVERIFY2(text == expected, name.constData());
        QVERIFY2(sameEvents(trace.events, lines->trace.events), name.constData());
        QVERIFY2(trace.outputLines.size() == lines->trace.outputLines.size(), name.constData());
        for (std::size_t i = 0; i < trace.outputLines.size(); ++i)
            QVERIFY2(trace.outputLine(i) == lines->trace.outputLine(i), name.constData());
        QCOMPARE(result.status, lines->result.status);
        QCOMPARE(result.handlesRun, lines->result.handlesRun);
        if (expected.size() > sim::OutputBuffer::chunkSize)
            QVERIFY(chunks > 1);
    }
}

void TestScenarios::differentSeedsGiveDifferentOutputs()
{
    // asyncq's items come from the seed too: mask them, so only the random module counts.
    static const QRegularExpression item(QStringLiteral("<[0-9a-f]{10}>"));
    for (const bool isChained : { true, false }) {
        std::set<QString> outputs;
        for (int seed = 0; seed < 50; ++seed) {
            RunRequest request = isChained ? RunRequest {} : asyncq("0", 3, 3);
            request.seed = sim::PyInt::fromInt64(seed);
            QString text;
            const auto outcome = simulate(request);
            for (const std::string& line : outcome->output)
                text += QString::fromStdString(line).replace(item, "<ITEM>") + '\n';
            outputs.insert(text);
        }
        QVERIFY2(outputs.size() >= 45, qPrintable(QStringLiteral("only %1 distinct outputs of 50").arg(outputs.size())));
    }
}

// Limits{maxHandles} stops a run part-way; simulate() then destroys its loop with frames
// suspended everywhere. The sanitizer build reports any frame or future that leaks.
void TestScenarios::aRunCutShortFreesEveryFrameWithItsLoop_data()
{
    QTest::addColumn<double>("fraction"); // of the handles the full run needs
    QTest::newRow("before the first handle") << 0.0;
    QTest::newRow("a tenth of the way") << 0.1;
    QTest::newRow("a third of the way") << 0.33;
    QTest::newRow("half-way") << 0.5;
    QTest::newRow("nine tenths of the way") << 0.9;
    QTest::newRow("one handle before the end") << 1.0;
}

void TestScenarios::aRunCutShortFreesEveryFrameWithItsLoop()
{
    QFETCH(double, fraction);
    RunRequest eightChains = sim::testruns::chained(444, {});
    for (const char* n : { "1", "-2", "3", "40000000000000000000000", "5", "6", "0", "8" })
        eightChains.arguments[0].push_back(number(n));
    for (RunRequest request : { RunRequest {}, eightChains, asyncq("444", 5, 10), asyncq("1", 8, 8) }) {
        const quint64 total = simulate(request)->result.handlesRun;
        request.limits.maxHandles = std::min<quint64>(quint64(fraction * double(total)), total - 1);
        const auto outcome = simulate(request);
        QCOMPARE(outcome->result.status, RunStatus::LimitReached);
        QCOMPARE(outcome->result.handlesRun, request.limits.maxHandles);
        const QString problem = brokenRule(outcome->trace, outcome->result);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestScenarios::destroyingALoopWithSuspendedTasksDestroysTheirFrames_data()
{
    QTest::addColumn<quint64>("maxHandles");
    for (quint64 n : { 0, 1, 2, 4, 12, 25, 60 })
        QTest::addRow("after %llu handles", n) << n;
}

void TestScenarios::destroyingALoopWithSuspendedTasksDestroysTheirFrames()
{
    QFETCH(quint64, maxHandles);
    QCOMPARE(Alive::count, 0);
    {
        sim::Trace trace;
        std::optional<sim::EventLoop> loop(std::in_place, &trace, sim::Limits { maxHandles });
        sim::AsyncQueue queue(*loop);
        QCOMPARE(loop->run(root(*loop, queue, Alive {})), RunStatus::LimitReached);
        QVERIFY(Alive::count > 0);
        loop.reset(); // frames first: the queue they wait on is still alive
        QCOMPARE(Alive::count, 0);
    }
}

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
