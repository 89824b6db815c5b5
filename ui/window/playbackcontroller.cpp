// SPDX-License-Identifier: MIT
#include "playbackcontroller.h"

#include "glyphicon.h"

#include <QAction>
#include <QScopeGuard>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace ui {

namespace {
    std::atomic<int> livePlaybackCount { 0 };

    QAction* makeAction(QObject* parent, const QString& text, const QList<QKeySequence>& keys, const QString& tip)
    {
        auto* action = new QAction(text, parent);
        action->setShortcuts(keys);
        // Window-wide (the default context, spelled out): the keys work wherever the focus is
        // in the window, so a presentation clicker's PageUp / PageDown always steps.
        action->setShortcutContext(Qt::WindowShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.first().toString(QKeySequence::NativeText)));
        return action;
    }
}

PlaybackController::PlaybackController(QObject* parent)
    : QObject(parent)
{
    m_playPause = makeAction(this, tr("Play"), { Qt::Key_Space }, tr("Play / pause"));
    m_playPause->setIcon(glyphIcon(Glyph::Play));
    m_playPause->setProperty("shortcutName", tr("Play / pause"));
    m_stepForward = makeAction(this, tr("Step forward"), { Qt::Key_Right, Qt::Key_PageDown }, tr("Run one step"));
    m_stepForward->setIcon(glyphIcon(Glyph::StepForward));
    m_stepBack = makeAction(this, tr("Step back"), { Qt::Key_Left, Qt::Key_PageUp }, tr("Undo one step"));
    m_stepBack->setIcon(glyphIcon(Glyph::StepBack));
    m_toStart = makeAction(this, tr("Go to start"), { Qt::Key_Home }, tr("Go to the start"));
    m_toStart->setIcon(glyphIcon(Glyph::ToStart));
    m_toEnd = makeAction(this, tr("Go to end"), { Qt::Key_End }, tr("Go to the end"));
    m_toEnd->setIcon(glyphIcon(Glyph::ToEnd));
    m_nextInstant = makeAction(this, tr("Next instant"), { QKeySequence(Qt::CTRL | Qt::Key_Right) },
        tr("Jump to the next moment of virtual time"));
    m_nextInstant->setIcon(glyphIcon(Glyph::NextInstant));
    m_previousInstant = makeAction(this, tr("Previous instant"), { QKeySequence(Qt::CTRL | Qt::Key_Left) },
        tr("Jump back to the previous moment of virtual time"));
    m_previousInstant->setIcon(glyphIcon(Glyph::PreviousInstant));
    m_faster = makeAction(this, tr("Faster"), { Qt::Key_BracketRight }, tr("Play faster"));
    m_slower = makeAction(this, tr("Slower"), { Qt::Key_BracketLeft }, tr("Play slower"));

    connect(m_playPause, &QAction::triggered, this, &PlaybackController::togglePlay);
    connect(m_stepForward, &QAction::triggered, this, &PlaybackController::stepForward);
    connect(m_stepBack, &QAction::triggered, this, &PlaybackController::stepBack);
    connect(m_toStart, &QAction::triggered, this, &PlaybackController::toStart);
    connect(m_toEnd, &QAction::triggered, this, &PlaybackController::toEnd);
    connect(m_nextInstant, &QAction::triggered, this, &PlaybackController::nextInstant);
    connect(m_previousInstant, &QAction::triggered, this, &PlaybackController::previousInstant);
    connect(m_faster, &QAction::triggered, this, [this] { changeSpeed(+1); });
    connect(m_slower, &QAction::triggered, this, [this] { changeSpeed(-1); });
    updateActions();
}

PlaybackController::~PlaybackController()
{
    // While every member is still intact: the coroutine resumes here, sees the interruption
    // and returns, which frees its frame.
    m_playing = false;
    m_pause.interrupt();
}

QList<QAction*> PlaybackController::actions() const
{
    return { m_playPause, m_stepForward, m_stepBack, m_nextInstant, m_previousInstant, m_toStart, m_toEnd, m_faster,
        m_slower };
}

int PlaybackController::livePlaybacks() { return livePlaybackCount; }

std::size_t PlaybackController::stepCount() const { return m_run ? m_run->index->stepCount() : 0; }

void PlaybackController::setRun(RunDataPtr run)
{
    pause();
    m_run = std::move(run);
    m_position = 0;
    updateActions();
    emit positionChanged(m_position);
}

void PlaybackController::setPosition(std::size_t position)
{
    position = std::min(position, stepCount());
    if (position > m_position && m_forwardLimit) {
        position = std::max(m_position, std::min(position, *m_forwardLimit));
        if (position == m_position) {
            // Playback stops at the gate by itself; a user's key or click is told it was refused.
            if (m_playing)
                pause();
            else
                emit forwardRefused();
            return;
        }
    }
    if (position == m_position)
        return;
    m_position = position;
    updateActions();
    emit positionChanged(m_position);
    if (m_playing && m_position >= stepCount())
        pause(); // playback ends at the end, however the cursor got there
}

void PlaybackController::setForwardLimit(std::optional<std::size_t> limit) { m_forwardLimit = limit; }

void PlaybackController::setSpeed(double stepsPerSecond)
{
    stepsPerSecond = std::clamp(stepsPerSecond, speeds[0], std::end(speeds)[-1]);
    if (stepsPerSecond == m_speed)
        return;
    m_speed = stepsPerSecond;
    updateActions();
    emit speedChanged(m_speed);
}

void PlaybackController::changeSpeed(int direction)
{
    // The next offered speed above (or below) the current one.
    if (direction > 0) {
        const auto* faster = std::upper_bound(std::begin(speeds), std::end(speeds), m_speed);
        if (faster != std::end(speeds))
            setSpeed(*faster);
    } else {
        const auto* slower = std::lower_bound(std::begin(speeds), std::end(speeds), m_speed);
        if (slower != std::begin(speeds))
            setSpeed(*std::prev(slower));
    }
}

void PlaybackController::play()
{
    if (m_playing || stepCount() == 0)
        return;
    // At the end, Play means "watch it again": show the start first, then step.
    const bool restart = m_position >= stepCount();
    if (restart)
        setPosition(0);
    setPlaying(true);
    (void)playback(++m_generation, !restart);
}

void PlaybackController::replay()
{
    pause();
    setPosition(0);
}

void PlaybackController::pause()
{
    if (!m_playing)
        return;
    setPlaying(false);
    m_pause.interrupt();
}

void PlaybackController::togglePlay() { m_playing ? pause() : play(); }

void PlaybackController::stepForward() { setPosition(m_position + 1); }

void PlaybackController::stepBack() { setPosition(m_position > 0 ? m_position - 1 : 0); }

void PlaybackController::toStart() { setPosition(0); }

void PlaybackController::toEnd() { setPosition(stepCount()); }

std::size_t PlaybackController::instantPosition(const sim::Instant& instant)
{
    return instant.firstStep == 0 ? 0 : std::size_t(instant.firstStep) + 1;
}

void PlaybackController::nextInstant()
{
    if (!m_run)
        return;
    // instantPosition() is monotonic in firstStep, so the instants stay sorted by it.
    const auto& instants = m_run->timeline->instants();
    const auto next = std::ranges::upper_bound(instants, m_position, {}, &instantPosition);
    setPosition(next != instants.end() ? instantPosition(*next) : stepCount());
}

void PlaybackController::previousInstant()
{
    if (!m_run)
        return;
    const auto& instants = m_run->timeline->instants();
    const auto at = std::ranges::lower_bound(instants, m_position, {}, &instantPosition);
    setPosition(at != instants.begin() ? instantPosition(*std::prev(at)) : 0);
}

// Who resumes whom: play() calls this and drops the returned Task, so QCoro frees the
// frame when the body returns. The body suspends only in m_pause, which the timer resumes
// (step again) or pause() / setRun() / ~PlaybackController interrupt (return at once,
// touching nothing: whoever interrupted has already updated the state). A body that finds
// it is no longer the current playback (paused, or restarted from a positionChanged slot)
// returns too, so at most one playback ever waits in m_pause.
QCoro::Task<> PlaybackController::playback(quint64 generation, bool stepFirst)
{
    ++livePlaybackCount;
    const auto alive = qScopeGuard([] { --livePlaybackCount; });
    const auto current = [this, generation] { return m_playing && m_generation == generation; };
    const auto interval = [this] { return std::chrono::milliseconds(std::lround(1000.0 / m_speed)); };

    if (!stepFirst && !co_await m_pause.wait(interval()))
        co_return;
    while (current()) {
        setPosition(m_position + 1); // pauses at the end
        if (!current() || !co_await m_pause.wait(interval()))
            co_return;
    }
}

void PlaybackController::setPlaying(bool playing)
{
    if (m_playing == playing)
        return;
    m_playing = playing;
    m_playPause->setText(m_playing ? tr("Pause") : tr("Play"));
    m_playPause->setIcon(glyphIcon(m_playing ? Glyph::Pause : Glyph::Play));
    updateActions();
    emit playingChanged(m_playing);
}

void PlaybackController::updateActions()
{
    const std::size_t steps = stepCount();
    m_stepBack->setEnabled(m_position > 0);
    m_toStart->setEnabled(m_position > 0);
    m_previousInstant->setEnabled(m_position > 0);
    m_stepForward->setEnabled(m_position < steps);
    m_toEnd->setEnabled(m_position < steps);
    m_nextInstant->setEnabled(m_position < steps);
    m_playPause->setEnabled(steps > 0);
    m_faster->setEnabled(m_speed < std::end(speeds)[-1]);
    m_slower->setEnabled(m_speed > speeds[0]);
}

} // namespace ui
