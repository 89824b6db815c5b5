// SPDX-License-Identifier: MIT
#include "headless.h"

#include "chrometrace.h"
#include "rundata.h"
#include "tracejsonl.h"

#include <QFileInfo>

#include <cstdio>

namespace {

void printError(const QString& message)
{
    std::fprintf(stderr, "loopscope: %s\n", qPrintable(message));
}

ExitCode reportStatus(const sim::RunResult& result, const sim::RunRequest& request)
{
    switch (result.status) {
    case sim::RunStatus::Completed:
        return ExitCode::Ok;
    case sim::RunStatus::Deadlock:
        printError(QStringLiteral("deadlock: every task is waiting and no timer is pending (%1)")
                       .arg(QString::fromStdString(request.describe())));
        return ExitCode::Deadlock;
    case sim::RunStatus::LimitReached:
        printError(QStringLiteral("stopped: %1 (Loopscope's limit, to keep the machine usable)")
                       .arg(QString::fromStdString(result.limitMessage(request.limits))));
        return ExitCode::RuntimeFailure;
    case sim::RunStatus::Cancelled:
        printError(QStringLiteral("cancelled"));
        return ExitCode::RuntimeFailure;
    }
    return ExitCode::RuntimeFailure;
}

} // namespace

ExitCode runPrint(const Command& command)
{
    // Lines are streamed as the simulation prints them (stdout's own buffering applies).
    const auto writeLine = [](std::string_view line) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
    };
    const sim::RunResult result = sim::simulate(command.request, nullptr, writeLine);
    std::fflush(stdout);
    return reportStatus(result, command.request);
}

ExitCode runExport(const Command& command)
{
    const QString suffix = QFileInfo(command.outputPath).suffix().toLower();
    const bool jsonl = suffix == QLatin1String("jsonl");
    const bool chrome = suffix == QLatin1String("json");
    if (!jsonl && !chrome) {
        printError(QStringLiteral("-o: unknown export format '.%1' for '%2' (supported: .jsonl, .json)")
                       .arg(suffix, command.outputPath));
        return ExitCode::UsageError;
    }
    const ui::RunDataPtr run = ui::computeRun(command.request);
    QString error;
    const bool written = jsonl ? ui::writeTraceJsonl(command.outputPath, run->request, run->result, run->trace, &error)
                               : ui::writeChromeTrace(command.outputPath, *run, &error);
    if (!written) {
        printError(error);
        return ExitCode::RuntimeFailure;
    }
    // A deadlocked run is still a complete trace (it ends in the deadlock event).
    return run->result.status == sim::RunStatus::LimitReached ? reportStatus(run->result, command.request)
                                                               : ExitCode::Ok;
}
