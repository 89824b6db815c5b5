// SPDX-License-Identifier: MIT
// computeRun: a finished run comes with its index and timeline; a cancelled one is dropped
// before the (long) indexing, so the window is free again soon after Cancel; its index and
// timeline, built at the same time on two threads in memory an earlier run gave back, are the
// same as a fresh run's.
#include "rundata.h"
#include "runrequests.h"

#include <QTest>

using namespace ui;

class tst_RunData : public QObject {
    Q_OBJECT

private slots:
    void aFinishedRunComesIndexedAndLaidOut();
    void aCancelledRunIsDroppedBeforeIndexing();
    void aRunInMemoryAnotherRunGaveBackIsTheSameAsAFreshOne();
};

namespace {
// Every step, the state at positions across the run, and everything the timeline draws.
void compareDerived(const RunData& fresh, const RunData& again)
{
    const sim::StateIndex& a = *fresh.index;
    const sim::StateIndex& b = *again.index;
    QCOMPARE(b.stepCount(), a.stepCount());
    for (std::size_t s = 0; s < a.stepCount(); ++s) {
        const sim::StepInfo& x = a.steps()[s];
        const sim::StepInfo& y = b.steps()[s];
        QVERIFY(x.event == y.event && x.time == y.time && x.iteration == y.iteration && x.kind == y.kind
            && x.task == y.task);
    }
    QCOMPARE(b.checkpointCount(), a.checkpointCount());
    for (std::size_t position = 0; position <= a.stepCount(); position += a.stepCount() / 17 + 1)
        QVERIFY(b.stateAt(position) == a.stateAt(position));

    const sim::Timeline& t = *fresh.timeline;
    const sim::Timeline& u = *again.timeline;
    QCOMPARE(u.stepCount(), t.stepCount());
    QCOMPARE(u.endTime(), t.endTime());
    QCOMPARE(u.lanes().size(), t.lanes().size());
    for (std::size_t lane = 0; lane < t.lanes().size(); ++lane) {
        const sim::Lane& x = t.lanes()[lane];
        const sim::Lane& y = u.lanes()[lane];
        QVERIFY(x.task == y.task && x.internal == y.internal);
        QCOMPARE(y.segments.size(), x.segments.size());
        for (std::size_t i = 0; i < x.segments.size(); ++i) {
            const sim::Segment& m = x.segments[i];
            const sim::Segment& n = y.segments[i];
            QVERIFY(m.startStep == n.startStep && m.endStep == n.endStep && m.startTime == n.startTime
                && m.endTime == n.endTime && m.state == n.state && m.waitObject == n.waitObject && m.wakeAt == n.wakeAt
                && m.line == n.line);
        }
    }
    QCOMPARE(u.arrows().size(), t.arrows().size());
    for (std::size_t i = 0; i < t.arrows().size(); ++i) {
        const sim::WakeArrow& x = t.arrows()[i];
        const sim::WakeArrow& y = u.arrows()[i];
        QVERIFY(x.fromStep == y.fromStep && x.fromTask == y.fromTask && x.toStep == y.toStep && x.toTask == y.toTask
            && x.cause == y.cause);
    }
    QCOMPARE(u.ties().size(), t.ties().size());
    for (std::size_t i = 0; i < t.ties().size(); ++i) {
        QCOMPARE(u.ties()[i].when, t.ties()[i].when);
        QCOMPARE(u.ties()[i].steps, t.ties()[i].steps);
    }
    QCOMPARE(u.instants().size(), t.instants().size());
    for (std::size_t i = 0; i < t.instants().size(); ++i)
        QVERIFY(u.instants()[i].time == t.instants()[i].time && u.instants()[i].firstStep == t.instants()[i].firstStep);
    QCOMPARE(u.printSteps(), t.printSteps());
}
}

void tst_RunData::aFinishedRunComesIndexedAndLaidOut()
{
    sim::RunControl control;
    const RunDataPtr run = computeRun(sim::RunRequest {}, &control);
    QVERIFY(run);
    QCOMPARE(run->result.status, sim::RunStatus::Completed);
    QVERIFY(run->index);
    QVERIFY(run->timeline);
    QVERIFY(!run->trace.events.empty());
    QVERIFY(!control.cancelRequested);
}

void tst_RunData::aCancelledRunIsDroppedBeforeIndexing()
{
    const sim::RunRequest request = sim::testruns::asyncq(444, 2000, 4000);
    sim::RunControl control;
    control.cancelRequested = true; // as if Cancel was pressed before the loop polled
    QCOMPARE(computeRun(request, &control), RunDataPtr());
}

void tst_RunData::aRunInMemoryAnotherRunGaveBackIsTheSameAsAFreshOne()
{
    // The index and the timeline are built at the same time, on two threads, and the second
    // run's arrays take memory the other run gave back, still full of its data (the
    // timeline's scan writes its segments into room reserved, never zeroed). Neither may show.
    const sim::RunRequest request = sim::testruns::asyncq(444, 3000, 6000);
    const RunDataPtr fresh = computeRun(request);
    QVERIFY(fresh);
    QCOMPARE(fresh->timeline->lanes().size(), std::size_t(9003));
    RunDataPtr other = computeRun(sim::testruns::asyncq(7, 3500, 7000));
    QVERIFY(other);
    other.reset();
    const RunDataPtr again = computeRun(request);
    QVERIFY(again);
    compareDerived(*fresh, *again);
}

QTEST_GUILESS_MAIN(tst_RunData)
#include "tst_rundata.moc"
