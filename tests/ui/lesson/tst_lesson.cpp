// SPDX-License-Identifier: MIT
// The lesson file: what is written reads back as exactly the same lesson and writing that
// again gives the same bytes; a lesson run means what the run form means; every bad file is
// refused with one message naming the file, where the problem is and what it is; a failed
// save leaves the old file as it was; bookmarks beyond a run's end are named.
#include "lessonfile.h"

#include "rundata.h"
#include "runform.h"
#include "runrequests.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

LessonRun builtinRun(const QString& title, const QString& program, const QMap<QString, QString>& arguments,
    const QString& seed, std::vector<LessonBookmark> bookmarks = {})
{
    LessonRun run;
    run.title = title;
    run.program = BuiltinProgram { program, arguments };
    run.seed = seed;
    run.bookmarks = std::move(bookmarks);
    return run;
}

LessonRun chainedRun(const QString& arguments, const QString& seed)
{
    return builtinRun(QString(), QStringLiteral("chained"), { { QStringLiteral("arguments"), arguments } }, seed);
}

LessonRun asyncqRun(const QString& producers, const QString& consumers, const QString& seed)
{
    return builtinRun(QString(), QStringLiteral("asyncq"),
        { { QStringLiteral("producers"), producers }, { QStringLiteral("consumers"), consumers } }, seed);
}

LessonBookmark bookmark(
    std::uint64_t step, const QString& title, const QString& note = {}, std::vector<sim::QuestionKind> asks = {})
{
    return LessonBookmark { step, title, note, std::move(asks) };
}

// A Python program with text from many scripts, in its source and its argv.
EmbeddedProgram unicodeProgram()
{
    EmbeddedProgram program;
    program.fileName = QStringLiteral("café_async.py");
    program.argv = { QStringLiteral("-n"), QStringLiteral("3"), QStringLiteral("naïve"), QString() };
    program.source = QStringLiteral("# -*- coding: utf-8 -*-\n"
                                    "import asyncio\n\n"
                                    "async def grüße(name: str) -> None:\n"
                                    "\tawait asyncio.sleep(0)\n"
                                    "    print(f\"Привет, {name}! 你好 \U0001F40D \\\"quoted\\\" \\\\ back\")\n\n"
                                    "asyncio.run(grüße(\"κόσμε\"))\n");
    return program;
}

Lesson minimalLesson()
{
    Lesson lesson;
    lesson.title = QStringLiteral("Chained, as the walkthrough runs it");
    lesson.runs.push_back(builtinRun(QString(), QStringLiteral("chained"), {}, QStringLiteral("444")));
    return lesson;
}

Lesson oddBuiltinLesson()
{
    Lesson lesson;
    lesson.title = QStringLiteral("Odd seeds and arguments");
    lesson.introduction = QStringLiteral("Seeds of any size and sign.\nArguments as typed, spaces and all.");
    // As typed: extra spaces, a number beyond 64 bits, negative and zero chains.
    lesson.runs.push_back(builtinRun(QStringLiteral("Huge seed"), QStringLiteral("chained"),
        { { QStringLiteral("arguments"), QStringLiteral("  -7 0   123456789012345678901234567890 ") } },
        QStringLiteral("-98765432109876543210987654321"),
        { bookmark(0, QStringLiteral("Before anything runs"), QStringLiteral("Only main is ready."),
              { sim::QuestionKind::NextTask }),
            bookmark(3, QString(), QString(),
                { sim::QuestionKind::EndTime, sim::QuestionKind::NextOutput, sim::QuestionKind::NextTask }),
            bookmark(1'000'000'000'000ULL, QStringLiteral("Far away"),
                QStringLiteral("Beyond the end: checkBookmarks says so.")) }));
    // asyncq without producers (range(-3) is empty) and a deadlock without consumers.
    lesson.runs.push_back(asyncqRun(QStringLiteral("-3"), QStringLiteral("4"), QStringLiteral("0")));
    lesson.runs.push_back(asyncqRun(QStringLiteral("2"), QStringLiteral("0"), QStringLiteral(" 7 ")));
    // A parameter left out: its default, as in the form.
    lesson.runs.push_back(builtinRun(QStringLiteral("Default consumers"), QStringLiteral("asyncq"),
        { { QStringLiteral("producers"), QStringLiteral("1") } }, QStringLiteral("1_000")));
    // Zoomed in on steps 2.5 to 9.25, asyncio's internal tasks shown.
    lesson.view = LessonView { LessonView::Axis::Steps, LessonRange { 2.5, 9.25 }, LessonView::Theme::Dark, 1.1 * 1.1,
        true, true };
    return lesson;
}

Lesson embeddedLesson()
{
    Lesson lesson;
    lesson.title = QStringLiteral("Ünïcödé: ein Programm, 一个程序 \U0001F600");
    lesson.introduction
        = QStringLiteral("Notes may hold anything:\ttabs, \"quotes\", \\backslashes\\, \u00a0 and \u2028.");
    LessonRun run;
    run.title = QStringLiteral("Greetings \u2014 recorded");
    run.program = unicodeProgram();
    run.seed = QStringLiteral("12345678901234567890123456789012345678901234567890");
    run.bookmarks = { bookmark(2, QStringLiteral("Wer läuft?"), QStringLiteral("Ответ: main.\n\nThen κόσμε."),
        { sim::QuestionKind::NextOutput }) };
    lesson.runs.push_back(run);
    lesson.view.axis = LessonView::Axis::Instants;
    lesson.view.textScale = 3.0;
    return lesson;
}

Lesson comparisonLesson()
{
    Lesson lesson;
    lesson.title = QStringLiteral("Same program, two seeds");
    lesson.runs.push_back(asyncqRun(QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("444")));
    lesson.runs.push_back(asyncqRun(QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("7")));
    lesson.runs.back().bookmarks = { bookmark(5, QStringLiteral("Here they differ")) };
    LessonRun embedded;
    embedded.program = EmbeddedProgram { QStringLiteral("empty.py"), {}, QStringLiteral("pass\n") };
    lesson.runs.push_back(embedded);
    lesson.comparison = LessonComparison { 1, 0 }; // the second run above the first
    lesson.view = LessonView { LessonView::Axis::Time, std::nullopt, LessonView::Theme::Light, 0.6, false, false };
    return lesson;
}

// A well-formed lesson file as JSON, for the bad-input cases to spoil.
QJsonObject goodObject()
{
    QString error;
    const auto bytes = lessonBytes(comparisonLesson(), &error);
    return QJsonDocument::fromJson(bytes.value_or(QByteArray())).object();
}

QByteArray bytesOf(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Indented); }

// `object` with the value at `path` (keys and array indices) replaced by `value`, or
// removed when `value` is undefined.
QJsonValue changed(const QJsonValue& at, QStringList path, const QJsonValue& value)
{
    if (path.isEmpty())
        return value;
    const QString step = path.takeFirst();
    if (at.isArray()) {
        QJsonArray array = at.toArray();
        const int index = step.toInt();
        if (path.isEmpty() && value.isUndefined())
            array.removeAt(index);
        else
            array[index] = changed(array[index], path, value);
        return array;
    }
    QJsonObject object = at.toObject();
    if (path.isEmpty() && value.isUndefined())
        object.remove(step);
    else
        object[step] = changed(object[step], path, value);
    return object;
}

QByteArray spoiled(const QString& path, const QJsonValue& value)
{
    return bytesOf(changed(goodObject(), path.split(QLatin1Char('.')), value).toObject());
}

QJsonObject bookmarkJson(qint64 step)
{
    return QJsonObject { { QStringLiteral("step"), step }, { QStringLiteral("title"), QString() } };
}

// The first ```json block after the heading `## Lesson files` in the README.
QByteArray readmeExample()
{
    const QString readme = QString::fromUtf8(readAll(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/README.md")));
    const qsizetype section = readme.indexOf(QStringLiteral("\n## Lesson files"));
    const QRegularExpression block(
        QStringLiteral("```json\\n(.*?)```"), QRegularExpression::DotMatchesEverythingOption);
    const auto match = block.match(readme, section < 0 ? readme.size() : section);
    return match.hasMatch() ? match.captured(1).toUtf8() : QByteArray();
}

} // namespace

class tst_Lesson : public QObject {
    Q_OBJECT

private slots:
    void aWrittenLessonReadsBackExactly_data();
    void aWrittenLessonReadsBackExactly();
    void theFileIsTheDocumentedJson();
    void aLessonRunMeansWhatTheFormMeans_data();
    void aLessonRunMeansWhatTheFormMeans();
    void aRequestBecomesALessonRunAndBack();
    void bookmarksBeyondARunAreNamed();
    void bookmarksAreFoundAndAddedInStepOrder();
    void badFilesAreRefusedNamingTheFileAndTheProblem_data();
    void badFilesAreRefusedNamingTheFileAndTheProblem();
    void tooManyBookmarksAreRefused();
    void hugeFilesAreRefusedBeforeParsing();
    void aFailedSaveLeavesTheOldFile();
    void aFileThatCannotBeOpenedIsNamed();
    void theReadmeExampleAndTheFuzzCorpusAreLessons();

private:
    QTemporaryDir m_dir;
};

void tst_Lesson::aWrittenLessonReadsBackExactly_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("minimal: chained with its defaults") << 0;
    QTest::newRow("odd seeds and arguments, every view setting") << 1;
    QTest::newRow("an embedded program in unicode") << 2;
    QTest::newRow("a comparison of three runs") << 3;
}

void tst_Lesson::aWrittenLessonReadsBackExactly()
{
    QFETCH(int, which);
    const Lesson lessons[] = { minimalLesson(), oddBuiltinLesson(), embeddedLesson(), comparisonLesson() };
    const Lesson& lesson = lessons[which];
    const QString path = m_dir.filePath(QStringLiteral("lesson.loopscope"));
    const QString again = m_dir.filePath(QStringLiteral("again.loopscope"));
    QString error;
    QVERIFY2(writeLesson(path, lesson, &error), qPrintable(error));
    const std::optional<Lesson> read = readLesson(path, &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(*read == lesson);
    QCOMPARE(read->view.textScale, lesson.view.textScale); // to the last bit (1.1 * 1.1 = 1.2100000000000002)
    QVERIFY2(writeLesson(again, *read, &error), qPrintable(error));
    QCOMPARE(readAll(again), readAll(path));
}

void tst_Lesson::theFileIsTheDocumentedJson()
{
    // The keys and shapes the README documents, on a lesson with every kind of field.
    QString error;
    const auto bytes = lessonBytes(oddBuiltinLesson(), &error);
    QVERIFY2(bytes, qPrintable(error));
    const QJsonObject root = QJsonDocument::fromJson(*bytes).object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("loopscope-lesson"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    const QJsonObject run = root.value(QStringLiteral("runs")).toArray().at(0).toObject();
    QCOMPARE(run.value(QStringLiteral("program")).toString(), QStringLiteral("chained"));
    QCOMPARE(run.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("arguments")).toString(),
        QStringLiteral("  -7 0   123456789012345678901234567890 "));
    QCOMPARE(run.value(QStringLiteral("seed")).toString(), QStringLiteral("-98765432109876543210987654321"));
    const QJsonObject second = run.value(QStringLiteral("bookmarks")).toArray().at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("step")).toInteger(), 3);
    QCOMPARE(second.value(QStringLiteral("ask")).toArray(),
        (QJsonArray { QStringLiteral("end_time"), QStringLiteral("next_output"), QStringLiteral("next_task") }));
    const QJsonObject view = root.value(QStringLiteral("view")).toObject();
    QCOMPARE(view.value(QStringLiteral("axis")).toString(), QStringLiteral("steps"));
    QCOMPARE(view.value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
    QCOMPARE(view.value(QStringLiteral("hide_future")).toBool(), true);
    QCOMPARE(view.value(QStringLiteral("internal_tasks")).toBool(), true);
    QCOMPARE(view.value(QStringLiteral("range")).toObject(),
        (QJsonObject { { QStringLiteral("from"), 2.5 }, { QStringLiteral("to"), 9.25 } }));
    QVERIFY(!root.contains(QStringLiteral("comparison")));

    const auto compared = lessonBytes(comparisonLesson(), &error);
    QVERIFY2(compared, qPrintable(error));
    const QJsonObject comparison
        = QJsonDocument::fromJson(*compared).object().value(QStringLiteral("comparison")).toObject();
    QCOMPARE(
        comparison, (QJsonObject { { QStringLiteral("above"), 2 }, { QStringLiteral("below"), 1 } })); // counted from 1
    const QJsonObject script = QJsonDocument::fromJson(*compared)
                                   .object()
                                   .value(QStringLiteral("runs"))
                                   .toArray()
                                   .at(2)
                                   .toObject()
                                   .value(QStringLiteral("script"))
                                   .toObject();
    QCOMPARE(script.keys(), (QStringList { QStringLiteral("argv"), QStringLiteral("file"), QStringLiteral("source") }));
}

void tst_Lesson::aLessonRunMeansWhatTheFormMeans_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("fields"); // the program's parameters in order
    QTest::addColumn<QString>("seed");
    const QString chained = QStringLiteral("chained"), asyncq = QStringLiteral("asyncq");
    QTest::newRow("chained defaults") << chained << QStringList { QStringLiteral("1 2 3") } << QStringLiteral("444");
    QTest::newRow("chained empty") << chained << QStringList { QString() } << QStringLiteral("444");
    QTest::newRow("chained odd") << chained << QStringList { QStringLiteral(" -1\t0 99999999999999999999 ") }
                                 << QStringLiteral("-0");
    QTest::newRow("chained bad argument")
        << chained << QStringList { QStringLiteral("1 two 3") } << QStringLiteral("444");
    QTest::newRow("chained bad seed") << chained << QStringList { QStringLiteral("1") } << QStringLiteral("4.5");
    QTest::newRow("chained empty seed") << chained << QStringList { QStringLiteral("1") } << QString();
    QTest::newRow("sequential") << QStringLiteral("sequential") << QStringList { QStringLiteral("4 0 -2") }
                                << QStringLiteral("9");
    QTest::newRow("sequential bad argument")
        << QStringLiteral("sequential") << QStringList { QStringLiteral("4 x") } << QStringLiteral("9");
    QTest::newRow("asyncq") << asyncq << QStringList { QStringLiteral("3"), QStringLiteral("4") }
                            << QStringLiteral("7");
    QTest::newRow("asyncq negative") << asyncq << QStringList { QStringLiteral("-3"), QStringLiteral("0") }
                                     << QStringLiteral("1");
    QTest::newRow("asyncq not a number") << asyncq << QStringList { QStringLiteral("x"), QStringLiteral("4") }
                                         << QStringLiteral("7");
    QTest::newRow("asyncq two numbers") << asyncq << QStringList { QStringLiteral("1 2"), QStringLiteral("4") }
                                        << QStringLiteral("7");
    QTest::newRow("asyncq empty") << asyncq << QStringList { QStringLiteral("3"), QString() } << QStringLiteral("7");
    QTest::newRow("asyncq over the task limit")
        << asyncq << QStringList { QStringLiteral("9999999"), QStringLiteral("4") } << QStringLiteral("7");
    QTest::newRow("asyncq over the limit together")
        << asyncq << QStringList { QStringLiteral("600000"), QStringLiteral("600000") } << QStringLiteral("7");
}

void tst_Lesson::aLessonRunMeansWhatTheFormMeans()
{
    QFETCH(QString, program);
    QFETCH(QStringList, fields);
    QFETCH(QString, seed);
    const sim::Program& described = *sim::findProgram(program.toStdString());
    RunForm form;
    form.program = program;
    form.seed = seed;
    BuiltinProgram builtin { program, {} };
    for (std::size_t i = 0; i < described.parameters.size(); ++i) {
        form.setField(described, described.parameters[i], fields[qsizetype(i)]);
        builtin.arguments.insert(qtext(described.parameters[i].key), fields[qsizetype(i)]);
    }
    LessonRun run;
    run.program = builtin;
    run.seed = seed;

    const auto fromForm = requestFromForm(form);
    const auto fromLesson = requestOf(run);
    QCOMPARE(fromLesson.index(), fromForm.index());
    if (const auto* request = std::get_if<sim::RunRequest>(&fromForm)) {
        QCOMPARE(std::get<sim::RunRequest>(fromLesson).describe(), request->describe());
    } else {
        QCOMPARE(std::get<QString>(fromLesson), std::get<RunFormError>(fromForm).message);
    }
}

void tst_Lesson::aRequestBecomesALessonRunAndBack()
{
    for (const sim::RunRequest& request : { sim::testruns::chained(444, {}), sim::testruns::chained(-5, { 4, 0, -7 }),
             sim::testruns::asyncq(7, 3, 4), sim::testruns::asyncq(0, -2, 0) }) {
        const LessonRun run = lessonRunOf(request);
        const auto back = requestOf(run);
        QVERIFY(std::holds_alternative<sim::RunRequest>(back));
        QCOMPARE(std::get<sim::RunRequest>(back).describe(), request.describe());
    }
    // A run the form describes, and the same run from the lesson: the same request.
    QCOMPARE(
        std::get<sim::RunRequest>(requestOf(asyncqRun(QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("7"))))
            .describe(),
        sim::testruns::asyncq(7, 3, 4).describe());

    sim::Script script;
    script.path = "/somewhere/countasync.py";
    script.fileName = "countasync.py";
    script.argv = { "-n", "3" };
    const LessonRun recorded = lessonRunOf(sim::RunRequest::forScript(script), QStringLiteral("print(1)\n"));
    QVERIFY(recorded.isEmbedded());
    QCOMPARE(std::get<EmbeddedProgram>(recorded.program),
        (EmbeddedProgram { QStringLiteral("countasync.py"), { QStringLiteral("-n"), QStringLiteral("3") },
            QStringLiteral("print(1)\n") }));
    const auto request = requestOf(recorded);
    QVERIFY(std::holds_alternative<sim::RunRequest>(request));
    QVERIFY(std::get<sim::RunRequest>(request).isRecorded());
    QCOMPARE(std::get<sim::RunRequest>(request).describe(), std::string("countasync.py -n 3 \u00b7 seed 444"));
    QCOMPARE(std::get<sim::RunRequest>(request).script->path, std::string()); // the caller writes the source somewhere
}

void tst_Lesson::bookmarksBeyondARunAreNamed()
{
    Lesson lesson = minimalLesson();
    lesson.runs.front().title = QStringLiteral("Chained");
    const RunDataPtr run = computeRun(std::get<sim::RunRequest>(requestOf(lesson.runs.front())));
    const std::size_t steps = run->index->stepCount();
    QVERIFY(steps > 10);
    // Positions go from 0 (nothing ran) to the step count (the end): both are fine.
    lesson.runs.front().bookmarks
        = { bookmark(0, QStringLiteral("Start")), bookmark(steps, QStringLiteral("The end")) };
    QCOMPARE(checkBookmarks(lesson, 0, steps), QString());
    lesson.runs.front().bookmarks.push_back(bookmark(steps + 1, QStringLiteral("Who runs next?")));
    QCOMPARE(checkBookmarks(lesson, 0, steps),
        QStringLiteral(
            "run 1 \"Chained\", bookmark 3 \"Who runs next?\": step %1 is beyond the end of the run (it has %2 steps)")
            .arg(steps + 1)
            .arg(steps));
    QCOMPARE(checkBookmarks(lesson, 1, steps), QStringLiteral("the lesson has no run 2"));

    // A saved lesson cannot know the run's length: it reads back, and the window checks.
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("beyond.loopscope"));
    QVERIFY2(writeLesson(path, lesson, &error), qPrintable(error));
    const auto read = readLesson(path, &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(checkBookmarks(*read, 0, steps).contains(QStringLiteral("bookmark 3 \"Who runs next?\"")));
}

void tst_Lesson::bookmarksAreFoundAndAddedInStepOrder()
{
    LessonRun run = chainedRun(QStringLiteral("1"), QStringLiteral("444"));
    QVERIFY(addBookmark(run, bookmark(9, QStringLiteral("nine"))));
    QVERIFY(addBookmark(run, bookmark(2, QStringLiteral("two"))));
    QVERIFY(addBookmark(run, bookmark(5, QStringLiteral("five"))));
    QVERIFY(!addBookmark(run, bookmark(5, QStringLiteral("five again"))));
    QCOMPARE(run.bookmarks.size(), std::size_t(3));
    QCOMPARE(run.bookmarks[0].step, 2u);
    QCOMPARE(run.bookmarks[1].title, QStringLiteral("five"));
    QCOMPARE(run.bookmarks[2].step, 9u);
    QCOMPARE(bookmarkAt(run, 5)->title, QStringLiteral("five"));
    QVERIFY(!bookmarkAt(run, 6));
    QVERIFY(!bookmarkAt(run, 10));
    Lesson lesson = minimalLesson();
    lesson.runs.front() = run;
    QVERIFY(!checkLesson(lesson));
}

void tst_Lesson::badFilesAreRefusedNamingTheFileAndTheProblem_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message"); // after "bad.loopscope"

    auto row = [](const char* name, const QByteArray& bytes, const QString& message) {
        QTest::newRow(name) << bytes << message;
    };
    const QJsonValue gone = QJsonValue(QJsonValue::Undefined); // the key is removed

    // Not JSON, not a lesson, another version.
    row("empty", QByteArray(), QStringLiteral(": the file is empty"));
    row("not JSON", "{ \"format\": \"loopscope-lesson\",\n  \"version\": 1\n  \"title\": \"x\" }",
        QStringLiteral(", line 3: not JSON (unterminated object at column 4)"));
    const QByteArray truncated = bytesOf(goodObject()).left(200);
    row("truncated", truncated, QStringLiteral(", line %1: not JSON (").arg(truncated.count('\n') + 1));
    row("a list", "[1, 2]", QStringLiteral(": not a Loopscope lesson (not a JSON object)"));
    row("a trace file", "{\"format\": \"loopscope-trace\", \"version\": 2}",
        QStringLiteral(": not a Loopscope lesson (no \"format\": \"loopscope-lesson\")"));
    row("newer version", spoiled(QStringLiteral("version"), 2),
        QStringLiteral(": made by a newer Loopscope (lesson format version 2; this Loopscope reads version 1): open it "
                       "with a newer Loopscope"));
    row("version 0", spoiled(QStringLiteral("version"), 0),
        QStringLiteral(": \"version\" must be 1, the lesson format this Loopscope reads"));
    row("version as text", spoiled(QStringLiteral("version"), QStringLiteral("1")),
        QStringLiteral(": \"version\" must be 1"));
    row("no version", spoiled(QStringLiteral("version"), gone), QStringLiteral(": \"version\" is missing"));

    // Missing or mistyped fields, unknown keys.
    row("no title", spoiled(QStringLiteral("title"), gone), QStringLiteral(": \"title\" is missing"));
    row("title not text", spoiled(QStringLiteral("title"), 3),
        QStringLiteral(": \"title\" must be text (in double quotes)"));
    row("no runs", spoiled(QStringLiteral("runs"), gone), QStringLiteral(": \"runs\" is missing"));
    row("empty runs", spoiled(QStringLiteral("runs"), QJsonArray()), QStringLiteral(": the lesson has no run"));
    row("a run not an object", spoiled(QStringLiteral("runs.1"), 5),
        QStringLiteral(", run 2: must be an object (in curly braces)"));
    row("no seed", spoiled(QStringLiteral("runs.0.seed"), gone), QStringLiteral(", run 1: \"seed\" is missing"));
    row("no program", spoiled(QStringLiteral("runs.0.program"), gone),
        QStringLiteral(", run 1: has neither \"program\" (a built-in program) nor \"script\" (a Python program)"));
    row("program and script", spoiled(QStringLiteral("runs.2.program"), QStringLiteral("chained")),
        QStringLiteral(", run 3: has both \"program\" and \"script\": a run is one or the other"));
    row("script without source", spoiled(QStringLiteral("runs.2.script.source"), gone),
        QStringLiteral(", run 3: the script: \"source\" is missing"));
    row("argv not text", spoiled(QStringLiteral("runs.2.script.argv"), QJsonArray { 1 }),
        QStringLiteral(", run 3: the script's \"argv\" must hold text only"));
    row("a misspelt key", spoiled(QStringLiteral("notes"), QStringLiteral("x")),
        QStringLiteral(
            ": unknown key \"notes\" (the keys here: format, version, title, introduction, runs, comparison, view)"));
    row("arguments in a script run", spoiled(QStringLiteral("runs.2.arguments"), QJsonObject()),
        QStringLiteral(", run 3: unknown key \"arguments\" (the keys here: title, script, seed, bookmarks)"));
    row("no step", spoiled(QStringLiteral("runs.1.bookmarks.0.step"), gone),
        QStringLiteral(", run 2, bookmark 1 \"Here they differ\": \"step\" is missing"));
    row("negative step", spoiled(QStringLiteral("runs.1.bookmarks.0.step"), -1),
        QStringLiteral(
            ", run 2, bookmark 1 \"Here they differ\": \"step\" must be a whole number from 0 to 9007199254740991"));
    const QString wholeStep
        = QStringLiteral(", run 2, bookmark 1 \"Here they differ\": \"step\" must be a whole number");
    row("fractional step", spoiled(QStringLiteral("runs.1.bookmarks.0.step"), 2.5), wholeStep);
    row("step as text", spoiled(QStringLiteral("runs.1.bookmarks.0.step"), QStringLiteral("5")), wholeStep);
    row("a misspelt bookmark key", spoiled(QStringLiteral("runs.1.bookmarks.0.notes"), QStringLiteral("x")),
        QStringLiteral(
            ", run 2, bookmark 1 \"Here they differ\": unknown key \"notes\" (the keys here: step, title, note, ask)"));
    row("an unknown question",
        spoiled(QStringLiteral("runs.1.bookmarks.0.ask"), QJsonArray { QStringLiteral("next_line") }),
        QStringLiteral(", run 2, bookmark 1 \"Here they differ\": \"ask\" holds \"next_line\", not one of "
                       "\"next_task\", \"next_output\", \"end_time\""));
    row("a question twice",
        spoiled(QStringLiteral("runs.1.bookmarks.0.ask"),
            QJsonArray { QStringLiteral("end_time"), QStringLiteral("end_time") }),
        QStringLiteral(", run 2, bookmark 1 \"Here they differ\": asks the same question twice"));

    // Programs and their arguments: the run form's messages.
    row("unknown program", spoiled(QStringLiteral("runs.0.program"), QStringLiteral("chianed")),
        QStringLiteral(", run 1: unknown program 'chianed' (Loopscope runs chained, asyncq, sequential)"));
    row("unknown parameter", spoiled(QStringLiteral("runs.0.arguments.nprod"), QStringLiteral("3")),
        QStringLiteral(", run 1: asyncq has no parameter 'nprod' (its parameters: producers, consumers)"));
    row("an argument not text", spoiled(QStringLiteral("runs.0.arguments.producers"), 3),
        QStringLiteral(", run 1: the argument \"producers\" must be text, as typed in the form (\"3\", \"1 2 3\")"));
    row("an invalid argument", spoiled(QStringLiteral("runs.0.arguments.producers"), QStringLiteral("x")),
        QStringLiteral(", run 1: -p: 'x' is not a decimal integer"));
    row("over the task limit", spoiled(QStringLiteral("runs.1.arguments.consumers"), QStringLiteral("9999999")),
        QStringLiteral(", run 2: -c: '9999999' is more than the limit of 999999 tasks"));
    row("an invalid seed", spoiled(QStringLiteral("runs.1.seed"), QStringLiteral("seven")),
        QStringLiteral(", run 2: --seed: 'seven' is not a decimal integer"));
    row("a path as the script's name",
        spoiled(QStringLiteral("runs.2.script.file"), QStringLiteral("../../etc/passwd")),
        QStringLiteral(", run 3: the embedded program's file name \"../../etc/passwd\" is not a plain file name"));
    row("a NUL in the source", spoiled(QStringLiteral("runs.2.script.source"), QStringLiteral("print(1)\u0000")),
        QStringLiteral(", run 3: the embedded program's source contains a NUL character (Python refuses it)"));
    // Written by hand, as no JSON writer would: "\ud800" alone is half a character.
    row("a lone surrogate",
        spoiled(QStringLiteral("runs.1.bookmarks.0.note"), QStringLiteral("LONE")).replace("LONE", "\\ud800"),
        QStringLiteral(", run 2, bookmark 1 \"Here they differ\": contains an invalid character (a lone surrogate)"));

    // Bookmarks out of order or on one step: refused, not reordered.
    QJsonArray unsorted { bookmarkJson(5), bookmarkJson(3) };
    row("unsorted bookmarks", spoiled(QStringLiteral("runs.0.bookmarks"), unsorted),
        QStringLiteral(
            ", run 1, bookmark 2: step 3 comes before the previous bookmark's step 5: bookmarks go in step order"));
    QJsonArray twice { bookmarkJson(5), bookmarkJson(5) };
    row("two bookmarks on one step", spoiled(QStringLiteral("runs.0.bookmarks"), twice),
        QStringLiteral(", run 1, bookmark 2: is on step 5 like the bookmark before it: one bookmark per step"));

    // The comparison and the view.
    row("comparison of a missing run", spoiled(QStringLiteral("comparison.above"), 4),
        QStringLiteral(", the comparison: run 4 does not exist (the lesson has 3)"));
    row("comparison of run 0", spoiled(QStringLiteral("comparison.above"), 0),
        QStringLiteral(", the comparison: \"above\" must be a whole number from 1 to 100"));
    row("comparison of one run", spoiled(QStringLiteral("comparison.below"), 2),
        QStringLiteral(", the comparison: shows run 2 above itself: it needs two different runs"));
    row("comparison without below", spoiled(QStringLiteral("comparison.below"), gone),
        QStringLiteral(", the comparison: \"below\" is missing"));
    row("unknown axis", spoiled(QStringLiteral("view.axis"), QStringLiteral("log")),
        QStringLiteral(", the view: \"axis\" must be one of \"time\", \"instants\", \"steps\""));
    row("unknown theme", spoiled(QStringLiteral("view.theme"), QStringLiteral("sepia")),
        QStringLiteral(", the view: \"theme\" must be one of \"light\", \"dark\""));
    row("text scale too large", spoiled(QStringLiteral("view.text_scale"), 10),
        QStringLiteral(", the view: the text scale 10 is outside 0.6 to 3"));
    row("hide_future as text", spoiled(QStringLiteral("view.hide_future"), QStringLiteral("yes")),
        QStringLiteral(", the view: \"hide_future\" must be true or false"));
    row("internal_tasks as a number", spoiled(QStringLiteral("view.internal_tasks"), 1),
        QStringLiteral(", the view: \"internal_tasks\" must be true or false"));
    row("range as a list", spoiled(QStringLiteral("view.range"), QJsonArray { 1, 2 }),
        QStringLiteral(", the view: \"range\" must be an object"));
    row("range without its end", spoiled(QStringLiteral("view.range"), QJsonObject { { QStringLiteral("from"), 1 } }),
        QStringLiteral(", the view's range: needs both \"from\" and \"to\""));
    row("range backwards",
        spoiled(QStringLiteral("view.range"), QJsonObject { { QStringLiteral("from"), 5 }, { QStringLiteral("to"), 2 } }),
        QStringLiteral(", the view: the range 5 to 2 is not a part of the axis (0 <= from < to)"));
    row("range before the start",
        spoiled(QStringLiteral("view.range"), QJsonObject { { QStringLiteral("from"), -1 }, { QStringLiteral("to"), 2 } }),
        QStringLiteral(", the view: the range -1 to 2 is not a part of the axis (0 <= from < to)"));
    row("range end as text",
        spoiled(QStringLiteral("view.range"),
            QJsonObject { { QStringLiteral("from"), 0 }, { QStringLiteral("to"), QStringLiteral("9") } }),
        QStringLiteral(", the view's range: \"to\" must be a number"));

    // Limits.
    QJsonArray runs;
    for (int i = 0; i < 101; ++i)
        runs.append(QJsonObject { { QStringLiteral("program"), QStringLiteral("chained") },
            { QStringLiteral("seed"), QStringLiteral("1") } });
    row("101 runs", spoiled(QStringLiteral("runs"), runs),
        QStringLiteral(": the lesson has 101 runs, more than Loopscope's limit of 100"));
    QJsonArray argv;
    for (int i = 0; i < 1001; ++i)
        argv.append(QStringLiteral("x"));
    row("1001 words of argv", spoiled(QStringLiteral("runs.2.script.argv"), argv),
        QStringLiteral(", run 3: the embedded program has more than 1000 words of argv"));
}

void tst_Lesson::badFilesAreRefusedNamingTheFileAndTheProblem()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QVERIFY(!goodObject().isEmpty());
    QString error;
    QVERIFY2(!readLessonBytes(bytes, QStringLiteral("bad.loopscope"), &error),
        qPrintable(QString::fromUtf8(bytes.left(400))));
    QVERIFY2(error.startsWith(QStringLiteral("bad.loopscope") + message), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error)); // one line for a status bar

    // From a file too, named by its path; and what checkLesson says of a lesson, the writer refuses.
    const QString path = m_dir.filePath(QStringLiteral("bad.loopscope"));
    QVERIFY(writeAll(path, bytes));
    QVERIFY(!readLesson(path, &error));
    QVERIFY2(error.startsWith(path + message), qPrintable(error));
}

void tst_Lesson::tooManyBookmarksAreRefused()
{
    // One more than the limit in a run (and the other run's one bookmark), in a file.
    QJsonArray bookmarks;
    for (qint64 step = 0; step <= qint64(maxLessonBookmarks); ++step)
        bookmarks.append(bookmarkJson(step));
    QString error;
    QVERIFY(!readLessonBytes(
        spoiled(QStringLiteral("runs.0.bookmarks"), bookmarks), QStringLiteral("many.loopscope"), &error));
    QCOMPARE(
        error, QStringLiteral("many.loopscope: the lesson has 10002 bookmarks, more than Loopscope's limit of 10000"));
    // Spread over two runs, the limit is the lesson's.
    QJsonArray half;
    for (qint64 step = 0; step < 6000; ++step)
        half.append(bookmarkJson(step));
    const QJsonObject twoRuns = changed(
        changed(goodObject(), { QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("bookmarks") }, half),
        { QStringLiteral("runs"), QStringLiteral("1"), QStringLiteral("bookmarks") }, half)
                                    .toObject();
    QVERIFY(!readLessonBytes(bytesOf(twoRuns), QStringLiteral("many.loopscope"), &error));
    QCOMPARE(
        error, QStringLiteral("many.loopscope: the lesson has 12000 bookmarks, more than Loopscope's limit of 10000"));
    // Exactly the limit reads.
    bookmarks.removeLast();
    const QJsonObject atLimitObject = changed(
        changed(goodObject(), { QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("bookmarks") }, bookmarks),
        { QStringLiteral("runs"), QStringLiteral("1"), QStringLiteral("bookmarks") }, QJsonArray())
                                          .toObject();
    const auto atLimit = readLessonBytes(bytesOf(atLimitObject), QStringLiteral("ok.loopscope"), &error);
    QVERIFY2(atLimit, qPrintable(error));
    QCOMPARE(atLimit->runs[0].bookmarks.size(), maxLessonBookmarks);

    // A million bookmarks: a file that big is refused by its size, and the writer refuses the lesson.
    QByteArray million = "{\"format\": \"loopscope-lesson\", \"version\": 1, \"title\": \"\", \"runs\": [{\"program\": "
                         "\"chained\", \"seed\": \"1\", \"bookmarks\": [";
    for (int step = 0; step < 1'000'000; ++step)
        million += "{\"step\": " + QByteArray::number(step) + ", \"title\": \"\"},";
    million.chop(1);
    million += "]}]}";
    QVERIFY(!readLessonBytes(million, QStringLiteral("million.loopscope"), &error));
    QVERIFY(million.size() > maxLessonBytes);
    QVERIFY2(error.startsWith(QStringLiteral("million.loopscope: the file is ")), qPrintable(error));
    QVERIFY2(error.endsWith(QStringLiteral(" MiB, more than the 16.0 MiB a lesson may take")), qPrintable(error));
    Lesson lesson = minimalLesson();
    for (std::uint64_t step = 0; step < 1'000'000; ++step)
        lesson.runs[0].bookmarks.push_back(bookmark(step, QString()));
    QCOMPARE(checkLesson(lesson)->text(),
        QStringLiteral("the lesson has 1000000 bookmarks, more than Loopscope's limit of 10000"));
    QVERIFY(!writeLesson(m_dir.filePath(QStringLiteral("million.loopscope")), lesson, &error));
    QVERIFY2(error.endsWith(QStringLiteral("the lesson has 1000000 bookmarks, more than Loopscope's limit of 10000")),
        qPrintable(error));
}

void tst_Lesson::hugeFilesAreRefusedBeforeParsing()
{
    // A 100 MB note, in a file: refused by its size without reading it.
    const QString path = m_dir.filePath(QStringLiteral("huge.loopscope"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"loopscope-lesson\", \"version\": 1, \"title\": \"\", \"introduction\": \"");
        const QByteArray megabyte(1024 * 1024, 'a');
        for (int i = 0; i < 100; ++i)
            file.write(megabyte);
        file.write("\", \"runs\": [{\"program\": \"chained\", \"seed\": \"1\"}]}");
    }
    QString error;
    QVERIFY(!readLesson(path, &error));
    QCOMPARE(error, path + QStringLiteral(": the file is 100.0 MiB, more than the 16.0 MiB a lesson may take"));
    // And in memory: the same limit.
    Lesson lesson = minimalLesson();
    lesson.introduction = QString(17 * 1024 * 1024, QLatin1Char('a'));
    QVERIFY(!lessonBytes(lesson, &error));
    QCOMPARE(error, QStringLiteral("the lesson would take 17.0 MiB, more than the 16.0 MiB a lesson file may take"));

    // Many tiny values under the size limit (a parser's tree of them would take hundreds of
    // megabytes): counted and refused before parsing.
    QByteArray values = "{\"format\": \"loopscope-lesson\", \"version\": 1, \"title\": \"\", \"runs\": [";
    values += QByteArray(4 * 1024 * 1024, '[');
    QVERIFY(!readLessonBytes(values, QStringLiteral("values.loopscope"), &error));
    QCOMPARE(error,
        QStringLiteral(
            "values.loopscope: the file holds more values than a lesson can (at most 100 runs, 10000 bookmarks "
            "and 1000 words of argv a program)"));
    QByteArray zeros = "[";
    for (int i = 0; i < 3'000'000; ++i)
        zeros += "0,";
    zeros += "0]";
    QVERIFY(zeros.size() < maxLessonBytes);
    QVERIFY(!readLessonBytes(zeros, QStringLiteral("values.loopscope"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("values.loopscope: the file holds more values")), qPrintable(error));
}

void tst_Lesson::aFailedSaveLeavesTheOldFile()
{
    const QString path = m_dir.filePath(QStringLiteral("kept.loopscope"));
    QString error;
    QVERIFY2(writeLesson(path, embeddedLesson(), &error), qPrintable(error));
    const QByteArray before = readAll(path);
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);

    Lesson unsorted = oddBuiltinLesson();
    std::swap(unsorted.runs[0].bookmarks[0], unsorted.runs[0].bookmarks[1]);
    QVERIFY(!writeLesson(path, unsorted, &error));
    QCOMPARE(error,
        QStringLiteral(
            "cannot save '%1': run 1 \"Huge seed\", bookmark 2 \"Before anything runs\": step 0 comes before the "
            "previous bookmark's step 3: bookmarks go in step order")
            .arg(path));
    Lesson tooBig = minimalLesson();
    tooBig.introduction = QString(17 * 1024 * 1024, QLatin1Char('a'));
    QVERIFY(!writeLesson(path, tooBig, &error));
    QVERIFY2(error.contains(QStringLiteral("more than the 16.0 MiB")), qPrintable(error));
    Lesson badRun = minimalLesson();
    badRun.runs[0] = asyncqRun(QStringLiteral("x"), QStringLiteral("1"), QStringLiteral("1"));
    QVERIFY(!writeLesson(path, badRun, &error));
    QCOMPARE(error, QStringLiteral("cannot save '%1': run 1: -p: 'x' is not a decimal integer").arg(path));
    Lesson sameRun = comparisonLesson();
    sameRun.comparison = LessonComparison { 2, 2 };
    QVERIFY(!writeLesson(path, sameRun, &error));
    QVERIFY2(error.endsWith(QStringLiteral("the comparison: shows run 3 above itself: it needs two different runs")),
        qPrintable(error));

    QCOMPARE(readAll(path), before);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore); // no temporary file left behind

    // A directory that does not exist: nothing is written, the error names the path.
    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/dir/lesson.loopscope"));
    QVERIFY(!writeLesson(nowhere, embeddedLesson(), &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write '%1': ").arg(nowhere)), qPrintable(error));
    QVERIFY(!QFile::exists(nowhere));
}

void tst_Lesson::aFileThatCannotBeOpenedIsNamed()
{
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("missing.loopscope"));
    QVERIFY(!readLesson(path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot read '%1': ").arg(path)), qPrintable(error));
    QVERIFY(isLessonFileName(QStringLiteral("/home/teacher/Week 3.loopscope")));
    QVERIFY(isLessonFileName(QStringLiteral("WEEK3.LOOPSCOPE")));
    QVERIFY(!isLessonFileName(QStringLiteral("run.jsonl")));
}

void tst_Lesson::theReadmeExampleAndTheFuzzCorpusAreLessons()
{
    QString error;
    const QByteArray example = readmeExample();
    QVERIFY2(!example.isEmpty(), "README.md has no ```json example under \"## Lesson files\"");
    const auto lesson = readLessonBytes(example, QStringLiteral("README.md"), &error);
    QVERIFY2(lesson, qPrintable(error));
    QVERIFY(lesson->comparison.has_value());
    QVERIFY(
        std::any_of(lesson->runs.begin(), lesson->runs.end(), [](const LessonRun& run) { return run.isEmbedded(); }));
    // The README shows exactly what Loopscope writes.
    const auto written = lessonBytes(*lesson, &error);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(QString::fromUtf8(*written), QString::fromUtf8(example));

    const QDir corpus(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/fuzz/lesson-corpus"));
    const QStringList files = corpus.entryList(QDir::Files);
    QVERIFY(files.size() >= 3);
    for (const QString& file : files) {
        const auto read = readLesson(corpus.filePath(file), &error);
        QVERIFY2(read, qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(tst_Lesson)
#include "tst_lesson.moc"
