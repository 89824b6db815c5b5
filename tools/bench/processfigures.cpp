// SPDX-License-Identifier: MIT
#include "processfigures.h"

#include "benchprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>

extern char** environ; // the benchmark's own environment, passed on to what it runs

#ifndef LOOPSCOPE_SOURCE_DIR
#error "LOOPSCOPE_SOURCE_DIR must name the repository root (set by tools/bench/CMakeLists.txt)"
#endif

namespace bench {

namespace {
    struct Timed {
        double seconds = 0;
        double peakMiB = 0;
        int exitCode = -1;
    };

    // One whole process, its stdout to `output` (a file, or /dev/null): wall time and peak RSS.
    // posix_spawn, not fork: forking this process (hundreds of megabytes by now, from the
    // simulations it ran itself) copied its page tables inside the timed span, 60 to 70 ms
    // on this machine for 2 GB, and the child then tore that copy down. The previous run's
    // output (`output`, and `written`: a file the process writes itself) is removed before the
    // clock starts, so the child does not pay for freeing it (a rename over a 358 MiB trace
    // file took 77 ms).
    Timed timedProcess(const std::vector<std::string>& arguments, const char* output = "/dev/null",
        const char* written = nullptr)
    {
        std::fflush(nullptr);
        if (std::strcmp(output, "/dev/null") != 0)
            unlink(output);
        if (written)
            unlink(written);
        std::vector<char*> argv;
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const auto start = std::chrono::steady_clock::now();
        pid_t pid = 0;
        const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (spawned != 0)
            return {};
        int status = 0;
        rusage usage {};
        wait4(pid, &status, 0, &usage);
        Timed timed;
        timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        timed.peakMiB = double(usage.ru_maxrss) / 1024.0;
        timed.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return timed;
    }

    // The median of `runs` runs (their largest peak); nothing when one fails.
    std::optional<Timed> median(const std::vector<std::string>& arguments, int runs, const char* output = "/dev/null",
        const char* written = nullptr)
    {
        std::vector<Timed> all;
        for (int i = 0; i < runs; ++i) {
            all.push_back(timedProcess(arguments, output, written));
            if (all.back().exitCode != 0) {
                std::fprintf(
                    stderr, "loopscope_bench: %s ... exited with %d\n", arguments.front().c_str(), all.back().exitCode);
                return std::nullopt;
            }
        }
        std::sort(all.begin(), all.end(), [](const Timed& a, const Timed& b) { return a.seconds < b.seconds; });
        Timed result = all[all.size() / 2];
        for (const Timed& run : all)
            result.peakMiB = std::max(result.peakMiB, run.peakMiB);
        return result;
    }

    std::string fileContents(const std::string& path)
    {
        std::string text;
        if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
            char buffer[65536];
            std::size_t read = 0;
            while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0)
                text.append(buffer, read);
            std::fclose(file);
        }
        return text;
    }

    std::string temporaryFolder()
    {
        char pattern[] = "/tmp/loopscope-bench-XXXXXX";
        const char* folder = mkdtemp(pattern);
        return folder ? folder : "/tmp";
    }

    // A command's standard output, or nothing when it failed (77: skipped).
    std::optional<std::string> outputOf(const std::vector<std::string>& arguments, int* exitCode = nullptr)
    {
        std::string output;
        const int code = runProcess(arguments, [&](std::string_view chunk) { output += chunk; });
        if (exitCode)
            *exitCode = code;
        if (code != 0)
            return std::nullopt;
        return output;
    }

    std::vector<std::string> chainedArguments(long chains)
    {
        std::vector<std::string> words { "chained", "--seed=444", "--" };
        for (long n = 1; n <= chains; ++n)
            words.push_back(std::to_string(n));
        return words;
    }
} // namespace

std::optional<ProcessFigures> measureProcesses(const ProcessOptions& options)
{
    ProcessFigures figures;
    const std::string folder = temporaryFolder();
    const std::string python = "python3";
    const std::string reference = LOOPSCOPE_SOURCE_DIR "/tools/reference/run_reference.py";

    std::fprintf(stderr, "loopscope_bench: whole process, loopscope print chained, median of 41 ...\n");
    const auto tiny = median({ options.loopscope, "print", "chained" }, 41);
    if (!tiny)
        return std::nullopt;
    figures.tinyPrintMs = tiny->seconds * 1000;

    struct Run {
        std::string shown;
        std::vector<std::string> words; // after `loopscope print` / run_reference.py
    };
    const long bigProducers = options.producers * 10, bigConsumers = options.consumers * 10;
    const std::vector<Run> runs {
        { "chained 1.." + std::to_string(options.chains), chainedArguments(options.chains) },
        { "asyncq -p " + std::to_string(bigProducers) + " -c " + std::to_string(bigConsumers),
            { "asyncq", "--seed=444", "-p", std::to_string(bigProducers), "-c", std::to_string(bigConsumers) } },
        { "asyncq -p " + std::to_string(options.producers) + " -c " + std::to_string(options.consumers),
            { "asyncq", "--seed=444", "-p", std::to_string(options.producers), "-c",
                std::to_string(options.consumers) } },
    };
    for (const Run& run : runs) {
        std::fprintf(
            stderr, "loopscope_bench: whole process, print %s, median of %d ...\n", run.shown.c_str(), options.runs);
        PrintFigures print;
        print.run = run.shown;
        std::vector<std::string> loopscope { options.loopscope, "print" };
        loopscope.insert(loopscope.end(), run.words.begin(), run.words.end());
        const std::string loopscopeOut = folder + "/loopscope.txt";
        const auto measured = median(loopscope, options.runs, loopscopeOut.c_str());
        if (!measured)
            return std::nullopt;
        print.loopscopeSeconds = measured->seconds;
        if (options.python) {
            std::vector<std::string> cpython { python, reference };
            cpython.insert(cpython.end(), run.words.begin(), run.words.end());
            const std::string pythonOut = folder + "/python.txt";
            const auto measuredPython = median(cpython, options.runs, pythonOut.c_str());
            if (!measuredPython)
                return std::nullopt;
            print.pythonSeconds = measuredPython->seconds;
            // asyncq's items come from os.urandom in CPython, from a seeded stream here.
            static const std::regex item("<[0-9a-f]{10}>");
            print.sameOutput = std::regex_replace(fileContents(loopscopeOut), item, "<ITEM>")
                == std::regex_replace(fileContents(pythonOut), item, "<ITEM>");
        }
        figures.prints.push_back(print);
    }

    std::fprintf(
        stderr, "loopscope_bench: the trace file of chained 1..%ld, median of %d ...\n", options.chains, options.runs);
    const std::string jsonl = folder + "/run.jsonl";
    std::vector<std::string> exportRun { options.loopscope, "export", "-o", jsonl };
    const std::vector<std::string> chained = chainedArguments(options.chains);
    exportRun.insert(exportRun.end(), chained.begin(), chained.end());
    const auto written = median(exportRun, options.runs, "/dev/null", jsonl.c_str());
    const auto read = written ? median({ options.loopscope, "print", jsonl }, options.runs) : std::nullopt;
    if (!written || !read)
        return std::nullopt;
    figures.jsonlWriteSeconds = written->seconds;
    figures.jsonlWritePeakMiB = written->peakMiB;
    figures.jsonlReadSeconds = read->seconds;
    figures.jsonlReadPeakMiB = read->peakMiB;
    struct stat file { };
    if (stat(jsonl.c_str(), &file) == 0)
        figures.jsonlFileMiB = double(file.st_size) / (1024.0 * 1024.0);
    if (std::FILE* header = std::fopen(jsonl.c_str(), "rb")) {
        std::string line(8 * 1024 * 1024, '\0');
        if (std::fgets(line.data(), int(line.size()), header))
            figures.jsonlEvents = jsonNumber(line.c_str(), "events").value_or(0);
        std::fclose(header);
    }
    std::remove(jsonl.c_str());
    std::remove((folder + "/loopscope.txt").c_str());
    std::remove((folder + "/python.txt").c_str());
    rmdir(folder.c_str());

    if (!options.windowBench.empty()) {
        const std::string producers = std::to_string(options.windowProducers);
        const std::string consumers = std::to_string(2 * options.windowProducers);
        std::fprintf(stderr, "loopscope_bench: the window, asyncq -p %s -c %s (window_bench) ...\n", producers.c_str(),
            consumers.c_str());
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
        const std::vector<std::string> window { options.windowBench, "--repeat", "1", "asyncq", "-p", producers, "-c",
            consumers };
        if (const auto output = outputOf(window)) {
            std::smatch match;
            static const std::regex shown(R"(run: [^:]*: (\d+) steps.*simulated and shown in (\d+) ms)");
            if (std::regex_search(*output, match, shown)) {
                figures.windowRun = "asyncq -p " + producers + " -c " + consumers + ", " + match[1].str() + " steps";
                figures.windowShownMs = std::stod(match[2].str());
            }
        }
    }
    if (!options.recordBench.empty()) {
        std::fprintf(stderr, "loopscope_bench: recording from CPython (record_bench) ...\n");
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
        int code = 0;
        if (const auto output = outputOf({ options.recordBench, "--runs", "3" }, &code)) {
            std::smatch match;
            static const std::regex shown(R"(\| recording and showing it[^|]*\|[^|]*\| ([0-9.]+) s)");
            static const std::regex recorded(R"(loopscope record[^|]*\| - \| (\d+) )");
            static const std::regex plain(R"(`python3 PROGRAM.py`[^|]*\| - \| (\d+) )");
            if (std::regex_search(*output, match, shown))
                figures.recordShownSeconds = std::stod(match[1].str());
            if (std::regex_search(*output, match, recorded))
                figures.recordStepsPerSecond = std::stod(match[1].str());
            if (std::regex_search(*output, match, plain))
                figures.pythonStepsPerSecond = std::stod(match[1].str());
        } else if (code != 77) {
            std::fprintf(stderr, "loopscope_bench: record_bench failed (%d)\n", code);
        }
    }
    return figures;
}

} // namespace bench
