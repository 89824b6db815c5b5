// SPDX-License-Identifier: MIT
#include "lesson.h"

#include "runform.h"

#include <algorithm>

namespace ui {

namespace {
    // A title as a message quotes it: a paragraph would not fit a status bar.
    QString quotedTitle(const QString& title)
    {
        constexpr qsizetype longest = 40;
        QString shown = title.simplified();
        if (shown.size() > longest)
            shown = shown.left(longest - 4) + QChar(0x2026);
        return QLatin1Char('"') + shown + QLatin1Char('"');
    }

    using Problem = std::optional<LessonProblem>;

    // Text that cannot be written as UTF-8 and read back the same (a lone surrogate) is
    // refused rather than changed on the way.
    bool isWritable(const QString& text) { return text.isValidUtf16(); }
    const QString notWritable = QStringLiteral("contains an invalid character (a lone surrogate)");

    Problem checkEmbedded(const EmbeddedProgram& program, const QString& where)
    {
        const QString& name = program.fileName;
        if (name.isEmpty())
            return LessonProblem { where, QStringLiteral("the embedded program has no file name") };
        if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) || name.contains(QChar(0))
            || name == QLatin1String(".") || name == QLatin1String("..") || name.size() > 255)
            return LessonProblem { where,
                QStringLiteral("the embedded program's file name %1 is not a plain file name").arg(quotedTitle(name)) };
        if (program.source.contains(QChar(0)))
            return LessonProblem { where,
                QStringLiteral("the embedded program's source contains a NUL character (Python refuses it)") };
        if (std::size_t(program.argv.size()) > maxScriptArgvWords)
            return LessonProblem { where,
                QStringLiteral("the embedded program has more than %1 words of argv").arg(maxScriptArgvWords) };
        for (const QString& word : program.argv) {
            if (word.contains(QChar(0)))
                return LessonProblem { where,
                    QStringLiteral("a word of the embedded program's argv contains a NUL character") };
            if (!isWritable(word))
                return LessonProblem { where, notWritable };
        }
        if (!isWritable(name) || !isWritable(program.source))
            return LessonProblem { where, notWritable };
        return std::nullopt;
    }

    Problem checkBookmarkOrder(const Lesson& lesson, std::size_t runIndex)
    {
        const std::vector<LessonBookmark>& bookmarks = lesson.runs[runIndex].bookmarks;
        for (std::size_t b = 0; b < bookmarks.size(); ++b) {
            const LessonBookmark& bookmark = bookmarks[b];
            auto problem = [&](const QString& what) {
                return LessonProblem { describeLessonBookmark(lesson, runIndex, b), what };
            };
            if (bookmark.step > maxBookmarkStep)
                return problem(QStringLiteral("step %1 is beyond any run").arg(bookmark.step));
            if (b > 0 && bookmark.step == bookmarks[b - 1].step)
                return problem(QStringLiteral("is on step %1 like the bookmark before it: one bookmark per step")
                                   .arg(bookmark.step));
            if (b > 0 && bookmark.step < bookmarks[b - 1].step)
                return problem(
                    QStringLiteral("step %1 comes before the previous bookmark's step %2: bookmarks go in step order")
                        .arg(bookmark.step)
                        .arg(bookmarks[b - 1].step));
            for (auto i = bookmark.asks.begin(); i != bookmark.asks.end(); ++i) {
                if (std::size_t(*i) > std::size_t(sim::QuestionKind::EndTime))
                    return problem(QStringLiteral("asks an unknown question"));
                if (std::find(bookmark.asks.begin(), i, *i) != i)
                    return problem(QStringLiteral("asks the same question twice"));
            }
            if (!isWritable(bookmark.title) || !isWritable(bookmark.note))
                return problem(notWritable);
        }
        return std::nullopt;
    }

    Problem checkRun(const Lesson& lesson, std::size_t runIndex)
    {
        const LessonRun& run = lesson.runs[runIndex];
        const QString where = describeLessonRun(lesson, runIndex);
        if (!isWritable(run.title) || !isWritable(run.seed))
            return LessonProblem { where, notWritable };
        if (const auto* embedded = std::get_if<EmbeddedProgram>(&run.program)) {
            if (Problem problem = checkEmbedded(*embedded, where))
                return problem;
        }
        const auto request = requestOf(run);
        if (const auto* why = std::get_if<QString>(&request))
            return LessonProblem { where, *why };
        return checkBookmarkOrder(lesson, runIndex);
    }
}

QString LessonProblem::text() const { return where.isEmpty() ? what : where + QStringLiteral(": ") + what; }

QString describeLessonRun(const Lesson& lesson, std::size_t runIndex)
{
    const QString text = QStringLiteral("run %1").arg(runIndex + 1);
    if (runIndex >= lesson.runs.size() || lesson.runs[runIndex].title.isEmpty())
        return text;
    return text + QLatin1Char(' ') + quotedTitle(lesson.runs[runIndex].title);
}

QString describeLessonBookmark(const Lesson& lesson, std::size_t runIndex, std::size_t bookmarkIndex)
{
    const QString text = describeLessonRun(lesson, runIndex) + QStringLiteral(", bookmark %1").arg(bookmarkIndex + 1);
    if (runIndex >= lesson.runs.size() || bookmarkIndex >= lesson.runs[runIndex].bookmarks.size())
        return text;
    const QString& title = lesson.runs[runIndex].bookmarks[bookmarkIndex].title;
    return title.isEmpty() ? text : text + QLatin1Char(' ') + quotedTitle(title);
}

std::optional<LessonProblem> checkLesson(const Lesson& lesson)
{
    auto problem = [](const QString& what) { return LessonProblem { QString(), what }; };
    if (!isWritable(lesson.title) || !isWritable(lesson.introduction))
        return problem(QStringLiteral("the title or the introduction ") + notWritable);
    if (lesson.runs.empty())
        return problem(QStringLiteral("the lesson has no run"));
    if (lesson.runs.size() > maxLessonRuns)
        return problem(QStringLiteral("the lesson has %1 runs, more than Loopscope's limit of %2")
                           .arg(lesson.runs.size())
                           .arg(maxLessonRuns));
    std::size_t bookmarks = 0;
    for (const LessonRun& run : lesson.runs)
        bookmarks += run.bookmarks.size();
    if (bookmarks > maxLessonBookmarks)
        return problem(QStringLiteral("the lesson has %1 bookmarks, more than Loopscope's limit of %2")
                           .arg(bookmarks)
                           .arg(maxLessonBookmarks));
    for (std::size_t r = 0; r < lesson.runs.size(); ++r) {
        if (Problem found = checkRun(lesson, r))
            return found;
    }
    if (const auto& comparison = lesson.comparison) {
        for (std::size_t run : { comparison->above, comparison->below }) {
            if (run >= lesson.runs.size())
                return LessonProblem { QStringLiteral("the comparison"),
                    QStringLiteral("run %1 does not exist (the lesson has %2)").arg(run + 1).arg(lesson.runs.size()) };
        }
        if (comparison->above == comparison->below)
            return LessonProblem { QStringLiteral("the comparison"),
                QStringLiteral("shows run %1 above itself: it needs two different runs").arg(comparison->above + 1) };
    }
    const double scale = lesson.view.textScale;
    if (!(scale >= minLessonTextScale && scale <= maxLessonTextScale))
        return LessonProblem { QStringLiteral("the view"),
            QStringLiteral("the text scale %1 is outside %2 to %3")
                .arg(scale)
                .arg(minLessonTextScale)
                .arg(maxLessonTextScale) };
    if (std::size_t(lesson.view.axis) > std::size_t(LessonView::Axis::Steps)
        || std::size_t(lesson.view.theme) > std::size_t(LessonView::Theme::Dark))
        return LessonProblem { QStringLiteral("the view"), QStringLiteral("the axis or the theme is unknown") };
    if (const auto& range = lesson.view.range; range && !(range->from >= 0 && range->to > range->from))
        return LessonProblem { QStringLiteral("the view"),
            QStringLiteral("the range %1 to %2 is not a part of the axis (0 <= from < to)").arg(range->from).arg(range->to) };
    return std::nullopt;
}

std::variant<sim::RunRequest, QString> requestOf(const LessonRun& run)
{
    if (const auto* embedded = std::get_if<EmbeddedProgram>(&run.program)) {
        const auto seed = sim::parseSeed(run.seed.toStdString());
        if (const auto* why = std::get_if<std::string>(&seed))
            return QString::fromStdString(*why);
        sim::Script script;
        script.fileName = embedded->fileName.toStdString();
        for (const QString& word : embedded->argv)
            script.argv.push_back(word.toStdString());
        sim::RunRequest request = sim::RunRequest::forScript(std::move(script));
        request.seed = std::get<sim::PyInt>(seed);
        return request;
    }

    const BuiltinProgram& builtin = std::get<BuiltinProgram>(run.program);
    const sim::Program* program = sim::findProgram(builtin.name.toStdString());
    if (!program) {
        QStringList known;
        for (const sim::Program* each : sim::programs())
            known << qtext(each->name);
        return QStringLiteral("unknown program '%1' (Loopscope runs %2)")
            .arg(builtin.name, known.join(QStringLiteral(", ")));
    }
    for (auto key = builtin.arguments.keyBegin(); key != builtin.arguments.keyEnd(); ++key) {
        const bool known = std::any_of(program->parameters.begin(), program->parameters.end(),
            [&](const sim::ProgramParameter& parameter) { return qtext(parameter.key) == *key; });
        if (!known) {
            QStringList keys;
            for (const sim::ProgramParameter& parameter : program->parameters)
                keys << qtext(parameter.key);
            return QStringLiteral("%1 has no parameter '%2' (its parameters: %3)")
                .arg(qtext(program->name), *key, keys.join(QStringLiteral(", ")));
        }
    }
    // A built-in run is the run form's fields under other names: parsed by the form, with
    // its messages, so a lesson run means what the same text in the window means.
    RunForm form;
    form.program = builtin.name;
    form.seed = run.seed;
    for (const sim::ProgramParameter& parameter : program->parameters) {
        if (builtin.arguments.contains(qtext(parameter.key)))
            form.setField(*program, parameter, builtin.arguments.value(qtext(parameter.key)));
    }
    auto request = requestFromForm(form);
    if (const auto* error = std::get_if<RunFormError>(&request))
        return error->message;
    return std::get<sim::RunRequest>(request);
}

LessonRun lessonRunOf(const sim::RunRequest& request, const QString& source)
{
    LessonRun run;
    run.seed = QString::fromStdString(request.seed.decimal());
    if (request.script) {
        EmbeddedProgram embedded;
        embedded.fileName = QString::fromStdString(request.script->fileName);
        for (const std::string& word : request.script->argv)
            embedded.argv << QString::fromStdString(word);
        embedded.source = source;
        run.program = embedded;
        return run;
    }
    BuiltinProgram builtin;
    builtin.name = qtext(request.program->name);
    for (std::size_t i = 0; i < request.program->parameters.size() && i < request.arguments.size(); ++i) {
        const sim::ProgramParameter& parameter = request.program->parameters[i];
        QStringList values;
        for (const sim::PyInt& value : request.arguments[i])
            values << QString::fromStdString(value.decimal());
        // An empty list runs the program's default, which the form then shows (formFromRequest).
        builtin.arguments.insert(
            qtext(parameter.key), values.isEmpty() ? qtext(parameter.defaultText) : values.join(QLatin1Char(' ')));
    }
    run.program = builtin;
    return run;
}

QString checkBookmarks(const Lesson& lesson, std::size_t runIndex, std::size_t stepCount)
{
    if (runIndex >= lesson.runs.size())
        return QStringLiteral("the lesson has no run %1").arg(runIndex + 1);
    const std::vector<LessonBookmark>& bookmarks = lesson.runs[runIndex].bookmarks;
    for (std::size_t b = 0; b < bookmarks.size(); ++b) {
        if (bookmarks[b].step > stepCount)
            return LessonProblem { describeLessonBookmark(lesson, runIndex, b),
                QStringLiteral("step %1 is beyond the end of the run (it has %2 steps)")
                    .arg(bookmarks[b].step)
                    .arg(stepCount) }
                .text();
    }
    return {};
}

const LessonBookmark* bookmarkAt(const LessonRun& run, std::uint64_t step)
{
    const auto found = std::lower_bound(run.bookmarks.begin(), run.bookmarks.end(), step,
        [](const LessonBookmark& bookmark, std::uint64_t s) { return bookmark.step < s; });
    return found != run.bookmarks.end() && found->step == step ? &*found : nullptr;
}

bool addBookmark(LessonRun& run, LessonBookmark bookmark)
{
    const auto place = std::lower_bound(run.bookmarks.begin(), run.bookmarks.end(), bookmark.step,
        [](const LessonBookmark& existing, std::uint64_t s) { return existing.step < s; });
    if (place != run.bookmarks.end() && place->step == bookmark.step)
        return false;
    run.bookmarks.insert(place, std::move(bookmark));
    return true;
}

} // namespace ui
