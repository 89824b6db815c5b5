// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "steppause.h"

#include <QCoroTask>
#include <QObject>

#include <cstddef>
#include <optional>

class QAction;

namespace ui {

// The cursor of the run on screen and every way to move it: step forward / back, play /
// pause, start / end, next / previous instant of virtual time. Each is a QAction here, so
// the menus, the toolbar and the keyboard (window-wide shortcuts, for presentation
// clickers too) share one enabled state; widgets only observe positionChanged().
//
// Positions are sim::StateIndex positions: p steps have run, 0 <= p <= stepCount().
class PlaybackController : public QObject {
    Q_OBJECT
public:
    // Steps per second offered for playback.
    static constexpr double speeds[] = { 0.5, 1, 2, 3, 5, 10 };
    static constexpr double defaultSpeed = 2;

    explicit PlaybackController(QObject* parent = nullptr);
    ~PlaybackController() override; // stops playback; the playback coroutine has ended when this returns

    // Shows `run` (may be null) from position 0, paused.
    void setRun(RunDataPtr run);
    const RunDataPtr& run() const { return m_run; }
    std::size_t position() const { return m_position; }
    std::size_t stepCount() const;

    // Moves the cursor (clamped to 0..stepCount); emits positionChanged when it moved.
    void setPosition(std::size_t position);

    // The gate for Predict mode: no move forward (a step, Play, End, the next instant, the
    // scrubber, the timeline) goes past `limit`; none lifts it. Moving back is always free.
    // A forward move that the limit stops where it is emits forwardRefused() (playback just
    // pauses there), so the question on screen can take the key (a clicker's PageDown
    // reveals the answer in class mode).
    void setForwardLimit(std::optional<std::size_t> limit);
    std::optional<std::size_t> forwardLimit() const { return m_forwardLimit; }

    bool isPlaying() const { return m_playing; }
    double speed() const { return m_speed; }
    // Steps per second, clamped to [0.5, 10]; a running playback uses it from its next pause.
    void setSpeed(double stepsPerSecond);

    QAction* playPauseAction() const { return m_playPause; }
    QAction* stepForwardAction() const { return m_stepForward; }
    QAction* stepBackAction() const { return m_stepBack; }
    QAction* toStartAction() const { return m_toStart; }
    QAction* toEndAction() const { return m_toEnd; }
    QAction* nextInstantAction() const { return m_nextInstant; }
    QAction* previousInstantAction() const { return m_previousInstant; }
    QAction* fasterAction() const { return m_faster; }
    QAction* slowerAction() const { return m_slower; }
    // All of the above, in menu order.
    QList<QAction*> actions() const;

    // Playback coroutines alive in the whole process (tests check none outlives its window).
    static int livePlaybacks();

    // Where an instant of virtual time is shown: just after its first step ran, so the
    // clock, the timeline's cursor and the Why sentence ("the timer … fell due at t=4")
    // all speak of that instant. The first instant is the start, position 0.
    static std::size_t instantPosition(const sim::Instant& instant);

public slots:
    void play(); // steps at once; from the start when at the end
    // Shows the start again, paused: what a new run shows, so that Run and Replay leave the
    // window in the same state (neither plays unless asked).
    void replay();
    void pause();
    void togglePlay();
    void stepForward();
    void stepBack();
    void toStart();
    void toEnd();
    // To the next / previous instant of virtual time (sim::Timeline::instants(); see
    // instantPosition()); past the last one, the end.
    void nextInstant();
    void previousInstant();

signals:
    void positionChanged(std::size_t position);
    void playingChanged(bool playing);
    void speedChanged(double stepsPerSecond);
    void forwardRefused();

private:
    QCoro::Task<> playback(quint64 generation, bool stepFirst);
    void setPlaying(bool playing);
    void updateActions();
    void changeSpeed(int direction);

    RunDataPtr m_run;
    std::size_t m_position = 0;
    bool m_playing = false;
    quint64 m_generation = 0; // which playback() is the current one
    double m_speed = defaultSpeed;
    std::optional<std::size_t> m_forwardLimit;
    StepPause m_pause;

    QAction* m_playPause;
    QAction* m_stepForward;
    QAction* m_stepBack;
    QAction* m_toStart;
    QAction* m_toEnd;
    QAction* m_nextInstant;
    QAction* m_previousInstant;
    QAction* m_faster;
    QAction* m_slower;
};

} // namespace ui
