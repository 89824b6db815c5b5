// SPDX-License-Identifier: MIT
// The recording benchmark (README, Benchmarks): how long recording an asyncio program from
// CPython and showing it takes (target: a 10,000-step program recorded and shown in under
// 2 s), and the recorder's task steps per second beside plain CPython's on the same program.
//
//   record_bench [--runs R] [--width W] [--height H] [PROGRAM.py [ARGS...]]
//
// Default program: tools/bench/record_program.py (producers and consumers passing 5,000
// items through a queue with asyncio.sleep(0): about 10,000 task steps, no real waiting).
// Best of R (default 3), each of:
//   python3 PROGRAM.py                      the whole process, the program's plain cost
//   loopscope record PROGRAM.py -o X.jsonl  the whole process
//   loopscope export PROGRAM.py -o X.png    the whole process: records, reads, indexes, paints
//   in this process, part by part: ui::recordBlocking (the recorder under python3), then
//   (which reads the trace back), ui::runFromTraceFile (the index), a TimelinePainter, and its first frame at WxH
//   at fit, what the window shows once the run arrives.
// The task steps are the trace's task_steps. Needs CPython 3.11 as python3 (LOOPSCOPE_PYTHON
// overrides it); without it, says so and exits with 77 (a skipped test).
#include "benchprocess.h"
#include "recorder.h"
#include "rundata.h"
#include "timelinepainter.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

constexpr double targetSeconds = 2.0; // recording a 10,000-step program and showing it

struct Options {
    int runs = 3;
    int width = 1920;
    int height = 1080;
    std::vector<std::string> program; // the file, then its argv
};

Options parse(int argc, char** argv)
{
    Options o;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc || (arg != "--runs" && arg != "--width" && arg != "--height")) {
            std::fprintf(stderr, "usage: record_bench [--runs R] [--width W] [--height H] [PROGRAM.py [ARGS...]]\n");
            std::exit(2);
        }
        const int value = std::atoi(argv[++i]);
        (arg == "--runs" ? o.runs : arg == "--width" ? o.width : o.height) = std::max(1, value);
    }
    for (; i < argc; ++i)
        o.program.push_back(argv[i]);
    if (o.program.empty())
        o.program.push_back(LOOPSCOPE_SOURCE_DIR "/tools/bench/record_program.py");
    return o;
}

// The best wall time of `runs` runs of a whole process, its output discarded; a negative
// time when it failed (its exit code is printed).
double bestProcessSeconds(const std::vector<std::string>& command, int runs)
{
    double best = std::numeric_limits<double>::infinity();
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        const int exit = bench::runProcess(command, [](std::string_view) {});
        const double seconds = secondsSince(start);
        if (exit != 0) {
            std::fprintf(stderr, "record_bench: %s exited with %d\n", command[0].c_str(), exit);
            return -1;
        }
        best = std::min(best, seconds);
    }
    return best;
}

// One recording shown in this process, part by part.
struct Shown {
    double record = 0; // the recorder under python3, then reading its trace back
    double index = 0, painter = 0, frame = 0;
    double total() const { return record + index + painter + frame; }
};

std::vector<std::string> concat(std::vector<std::string> head, const std::vector<std::string>& tail)
{
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

const char* verdict(bool met) { return met ? "yes" : "**no**"; }

} // namespace

int main(int argc, char** argv)
{
    const Options options = parse(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // progress shows even when piped
    QGuiApplication app(argc, argv); // fonts for the frame; works on the offscreen platform

    const ui::PythonCheck& python = ui::checkPython();
    if (!python.usable()) {
        std::printf("record_bench: skipped: %s\n", qPrintable(python.error));
        return 77;
    }
    const QFileInfo file(QString::fromStdString(options.program[0]));
    sim::Script script { file.absoluteFilePath().toStdString(), file.fileName().toStdString(),
        std::vector<std::string>(options.program.begin() + 1, options.program.end()) };
    const sim::RunRequest request = sim::RunRequest::forScript(script);
    QTemporaryDir folder;
    const std::string tracePath = folder.filePath(QStringLiteral("run.jsonl")).toStdString();
    const std::string picturePath = folder.filePath(QStringLiteral("run.png")).toStdString();
    std::printf(
        "program: %s (python3 %s), best of %d\n", request.describe().c_str(), qPrintable(python.version), options.runs);

    // In this process first: its trace gives the task steps every figure is divided by.
    Shown best { std::numeric_limits<double>::infinity() };
    std::uint64_t steps = 0;
    for (int run = 0; run < options.runs; ++run) {
        Shown shown;
        auto start = Clock::now();
        ui::Recording recording = ui::recordBlocking(request, QString::fromStdString(tracePath), true);
        shown.record = secondsSince(start);
        if (!recording.contents || recording.exit != ui::RecorderExit::Recorded) {
            std::fprintf(stderr, "record_bench: the recording failed: %s\n", qPrintable(recording.error));
            return 1;
        }
        steps = recording.contents->result.taskSteps;
        start = Clock::now();
        const ui::RunDataPtr data = ui::runFromTraceFile(std::move(*recording.contents));
        shown.index = secondsSince(start);
        start = Clock::now();
        const ui::TimelinePainter painter(data);
        shown.painter = secondsSince(start);
        QImage image(options.width, options.height, QImage::Format_ARGB32_Premultiplied);
        start = Clock::now();
        {
            QPainter p(&image);
            painter.paint(p, QRectF(0, 0, options.width, options.height), ui::TimelineViewport {});
        }
        shown.frame = secondsSince(start);
        if (shown.total() < best.total())
            best = shown;
    }
    std::printf("  in this process: record and read the trace %.3f s, index %.3f s, timeline painter %.3f s, "
                "first %dx%d frame %.3f s\n",
        best.record, best.index, best.painter, options.width, options.height, best.frame);

    const std::string loopscope = LOOPSCOPE_APP;
    const double plain = bestProcessSeconds(concat({ qPrintable(python.program) }, options.program), options.runs);
    const double recorded = bestProcessSeconds(
        concat(concat({ loopscope, "record" }, options.program), { "-o", tracePath }), options.runs);
    const double exported = bestProcessSeconds(
        concat(concat({ loopscope, "export" }, options.program), { "-o", picturePath }), options.runs);
    if (plain < 0 || recorded < 0 || exported < 0)
        return 1;
    const double n = double(steps);
    std::printf("  %llu task steps; python3 %.3f s (%.0f steps/s), loopscope record %.3f s (%.0f steps/s, %.1f "
                "times python3's time), loopscope export %.3f s\n\n",
        static_cast<unsigned long long>(steps), plain, n / plain, recorded, n / recorded, recorded / plain, exported);

    std::printf(
        "Target: recording a 10,000-step program and showing it: under %.0f s on this machine.\n\n", targetSeconds);
    std::printf("| figure | goal | measured | met |\n|---|---:|---|:---:|\n");
    std::printf("| recording and showing it: record, read, index, timeline, first frame | < %.0f s | %.3f s | %s |\n",
        targetSeconds, best.total(), verdict(best.total() < targetSeconds));
    std::printf("| `loopscope export PROGRAM.py -o run.png`, whole process | < %.0f s | %.3f s | %s |\n", targetSeconds,
        exported, verdict(exported < targetSeconds));
    std::printf("| `loopscope record PROGRAM.py -o run.jsonl`, whole process: task steps/s | - | %.0f (%.3f s) | |\n",
        n / recorded, recorded);
    std::printf("| `python3 PROGRAM.py`, whole process: task steps/s | - | %.0f (%.3f s) | |\n", n / plain, plain);
    return 0;
}
