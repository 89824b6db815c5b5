// SPDX-License-Identifier: MIT
#pragma once

#include "lesson.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ui {

// The lesson file: one JSON document, UTF-8, "format": "loopscope-lesson", "version": 1,
// documented field by field in the README's "Lesson files".
inline constexpr int lessonFormatVersion = 1;

// The file's text for `lesson`, or nothing when checkLesson refuses it or the text would be
// larger than maxLessonBytes (*error then says why). Indented, keys sorted (QJsonDocument's
// order): reading it gives `lesson` back, and writing that again the same bytes.
std::optional<QByteArray> lessonBytes(const Lesson& lesson, QString* error);

// Writes `lesson` to `path` through QSaveFile: on any failure (a lesson checkLesson refuses,
// a disk that is full or read-only) the file that was there is untouched and *error says why.
bool writeLesson(const QString& path, const Lesson& lesson, QString* error);

// Reads a lesson file. Every file is untrusted: anything that is not a lesson this Loopscope
// can show (larger than maxLessonBytes, checked before parsing; not JSON; another format; a
// newer version; a missing or mistyped field; an unknown key; whatever checkLesson refuses)
// gives nothing, and *error is one line naming the file, where the problem is and what it
// is: "FILE, line N: ..." for JSON syntax, "FILE, run 2 \"Queue\", bookmark 3: ..." for the
// rest. Never runs anything; memory stays within a small multiple of the file's size.
std::optional<Lesson> readLesson(const QString& path, QString* error);

// The same, from bytes in memory (`name` stands for the file in messages): the fuzz target.
std::optional<Lesson> readLessonBytes(const QByteArray& bytes, const QString& name, QString* error);

// Whether `path` names a lesson file by its extension (.loopscope), for the command line.
bool isLessonFileName(const QString& path);

} // namespace ui
