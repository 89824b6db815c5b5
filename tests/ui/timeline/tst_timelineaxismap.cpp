// SPDX-License-Identifier: MIT
// Steps and positions along both axes, on the default run (chained 1 2 3, seed 444: 24
// steps; instants t = 0 (steps 0-4), 4 (5-11), 8 (12-14), 11 (15-23)).
#include "recordedconstructs.h"
#include "rundata.h"
#include "runrequests.h"
#include "timelineaxismap.h"
#include "tracefile.h"

#include <QTest>

#include <cmath>

using ui::TimelineAxis;
using ui::TimelineAxisMap;

class TestTimelineAxisMap : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theDefaultRunIsTheOneTheseTestsDescribe();
    void onTheStepAxisEachStepIsOneUnit();
    void onTheTimeAxisEqualSecondsTakeEqualWidths();
    void onTheTimeAxisTheStepsOfAnInstantShareItsX();
    void aRunWhoseClockNeverMovesSpreadsItsStepsOnBothTimeAxes();
    void onTheInstantsAxisStepsOfOneInstantSitSideBySide();
    void idleTimeBetweenInstantsIsProportionalToSeconds();
    void segmentsStartWhereTheirStateBegan();
    void locatingAUnitFindsItsStepOrGap_data();
    void locatingAUnitFindsItsStepOrGap();
    void rulerTimesLandOnInstantsAndGaps();
    void fractionalPositionsSurviveAnAxisChange_data();
    void fractionalPositionsSurviveAnAxisChange();
    void anEmptyMapAnswersZero();
    void comparedRunsPutEachSecondAtOneUnitOnTheInstantsAxis();
    void aComparedBlockLastsToTheClockItReturnedAt();

private:
    ui::RunDataPtr m_run;
};

void TestTimelineAxisMap::initTestCase()
{
    m_run = ui::computeRun(sim::RunRequest {});
    QVERIFY(m_run && m_run->timeline);
}

void TestTimelineAxisMap::theDefaultRunIsTheOneTheseTestsDescribe()
{
    QCOMPARE(m_run->timeline->stepCount(), std::size_t(24));
    QCOMPARE(m_run->timeline->instants().size(), std::size_t(4));
    QCOMPARE(m_run->timeline->instants()[1].firstStep, 5u);
    QCOMPARE(m_run->timeline->instants()[1].time, 4.0);
}

void TestTimelineAxisMap::onTheStepAxisEachStepIsOneUnit()
{
    const TimelineAxisMap map(*m_run->index, TimelineAxis::Steps);
    QCOMPARE(map.total(), 24.0);
    QCOMPARE(map.stepWidth(), 1.0);
    QCOMPARE(map.stepStart(7), 7.0);
    QCOMPARE(map.stepEnd(7), 8.0);
    QCOMPARE(map.positionUnit(0), 0.0);
    QCOMPARE(map.positionUnit(9), 9.0);
    QCOMPARE(map.positionUnit(1000), 24.0); // clamped
    QCOMPARE(map.minVisibleWidth(), 4.0);
}

void TestTimelineAxisMap::onTheTimeAxisEqualSecondsTakeEqualWidths()
{
    const TimelineAxisMap map(*m_run->index, TimelineAxis::Time);
    QVERIFY(map.isTime());
    QVERIFY(map.isProportional());
    QCOMPARE(map.stepWidth(), 0.0);
    QCOMPARE(map.positionUnit(24), 11.0); // the run's 11 seconds,
    QVERIFY(map.total() > 11.0 && map.total() < 11.0 * 1.1); // and a little after, for the states the tasks end in
    // 0 -> 2 s holds the five steps at t = 0, 2 -> 4 s none: the same width all the same.
    QCOMPARE(map.unitAtTime(2) - map.unitAtTime(0), map.unitAtTime(4) - map.unitAtTime(2));
    // Every instant at its time.
    for (const sim::Instant& instant : m_run->timeline->instants())
        QCOMPARE(map.stepStart(instant.firstStep), instant.time - m_run->timeline->instants().front().time);
    // A sleep's bar runs from the end of its step to its wake-up: exactly its seconds.
    const auto& chain1 = m_run->timeline->lanes()[1].segments;
    QCOMPARE(chain1[1].state, sim::TaskState::Sleeping);
    QCOMPARE(map.segmentStart(chain1[2]) - map.segmentStart(chain1[1]), chain1[1].wakeAt - chain1[1].startTime);
    QCOMPARE(map.timeAt(2.5), 2.5);
    QVERIFY(map.minVisibleWidth() > 0);
    QVERIFY(map.minVisibleWidth() <= 11.0 / 1000);
}

void TestTimelineAxisMap::onTheTimeAxisTheStepsOfAnInstantShareItsX()
{
    const TimelineAxisMap map(*m_run->index, TimelineAxis::Time);
    // Steps 5..11 at t = 4: one x, and each position in that instant too.
    for (std::size_t s = 5; s <= 11; ++s) {
        QCOMPARE(map.stepStart(s), 4.0);
        QCOMPARE(map.stepEnd(s), 4.0);
        QCOMPARE(map.positionUnit(s + 1), 4.0);
    }
    // Going back and forth between the axes keeps the positions that end an instant (the
    // others share their instant's x).
    for (double position : {5.0, 12.0, 15.0, 24.0})
        QCOMPARE(map.fractionalPosition(map.unitAtFractionalPosition(position)), position);
}

void TestTimelineAxisMap::aRunWhoseClockNeverMovesSpreadsItsStepsOnBothTimeAxes()
{
    // asyncq without producers: the consumers wait, main joins the empty queue at once and
    // cancels them, all at t = 0.
    const ui::RunDataPtr run = ui::computeRun(sim::testruns::asyncq(444, 0, 2));
    QCOMPARE(run->timeline->instants().size(), std::size_t(1));
    for (TimelineAxis axis : {TimelineAxis::Time, TimelineAxis::Instants}) {
        const TimelineAxisMap map(*run->index, axis);
        QCOMPARE(map.stepWidth(), 1.0);
        QCOMPARE(map.total(), double(map.stepCount()));
        QVERIFY(map.minVisibleWidth() > 0);
    }
}

void TestTimelineAxisMap::onTheInstantsAxisStepsOfOneInstantSitSideBySide()
{
    const TimelineAxisMap map(*m_run->index, TimelineAxis::Instants);
    // The steps take as much room as the 11 seconds: w = 11 / 24 per step.
    const double w = 11.0 / 24.0;
    QVERIFY(std::abs(map.stepWidth() - w) < 1e-12);
    QVERIFY(std::abs(map.total() - (11 + 24 * w)) < 1e-9);
    // Steps 5..11 at t = 4 follow each other with no gap.
    for (std::size_t s = 5; s < 11; ++s)
        QVERIFY(std::abs(map.stepEnd(s) - map.stepStart(s + 1)) < 1e-12);
    QVERIFY(std::abs(map.stepStart(5) - (4 + 5 * w)) < 1e-12);
}

void TestTimelineAxisMap::idleTimeBetweenInstantsIsProportionalToSeconds()
{
    const TimelineAxisMap map(*m_run->index, TimelineAxis::Instants);
    // Step 4 is the last at t = 0, step 5 the first at t = 4: four seconds of gap.
    QVERIFY(std::abs(map.stepStart(5) - map.stepEnd(4) - 4.0) < 1e-12);
    // Step 11 is the last at t = 4, step 12 the first at t = 8.
    QVERIFY(std::abs(map.stepStart(12) - map.stepEnd(11) - 4.0) < 1e-12);
    QCOMPARE(map.timeAt((map.stepEnd(4) + map.stepStart(5)) / 2), 2.0);
}

void TestTimelineAxisMap::segmentsStartWhereTheirStateBegan()
{
    const TimelineAxisMap map(*m_run->index, TimelineAxis::Instants);
    const auto& chain1 = m_run->timeline->lanes()[1].segments; // [1,2) running, [2,6) sleeping, ...
    QCOMPARE(chain1[0].state, sim::TaskState::Running);
    QCOMPARE(chain1[1].state, sim::TaskState::Sleeping);
    // A running segment starts with its step; the sleep starts as that step ends.
    QCOMPARE(map.segmentStart(chain1[0]), map.stepStart(1));
    QCOMPARE(map.segmentStart(chain1[1]), map.stepEnd(1));
}

void TestTimelineAxisMap::locatingAUnitFindsItsStepOrGap_data()
{
    QTest::addColumn<int>("axis");
    QTest::addColumn<double>("unit");
    QTest::addColumn<bool>("inStep");
    QTest::addColumn<int>("position");

    const double w = 11.0 / 24.0;
    QTest::newRow("steps: inside step 3") << int(TimelineAxis::Steps) << 3.5 << true << 4;
    QTest::newRow("steps: on a boundary belongs to the step after") << int(TimelineAxis::Steps) << 3.0 << true << 4;
    QTest::newRow("steps: before the start") << int(TimelineAxis::Steps) << -2.0 << false << 0;
    QTest::newRow("steps: past the end") << int(TimelineAxis::Steps) << 30.0 << false << 24;
    QTest::newRow("instants: inside step 0") << int(TimelineAxis::Instants) << w / 2 << true << 1;
    QTest::newRow("instants: inside step 6") << int(TimelineAxis::Instants) << 4 + 6.5 * w << true << 7;
    QTest::newRow("instants: the gap before t = 4") << int(TimelineAxis::Instants) << 2 + 5 * w << false << 5;
    QTest::newRow("instants: before the start") << int(TimelineAxis::Instants) << -1.0 << false << 0;
    QTest::newRow("instants: past the end") << int(TimelineAxis::Instants) << 100.0 << false << 24;
    // The time axis: a click at a time is after every step at or before it.
    QTest::newRow("time: just before t = 4") << int(TimelineAxis::Time) << 3.999 << false << 5;
    QTest::newRow("time: on t = 4") << int(TimelineAxis::Time) << 4.0 << false << 12;
    QTest::newRow("time: between t = 8 and 11") << int(TimelineAxis::Time) << 9.5 << false << 15;
    QTest::newRow("time: past the end") << int(TimelineAxis::Time) << 100.0 << false << 24;
}

void TestTimelineAxisMap::locatingAUnitFindsItsStepOrGap()
{
    QFETCH(int, axis);
    QFETCH(double, unit);
    QFETCH(bool, inStep);
    QFETCH(int, position);
    const TimelineAxisMap map(*m_run->index, TimelineAxis(axis));
    const auto where = map.locate(unit);
    QCOMPARE(where.inStep, inStep);
    QCOMPARE(int(where.position), position);
    QCOMPARE(int(map.positionForClick(unit)), position);
}

void TestTimelineAxisMap::rulerTimesLandOnInstantsAndGaps()
{
    const TimelineAxisMap proportional(*m_run->index, TimelineAxis::Time);
    for (double seconds : {0.0, 2.0, 4.0, 5.5, 11.0})
        QCOMPARE(proportional.unitAtTime(seconds), seconds);
    const TimelineAxisMap time(*m_run->index, TimelineAxis::Instants);
    QCOMPARE(time.unitAtTime(4), time.stepStart(5)); // an instant: its first step
    QVERIFY(std::abs(time.unitAtTime(2) - (time.stepEnd(4) + 2)) < 1e-12); // the gap, two seconds in
    QCOMPARE(time.unitAtTime(0), 0.0);
    const TimelineAxisMap steps(*m_run->index, TimelineAxis::Steps);
    QCOMPARE(steps.unitAtTime(4), 5.0);
    QCOMPARE(steps.unitAtTime(5), 12.0); // nothing at t = 5: the next instant's first step
    QCOMPARE(steps.unitAtTime(99), 24.0);
}

void TestTimelineAxisMap::fractionalPositionsSurviveAnAxisChange_data()
{
    QTest::addColumn<double>("position");
    QTest::newRow("start") << 0.0;
    QTest::newRow("a whole position") << 9.0;
    QTest::newRow("inside a step") << 9.25;
    QTest::newRow("end") << 24.0;
}

void TestTimelineAxisMap::fractionalPositionsSurviveAnAxisChange()
{
    QFETCH(double, position);
    for (TimelineAxis axis : {TimelineAxis::Instants, TimelineAxis::Steps}) {
        const TimelineAxisMap map(*m_run->index, axis);
        QVERIFY(std::abs(map.fractionalPosition(map.unitAtFractionalPosition(position)) - position) < 1e-9);
    }
}

void TestTimelineAxisMap::anEmptyMapAnswersZero()
{
    const TimelineAxisMap map;
    QCOMPARE(map.stepCount(), std::size_t(0));
    QCOMPARE(map.total(), 0.0);
    QCOMPARE(map.positionUnit(5), 0.0);
    QCOMPARE(map.locate(3).position, std::size_t(0));
    QCOMPARE(map.unitAtTime(3), 0.0);
    QCOMPARE(map.timeAt(3), 0.0);
}

void TestTimelineAxisMap::comparedRunsPutEachSecondAtOneUnitOnTheInstantsAxis()
{
    // Seed 444 (instants 0, 4, 8, 11) against seed 7 (other instants, other step counts).
    const ui::RunDataPtr other = ui::computeRun(sim::testruns::chained(7, { 1, 2, 3 }));
    const sim::StateIndex* runs[] = { m_run->index.get(), other->index.get() };
    const TimelineAxisMap above(*m_run->index, TimelineAxis::Instants, runs);
    const TimelineAxisMap below(*other->index, TimelineAxis::Instants, runs);
    // Each on its own widens its instants by its own step width: t = 4 s at another unit.
    QVERIFY(std::abs(TimelineAxisMap(*m_run->index, TimelineAxis::Instants).unitAtTime(4)
                - TimelineAxisMap(*other->index, TimelineAxis::Instants).unitAtTime(4))
        > 0.1);

    // Laid out together, every second is at one unit in both, and reads back as itself.
    QCOMPARE(above.stepWidth(), below.stepWidth());
    const double end = std::min(above.timeAt(above.total()), below.timeAt(below.total()));
    for (double t = 0; t <= end; t += 0.25) {
        QVERIFY2(std::abs(above.unitAtTime(t) - below.unitAtTime(t)) < 1e-9, qPrintable(QString::number(t)));
        QVERIFY2(std::abs(above.timeAt(above.unitAtTime(t)) - t) < 1e-9, qPrintable(QString::number(t)));
        QVERIFY2(std::abs(below.timeAt(below.unitAtTime(t)) - t) < 1e-9, qPrintable(QString::number(t)));
    }
    // An instant's steps start at its start, side by side, in each run; an instant is as wide
    // as the run with more steps there needs, so nothing runs into the next one.
    for (const auto* map : { &above, &below }) {
        const sim::StateIndex& index = map == &above ? *m_run->index : *other->index;
        const auto& steps = index.steps();
        for (std::size_t s = 0; s < steps.size(); ++s) {
            const double t = steps[s].time - steps.front().time;
            if (s == 0 || steps[s - 1].time != steps[s].time)
                QCOMPARE(map->stepStart(s), map->unitAtTime(t));
            else
                QVERIFY(std::abs(map->stepStart(s) - map->stepEnd(s - 1)) < 1e-12);
            if (s + 1 < steps.size())
                QVERIFY(map->stepEnd(s) <= map->stepStart(s + 1) + 1e-12);
            QCOMPARE(map->stepTime(s), t);
        }
    }
    // The steps take half the axis over the merged instants, as one run's take half of its own.
    QVERIFY(std::abs(above.stepWidth() - TimelineAxisMap(*m_run->index, TimelineAxis::Instants).stepWidth()) > 1e-6);
    // A run compared with nothing else (or with itself) is laid out on its own.
    const sim::StateIndex* alone[] = { m_run->index.get(), m_run->index.get(), nullptr };
    const TimelineAxisMap own(*m_run->index, TimelineAxis::Instants, alone);
    QCOMPARE(own.stepWidth(), 11.0 / 24.0);
    QCOMPARE(own.stepStart(5), TimelineAxisMap(*m_run->index, TimelineAxis::Instants).stepStart(5));
}

void TestTimelineAxisMap::aComparedBlockLastsToTheClockItReturnedAt()
{
    // Step 1 (chain 1's first) blocks the loop for 2 s at t = 0; the run it is compared with
    // does not block, and has its instants elsewhere.
    ui::TraceFileContents contents;
    contents.request = sim::testruns::chained(444, { 1, 2, 3 });
    contents.result = sim::simulate(contents.request, &contents.trace, {});
    QVERIFY(sim::testruns::insertBlock(contents.trace, 1, 2.0, 12));
    const ui::RunDataPtr blocked = ui::runFromTraceFile(std::move(contents));
    const ui::RunDataPtr other = ui::computeRun(sim::testruns::chained(7, { 1, 2, 3 }));
    const sim::StateIndex* runs[] = { blocked->index.get(), other->index.get() };
    const TimelineAxisMap map(*blocked->index, TimelineAxis::Instants, runs);
    const TimelineAxisMap beside(*other->index, TimelineAxis::Instants, runs);
    QVERIFY(blocked->index->blockedSeconds(1) == 2.0);
    // The block runs from its step's start to t = 2 s, where the other run's t = 2 s is.
    QCOMPARE(map.stepEnd(1), map.unitAtTime(2));
    QCOMPARE(map.stepEnd(1), beside.unitAtTime(2));
    QCOMPARE(map.stepStart(2), map.stepEnd(1)); // the step that waited behind it runs then
    for (double t : { 0.5, 1.0, 1.5 }) {
        QCOMPARE(map.locate(map.unitAtTime(t)).step, std::size_t(1));
        QVERIFY(std::abs(map.timeAt(map.unitAtTime(t)) - t) < 1e-9);
        QVERIFY(std::abs(map.unitAtTime(t) - beside.unitAtTime(t)) < 1e-9);
    }
}

QTEST_GUILESS_MAIN(TestTimelineAxisMap)
#include "tst_timelineaxismap.moc"
