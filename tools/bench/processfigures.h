// SPDX-License-Identifier: MIT
// The whole-process part of the benchmark (README, Benchmarks): `loopscope` as a user runs
// it, start-up included, against CPython's whole process on the same runs; a tiny `print`;
// writing and reading the trace file; the window on a ~1,000,000-step run (window_bench);
// recording a program from CPython (record_bench). Medians of whole processes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bench {

struct ProcessOptions {
    std::string loopscope; // the `loopscope` executable
    std::string windowBench; // window_bench, or empty
    std::string recordBench; // record_bench, or empty
    long chains = 100'000; // chained 1..chains
    long producers = 2'000; // asyncq -p producers -c consumers, and ten times both
    long consumers = 4'000;
    // The window's run: asyncq -p windowProducers -c 2 x windowProducers (30,000: 1,016,254
    // steps; chained 1..172000 has as many, but its 172,000 words exceed exec's limit).
    long windowProducers = 30'000;
    int runs = 3;
    bool python = true;
};

struct PrintFigures {
    std::string run; // "chained 1..100000"
    double loopscopeSeconds = 0; // median, whole process
    double pythonSeconds = 0; // median, whole process (0: not measured)
    bool sameOutput = false;
};

struct ProcessFigures {
    double tinyPrintMs = 0; // `loopscope print chained`, median of many
    std::vector<PrintFigures> prints;
    double jsonlWriteSeconds = 0, jsonlReadSeconds = 0;
    double jsonlWritePeakMiB = 0, jsonlReadPeakMiB = 0;
    double jsonlEvents = 0, jsonlFileMiB = 0;
    std::optional<double> windowShownMs; // Run to painted timeline
    std::string windowRun;
    std::optional<double> recordShownSeconds; // record_bench: recording and showing it
    std::optional<double> recordStepsPerSecond, pythonStepsPerSecond;
};

// Runs every part; messages about progress go to stderr. Nothing when a part fails.
std::optional<ProcessFigures> measureProcesses(const ProcessOptions& options);

} // namespace bench
