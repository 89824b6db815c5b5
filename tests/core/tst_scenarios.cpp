// SPDX-License-Identifier: MIT
// The two scenarios over many seeds and arguments: invariants that must hold after EVERY
// trace event (checked by replaying the trace on its own model of the loop), determinism
// (same request, same trace and output), and no leaked coroutine frame when a run is cut
// short and its loop destroyed (run this also in the -DLOOPSCOPE_SANITIZE=ON build).

#include "asyncqueue.h"
#include "eventloop.h"
#include "gather.h"
#include "simulation.h"
#include "sleep.h"
#include "tracenames.h"

#include <QtTest>

#include <QRegularExpression>

#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>

using sim::EventKind;
using sim::HandleKind;
using sim::RunRequest;
using sim::RunStatus;
using sim::Task;
using sim::TraceEvent;

namespace {

struct SplitMix64 {
    quint64 state;
    quint64 next()
    {
        quint64 z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
};

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

RunRequest randomChained(SplitMix64& rng)
{
    RunRequest request;
    request.seed = number(someInteger(rng));
    for (int n = 1 + rng.below(8); n > 0; --n)
        request.chainArguments.push_back(number(someInteger(rng)));
    return request;
}

RunRequest asyncq(const std::string& seed, int producers, int consumers)
{
    RunRequest request;
    request.scenario = sim::Scenario::Asyncq;
    request.seed = number(seed);
    request.producers = producers;
    request.consumers = consumers;
    return request;
}

// Replays a trace on a model of its own (task states, ready deque, timer heap contents, queue)
// and returns the first broken invariant, naming the event.
class TraceChecker {
public:
    explicit TraceChecker(const sim::Trace& trace) : m_trace(trace) { }
    QString check(RunStatus status);

private:
    enum class State { Created, Ready, Running, Yielded, Waiting, Finishing, Finished };
    struct Queued {
        quint8 kind;
        quint32 task, object;
        bool operator==(const Queued&) const = default;
    };
    QString step(const TraceEvent& e, const TraceEvent* next);
    QString endOfIteration() const;
    State& state(quint32 task) { return m_states[task]; }

    const sim::Trace& m_trace;
    std::vector<State> m_states;
    std::deque<Queued> m_ready;
    std::set<quint32> m_heap, m_cancelled;
    quint32 m_running = sim::noId;
    double m_clock = 0, m_lastDue = 0;
    quint32 m_iteration = 0;
    qsizetype m_planned = -1, m_ran = 0; // handles this iteration must run / has run
    std::deque<quint32> m_items;
    qint64 m_unfinished = 0;
    quint32 m_printed = 0;
};

QString TraceChecker::check(RunStatus status)
{
    const auto& events = m_trace.events;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const QString problem = step(events[i], i + 1 < events.size() ? &events[i + 1] : nullptr);
        if (!problem.isEmpty())
            return QStringLiteral("event %1 (%2, task %3): %4")
                .arg(i)
                .arg(QString::fromUtf8(sim::eventKindName(events[i].kind)))
                .arg(qint64(events[i].task))
                .arg(problem);
    }
    if (m_printed != m_trace.outputLines.size())
        return QStringLiteral("%1 Printed events for %2 output lines").arg(m_printed).arg(m_trace.outputLines.size());
    if (status == RunStatus::Completed) {
        if (const QString problem = endOfIteration(); !problem.isEmpty())
            return problem;
        for (std::size_t t = 0; t < m_states.size(); ++t)
            if (m_states[t] != State::Finished)
                return QStringLiteral("task %1 is not finished after a completed run").arg(t);
        for (quint32 timer : m_heap)
            if (!m_cancelled.count(timer))
                return QStringLiteral("timer %1 is still pending after a completed run").arg(timer);
    }
    return {};
}

QString TraceChecker::endOfIteration() const
{
    if (m_planned >= 0 && m_ran != m_planned)
        return QStringLiteral("iteration %1 ran %2 handles, %3 were ready at its start").arg(m_iteration).arg(m_ran).arg(m_planned);
    return {};
}

QString TraceChecker::step(const TraceEvent& e, const TraceEvent* next)
{
    const bool byRunning = e.task == m_running && m_running != sim::noId;
    if (e.kind != EventKind::TaskCreated && e.task != sim::noId && e.task >= m_states.size())
        return "an event names a task that was not created";
    switch (e.kind) {
    case EventKind::IterationStarted:
        if (QString problem = endOfIteration(); !problem.isEmpty())
            return problem;
        if (e.a != ++m_iteration)
            return "iterations are not numbered 1, 2, 3, ...";
        if (e.value < m_clock)
            return QStringLiteral("the clock went back from %1 to %2").arg(m_clock).arg(e.value);
        if (e.value > m_clock && !m_ready.empty())
            return "the clock moved although handles were ready";
        if (m_running != sim::noId)
            return "an iteration started inside a step";
        m_clock = e.value;
        m_planned = qsizetype(m_ready.size());
        m_ran = 0;
        return {};
    case EventKind::TaskCreated:
        if (e.task != m_states.size())
            return "task ids are not dense";
        m_states.push_back(State::Created);
        return {};
    case EventKind::HandleQueued:
        m_ready.push_back({ e.detail, e.task, e.a });
        if (e.detail == quint8(HandleKind::TaskStep)) {
            if (state(e.task) != State::Created && state(e.task) != State::Yielded)
                return "a step was queued for a task that is neither new nor yielding";
            state(e.task) = State::Ready;
        } else if (e.detail == quint8(HandleKind::TaskWakeup)) {
            if (state(e.task) != State::Waiting)
                return "a wakeup was queued for a task that is not waiting";
            state(e.task) = State::Ready;
        }
        return {};
    case EventKind::HandleRun: {
        if (m_ready.empty() || !(m_ready.front() == Queued { e.detail, e.task, e.a }))
            return "the handle run is not the head of the ready deque (call_soon is FIFO)";
        m_ready.pop_front();
        if (++m_ran > m_planned)
            return "a handle queued during this iteration ran in it";
        const bool step = e.detail == quint8(HandleKind::TaskStep) || e.detail == quint8(HandleKind::TaskWakeup);
        if (step && !(next && next->kind == EventKind::StepStarted && next->task == e.task))
            return "a task's handle ran without starting its step";
        if (e.detail == quint8(HandleKind::TimerCallback) && (e.b == 1) != bool(m_cancelled.count(e.a)))
            return "a timer callback was skipped (or not) against its cancelled flag";
        return {};
    }
    case EventKind::StepStarted:
        if (m_running != sim::noId)
            return "two StepStarted without a StepEnded";
        if (state(e.task) != State::Ready)
            return "a step started for a task that is not ready (finished, waiting or running)";
        state(e.task) = State::Running;
        m_running = e.task;
        return {};
    case EventKind::StepEnded:
        if (!byRunning)
            return "StepEnded for a task that is not running";
        if (e.detail == quint8(sim::WaitKind::Yield))
            state(e.task) = State::Yielded;
        else if (e.detail >= quint8(sim::WaitKind::Done))
            state(e.task) = State::Finishing;
        else
            state(e.task) = State::Waiting;
        m_running = sim::noId;
        return {};
    case EventKind::TaskFinished:
        if (state(e.task) != State::Finishing)
            return "TaskFinished without a final StepEnded";
        state(e.task) = State::Finished;
        return {};
    case EventKind::TimerScheduled:
        if (!byRunning || e.value <= m_clock || m_trace.timers.at(e.a).when != e.value || !m_heap.insert(e.a).second)
            return "a timer was scheduled outside a step, in the past, or twice";
        return {};
    case EventKind::TimerCancelled:
        if ((e.b == 1) != bool(m_heap.count(e.a)) || !m_cancelled.insert(e.a).second)
            return "TimerCancelled disagrees with the heap, or came twice";
        return {};
    case EventKind::TimerPurged:
        if (!m_cancelled.count(e.a) || !m_heap.erase(e.a))
            return "a timer was purged that is not a cancelled one in the heap";
        return {};
    case EventKind::TimersRebuilt:
        if (m_heap.size() <= 100)
            return "the heap was rebuilt with 100 timers or fewer";
        for (quint32 timer : m_cancelled)
            m_heap.erase(timer);
        return {};
    case EventKind::TimerDue: {
        const double when = m_trace.timers.at(e.a).when;
        if (!m_heap.erase(e.a) || when >= m_clock + 1e-9 || when < m_lastDue)
            return QStringLiteral("timer %1 due at %2 (clock %3, previous due %4)").arg(e.a).arg(when).arg(m_clock).arg(m_lastDue);
        m_lastDue = when;
        m_ready.push_back({ quint8(HandleKind::TimerCallback), m_trace.timers[e.a].owner, e.a });
        ++m_planned;
        if (!(next && next->kind == EventKind::TimerDue))
            for (quint32 timer : m_heap)
                if (m_trace.timers[timer].when < m_clock + 1e-9)
                    return "a due timer was left in the heap";
        return {};
    }
    case EventKind::Printed:
        if (e.a != m_printed++ || (e.task != sim::noId && !byRunning))
            return "output lines are not printed once each, in order, by the running task";
        return {};
    case EventKind::QueuePut:
        m_items.push_back(e.a);
        ++m_unfinished;
        if (!byRunning || e.b != m_items.size())
            return QStringLiteral("QueuePut reports size %1, the count is %2").arg(e.b).arg(m_items.size());
        return {};
    case EventKind::QueueGet:
        if (!byRunning || m_items.empty() || m_items.front() != e.a)
            return "QueueGet took an item that is not the queue's head";
        m_items.pop_front();
        if (e.b != m_items.size())
            return QStringLiteral("QueueGet reports size %1, the count is %2").arg(e.b).arg(m_items.size());
        return {};
    case EventKind::TaskDoneCalled:
        if (!byRunning || --m_unfinished < 0 || e.b != quint64(m_unfinished))
            return QStringLiteral("unfinished count %1 against %2").arg(qint64(e.b)).arg(m_unfinished);
        return {};
    case EventKind::WaiterAdded:
        return byRunning ? QString() : "a waiter was added outside its task's step";
    case EventKind::CancelRequested:
        return state(e.task) == State::Finished ? "a finished task was cancelled" : QString();
    case EventKind::LoopStopped:
    case EventKind::TeardownStarted:
        return m_running == sim::noId ? QString() : "the loop stopped inside a step";
    case EventKind::Deadlock:
    case EventKind::LimitReached:
        if (next)
            return "the run went on after it ended";
        if (e.kind == EventKind::Deadlock && (!m_ready.empty() || !m_heap.empty()))
            return "a deadlock with a ready handle or a pending timer";
        return {};
    default:
        return {};
    }
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

bool sameEvents(const std::vector<TraceEvent>& a, const std::vector<TraceEvent>& b)
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
    void aRunCutShortFreesEveryFrameWithItsLoop_data();
    void aRunCutShortFreesEveryFrameWithItsLoop();
    void destroyingALoopWithSuspendedTasksDestroysTheirFrames_data();
    void destroyingALoopWithSuspendedTasksDestroysTheirFrames();
};

// Rows: 0 chained, 200 seeds, 1 to 8 arguments; 1 asyncq, 200 seeds, -p and -c in 0..8;
// 2 asyncq, every -p and -c in 0..8 with 3 seeds; 3 the defaults.
static std::vector<RunRequest> requestSet(int which)
{
    SplitMix64 rng { 20240612u + quint64(which) };
    std::vector<RunRequest> requests;
    for (int i = 0; which < 2 && i < 200; ++i)
        requests.push_back(which == 0 ? randomChained(rng) : asyncq(someInteger(rng), rng.below(9), rng.below(9)));
    for (int p = 0; which == 2 && p <= 8; ++p)
        for (int c = 0; c <= 8; ++c)
            for (const char* seed : { "444", "0", "-7" })
                requests.push_back(asyncq(seed, p, c));
    if (which == 3)
        requests = { RunRequest {}, asyncq("444", 5, 10) };
    return requests;
}

void TestScenarios::invariantsHoldAfterEveryEvent_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("chained, 200 seeds, 1 to 8 arguments") << 0;
    QTest::newRow("asyncq, 200 seeds, -p and -c in 0..8") << 1;
    QTest::newRow("asyncq, every -p and -c in 0..8, 3 seeds") << 2;
    QTest::newRow("the defaults") << 3;
}

void TestScenarios::invariantsHoldAfterEveryEvent()
{
    QFETCH(int, which);
    const std::vector<RunRequest> requests = requestSet(which);
    std::map<RunStatus, int> statuses;
    for (const RunRequest& request : requests) {
        const auto outcome = simulate(request);
        QString problem = TraceChecker(outcome->trace).check(outcome->result.status);
        if (problem.isEmpty() && outcome->output.size() != outcome->trace.outputLines.size())
            problem = "the output stream and the trace disagree";
        for (std::size_t i = 0; problem.isEmpty() && i < outcome->output.size(); ++i)
            if (outcome->output[i] != outcome->trace.outputLine(i))
                problem = QStringLiteral("output line %1 differs from the trace's").arg(i);
        // Only asyncq without consumers (and with items) can block forever.
        if (outcome->result.status == RunStatus::Deadlock && (request.scenario != sim::Scenario::Asyncq || request.consumers > 0))
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
    QTest::newRow("two tasks' steps queued in swapped order") << 0;
    QTest::newRow("a step starts inside another") << 1;
    QTest::newRow("the clock goes back") << 2;
    QTest::newRow("a put reports the wrong queue size") << 3;
    QTest::newRow("task_done reports the wrong unfinished count") << 4;
    QTest::newRow("a finished task runs a step") << 5;
    QTest::newRow("a line is printed twice") << 6;
    QTest::newRow("a timer fires before its deadline") << 7;
    QTest::newRow("two timers fire in swapped order") << 8;
}

void TestScenarios::theCheckerCatchesBrokenTraces()
{
    QFETCH(int, mutation);
    const auto outcome = simulate(asyncq("444", 5, 10));
    sim::Trace trace = outcome->trace;
    QVERIFY(TraceChecker(trace).check(RunStatus::Completed).isEmpty());
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
    }
    const QString problem = TraceChecker(trace).check(RunStatus::Completed);
    QVERIFY2(!problem.isEmpty(), "the broken trace passed");
    qInfo("%s", qPrintable(problem));
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
    RunRequest eightChains;
    for (const char* n : { "1", "-2", "3", "40000000000000000000000", "5", "6", "0", "8" })
        eightChains.chainArguments.push_back(number(n));
    for (RunRequest request : { RunRequest {}, eightChains, asyncq("444", 5, 10), asyncq("1", 8, 8) }) {
        const quint64 total = simulate(request)->result.handlesRun;
        request.limits.maxHandles = std::min<quint64>(quint64(fraction * double(total)), total - 1);
        const auto outcome = simulate(request);
        QCOMPARE(outcome->result.status, RunStatus::LimitReached);
        QCOMPARE(outcome->result.handlesRun, request.limits.maxHandles);
        const QString problem = TraceChecker(outcome->trace).check(outcome->result.status);
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
