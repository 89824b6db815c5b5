// SPDX-License-Identifier: MIT
// Fuzz target (libFuzzer) over the lesson file reader: any bytes are either refused with one
// line naming the file, or give a lesson that writes, reads back as the same lesson and
// writes again as the same bytes, whose built-in runs are requests that can be simulated. A
// crash, a sanitizer report, an uncaught exception or a hang is a bug.
#include "lessonfile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString name = QStringLiteral("fuzz.loopscope");
    QString error;
    const auto lesson = ui::readLessonBytes(bytes, name, &error);
    if (!lesson) {
        if (!(error.startsWith(name + QStringLiteral(": ")) || error.startsWith(name + QStringLiteral(", ")))
            || error.contains(QLatin1Char('\n')))
            __builtin_trap(); // every refusal is one line naming the file
        return 0;
    }

    const auto written = ui::lessonBytes(*lesson, &error);
    if (!written) {
        // Only a file near the size limit may grow past it once indented.
        if (bytes.size() < ui::maxLessonBytes / 4)
            __builtin_trap();
        return 0;
    }
    const auto reread = ui::readLessonBytes(*written, name, &error);
    if (!reread || !(*reread == *lesson))
        __builtin_trap(); // what is written reads back as the same lesson
    const auto again = ui::lessonBytes(*reread, &error);
    if (!again || *again != *written)
        __builtin_trap(); // and writes again as the same bytes

    for (std::size_t r = 0; r < lesson->runs.size(); ++r) {
        const auto request = ui::requestOf(lesson->runs[r]);
        const auto* valid = std::get_if<sim::RunRequest>(&request);
        if (!valid || valid->validate())
            __builtin_trap(); // a run that was read can be simulated as it is
        (void)ui::checkBookmarks(*lesson, r, 10);
        (void)ui::bookmarkAt(lesson->runs[r], 10);
    }
    return 0;
}
