// SPDX-License-Identifier: MIT
// The run form's text as the user typed it, turned into a simulation request or into the
// field to mark and why: exactly what the command line accepts, with its messages.
#include "runform.h"

#include "commandline.h"
#include "runrequests.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ui;

namespace {
const sim::Program& chained() { return sim::chainedProgram(); }
const sim::Program& asyncq() { return sim::asyncqProgram(); }

RunForm chainedForm(const QString& arguments, const QString& seed = QStringLiteral("444"))
{
    RunForm form;
    form.seed = seed;
    form.setField(chained(), chained().parameters[0], arguments);
    return form;
}

RunForm asyncqForm(const QString& producers, const QString& consumers, const QString& seed = QStringLiteral("444"))
{
    RunForm form;
    form.program = QStringLiteral("asyncq");
    form.seed = seed;
    form.setField(asyncq(), asyncq().parameters[0], producers);
    form.setField(asyncq(), asyncq().parameters[1], consumers);
    return form;
}

// The command line that types the same text: `loopscope print PROGRAM --seed=S ...`.
QStringList commandLineFor(const RunForm& form)
{
    QStringList arguments { QStringLiteral("loopscope"), QStringLiteral("print"), form.program,
        QStringLiteral("--seed=") + form.seed };
    const sim::Program& program = *sim::findProgram(form.program.toStdString());
    for (const sim::ProgramParameter& parameter : program.parameters) {
        const QString text = form.field(program, parameter);
        if (parameter.shape == sim::ProgramParameter::Shape::Integer)
            arguments << QStringLiteral("-%1").arg(QString::fromUtf8(parameter.shortFlag.data(), 1)) << text;
        else
            arguments << QStringLiteral("--") << text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return arguments;
}
}

class tst_RunForm : public QObject {
    Q_OBJECT

private slots:
    void validFormsBecomeRequests_data();
    void validFormsBecomeRequests();
    void invalidFormsNameTheFieldAndTheReason_data();
    void invalidFormsNameTheFieldAndTheReason();
    void theFormAndTheCommandLineAgree_data();
    void theFormAndTheCommandLineAgree();
    void aRequestsFormDescribesTheSameRun();
    void anOptionEndingInDotPyIsNotTheProgram();
    void hugeSeedsAreQuotedShort();
    void aRecordedProgramsArgumentsKeepSpacesAndEmptyWords();
};

void tst_RunForm::validFormsBecomeRequests_data()
{
    QTest::addColumn<RunForm>("form");
    QTest::addColumn<QString>("description");
    QTest::newRow("the default run") << RunForm {} << QStringLiteral("chained 1 2 3 \u00b7 seed 444");
    QTest::newRow("no arguments: the script's own 1 2 3") << chainedForm(QString()) << QStringLiteral("chained 1 2 3 \u00b7 seed 444");
    QTest::newRow("spaces around") << chainedForm(QStringLiteral(" 4  5 6 ")) << QStringLiteral("chained 4 5 6 \u00b7 seed 444");
    QTest::newRow("any integer, as Python's int() reads it")
        << chainedForm(QStringLiteral("-2 1_000 +7"), QStringLiteral(" -98765432109876543210 "))
        << QStringLiteral("chained -2 1000 7 \u00b7 seed -98765432109876543210");
    QTest::newRow("asyncq") << asyncqForm(QStringLiteral("5"), QStringLiteral("10")) << QStringLiteral("asyncq -p 5 -c 10 \u00b7 seed 444");
    QTest::newRow("asyncq without consumers (a deadlock, still a valid run)")
        << asyncqForm(QStringLiteral("5"), QStringLiteral("0")) << QStringLiteral("asyncq -p 5 -c 0 \u00b7 seed 444");
    // Python's range(-3) is empty: the command line takes -p -3 as no producers, so does the form.
    QTest::newRow("negative producers, kept as typed")
        << asyncqForm(QStringLiteral("-3"), QStringLiteral("2")) << QStringLiteral("asyncq -p -3 -c 2 \u00b7 seed 444");
}

void tst_RunForm::validFormsBecomeRequests()
{
    QFETCH(RunForm, form);
    QFETCH(QString, description);
    const auto result = requestFromForm(form);
    QVERIFY(std::holds_alternative<sim::RunRequest>(result));
    QCOMPARE(describeRequest(std::get<sim::RunRequest>(result)), description);
}

void tst_RunForm::invalidFormsNameTheFieldAndTheReason_data()
{
    QTest::addColumn<RunForm>("form");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message"); // how the message starts
    QTest::newRow("a word as seed") << chainedForm(QStringLiteral("1"), QStringLiteral("abc")) << QStringLiteral("seed")
                                    << QStringLiteral("--seed: 'abc' is not a decimal integer");
    QTest::newRow("an empty seed") << chainedForm(QStringLiteral("1"), QStringLiteral("   ")) << QStringLiteral("seed")
                                   << QStringLiteral("--seed: '   ' is not a decimal integer");
    QTest::newRow("not Python's int()") << chainedForm(QStringLiteral("1"), QStringLiteral("1e3")) << QStringLiteral("seed")
                                        << QStringLiteral("--seed: '1e3' is not a decimal integer");
    QTest::newRow("a word among the arguments") << chainedForm(QStringLiteral("1 two 3")) << QStringLiteral("arguments")
                                                << QStringLiteral("argument: 'two' is not a decimal integer");
    // "1,2,3" is one word that Python's int() refuses, on the command line and in the form.
    QTest::newRow("commas") << chainedForm(QStringLiteral("1,2,3")) << QStringLiteral("arguments")
                            << QStringLiteral("argument: '1,2,3' is not a decimal integer");
    QTest::newRow("more tasks than the limits allow")
        << asyncqForm(QStringLiteral("900000"), QStringLiteral("900000")) << QStringLiteral("producers")
        << QStringLiteral("too many tasks: -p 900000 -c 900000"); // then the limit, which core/ owns
    // Not clamped to the limit: refused, as the command line refuses it.
    QTest::newRow("a count over the task limit") << asyncqForm(QStringLiteral("9999999"), QStringLiteral("10"))
                                                 << QStringLiteral("producers")
                                                 << QStringLiteral("-p: '9999999' is more than the limit of 999999 tasks");
}

void tst_RunForm::invalidFormsNameTheFieldAndTheReason()
{
    QFETCH(RunForm, form);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto result = requestFromForm(form);
    QVERIFY(std::holds_alternative<RunFormError>(result));
    QCOMPARE(std::get<RunFormError>(result).field, field);
    const QString actual = std::get<RunFormError>(result).message;
    QVERIFY2(actual.startsWith(message), qPrintable(actual));
}

void tst_RunForm::theFormAndTheCommandLineAgree_data()
{
    QTest::addColumn<RunForm>("form");
    for (const QString& arguments : { QStringLiteral("1 2 3"), QStringLiteral("1,2,3"), QStringLiteral("x"),
             QStringLiteral("-0 +5"), QStringLiteral("1 99999999999999999999999") })
        QTest::newRow(qPrintable(QStringLiteral("chained ") + arguments)) << chainedForm(arguments);
    for (const QString& seed : { QStringLiteral("7"), QStringLiteral("-5"), QStringLiteral("abc"), QStringLiteral("0x10") })
        QTest::newRow(qPrintable(QStringLiteral("seed ") + seed)) << chainedForm(QStringLiteral("1"), seed);
    for (const auto& [p, c] : { std::pair { QStringLiteral("5"), QStringLiteral("10") }, { QStringLiteral("-3"), QStringLiteral("1") },
             { QStringLiteral("9999999"), QStringLiteral("1") }, { QStringLiteral("1"), QStringLiteral("1000000") },
             { QStringLiteral("600000"), QStringLiteral("600000") }, { QStringLiteral("0"), QStringLiteral("0") } })
        QTest::newRow(qPrintable(QStringLiteral("asyncq -p %1 -c %2").arg(p, c))) << asyncqForm(p, c);
}

// Whatever the text, the form and `loopscope print` accept the same runs, or refuse them
// with the same message.
void tst_RunForm::theFormAndTheCommandLineAgree()
{
    QFETCH(RunForm, form);
    const auto fromForm = requestFromForm(form);
    const ParsedCommandLine fromCommandLine = parseCommandLine(commandLineFor(form));
    if (const auto* error = std::get_if<RunFormError>(&fromForm)) {
        QVERIFY2(!fromCommandLine.command, qPrintable(error->message));
        QCOMPARE(error->message, fromCommandLine.error);
    } else {
        QVERIFY2(fromCommandLine.command, qPrintable(fromCommandLine.error));
        QCOMPARE(std::get<sim::RunRequest>(fromForm).describe(), fromCommandLine.command->request.describe());
    }
}

void tst_RunForm::anOptionEndingInDotPyIsNotTheProgram()
{
    const ParsedCommandLine parsed = parseCommandLine({ QStringLiteral("loopscope"), QStringLiteral("export"),
        QStringLiteral("--compare=b.py"), QStringLiteral("a.py"), QStringLiteral("x"), QStringLiteral("-o"), QStringLiteral("out.png") });
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    QCOMPARE(parsed.command->request.script->fileName, std::string("a.py"));
    QCOMPARE(parsed.command->request.script->argv, std::vector<std::string> { "x" });
    QCOMPARE(parsed.command->outputPath, QStringLiteral("out.png"));
    QCOMPARE(parsed.command->comparedWith.size(), std::size_t(1));
    QCOMPARE(parsed.command->comparedWith.front().request.script->fileName, std::string("b.py"));
}

void tst_RunForm::aRequestsFormDescribesTheSameRun()
{
    sim::RunRequest request = sim::testruns::chained(0, { 9, -1 });
    request.seed = *sim::PyInt::parse("123456789012345678901234567890");
    const auto again = requestFromForm(formFromRequest(request));
    QVERIFY(std::holds_alternative<sim::RunRequest>(again));
    QCOMPARE(std::get<sim::RunRequest>(again).describe(), request.describe());
}

void tst_RunForm::hugeSeedsAreQuotedShort()
{
    const auto result = requestFromForm(chainedForm(QStringLiteral("1"), QString(5000, QLatin1Char('7'))));
    QVERIFY(std::holds_alternative<RunFormError>(result));
    const QString message = std::get<RunFormError>(result).message;
    QVERIFY2(message.size() < 120, qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("4300 digits")));
}

void tst_RunForm::aRecordedProgramsArgumentsKeepSpacesAndEmptyWords()
{
    // `loopscope greet.py "Ada Lovelace" "" 'say "hi"'`: the form shows the argv so that
    // running it again gives the program the same argv, word for word.
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("greet.py"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("import sys\nprint(sys.argv)\n");
    file.close();
    sim::Script script;
    script.path = path.toStdString();
    script.fileName = "greet.py";
    script.argv = { "Ada Lovelace", "", "say \"hi\"", "plain", "tab\there" };
    const sim::RunRequest request = sim::RunRequest::forScript(script);

    const RunForm form = formFromRequest(request);
    const auto again = requestFromForm(form);
    QVERIFY(std::holds_alternative<sim::RunRequest>(again));
    QCOMPARE(std::get<sim::RunRequest>(again).script->argv, script.argv);
    QVERIFY(describeSameRun(form, formFromRequest(std::get<sim::RunRequest>(again))));

    QCOMPARE(splitArguments(QStringLiteral("  a   b ")), (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(splitArguments(QStringLiteral("\"two words\" x")), (QStringList { QStringLiteral("two words"), QStringLiteral("x") }));
}

QTEST_GUILESS_MAIN(tst_RunForm)

#include "tst_runform.moc"
