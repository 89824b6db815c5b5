// SPDX-License-Identifier: MIT
#include "steppause.h"

#include <utility>

namespace ui {

StepPause::StepPause()
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // steady pacing at 10 steps per second
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        m_interrupted = false;
        resume();
    });
}

StepPause::~StepPause() { interrupt(); }

StepPause::Awaiter StepPause::wait(std::chrono::milliseconds duration)
{
    m_timer.setInterval(std::max(duration, std::chrono::milliseconds(0)));
    return Awaiter(*this);
}

void StepPause::Awaiter::await_suspend(std::coroutine_handle<> waiting)
{
    Q_ASSERT(!m_pause.m_waiting); // one waiter at a time
    m_pause.m_waiting = waiting;
    m_pause.m_timer.start();
}

void StepPause::interrupt()
{
    m_timer.stop();
    m_interrupted = true;
    resume();
}

void StepPause::resume()
{
    // Clear before resuming: the coroutine may wait again (or interrupt) from inside resume().
    if (auto waiting = std::exchange(m_waiting, {}))
        waiting.resume();
}

} // namespace ui
