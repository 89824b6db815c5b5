// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>

#include <chrono>
#include <coroutine>

namespace ui {

// The pause between two playback steps, awaited by the playback coroutine:
//
//     if (!co_await pause.wait(500ms)) co_return; // false: interrupted
//
// Why not QCoro::sleepFor: its timer lives in its own frame, so when the controller is
// destroyed mid-pause (the window closed during playback) the coroutine either resumes
// later into a dead object or, if the event loop has already stopped, never resumes and
// its frame leaks. Here the owner can interrupt(): the waiting coroutine is resumed at
// once, synchronously, sees `false` and returns, so its frame is freed on every path.
//
// Protocol: one waiter at a time. The awaiting coroutine is resumed exactly once, either
// by the timer (from the event loop) or by interrupt() / the destructor (from the caller's
// stack). The coroutine's frame belongs to QCoro::Task, which frees it when it returns.
class StepPause {
public:
    StepPause();
    ~StepPause(); // interrupts a waiter
    StepPause(const StepPause&) = delete;
    StepPause& operator=(const StepPause&) = delete;

    class Awaiter {
    public:
        explicit Awaiter(StepPause& pause)
            : m_pause(pause)
        {
        }
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> waiting);
        // True when the pause ran its full length, false when interrupted.
        bool await_resume() const noexcept { return !m_pause.m_interrupted; }

    private:
        StepPause& m_pause;
    };

    // Awaitable: waits `duration` (at least 0 ms; 0 still yields to the event loop once).
    Awaiter wait(std::chrono::milliseconds duration);
    // Resumes the waiting coroutine now with `false`; nothing when none waits.
    void interrupt();
    bool isWaiting() const { return bool(m_waiting); }

private:
    void resume();

    QTimer m_timer;
    std::coroutine_handle<> m_waiting;
    bool m_interrupted = false;
};

} // namespace ui
