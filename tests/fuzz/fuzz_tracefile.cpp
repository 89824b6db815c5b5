// SPDX-License-Identifier: MIT
// Fuzz target (libFuzzer) over the trace file reader: any bytes are either refused with a
// message naming the line, or give a run that the state index, the timeline and the
// narration take as they take a simulated one. A crash, a sanitizer report, an uncaught
// exception or a hang is a bug.
#include "narration.h"
#include "rundata.h"
#include "tracefile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    auto contents = ui::readTraceBytes(bytes, QStringLiteral("fuzz.jsonl"), &error);
    if (!contents) {
        if (!error.startsWith(QStringLiteral("fuzz.jsonl, line ")))
            __builtin_trap(); // every refusal names the file and the line
        return 0;
    }
    const ui::RunDataPtr run = ui::runFromTraceFile(std::move(*contents));
    const std::size_t steps = run->index->stepCount();
    for (std::size_t step = 0; step < steps && step < 64; ++step)
        (void)sim::narrateStep(*run->index, step);
    (void)sim::narrateEnd(*run->index);
    return 0;
}
