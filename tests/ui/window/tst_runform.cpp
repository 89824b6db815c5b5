// SPDX-License-Identifier: MIT
// The run form's text as the user typed it, turned into a simulation request or into the
// field to mark and why.
#include "runform.h"

#include <QTest>

using namespace ui;

Q_DECLARE_METATYPE(ui::RunField)

class tst_RunForm : public QObject {
    Q_OBJECT

private slots:
    void validFormsBecomeRequests_data();
    void validFormsBecomeRequests();
    void invalidFormsNameTheFieldAndTheReason_data();
    void invalidFormsNameTheFieldAndTheReason();
    void aRequestsFormDescribesTheSameRun();
    void hugeSeedsAreQuotedShort();
};

void tst_RunForm::validFormsBecomeRequests_data()
{
    QTest::addColumn<RunForm>("form");
    QTest::addColumn<QString>("description");
    RunForm chained;
    QTest::newRow("the default run") << chained << QStringLiteral("chained 1 2 3 \u00b7 seed 444");
    chained.arguments = QString();
    QTest::newRow("no arguments: the script's own 1 2 3") << chained << QStringLiteral("chained 1 2 3 \u00b7 seed 444");
    chained.arguments = QStringLiteral(" 4, 5 ,6 ");
    QTest::newRow("commas and spaces") << chained << QStringLiteral("chained 4 5 6 \u00b7 seed 444");
    chained.arguments = QStringLiteral("-2 1_000 +7");
    chained.seed = QStringLiteral(" -98765432109876543210 ");
    QTest::newRow("any integer, as Python's int() reads it")
        << chained << QStringLiteral("chained -2 1000 7 \u00b7 seed -98765432109876543210");
    RunForm asyncq;
    asyncq.scenario = sim::Scenario::Asyncq;
    asyncq.arguments = QStringLiteral("not used by asyncq");
    QTest::newRow("asyncq") << asyncq << QStringLiteral("asyncq -p 5 -c 10 \u00b7 seed 444");
    asyncq.consumers = 0;
    QTest::newRow("asyncq without consumers (a deadlock, still a valid run)")
        << asyncq << QStringLiteral("asyncq -p 5 -c 0 \u00b7 seed 444");
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
    QTest::addColumn<RunField>("field");
    QTest::addColumn<QString>("message"); // how the message starts
    RunForm form;
    form.seed = QStringLiteral("abc");
    QTest::newRow("a word as seed") << form << RunField::Seed
                                    << QStringLiteral("Seed \u201cabc\u201d is not a decimal integer");
    form.seed = QStringLiteral("   ");
    QTest::newRow("an empty seed") << form << RunField::Seed << QStringLiteral("Seed is empty: type an integer");
    form.seed = QStringLiteral("1e3");
    QTest::newRow("not Python's int()") << form << RunField::Seed
                                        << QStringLiteral("Seed \u201c1e3\u201d is not a decimal integer");
    form = RunForm {};
    form.arguments = QStringLiteral("1 two 3");
    QTest::newRow("a word among the arguments")
        << form << RunField::Arguments << QStringLiteral("Argument \u201ctwo\u201d is not a decimal integer");
    form = RunForm {};
    form.scenario = sim::Scenario::Asyncq;
    form.producers = 3'000'000;
    QTest::newRow("more tasks than the limits allow")
        << form << RunField::Producers
        << QStringLiteral("too many tasks: -p 3000000 -c 10"); // then the limit, which core/ owns
    form.producers = 5;
    form.consumers = -1;
    QTest::newRow("negative consumers") << form << RunField::Consumers << QStringLiteral("Consumers must be 0 or more");
}

void tst_RunForm::invalidFormsNameTheFieldAndTheReason()
{
    QFETCH(RunForm, form);
    QFETCH(RunField, field);
    QFETCH(QString, message);
    const auto result = requestFromForm(form);
    QVERIFY(std::holds_alternative<RunFormError>(result));
    QCOMPARE(std::get<RunFormError>(result).field, field);
    const QString actual = std::get<RunFormError>(result).message;
    QVERIFY2(actual.startsWith(message), qPrintable(actual));
}

void tst_RunForm::aRequestsFormDescribesTheSameRun()
{
    sim::RunRequest request;
    request.seed = *sim::PyInt::parse("123456789012345678901234567890");
    request.chainArguments = { sim::PyInt::fromInt64(9), sim::PyInt::fromInt64(-1) };
    const auto again = requestFromForm(formFromRequest(request));
    QVERIFY(std::holds_alternative<sim::RunRequest>(again));
    QCOMPARE(std::get<sim::RunRequest>(again).describe(), request.describe());
}

void tst_RunForm::hugeSeedsAreQuotedShort()
{
    RunForm form;
    form.seed = QString(5000, QLatin1Char('7'));
    const auto result = requestFromForm(form);
    QVERIFY(std::holds_alternative<RunFormError>(result));
    const QString message = std::get<RunFormError>(result).message;
    QVERIFY2(message.size() < 120, qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("4300 digits")));
}

QTEST_GUILESS_MAIN(tst_RunForm)

#include "tst_runform.moc"
