// SPDX-License-Identifier: MIT
#include "timelinefigures.h"

#include "benchprocess.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace bench {

std::optional<TimelineFigures> measureTimeline(const std::string& program, long chains, int frames)
{
    char summaryPath[] = "/tmp/loopscope-timeline-XXXXXX";
    const int fd = mkstemp(summaryPath);
    if (fd < 0) {
        std::perror("loopscope_bench: cannot create a temporary file");
        return std::nullopt;
    }
    close(fd);
    // No display is needed: the frames are painted into an image.
    setenv("QT_QPA_PLATFORM", "offscreen", /*overwrite=*/0);
    const int code = runProcess({ program, "--chains", std::to_string(chains), "--frames", std::to_string(frames),
                                    "--summary", summaryPath },
        [](std::string_view chunk) { std::fwrite(chunk.data(), 1, chunk.size(), stdout); });
    std::ifstream file(summaryPath);
    const std::string json((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::remove(summaryPath);
    if (code != 0 || json.empty()) {
        std::fprintf(stderr, "loopscope_bench: %s failed (exit code %d)\n", program.c_str(), code);
        return std::nullopt;
    }

    TimelineFigures figures;
    figures.run = jsonField(json, "run").value_or("?");
    struct Field {
        const char* key;
        double* value;
    };
    const Field fields[] = {
        { "steps", &figures.steps },
        { "lanes", &figures.lanes },
        { "events", &figures.events },
        { "trace_bytes_per_event", &figures.traceBytesPerEvent },
        { "index_bytes_per_event", &figures.indexBytesPerEvent },
        { "frame_worst_median_ms", &figures.frameWorstMedianMs },
        { "frame_worst_ms", &figures.frameWorstMs },
        { "seek_median_ms", &figures.seekMedianMs },
        { "seek_worst_ms", &figures.seekWorstMs },
        { "seek_raw_worst_ms", &figures.seekRawWorstMs },
        { "peak_rss_mib", &figures.peakRssMiB },
    };
    for (const Field& field : fields) {
        const std::optional<double> value = jsonNumber(json, field.key);
        if (!value) {
            std::fprintf(stderr, "loopscope_bench: %s wrote no \"%s\"\n", program.c_str(), field.key);
            return std::nullopt;
        }
        *field.value = *value;
    }
    return figures;
}

} // namespace bench
