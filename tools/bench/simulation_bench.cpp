// SPDX-License-Identifier: MIT
// The simulation benchmark (README, Benchmarks): Loopscope's simulator against CPython's
// own asyncio on the same scaled-up runs, side by side.
//
//   loopscope_bench [--chains N] [--producers P] [--consumers C] [--runs R] [--no-python]
//                   [--only chained|asyncq]
//
// For each scenario (chained 1..N, asyncq -p P -c C, seed 444) it measures, best of R runs:
// (a) sim::simulate without a trace (every printed line still goes to a callback that
// discards it), (b) the same with a sim::Trace recording, and (c) CPython through
// tools/bench/python_bench.py (the reference runner: real asyncio on a virtual clock).
// It also runs the reference runner once more to compare the printed lines with
// Loopscope's (count, and content with asyncq's hex items masked) and warns on a mismatch.
// Each scenario's Loopscope part runs in a child process, so peak RSS is per scenario.
// Besides wall time it reports the CPU time of the same runs (best of R), which a busy shared
// machine disturbs less.
#include "benchprocess.h"
#include "processfigures.h"
#include "scenarios.h"
#include "simulation.h"
#include "timelinefigures.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#ifndef LOOPSCOPE_SOURCE_DIR
#error "LOOPSCOPE_SOURCE_DIR must name the repository root (set by tools/bench/CMakeLists.txt)"
#endif

namespace {

constexpr std::int64_t seed = 444;

struct Options {
    std::int64_t chains = 100'000;
    std::int64_t producers = 2'000;
    std::int64_t consumers = 4'000;
    int runs = 5; // best of five: a busy or virtual machine varies by a fifth between runs
    bool python = true;
    std::string only; // a scenario name: measure only that one
    bool timeline = true;
    std::int64_t timelineChains = 172'000; // chained 1..N for the timeline part: ~1,000,000 steps
    std::int64_t frames = 20;
    bool processes = true; // the whole-process part (processfigures.h)
    std::int64_t processRuns = 3;
};

// What the child process measures for one scenario (sent to the parent through a pipe).
struct LoopscopeFigures {
    sim::RunStatus status = sim::RunStatus::Completed;
    std::uint64_t taskSteps = 0;
    std::uint64_t lines = 0;
    std::uint64_t outputHash = 0;
    double noTraceSeconds = 0;
    double traceSeconds = 0;
    double noTraceCpuSeconds = 0; // this thread's CPU time (user + system) of the same runs
    double traceCpuSeconds = 0;
    std::uint64_t traceEvents = 0;
    std::uint64_t traceBytes = 0;
    long peakRssKiB = 0;
    bool ok = false;
};

struct PythonFigures {
    double wallSeconds = 0; // best of the runs; 0 when not measured
    std::uint64_t lines = 0;
    std::uint64_t outputHash = 0;
    bool outputKnown = false;
};

struct Scenario {
    std::string name; // "chained" / "asyncq"
    std::string shown; // the arguments, as the table shows them
    sim::RunRequest request;
    std::vector<std::string> referenceArguments; // for run_reference.py
};

// FNV-1a over the printed lines, with asyncq's items (`<` + 10 lowercase hex digits + `>`)
// masked as the differential test masks them: Loopscope's items may legitimately differ.
class OutputDigest {
public:
    void addLine(std::string_view line)
    {
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '<' && i + 11 < line.size() && line[i + 11] == '>'
                && std::all_of(line.begin() + std::ptrdiff_t(i) + 1, line.begin() + std::ptrdiff_t(i) + 11,
                    [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); })) {
                addBytes("<ITEM>");
                i += 11;
            } else {
                addByte(line[i]);
            }
        }
        addByte('\n');
        ++m_lines;
    }
    std::uint64_t lines() const { return m_lines; }
    std::uint64_t hash() const { return m_hash; }

private:
    void addByte(char c)
    {
        m_hash ^= std::uint8_t(c);
        m_hash *= 0x100000001b3ULL;
    }
    void addBytes(std::string_view text)
    {
        for (char c : text)
            addByte(c);
    }
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
    std::uint64_t m_lines = 0;
};

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// The Loopscope measurements of one scenario, in this (child) process.
LoopscopeFigures measureLoopscope(const Scenario& scenario, int runs)
{
    LoopscopeFigures figures;
    figures.noTraceSeconds = std::numeric_limits<double>::infinity();
    figures.traceSeconds = std::numeric_limits<double>::infinity();
    figures.noTraceCpuSeconds = std::numeric_limits<double>::infinity();
    figures.traceCpuSeconds = std::numeric_limits<double>::infinity();

    for (int run = 0; run < runs; ++run) {
        std::uint64_t lines = 0;
        const auto discard = [&lines](std::string_view) { ++lines; };
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = threadCpuSeconds();
        const sim::RunResult result = sim::simulate(scenario.request, nullptr, discard);
        figures.noTraceCpuSeconds = std::min(figures.noTraceCpuSeconds, threadCpuSeconds() - cpuStart);
        figures.noTraceSeconds = std::min(figures.noTraceSeconds, secondsSince(start));
        figures.status = result.status;
        figures.taskSteps = result.taskSteps;
        figures.lines = lines;
    }
    for (int run = 0; run < runs; ++run) {
        sim::Trace trace;
        const auto discard = [](std::string_view) { };
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = threadCpuSeconds();
        sim::simulate(scenario.request, &trace, discard);
        figures.traceCpuSeconds = std::min(figures.traceCpuSeconds, threadCpuSeconds() - cpuStart);
        figures.traceSeconds = std::min(figures.traceSeconds, secondsSince(start));
        figures.traceEvents = trace.events.size();
        figures.traceBytes = trace.memoryBytes();
    }
    // Untimed: the printed lines, digested for the comparison with CPython.
    OutputDigest digest;
    sim::simulate(scenario.request, nullptr, [&digest](std::string_view line) { digest.addLine(line); });
    figures.outputHash = digest.hash();

    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    figures.peakRssKiB = usage.ru_maxrss; // KiB on Linux
    figures.ok = true;
    return figures;
}

// Moves all `size` bytes through `transfer` (read or write), retrying short and interrupted
// transfers; false when the pipe ends or fails first.
template <typename Byte, typename Transfer>
bool transferAll(int fd, Byte* bytes, std::size_t size, Transfer transfer)
{
    while (size > 0) {
        const ssize_t n = transfer(fd, bytes, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes += n;
        size -= std::size_t(n);
    }
    return true;
}

bool writeAll(int fd, const void* data, std::size_t size)
{
    return transferAll(fd, static_cast<const char*>(data), size, ::write);
}

bool readAll(int fd, void* data, std::size_t size) { return transferAll(fd, static_cast<char*>(data), size, ::read); }

// Runs measureLoopscope in a child process so that ru_maxrss belongs to this scenario only.
LoopscopeFigures measureLoopscopeInChild(const Scenario& scenario, int runs)
{
    int fds[2];
    if (pipe(fds) != 0) {
        std::perror("loopscope_bench: pipe");
        return {};
    }
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("loopscope_bench: fork");
        close(fds[0]);
        close(fds[1]);
        return {};
    }
    if (pid == 0) {
        close(fds[0]);
        const LoopscopeFigures figures = measureLoopscope(scenario, runs);
        _exit(writeAll(fds[1], &figures, sizeof figures) ? 0 : 1);
    }
    close(fds[1]);
    LoopscopeFigures figures;
    if (!readAll(fds[0], &figures, sizeof figures))
        figures = {};
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        figures.ok = false;
    return figures;
}

// CPython's wall time per scenario, best of `runs`, through python_bench.py.
bool measurePython(const Options& options, std::vector<Scenario>& scenarios, std::vector<PythonFigures>& python,
    std::string& version)
{
    const std::string script = std::string(LOOPSCOPE_SOURCE_DIR) + "/tools/bench/python_bench.py";
    std::vector<std::string> command { "python3", script, "--seed", std::to_string(seed), "--chains",
        std::to_string(options.chains), "--producers", std::to_string(options.producers), "--consumers",
        std::to_string(options.consumers), "--repeat", std::to_string(options.runs) };
    if (!options.only.empty())
        command.insert(command.end(), { "--only", options.only });
    std::string pending;
    bool parsed = true;
    const int code = bench::runProcess(command, [&](std::string_view chunk) {
        pending.append(chunk);
        std::size_t newline;
        while ((newline = pending.find('\n')) != std::string::npos) {
            const std::string line = pending.substr(0, newline);
            pending.erase(0, newline + 1);
            const auto name = bench::jsonField(line, "scenario");
            const auto wall = bench::jsonField(line, "wall_seconds");
            if (!name || !wall) {
                parsed = false;
                continue;
            }
            if (auto v = bench::jsonField(line, "python"))
                version = *v;
            for (std::size_t i = 0; i < scenarios.size(); ++i) {
                if (scenarios[i].name != *name)
                    continue;
                const double seconds = std::strtod(wall->c_str(), nullptr);
                if (python[i].wallSeconds == 0 || seconds < python[i].wallSeconds)
                    python[i].wallSeconds = seconds;
            }
        }
    });
    if (code != 0 || !parsed) {
        std::fprintf(stderr, "loopscope_bench: %s failed (exit code %d)\n", script.c_str(), code);
        return false;
    }
    return true;
}

// The reference runner's printed lines for one scenario (untimed), digested like Loopscope's.
bool referenceOutput(const Scenario& scenario, PythonFigures& figures)
{
    std::vector<std::string> command { "python3", std::string(LOOPSCOPE_SOURCE_DIR) + "/tools/reference/run_reference.py" };
    command.insert(command.end(), scenario.referenceArguments.begin(), scenario.referenceArguments.end());
    OutputDigest digest;
    std::string pending;
    const int code = bench::runProcess(command, [&](std::string_view chunk) {
        pending.append(chunk);
        std::size_t begin = 0, newline;
        while ((newline = pending.find('\n', begin)) != std::string::npos) {
            digest.addLine(std::string_view(pending).substr(begin, newline - begin));
            begin = newline + 1;
        }
        pending.erase(0, begin);
    });
    if (!pending.empty())
        digest.addLine(pending);
    if (code != 0) {
        std::fprintf(stderr, "loopscope_bench: run_reference.py %s failed (exit code %d)\n", scenario.name.c_str(), code);
        return false;
    }
    figures.lines = digest.lines();
    figures.outputHash = digest.hash();
    figures.outputKnown = true;
    return true;
}

std::string formatRate(double perSecond)
{
    char buffer[64];
    if (perSecond >= 1e6)
        std::snprintf(buffer, sizeof buffer, "%.2f M", perSecond / 1e6);
    else if (perSecond >= 1e3)
        std::snprintf(buffer, sizeof buffer, "%.1f k", perSecond / 1e3);
    else
        std::snprintf(buffer, sizeof buffer, "%.0f", perSecond);
    return buffer;
}

std::string formatDouble(const char* format, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

std::string formatSeconds(double seconds)
{
    return seconds >= 1 ? formatDouble("%.2f s", seconds) : formatDouble("%.1f ms", seconds * 1e3);
}

void usage(std::FILE* to)
{
    std::fputs(
        "Usage: loopscope_bench [--chains N] [--producers P] [--consumers C] [--runs R] [--no-python]\n"
        "                       [--only chained|asyncq] [--timeline-chains N] [--frames F] [--no-timeline]\n"
        "                       [--process-runs R] [--no-processes]\n"
        "\n"
        "The targets of the README's Benchmarks section that it measures, side by side:\n"
        "- simulation: Loopscope's simulator (no trace, and recording a trace) against CPython's asyncio\n"
        "  (tools/bench/python_bench.py) on chained 1..N and asyncq -p P -c C, seed 444, best of R runs;\n"
        "- timeline: frame and seek time on chained 1..(timeline-chains), ~1,000,000 steps (timeline_bench,\n"
        "  F frames per zoom level);\n"
        "- memory: bytes per recorded event and peak memory of each part;\n"
        "- whole processes (median of --process-runs): `loopscope print` against `python3` on chained 1..N,\n"
        "  asyncq -p 10P -c 10C and asyncq -p P -c C; a tiny print; writing and reading the trace file of\n"
        "  chained 1..N; the window from Run to painted timeline on chained 1..(timeline-chains)\n"
        "  (window_bench); recording a program from CPython (record_bench).\n"
        "Defaults: --chains 100000 --producers 2000 --consumers 4000 --runs 5 --timeline-chains 172000 --frames 20\n"
        "--process-runs 3.\n",
        to);
}

std::optional<std::int64_t> parseNumber(const char* text, std::int64_t minimum)
{
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < minimum)
        return std::nullopt;
    return value;
}

const char* verdict(bool met) { return met ? "yes" : "**no**"; }

// The closing table: each target it measures (README, Benchmarks) next to what was measured.
void printTargets(const std::vector<Scenario>& scenarios, const std::vector<LoopscopeFigures>& loopscope,
    const std::vector<PythonFigures>& python, const std::optional<bench::TimelineFigures>& timeline,
    const std::optional<bench::ProcessFigures>& processes)
{
    std::printf("\nTargets (README, Benchmarks), side by side:\n\n");
    std::printf("| target | run | goal | measured | met |\n|---|---|---:|---|:---:|\n");
    if (processes) {
        const bench::ProcessFigures& p = *processes;
        for (std::size_t i = 0; i < p.prints.size(); ++i) {
            const bench::PrintFigures& print = p.prints[i];
            const double goal = i + 1 == p.prints.size() ? 60 : 100; // the small asyncq run: 60
            if (print.pythonSeconds <= 0) {
                std::printf("| `loopscope print`, whole process | %s | - | %s | |\n", print.run.c_str(),
                    formatSeconds(print.loopscopeSeconds).c_str());
                continue;
            }
            const double ratio = print.pythonSeconds / print.loopscopeSeconds;
            std::printf("| `loopscope print` against `python3`, whole processes | %s | >= %.0f | %.1f (%s against "
                        "%s)%s | %s |\n",
                print.run.c_str(), goal, ratio, formatSeconds(print.loopscopeSeconds).c_str(),
                formatSeconds(print.pythonSeconds).c_str(), print.sameOutput ? "" : ", OUTPUT DIFFERS",
                verdict(ratio >= goal && print.sameOutput));
        }
        std::printf("| a tiny `print`, whole process: median | chained (1 2 3) | < 5 ms | %.2f ms | %s |\n",
            p.tinyPrintMs, verdict(p.tinyPrintMs < 5));
        if (p.windowShownMs)
            std::printf("| the window: Run to painted timeline | %s | < 1 s | %s | %s |\n", p.windowRun.c_str(),
                formatSeconds(*p.windowShownMs / 1000).c_str(), verdict(*p.windowShownMs < 1000));
        const std::string trace
            = formatDouble("%.2f", p.jsonlEvents / 1e6) + " M events, " + formatDouble("%.0f", p.jsonlFileMiB) + " MiB";
        const double own = loopscope.empty() ? 0 : double(loopscope.front().traceBytes) / (1024.0 * 1024.0);
        std::printf("| trace file: `export -o run.jsonl`, whole process | %s (%s) | < 2 s | %s | %s |\n",
            scenarios.front().shown.c_str(), trace.c_str(), formatSeconds(p.jsonlWriteSeconds).c_str(),
            verdict(p.jsonlWriteSeconds < 2));
        std::printf("| trace file: `print run.jsonl`, whole process | %s | < 2 s | %s | %s |\n",
            scenarios.front().shown.c_str(), formatSeconds(p.jsonlReadSeconds).c_str(),
            verdict(p.jsonlReadSeconds < 2));
        std::printf("| trace file: peak memory writing / reading, against the trace's own %.0f MiB | %s | <= 2x | %.0f "
                    "/ %.0f MiB (%.2fx / %.2fx) | %s |\n",
            own, scenarios.front().shown.c_str(), p.jsonlWritePeakMiB, p.jsonlReadPeakMiB, p.jsonlWritePeakMiB / own,
            p.jsonlReadPeakMiB / own, verdict(own > 0 && std::max(p.jsonlWritePeakMiB, p.jsonlReadPeakMiB) <= 2 * own));
        if (p.recordShownSeconds)
            std::printf("| recording a 10,000-step program from CPython and showing it (record_bench) | "
                        "record_program.py | < 2 s | %s | %s |\n",
                formatSeconds(*p.recordShownSeconds).c_str(), verdict(*p.recordShownSeconds < 2));
        if (p.recordStepsPerSecond && p.pythonStepsPerSecond)
            std::printf("| recording: task steps/s, `loopscope record` against plain `python3` | record_program.py | - "
                        "| %.0f against %.0f | |\n",
                *p.recordStepsPerSecond, *p.pythonStepsPerSecond);
    }
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const LoopscopeFigures& l = loopscope[i];
        if (python[i].wallSeconds <= 0)
            continue;
        const double cpython = double(l.taskSteps) / python[i].wallSeconds;
        const double ratio = double(l.taskSteps) / l.noTraceSeconds / cpython;
        const double tracedRatio = double(l.taskSteps) / l.traceSeconds / cpython;
        std::printf("| simulation: task steps/s, Loopscope / CPython | %s | >= 100 | %.1f (%.1f recording the trace) | %s |\n",
            scenarios[i].shown.c_str(), ratio, tracedRatio, verdict(ratio >= 100));
    }
    if (timeline) {
        const bench::TimelineFigures& t = *timeline;
        const std::string run = t.run + ", " + formatDouble("%.0f", t.steps) + " steps";
        std::printf("| timeline frame at 1920x1080, any zoom: slowest frame | %s | < 16 ms | %.1f ms (slowest zoom's median %.1f ms) | %s |\n",
            run.c_str(), t.frameWorstMs, t.frameWorstMedianMs, verdict(t.frameWorstMs < 16));
        std::printf("| seek to any step: slowest of the random seeks, timed again | %s | < 5 ms | %.2f ms (median %.2f ms; raw worst %.2f ms) | %s |\n",
            run.c_str(), t.seekWorstMs, t.seekMedianMs, t.seekRawWorstMs, verdict(t.seekWorstMs < 5));
        std::printf("| memory per recorded event: the trace | %s | <= 64 B | %.1f B (+ %.1f B for the seek index) | %s |\n",
            run.c_str(), t.traceBytesPerEvent, t.indexBytesPerEvent, verdict(t.traceBytesPerEvent <= 64));
        std::printf("| peak memory (trace, index, timeline, painter) | %s | - | %.0f MiB | |\n", run.c_str(), t.peakRssMiB);
    }
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const LoopscopeFigures& l = loopscope[i];
        const double bytes = l.traceEvents ? double(l.traceBytes) / double(l.traceEvents) : 0.0;
        std::printf("| memory per recorded event: the trace | %s | <= 64 B | %.1f B | %s |\n", scenarios[i].shown.c_str(),
            bytes, verdict(bytes <= 64));
        std::printf("| peak memory (simulation with trace) | %s | - | %.0f MiB | |\n", scenarios[i].shown.c_str(),
            double(l.peakRssKiB) / 1024.0);
    }
}

} // namespace

int main(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            usage(stdout);
            return 0;
        }
        if (argument == "--no-python") {
            options.python = false;
            continue;
        }
        if (argument == "--no-timeline") {
            options.timeline = false;
            continue;
        }
        if (argument == "--no-processes") {
            options.processes = false;
            continue;
        }
        if (argument == "--only") {
            if (i + 1 >= argc || (std::string_view(argv[i + 1]) != "chained" && std::string_view(argv[i + 1]) != "asyncq")) {
                std::fprintf(stderr, "loopscope_bench: --only needs chained or asyncq\n");
                return 2;
            }
            options.only = argv[++i];
            continue;
        }
        std::int64_t* target = nullptr;
        std::int64_t minimum = 0;
        std::int64_t runs = options.runs;
        if (argument == "--chains") {
            target = &options.chains;
            minimum = 1;
        } else if (argument == "--producers") {
            target = &options.producers;
        } else if (argument == "--consumers") {
            target = &options.consumers;
        } else if (argument == "--runs") {
            target = &runs;
            minimum = 1;
        } else if (argument == "--timeline-chains") {
            target = &options.timelineChains;
            minimum = 1;
        } else if (argument == "--frames") {
            target = &options.frames;
            minimum = 1;
        } else if (argument == "--process-runs") {
            target = &options.processRuns;
            minimum = 1;
        } else {
            std::fprintf(stderr, "loopscope_bench: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
        // At most the simulator's task limit (a bigger run would be refused anyway).
        const std::int64_t maximum = std::int64_t(sim::Limits {}.maxTasks) - 1;
        std::optional<std::int64_t> value;
        if (i + 1 < argc)
            value = parseNumber(argv[++i], minimum);
        if (!value || *value > maximum) {
            std::fprintf(stderr, "loopscope_bench: %s needs a whole number from %" PRId64 " to %" PRId64 "\n",
                std::string(argument).c_str(), minimum, maximum);
            return 2;
        }
        *target = *value;
        options.runs = int(runs);
    }

    std::vector<Scenario> scenarios(2);
    Scenario& chained = scenarios[0];
    chained.name = "chained";
    chained.shown = "chained 1.." + std::to_string(options.chains);
    chained.request = sim::RunRequest::defaultsFor(sim::chainedProgram());
    chained.request.seed = sim::PyInt::fromInt64(seed);
    chained.referenceArguments = { "chained", "--seed=" + std::to_string(seed), "--" };
    for (std::int64_t n = 1; n <= options.chains; ++n) {
        chained.request.arguments[0].push_back(sim::PyInt::fromInt64(n));
        chained.referenceArguments.push_back(std::to_string(n));
    }
    Scenario& asyncq = scenarios[1];
    asyncq.name = "asyncq";
    asyncq.shown = "asyncq -p " + std::to_string(options.producers) + " -c " + std::to_string(options.consumers);
    asyncq.request = sim::RunRequest::defaultsFor(sim::asyncqProgram());
    asyncq.request.seed = sim::PyInt::fromInt64(seed);
    asyncq.request.arguments = { { sim::PyInt::fromInt64(options.producers) }, { sim::PyInt::fromInt64(options.consumers) } };
    asyncq.referenceArguments = { "asyncq", "--seed=" + std::to_string(seed), "-p", std::to_string(options.producers),
        "-c", std::to_string(options.consumers) };
    if (!options.only.empty())
        std::erase_if(scenarios, [&](const Scenario& scenario) { return scenario.name != options.only; });

    int exitCode = 0;
    for (const Scenario& scenario : scenarios) {
        if (auto invalid = scenario.request.validate()) {
            std::fprintf(stderr, "loopscope_bench: %s\n", invalid->message.c_str());
            return 2;
        }
    }

    std::vector<LoopscopeFigures> loopscope;
    for (const Scenario& scenario : scenarios) {
        std::fprintf(stderr, "loopscope_bench: Loopscope, %s, best of %d ...\n", scenario.shown.c_str(), options.runs);
        loopscope.push_back(measureLoopscopeInChild(scenario, options.runs));
        if (!loopscope.back().ok) {
            std::fprintf(stderr, "loopscope_bench: the measurement of %s failed\n", scenario.shown.c_str());
            return 1;
        }
        if (loopscope.back().status != sim::RunStatus::Completed) {
            std::fprintf(stderr, "WARNING: %s did not complete (deadlock or limit)\n", scenario.shown.c_str());
            exitCode = 1;
        }
    }

    std::vector<PythonFigures> python(scenarios.size());
    std::string pythonVersion = "?";
    if (options.python) {
        std::fprintf(stderr, "loopscope_bench: CPython (python_bench.py), best of %d ...\n", options.runs);
        if (!measurePython(options, scenarios, python, pythonVersion))
            return 1;
        for (std::size_t i = 0; i < scenarios.size(); ++i) {
            std::fprintf(stderr, "loopscope_bench: CPython output of %s ...\n", scenarios[i].shown.c_str());
            if (!referenceOutput(scenarios[i], python[i]))
                return 1;
        }
    }

    std::printf("Loopscope simulation benchmark: seed %" PRId64 ", best of %d runs%s\n\n", seed, options.runs,
        options.python ? (", CPython " + pythonVersion).c_str() : ", CPython not measured");
    std::printf("| scenario | task steps | Loopscope steps/s | with trace | CPython steps/s | ratio | ratio with trace "
                "| trace events | bytes/event | peak RSS |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const LoopscopeFigures& l = loopscope[i];
        const PythonFigures& p = python[i];
        const double steps = double(l.taskSteps);
        const double fast = steps / l.noTraceSeconds;
        const double traced = steps / l.traceSeconds;
        const bool havePython = options.python && p.wallSeconds > 0;
        const double cpython = havePython ? steps / p.wallSeconds : 0;
        std::printf("| %s | %" PRIu64 " | %s | %s | %s | %s | %s | %" PRIu64 " | %s | %s MiB |\n", scenarios[i].shown.c_str(),
            l.taskSteps, formatRate(fast).c_str(), formatRate(traced).c_str(),
            havePython ? formatRate(cpython).c_str() : "-", havePython ? formatDouble("%.1f", fast / cpython).c_str() : "-",
            havePython ? formatDouble("%.1f", traced / cpython).c_str() : "-", l.traceEvents,
            formatDouble("%.1f", l.traceEvents ? double(l.traceBytes) / double(l.traceEvents) : 0.0).c_str(),
            formatDouble("%.0f", double(l.peakRssKiB) / 1024.0).c_str());
    }
    std::printf("\nWall time (best of %d): ", options.runs);
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        std::printf("%s%s: Loopscope %s, with trace %s", i ? "; " : "", scenarios[i].name.c_str(),
            formatSeconds(loopscope[i].noTraceSeconds).c_str(), formatSeconds(loopscope[i].traceSeconds).c_str());
        if (options.python)
            std::printf(", CPython %s", formatSeconds(python[i].wallSeconds).c_str());
    }
    std::printf("\nCPU time of the same runs (best of %d): ", options.runs);
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const double steps = double(loopscope[i].taskSteps);
        std::printf("%s%s: Loopscope %s (%s steps/s), with trace %s (%s steps/s)", i ? "; " : "",
            scenarios[i].name.c_str(), formatSeconds(loopscope[i].noTraceCpuSeconds).c_str(),
            formatRate(steps / loopscope[i].noTraceCpuSeconds).c_str(), formatSeconds(loopscope[i].traceCpuSeconds).c_str(),
            formatRate(steps / loopscope[i].traceCpuSeconds).c_str());
    }
    std::printf("\nPeak RSS is the Loopscope measuring process's, per scenario (trace included).\n");
    if (options.python)
        std::printf("Target (README, Benchmarks): ratio >= 100.\n");

    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        if (!options.python || !python[i].outputKnown)
            continue;
        if (loopscope[i].lines != python[i].lines) {
            std::printf("WARNING: %s: Loopscope printed %" PRIu64 " lines, CPython %" PRIu64 "\n", scenarios[i].shown.c_str(),
                loopscope[i].lines, python[i].lines);
            exitCode = 1;
        } else if (loopscope[i].outputHash != python[i].outputHash) {
            std::printf("WARNING: %s: Loopscope and CPython printed %" PRIu64 " lines each, but different ones\n",
                scenarios[i].shown.c_str(), python[i].lines);
            exitCode = 1;
        } else {
            std::printf("Output check: %s: %" PRIu64 " lines, identical to CPython's (items masked).\n",
                scenarios[i].shown.c_str(), python[i].lines);
        }
    }

    std::optional<bench::TimelineFigures> timeline;
    if (options.timeline) {
#ifdef LOOPSCOPE_TIMELINE_BENCH
        std::fprintf(stderr, "loopscope_bench: timeline, chained 1..%" PRId64 " ...\n", options.timelineChains);
        std::printf("\nTimeline benchmark (timeline_bench):\n");
        timeline = bench::measureTimeline(LOOPSCOPE_TIMELINE_BENCH, long(options.timelineChains), int(options.frames));
        if (!timeline)
            exitCode = 1;
#else
        std::printf("\nTimeline not measured: this build has no timeline_bench (Qt Gui missing).\n");
#endif
    }
    std::optional<bench::ProcessFigures> processes;
#ifdef LOOPSCOPE_APP
    if (options.processes && options.only.empty()) {
        bench::ProcessOptions process;
        process.loopscope = LOOPSCOPE_APP;
#ifdef LOOPSCOPE_WINDOW_BENCH
        process.windowBench = LOOPSCOPE_WINDOW_BENCH;
#endif
#ifdef LOOPSCOPE_RECORD_BENCH
        process.recordBench = LOOPSCOPE_RECORD_BENCH;
#endif
        process.chains = long(options.chains);
        process.producers = long(options.producers);
        process.consumers = long(options.consumers);
        // The window's run scales with the timeline's: ~1,000,000 steps by default.
        process.windowProducers = std::max(1L, long(options.timelineChains * 30'000 / 172'000));
        process.runs = int(options.processRuns);
        process.python = options.python;
        processes = bench::measureProcesses(process);
        if (!processes)
            exitCode = 1;
        else if (std::any_of(processes->prints.begin(), processes->prints.end(),
                     [&](const bench::PrintFigures& p) { return options.python && !p.sameOutput; })) {
            std::printf("WARNING: a whole-process `loopscope print` printed other lines than CPython\n");
            exitCode = 1;
        }
    }
#endif
    printTargets(scenarios, loopscope, python, timeline, processes);
    return exitCode;
}
