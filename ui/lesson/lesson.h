// SPDX-License-Identifier: MIT
#pragma once

#include "prediction.h"
#include "simulation.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

namespace ui {

// A lesson: what a teacher prepares at home and opens in class (a `.loopscope` file,
// lessonfile.h; the format is documented field by field in the README's "Lesson files").
// Everything is kept as the teacher typed it (arguments and seeds as text, the way the run
// form holds them), so a lesson opened, saved and opened again is exactly the same lesson.

// The limits a lesson is held to, in memory and in a file (checkLesson, readLesson): far
// beyond any class, small enough that a hostile file cannot take the machine.
inline constexpr qint64 maxLessonBytes = 16 * 1024 * 1024; // the whole file, checked before parsing
inline constexpr std::size_t maxLessonRuns = 100;
inline constexpr std::size_t maxLessonBookmarks = 10'000; // in the whole lesson, all runs together
inline constexpr std::size_t maxScriptArgvWords = 1'000; // per embedded program
inline constexpr std::uint64_t maxBookmarkStep = (std::uint64_t(1) << 53) - 1; // exact in JSON
// The View menu's text zoom range (ui/window/typography.h: minScale, maxScale).
inline constexpr double minLessonTextScale = 0.6;
inline constexpr double maxLessonTextScale = 3.0;

// A built-in program (core/programs.cpp): its name and each parameter's text by its key
// ("producers" -> "3"), exactly as the run form's field holds it. A parameter left out means
// its default, as in the form.
struct BuiltinProgram {
    QString name; // "chained", "asyncq"
    QMap<QString, QString> arguments; // by sim::ProgramParameter::key

    bool operator==(const BuiltinProgram&) const = default;
};

// A Python program carried in the lesson (it is recorded under CPython, see sim::Script).
struct EmbeddedProgram {
    QString fileName; // "countasync.py": a plain file name, no directory
    QStringList argv; // what the program receives after its own name
    QString source; // the whole program text

    bool operator==(const EmbeddedProgram&) const = default;
};

// A step of a run the teacher wants to stop at.
struct LessonBookmark {
    std::uint64_t step = 0; // a cursor position, as the window counts: `step` steps have run (0 = before the first)
    QString title; // a few words for the list of bookmarks
    QString note; // plain text for the class, shown at that step
    std::vector<sim::QuestionKind> asks; // predict mode's questions asked at that step, in the order asked, each once

    bool operator==(const LessonBookmark&) const = default;
};

struct LessonRun {
    QString title; // may be empty: messages and lists then say "run 2"
    std::variant<BuiltinProgram, EmbeddedProgram> program;
    QString seed = QStringLiteral("444"); // as typed in the form: any size, as Python's int() reads it
    std::vector<LessonBookmark> bookmarks; // in increasing step order, at most one per step

    bool isEmbedded() const { return std::holds_alternative<EmbeddedProgram>(program); }
    bool operator==(const LessonRun&) const = default;
};

// Two runs shown one above the other (indices into Lesson::runs; the file counts from 1).
struct LessonComparison {
    std::size_t above = 0;
    std::size_t below = 1;

    bool operator==(const LessonComparison&) const = default;
};

// The part of the timeline's axis in view: in its units (seconds on the time axis, steps
// on the steps axis, on the instants axis a second plus a small width per step before).
struct LessonRange {
    double from = 0; // >= 0
    double to = 1; // > from

    bool operator==(const LessonRange&) const = default;
};

// How the window looks when the lesson opens: the window's view state (the View menu's
// settings and the timeline's zoom and scroll), applied to the lesson's first run.
struct LessonView {
    enum class Axis : std::uint8_t { Time, Instants, Steps };
    enum class Theme : std::uint8_t { Light, Dark };
    Axis axis = Axis::Time;
    std::optional<LessonRange> range; // none: the whole run
    Theme theme = Theme::Light;
    double textScale = 1.0; // within [minLessonTextScale, maxLessonTextScale]
    bool showInternalTasks = false;
    bool hideFuture = false;

    bool operator==(const LessonView&) const = default;
};

struct Lesson {
    QString title;
    QString introduction; // a note for the start of the lesson; may be empty
    std::vector<LessonRun> runs; // at least one
    std::optional<LessonComparison> comparison;
    LessonView view;

    bool operator==(const Lesson&) const = default;
};

// A problem with a lesson and where it is: "run 2 \"Two producers\", bookmark 3", or empty
// for the lesson as a whole.
struct LessonProblem {
    QString where;
    QString what;

    QString text() const; // "where: what", or "what"
};

// The first thing that keeps `lesson` from being saved or opened, or nothing. Checks every
// limit above, every built-in run through requestOf (the run form's messages), the embedded
// programs (a plain file name, no NUL character in the source or argv), the bookmarks' order
// (strictly increasing steps: a file with bookmarks out of order or two on one step is
// refused, never reordered), the comparison's runs, the view's text scale, and that every
// text can be written as UTF-8 and read back the same. readLesson refuses what this
// refuses, and writeLesson will not write it.
std::optional<LessonProblem> checkLesson(const Lesson& lesson);

// The run request a built-in run describes, parsed exactly as the run form parses its fields
// (sim::parseSeed, sim::parseParameter, RunRequest::validate) with the form's messages, or
// the first problem. An embedded run gives the request to record its program
// (RunRequest::forScript): the script's path is empty, the caller writes `source` somewhere.
std::variant<sim::RunRequest, QString> requestOf(const LessonRun& run);

// The lesson run that describes `request` (the inverse of requestOf), with no bookmarks.
// A recorded request carries `source`, the program's text.
LessonRun lessonRunOf(const sim::RunRequest& request, const QString& source = {});

// Whether every bookmark of run `runIndex` lies within a run of `stepCount` steps (positions
// 0 to stepCount): empty when they do, else a message naming the first that does not, e.g.
// `run 1 "Chained", bookmark 3 "Who runs next?": step 120 is beyond the end of the run (it
// has 87 steps)`. A lesson file cannot know its runs' lengths: the window calls this once a
// run is computed.
QString checkBookmarks(const Lesson& lesson, std::size_t runIndex, std::size_t stepCount);

// The bookmark on exactly `step` of `run`, if any (for the Notes panel as the cursor moves).
const LessonBookmark* bookmarkAt(const LessonRun& run, std::uint64_t step);

// Adds `bookmark` to `run` in step order; false (and nothing changed) when a bookmark is
// already on that step.
bool addBookmark(LessonRun& run, LessonBookmark bookmark);

// How messages and lists name a run: `run 2 "Two producers"`, or `run 2` without a title;
// and a bookmark: `run 2 "Two producers", bookmark 3 "Who runs next?"` (counted from 1).
QString describeLessonRun(const Lesson& lesson, std::size_t runIndex);
QString describeLessonBookmark(const Lesson& lesson, std::size_t runIndex, std::size_t bookmarkIndex);

} // namespace ui
