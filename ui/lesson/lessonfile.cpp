// SPDX-License-Identifier: MIT
#include "lessonfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <initializer_list>

namespace ui {

namespace {
    const QString formatName = QStringLiteral("loopscope-lesson");

    // The names the file uses for the model's enums, in the enums' order (sim::QuestionKind for the questions).
    constexpr std::array<const char*, 3> axisNames { "time", "instants", "steps" };
    constexpr std::array<const char*, 2> themeNames { "light", "dark" };
    constexpr std::array<const char*, 3> predictionNames { "next_task", "next_output", "end_time" };

    // The keys each object may hold: anything else is refused, so that a misspelt key in a
    // hand-edited file is reported instead of silently ignored.
    const std::initializer_list<const char*> lessonKeys { "format", "version", "title", "introduction", "runs",
        "comparison", "view" };
    const std::initializer_list<const char*> builtinRunKeys { "title", "program", "arguments", "seed", "bookmarks" };
    const std::initializer_list<const char*> embeddedRunKeys { "title", "script", "seed", "bookmarks" };
    const std::initializer_list<const char*> scriptKeys { "file", "argv", "source" };
    const std::initializer_list<const char*> bookmarkKeys { "step", "title", "note", "ask" };
    const std::initializer_list<const char*> comparisonKeys { "above", "below" };
    const std::initializer_list<const char*> viewKeys { "axis", "range", "theme", "text_scale", "internal_tasks",
        "hide_future" };
    const std::initializer_list<const char*> rangeKeys { "from", "to" };

    // A hostile file of many tiny values ([0,0,0,...]) makes a JSON parser's tree many
    // times larger than the text: the values are counted before parsing and held to what the
    // largest lesson within the limits can hold. That bounds the reading too, so the limits
    // themselves (runs, bookmarks, argv) are checked once, by checkLesson, after reading.
    constexpr std::size_t maxJsonValues = 64 + maxLessonRuns * (32 + maxScriptArgvWords) + maxLessonBookmarks * 16;

    QString key(const char* name) { return QString::fromLatin1(name); }

    template <std::size_t N> QString nameList(const std::array<const char*, N>& names)
    {
        QStringList quoted;
        for (const char* name : names)
            quoted << QStringLiteral("\"%1\"").arg(key(name));
        return quoted.join(QStringLiteral(", "));
    }

    QString keyList(std::initializer_list<const char*> keys)
    {
        QStringList list;
        for (const char* name : keys)
            list << key(name);
        return list.join(QStringLiteral(", "));
    }

    // ---- Writing ----

    QJsonObject bookmarkObject(const LessonBookmark& bookmark)
    {
        QJsonArray asks;
        for (sim::QuestionKind prediction : bookmark.asks)
            asks.append(key(predictionNames[std::size_t(prediction)]));
        QJsonObject object;
        object[QStringLiteral("step")] = qint64(bookmark.step);
        object[QStringLiteral("title")] = bookmark.title;
        object[QStringLiteral("note")] = bookmark.note;
        object[QStringLiteral("ask")] = asks;
        return object;
    }

    QJsonObject runObject(const LessonRun& run)
    {
        QJsonObject object;
        object[QStringLiteral("title")] = run.title;
        if (const auto* builtin = std::get_if<BuiltinProgram>(&run.program)) {
            object[QStringLiteral("program")] = builtin->name;
            QJsonObject arguments;
            for (auto i = builtin->arguments.begin(); i != builtin->arguments.end(); ++i)
                arguments[i.key()] = i.value();
            object[QStringLiteral("arguments")] = arguments;
        } else {
            const EmbeddedProgram& embedded = std::get<EmbeddedProgram>(run.program);
            QJsonObject script;
            script[QStringLiteral("file")] = embedded.fileName;
            script[QStringLiteral("argv")] = QJsonArray::fromStringList(embedded.argv);
            script[QStringLiteral("source")] = embedded.source;
            object[QStringLiteral("script")] = script;
        }
        object[QStringLiteral("seed")] = run.seed;
        QJsonArray bookmarks;
        for (const LessonBookmark& bookmark : run.bookmarks)
            bookmarks.append(bookmarkObject(bookmark));
        object[QStringLiteral("bookmarks")] = bookmarks;
        return object;
    }

    QJsonObject lessonObject(const Lesson& lesson)
    {
        QJsonObject object;
        object[QStringLiteral("format")] = formatName;
        object[QStringLiteral("version")] = lessonFormatVersion;
        object[QStringLiteral("title")] = lesson.title;
        object[QStringLiteral("introduction")] = lesson.introduction;
        QJsonArray runs;
        for (const LessonRun& run : lesson.runs)
            runs.append(runObject(run));
        object[QStringLiteral("runs")] = runs;
        if (lesson.comparison) {
            QJsonObject comparison;
            comparison[QStringLiteral("above")] = qint64(lesson.comparison->above + 1);
            comparison[QStringLiteral("below")] = qint64(lesson.comparison->below + 1);
            object[QStringLiteral("comparison")] = comparison;
        }
        QJsonObject view;
        view[QStringLiteral("axis")] = key(axisNames[std::size_t(lesson.view.axis)]);
        if (const auto& range = lesson.view.range) {
            QJsonObject part;
            part[QStringLiteral("from")] = range->from;
            part[QStringLiteral("to")] = range->to;
            view[QStringLiteral("range")] = part;
        }
        view[QStringLiteral("theme")] = key(themeNames[std::size_t(lesson.view.theme)]);
        view[QStringLiteral("text_scale")] = lesson.view.textScale;
        view[QStringLiteral("internal_tasks")] = lesson.view.showInternalTasks;
        view[QStringLiteral("hide_future")] = lesson.view.hideFuture;
        object[QStringLiteral("view")] = view;
        return object;
    }

    // ---- Reading ----

    using Problem = std::optional<LessonProblem>;

    // One object of the file, read field by field. Each accessor checks the field's type and
    // gives the problem, naming where the object is; an optional field that is absent leaves
    // its output as it was (the model's default).
    class ObjectReader {
    public:
        ObjectReader(const QJsonObject& object, QString where)
            : m_object(object)
            , m_where(std::move(where))
        {
        }

        void setWhere(QString where) { m_where = std::move(where); }
        bool has(const char* name) const { return m_object.contains(key(name)); }

        Problem onlyKeys(std::initializer_list<const char*> known) const
        {
            for (const QString& present : m_object.keys()) {
                const bool isKnown
                    = std::any_of(known.begin(), known.end(), [&](const char* name) { return present == key(name); });
                if (!isKnown)
                    return problem(
                        QStringLiteral("unknown key \"%1\" (the keys here: %2)").arg(present, keyList(known)));
            }
            return std::nullopt;
        }

        Problem text(const char* name, QString& out, bool required = false) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return required ? Problem(missing(name)) : std::nullopt;
            if (!value.isString())
                return problem(QStringLiteral("\"%1\" must be text (in double quotes)").arg(key(name)));
            out = value.toString();
            return std::nullopt;
        }

        Problem integer(const char* name, std::uint64_t least, std::uint64_t most, std::uint64_t& out) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return missing(name);
            const double number = value.toDouble(-1);
            if (!value.isDouble() || !(number >= double(least) && number <= double(most))
                || number != double(std::uint64_t(number)))
                return problem(
                    QStringLiteral("\"%1\" must be a whole number from %2 to %3").arg(key(name)).arg(least).arg(most));
            out = std::uint64_t(number);
            return std::nullopt;
        }

        Problem number(const char* name, double& out) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return std::nullopt;
            if (!value.isDouble())
                return problem(QStringLiteral("\"%1\" must be a number").arg(key(name)));
            out = value.toDouble();
            return std::nullopt;
        }

        Problem flag(const char* name, bool& out) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return std::nullopt;
            if (!value.isBool())
                return problem(QStringLiteral("\"%1\" must be true or false").arg(key(name)));
            out = value.toBool();
            return std::nullopt;
        }

        Problem array(const char* name, QJsonArray& out, bool required = false) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return required ? Problem(missing(name)) : std::nullopt;
            if (!value.isArray())
                return problem(QStringLiteral("\"%1\" must be a list (in square brackets)").arg(key(name)));
            out = value.toArray();
            return std::nullopt;
        }

        Problem object(const char* name, QJsonObject& out, bool required = false) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return required ? Problem(missing(name)) : std::nullopt;
            if (!value.isObject())
                return problem(QStringLiteral("\"%1\" must be an object (in curly braces)").arg(key(name)));
            out = value.toObject();
            return std::nullopt;
        }

        // One of `names`: its index.
        template <std::size_t N>
        Problem oneOf(const char* name, const std::array<const char*, N>& names, std::size_t& out) const
        {
            const QJsonValue value = m_object.value(key(name));
            if (value.isUndefined())
                return std::nullopt;
            for (std::size_t i = 0; i < N; ++i) {
                if (value == QJsonValue(key(names[i]))) {
                    out = i;
                    return std::nullopt;
                }
            }
            return problem(QStringLiteral("\"%1\" must be one of %2").arg(key(name), nameList(names)));
        }

        LessonProblem problem(const QString& what) const { return LessonProblem { m_where, what }; }

    private:
        LessonProblem missing(const char* name) const
        {
            return problem(QStringLiteral("\"%1\" is missing").arg(key(name)));
        }

        const QJsonObject& m_object;
        QString m_where;
    };

    Problem readAsks(const QJsonArray& array, const ObjectReader& reader, std::vector<sim::QuestionKind>& out)
    {
        for (const QJsonValue& value : array) {
            auto found = std::find_if(predictionNames.begin(), predictionNames.end(),
                [&](const char* name) { return value == QJsonValue(key(name)); });
            if (found == predictionNames.end())
                return reader.problem(QStringLiteral("\"ask\" holds %1, not one of %2")
                                          .arg(value.isString() ? QStringLiteral("\"%1\"").arg(value.toString())
                                                                : QStringLiteral("a non-text value"),
                                              nameList(predictionNames)));
            out.push_back(sim::QuestionKind(found - predictionNames.begin()));
        }
        return std::nullopt;
    }

    Problem readBookmarks(const QJsonArray& array, Lesson& lesson, std::size_t runIndex)
    {
        LessonRun& run = lesson.runs[runIndex];
        run.bookmarks.reserve(std::size_t(array.size()));
        for (qsizetype b = 0; b < array.size(); ++b) {
            const QString where = describeLessonBookmark(lesson, runIndex, std::size_t(b));
            if (!array[b].isObject())
                return LessonProblem { where, QStringLiteral("must be an object (in curly braces)") };
            const QJsonObject object = array[b].toObject();
            ObjectReader reader(object, where);
            LessonBookmark& bookmark = run.bookmarks.emplace_back();
            if (Problem problem = reader.text("title", bookmark.title))
                return problem;
            reader.setWhere(describeLessonBookmark(lesson, runIndex, std::size_t(b)));
            QJsonArray asks;
            Problem problem = reader.onlyKeys(bookmarkKeys);
            if (!problem)
                problem = reader.integer("step", 0, maxBookmarkStep, bookmark.step);
            if (!problem)
                problem = reader.text("note", bookmark.note);
            if (!problem)
                problem = reader.array("ask", asks);
            if (!problem)
                problem = readAsks(asks, reader, bookmark.asks);
            if (problem)
                return problem;
        }
        return std::nullopt;
    }

    Problem readProgram(const ObjectReader& reader, LessonRun& run)
    {
        const bool builtin = reader.has("program");
        if (builtin == reader.has("script"))
            return reader.problem(builtin
                    ? QStringLiteral("has both \"program\" and \"script\": a run is one or the other")
                    : QStringLiteral("has neither \"program\" (a built-in program) nor \"script\" (a Python program)"));
        if (Problem problem = reader.onlyKeys(builtin ? builtinRunKeys : embeddedRunKeys))
            return problem;
        if (builtin) {
            BuiltinProgram program;
            QJsonObject arguments;
            if (Problem problem = reader.text("program", program.name, true))
                return problem;
            if (Problem problem = reader.object("arguments", arguments))
                return problem;
            for (auto i = arguments.begin(); i != arguments.end(); ++i) {
                if (!i.value().isString())
                    return reader.problem(
                        QStringLiteral("the argument \"%1\" must be text, as typed in the form (\"3\", \"1 2 3\")")
                            .arg(i.key()));
                program.arguments.insert(i.key(), i.value().toString());
            }
            run.program = std::move(program);
            return std::nullopt;
        }
        EmbeddedProgram program;
        QJsonObject script;
        QJsonArray argv;
        if (Problem problem = reader.object("script", script, true))
            return problem;
        ObjectReader scriptReader(script, QString());
        Problem problem = scriptReader.onlyKeys(scriptKeys);
        if (!problem)
            problem = scriptReader.text("file", program.fileName, true);
        if (!problem)
            problem = scriptReader.text("source", program.source, true);
        if (!problem)
            problem = scriptReader.array("argv", argv);
        if (problem)
            return reader.problem(QStringLiteral("the script: ") + problem->what);
        for (const QJsonValue& word : argv) {
            if (!word.isString())
                return reader.problem(QStringLiteral("the script's \"argv\" must hold text only"));
            program.argv << word.toString();
        }
        run.program = std::move(program);
        return std::nullopt;
    }

    Problem readRuns(const QJsonArray& runs, Lesson& lesson)
    {
        for (qsizetype r = 0; r < runs.size(); ++r) {
            const std::size_t index = std::size_t(r);
            if (!runs[r].isObject())
                return LessonProblem { describeLessonRun(lesson, index),
                    QStringLiteral("must be an object (in curly braces)") };
            const QJsonObject object = runs[r].toObject();
            LessonRun& run = lesson.runs.emplace_back();
            ObjectReader reader(object, describeLessonRun(lesson, index));
            if (Problem problem = reader.text("title", run.title))
                return problem;
            reader.setWhere(describeLessonRun(lesson, index));
            if (Problem problem = readProgram(reader, run))
                return problem;
            if (Problem problem = reader.text("seed", run.seed, true))
                return problem;
            QJsonArray bookmarks;
            if (Problem problem = reader.array("bookmarks", bookmarks))
                return problem;
            if (Problem problem = readBookmarks(bookmarks, lesson, index))
                return problem;
        }
        return std::nullopt;
    }

    // The range's ends; checkLesson checks that they make one.
    Problem readRange(const QJsonObject& object, std::optional<LessonRange>& range)
    {
        const ObjectReader reader(object, QStringLiteral("the view's range"));
        LessonRange part;
        Problem problem = reader.onlyKeys(rangeKeys);
        if (!problem && !(reader.has("from") && reader.has("to")))
            problem = reader.problem(QStringLiteral("needs both \"from\" and \"to\""));
        if (!problem)
            problem = reader.number("from", part.from);
        if (!problem)
            problem = reader.number("to", part.to);
        if (!problem)
            range = part;
        return problem;
    }

    Problem readView(const QJsonObject& object, LessonView& view)
    {
        const ObjectReader reader(object, QStringLiteral("the view"));
        std::size_t axis = std::size_t(view.axis), theme = std::size_t(view.theme);
        QJsonObject range;
        Problem problem = reader.onlyKeys(viewKeys);
        if (!problem)
            problem = reader.oneOf("axis", axisNames, axis);
        if (!problem && reader.has("range"))
            problem = reader.object("range", range);
        if (!problem && reader.has("range"))
            problem = readRange(range, view.range);
        if (!problem)
            problem = reader.oneOf("theme", themeNames, theme);
        if (!problem)
            problem = reader.number("text_scale", view.textScale);
        if (!problem)
            problem = reader.flag("internal_tasks", view.showInternalTasks);
        if (!problem)
            problem = reader.flag("hide_future", view.hideFuture);
        view.axis = LessonView::Axis(axis);
        view.theme = LessonView::Theme(theme);
        return problem;
    }

    // Run numbers, counted from 1; checkLesson checks that they exist and differ.
    Problem readComparison(const QJsonObject& object, std::optional<LessonComparison>& comparison)
    {
        const ObjectReader reader(object, QStringLiteral("the comparison"));
        std::uint64_t above = 0, below = 0;
        Problem problem = reader.onlyKeys(comparisonKeys);
        if (!problem)
            problem = reader.integer("above", 1, maxLessonRuns, above);
        if (!problem)
            problem = reader.integer("below", 1, maxLessonRuns, below);
        if (!problem)
            comparison = LessonComparison { std::size_t(above - 1), std::size_t(below - 1) };
        return problem;
    }

    Problem readLessonObject(const QJsonObject& root, Lesson& lesson)
    {
        // The format and the version first: a newer file may hold keys this version does not know.
        if (root.value(QStringLiteral("format")) != QJsonValue(formatName))
            return LessonProblem { QString(),
                QStringLiteral("not a Loopscope lesson (no \"format\": \"%1\")").arg(formatName) };
        const QJsonValue version = root.value(QStringLiteral("version"));
        if (version.isUndefined())
            return LessonProblem { QString(), QStringLiteral("\"version\" is missing") };
        const double number = version.toDouble(-1);
        if (version.isDouble() && number > lessonFormatVersion && number <= 1e9 && number == double(qint64(number)))
            return LessonProblem { QString(),
                QStringLiteral("made by a newer Loopscope (lesson format version %1; this Loopscope reads version %2): "
                               "open it with a newer Loopscope")
                    .arg(qint64(number))
                    .arg(lessonFormatVersion) };
        if (number != lessonFormatVersion)
            return LessonProblem { QString(),
                QStringLiteral("\"version\" must be %1, the lesson format this Loopscope reads")
                    .arg(lessonFormatVersion) };

        const ObjectReader reader(root, QString());
        QJsonArray runs;
        QJsonObject comparison, view;
        Problem problem = reader.onlyKeys(lessonKeys);
        if (!problem)
            problem = reader.text("title", lesson.title, true);
        if (!problem)
            problem = reader.text("introduction", lesson.introduction);
        if (!problem)
            problem = reader.array("runs", runs, true);
        if (!problem)
            problem = readRuns(runs, lesson);
        if (!problem && reader.has("comparison"))
            problem = reader.object("comparison", comparison);
        if (!problem && reader.has("comparison"))
            problem = readComparison(comparison, lesson.comparison);
        if (!problem)
            problem = reader.object("view", view);
        if (!problem)
            problem = readView(view, lesson.view);
        return problem;
    }

    // How many values the JSON text holds at most: the commas and the openings of objects
    // and lists outside strings (each value but the first of its object or list follows a comma).
    std::size_t countValues(const QByteArray& bytes)
    {
        std::size_t count = 1;
        bool inString = false;
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            const char c = bytes[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == ',' || c == '{' || c == '[') {
                ++count;
            }
        }
        return count;
    }

    // Where a byte offset of the text is, counted from 1: (line, column).
    std::pair<qsizetype, qsizetype> lineAndColumn(const QByteArray& bytes, qsizetype offset)
    {
        offset = std::clamp<qsizetype>(offset, 0, bytes.size());
        const QByteArray before = bytes.left(offset);
        const qsizetype lastNewline = before.lastIndexOf('\n');
        return { before.count('\n') + 1, offset - lastNewline };
    }

    QString sizeText(qint64 bytes) { return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1); }
} // namespace

std::optional<QByteArray> lessonBytes(const Lesson& lesson, QString* error)
{
    if (auto problem = checkLesson(lesson)) {
        *error = problem->text();
        return std::nullopt;
    }
    QByteArray bytes = QJsonDocument(lessonObject(lesson)).toJson(QJsonDocument::Indented);
    if (bytes.size() > maxLessonBytes) {
        *error = QStringLiteral("the lesson would take %1, more than the %2 a lesson file may take")
                     .arg(sizeText(bytes.size()), sizeText(maxLessonBytes));
        return std::nullopt;
    }
    return bytes;
}

bool writeLesson(const QString& path, const Lesson& lesson, QString* error)
{
    QString why;
    const std::optional<QByteArray> bytes = lessonBytes(lesson, &why);
    if (!bytes) {
        *error = QStringLiteral("cannot save '%1': %2").arg(path, why);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<Lesson> readLessonBytes(const QByteArray& bytes, const QString& name, QString* error)
{
    auto fail = [&](const LessonProblem& problem) -> std::optional<Lesson> {
        *error = problem.where.isEmpty() ? QStringLiteral("%1: %2").arg(name, problem.what)
                                         : QStringLiteral("%1, %2: %3").arg(name, problem.where, problem.what);
        // One line for a status bar, even when it quotes a key or a seed with a line break in it.
        error->replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
        return std::nullopt;
    };
    if (bytes.size() > maxLessonBytes)
        return fail({ QString(),
            QStringLiteral("the file is %1, more than the %2 a lesson may take")
                .arg(sizeText(bytes.size()), sizeText(maxLessonBytes)) });
    if (bytes.trimmed().isEmpty())
        return fail({ QString(), QStringLiteral("the file is empty") });
    if (countValues(bytes) > maxJsonValues)
        return fail({ QString(),
            QStringLiteral(
                "the file holds more values than a lesson can (at most %1 runs, %2 bookmarks and %3 words of "
                "argv a program)")
                .arg(maxLessonRuns)
                .arg(maxLessonBookmarks)
                .arg(maxScriptArgvWords) });

    // A byte order mark, as some editors write, is not JSON but says nothing wrong.
    const QByteArray text = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(text, parseError.offset);
        return fail({ QStringLiteral("line %1").arg(line),
            QStringLiteral("not JSON (%1 at column %2)").arg(parseError.errorString()).arg(column) });
    }
    if (!document.isObject())
        return fail({ QString(), QStringLiteral("not a Loopscope lesson (not a JSON object)") });

    Lesson lesson;
    if (Problem problem = readLessonObject(document.object(), lesson))
        return fail(*problem);
    if (Problem problem = checkLesson(lesson))
        return fail(*problem);
    return lesson;
}

std::optional<Lesson> readLesson(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // The size first: a 100 MB file is refused without reading it.
    if (file.size() > maxLessonBytes) {
        *error = QStringLiteral("%1: the file is %2, more than the %3 a lesson may take")
                     .arg(path, sizeText(file.size()), sizeText(maxLessonBytes));
        return std::nullopt;
    }
    // At most one byte more than the limit, in case the file grew since its size was read.
    return readLessonBytes(file.read(maxLessonBytes + 1), path, error);
}

bool isLessonFileName(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("loopscope"), Qt::CaseInsensitive) == 0;
}

} // namespace ui
