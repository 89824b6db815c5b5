// SPDX-License-Identifier: MIT
#pragma once

#include "pictureexport.h"
#include "statesummary.h"

#include <QRectF>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QPainter;

namespace ui {

// The storyboard handout: a PDF (A4 landscape) with one page per step, or per instant of
// virtual time. Each page shows what the window shows after that step: the timeline up to
// it, the time as the window gives it, why the step happened and what it did, the output so
// far with this step's lines highlighted, the program's line the task is at with its
// neighbours, and the event loop's state.

enum class StoryboardPages { PerStep, PerInstant };

// What one page says, before it is laid out and drawn.
struct StoryboardPage {
    std::size_t position = 0; // after step `position` (0: before the first step)
    QString heading; // "asyncq -p 2 -c 5 · seed 444 — step 26 of 48"
    QString clock; // as the window shows it: "t = 14 s", or "t = 14 s → 18 s" when the clock moved on
    QString why; // the Why panel's sentences
    // The output so far: its last lines (at most `maxOutputLines`), the ones this step printed
    // at the end, and how many lines came before the first one kept.
    QStringList output;
    qsizetype newOutput = 0;
    std::size_t earlierOutput = 0;
    // The program's line the task that just ran is at, with up to `codeNeighbours` lines
    // either side: code[i] is line codeFirst + i.
    QString codeCaption; // "asyncq.py · Consumer 3 is at line 17"
    int codeLine = 0; // 0: no line (before the first step, asyncio's own tasks)
    int codeFirst = 0;
    QStringList code;
    // The event loop's state.
    QString loopCaption; // "Event loop · iteration 15"
    QString clockMove; // why the clock moved on after the step, or empty
    std::vector<sim::StateSection> loop;

    static constexpr qsizetype maxOutputLines = 40;
    static constexpr int codeNeighbours = 2;
};

// The page after `position`; `before` and `after` are the states at position - 1 and
// position (`before` is not read at position 0).
StoryboardPage storyboardPage(
    const RunData& run, std::size_t position, const sim::LoopState& before, const sim::LoopState& after);
// The same, rebuilding both states.
StoryboardPage storyboardPage(const RunData& run, std::size_t position);

// Draws the pages of one handout: the timeline's size is worked out once, for every page.
// writeStoryboard paints with it on the PDF's pages; tests paint on images.
class TimelinePainter;
class StoryboardPainter {
public:
    // `page` is the printable area, in pixels at storyboardResolution.
    StoryboardPainter(const RunData& run, const PictureOptions& options, const QRectF& page);
    ~StoryboardPainter();
    // Page `number` of `count` (numbered from 1).
    void paint(QPainter& painter, const StoryboardPage& page, std::size_t number, std::size_t count) const;

private:
    const RunData& m_run;
    PictureOptions m_options;
    QRectF m_page;
    std::unique_ptr<TimelinePainter> m_timeline;
    double m_timelineScale = 1;
    double m_timelineHeight = 0;
};

// The handout's pages are A4 landscape, 12 mm margins, drawn at this many pixels per inch.
inline constexpr int storyboardResolution = 144;

// Writes the handout. `options` gives the axis, the theme and the text scale (the range and
// width do not apply: every page shows the run up to its step, at the page's width).
// `progress(done, total)` is called per page and may return false to cancel (then nothing is
// written and *error says "cancelled").
bool writeStoryboard(const QString& path, const RunData& run, const PictureOptions& options, StoryboardPages pages,
    const std::function<bool(std::size_t done, std::size_t total)>& progress, QString* error);

// Positions the storyboard has pages for.
std::vector<std::size_t> storyboardPositions(const RunData& run, StoryboardPages pages);

} // namespace ui
