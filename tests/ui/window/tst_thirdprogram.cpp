// SPDX-License-Identifier: MIT
// A program is described once: a tiny third program, registered here (not in the product),
// is offered by the command line and its --help, the run form, the window's panels and the
// trace file, with no change to any of them.
#include "commandline.h"
#include "gather.h"
#include "listingpanel.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "playbackcontroller.h"
#include "runcontrols.h"
#include "scenarios.h"
#include "sleep.h"
#include "tracefile.h"

#include <QComboBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr std::string_view ticksListing = R"(import asyncio

async def tick(n: int) -> None:
    await asyncio.sleep(n)
    print(f"tick {n}")

async def main(count: int) -> None:
    await asyncio.gather(*(tick(n) for n in range(count)))
)";

sim::Task<void> tick(sim::ScenarioContext& context, std::int64_t n)
{
    context.at(4);
    co_await sim::sleep(context.loop, double(n));
    context.at(5);
    context.loop.print("tick " + std::to_string(n));
}

sim::Task<void> ticksMain(sim::ScenarioContext& context, std::int64_t count)
{
    context.at(8);
    std::vector<sim::NamedCoroutine> ticks;
    for (std::int64_t n = 0; n < count; ++n)
        ticks.push_back(sim::NamedCoroutine { "tick " + std::to_string(n), tick(context, n) });
    co_await sim::gather(context.loop, std::move(ticks));
}

sim::RunStatus runTicks(sim::ScenarioContext& context, const sim::ProgramArguments& arguments)
{
    return context.loop.run(ticksMain(context, *arguments[0].front().toInt64()));
}

const sim::Program& ticksProgram()
{
    static const sim::Program program {
        .name = "ticks",
        .fileName = "ticks.py",
        .summary = "tasks that tick once after n seconds",
        .listing = ticksListing,
        .parameters = { sim::ProgramParameter {
            .shape = sim::ProgramParameter::Shape::Integer,
            .key = "ticks",
            .label = "Ticks",
            .shortFlag = "t",
            .longFlag = "ticks",
            .help = "how many tasks tick",
            .defaultText = "2",
            .countsTasks = true,
        } },
        .run = runTicks,
    };
    return program;
}

QStringList words(const char* line) { return QString::fromLatin1(line).split(QLatin1Char(' ')); }

} // namespace

class tst_ThirdProgram : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void theCommandLineOffersIt();
    void itRunsAndItsTraceFileReadsBack();
    void theFormAndThePanelsOfferIt();
};

void tst_ThirdProgram::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    sim::registerProgram(ticksProgram()); // the one registration line a new program needs
}

void tst_ThirdProgram::theCommandLineOffersIt()
{
    const ParsedCommandLine parsed = parseCommandLine(words("loopscope print ticks -t 3 --seed 5"));
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    QCOMPARE(parsed.command->request.program, &ticksProgram());
    QCOMPARE(parsed.command->request.describe(), std::string("ticks -t 3 \u00b7 seed 5"));
    // Its option belongs to it alone; its own values are checked by its description.
    QCOMPARE(parseCommandLine(words("loopscope print chained -t 3")).error, QStringLiteral("-t applies to ticks only"));
    QCOMPARE(parseCommandLine(words("loopscope print ticks -t x")).error,
        QStringLiteral("-t: 'x' is not a decimal integer"));
    const QString help = helpText();
    QVERIFY2(help.contains(QStringLiteral("loopscope print ticks [--seed S] [-t N]")), qPrintable(help));
    QVERIFY(help.contains(QStringLiteral("ticks: how many tasks tick (default 2).")));
}

void tst_ThirdProgram::itRunsAndItsTraceFileReadsBack()
{
    sim::RunRequest request = sim::RunRequest::defaultsFor(ticksProgram());
    request.arguments = { { sim::PyInt::fromInt64(3) } };
    QStringList printed;
    sim::simulate(request, nullptr, [&](std::string_view line) { printed << QString::fromUtf8(line.data(), qsizetype(line.size())); });
    QCOMPARE(printed, QStringList({ QStringLiteral("tick 0"), QStringLiteral("tick 1"), QStringLiteral("tick 2") }));

    const ui::RunDataPtr run = ui::computeRun(request);
    QVERIFY(!run->hasQueue());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ticks.jsonl"));
    QString error;
    QVERIFY(ui::writeTraceFile(path, run->request, run->result, run->trace, run->listing, &error));
    const auto read = ui::readTraceFile(path, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->request.program, &ticksProgram());
    QCOMPARE(read->listing, std::string(ticksListing));
    QCOMPARE(read->trace.events.size(), run->trace.events.size());
}

void tst_ThirdProgram::theFormAndThePanelsOfferIt()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitFor([&] { return bool(window.run()); }, 10000));
    auto* program = window.findChild<QComboBox*>(QStringLiteral("scenarioField"));
    const int index = program->findText(QStringLiteral("ticks.py"));
    QVERIFY(index >= 0);
    program->setCurrentIndex(index);
    auto* ticks = window.findChild<QSpinBox*>(QStringLiteral("ticks.ticksField"));
    QVERIFY(ticks);
    QVERIFY(ticks->isVisibleTo(&window));
    QCOMPARE(ticks->value(), 2); // its default, from its description
    ticks->setValue(4);
    const ui::RunDataPtr previous = window.run();
    window.runControls()->submitted();
    QVERIFY(QTest::qWaitFor([&] { return window.run() != previous; }, 10000));
    QCOMPARE(window.run()->request.program, &ticksProgram());
    QCOMPARE(window.run()->request.describe(), std::string("ticks -t 4 \u00b7 seed 444"));
    QVERIFY(window.listingPanel()->text().contains(QStringLiteral("async def tick(n: int)")));
    QCOMPARE(window.listingPanel()->fileName(), QStringLiteral("ticks.py"));
    window.playback()->toEnd();
    // No queue in this run, so no queue section.
    QVERIFY(!window.loopStatePanel()->plainText().contains(QStringLiteral("Queue")));
}

QTEST_MAIN(tst_ThirdProgram)

#include "tst_thirdprogram.moc"
