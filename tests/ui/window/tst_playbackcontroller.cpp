// SPDX-License-Identifier: MIT
// The cursor and its actions, without any widget: stepping, instants, and playback paced
// by a coroutine that always ends (at the end of the run, on pause, on destruction).
#include "playbackcontroller.h"

#include <QAction>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ui;

namespace {
// The default run, as the window shows it first.
RunDataPtr defaultRun() { return computeRun(sim::RunRequest {}); }
}

class tst_PlaybackController : public QObject {
    Q_OBJECT

private slots:
    void aNewRunStartsAtZeroWithBackActionsDisabled();
    void stepsAreClampedToTheRunAndEachMoveIsSignalledOnce();
    void instantsAreTheFirstStepsAtEachTime();
    void playStepsAtTheChosenSpeedAndStopsAtTheEnd();
    void pauseEndsThePlaybackCoroutineAtOnce();
    void destroyingTheControllerMidPauseEndsThePlayback();
    void aNewRunStopsPlayback();
    void replayShowsTheStartPausedAsANewRunDoes();
    void speedStepsThroughTheOfferedSpeeds();
};

void tst_PlaybackController::aNewRunStartsAtZeroWithBackActionsDisabled()
{
    PlaybackController controller;
    QVERIFY(!controller.playPauseAction()->isEnabled()); // nothing to play yet
    controller.setRun(defaultRun());
    QCOMPARE(controller.position(), 0u);
    QVERIFY(!controller.stepBackAction()->isEnabled());
    QVERIFY(!controller.toStartAction()->isEnabled());
    QVERIFY(controller.stepForwardAction()->isEnabled());
    QVERIFY(controller.playPauseAction()->isEnabled());
}

void tst_PlaybackController::stepsAreClampedToTheRunAndEachMoveIsSignalledOnce()
{
    PlaybackController controller;
    controller.setRun(defaultRun());
    QSignalSpy moved(&controller, &PlaybackController::positionChanged);
    controller.stepForwardAction()->trigger();
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.last().first().value<std::size_t>(), 1u);
    controller.stepBackAction()->trigger();
    controller.stepBackAction()->trigger(); // already at 0: nothing happens
    QCOMPARE(moved.count(), 2);
    controller.setPosition(1'000'000);
    QCOMPARE(controller.position(), controller.stepCount());
    QVERIFY(!controller.stepForwardAction()->isEnabled());
    QVERIFY(!controller.toEndAction()->isEnabled());
    controller.toStartAction()->trigger();
    QCOMPARE(controller.position(), 0u);
}

void tst_PlaybackController::instantsAreTheFirstStepsAtEachTime()
{
    PlaybackController controller;
    const RunDataPtr run = defaultRun();
    controller.setRun(run);
    std::vector<std::size_t> visited;
    for (std::size_t guard = 0; guard < 100 && controller.position() < controller.stepCount(); ++guard) {
        controller.nextInstant();
        visited.push_back(controller.position());
    }
    std::vector<std::size_t> expected;
    for (const sim::Instant& instant : run->timeline->instants())
        if (instant.firstStep > 0)
            expected.push_back(instant.firstStep + 1);
    expected.push_back(controller.stepCount());
    QCOMPARE(visited, expected);
    controller.previousInstant();
    QCOMPARE(controller.position(), expected[expected.size() - 2]);
}

void tst_PlaybackController::playStepsAtTheChosenSpeedAndStopsAtTheEnd()
{
    PlaybackController controller;
    controller.setRun(defaultRun());
    controller.setSpeed(10);
    controller.setPosition(controller.stepCount() - 4);
    QSignalSpy playing(&controller, &PlaybackController::playingChanged);
    controller.play();
    QCOMPARE(controller.position(), controller.stepCount() - 3); // the first step comes at once
    QCOMPARE(PlaybackController::livePlaybacks(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(controller.position(), controller.stepCount(), 5000);
    QVERIFY(!controller.isPlaying());
    QCOMPARE(playing.count(), 2); // on, then off at the end
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
}

void tst_PlaybackController::pauseEndsThePlaybackCoroutineAtOnce()
{
    PlaybackController controller;
    controller.setRun(defaultRun());
    controller.setSpeed(0.5);
    controller.play();
    QCOMPARE(PlaybackController::livePlaybacks(), 1);
    controller.pause();
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
    const std::size_t paused = controller.position();
    QTest::qWait(50);
    QCOMPARE(controller.position(), paused);
}

void tst_PlaybackController::destroyingTheControllerMidPauseEndsThePlayback()
{
    auto controller = std::make_unique<PlaybackController>();
    controller->setRun(defaultRun());
    controller->setSpeed(0.5);
    controller->play();
    QCOMPARE(PlaybackController::livePlaybacks(), 1);
    controller.reset();
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
    QTest::qWait(50); // nothing fires into the destroyed controller
}

void tst_PlaybackController::aNewRunStopsPlayback()
{
    PlaybackController controller;
    controller.setRun(defaultRun());
    controller.play();
    controller.setRun(defaultRun());
    QVERIFY(!controller.isPlaying());
    QCOMPARE(controller.position(), 0u);
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
}

void tst_PlaybackController::replayShowsTheStartPausedAsANewRunDoes()
{
    // Replay once played from the start by itself while Run with new arguments did not: the
    // same action must lead to the same state. Whether playing or paused, mid-run or at
    // the end, both now show the start, paused.
    const RunDataPtr run = defaultRun();
    for (bool playing : { false, true }) {
        for (std::size_t from : { std::size_t(5), run->index->stepCount() }) {
            PlaybackController replayed, rerun;
            for (PlaybackController* controller : { &replayed, &rerun }) {
                controller->setRun(run);
                controller->setPosition(from);
                if (playing)
                    controller->play();
            }
            replayed.replay();
            rerun.setRun(run);
            QCOMPARE(replayed.isPlaying(), false);
            QCOMPARE(replayed.position(), 0u);
            QCOMPARE(replayed.isPlaying(), rerun.isPlaying());
            QCOMPARE(replayed.position(), rerun.position());
            QCOMPARE(replayed.playPauseAction()->text(), rerun.playPauseAction()->text());
            QTest::qWait(600); // a playback would have stepped by now
            QCOMPARE(replayed.position(), 0u);
        }
    }
    QCOMPARE(PlaybackController::livePlaybacks(), 0);
}

void tst_PlaybackController::speedStepsThroughTheOfferedSpeeds()
{
    PlaybackController controller;
    QCOMPARE(controller.speed(), PlaybackController::defaultSpeed);
    controller.slowerAction()->trigger();
    QCOMPARE(controller.speed(), 1.0);
    controller.slowerAction()->trigger();
    QCOMPARE(controller.speed(), 0.5);
    QVERIFY(!controller.slowerAction()->isEnabled());
    controller.setSpeed(100);
    QCOMPARE(controller.speed(), 10.0);
    QVERIFY(!controller.fasterAction()->isEnabled());
}

QTEST_MAIN(tst_PlaybackController)

#include "tst_playbackcontroller.moc"
