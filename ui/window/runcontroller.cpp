// SPDX-License-Identifier: MIT
#include "runcontroller.h"

#include "recorder.h"
#include "tracefile.h"

#include "glyphicon.h"

#include <QAction>
#include <QCoroFuture>
#include <QCoroSignal>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QException>
#include <QPointer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace ui {

namespace {
    std::atomic<int> liveComputationCount { 0 };

    // QtConcurrent wraps what escaped the worker in QUnhandledException; say what it was.
    QString describeFailure(std::exception_ptr failure)
    {
        try {
            std::rethrow_exception(failure);
        } catch (const QUnhandledException& wrapped) {
            if (wrapped.exception())
                return describeFailure(wrapped.exception());
        } catch (const std::bad_alloc&) {
            return RunController::tr("the run needs more memory than this computer has");
        } catch (const std::exception& error) {
            return QString::fromLocal8Bit(error.what());
        } catch (...) {
        }
        return RunController::tr("unknown error");
    }
}

RunController::RunController(QObject* parent)
    : QObject(parent)
{
    m_run = new QAction(glyphIcon(Glyph::Run), tr("Run"), this);
    m_run->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5) });
    m_run->setProperty("shortcutName", tr("Run / replay")); // the window renames it as the form changes
    m_run->setToolTip(tr("Simulate the program with these settings (Ctrl+R, or Return in a field)"));
    m_newSeed = new QAction(glyphIcon(Glyph::NewSeed), tr("New seed"), this);
    m_newSeed->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newSeed->setToolTip(tr("Pick a random seed and run (Ctrl+N)"));
    m_cancel = new QAction(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop this simulation; the run on screen stays"));
    m_cancel->setEnabled(false);

    connect(m_run, &QAction::triggered, this, &RunController::runRequested);
    connect(m_newSeed, &QAction::triggered, this, [this] {
        // Short seeds: the teacher reads them out and the class types them in.
        emit newSeedRequested(QString::number(QRandomGenerator::global()->bounded(1, 100000)));
    });
    connect(m_cancel, &QAction::triggered, this, &RunController::cancel);

    m_progressPoll.setInterval(100);
    connect(&m_progressPoll, &QTimer::timeout, this, [this] {
        if (m_control)
            emit progress(m_control->handlesRun.load(), m_control->virtualTime.load());
    });
}

RunController::~RunController()
{
    stopRecorder();
    for (const Computation& computation : m_computations)
        computation.control->cancelRequested = true;
    for (Computation& computation : m_computations)
        computation.future.waitForFinished();
}

int RunController::liveComputations() { return liveComputationCount; }

void RunController::start(const sim::RunRequest& request)
{
    Q_ASSERT(!request.validate());
    auto control = startWork();
    (void)compute(request, m_generation, std::move(control));
}

void RunController::record(const sim::RunRequest& request)
{
    auto control = startWork();
    (void)recordScript(request, m_generation, std::move(control));
}

void RunController::open(const QString& path)
{
    auto control = startWork();
    (void)load(path, m_generation, std::move(control));
}

std::shared_ptr<sim::RunControl> RunController::startWork()
{
    if (m_control)
        m_control->cancelRequested = true; // superseded: stop it, its result is dropped
    stopRecorder();
    auto control = std::make_shared<sim::RunControl>();
    setBusy(control);
    ++m_generation;
    return control;
}

void RunController::cancel()
{
    if (!m_control)
        return;
    m_control->cancelRequested = true;
    stopRecorder();
    m_cancel->setEnabled(false); // until the simulator notices, there is nothing more to do
}

void RunController::stopRecorder()
{
    if (!m_recorder)
        return;
    m_recorder->kill(); // its coroutine resumes on `finished` and sees the cancel
    // `finished` is emitted here, not by an event loop that may have stopped (the window
    // closing), so the coroutine's resumption is queued and its frame freed.
    m_recorder->waitForFinished(2000);
}

// Who resumes whom: start() calls this and drops the Task, so QCoro frees the frame when the
// body returns. The body suspends once, on the QFuture (QCoro's QFutureWatcher resumes it
// from the event loop when the worker is done). By then this object may be gone (the window
// closed; the destructor waited for the worker), so nothing touches `this` before `self` is
// checked.
QCoro::Task<> RunController::compute(
    sim::RunRequest request, quint64 generation, std::shared_ptr<sim::RunControl> control)
{
    ++liveComputationCount;
    const auto alive = qScopeGuard([] { --liveComputationCount; });
    QPointer<RunController> self(this);

    QFuture<RunDataPtr> future = QtConcurrent::run([request, control] { return computeRun(request, control.get()); });
    m_computations.push_back({ control, future });

    RunDataPtr run;
    QString failure;
    try {
        run = co_await future;
    } catch (...) {
        failure = describeFailure(std::current_exception());
    }
    if (!self)
        co_return;
    std::erase_if(m_computations, [&control](const Computation& c) { return c.control == control; });
    if (generation != m_generation)
        co_return; // a newer start() superseded it

    setBusy(nullptr);
    const QString description = QString::fromStdString(request.describe());
    if (!failure.isEmpty())
        emit failed(tr("%1 failed: %2").arg(description, failure));
    else if (control->cancelRequested || !run || run->result.status == sim::RunStatus::Cancelled)
        emit cancelled(description); // even if it completed before noticing: the user said stop
    else
        emit finished(run);
}

// As compute(), for a trace file: reading it runs nothing, and a bad file only gives failed().
QCoro::Task<> RunController::load(QString path, quint64 generation, std::shared_ptr<sim::RunControl> control)
{
    ++liveComputationCount;
    const auto alive = qScopeGuard([] { --liveComputationCount; });
    QPointer<RunController> self(this);

    auto error = std::make_shared<QString>(); // written by the worker, read after it is done
    const RunDataPtr run = co_await readInBackground(path, control, error, std::nullopt);
    if (!self || generation != m_generation)
        co_return;
    finishLoad(run, *error, path, *control);
}

// Reads a trace file into a run off the GUI thread (null, and *error, when it cannot be
// read); a recording passes `script`, where its program is on this machine, to record again.
QCoro::Task<RunDataPtr> RunController::readInBackground(
    QString path, std::shared_ptr<sim::RunControl> control, std::shared_ptr<QString> error, std::optional<sim::Script> script)
{
    QPointer<RunController> self(this);
    QFuture<RunDataPtr> future = QtConcurrent::run([path, control, error, script]() -> RunDataPtr {
        auto contents = readTraceFile(path, error.get(), &control->cancelRequested);
        if (!contents)
            return nullptr;
        if (script)
            contents->request.script = script;
        return runFromTraceFile(std::move(*contents));
    });
    m_computations.push_back({ control, future });
    RunDataPtr run;
    try {
        run = co_await future;
    } catch (...) {
        *error = describeFailure(std::current_exception());
    }
    if (self)
        std::erase_if(m_computations, [&control](const Computation& c) { return c.control == control; });
    co_return run;
}

void RunController::finishLoad(const RunDataPtr& run, const QString& error, const QString& description, const sim::RunControl& control)
{
    setBusy(nullptr);
    if (control.cancelRequested)
        emit cancelled(description);
    else if (!run)
        emit failed(error);
    else
        emit finished(run);
}

// As compute(), for a Python program: the recorder runs under CPython in its own process
// (QProcess, awaited with QCoro); Cancel, or the recorder not stopping at its own time limit,
// kills it. Then its trace is read off the GUI thread.
QCoro::Task<> RunController::recordScript(sim::RunRequest request, quint64 generation, std::shared_ptr<sim::RunControl> control)
{
    ++liveComputationCount;
    const auto alive = qScopeGuard([] { --liveComputationCount; });
    QPointer<RunController> self(this);
    const QString name = QString::fromStdString(request.script->fileName);
    auto error = std::make_shared<QString>();

    // The first check starts python3 once and waits for it (up to seconds on a slow
    // machine): off the GUI thread, so the window keeps answering.
    const PythonCheck& python = *co_await QtConcurrent::run([] { return &checkPython(); });
    if (!self || generation != m_generation)
        co_return;
    *error = unreadableScript(request);
    if (error->isEmpty() && !python.usable())
        *error = python.error;
    const QString script = error->isEmpty() ? recorderScript(error.get()) : QString();
    if (script.isEmpty() || control->cancelRequested) {
        finishLoad(nullptr, *error, name, *control);
        co_return;
    }
    auto folder = std::make_shared<QTemporaryDir>();
    const QString tracePath = folder->filePath(QStringLiteral("run.jsonl"));
    const RecordingLimits limits;
    QProcess process;
    process.setProcessEnvironment(recorderEnvironment());
    process.setStandardOutputFile(QProcess::nullDevice()); // the run's output is in its trace
    // The recorder stops itself at its time limit; if it stops answering, it is killed.
    bool killed = false;
    QTimer::singleShot(std::chrono::seconds(limits.wallSeconds + 5), &process, [&process, &killed] {
        killed = true;
        process.kill();
    });
    m_recorder = &process; // Cancel, or a newer run, kills it
    process.start(python.program, recorderArguments(script, request, tracePath, limits));
    if (process.waitForStarted(10000) && process.state() != QProcess::NotRunning)
        co_await qCoro(&process, &QProcess::finished);
    if (!self)
        co_return;
    if (m_recorder == &process)
        m_recorder = nullptr;
    if (killed && !control->cancelRequested)
        *error = tr("%1 did not stop within %2 s and was killed").arg(name).arg(limits.wallSeconds);
    const RecorderExit exit = process.exitStatus() == QProcess::NormalExit ? recorderExit(process.exitCode()) : RecorderExit::Failed;
    const QString messages = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (error->isEmpty())
        *error = messages.isEmpty() ? tr("%1 could not be recorded").arg(name) : messages;
    if (control->cancelRequested || !QFile::exists(tracePath)) {
        if (generation == m_generation)
            finishLoad(nullptr, *error, name, *control);
        co_return;
    }
    // `folder` lives in this frame until the trace is read.
    const RunDataPtr run = co_await readInBackground(tracePath, control, error, request.script);
    if (!self || generation != m_generation)
        co_return;
    finishLoad(run, *error, name, *control);
    // A run that was recorded but ended badly (an exception, a limit) is shown, and says why.
    if (run && exit != RecorderExit::Recorded && exit != RecorderExit::Deadlock && !messages.isEmpty())
        emit endedEarly(messages.section(QLatin1Char('\n'), -1));
}

void RunController::setBusy(std::shared_ptr<sim::RunControl> control)
{
    const bool wasBusy = isBusy();
    m_control = std::move(control);
    m_cancel->setEnabled(isBusy());
    if (isBusy())
        m_progressPoll.start();
    else
        m_progressPoll.stop();
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

} // namespace ui
