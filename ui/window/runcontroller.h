// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

#include <QCoroTask>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <memory>
#include <vector>

class QAction;

namespace ui {

// Runs simulations off the GUI thread and hands over the finished runs. A simulation runs
// in QtConcurrent and is awaited with QCoro, so the window stays responsive; progress is
// polled from sim::RunControl, and cancel() stops it (the run on screen stays).
//
// Owns the Run, New seed and Cancel actions. The form lives in a widget, so Run and New
// seed only ask (runRequested / newSeedRequested) and the window answers with start().
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    // Cancels every simulation still running and waits for them (the simulator notices within
    // a few thousand handles), so no thread outlives the window. The coroutines awaiting them
    // end at the next event delivery (they find this object gone).
    ~RunController() override;

    QAction* runAction() const { return m_run; }
    QAction* newSeedAction() const { return m_newSeed; }
    QAction* cancelAction() const { return m_cancel; }

    // Starts simulating `request`, cancelling any simulation still running (its result is
    // dropped). Precondition: request.validate() is empty.
    void start(const sim::RunRequest& request);
    // Reads the trace file `path` in the background, as start() simulates: finished() with its
    // run, or failed() with the reader's message (the file, the line, the problem).
    void open(const QString& path);
    // Records a Python program (request.script) with the recorder under CPython, in the
    // background, then reads its trace: finished() with the run, or failed() with the
    // recorder's message (a refusal, a limit, a traceback, no CPython 3.11). Cancel kills it.
    void record(const sim::RunRequest& request);
    // Stops the simulation in progress, if any; cancelled() follows.
    void cancel();
    bool isBusy() const { return bool(m_control); }

    // Coroutines awaiting a simulation, process-wide (tests check none outlives its window).
    static int liveComputations();

signals:
    void runRequested();
    // A fresh random seed for the form; the window puts it in the seed field and runs.
    void newSeedRequested(const QString& seed);
    void busyChanged(bool busy);
    // While busy, about every 100 ms: handles run so far and the virtual clock.
    void progress(quint64 handlesRun, double virtualSeconds);
    // A run to show: completed, deadlocked or cut short by the limits (see result.status).
    void finished(ui::RunDataPtr run);
    void cancelled(const QString& description);
    void failed(const QString& message); // nothing new to show: the run on screen stays
    // A recorded run that ended badly (an exception, a limit) was given to finished():
    // why it ended, to say beside it.
    void endedEarly(const QString& message);

private:
    struct Computation {
        std::shared_ptr<sim::RunControl> control;
        QFuture<RunDataPtr> future;
    };

    QCoro::Task<> compute(sim::RunRequest request, quint64 generation, std::shared_ptr<sim::RunControl> control);
    QCoro::Task<> load(QString path, quint64 generation, std::shared_ptr<sim::RunControl> control);
    QCoro::Task<RunDataPtr> readInBackground(
        QString path, std::shared_ptr<sim::RunControl> control, std::shared_ptr<QString> error, std::optional<sim::Script> script);
    QCoro::Task<> recordScript(sim::RunRequest request, quint64 generation, std::shared_ptr<sim::RunControl> control);
    // Shows the outcome of a background job that read a trace: finished(), failed() or cancelled().
    void finishLoad(const RunDataPtr& run, const QString& error, const QString& description, const sim::RunControl& control);
    std::shared_ptr<sim::RunControl> startWork();
    void stopRecorder();
    void setBusy(std::shared_ptr<sim::RunControl> control);

    QAction* m_run;
    QAction* m_newSeed;
    QAction* m_cancel;
    QTimer m_progressPoll;
    std::shared_ptr<sim::RunControl> m_control; // of the current simulation; null when idle
    std::vector<Computation> m_computations; // every simulation still running, superseded ones too
    quint64 m_generation = 0; // which compute() is the current one
    QPointer<QProcess> m_recorder; // the recorder's process while a program is being recorded
};

} // namespace ui
