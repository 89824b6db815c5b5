// SPDX-License-Identifier: MIT
// Any asyncio program from the command line, as a user types it: `loopscope print FILE.py`
// prints what plain `python3 FILE.py` prints, `record` keeps a trace the app reads back,
// `export` draws it, and what cannot be recorded (no CPython 3.11, a thread, a missing file)
// gets one clear message and its exit code. Needs python3 3.11; skips without it.

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

Outcome loopscope(const QStringList& arguments, const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    return run(QStringLiteral(LOOPSCOPE_BINARY), arguments, environment);
}

// A teaching program: a task per name counts with sleeps; its argv and its own -n option.
const char* countingProgram = R"(import asyncio
import sys

async def count(name: str, n: int) -> None:
    for i in range(n):
        print(f"{name} {i}")
        await asyncio.sleep(1 if name == "a" else 0.5)

async def main() -> None:
    names = [word for word in sys.argv[1:] if not word.startswith("-")] or ["a", "b"]
    n = 3 if "-n" not in sys.argv else 2
    await asyncio.gather(*(count(name, n) for name in names))
    print("done")

asyncio.run(main())
)";

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

bool hasPython311()
{
    const Outcome version = run(QStringLiteral("python3"), { QStringLiteral("-c"), QStringLiteral("import sys; print(sys.version_info[:2] == (3, 11))") });
    return version.out.trimmed() == "True";
}

} // namespace

class TestRecordCommands : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void printPrintsWhatPlainPythonPrints_data();
    void printPrintsWhatPlainPythonPrints();
    void recordKeepsATraceTheAppReadsBack();
    void exportDrawsARecordedProgram();
    void aDeadlockExitsWithThree();
    void aFailedProgramKeepsPythonsTracebackInItsTrace();
    void aThreadIsRefusedNamingTheLine();
    void aMissingFileIsNamed();
    void setOrderIsTheSameOnEveryRecording();
    void withoutCPython311TheBuiltInProgramsStillWork();

private:
    QTemporaryDir m_dir;
    QString m_program;
};

void TestRecordCommands::initTestCase()
{
    if (!hasPython311())
        QSKIP("python3 is not CPython 3.11: recording is not available here");
    m_program = write(m_dir, QStringLiteral("count.py"), countingProgram);
}

void TestRecordCommands::printPrintsWhatPlainPythonPrints_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::newRow("no arguments") << QStringList();
    QTest::newRow("names") << QStringList { QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z") };
    QTest::newRow("the program's own option, after the file") << QStringList { QStringLiteral("q"), QStringLiteral("-n") };
}

void TestRecordCommands::printPrintsWhatPlainPythonPrints()
{
    QFETCH(QStringList, argv);
    const Outcome plain = run(QStringLiteral("python3"), QStringList { m_program } + argv);
    const Outcome recorded = loopscope(QStringList { QStringLiteral("print"), m_program } + argv);
    QCOMPARE(recorded.exitCode, 0);
    QVERIFY(!plain.out.isEmpty());
    QCOMPARE(recorded.out, plain.out);
}

void TestRecordCommands::recordKeepsATraceTheAppReadsBack()
{
    const QString trace = m_dir.filePath(QStringLiteral("count.jsonl"));
    const Outcome recorded = loopscope({ QStringLiteral("record"), QStringLiteral("--seed"), QStringLiteral("7"), m_program,
        QStringLiteral("a"), QStringLiteral("-o"), trace });
    QCOMPARE(recorded.exitCode, 0);
    QVERIFY(QFile::exists(trace));
    const Outcome printed = loopscope({ QStringLiteral("print"), trace });
    QCOMPARE(printed.exitCode, 0);
    QCOMPARE(printed.out, QByteArray("a 0\na 1\na 2\ndone\n"));
    // The header names the file, its argv and the seed, and carries the source.
    QFile file(trace);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray header = file.readLine();
    QVERIFY(header.contains("\"file\":\"count.py\""));
    QVERIFY(header.contains("\"recorded\":true"));
    QVERIFY(header.contains("\"seed\":\"7\""));
    QVERIFY(header.contains("async def count("));
}

void TestRecordCommands::exportDrawsARecordedProgram()
{
    const QString picture = m_dir.filePath(QStringLiteral("count.svg"));
    const Outcome exported = loopscope({ QStringLiteral("export"), m_program, QStringLiteral("-o"), picture });
    QCOMPARE(exported.exitCode, 0);
    QFile file(picture);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains("count.py"));
    QVERIFY(svg.contains("count a"));
    QVERIFY(svg.contains("count b"));
    QVERIFY(exported.out.isEmpty()); // export draws; it does not print the program's output
}

void TestRecordCommands::aDeadlockExitsWithThree()
{
    const QString program = write(m_dir, QStringLiteral("stuck.py"),
        "import asyncio\n\nasync def main() -> None:\n    print(\"waiting\")\n    await asyncio.Queue().get()\n\nasyncio.run(main())\n");
    const Outcome outcome = loopscope({ QStringLiteral("print"), program });
    QCOMPARE(outcome.exitCode, 3);
    QCOMPARE(outcome.out, QByteArray("waiting\n"));
    QVERIFY2(outcome.err.contains("deadlock"), outcome.err.constData());
}

void TestRecordCommands::aFailedProgramKeepsPythonsTracebackInItsTrace()
{
    const QString program = write(m_dir, QStringLiteral("fails.py"),
        "import asyncio, time\n\nasync def main() -> None:\n    print(\"start\")\n    time.sleep(2)\n"
        "    raise ValueError(\"bad input\")\n\nasyncio.run(main())\n");
    const Outcome python = run(QStringLiteral("python3"), { program });
    QVERIFY(python.err.endsWith("ValueError: bad input\n"));
    // print FILE.py: the output, then the traceback exactly as python3 prints it, non-zero.
    const Outcome printed = loopscope({ QStringLiteral("print"), program });
    QVERIFY(printed.exitCode != 0);
    QCOMPARE(printed.out, QByteArray("start\n"));
    QCOMPARE(printed.err, python.err);
    // The trace keeps it: print FILE.jsonl says it again, export draws it and reports it so.
    const QString trace = m_dir.filePath(QStringLiteral("fails.jsonl"));
    QVERIFY(loopscope({ QStringLiteral("record"), program, QStringLiteral("-o"), trace }).exitCode != 0);
    QFile file(trace);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readLine().contains("\"status\":\"failed\""));
    const Outcome again = loopscope({ QStringLiteral("print"), trace });
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(again.out, QByteArray("start\n"));
    QCOMPARE(again.err, python.err);
    const QString picture = m_dir.filePath(QStringLiteral("fails.svg"));
    const Outcome exported = loopscope({ QStringLiteral("export"), trace, QStringLiteral("-o"), picture });
    QCOMPARE(exported.exitCode, 1);
    QCOMPARE(exported.err, python.err);
    QFile svg(picture);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray drawn = svg.readAll();
    QVERIFY(drawn.contains("blocking the loop 2 s"));
    QVERIFY(drawn.contains("failed at"));
    // A recorded trace that completed exports with exit code 0.
    const QString counted = m_dir.filePath(QStringLiteral("count-export.jsonl"));
    QCOMPARE(loopscope({ QStringLiteral("record"), m_program, QStringLiteral("-o"), counted }).exitCode, 0);
    QCOMPARE(
        loopscope({ QStringLiteral("export"), counted, QStringLiteral("-o"), m_dir.filePath(QStringLiteral("c.svg")) })
            .exitCode,
        0);
}

void TestRecordCommands::aThreadIsRefusedNamingTheLine()
{
    const QString program = write(m_dir, QStringLiteral("threads.py"),
        "import asyncio\n\nasync def main() -> None:\n    await asyncio.to_thread(print, \"hi\")\n\nasyncio.run(main())\n");
    const QString trace = m_dir.filePath(QStringLiteral("threads.jsonl"));
    const Outcome outcome = loopscope({ QStringLiteral("record"), program, QStringLiteral("-o"), trace });
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains("threads.py") && outcome.err.contains("line 4"), outcome.err.constData());
    QVERIFY(!QFile::exists(trace)); // nothing half-written
}

void TestRecordCommands::aMissingFileIsNamed()
{
    const Outcome outcome = loopscope({ QStringLiteral("print"), m_dir.filePath(QStringLiteral("nowhere.py")) });
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains("nowhere.py"), outcome.err.constData());
}

void TestRecordCommands::setOrderIsTheSameOnEveryRecording()
{
    // Python randomizes string hashes per process; Loopscope fixes them, so a program that
    // iterates a set prints (and schedules) the same way on every recording.
    const QString program = write(m_dir, QStringLiteral("sets.py"),
        "import asyncio\n\nasync def main() -> None:\n    for word in {\"apple\", \"banana\", \"cherry\", \"damson\", \"elder\", \"fig\"}:\n"
        "        print(word)\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n");
    const Outcome first = loopscope({ QStringLiteral("print"), program });
    QCOMPARE(first.exitCode, 0);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(loopscope({ QStringLiteral("print"), program }).out, first.out);
}

void TestRecordCommands::withoutCPython311TheBuiltInProgramsStillWork()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LOOPSCOPE_PYTHON"), QStringLiteral("/nonexistent/python3"));
    const Outcome recorded = loopscope({ QStringLiteral("print"), m_program }, environment);
    QCOMPARE(recorded.exitCode, 1);
    QVERIFY2(recorded.err.contains("CPython 3.11") && recorded.err.contains("/nonexistent/python3"), recorded.err.constData());
    QVERIFY(recorded.err.count('\n') == 1); // one line
    const Outcome builtIn = loopscope({ QStringLiteral("print"), QStringLiteral("chained") }, environment);
    QCOMPARE(builtIn.exitCode, 0);
    QVERIFY(builtIn.out.endsWith("Program finished in 11.00 seconds.\n"));
}

QTEST_GUILESS_MAIN(TestRecordCommands)

#include "tst_recordcommands.moc"
