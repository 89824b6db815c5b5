// SPDX-License-Identifier: MIT
#include "headless.h"

#include "chrometrace.h"
#include "examples.h"
#include "recorder.h"
#include "tracefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

void printError(const QString& message)
{
    std::fprintf(stderr, "loopscope: %s\n", qPrintable(message));
}

ExitCode reportUsageError(const QString& error)
{
    // One line (README, The command line), pointing to the help at its end.
    std::fprintf(stderr, "loopscope: %s (see loopscope --help)\n", qPrintable(error));
    return ExitCode::UsageError;
}

namespace {

// A recorded run whose order followed memory addresses is said so on stderr: python3 may print
// it in another order.
void warnOfAddressOrder(const sim::RunResult& result)
{
    if (!result.addressOrderReason.empty())
        printError(QStringLiteral("warning: %1").arg(QString::fromStdString(result.addressOrderMessage())));
}

// `traceback`: what Python printed when an exception escaped a recorded program.
ExitCode reportStatus(const sim::RunResult& result, const sim::RunRequest& request, std::string_view traceback = {})
{
    warnOfAddressOrder(result);
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
    case sim::RunStatus::Failed:
        // As Python printed it when the program was recorded (and as `print FILE.py` does).
        std::fwrite(traceback.data(), 1, traceback.size(), stderr);
        std::fflush(stderr);
        return ExitCode::RuntimeFailure;
    }
    return ExitCode::RuntimeFailure;
}

} // namespace

namespace {
// How a recording ended, as `loopscope` reports it: the recorder has already printed its
// message (a traceback, a refusal, the limit) on stderr; deadlocks keep their exit code 3.
ExitCode reportRecording(const ui::Recording& recording)
{
    if (!recording.error.isEmpty())
        printError(recording.error);
    if (recording.contents)
        warnOfAddressOrder(recording.contents->result);
    switch (recording.exit) {
    case ui::RecorderExit::Recorded:
        return recording.contents ? ExitCode::Ok : ExitCode::RuntimeFailure;
    case ui::RecorderExit::Deadlock:
        return ExitCode::Deadlock;
    case ui::RecorderExit::Usage:
        return ExitCode::UsageError;
    case ui::RecorderExit::Failed:
    case ui::RecorderExit::LimitReached:
    case ui::RecorderExit::ProgramRaised:
    case ui::RecorderExit::Refused:
        return ExitCode::RuntimeFailure;
    }
    return ExitCode::RuntimeFailure;
}

} // namespace

ui::RunDataPtr runOf(const Command& command, ExitCode* exit, ui::Derived derived)
{
    *exit = ExitCode::Ok;
    if (command.request.isRecorded()) {
        QTemporaryDir folder;
        ui::Recording recording = ui::recordBlocking(command.request, folder.filePath(QStringLiteral("run.jsonl")), true);
        *exit = reportRecording(recording);
        return recording.contents ? ui::runFromTraceFile(std::move(*recording.contents), derived) : nullptr;
    }
    if (command.traceFile.isEmpty())
        return ui::computeRun(command.request, nullptr, derived);
    *exit = ExitCode::RuntimeFailure;
    QString error;
    auto contents = ui::readTraceFile(command.traceFile, &error);
    if (!contents) {
        printError(error);
        return nullptr;
    }
    *exit = ExitCode::Ok;
    return ui::runFromTraceFile(std::move(*contents), derived);
}

ExitCode runRecord(const Command& command)
{
    // The recorder writes the file itself, atomically; the program's output streams meanwhile.
    const ui::Recording recording = ui::recordBlocking(command.request, command.outputPath, false);
    return reportRecording(recording);
}

ExitCode runPrint(const Command& command)
{
    if (command.request.isRecorded()) {
        // What `python3 FILE.py ARGS` prints, streamed by the recorder as the program prints it.
        QTemporaryDir folder;
        const ui::Recording recording = ui::recordBlocking(command.request, folder.filePath(QStringLiteral("run.jsonl")), false);
        std::fflush(stdout);
        return reportRecording(recording);
    }
    if (!command.traceFile.isEmpty()) {
        // The output the file recorded; reading it never runs the program.
        QString error;
        const auto contents = ui::readTraceFile(command.traceFile, &error);
        if (!contents) {
            printError(error);
            return ExitCode::RuntimeFailure;
        }
        for (std::size_t i = 0; i < contents->trace.outputLines.size(); ++i) {
            const std::string_view line = contents->trace.outputLine(i);
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
        }
        std::fflush(stdout);
        return reportStatus(contents->result, contents->request, contents->trace.traceback());
    }
    // The printed lines are streamed in chunks of whole lines, one write each.
    const auto write = [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); };
    const sim::RunResult result = sim::simulateText(command.request, nullptr, write);
    std::fflush(stdout);
    return reportStatus(result, command.request);
}

ExitCode runExport(const Command& command)
{
    // A trace file needs only the trace; a Chrome trace draws its states from the index.
    const bool traceFile = command.format == QLatin1String("jsonl");
    ExitCode recorded = ExitCode::Ok;
    const ui::RunDataPtr run
        = runOf(command, &recorded, traceFile ? ui::Derived::TraceOnly : ui::Derived::IndexAndTimeline);
    if (!run)
        return recorded;
    QString error;
    const bool written = traceFile
        ? ui::writeTraceFile(command.outputPath, run->request, run->result, run->trace, run->listing, &error)
        : ui::writeChromeTrace(command.outputPath, *run, &error);
    return reportExport(command, *run, recorded, written, error);
}

ExitCode reportExport(
    const Command& command, const ui::RunData& run, ExitCode recorded, bool written, const QString& error)
{
    if (!written) {
        printError(error);
        return ExitCode::RuntimeFailure;
    }
    // A deadlocked run is still written in full (its trace ends in the deadlock, which the
    // picture shows); the exit code and message then report the deadlock, as `print` does.
    if (command.request.isRecorded())
        return recorded; // the recorder reported the run's end (a deadlock: exit code 3) already
    return reportStatus(run.result, run.request, run.trace.traceback());
}

ExitCode runExamples(const Command& command)
{
    if (command.exampleName.isEmpty()) {
        const QList<ui::Example> all = ui::examples();
        qsizetype width = 0;
        for (const ui::Example& example : all)
            width = std::max(width, example.name.size());
        for (const ui::Example& example : all)
            std::printf("%s  %s\n", qPrintable(example.name.leftJustified(width)), qPrintable(example.title));
        std::printf("\nWrite one into this folder with: loopscope examples NAME\n");
        return ExitCode::Ok;
    }
    const std::optional<ui::Example> example = ui::findExample(command.exampleName); // the parser checked the name
    QString error;
    const QString path = example ? ui::extractExample(*example, QDir::currentPath(), &error) : QString();
    if (path.isEmpty()) {
        printError(example ? error : QStringLiteral("unknown example '%1'").arg(command.exampleName));
        return ExitCode::RuntimeFailure;
    }
    std::printf("wrote %s: %s\nRecord it with: loopscope %s (or loopscope print %s)\n", qPrintable(example->fileName()),
        qPrintable(example->title), qPrintable(example->fileName()), qPrintable(example->fileName()));
    return ExitCode::Ok;
}

namespace {
// Headless commands keep stderr for their own one-line messages: Qt's diagnostics (e.g. the
// offscreen platform's note about XDG_RUNTIME_DIR) are dropped unless LOOPSCOPE_VERBOSE is set.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("LOOPSCOPE_VERBOSE"))
        std::fprintf(stderr, "%s\n", qPrintable(message));
}
} // namespace

void quietenQtMessages() { qInstallMessageHandler(quietQtMessages); }

bool needsGui(const Command& command)
{
    return command.kind == Command::Kind::Window
        || (command.kind == Command::Kind::Export && isPictureFormat(command.format));
}

std::optional<ExitCode> runHeadless(int argc, char** argv, const Command& command)
{
    switch (command.kind) {
    case Command::Kind::Help:
        std::fputs(qPrintable(helpText()), stdout);
        return ExitCode::Ok;
    case Command::Kind::Version:
        std::printf("loopscope %s\n", LOOPSCOPE_VERSION);
        return ExitCode::Ok;
    case Command::Kind::Window:
        return std::nullopt;
    case Command::Kind::Print:
    case Command::Kind::Record:
    case Command::Kind::Examples:
    case Command::Kind::Export:
        break;
    }
    if (needsGui(command))
        return std::nullopt;
    quietenQtMessages();
    QCoreApplication app(argc, argv);
    switch (command.kind) {
    case Command::Kind::Print:
        return runPrint(command);
    case Command::Kind::Record:
        return runRecord(command);
    case Command::Kind::Examples:
        return runExamples(command);
    default:
        return runExport(command);
    }
}
