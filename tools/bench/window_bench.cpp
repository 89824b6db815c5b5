// SPDX-License-Identifier: MIT
// The window on a large run: how long the GUI thread is blocked, and how long until the new
// state is on screen, when the teacher jumps around (End, Home, a click in the middle of the
// scrubber, a step back from the end, the next instant). The window must answer within
// 100 ms whatever the run's size.
//
//   window_bench [--width W] [--height H] [--repeat R] [--parts] RUN...
//
// RUN is what follows `loopscope print`, e.g. `asyncq -p 100000 -c 100000` or
// `chained -- 1 2 3`. Runs offscreen (QT_QPA_PLATFORM=offscreen) or on any display; the
// window's settings go to Qt's test location, never the user's.
//
// Per action it prints: "blocked", the longest the event loop went without turning (a
// 2 ms timer measures the gaps, so this is what a user's click or key would wait for), and
// "shown", the time from the action until the window showed the new position (the
// position readout says it).
//
// --parts instead times the parts of a Run one after the other, each on its own, in a fresh
// process and then again in the same process (what a second Run costs): simulating with the
// trace, the state index, the timeline, the painter's setup and the first full paint at the
// window's size. Wall time, and the CPU time of the whole process (every thread, kernel
// included: a fresh page costs the kernel's clearing).
#include "commandline.h"
#include "mainwindow.h"
#include "playbackcontroller.h"
#include "runcontroller.h"
#include "runcontrols.h"
#include "scrubber.h"
#include "timelinepainter.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

double peakRssMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

double processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto ms = [](timeval t) { return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// The longest gap between two turns of the event loop while it is being watched.
class StallMeter {
public:
    StallMeter()
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_longest = std::max(m_longest, msSince(m_last));
            m_last = Clock::now();
        });
    }
    void start()
    {
        m_longest = 0;
        m_last = Clock::now();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return std::max(m_longest, msSince(m_last));
    }

private:
    QTimer m_timer;
    Clock::time_point m_last;
    double m_longest = 0;
};

// Waits, turning the event loop, until `done` holds (or a minute passed). Sleeps between
// events, as the window's own event loop does: a busy wait would take a core from the
// worker threads it measures.
bool waitFor(const std::function<bool()>& done)
{
    const auto start = Clock::now();
    QTimer tick; // wakes the loop to look at `done` again
    tick.start(2);
    while (!done()) {
        if (msSince(start) > 60'000)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

struct Options {
    int width = 1920;
    int height = 1080;
    int repeat = 3;
    bool parts = false;
    QStringList run;
};

[[noreturn]] void usage()
{
    std::fprintf(stderr,
        "usage: window_bench [--width W] [--height H] [--repeat R] [--parts] asyncq -p N -c M | chained [-- N ...]\n");
    std::exit(2);
}

Options parse(int argc, char** argv)
{
    Options o;
    int i = 1;
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&] { return i + 1 < argc ? int(std::strtol(argv[++i], nullptr, 10)) : (usage(), 0); };
        if (arg == "--width")
            o.width = next();
        else if (arg == "--height")
            o.height = next();
        else if (arg == "--repeat")
            o.repeat = std::max(1, next());
        else if (arg == "--parts")
            o.parts = true;
        else
            break;
    }
    for (; i < argc; ++i)
        o.run << QString::fromLocal8Bit(argv[i]);
    if (o.run.isEmpty())
        usage();
    return o;
}

// --parts: the parts of a Run one after the other, twice (see the top of this file).
void timeParts(const sim::RunRequest& request, const Options& options)
{
    std::printf("%-44s %10s %10s\n", "part (ms)", "wall", "CPU");
    for (int round = 0; round < 2; ++round) {
        std::printf("%s\n", round == 0 ? "a fresh process:" : "again, in the same process:");
        double totalWall = 0, totalCpu = 0;
        auto part = [&](const char* name, const std::function<void()>& work) {
            const auto wallStart = Clock::now();
            const double cpuStart = processCpuMs();
            work();
            const double wall = msSince(wallStart), cpu = processCpuMs() - cpuStart;
            totalWall += wall;
            totalCpu += cpu;
            std::printf("  %-42s %10.0f %10.0f\n", name, wall, cpu);
        };
        auto data = std::make_shared<ui::RunData>();
        data->request = request;
        part("simulate with the trace", [&] { data->result = sim::simulate(request, &data->trace, {}); });
        part("state index", [&] { data->index = std::make_unique<sim::StateIndex>(data->trace); });
        part("timeline", [&] { data->timeline = std::make_unique<sim::Timeline>(data->trace); });
        ui::TimelinePainter painter;
        part("painter setup", [&] { painter.setRun(data); });
        QImage image(options.width, options.height, QImage::Format_ARGB32_Premultiplied);
        part("first paint", [&] {
            QPainter p(&image);
            painter.paint(p, QRectF(image.rect()), ui::TimelineViewport {});
        });
        std::printf("  %-42s %10.0f %10.0f\n", "total", totalWall, totalCpu);
        part("freeing the run", [&] {
            painter = {};
            data.reset();
        });
    }
}

} // namespace

int main(int argc, char** argv)
{
    const Options options = parse(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const ParsedCommandLine parsed
        = parseCommandLine(QStringList { QStringLiteral("loopscope"), QStringLiteral("print") } + options.run);
    if (!parsed.command) {
        std::fprintf(stderr, "window_bench: %s\n", qPrintable(parsed.error));
        return 2;
    }
    const sim::RunRequest& request = parsed.command->request;

    QApplication app(argc, argv);
    if (options.parts) {
        std::printf("run: %s\n", request.describe().c_str());
        timeParts(request, options);
        return 0;
    }
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeBench"));
    QCoreApplication::setApplicationName(QStringLiteral("window_bench"));
    QSettings().clear();

    const double rssBefore = peakRssMiB();
    ui::MainWindow window;
    window.setWindowState(Qt::WindowNoState);
    window.resize(options.width, options.height);
    window.show();
    if (!waitFor([&] { return bool(window.run()); }))
        return 1;

    // The run, as the teacher starts it: the form filled in, then Run. The simulation runs
    // off the GUI thread; showing the finished run (timeline, scrubber, panels) does not.
    StallMeter meter;
    window.runControls()->setForm(ui::formFromRequest(request));
    const auto computeStart = Clock::now();
    const double computeCpuStart = processCpuMs();
    meter.start();
    window.runs()->runAction()->trigger();
    if (!waitFor([&] { return window.run() && window.run()->request.describe() == request.describe(); })) {
        std::fprintf(stderr, "window_bench: the run did not finish within a minute\n");
        return 1;
    }
    QCoreApplication::processEvents();
    const double computeMs = msSince(computeStart);
    const double computeCpuMs = processCpuMs() - computeCpuStart;
    const double runBlocked = meter.stop();
    const ui::RunDataPtr run = window.run();
    const std::size_t steps = run->index->stepCount();
    const double events = double(std::max<std::size_t>(1, run->trace.events.size()));
    std::printf("run: %s: %zu steps, %zu events, %zu lanes; simulated and shown in %.0f ms (%.0f ms of"
                " CPU, every thread), the window blocked for %.1f ms at most\n",
        request.describe().c_str(), steps, run->trace.events.size(), run->timeline->lanes().size(), computeMs,
        computeCpuMs, runBlocked);
    std::printf("memory: trace %.1f B/event, index %.1f B/event (%zu checkpoints); peak RSS %.0f MiB (%.0f before the window)\n\n",
        double(run->trace.memoryBytes()) / events, double(run->index->memoryBytes()) / events,
        run->index->checkpointCount(), peakRssMiB(), rssBefore);

    ui::PlaybackController* playback = window.playback();
    ui::Scrubber* scrubber = window.scrubber();
    auto clickScrubber = [scrubber](double fraction) {
        const QPointF at(scrubber->width() * fraction, scrubber->height() / 2.0);
        QMouseEvent press(QEvent::MouseButtonPress, at, scrubber->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton, {});
        QApplication::sendEvent(scrubber, &press);
        QMouseEvent release(QEvent::MouseButtonRelease, at, scrubber->mapToGlobal(at), Qt::LeftButton, {}, {});
        QApplication::sendEvent(scrubber, &release);
    };
    struct Action {
        const char* name;
        std::size_t from;
        std::function<void()> act;
    };
    const Action actions[] = {
        { "End (from the start)", 0, [&] { playback->toEndAction()->trigger(); } },
        { "Home (from the end)", steps, [&] { playback->toStartAction()->trigger(); } },
        { "scrubber click at 50% (from the start)", 0, [&] { clickScrubber(0.5); } },
        { "scrubber click at 90% (from 50%)", steps / 2, [&] { clickScrubber(0.9); } },
        { "step back (from the end)", steps, [&] { playback->stepBackAction()->trigger(); } },
        { "step back (from 50%)", steps / 2, [&] { playback->stepBackAction()->trigger(); } },
        { "step forward (from 50%)", steps / 2, [&] { playback->stepForwardAction()->trigger(); } },
        { "next instant (from 50%)", steps / 2, [&] { playback->nextInstantAction()->trigger(); } },
    };

    std::printf("%-42s %12s %12s   (ms, worst of %d)\n", "action", "blocked", "shown", options.repeat);
    double worstBlocked = runBlocked;
    for (const Action& action : actions) {
        double blocked = 0, shown = 0;
        for (int r = 0; r < options.repeat; ++r) {
            playback->setPosition(action.from);
            if (!waitFor([&] { return window.positionReadout().startsWith(QStringLiteral("step %L1 /").arg(action.from)); }))
                return 1;
            waitFor([] { QCoreApplication::processEvents(); return true; });
            const QString before = window.positionReadout();
            meter.start();
            const auto start = Clock::now();
            action.act();
            // Shown: the readout names another position, and the window has painted it.
            const bool moved = waitFor([&] { return window.positionReadout() != before; });
            QCoreApplication::processEvents();
            const double shownMs = msSince(start);
            const double blockedMs = meter.stop();
            if (!moved)
                return 1;
            blocked = std::max(blocked, blockedMs);
            shown = std::max(shown, shownMs);
        }
        worstBlocked = std::max(worstBlocked, blocked);
        std::printf("%-42s %12.1f %12.1f\n", action.name, blocked, shown);
    }
    std::printf("\nlongest the window did not answer: %.1f ms (target: < 100 ms); peak RSS %.0f MiB\n", worstBlocked,
        peakRssMiB());
    window.close();
    return 0;
}
