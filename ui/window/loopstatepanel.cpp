// SPDX-License-Identifier: MIT
#include "loopstatepanel.h"

#include "narration.h"

#include <QEvent>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace ui {

namespace {
    QString seconds(double value) { return QString::fromStdString(sim::formatSeconds(value)); }

    QString taskName(const sim::Trace& trace, sim::TaskId task)
    {
        return task == sim::noId ? QStringLiteral("?") : QString::fromUtf8(trace.taskName(task));
    }

    // "what the handle will do — why it was queued", one line per ready-deque entry.
    QString describeReady(const sim::Trace& trace, const sim::LoopState& state, const sim::ReadyEntry& entry)
    {
        const QString who = taskName(trace, entry.task);
        const QString causer = taskName(trace, entry.causeId);
        const bool cancelled = entry.task < state.tasks.size() && state.tasks[entry.task].cancelRequested;
        switch (entry.kind) {
        case sim::HandleKind::TaskStep:
            if (entry.cause == sim::CauseKind::Created)
                return LoopStatePanel::tr("%1: first step \u2014 created by %2")
                    .arg(who, entry.causeId == sim::noId ? QStringLiteral("asyncio.run") : causer);
            if (entry.cause == sim::CauseKind::Yield)
                return LoopStatePanel::tr("%1: next step \u2014 it yielded with sleep(0)").arg(who);
            return LoopStatePanel::tr("%1: next step").arg(who);
        case sim::HandleKind::TaskWakeup:
            switch (entry.cause) {
            case sim::CauseKind::Timer:
                return LoopStatePanel::tr("%1: wake-up \u2014 its sleep ended at t\u00a0=\u00a0%2")
                    .arg(who, seconds(trace.timers[entry.causeId].when));
            case sim::CauseKind::Gather:
                return LoopStatePanel::tr("%1: wake-up \u2014 gather's last child (%2) finished").arg(who, causer);
            case sim::CauseKind::TaskFinished:
                return LoopStatePanel::tr("%1: wake-up \u2014 the task %2 finished").arg(who, causer);
            case sim::CauseKind::TaskStep:
                if (cancelled)
                    return LoopStatePanel::tr("%1: wake-up \u2014 %2 cancelled it").arg(who, causer);
                // What it awaited, by the kind of the future that completed (its state in the
                // deque is already "ready").
                switch (entry.object < trace.futureKinds.size() ? trace.futureKinds[entry.object] : sim::FutureKind::Plain) {
                case sim::FutureKind::QueueGetter:
                    return LoopStatePanel::tr("%1: wake-up \u2014 %2 put an item in the queue").arg(who, causer);
                case sim::FutureKind::QueuePutter:
                    return LoopStatePanel::tr("%1: wake-up \u2014 %2 took an item from the full queue").arg(who, causer);
                case sim::FutureKind::EventWaiter:
                    return LoopStatePanel::tr("%1: wake-up \u2014 %2 finished the last item (task_done)")
                        .arg(who, causer);
                default:
                    return LoopStatePanel::tr("%1: wake-up \u2014 %2 completed what it awaited").arg(who, causer);
                }
            default:
                return LoopStatePanel::tr("%1: wake-up").arg(who);
            }
        case sim::HandleKind::TimerCallback:
            return LoopStatePanel::tr("timer of %1's sleep \u2014 fell due at t\u00a0=\u00a0%2")
                .arg(who, seconds(trace.timers[entry.object].when));
        case sim::HandleKind::GatherCallback:
            return LoopStatePanel::tr("gather callback \u2014 %1 finished").arg(who);
        case sim::HandleKind::StopLoop:
            return entry.task == sim::noId ? LoopStatePanel::tr("stop the loop \u2014 the awaited future is done")
                                           : LoopStatePanel::tr("stop the loop \u2014 %1 is done").arg(who);
        }
        return who;
    }

    // What step `step` did, in a few words.
    QString describeStep(const sim::Trace& trace, const sim::StepInfo& step)
    {
        const QString who = taskName(trace, step.task);
        switch (step.kind) {
        case sim::HandleKind::TaskStep:
        case sim::HandleKind::TaskWakeup:
            return LoopStatePanel::tr("%1 ran one step").arg(who);
        case sim::HandleKind::TimerCallback:
            return LoopStatePanel::tr("the timer of %1's sleep fired").arg(who);
        case sim::HandleKind::GatherCallback:
            return LoopStatePanel::tr("gather's callback for %1 ran").arg(who);
        case sim::HandleKind::StopLoop:
            return LoopStatePanel::tr("the loop was stopped");
        }
        return who;
    }

    QString names(const sim::Trace& trace, const sim::ListedWaiters& waiters)
    {
        QStringList list;
        for (const sim::WaiterEntry& waiter : waiters) {
            if (list.size() == LoopStatePanel::maxListed)
                break;
            list << taskName(trace, waiter.task) + (waiter.woken ? LoopStatePanel::tr(" (woken)") : QString());
        }
        if (waiters.size() > std::size_t(LoopStatePanel::maxListed))
            list << LoopStatePanel::tr("\u2026 and %L1 more").arg(waiters.size() - LoopStatePanel::maxListed);
        return list.join(QStringLiteral(", "));
    }
}

LoopStatePanel::LoopStatePanel(QWidget* parent)
    : QWidget(parent)
    , m_view(new QTextBrowser(this))
{
    m_view->setObjectName(QStringLiteral("loopStateText"));
    m_view->setFocusPolicy(Qt::ClickFocus); // read-only: claims no step key (see CodeView)
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setOpenLinks(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void LoopStatePanel::setRun(RunDataPtr run)
{
    m_run = std::move(run);
    m_state = {};
    m_position = 0;
    m_ready.clear();
    m_timers.clear();
    m_view->clear();
}

void LoopStatePanel::showPosition(std::size_t position, const sim::LoopState& state)
{
    m_position = position;
    m_state = state;
    render();
}

void LoopStatePanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    render();
}

QString LoopStatePanel::plainText() const { return m_view->toPlainText(); }

void LoopStatePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        render(); // the headings' sizes are relative to the font
    QWidget::changeEvent(event);
}

void LoopStatePanel::render()
{
    if (!m_run)
        return;
    const sim::Trace& trace = m_run->trace;
    const sim::LoopState& state = m_state;
    const QString muted = m_theme.mutedText.name();
    const QString tie = m_theme.tieMark.name();

    QString html;
    auto heading = [&html](const QString& text) {
        html += QStringLiteral("<p style='margin-top:0.7em; margin-bottom:0.2em'><b>%1</b></p>").arg(text);
    };
    auto line = [&html](const QString& text, const QString& style = {}) {
        html += QStringLiteral("<p style='margin:0 0 0 1em; %1'>%2</p>").arg(style, text);
    };
    auto more = [&](std::size_t total) {
        if (total > std::size_t(maxListed))
            line(tr("\u2026 and %L1 more").arg(total - maxListed), QStringLiteral("color:%1").arg(muted));
    };

    // The clock as the header and the timeline's cursor show it (the time of the step that
    // just ran), and where the loop's clock already is when it moved on after that step.
    const double stepTime = m_position == 0 ? 0.0 : m_run->index->steps()[m_position - 1].time;
    const QString clock = state.now > stepTime ? tr("t = %1 s → %2 s").arg(seconds(stepTime), seconds(state.now))
                                               : tr("t = %1 s").arg(seconds(state.now));
    html += QStringLiteral("<p style='margin:0'><span style='font-size:large'><b>%1</b></span>"
                           "&nbsp;&nbsp;<span style='color:%2'>%3</span></p>")
                .arg(clock, muted, tr("loop iteration %1").arg(state.iteration));

    heading(tr("Just ran"));
    if (m_position == 0) {
        line(tr("nothing yet"), QStringLiteral("color:%1").arg(muted));
    } else {
        const sim::StepInfo& step = m_run->index->steps()[m_position - 1];
        line(tr("step %1: %2").arg(m_position).arg(describeStep(trace, step).toHtmlEscaped()));
        // Between two instants the clock jumps before the next step runs: say why it moved.
        if (state.now > step.time)
            line(tr("Then the clock moved on from t = %1 s: nothing was ready, so the loop slept until "
                    "the next timer.")
                     .arg(seconds(step.time)),
                QStringLiteral("color:%1").arg(muted));
    }

    m_ready.clear();
    heading(tr("Ready queue (%L1), next first").arg(state.ready.size()));
    if (state.ready.empty())
        line(tr("empty"), QStringLiteral("color:%1").arg(muted));
    for (std::size_t i = 0; i < state.ready.size() && i < std::size_t(maxListed); ++i) {
        const QString text = describeReady(trace, state, state.ready[i]);
        m_ready << text;
        line(QStringLiteral("%1.&nbsp;%2").arg(i + 1).arg(text.toHtmlEscaped()));
    }
    more(state.ready.size());

    m_timers.clear();
    const std::vector<sim::TimerEntry> timers = state.timersByDeadline();
    heading(tr("Timers by deadline (%L1)").arg(timers.size()));
    if (timers.empty())
        line(tr("none pending"), QStringLiteral("color:%1").arg(muted));
    for (std::size_t i = 0; i < timers.size() && i < std::size_t(maxListed); ++i) {
        const sim::TimerEntry& timer = timers[i];
        // Equal deadlines: asyncio leaves the order undefined; CPython's heap decides it.
        const bool tied = (i > 0 && timers[i - 1].when == timer.when)
            || (i + 1 < timers.size() && timers[i + 1].when == timer.when);
        QString text = tr("t = %1: %2's sleep").arg(seconds(timer.when), taskName(trace, timer.owner));
        if (timer.cancelled)
            text += tr(" (cancelled)");
        if (tied)
            text += tr("  = tie");
        m_timers << text;
        QString shown = tr("t = %1: %2's sleep").arg(seconds(timer.when), taskName(trace, timer.owner).toHtmlEscaped());
        if (timer.cancelled)
            shown = QStringLiteral("<s>%1</s> <span style='color:%2'>%3</span>").arg(shown, muted, tr("cancelled"));
        if (tied)
            shown += QStringLiteral("&nbsp;&nbsp;<b style='color:%1'>= %2</b>").arg(tie, tr("tie"));
        line(shown);
    }
    more(timers.size());

    if (m_run->hasQueue()) {
        heading(tr("Queue: %L1 items, %L2 unfinished").arg(state.queueItems.size()).arg(state.unfinished));
        for (std::size_t i = 0; i < state.queueItems.size() && i < std::size_t(maxListed); ++i) {
            const sim::ItemInfo& item = trace.items[state.queueItems[i]];
            line(QStringLiteral("&lt;%1&gt; <span style='color:%2'>%3</span>")
                     .arg(QString::fromUtf8(trace.strings.at(item.label)).toHtmlEscaped(), muted,
                         tr("put at t = %1").arg(seconds(item.enqueuedAt))));
        }
        more(state.queueItems.size());
        heading(tr("Waiting in get() (%L1)").arg(state.getters.size()));
        line(state.getters.empty() ? tr("nobody") : names(trace, state.getters).toHtmlEscaped(),
            state.getters.empty() ? QStringLiteral("color:%1").arg(muted) : QString());
        if (!state.putters.empty()) {
            heading(tr("Waiting in put() (%L1)").arg(state.putters.size()));
            line(names(trace, state.putters).toHtmlEscaped());
        }
        heading(tr("Waiting in join() (%L1)").arg(state.joinWaiters.size()));
        line(state.joinWaiters.empty() ? tr("nobody") : names(trace, state.joinWaiters).toHtmlEscaped(),
            state.joinWaiters.empty() ? QStringLiteral("color:%1").arg(muted) : QString());
    }

    // Keep the reader's place when stepping: only the content changes.
    const int scroll = m_view->verticalScrollBar()->value();
    m_view->setHtml(html);
    m_view->verticalScrollBar()->setValue(scroll);
}

} // namespace ui
