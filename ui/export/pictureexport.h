// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"
#include "timelinecoordinates.h"
#include "timelineaxismap.h"
#include "timelineviewport.h"

#include <QString>

#include <optional>

namespace ui {

// What part of the run a picture shows.
enum class ExportRange {
    WholeRun,
    VisibleRange, // `visible`, in axis units (as on screen)
    UpToCursor, // the run up to `cursor`, the future left blank ("what happens next?")
};

struct PictureOptions {
    ExportRange range = ExportRange::WholeRun;
    std::optional<VisibleRange> visible;
    std::size_t cursor = 0; // the cursor position (drawn when showCursor)
    bool showCursor = false;
    TimelineAxis axis = TimelineAxis::Time;
    ThemeKind theme = ThemeKind::Light; // light for print by default
    double width = 1600; // logical pixels of the picture (its height follows the lanes)
    double scale = 2.0; // PNG only: device pixels per logical pixel (2 = crisp on slides)
    double textScale = 1.0;
    bool showInternalTasks = false;
};

// The picture formats, from a file's extension: "png", "svg", "pdf".
bool isPictureFormat(const QString& suffix);

// Writes the timeline picture (title, legend, axis with units, lane names, states with
// colours and patterns, wake-up arrows, tie marks) as PNG, SVG (vector, text as text) or
// PDF (vector), picked by the path's extension. Through QSaveFile: no partial file on failure.
bool writePicture(const QString& path, const RunData& run, const PictureOptions& options, QString* error);

// Two runs compared (chained seed 444 against 7, a program against its variant): `first`
// above `second` on one shared axis (the same seconds or steps at the same x, over the longer
// run), then a summary of their totals and where their schedules first part.
bool writeComparison(const QString& path, const RunData& first, const RunData& second, const PictureOptions& options, QString* error);

// The viewport a picture of `run` is drawn with for `options` (the storyboard draws each
// page's timeline with it too).
TimelineViewport viewportFor(const RunData& run, const PictureOptions& options);

} // namespace ui
