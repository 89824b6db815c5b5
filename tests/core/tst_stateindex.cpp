// SPDX-License-Identifier: MIT
// The state rebuilt from the trace alone (LoopState / StateIndex) must equal what the live
// EventLoop held, after every handle, and seeking anywhere must equal replaying from the start.
#include "eventloop.h"
#include "recordedconstructs.h"
#include "runrequests.h"
#include "simulation.h"
#include "stateindex.h"
#include "timeline.h"

#include <QTest>

#include <algorithm>
#include <deque>
#include <random>

using namespace sim;
using namespace sim::testruns;

namespace {

ReadyEntry liveEntry(const EventLoop& loop, const Handle& handle)
{
    const HandleFacts facts = loop.factsOf(handle);
    return { facts.kind, facts.task, facts.object, CauseKind::None, 0 };
}

} // namespace

class TestStateIndex : public QObject {
    Q_OBJECT

private slots:
    void rebuiltStateMatchesTheLiveLoopAfterEveryHandle_data();
    void rebuiltStateMatchesTheLiveLoopAfterEveryHandle();
    void seekingAnywhereEqualsReplayingFromTheStart();
    void aReusedStateFollowsStepsAndJumpsBothWays();
    void positionsCoverEveryStepOnce();
    void timelineSegmentsAreContiguousAndEndFinished();
    void tiesAreTheTimersDueAtTheSameInstant();
    void aBlockedStepSpansItsBlockAndTheOthersWaitBehindIt();
    void waiterQueueKeepsOrderThroughErasesInAnyOrder_data();
    void waiterQueueKeepsOrderThroughErasesInAnyOrder();
};

void TestStateIndex::rebuiltStateMatchesTheLiveLoopAfterEveryHandle_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<std::int64_t>("seed");
    QTest::newRow("chained 1 2 3 seed 444") << 0 << std::int64_t(444);
    QTest::newRow("chained 9 6 3 seed 7") << 1 << std::int64_t(7);
    QTest::newRow("asyncq -p 5 -c 10 seed 444") << 2 << std::int64_t(444);
    QTest::newRow("asyncq -p 7 -c 3 seed 12") << 3 << std::int64_t(12);
    QTest::newRow("asyncq -p 3 -c 0 seed 7 (deadlock)") << 4 << std::int64_t(7);
    QTest::newRow("asyncq -p 1 -c 9 seed -5") << 5 << std::int64_t(-5);
}

void TestStateIndex::rebuiltStateMatchesTheLiveLoopAfterEveryHandle()
{
    QFETCH(int, which);
    QFETCH(std::int64_t, seed);
    const RunRequest requests[] = { chained(seed, {}), chained(seed, { 9, 6, 3 }), asyncq(seed, 5, 10),
        asyncq(seed, 7, 3), asyncq(seed, 3, 0), asyncq(seed, 1, 9) };
    Trace trace;
    LoopState rebuilt;
    std::size_t applied = 0;
    std::size_t checks = 0;
    simulateObserved(requests[which], &trace, [&](const EventLoop& loop) {
        for (; applied < trace.events.size(); ++applied)
            rebuilt.apply(trace.events[applied]);
        // The ready deque, entry by entry (kind, task, object).
        QCOMPARE(rebuilt.ready.size(), loop.readyHandles().size());
        for (std::size_t i = 0; i < rebuilt.ready.size(); ++i) {
            ReadyEntry expected = liveEntry(loop, loop.readyHandles()[i]);
            ReadyEntry actual = rebuilt.ready[i];
            actual.cause = CauseKind::None;
            actual.causeId = 0;
            QVERIFY2(actual == expected, qPrintable(QStringLiteral("ready[%1] differs").arg(i)));
        }
        // The timer heap, in heapq's array order (this is what decides tie order).
        QCOMPARE(rebuilt.timers.size(), loop.timerHeap().size());
        for (std::size_t i = 0; i < rebuilt.timers.size(); ++i) {
            QCOMPARE(rebuilt.timers[i].id, loop.timerHeap()[i]->id);
            QCOMPARE(rebuilt.timers[i].cancelled, loop.timerHeap()[i]->cancelled);
        }
        QCOMPARE(rebuilt.now, loop.time());
        // Finished tasks agree.
        for (std::size_t t = 0; t < loop.tasks().size(); ++t) {
            const auto& task = *loop.tasks()[t];
            QCOMPARE(isFinished(rebuilt.tasks[t].state), task.done());
            QCOMPARE(rebuilt.tasks[t].state == TaskState::Cancelled, task.cancelled());
        }
        ++checks;
    });
    QVERIFY(checks > 10);
}

void TestStateIndex::seekingAnywhereEqualsReplayingFromTheStart()
{
    // Big enough for many checkpoints.
    Trace trace;
    simulate(asyncq(444, 60, 90), &trace, {});
    StateIndex index(trace);
    QVERIFY(index.checkpointCount() > 3);
    std::mt19937 random(1);
    std::vector<std::size_t> positions { 0, index.stepCount(), index.stepCount() / 2 };
    for (int i = 0; i < 40; ++i)
        positions.push_back(std::uniform_int_distribution<std::size_t>(0, index.stepCount())(random));
    for (std::size_t position : positions) {
        LoopState replayed;
        for (std::size_t e = 0; e < index.eventAtPosition(position); ++e)
            replayed.apply(trace.events[e]);
        QVERIFY2(index.stateAt(position) == replayed, qPrintable(QStringLiteral("position %1").arg(position)));
    }
}

void TestStateIndex::aReusedStateFollowsStepsAndJumpsBothWays()
{
    // What the window does: one state, moved a step at a time or far, forwards and backwards,
    // across checkpoints.
    Trace trace;
    simulate(asyncq(444, 60, 90), &trace, {});
    StateIndex index(trace);
    std::mt19937 random(2);
    LoopState state;
    std::size_t position = 0;
    for (int i = 0; i < 300; ++i) {
        const int move = int(random() % 4);
        if (move == 0)
            position = std::uniform_int_distribution<std::size_t>(0, index.stepCount())(random);
        else if (move == 1 && position > 0)
            --position;
        else if (position < index.stepCount())
            ++position;
        index.stateAt(position, state);
        QVERIFY2(state == index.stateAt(position), qPrintable(QStringLiteral("position %1").arg(position)));
    }
}

void TestStateIndex::positionsCoverEveryStepOnce()
{
    Trace trace;
    const RunResult result = simulate(chained(444, {}), &trace, {});
    StateIndex index(trace);
    QCOMPARE(index.stepCount(), std::size_t(result.handlesRun));
    for (std::size_t s = 0; s < index.stepCount(); ++s) {
        QCOMPARE(trace.events[index.stepBeginEvent(s)].kind, EventKind::HandleRun);
        QVERIFY(index.stepEndEvent(s) > index.stepBeginEvent(s));
        if (s > 0)
            QVERIFY(index.steps()[s].time >= index.steps()[s - 1].time);
    }
    // Before the first step only main exists, its first step queued; at the end all are done.
    const LoopState start = index.stateAt(0);
    QCOMPARE(start.tasks.size(), std::size_t(1));
    QCOMPARE(start.ready.size(), std::size_t(1));
    const LoopState end = index.stateAt(index.stepCount());
    QCOMPARE(end.outputLines, std::uint32_t(trace.outputLines.size()));
    for (const TaskStatus& task : end.tasks)
        QCOMPARE(task.state, TaskState::Done);
    QCOMPARE(end.now, 11.0);
}

void TestStateIndex::timelineSegmentsAreContiguousAndEndFinished()
{
    for (const RunRequest& request : { chained(444, {}), asyncq(444, 5, 10), asyncq(3, 4, 2) }) {
        Trace trace;
        simulate(request, &trace, {});
        StateIndex index(trace);
        Timeline timeline(trace);
        QCOMPARE(timeline.lanes().size(), trace.tasks.size());
        for (const Lane& lane : timeline.lanes()) {
            QVERIFY(!lane.segments.empty());
            for (std::size_t i = 1; i < lane.segments.size(); ++i) {
                QCOMPARE(lane.segments[i].startStep, lane.segments[i - 1].endStep);
                QVERIFY(lane.segments[i].startTime >= lane.segments[i - 1].startTime);
            }
            QVERIFY(isFinished(lane.segments.back().state));
            QCOMPARE(std::size_t(lane.segments.back().endStep), index.stepCount());
            // Every running segment is exactly one step, and that step steps this task.
            for (const Segment& segment : lane.segments) {
                if (segment.state == TaskState::Running) {
                    QCOMPARE(segment.endStep, segment.startStep + 1);
                    QCOMPARE(index.steps()[segment.startStep].task, lane.task);
                }
            }
        }
        // Arrows point forwards, to a step that steps the woken task.
        for (const WakeArrow& arrow : timeline.arrows()) {
            QVERIFY(arrow.toStep > arrow.fromStep);
            QCOMPARE(index.steps()[arrow.toStep].task, arrow.toTask);
        }
    }
}

void TestStateIndex::tiesAreTheTimersDueAtTheSameInstant()
{
    // asyncq seed 444: the sleeps of Producer 0, Producer 3 and Consumer 2 all end at t=4 and
    // fire in heap order Consumer 2, Producer 3, Producer 0 (not the order they began).
    Trace trace;
    simulate(asyncq(444, 5, 10), &trace, {});
    StateIndex index(trace);
    Timeline timeline(trace);
    const TimerTie* atFour = nullptr;
    for (const TimerTie& tie : timeline.ties()) {
        if (tie.when == 4.0)
            atFour = &tie;
    }
    QVERIFY(atFour);
    QStringList names;
    for (std::uint32_t step : atFour->steps) {
        const std::string_view name = trace.taskName(index.steps()[step].task);
        names << QString::fromUtf8(name.data(), qsizetype(name.size()));
    }
    QCOMPARE(names, QStringList({ QStringLiteral("Consumer 2"), QStringLiteral("Producer 3"), QStringLiteral("Producer 0") }));
}

void TestStateIndex::aBlockedStepSpansItsBlockAndTheOthersWaitBehindIt()
{
    // chained 1 2 3: chain 1's first step (step 1) calls time.sleep(2); chain 2 and chain 3
    // are ready, queued behind it, and can only run once it returns, at t=2.
    Trace trace;
    simulate(chained(444, { 1, 2, 3 }), &trace, {});
    QVERIFY(testruns::insertBlock(trace, 1, 2.0, 12));
    StateIndex index(trace);
    QCOMPARE(index.blockedSeconds(1), 2.0);
    QCOMPARE(index.blockedSeconds(0), 0.0);
    QCOMPARE(index.blockedSeconds(2), 0.0);
    QCOMPARE(index.steps()[1].time, 0.0);
    QCOMPARE(index.steps()[2].time, 2.0); // the next step, in the same iteration, reads the later clock
    QCOMPARE(index.stateAt(2).now, 2.0);
    // "Now" after the blocking step is when it returned, not when it began.
    QCOMPARE(index.clockAt(0), 0.0);
    QCOMPARE(index.clockAt(1), 0.0);
    QCOMPARE(index.clockAt(2), 2.0);
    QCOMPARE(index.clockAt(index.stepCount() + 5), index.clockAt(index.stepCount()));
    Timeline timeline(trace);
    const TaskId blocker = index.steps()[1].task;
    QCOMPARE(trace.taskName(blocker), "chain 1");
    int blocking = 0, waitedBehind = 0;
    for (const Lane& lane : timeline.lanes()) {
        for (const Segment& segment : lane.segments) {
            if (segment.blocksTheLoop()) {
                ++blocking;
                QCOMPARE(lane.task, blocker);
                QCOMPARE(segment.startStep, 1u);
                QCOMPARE(segment.startTime, 0.0);
                QCOMPARE(segment.endTime, 2.0);
            } else if (lane.task != blocker && segment.startStep <= 1 && segment.endStep > 1) {
                // Every other task alive during the block waits through all of it.
                QCOMPARE(segment.startTime, 0.0);
                QVERIFY(segment.endTime >= 2.0);
                waitedBehind += segment.state == TaskState::Ready;
            }
        }
    }
    QCOMPARE(blocking, 1);
    QCOMPARE(waitedBehind, 2); // chain 2 and chain 3
}

void TestStateIndex::waiterQueueKeepsOrderThroughErasesInAnyOrder_data()
{
    QTest::addColumn<bool>("ascending");
    QTest::newRow("futures ascending (binary search)") << true;
    QTest::newRow("futures in any order (linear search)") << false;
}

void TestStateIndex::waiterQueueKeepsOrderThroughErasesInAnyOrder()
{
    // Against a std::deque doing what the old code did: erase the entry wherever it is.
    QFETCH(bool, ascending);
    std::mt19937 random(7);
    ListedWaiters queue;
    std::deque<WaiterEntry> model;
    FutureId next = 0;
    for (int round = 0; round < 2000; ++round) {
        const int action = int(random() % 3);
        if (action == 0 || model.empty()) {
            const FutureId future = ascending ? next++ : FutureId(random() % 100'000);
            if (std::any_of(model.begin(), model.end(), [&](const WaiterEntry& entry) { return entry.future == future; }))
                continue; // a future is listed at most once
            queue.push_back({ TaskId(round), future });
            model.push_back({ TaskId(round), future });
        } else {
            const std::size_t at = action == 1 ? 0 : random() % model.size(); // woken at the head, or cancelled
            queue.erase(model[at].future);
            model.erase(model.begin() + std::ptrdiff_t(at));
        }
        QCOMPARE(queue.size(), model.size());
        QVERIFY(std::equal(queue.begin(), queue.end(), model.begin(), model.end()));
    }
    // Equality ignores the gaps: the same entries pushed afresh compare equal.
    ListedWaiters fresh;
    for (const WaiterEntry& entry : model)
        fresh.push_back(entry);
    QVERIFY(fresh == queue);
    queue.erase(noId); // not listed: nothing happens
    QVERIFY(fresh == queue);
}

QTEST_GUILESS_MAIN(TestStateIndex)
#include "tst_stateindex.moc"
