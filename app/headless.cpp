// SPDX-License-Identifier: MIT
#include "headless.h"

#include "chrometrace.h"
#include "examples.h"
#include "pictureexport.h"
#include "recorder.h"
#include "rundata.h"
#include "storyboard.h"
#include "tracefile.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

void printError(const QString& message)
{
    std::fprintf(stderr, "loopscope: %s\n", qPrintable(message));
}

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

// The run a command names: read from its trace file, recorded from CPython, or simulated.
// Null (and a message printed, *exit set) when there is none.
ui::RunDataPtr runOf(const Command& command, ExitCode* exit)
{
    *exit = ExitCode::Ok;
    if (command.request.isRecorded()) {
        QTemporaryDir folder;
        ui::Recording recording = ui::recordBlocking(command.request, folder.filePath(QStringLiteral("run.jsonl")), true);
        *exit = reportRecording(recording);
        return recording.contents ? ui::runFromTraceFile(std::move(*recording.contents)) : nullptr;
    }
    if (command.traceFile.isEmpty())
        return ui::computeRun(command.request);
    *exit = ExitCode::RuntimeFailure;
    QString error;
    auto contents = ui::readTraceFile(command.traceFile, &error);
    if (!contents) {
        printError(error);
        return nullptr;
    }
    *exit = ExitCode::Ok;
    return ui::runFromTraceFile(std::move(*contents));
}
} // namespace

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
    // Lines are streamed as the simulation prints them (stdout's own buffering applies).
    const auto writeLine = [](std::string_view line) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
    };
    const sim::RunResult result = sim::simulate(command.request, nullptr, writeLine);
    std::fflush(stdout);
    return reportStatus(result, command.request);
}

namespace {

// Turns --range / --upto into picture options for this run; an error line when they do not fit it.
QString resolvePictureChoices(const Command& command, const ui::RunData& run, ui::PictureOptions& options)
{
    const ExportChoices& choices = command.exportChoices;
    options.axis = choices.axis == ExportChoices::Axis::Steps ? ui::TimelineAxis::Steps
        : choices.axis == ExportChoices::Axis::Instants     ? ui::TimelineAxis::Instants
                                                            : ui::TimelineAxis::Time;
    options.theme = choices.darkTheme ? ui::ThemeKind::Dark : ui::ThemeKind::Light;
    options.width = choices.width;
    options.scale = choices.scale;
    const std::size_t steps = run.index->stepCount();
    if (choices.upTo) {
        if (*choices.upTo > steps)
            return QStringLiteral("--upto: step %1 is beyond the end of the run (%2 steps)").arg(*choices.upTo).arg(steps);
        options.range = ui::ExportRange::UpToCursor;
        options.cursor = *choices.upTo;
    }
    if (choices.range) {
        const ui::TimelineAxisMap map(*run.index, options.axis);
        const bool time = map.isTime();
        const auto [from, to] = *choices.range;
        // The run ends at its last instant (time axis) or after its last step (steps axis);
        // a range may run past the end (the picture stops there) but must start within it.
        const double end = time ? map.timeAt(map.total()) : double(steps);
        if (from > end || (!time && from >= end))
            return QStringLiteral("--range: %1:%2 starts after the end of the run (%3)")
                .arg(from)
                .arg(to)
                .arg(time ? QStringLiteral("t = %1 s").arg(end) : QStringLiteral("%1 steps").arg(steps));
        auto unit = [&](double value) { return std::min(time ? map.unitAtTime(value) : value, map.total()); };
        options.range = ui::ExportRange::VisibleRange;
        options.visible = ui::VisibleRange { unit(from), unit(to) };
        if (!(options.visible->end > options.visible->start))
            return QStringLiteral("--range: %1:%2 is outside the run").arg(from).arg(to);
    }
    return {};
}

} // namespace

ExitCode runExport(const Command& command)
{
    ExitCode recorded = ExitCode::Ok;
    const ui::RunDataPtr run = runOf(command, &recorded);
    if (!run)
        return recorded;
    QString error;
    bool written = false;
    if (command.format == QLatin1String("jsonl")) {
        written = ui::writeTraceFile(command.outputPath, run->request, run->result, run->trace, run->listing, &error);
    } else if (command.format == QLatin1String("json")) {
        written = ui::writeChromeTrace(command.outputPath, *run, &error);
    } else {
        ui::PictureOptions options;
        if (const QString problem = resolvePictureChoices(command, *run, options); !problem.isEmpty()) {
            printError(problem);
            return ExitCode::UsageError;
        }
        if (!command.comparedWith.empty()) {
            ExitCode otherExit = ExitCode::Ok;
            const ui::RunDataPtr other = runOf(command.comparedWith.front(), &otherExit);
            if (!other)
                return otherExit;
            written = ui::writeComparison(command.outputPath, *run, *other, options, &error);
        } else if (command.exportChoices.storyboard)
            written = ui::writeStoryboard(command.outputPath, *run, options,
                command.exportChoices.pagesPerInstant ? ui::StoryboardPages::PerInstant : ui::StoryboardPages::PerStep, {},
                &error);
        else
            written = ui::writePicture(command.outputPath, *run, options, &error);
    }
    if (!written) {
        printError(error);
        return ExitCode::RuntimeFailure;
    }
    // A deadlocked run is still written in full (its trace ends in the deadlock, which the
    // picture shows); the exit code and message then report the deadlock, as `print` does.
    if (command.request.isRecorded())
        return recorded; // the recorder reported the run's end (a deadlock: exit code 3) already
    return reportStatus(run->result, run->request, run->trace.traceback());
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
