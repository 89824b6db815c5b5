// SPDX-License-Identifier: MIT
// The timeline part of the side-by-side benchmark: runs timeline_bench (a Qt program, on
// the offscreen platform unless QT_QPA_PLATFORM says otherwise) on a ~1,000,000-step run and
// reads back its headline figures.
#pragma once

#include <optional>
#include <string>

namespace bench {

struct TimelineFigures {
    std::string run; // e.g. "chained 1..172000 · seed 444"
    double steps = 0;
    double lanes = 0;
    double events = 0;
    double traceBytesPerEvent = 0;
    double indexBytesPerEvent = 0; // the seek index: steps and state checkpoints
    double frameWorstMedianMs = 0; // the slowest zoom level's median full frame
    double frameWorstMs = 0; // the slowest frame of all
    double seekMedianMs = 0;
    double seekWorstMs = 0; // the slowest seek, timed again (see timeline_bench)
    double seekRawWorstMs = 0; // the slowest as first timed, machine pauses included
    double peakRssMiB = 0; // timeline_bench's: trace, index, timeline and painter
};

// Runs `program` (timeline_bench) on chained 1..chains; its report goes to stdout as it
// comes. nullopt (with a message on stderr) if it fails.
std::optional<TimelineFigures> measureTimeline(const std::string& program, long chains, int frames);

} // namespace bench
