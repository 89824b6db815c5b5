// SPDX-License-Identifier: MIT
#pragma once

#include "pictureexport.h"
#include "rundata.h"
#include "storyboard.h"

#include <QCoroTask>
#include <QString>

class QWidget;

namespace ui {

// One export the user asked for: where, what, and how the picture looks.
struct ExportJob {
    RunDataPtr run;
    QString path; // its extension picks the format: png svg pdf json jsonl
    PictureOptions picture;
    bool storyboard = false; // .pdf only: one page per step / instant
    StoryboardPages pages = StoryboardPages::PerStep;
};

struct ExportOutcome {
    bool written = false;
    bool cancelled = false;
    QString error; // why not written (empty when cancelled)
};

// Writes the job's file off the GUI thread (QtConcurrent, awaited with QCoro) while a
// progress dialog on `parent` shows the pages done and offers Cancel; the window keeps
// repainting meanwhile. A cancelled or failed export leaves no file behind (QSaveFile).
QCoro::Task<ExportOutcome> exportInBackground(QWidget* parent, ExportJob job);

// Blocking: writes the job's file on the calling thread. `progress` as in writeStoryboard.
ExportOutcome writeExport(const ExportJob& job, const std::function<bool(std::size_t, std::size_t)>& progress);

} // namespace ui
