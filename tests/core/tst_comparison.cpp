// SPDX-License-Identifier: MIT
// Two runs side by side: the first step where their schedules part (checked against the two
// traces step by step), their totals, and which position of one stands beside the other's.
#include "comparison.h"
#include "narration.h"
#include "runrequests.h"
#include "simulation.h"

#include <QTest>

#include <memory>

using namespace sim;

namespace {
using testruns::indexed;

// What the class sees of a step: who ran, what kind of handle, when.
QString seen(const StateIndex& run, std::size_t step)
{
    const StepInfo& info = run.steps()[step];
    const std::string_view name = info.task == noId ? std::string_view("loop") : run.trace().taskName(info.task);
    return QStringLiteral("%1 %2 t=%3")
        .arg(QString::fromUtf8(name.data(), qsizetype(name.size())))
        .arg(int(info.kind))
        .arg(info.time);
}
}

class tst_Comparison : public QObject {
    Q_OBJECT

private slots:
    void aRunAgainstItselfDoesNotDiverge();
    void theFirstDivergenceIsTheFirstStepThatDiffers_data();
    void theFirstDivergenceIsTheFirstStepThatDiffers();
    void totalsAreComparedInOneLine();
    void positionsAlignByVirtualTime();
};

void tst_Comparison::aRunAgainstItselfDoesNotDiverge()
{
    const auto a = indexed(testruns::chained(444, {}));
    const auto b = indexed(testruns::chained(444, {}));
    QVERIFY(!firstDivergence(*a->index, *b->index));
}

void tst_Comparison::theFirstDivergenceIsTheFirstStepThatDiffers_data()
{
    QTest::addColumn<RunRequest>("first");
    QTest::addColumn<RunRequest>("second");
    QTest::newRow("chained seed 444 vs 7") << testruns::chained(444, {}) << testruns::chained(7, {});
    QTest::newRow("chained 1 2 3 vs 1 2") << testruns::chained(444, { 1, 2, 3 }) << testruns::chained(444, { 1, 2 });
    QTest::newRow("asyncq 444 vs 445") << testruns::asyncq(444, 5, 10) << testruns::asyncq(445, 5, 10);
    QTest::newRow("asyncq with and without consumers") << testruns::asyncq(7, 2, 3) << testruns::asyncq(7, 2, 0);
}

void tst_Comparison::theFirstDivergenceIsTheFirstStepThatDiffers()
{
    QFETCH(RunRequest, first);
    QFETCH(RunRequest, second);
    const auto a = indexed(first);
    const auto b = indexed(second);
    const auto divergence = firstDivergence(*a->index, *b->index);
    QVERIFY(divergence);
    const std::size_t step = divergence->step;
    for (std::size_t s = 0; s < step; ++s)
        QCOMPARE(seen(*b->index, s), seen(*a->index, s));
    const bool oneEnded = step == a->index->stepCount() || step == b->index->stepCount();
    QVERIFY(oneEnded || seen(*a->index, step) != seen(*b->index, step));
    QVERIFY2(QString::fromStdString(divergence->sentence).contains(oneEnded ? QStringLiteral("run ends after")
                                                                            : QStringLiteral("is the first that differs")),
        divergence->sentence.c_str());
    // Short enough to read at a glance above the compared timeline: each run's step in the
    // first sentence of its Why, not the whole of it.
    if (!oneEnded) {
        const std::string whole = narrateStep(*a->index, step);
        const std::size_t end = whole.find(". ");
        const std::string opening = end == std::string::npos ? whole : whole.substr(0, end + 1);
        QVERIFY2(divergence->sentence.find("First run: " + opening + " Second run: ") != std::string::npos,
            divergence->sentence.c_str());
        QVERIFY2(divergence->sentence.size() < 400, divergence->sentence.c_str());
    }
}

void tst_Comparison::totalsAreComparedInOneLine()
{
    const auto a = indexed(testruns::chained(444, {}));
    const auto b = indexed(testruns::asyncq(7, 2, 0));
    QCOMPARE(describeTotals(*a->index), std::string("finished at t = 11 s \u00b7 24 steps \u00b7 16 lines printed"));
    const std::string both = compareTotals(*a->index, *b->index);
    QVERIFY2(both.starts_with("finished at t = 11 s vs deadlock at t = "), both.c_str());
    QVERIFY2(both.find("24 vs ") != std::string::npos, both.c_str());
    // The same kind of ending is said once.
    const auto c = indexed(testruns::chained(7, {}));
    QCOMPARE(compareTotals(*a->index, *c->index), std::string("finished at t = 11 s vs t = 12 s \u00b7 24 vs 24 steps \u00b7 16 vs 16 lines printed"));
}

void tst_Comparison::positionsAlignByVirtualTime()
{
    const auto a = indexed(testruns::chained(444, {}));
    const auto b = indexed(testruns::chained(7, {}));
    const auto& steps = b->index->steps();
    QCOMPARE(alignedPosition(*a->index, 0, *b->index), std::size_t(0));
    for (std::size_t position = 1; position <= a->index->stepCount(); ++position) {
        const double instant = a->index->steps()[position - 1].time;
        const std::size_t aligned = alignedPosition(*a->index, position, *b->index);
        // Every step of the other run up to that instant has run, and none after it.
        for (std::size_t s = 0; s < aligned; ++s)
            QVERIFY(steps[s].time <= instant);
        QVERIFY(aligned == steps.size() || steps[aligned].time > instant);
    }
}

QTEST_GUILESS_MAIN(tst_Comparison)

#include "tst_comparison.moc"
