// SPDX-License-Identifier: MIT
// The harness shared by the tests that check sim::EventLoop against CPython's ordering facts
// (tst_eventloop, tst_cancellation, tst_queue). It offers:
//   looptest::Program         a loop with a trace, and the log its coroutines write with note()
//                             ("i<iteration> t=<time> <what>", as tst_cpythonfacts.py logs), plus
//                             look-ups into the trace: task(name), count(kind), iterationAt(index),
//                             find(pred, n), at(index);
//   looptest::stepOf(task)    a predicate for find(): the StepStarted events of one task;
//   looptest::runCPython()    the same program under real asyncio: runs tst_cpythonfacts.py with
//                             arguments (and stdin), returns its log lines;
//   RUN_CPYTHON(result, ...)  runCPython(...), skipping the rest of the test when python3 3.11 is
//                             not there, failing when the script fails;
//   COMPARE_WITH_CPYTHON(expected, args...)  requires CPython to print exactly `expected`.
#pragma once

#include "eventloop.h"

#include <QtTest>

#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <string_view>

namespace looptest {

using sim::EventKind;
using sim::Task;

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

inline auto stepOf(sim::TaskId task)
{
    return [=](const sim::TraceEvent& e) { return e.kind == EventKind::StepStarted && e.task == task; };
}

// The same program under CPython: tst_cpythonfacts.py's log lines, "deadlock" after exit 3.
struct CPython {
    bool available = false;
    QString error; // or, when not available, why
    QStringList lines;
};

inline CPython runCPython(const QStringList& arguments, const QByteArray& input = {})
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

} // namespace looptest

// Declares `result`, CPython's run of tst_cpythonfacts.py with runCPython's arguments; skips the
// rest of the test without python3 3.11 (the simulator half was checked before), fails when it fails.
#define RUN_CPYTHON(result, ...)                                                                                       \
    const looptest::CPython result = looptest::runCPython(__VA_ARGS__);                                                \
    if (!result.available)                                                                                             \
        QSKIP(qPrintable(result.error + ": the simulator was checked, the CPython half is skipped"));                  \
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error))

// Checks that CPython prints `expected` for tst_cpythonfacts.py's arguments; skips without python3.
#define COMPARE_WITH_CPYTHON(expected, ...)                                                                            \
    do {                                                                                                               \
        RUN_CPYTHON(cpython, QStringList { __VA_ARGS__ });                                                             \
        QCOMPARE(cpython.lines, expected);                                                                             \
    } while (false)
