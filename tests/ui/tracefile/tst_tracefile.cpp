// SPDX-License-Identifier: MIT
// The trace file: what is written reads back as exactly the same run (every event field,
// tasks, timers, items, output, future kinds), writing it again gives the same bytes, a run
// read from a file draws and narrates exactly as the simulated one, and every bad file is
// refused with a message naming the file, the line and the problem.
#include "tracefile.h"

#include "chrometrace.h"
#include "narration.h"
#include "pictureexport.h"
#include "recordedconstructs.h"
#include "rundata.h"
#include "runrequests.h"
#include "splitmix64.h"
#include "statesummary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::string randomInteger(SplitMix64& rng)
{
    switch (rng.below(6)) {
    case 0:
        return std::to_string(-std::int64_t(rng.below(20)));
    case 1:
        return "123456789012345678901234567890" + std::to_string(rng.below(1000)); // beyond 64 bits
    default:
        return std::to_string(rng.below(12));
    }
}

// Seeds and argument lists of both programs, among them deadlocks (asyncq without
// consumers), runs without producers, sleep(0) draws, huge and negative numbers.
std::vector<sim::RunRequest> requests(int count)
{
    SplitMix64 rng { 2026 };
    std::vector<sim::RunRequest> result { sim::testruns::chained(444, {}), sim::testruns::asyncq(444, 5, 10),
        sim::testruns::asyncq(7, 2, 0), sim::testruns::asyncq(3, 0, 3), sim::testruns::asyncq(444, -2, 4) };
    while (int(result.size()) < count) {
        sim::RunRequest request = rng.below(2) == 0
            ? sim::testruns::chained(0, {})
            : sim::testruns::asyncq(0, rng.below(7), rng.below(3) == 0 ? 0 : rng.below(9));
        request.seed = *sim::PyInt::parse(randomInteger(rng));
        if (request.program == &sim::chainedProgram()) {
            for (int n = rng.below(6); n > 0; --n)
                request.arguments[0].push_back(*sim::PyInt::parse(randomInteger(rng)));
        }
        result.push_back(request);
    }
    return result;
}

// A run cut short by a limit: its trace ends in LimitReached.
sim::RunRequest limitedRun()
{
    sim::RunRequest request = sim::testruns::asyncq(444, 20, 30);
    request.limits.maxHandles = 150;
    return request;
}

QString describe(const sim::TraceEvent& e)
{
    return QStringLiteral("kind %1 task %2 a %3 b %4 detail %5 line %6 value %7")
        .arg(int(e.kind))
        .arg(e.task)
        .arg(e.a)
        .arg(e.b)
        .arg(e.detail)
        .arg(e.line)
        .arg(e.value);
}

// A trace file of `run` as text, to be spoiled by the bad-input cases.
QByteArray fileOf(const RunData& run, const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("source.jsonl"));
    QString error;
    if (!writeTraceFile(path, run.request, run.result, run.trace, run.listing, &error))
        return {};
    return readAll(path);
}

// chained 1 2 3 with chain 1's first step blocking the loop for 2 s (time.sleep, line 12), as
// a recorded program's trace has it, written as a trace file.
QByteArray blockedFile(const QTemporaryDir& dir)
{
    const sim::RunRequest request = sim::testruns::chained(444, { 1, 2, 3 });
    sim::Trace trace;
    sim::RunResult result = sim::simulate(request, &trace, {});
    if (!sim::testruns::insertBlock(trace, 1, 2.0, 12))
        return {};
    result.virtualSeconds += 2.0;
    const QString path = dir.filePath(QStringLiteral("blocked.jsonl"));
    QString error;
    if (!writeTraceFile(path, request, result, trace, "", &error))
        return {};
    return readAll(path);
}

// asyncq -p 2 -c 2 ended by an exception escaping it, as a recorded program's trace has it.
QByteArray failedFile(const QTemporaryDir& dir)
{
    const sim::RunRequest request = sim::testruns::asyncq(444, 2, 2);
    sim::Trace trace;
    sim::RunResult result = sim::simulate(request, &trace, {});
    sim::testruns::appendFailure(trace, result,
        "Traceback (most recent call last):\n  File \"asyncq.py\", line 30, in <module>\nValueError: bad item\n", 30);
    const QString path = dir.filePath(QStringLiteral("failed.jsonl"));
    QString error;
    if (!writeTraceFile(path, request, result, trace, "", &error))
        return {};
    return readAll(path);
}

// The trace CPython's recorder made of tests/data/recorded/sync.py (test_recorder keeps it
// current): every construct of format version 3.
QString recordedSyncPath() { return QStringLiteral(LOOPSCOPE_SHARED_DIR "/recorded/sync.jsonl"); }

} // namespace

class tst_TraceFile : public QObject {
    Q_OBJECT

private slots:
    void aWrittenTraceReadsBackExactly();
    void aReadRunDrawsAndNarratesAsTheSimulatedOne();
    void theHeaderCarriesTheProgramAndItsSource();
    void aBlockedStepReadsBackWithTheClockAfterIt();
    void aFailedRunReadsBackWithItsTraceback();
    void aRecordedTraceOfCallbacksAndLocksReadsBackExactly();
    void aRecordedTraceNarratesCallbacksLocksAndUncancel();
    void aVersion2FileStillReads();
    void badFilesAreRefusedNamingTheLineAndTheProblem_data();
    void badFilesAreRefusedNamingTheLineAndTheProblem();
    void aFileThatCannotBeOpenedIsNamed();

private:
    QTemporaryDir m_dir;
};

void tst_TraceFile::aWrittenTraceReadsBackExactly()
{
    std::vector<sim::RunRequest> runs = requests(120);
    runs.push_back(limitedRun());
    int deadlocks = 0, limited = 0;
    for (const sim::RunRequest& request : runs) {
        const RunDataPtr run = computeRun(request);
        const QString what = QString::fromStdString(request.describe());
        deadlocks += run->result.status == sim::RunStatus::Deadlock;
        limited += run->result.status == sim::RunStatus::LimitReached;
        const QString path = m_dir.filePath(QStringLiteral("run.jsonl"));
        const QString again = m_dir.filePath(QStringLiteral("again.jsonl"));
        QString error;
        QVERIFY2(writeTraceFile(path, run->request, run->result, run->trace, run->listing, &error), qPrintable(error));
        const auto read = readTraceFile(path, &error);
        QVERIFY2(read, qPrintable(what + QStringLiteral(": ") + error));

        const sim::Trace& a = run->trace;
        const sim::Trace& b = read->trace;
        QCOMPARE(b.events.size(), a.events.size());
        for (std::size_t i = 0; i < a.events.size(); ++i) {
            if (describe(a.events[i]) != describe(b.events[i]))
                QFAIL(qPrintable(QStringLiteral("%1, event %2: %3 read back as %4")
                                     .arg(what)
                                     .arg(i)
                                     .arg(describe(a.events[i]), describe(b.events[i]))));
        }
        QCOMPARE(b.tasks.size(), a.tasks.size());
        for (std::size_t t = 0; t < a.tasks.size(); ++t) {
            QCOMPARE(b.taskName(sim::TaskId(t)), a.taskName(sim::TaskId(t)));
            QCOMPARE(b.tasks[t].creator, a.tasks[t].creator);
            QCOMPARE(b.tasks[t].internal, a.tasks[t].internal);
        }
        QCOMPARE(b.timers.size(), a.timers.size());
        for (std::size_t t = 0; t < a.timers.size(); ++t) {
            QCOMPARE(b.timers[t].when, a.timers[t].when);
            QCOMPARE(b.timers[t].owner, a.timers[t].owner);
        }
        QCOMPARE(b.items.size(), a.items.size());
        for (std::size_t t = 0; t < a.items.size(); ++t) {
            QCOMPARE(b.strings.at(b.items[t].label), a.strings.at(a.items[t].label));
            QCOMPARE(b.items[t].enqueuedAt, a.items[t].enqueuedAt);
            QCOMPARE(b.items[t].queue, a.items[t].queue);
        }
        QCOMPARE(b.outputLines.size(), a.outputLines.size());
        for (std::size_t l = 0; l < a.outputLines.size(); ++l)
            QCOMPARE(b.outputLine(l), a.outputLine(l));
        QCOMPARE(b.queueCount, a.queueCount);
        // Every future an event names keeps its kind.
        for (std::size_t f = 0; f < b.futureKinds.size(); ++f) {
            if (b.futureKinds[f] != sim::FutureKind::Plain)
                QCOMPARE(b.futureKinds[f], a.futureKinds[f]);
        }
        QCOMPARE(read->result.status, run->result.status);
        QCOMPARE(read->result.limit, run->result.limit);
        QCOMPARE(read->result.taskSteps, run->result.taskSteps);
        QCOMPARE(read->result.virtualSeconds, run->result.virtualSeconds);
        QCOMPARE(read->request.describe(), request.describe());
        QCOMPARE(read->listing, run->listing);

        // Every line exactly as QJsonDocument writes the object it holds: the keys sorted and
        // written as they are (the writer does not escape them), the values' escapes and numbers
        // (tst_jsonline checks those one by one). One run in ten: they share their kinds of line.
        if ((&request - runs.data()) % 10 == 0) {
            const QList<QByteArray> lines = readAll(path).split('\n');
            for (const QByteArray& line : lines) {
                if (line.isEmpty())
                    continue;
                const QByteArray again = QJsonDocument::fromJson(line).toJson(QJsonDocument::Compact);
                QVERIFY2(again == line, qPrintable(what + QStringLiteral(": ") + QString::fromUtf8(line)));
            }
        }

        // export -> read -> export: the same bytes.
        const RunDataPtr reread = runFromTraceFile(std::move(*read));
        QVERIFY(writeTraceFile(again, reread->request, reread->result, reread->trace, reread->listing, &error));
        QVERIFY2(readAll(path) == readAll(again), qPrintable(what));
    }
    QVERIFY(deadlocks >= 5);
    QCOMPARE(limited, 1);
}

void tst_TraceFile::aReadRunDrawsAndNarratesAsTheSimulatedOne()
{
    for (const sim::RunRequest& request : { sim::testruns::chained(444, {}), sim::testruns::asyncq(444, 5, 10),
             sim::testruns::asyncq(7, 2, 0) }) {
        const RunDataPtr simulated = computeRun(request);
        const QString path = m_dir.filePath(QStringLiteral("draw.jsonl"));
        QString error;
        QVERIFY(writeTraceFile(path, simulated->request, simulated->result, simulated->trace, simulated->listing, &error));
        auto contents = readTraceFile(path, &error);
        QVERIFY2(contents, qPrintable(error));
        const RunDataPtr read = runFromTraceFile(std::move(*contents));

        QCOMPARE(read->index->stepCount(), simulated->index->stepCount());
        QCOMPARE(read->hasQueue(), request.program == &sim::asyncqProgram());
        for (std::size_t step = 0; step < simulated->index->stepCount(); ++step) {
            QCOMPARE(sim::narrateStep(*read->index, step), sim::narrateStep(*simulated->index, step));
            const sim::LoopState a = simulated->index->stateAt(step);
            const sim::LoopState b = read->index->stateAt(step);
            QCOMPARE(sim::summarizeState(b, read->trace, read->hasQueue()), sim::summarizeState(a, simulated->trace, simulated->hasQueue()));
        }
        QCOMPARE(sim::narrateEnd(*read->index), sim::narrateEnd(*simulated->index));

        // The pictures, byte for byte: the whole run, and up to a step with the cursor.
        for (const QString& suffix : { QStringLiteral("png"), QStringLiteral("svg") }) {
            PictureOptions options;
            options.scale = 1;
            QByteArray pictures[2];
            for (int i = 0; i < 2; ++i) {
                const QString file = m_dir.filePath(QStringLiteral("picture%1.%2").arg(i).arg(suffix));
                QVERIFY(writePicture(file, i == 0 ? *simulated : *read, options, &error));
                pictures[i] = readAll(file);
            }
            QVERIFY(!pictures[0].isEmpty());
            QVERIFY2(pictures[0] == pictures[1], qPrintable(suffix));
        }
        const QString chromeA = m_dir.filePath(QStringLiteral("a.json")), chromeB = m_dir.filePath(QStringLiteral("b.json"));
        QVERIFY(writeChromeTrace(chromeA, *simulated, &error));
        QVERIFY(writeChromeTrace(chromeB, *read, &error));
        QCOMPARE(readAll(chromeB), readAll(chromeA));
    }
}

void tst_TraceFile::theHeaderCarriesTheProgramAndItsSource()
{
    const RunDataPtr run = computeRun(sim::testruns::asyncq(12, 3, 4));
    const QByteArray file = fileOf(*run, m_dir);
    const QJsonObject header = QJsonDocument::fromJson(file.left(file.indexOf('\n'))).object();
    QCOMPARE(header.value(QStringLiteral("format")).toString(), QStringLiteral("loopscope-trace"));
    QCOMPARE(header.value(QStringLiteral("version")).toInt(), 3);
    const QJsonObject program = header.value(QStringLiteral("program")).toObject();
    QCOMPARE(program.value(QStringLiteral("name")).toString(), QStringLiteral("asyncq"));
    QCOMPARE(program.value(QStringLiteral("seed")).toString(), QStringLiteral("12"));
    QCOMPARE(program.value(QStringLiteral("argv")).toArray(),
        QJsonArray({ QStringLiteral("-p"), QStringLiteral("3"), QStringLiteral("-c"), QStringLiteral("4") }));
    QVERIFY(program.value(QStringLiteral("listing")).toString().contains(QStringLiteral("async def produce(")));
    QCOMPARE(header.value(QStringLiteral("events")).toInteger(), qint64(run->trace.events.size()));
    // No field has two meanings: a timer callback names its timer, a wake-up its future and
    // its kind, a wake-up queued by a timer the timer that caused it.
    int timers = 0, futures = 0, timerCauses = 0;
    for (const QByteArray& line : file.split('\n').mid(1)) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QStringLiteral("handle")).toString() == QLatin1String("timer_callback")) {
            ++timers;
            QVERIFY(event.value(QStringLiteral("timer")).isDouble() && !event.contains(QStringLiteral("future")));
        }
        if (event.value(QStringLiteral("handle")).toString() == QLatin1String("task_wakeup")) {
            ++futures;
            QVERIFY(event.value(QStringLiteral("future_kind")).isString());
        }
        if (event.value(QStringLiteral("cause")).toString() == QLatin1String("timer")) {
            ++timerCauses;
            QVERIFY(event.value(QStringLiteral("cause_timer")).isDouble() && !event.contains(QStringLiteral("cause_task")));
        }
    }
    QVERIFY(timers > 0 && futures > 0 && timerCauses > 0);
}

void tst_TraceFile::aBlockedStepReadsBackWithTheClockAfterIt()
{
    const QByteArray file = blockedFile(m_dir);
    QString error;
    const auto read = readTraceBytes(file, QStringLiteral("blocked.jsonl"), &error);
    QVERIFY2(read, qPrintable(error));
    // The blocked event: its seconds and line, "t" the clock before it; the events after it
    // in the same step (chain 1's sleep) read the clock after it.
    const QList<QByteArray> lines = file.split('\n');
    int blockedLine = -1;
    for (int i = 1; i < lines.size(); ++i)
        if (lines[i].contains("\"kind\":\"blocked\""))
            blockedLine = i;
    QVERIFY(blockedLine > 0);
    const QJsonObject blocked = QJsonDocument::fromJson(lines[blockedLine]).object();
    QCOMPARE(blocked.value(QStringLiteral("seconds")).toDouble(), 2.0);
    QCOMPARE(blocked.value(QStringLiteral("line")).toInt(), 12);
    QCOMPARE(blocked.value(QStringLiteral("t")).toDouble(), 0.0);
    QCOMPARE(blocked.value(QStringLiteral("task_name")).toString(), QStringLiteral("chain 1"));
    QCOMPARE(QJsonDocument::fromJson(lines[blockedLine + 1]).object().value(QStringLiteral("t")).toDouble(), 2.0);
    const auto at = std::ranges::find(read->trace.events, sim::EventKind::Blocked, &sim::TraceEvent::kind);
    QVERIFY(at != read->trace.events.end());
    QCOMPARE(at->value, 2.0);
    QCOMPARE(at->line, 12);
    // Written again: the same bytes.
    const RunDataPtr run = runFromTraceFile(std::move(*read));
    QCOMPARE(run->index->blockedSeconds(1), 2.0);
    const QString again = m_dir.filePath(QStringLiteral("blocked-again.jsonl"));
    QVERIFY(writeTraceFile(again, run->request, run->result, run->trace, run->listing, &error));
    QCOMPARE(readAll(again), file);
}

void tst_TraceFile::aFailedRunReadsBackWithItsTraceback()
{
    const QByteArray file = failedFile(m_dir);
    const QList<QByteArray> lines = file.trimmed().split('\n');
    QCOMPARE(QJsonDocument::fromJson(lines.first()).object().value(QStringLiteral("status")).toString(),
        QStringLiteral("failed"));
    const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("program_failed"));
    QCOMPARE(last.value(QStringLiteral("line")).toInt(), 30);
    QVERIFY(last.value(QStringLiteral("traceback")).toString().endsWith(QStringLiteral("ValueError: bad item\n")));
    QString error;
    auto read = readTraceBytes(file, QStringLiteral("failed.jsonl"), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->result.status, sim::RunStatus::Failed);
    QCOMPARE(read->trace.errorMessage(), "ValueError: bad item");
    QCOMPARE(read->trace.failure()->line, 30);
    const RunDataPtr run = runFromTraceFile(std::move(*read));
    const QString again = m_dir.filePath(QStringLiteral("failed-again.jsonl"));
    QVERIFY(writeTraceFile(again, run->request, run->result, run->trace, run->listing, &error));
    QCOMPARE(readAll(again), file);
}

void tst_TraceFile::aRecordedTraceOfCallbacksAndLocksReadsBackExactly()
{
    QString error;
    auto contents = readTraceFile(recordedSyncPath(), &error);
    QVERIFY2(contents, qPrintable(error));
    const sim::Trace& trace = contents->trace;
    // The objects, numbered as created: the lock, the semaphore, the event, the condition's
    // own lock, the condition; by main, the semaphore with its one slot.
    std::vector<sim::SyncKind> kinds;
    for (const sim::SyncInfo& sync : trace.syncObjects) {
        kinds.push_back(sync.kind);
        QCOMPARE(trace.taskName(sync.creator), std::string_view("main"));
    }
    QCOMPARE(kinds,
        (std::vector { sim::SyncKind::Lock, sim::SyncKind::Semaphore, sim::SyncKind::Event, sim::SyncKind::Lock,
            sim::SyncKind::Condition }));
    QCOMPARE(trace.syncObjects[1].value, 1u);
    // Timers say what they call: call_later's report, asyncio.timeout's and wait_for's own.
    std::vector<std::string> callbacks;
    for (const sim::TimerInfo& timer : trace.timers) {
        if (timer.callback != sim::noId)
            callbacks.emplace_back(trace.strings.at(timer.callback));
    }
    QCOMPARE(callbacks, (std::vector<std::string> { "report", "Timeout._on_timeout", "_release_waiter" }));
    // Written again: every event line the same bytes as the recorder wrote them.
    const RunDataPtr run = runFromTraceFile(std::move(*contents));
    const QString again = m_dir.filePath(QStringLiteral("sync-again.jsonl"));
    QVERIFY(writeTraceFile(again, run->request, run->result, run->trace, run->listing, &error));
    QList<QByteArray> written = readAll(again).split('\n'), recorded = readAll(recordedSyncPath()).split('\n');
    QCOMPARE(written.size(), recorded.size());
    QCOMPARE(written.mid(1), recorded.mid(1));
}

void tst_TraceFile::aRecordedTraceNarratesCallbacksLocksAndUncancel()
{
    QString error;
    auto contents = readTraceFile(recordedSyncPath(), &error);
    QVERIFY2(contents, qPrintable(error));
    const RunDataPtr run = runFromTraceFile(std::move(*contents));
    QStringList told, states;
    for (std::size_t step = 0; step < run->index->stepCount(); ++step) {
        told << QString::fromStdString(sim::narrateStep(*run->index, step, run->listing));
        for (const sim::StateSection& section : sim::summarizeState(run->index->stateAt(step + 1), run->trace, false)) {
            states << QString::fromStdString(section.heading);
            for (const std::string& line : section.lines)
                states << QString::fromStdString(line);
        }
    }
    const QString story = told.join(QLatin1Char('\n'));
    for (const char* sentence : {
             // Waits name the object and its owner, wake-ups what was done to it.
             "deposit bob gave control back to the loop at line 10, `async with lock:`: it waits for lock #0 (held by "
             "deposit alice).",
             "deposit alice released lock #0 and woke deposit bob, waiting on lock #0, then returned",
             "deposit bob wakes: deposit alice released lock #0. deposit bob printed 1 line and acquired lock #0",
             // A semaphore's slots: who holds them, who hands one to whom.
             "download a took a slot of semaphore #1, then gave control back to the loop",
             "download b gave control back to the loop at line 16, `async with slots:`: it waits for a free slot of "
             "semaphore #1 (every slot taken by download a).",
             "download a printed 1 line, released a slot of semaphore #1 and handed the slot to download b, who was "
             "waiting on semaphore #1, then returned",
             "download b wakes: download a gave it a slot of semaphore #1.",
             "download b printed 1 line and released a slot of semaphore #1, then returned",
             "stranger released a slot of semaphore #1 that main held (it held none itself: any task may release a "
             "semaphore), then returned",
             "it waits until someone sets event #2 (created by main).",
             "listener wakes: main set event #2.",
             "it waits to be notified by condition #4 (created by main).",
             "listener wakes: main notified condition #4.",
             "`await task`: it waits for the end of task listener (created by main).",
             // Callbacks by name, timers by what they are for, cancellation by a callback.
             "The loop runs the callback report() that main queued with call_soon. It prints 1 line.",
             "The loop runs the callback report() that main scheduled with call_later for t=0.5. It prints 1 line.",
             "At t=5, asyncio.timeout's deadline fell due: the loop runs its callback Timeout._on_timeout(). It "
             "cancels main.",
             "main resumes with CancelledError: asyncio.timeout's deadline, Timeout._on_timeout(), due at t=5, "
             "cancelled it.",
             "called uncancel() on itself (no cancellation request left)",
             "At t=6, wait_for's timeout fell due: the loop runs its callback _release_waiter(). It wakes main.",
             "The loop runs wait_for's done callback, _release_waiter(), queued when slow finished.",
         })
        QVERIFY2(story.contains(QLatin1String(sentence)), sentence);
    // The Event loop panel's words: timers by what they call, the lock with its holder and waiters.
    QVERIFY(states.contains(QStringLiteral("t\u00a0=\u00a00.5: report()")));
    QVERIFY(states.contains(QStringLiteral("1. callback report() — queued by main")));
    bool heldWhileWaited = false;
    for (qsizetype i = 0; i + 1 < states.size(); ++i)
        heldWhileWaited |= states[i] == QStringLiteral("Lock #0 (held by deposit alice)")
            && states[i + 1] == QStringLiteral("waiting: deposit bob");
    QVERIFY(heldWhileWaited);
    // The semaphore with its free slots and who holds the others, as they change hands.
    QVERIFY(states.contains(QStringLiteral("Semaphore #1 (1 slot free, created by main)")));
    QVERIFY(states.contains(QStringLiteral("Semaphore #1 (every slot taken by download a)")));
    QVERIFY(states.contains(QStringLiteral("Semaphore #1 (every slot taken by download b)")));
    QVERIFY(states.contains(QStringLiteral("Semaphore #1 (every slot taken by main)")));
    QVERIFY(states.contains(
        QStringLiteral("1. main: wake-up — asyncio.timeout's deadline, Timeout._on_timeout() cancelled it")));
}

void tst_TraceFile::aVersion2FileStillReads()
{
    const QString path = m_dir.filePath(QStringLiteral("v2.jsonl"));
    const RunDataPtr simulated = computeRun(sim::testruns::asyncq(444, 2, 3));
    QString error;
    QVERIFY(writeTraceFile(path, simulated->request, simulated->result, simulated->trace, simulated->listing, &error));
    QByteArray bytes = readAll(path);
    QVERIFY(bytes.contains("\"version\":3"));
    bytes.replace("\"version\":3", "\"version\":2");
    auto contents = readTraceBytes(bytes, QStringLiteral("v2.jsonl"), &error);
    QVERIFY2(contents, qPrintable(error));
    QCOMPARE(contents->trace.events.size(), simulated->trace.events.size());
}

void tst_TraceFile::badFilesAreRefusedNamingTheLineAndTheProblem_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message"); // what the message holds after the file's name

    const RunDataPtr run = computeRun(sim::testruns::asyncq(444, 2, 2));
    const QByteArray good = fileOf(*run, m_dir);
    QList<QByteArray> lines = good.split('\n');
    lines.removeLast(); // the empty piece after the last newline
    auto joined = [](QList<QByteArray> list) { return list.join('\n') + '\n'; };
    auto replaced = [&](int line, const QByteArray& from, const QByteArray& to) {
        QList<QByteArray> copy = lines;
        copy[line].replace(from, to);
        return joined(copy);
    };
    auto lineOf = [&](const QByteArray& needle) {
        for (int i = 1; i < lines.size(); ++i)
            if (lines[i].contains(needle))
                return i;
        return -1;
    };

    QTest::newRow("empty") << QByteArray() << QStringLiteral("line 1: the file is empty");
    QTest::newRow("not JSON") << QByteArray("hello, world\n") << QStringLiteral("line 1: not JSON");
    QTest::newRow("JSON, not a trace") << QByteArray("{\"a\": 1}\n") << QStringLiteral("line 1: not a Loopscope trace");
    QTest::newRow("another version") << replaced(0, "\"version\":3", "\"version\":4")
                                     << QStringLiteral("line 1: format version 4 is not supported");
    QTest::newRow("an unknown program") << replaced(0, "\"name\":\"asyncq\"", "\"name\":\"threads\"")
                                        << QStringLiteral("line 1: unknown program \"threads\"");
    QTest::newRow("truncated") << joined(lines.mid(0, lines.size() - 5))
                               << QStringLiteral("the file ends after %1 of its %2 events").arg(lines.size() - 6).arg(lines.size() - 1);
    QTest::newRow("cut mid-line") << good.left(good.size() - 40) << QStringLiteral("not JSON");
    QTest::newRow("one line too many") << good + lines.last() + '\n' << QStringLiteral("more lines than the");
    {
        QList<QByteArray> swapped = lines;
        swapped.swapItemsAt(5, 6);
        QTest::newRow("events out of order") << joined(swapped) << QStringLiteral("line 6: event 4 is out of order");
    }
    const int wakeup = lineOf("\"handle\":\"task_wakeup\"");
    QTest::newRow("a task that does not exist")
        << replaced(lineOf("\"kind\":\"step_started\""), "\"task\":0,", "\"task\":77,") << QStringLiteral("task 77 does not exist");
    QTest::newRow("an unknown handle") << replaced(wakeup, "\"handle\":\"task_wakeup\"", "\"handle\":\"teleport\"")
                                       << QStringLiteral("\"handle\" has an unknown value \"teleport\"");
    QTest::newRow("a timer that does not exist")
        << replaced(lineOf("\"kind\":\"timer_due\""), "\"timer\":", "\"timer\":9") << QStringLiteral("does not exist");
    {
        // Impossible: a step starting twice from one handle (the rules of core/tracerules.h).
        QList<QByteArray> doubled = lines;
        const int start = lineOf("\"kind\":\"step_started\"");
        doubled.insert(start + 1, doubled[start]);
        for (int i = start + 1; i < doubled.size(); ++i) {
            QJsonObject event = QJsonDocument::fromJson(doubled[i]).object();
            event[QStringLiteral("i")] = i - 1;
            doubled[i] = QJsonDocument(event).toJson(QJsonDocument::Compact);
        }
        doubled[0].replace(QByteArray("\"events\":") + QByteArray::number(lines.size() - 1),
            QByteArray("\"events\":") + QByteArray::number(lines.size()));
        QTest::newRow("a step inside a step") << joined(doubled) << QStringLiteral("task 0's step starts without a handle of its own");
    }
    int wakeupRun = wakeup;
    while (!lines[wakeupRun].contains("\"kind\":\"handle_run\"") || !lines[wakeupRun].contains("\"task_wakeup\""))
        ++wakeupRun;
    QTest::newRow("a handle that was never queued runs")
        << replaced(wakeupRun, "\"handle\":\"task_wakeup\"", "\"handle\":\"task_step\"")
        << QStringLiteral("is not the head of the ready deque");
    QTest::newRow("the header counts other steps than the events")
        << replaced(0, "\"task_steps\":", "\"task_steps\":1") << QStringLiteral("task steps and");
    QTest::newRow("an address-order note without its reason")
        << replaced(0, "\"status\":", "\"order_depends_on_addresses\":{\"line\":3},\"status\":")
        << QStringLiteral("\"order_depends_on_addresses\" needs a \"reason\"");
    QTest::newRow("the clock goes back") << replaced(lineOf("\"kind\":\"iteration_started\",\"t\":1"), "\"t\":1", "\"t\":-1")
                                         << QStringLiteral("the clock goes back");
    {
        // A blocked step: outside a step, for no time, or a clock that does not follow it.
        QList<QByteArray> blocked = blockedFile(m_dir).split('\n');
        blocked.removeLast();
        int at = -1;
        for (int i = 1; i < blocked.size(); ++i)
            if (blocked[i].contains("\"kind\":\"blocked\""))
                at = i;
        auto spoiled = [&](const QByteArray& from, const QByteArray& to, int line) {
            QList<QByteArray> copy = blocked;
            copy[line].replace(from, to);
            return joined(copy);
        };
        QTest::newRow("a blocked event outside a step")
            << spoiled("\"task\":1,", "\"task\":0,", at) << QStringLiteral("task 0 blocks outside a step of its own");
        QTest::newRow("negative seconds blocked")
            << spoiled("\"seconds\":2", "\"seconds\":-2", at) << QStringLiteral("a block of -2 seconds");
        QTest::newRow("zero seconds blocked")
            << spoiled("\"seconds\":2", "\"seconds\":0", at) << QStringLiteral("a block of 0 seconds");
        QTest::newRow("the clock after a block not moved")
            << spoiled("\"t\":2", "\"t\":0", at + 1) << QStringLiteral("\"t\" is 0 but the clock reads 2");
    }
    {
        // A failed run: the header and the last event must agree, and nothing follows it.
        QList<QByteArray> failed = failedFile(m_dir).split('\n');
        failed.removeLast();
        QList<QByteArray> unsaid = failed;
        unsaid[0].replace("\"status\":\"failed\"", "\"status\":\"completed\"");
        QTest::newRow("a failure the header does not say")
            << joined(unsaid) << QStringLiteral("the program failed but the header");
        QTest::newRow("a failed status without its traceback") << replaced(0, "\"status\":\"completed\"",
            "\"status\":\"failed\"") << QStringLiteral("no program_failed event ends the run");
        QList<QByteArray> after = failed;
        std::swap(after[after.size() - 1], after[after.size() - 2]);
        for (int i = after.size() - 2; i < after.size(); ++i) {
            QJsonObject event = QJsonDocument::fromJson(after[i]).object();
            event[QStringLiteral("i")] = i - 1;
            after[i] = QJsonDocument(event).toJson(QJsonDocument::Compact);
        }
        QTest::newRow("an event after the failure")
            << joined(after) << QStringLiteral("an event after the program failed");
    }
    QTest::newRow("a future id far beyond the run")
        << replaced(wakeup, "\"future\":", "\"future\":26843545") << QStringLiteral("future id 26843545");
    QTest::newRow("a huge line") << QByteArray(9 * 1024 * 1024, 'x') << QStringLiteral("line 1: the line is longer than");
    QTest::newRow("binary garbage") << QByteArray("\x00\xff\x13{\"format", 9) << QStringLiteral("line 1: not JSON");

    // Version 3's objects, in the recorded trace: each must exist and be what the event says.
    const QByteArray recorded = readAll(recordedSyncPath());
    auto inRecorded = [&recorded](const char* lineHolding, const char* from, const char* to) {
        QList<QByteArray> lines = recorded.split('\n');
        for (QByteArray& line : lines) {
            if (line.contains(lineHolding) && line.contains(from)) {
                line.replace(from, to);
                break;
            }
        }
        return lines.join('\n');
    };
    QTest::newRow("a wait on a sync object that does not exist") << inRecorded(
        "\"waits\":\"lock\"", "\"sync\":0", "\"sync\":9") << QStringLiteral("sync object 9 does not exist");
    QTest::newRow("sync objects out of order") << inRecorded("\"kind\":\"sync_created\"", "\"sync\":1", "\"sync\":5")
                                               << QStringLiteral("sync object 5 is created out of order");
    QTest::newRow("an event acquired as a lock") << inRecorded("\"kind\":\"lock_acquired\"", "\"sync\":3", "\"sync\":2")
                                                 << QStringLiteral("sync object 2 is not a lock");
    QTest::newRow("a lock's slot taken as a semaphore's") << inRecorded("\"kind\":\"semaphore_acquired\"", "\"sync\":1",
        "\"sync\":0") << QStringLiteral("sync object 0 is not a semaphore");
    QTest::newRow("a semaphore's slot taken while none is free")
        << inRecorded("\"kind\":\"semaphore_released\"", "semaphore_released", "semaphore_acquired")
        << QStringLiteral("task 3 takes a slot of semaphore 1 while none is free");
    QTest::newRow("a semaphore's slot taken for a task neither running nor woken")
        << inRecorded("\"kind\":\"semaphore_acquired\"", "\"task\":3", "\"task\":4")
        << QStringLiteral("task 4 takes a slot of semaphore 1 outside its own step without being woken for it");
    QTest::newRow("a callback without its name") << inRecorded("\"handle\":\"callback\"", "\"callback\":\"report\"",
        "\"callback\":null") << QStringLiteral("\"callback\" is missing or invalid");
    QTest::newRow("an awaited task that does not exist") << inRecorded("\"waits\":\"task\"",
        "\"awaited_task\":", "\"awaited_task\":7") << QStringLiteral("awaited_task 7");
}

void tst_TraceFile::badFilesAreRefusedNamingTheLineAndTheProblem()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QString error;
    const auto read = readTraceBytes(bytes, QStringLiteral("lesson.jsonl"), &error);
    QVERIFY(!read);
    QVERIFY2(error.startsWith(QStringLiteral("lesson.jsonl, line ")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void tst_TraceFile::aFileThatCannotBeOpenedIsNamed()
{
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("missing.jsonl"));
    QVERIFY(!readTraceFile(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

QTEST_MAIN(tst_TraceFile)

#include "tst_tracefile.moc"
