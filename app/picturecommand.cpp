// SPDX-License-Identifier: MIT
#include "picturecommand.h"

#include "headless.h"
#include "pictureexport.h"
#include "storyboard.h"
#include "timelineaxismap.h"

#include <algorithm>

namespace {

// Turns --range / --upto into picture options for this run; an error line when they do not fit it.
QString resolvePictureChoices(const Command& command, const ui::RunData& run, ui::PictureOptions& options)
{
    const ExportChoices& choices = command.exportChoices;
    options.axis = choices.axis == ExportChoices::Axis::Steps ? ui::TimelineAxis::Steps
        : choices.axis == ExportChoices::Axis::Instants       ? ui::TimelineAxis::Instants
                                                              : ui::TimelineAxis::Time;
    options.theme = choices.darkTheme ? ui::ThemeKind::Dark : ui::ThemeKind::Light;
    options.width = choices.width;
    options.scale = choices.scale;
    const std::size_t steps = run.index->stepCount();
    if (choices.upTo) {
        if (*choices.upTo > steps)
            return QStringLiteral("--upto: step %1 is beyond the end of the run (%2 steps)")
                .arg(*choices.upTo)
                .arg(steps);
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

ExitCode runPictureExport(const Command& command)
{
    ExitCode recorded = ExitCode::Ok;
    const ui::RunDataPtr run = runOf(command, &recorded);
    if (!run)
        return recorded;
    ui::PictureOptions options;
    if (const QString problem = resolvePictureChoices(command, *run, options); !problem.isEmpty()) {
        printError(problem);
        return ExitCode::UsageError;
    }
    QString error;
    bool written = false;
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
    return reportExport(command, *run, recorded, written, error);
}
