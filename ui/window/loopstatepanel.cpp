// SPDX-License-Identifier: MIT
#include "loopstatepanel.h"

#include "narration.h"
#include "plural.h"
#include "statesummary.h"
#include "vocabulary.h"

#include <QEvent>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    QString seconds(double value) { return QString::fromStdString(sim::formatSeconds(value)); }

    QString taskName(const sim::Trace& trace, sim::TaskId task)
    {
        return task == sim::noId ? QStringLiteral("?") : QString::fromUtf8(trace.taskName(task));
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

void LoopStatePanel::setHideTieOrder(bool hide)
{
    if (hide == m_hideTieOrder)
        return;
    m_hideTieOrder = hide;
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
    const QString clock = QString::fromStdString(sim::describeClock(stepTime, state.now));
    html += QStringLiteral("<p style='margin:0'><span style='font-size:large'><b>%1</b></span>"
                           "&nbsp;&nbsp;<span style='color:%2'>%3</span></p>")
                .arg(clock, muted, tr("loop iteration %1").arg(state.iteration));

    heading(tr("Just ran"));
    if (m_position == 0) {
        line(tr("nothing yet"), QStringLiteral("color:%1").arg(muted));
    } else {
        const sim::StepInfo& step = m_run->index->steps()[m_position - 1];
        line(tr("step %1: %2")
                 .arg(m_position)
                 .arg(QString::fromStdString(sim::describeStep(step, trace)).toHtmlEscaped()));
        // Between two instants the clock jumps before the next step runs: say why it moved.
        if (state.now > step.time)
            line(QString::fromStdString(sim::describeClockMove(step.time)).toHtmlEscaped(),
                QStringLiteral("color:%1").arg(muted));
    }

    m_ready.clear();
    heading(tr("Ready queue (%L1), next first").arg(state.ready.size()));
    if (state.ready.empty())
        line(tr("empty"), QStringLiteral("color:%1").arg(muted));
    for (std::size_t i = 0; i < state.ready.size() && i < std::size_t(maxListed); ++i) {
        const QString text = QString::fromStdString(sim::describeReadyEntry(state.ready[i], trace, state));
        m_ready << text;
        line(QStringLiteral("%1.&nbsp;%2").arg(i + 1).arg(text.toHtmlEscaped()));
    }
    more(state.ready.size());

    m_timers.clear();
    std::vector<sim::TimerEntry> timers = state.timersByDeadline();
    if (m_hideTieOrder)
        std::ranges::stable_sort(timers, [&trace](const sim::TimerEntry& a, const sim::TimerEntry& b) {
            return a.when != b.when ? a.when < b.when : taskName(trace, a.owner) < taskName(trace, b.owner);
        });
    heading(m_hideTieOrder ? tr("Timers by deadline (%L1), ties by name").arg(timers.size())
                           : tr("Timers by deadline (%L1)").arg(timers.size()));
    if (timers.empty())
        line(tr("none pending"), QStringLiteral("color:%1").arg(muted));
    for (std::size_t i = 0; i < timers.size() && i < std::size_t(maxListed); ++i) {
        const sim::TimerEntry& timer = timers[i];
        // Equal deadlines: asyncio leaves the order undefined; CPython's heap decides it.
        const bool tied = (i > 0 && timers[i - 1].when == timer.when)
            || (i + 1 < timers.size() && timers[i + 1].when == timer.when);
        const QString what = QString::fromStdString(sim::describeTimer(timer.id, trace));
        QString text = tr("t = %1: %2").arg(seconds(timer.when), what);
        if (timer.cancelled)
            text += tr(" (cancelled)");
        if (tied)
            text += tr("  = tie");
        m_timers << text;
        QString shown = tr("t = %1: %2").arg(seconds(timer.when), what.toHtmlEscaped());
        if (timer.cancelled)
            shown = QStringLiteral("<s>%1</s> <span style='color:%2'>%3</span>").arg(shown, muted, tr("cancelled"));
        if (tied)
            shown += QStringLiteral("&nbsp;&nbsp;<b style='color:%1'>= %2</b>").arg(tie, tr("tie"));
        line(shown);
    }
    more(timers.size());

    if (m_run->hasQueue()) {
        heading(tr("Queue: %1, %L2 unfinished")
                    .arg(counted(qint64(state.queueItems.size()), tr("%L1 item"), tr("%L1 items")))
                    .arg(state.unfinished));
        for (std::size_t i = 0; i < state.queueItems.size() && i < std::size_t(maxListed); ++i) {
            const sim::ItemInfo& item = trace.items[state.queueItems[i]];
            line(QStringLiteral("&lt;%1&gt; <span style='color:%2'>%3</span>")
                     .arg(QString::fromUtf8(trace.strings.at(item.label)).toHtmlEscaped(), muted,
                         tr("put at t = %1").arg(seconds(item.enqueuedAt))));
        }
        more(state.queueItems.size());
        auto waitersHeading = [&](sim::WaiterList list, const sim::ListedWaiters& waiters) {
            QString label = QString::fromUtf8(sim::words(list).label);
            label[0] = label[0].toUpper();
            heading(QStringLiteral("%1 (%L2)").arg(label).arg(waiters.size()));
        };
        waitersHeading(sim::WaiterList::Getters, state.getters);
        line(state.getters.empty() ? tr("nobody") : names(trace, state.getters).toHtmlEscaped(),
            state.getters.empty() ? QStringLiteral("color:%1").arg(muted) : QString());
        if (!state.putters.empty()) {
            waitersHeading(sim::WaiterList::Putters, state.putters);
            line(names(trace, state.putters).toHtmlEscaped());
        }
        waitersHeading(sim::WaiterList::Join, state.joinWaiters);
        line(state.joinWaiters.empty() ? tr("nobody") : names(trace, state.joinWaiters).toHtmlEscaped(),
            state.joinWaiters.empty() ? QStringLiteral("color:%1").arg(muted) : QString());
    }

    // asyncio's locks, semaphores, events and conditions: who holds or made each, who waits.
    for (sim::SyncId sync = 0; sync < state.syncs.size() && sync < trace.syncObjects.size(); ++sync) {
        QString label = QString::fromStdString(sim::describeSync(sync, trace, state));
        label[0] = label[0].toUpper();
        const sim::ListedWaiters& waiters = state.syncs[sync].waiters;
        heading(QStringLiteral("%1, %2").arg(label.toHtmlEscaped(), tr("%L1 waiting").arg(waiters.size())));
        line(waiters.empty() ? tr("nobody waits") : names(trace, waiters).toHtmlEscaped(),
            waiters.empty() ? QStringLiteral("color:%1").arg(muted) : QString());
    }

    // Keep the reader's place when stepping: only the content changes.
    const int scroll = m_view->verticalScrollBar()->value();
    m_view->setHtml(html);
    m_view->verticalScrollBar()->setValue(scroll);
}

} // namespace ui
