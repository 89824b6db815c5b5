// SPDX-License-Identifier: MIT
// `loopscope` as a user types it: every bad input gets one clear line on stderr naming the
// argument, the documented exit code, and no file left behind; good input prints exactly
// what the simulation prints.
#include "commandline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome runLoopscope(const QStringList& arguments, const QString& workingDirectory = {})
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(LOOPSCOPE_BINARY), arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private slots:
    void badInputIsAUsageErrorNamingTheArgument_data();
    void badInputIsAUsageErrorNamingTheArgument();
    void goodInputParsesToTheRequest_data();
    void goodInputParsesToTheRequest();
    void argvParsesAsTheArgumentList_data();
    void argvParsesAsTheArgumentList();
    void theHeadlessCommandsLoadNoGuiLibrary();
    void withoutItsGuiPartLoopscopeStillPrintsAndSaysWhatIsMissing();
    void aLessonFileOpensTheWindowOnIt();
    void printStreamsThePublishedOutput();
    void deadlockPrintsTheLinesSoFarThenExitsWithThree();
    void unwritablePathsFailWithOneAndLeaveNoFile_data();
    void unwritablePathsFailWithOneAndLeaveNoFile();
    void unknownExportFormatIsAUsageErrorAndWritesNothing();
    void helpAndVersionExitWithZero();
    void examplesListsThemAndWritesOneWithoutOverwriting();
    void theSameInputsGiveTheSameFilesOnEveryRun_data();
    void theSameInputsGiveTheSameFilesOnEveryRun();
};

void TestCommandLine::badInputIsAUsageErrorNamingTheArgument_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named"); // what the message must mention
    auto row = [](const char* name, QStringList args, const char* named) {
        QTest::newRow(name) << args << QString::fromLatin1(named);
    };
    row("unknown command", { QStringLiteral("frobnicate") }, "frobnicate");
    // A lesson holds several runs and notes: only the window shows it.
    row("print a lesson", { QStringLiteral("print"), QStringLiteral("week3.loopscope") }, "is a lesson");
    row("export a lesson", { QStringLiteral("export"), QStringLiteral("week3.loopscope"), QStringLiteral("-o"), QStringLiteral("x.png") }, "is a lesson");
    row("a lesson with a seed", { QStringLiteral("week3.loopscope"), QStringLiteral("--seed"), QStringLiteral("7") }, "lesson");
    row("unknown program", { QStringLiteral("print"), QStringLiteral("threads") }, "threads");
    row("missing program", { QStringLiteral("print") }, "program");
    row("unknown option", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--speed=3") }, "speed");
    row("seed abc", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--seed"), QStringLiteral("abc") }, "abc");
    row("seed missing value", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--seed") }, "seed");
    row("seed 1.5", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("--seed=1.5") }, "1.5");
    row("-p two", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("-p"), QStringLiteral("two") }, "two");
    row("-c 1e3", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("-c"), QStringLiteral("1e3") }, "1e3");
    row("-p beyond the machine", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("-p"), QStringLiteral("99999999999999999999999") }, "-p");
    row("-c beyond the limit", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("-c"), QStringLiteral("5000000") }, "-c");
    row("-p and -c together too many", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("-p"), QStringLiteral("600000"), QStringLiteral("-c"), QStringLiteral("600000") }, "too many tasks");
    row("-p on chained", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("-p"), QStringLiteral("3") }, "-p");
    row("chained argument x", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--"), QStringLiteral("1"), QStringLiteral("x") }, "'x'");
    row("chained argument 1__0", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--"), QStringLiteral("1__0") }, "1__0");
    row("positional on asyncq", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("7") }, "7");
    row("export without -o", { QStringLiteral("export"), QStringLiteral("chained") }, "-o");
    row("-o on print", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("-o"), QStringLiteral("x.json") }, "-o");
    row("option without command", { QStringLiteral("--seed"), QStringLiteral("5") }, "seed");
    row("unknown short option", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("-x") }, "unknown option '-x'");
    row("unknown long option", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--bogus") }, "unknown option '--bogus'");
    row("output without extension", { QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("-o"), QStringLiteral("picture") }, "'picture' has no file extension");
    row("storyboard with --upto", { QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("--storyboard"), QStringLiteral("--upto"), QStringLiteral("3"), QStringLiteral("-o"), QStringLiteral("h.pdf") }, "--upto");
    row("storyboard with --range", { QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("--storyboard"), QStringLiteral("--range"), QStringLiteral("1:3"), QStringLiteral("-o"), QStringLiteral("h.pdf") }, "--range");
    row("range after the end in seconds", { QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("--range"), QStringLiteral("100:200"), QStringLiteral("-o"), QStringLiteral("r.png") }, "after the end of the run (t = 11 s)");
    row("range after the end in steps", { QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("--axis"), QStringLiteral("steps"), QStringLiteral("--range"), QStringLiteral("24:30"), QStringLiteral("-o"), QStringLiteral("r.png") }, "after the end of the run (24 steps)");
    row("seed with 5000 digits", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--seed"), QString(5000, QLatin1Char('7')) }, "4300");
    row("unknown example", { QStringLiteral("examples"), QStringLiteral("threads") }, "unknown example 'threads' (expected countsync,");
    row("example as a file name", { QStringLiteral("examples"), QStringLiteral("lock.py") }, "'lock.py'");
    row("two examples", { QStringLiteral("examples"), QStringLiteral("lock"), QStringLiteral("semaphore") }, "'semaphore'");
    row("-o on examples", { QStringLiteral("examples"), QStringLiteral("lock"), QStringLiteral("-o"), QStringLiteral("x.py") }, "-o does not apply to examples");
    row("--seed on examples", { QStringLiteral("examples"), QStringLiteral("--seed"), QStringLiteral("3") }, "--seed does not apply to examples");
}

void TestCommandLine::badInputIsAUsageErrorNamingTheArgument()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    QTemporaryDir dir; // where a relative -o would write
    QVERIFY(dir.isValid());
    const Outcome outcome = runLoopscope(arguments, dir.path());
    QVERIFY(QDir(dir.path()).isEmpty()); // nothing written, not even in part
    QCOMPARE(outcome.exitCode, int(ExitCode::UsageError));
    QVERIFY(outcome.out.isEmpty());
    const QList<QByteArray> lines = outcome.err.trimmed().split('\n');
    QVERIFY2(lines.first().startsWith("loopscope: "), outcome.err.constData());
    QVERIFY2(QString::fromUtf8(lines.first()).contains(named), outcome.err.left(300).constData());
    QCOMPARE(lines.size(), 1); // one line (README, The command line)
}

void TestCommandLine::goodInputParsesToTheRequest_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("described");
    auto row = [](const char* name, QStringList args, const char* described) {
        QTest::newRow(name) << args << QString::fromUtf8(described);
    };
    row("defaults", { QStringLiteral("print"), QStringLiteral("chained") }, "chained 1 2 3 \u00b7 seed 444");
    row("negative seed as separate value", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--seed"), QStringLiteral("-5"), QStringLiteral("--"), QStringLiteral("9"), QStringLiteral("-6") }, "chained 9 -6 \u00b7 seed -5");
    row("python int forms", { QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--seed=+0_7"), QStringLiteral("--"), QStringLiteral("007"), QStringLiteral("1_000") }, "chained 7 1000 \u00b7 seed 7");
    row("huge seed", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("--seed=340282366920938463463374607431768211457") }, "asyncq -p 5 -c 10 \u00b7 seed 340282366920938463463374607431768211457");
    row("long options", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("--nprod=2"), QStringLiteral("--ncon"), QStringLiteral("3") }, "asyncq -p 2 -c 3 \u00b7 seed 444");
    row("negative counts as argparse allows", { QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("-p"), QStringLiteral("-3"), QStringLiteral("-c"), QStringLiteral("0") }, "asyncq -p -3 -c 0 \u00b7 seed 444");
}

void TestCommandLine::goodInputParsesToTheRequest()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, described);
    const ParsedCommandLine parsed = parseCommandLine(QStringList { QStringLiteral("loopscope") } + arguments);
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    QCOMPARE(QString::fromStdString(parsed.command->request.describe()), described);
}

namespace {
// What a parse gave, as text to compare: its error, or what the command does.
QString summary(const ParsedCommandLine& parsed)
{
    if (!parsed.command)
        return QStringLiteral("error: ") + parsed.error;
    const Command& command = *parsed.command;
    QStringList script;
    if (command.request.script) {
        for (const std::string& word : command.request.script->argv)
            script << QString::fromStdString(word);
    }
    return QStringLiteral("kind %1 | %2 | trace %3 | lesson %4 | -o %5 %6 | argv %7 | compared %8")
        .arg(int(command.kind))
        .arg(QString::fromStdString(command.request.describe()), command.traceFile, command.lessonFile,
            command.outputPath, command.format, script.join(QLatin1Char(' ')))
        .arg(command.comparedWith.size());
}
} // namespace

void TestCommandLine::argvParsesAsTheArgumentList_data()
{
    // main() parses argv, reading the integers after `--` from their bytes; it must mean
    // exactly what the same words as QStrings mean, errors included.
    QTest::addColumn<QStringList>("arguments");
    auto row = [](const char* name, const char* words) {
        QTest::newRow(name) << QString::fromUtf8(words).split(QLatin1Char('|'));
    };
    row("integers", "print|chained|--|4|-0|+1_000|  7 ");
    row("integers and a seed after them", "print|chained|--|4|5|--seed|7");
    row("positional before --", "print|chained|4|--|5|6");
    row("a bad integer", "print|chained|--|4|x|5");
    row("a second --", "print|chained|--|4|--|5");
    row("an empty word", "print|chained|--|4||5");
    row("a non-ASCII digit", "print|chained|--|4|\u0661");
    row("-- as the seed", "print|chained|--seed|--|4");
    row("-- as -o's value", "export|chained|-o|--|4");
    row("-- as compacted -o's value", "export|chained|-o|--|x.png");
    row("nothing after --", "print|chained|--");
    row("-- on asyncq", "print|asyncq|--|4");
    row("-- before the verb", "--|print|chained|4");
    row("-- for a Python program", "print|x.py|--|4");
    row("-- for a trace file", "print|x.jsonl|--|4");
    row("-- for examples", "examples|--|lock");
    row("export to a picture", "export|chained|--upto|3|-o|x.png|--|4|5");
    row("unknown option before --", "print|chained|--bogus|--|4");
    row("window with --", "--|x.py");
    row("too many tasks", "print|chained|--|999999|999999|999999");
}

void TestCommandLine::argvParsesAsTheArgumentList()
{
    QFETCH(QStringList, arguments);
    arguments.prepend(QStringLiteral("loopscope"));
    std::vector<QByteArray> bytes;
    for (const QString& word : arguments)
        bytes.push_back(word.toLocal8Bit());
    std::vector<const char*> argv;
    for (const QByteArray& word : bytes)
        argv.push_back(word.constData());
    QCOMPARE(summary(parseCommandLine(int(argv.size()), argv.data())), summary(parseCommandLine(arguments)));
}

void TestCommandLine::theHeadlessCommandsLoadNoGuiLibrary()
{
    // print, record and export to a trace file start in milliseconds because `loopscope`
    // links Qt Core only; the window and the pictures are loopscope-gui's.
    QProcess readelf;
    readelf.start(QStringLiteral("readelf"), { QStringLiteral("-d"), QStringLiteral(LOOPSCOPE_BINARY) });
    if (!readelf.waitForFinished(30000) || readelf.exitCode() != 0)
        QSKIP("readelf (binutils) is not available");
    const QString needed = QString::fromUtf8(readelf.readAllStandardOutput());
    QVERIFY2(needed.contains(QLatin1String("libQt6Core")), qPrintable(needed));
    for (const char* library : { "libQt6Gui", "libQt6Widgets", "libQt6Svg", "libQt6PrintSupport", "libQCoro" })
        QVERIFY2(!needed.contains(QLatin1String(library)), library);
}

void TestCommandLine::withoutItsGuiPartLoopscopeStillPrintsAndSaysWhatIsMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString alone = dir.filePath(QStringLiteral("loopscope"));
    QVERIFY(QFile::copy(QStringLiteral(LOOPSCOPE_BINARY), alone));
    auto run = [&](const QStringList& arguments) {
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(alone, arguments);
        process.waitForFinished(60000);
        return Outcome { process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError() };
    };
    const Outcome printed = run({ QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--"), QStringLiteral("2") });
    QCOMPARE(printed.exitCode, 0);
    QVERIFY(printed.out.startsWith("part1(2) sleeping for 4 seconds."));
    const Outcome exported = run({ QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("-o"), QStringLiteral("x.png") });
    QCOMPARE(exported.exitCode, int(ExitCode::RuntimeFailure));
    QVERIFY2(exported.err.startsWith("loopscope: the window and the picture exports need loopscope-gui"), exported.err.constData());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
}

void TestCommandLine::aLessonFileOpensTheWindowOnIt()
{
    for (const QStringList& arguments : { QStringList { QStringLiteral("week3.loopscope") },
             QStringList { QStringLiteral("open"), QStringLiteral("week3.loopscope") } }) {
        const ParsedCommandLine parsed = parseCommandLine(QStringList { QStringLiteral("loopscope") } + arguments);
        QVERIFY2(parsed.command, qPrintable(parsed.error));
        QCOMPARE(parsed.command->kind, Command::Kind::Window);
        QCOMPARE(parsed.command->lessonFile, QStringLiteral("week3.loopscope"));
    }
}

void TestCommandLine::printStreamsThePublishedOutput()
{
    QFile expected(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/data/expected/chained_seed444_args_1_2_3.txt"));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    const Outcome outcome = runLoopscope({ QStringLiteral("print"), QStringLiteral("chained") });
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out, expected.readAll());
    QVERIFY(outcome.err.isEmpty());
    // The example: 9 6 3 also finishes after 11 seconds.
    const Outcome example = runLoopscope({ QStringLiteral("print"), QStringLiteral("chained"), QStringLiteral("--seed"),
        QStringLiteral("444"), QStringLiteral("--"), QStringLiteral("9"), QStringLiteral("6"), QStringLiteral("3") });
    QVERIFY(example.out.endsWith("Program finished in 11.00 seconds.\n"));
}

void TestCommandLine::deadlockPrintsTheLinesSoFarThenExitsWithThree()
{
    // Producers and no consumers: the items are never taken, q.join() waits forever.
    const Outcome outcome = runLoopscope({ QStringLiteral("print"), QStringLiteral("asyncq"), QStringLiteral("--seed=7"),
        QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("-c"), QStringLiteral("0") });
    QCOMPARE(outcome.exitCode, int(ExitCode::Deadlock));
    QVERIFY(outcome.out.contains("added <"));
    QVERIFY(!outcome.out.contains("Program completed"));
    QVERIFY(outcome.err.startsWith("loopscope: deadlock"));
    QCOMPARE(outcome.err.count('\n'), 1);
}

void TestCommandLine::unwritablePathsFailWithOneAndLeaveNoFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing directory") << QStringLiteral("/nonexistent-dir/run.json");
    QTest::newRow("a directory") << QStringLiteral("DIR");
    QTest::newRow("read-only directory") << QStringLiteral("RO/run.jsonl");
}

void TestCommandLine::unwritablePathsFailWithOneAndLeaveNoFile()
{
    QFETCH(QString, path);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (path == QLatin1String("DIR")) {
        path = dir.filePath(QStringLiteral("taken.json"));
        QVERIFY(QDir().mkpath(path));
    } else if (path.startsWith(QLatin1String("RO/"))) {
        const QString readOnly = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(readOnly));
        QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        path = readOnly + path.mid(2);
        if (QFileInfo(readOnly).isWritable())
            QSKIP("running as a user who can write anywhere (root): the read-only case cannot be made");
    }
    const QStringList before = QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files);
    const Outcome outcome = runLoopscope({ QStringLiteral("export"), QStringLiteral("chained"), QStringLiteral("-o"), path });
    QCOMPARE(outcome.exitCode, int(ExitCode::RuntimeFailure));
    QVERIFY2(outcome.err.startsWith("loopscope: cannot write"), outcome.err.constData());
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), before);
}

void TestCommandLine::unknownExportFormatIsAUsageErrorAndWritesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.docx"));
    const Outcome outcome = runLoopscope({ QStringLiteral("export"), QStringLiteral("asyncq"), QStringLiteral("-o"), path });
    QCOMPARE(outcome.exitCode, int(ExitCode::UsageError));
    QVERIFY(outcome.err.contains(".docx"));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestCommandLine::helpAndVersionExitWithZero()
{
    const Outcome help = runLoopscope({ QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("loopscope print chained"));
    QVERIFY(help.out.contains("Exit codes"));
    QVERIFY(help.out.contains("loopscope examples NAME"));
    const Outcome version = runLoopscope({ QStringLiteral("--version") });
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("loopscope "));
}

void TestCommandLine::examplesListsThemAndWritesOneWithoutOverwriting()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Outcome list = runLoopscope({ QStringLiteral("examples") }, dir.path());
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.startsWith("countsync     Counting in turn: time.sleep in a plain loop\n"), list.out.constData());
    QVERIFY(list.out.contains("\ntaskgroup     When a child fails: asyncio.gather versus asyncio.TaskGroup\n"));
    QVERIFY(QDir(dir.path()).isEmpty()); // listing writes nothing

    const Outcome written = runLoopscope({ QStringLiteral("examples"), QStringLiteral("lock") }, dir.path());
    QCOMPARE(written.exitCode, 0);
    QVERIFY2(written.out.startsWith("wrote lock.py: A Lock"), written.out.constData());
    QFile shipped(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/resources/examples/lock.py"));
    QFile file(QDir(dir.path()).filePath(QStringLiteral("lock.py")));
    QVERIFY(shipped.open(QIODevice::ReadOnly) && file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), shipped.readAll());
    file.close();

    // A teacher's edited copy is never overwritten: exit code 1, one line, the file untouched.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write("# my edits\n") > 0);
    file.close();
    const Outcome again = runLoopscope({ QStringLiteral("examples"), QStringLiteral("lock") }, dir.path());
    QCOMPARE(again.exitCode, int(ExitCode::RuntimeFailure));
    QVERIFY(again.out.isEmpty());
    QVERIFY2(again.err.startsWith("loopscope: ") && again.err.contains("lock.py already exists"), again.err.constData());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("# my edits\n"));
}

void TestCommandLine::theSameInputsGiveTheSameFilesOnEveryRun_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("asyncq trace") << QStringList { QStringLiteral("asyncq"), QStringLiteral("--seed=-99"), QStringLiteral("-p"), QStringLiteral("4"), QStringLiteral("-c"), QStringLiteral("6") } << QStringLiteral("jsonl");
    QTest::newRow("chained perfetto") << QStringList { QStringLiteral("chained"), QStringLiteral("--seed=18446744073709551617"), QStringLiteral("--"), QStringLiteral("5"), QStringLiteral("5"), QStringLiteral("0") } << QStringLiteral("json");
    QTest::newRow("asyncq svg") << QStringList { QStringLiteral("asyncq"), QStringLiteral("--seed=3") } << QStringLiteral("svg");
}

void TestCommandLine::theSameInputsGiveTheSameFilesOnEveryRun()
{
    // Separate processes, so nothing (addresses, hash seeds, timing) can leak into the result.
    QFETCH(QStringList, arguments);
    QFETCH(QString, suffix);
    QTemporaryDir dir;
    QByteArray first;
    for (int run = 0; run < 2; ++run) {
        const QString path = dir.filePath(QStringLiteral("run%1.%2").arg(run).arg(suffix));
        const Outcome outcome = runLoopscope(QStringList { QStringLiteral("export"), QStringLiteral("-o"), path } + arguments);
        QCOMPARE(outcome.exitCode, 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.size() > 1000);
        if (run == 0)
            first = bytes;
        else
            QVERIFY2(bytes == first, "two runs of the same request wrote different files");
    }
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
