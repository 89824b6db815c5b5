// SPDX-License-Identifier: MIT
#include "exportjob.h"

#include "chrometrace.h"
#include "tracefile.h"

#include <QCoroFuture>
#include <QFileInfo>
#include <QPointer>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>

namespace ui {

ExportOutcome writeExport(const ExportJob& job, const std::function<bool(std::size_t, std::size_t)>& progress)
{
    ExportOutcome outcome;
    const QString suffix = QFileInfo(job.path).suffix().toLower();
    const RunData& run = *job.run;
    if (suffix == QLatin1String("jsonl"))
        outcome.written = writeTraceFile(job.path, run.request, run.result, run.trace, run.listing, &outcome.error);
    else if (suffix == QLatin1String("json"))
        outcome.written = writeChromeTrace(job.path, run, &outcome.error);
    else if (job.storyboard)
        outcome.written = writeStoryboard(job.path, run, job.picture, job.pages, progress, &outcome.error);
    else if (isPictureFormat(suffix))
        outcome.written = writePicture(job.path, run, job.picture, &outcome.error);
    else
        outcome.error = QObject::tr("'%1': unknown format (use .png, .svg, .pdf, .json or .jsonl)").arg(job.path);
    if (!outcome.written && outcome.error == QLatin1String("cancelled")) {
        outcome.cancelled = true;
        outcome.error.clear();
    }
    return outcome;
}

// Who resumes whom: the caller awaits this Task; it suspends once on the QFuture of the
// worker (QCoro resumes it on the GUI thread when the worker finishes). The progress
// state is shared with the worker through a shared_ptr, so a dialog closed early or a
// window destroyed meanwhile never leaves the worker writing into freed memory.
QCoro::Task<ExportOutcome> exportInBackground(QWidget* parent, ExportJob job)
{
    struct Progress {
        std::atomic<std::size_t> done { 0 };
        std::atomic<std::size_t> total { 0 };
        std::atomic<bool> cancel { false };
    };
    auto progress = std::make_shared<Progress>();

    QPointer<QProgressDialog> dialog = new QProgressDialog(
        QObject::tr("Exporting %1\u2026").arg(QFileInfo(job.path).fileName()), QObject::tr("Cancel"), 0, 0, parent);
    dialog->setWindowTitle(QObject::tr("Export"));
    dialog->setMinimumDuration(300); // quick exports finish before it shows
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [progress] { progress->cancel = true; });
    auto* poll = new QTimer(dialog);
    QObject::connect(poll, &QTimer::timeout, dialog, [dialog, progress] {
        if (const std::size_t total = progress->total; total > 0) {
            dialog->setMaximum(int(total));
            dialog->setValue(int(progress->done));
        }
    });
    poll->start(100);

    const ExportOutcome outcome = co_await QtConcurrent::run([job, progress] {
        return writeExport(job, [progress](std::size_t done, std::size_t total) {
            progress->done = done;
            progress->total = total;
            return !progress->cancel.load();
        });
    });
    if (dialog)
        dialog->deleteLater();
    co_return outcome;
}

} // namespace ui
