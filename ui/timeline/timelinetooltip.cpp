// SPDX-License-Identifier: MIT
#include "timelinetooltip.h"

#include "theme.h"
#include "timelineformat.h"
#include "vocabulary.h"

#include <QCoreApplication>
#include <QStringList>

namespace ui {

namespace {
    using sim::TaskState;

    QString tr(const char* text)
    {
        return QCoreApplication::translate("ui::TimelineToolTip", text);
    }

    QString name(const sim::Trace& trace, sim::TaskId task)
    {
        return QString::fromUtf8(trace.taskName(task));
    }

    // "after step p", or "the start" for position 0.
    QString afterStep(std::size_t position)
    {
        return position == 0 ? tr("at the start") : tr("after step %1").arg(position);
    }

    // What the segment's task is suspended in, and why: "queue.get(): the queue was empty".
    QString awaits(const sim::Segment& segment, double origin)
    {
        const sim::StateWords& words = sim::words(segment.state);
        QString text = QString::fromUtf8(words.awaited);
        if (segment.state == TaskState::Sleeping)
            text += tr(": wakes at %1").arg(formatTime(segment.wakeAt - origin));
        else if (!words.waitedBecause.empty())
            text += QStringLiteral(": ") + QString::fromUtf8(words.waitedBecause);
        return text;
    }

    // Whether CancelledError was thrown into the task when step `step` ran.
    bool cancelledIn(const RunData& run, std::size_t step)
    {
        const auto& events = run.trace.events;
        for (std::size_t e = run.index->stepBeginEvent(step); e < run.index->stepEndEvent(step); ++e) {
            if (events[e].kind == sim::EventKind::StepStarted)
                return events[e].b == 1;
        }
        return false;
    }

    // Who made the task run its step `step` (a step of `task`).
    QString wokenBy(const RunData& run, const WakeArrowIndex& arrows, sim::TaskId task, std::size_t step, bool firstRun)
    {
        const sim::Trace& trace = run.trace;
        const sim::WakeArrow* arrow = arrows.arrowInto(std::uint32_t(step));
        if (!arrow || arrow->toTask != task) {
            if (firstRun) {
                const sim::TaskId creator = task < trace.tasks.size() ? trace.tasks[task].creator : sim::noId;
                return creator == sim::noId ? tr("nobody: its first step (asyncio.run created it)")
                                            : tr("nobody: its first step (%1 created it)").arg(name(trace, creator));
            }
            return tr("itself: it yielded with sleep(0) and queued its next step");
        }
        const std::size_t from = arrow->fromStep + 1;
        const QString who = name(trace, arrow->fromTask);
        switch (arrow->cause) {
        case sim::CauseKind::Timer: {
            QString text = tr("its timer, which fired in step %1").arg(from);
            if (const sim::TimerTie* tie = run.timeline->tieAt(arrow->fromStep)) {
                QStringList order;
                for (std::uint32_t s : tie->steps)
                    order << name(trace, run.index->steps()[s].task);
                text += tr(" (a tie: timers due at %1 fired in heap order %2)")
                            .arg(formatTime(tie->when - run.index->steps().front().time), order.join(QStringLiteral(", ")));
            }
            return text;
        }
        case sim::CauseKind::Gather:
            return tr("%1 finishing in step %2, the last of gather's children").arg(who).arg(from);
        case sim::CauseKind::TaskFinished:
            return tr("%1 finishing in step %2").arg(who, QString::number(from));
        default:
            break;
        }
        if (cancelledIn(run, step))
            return tr("%1 cancelling it in step %2").arg(who).arg(from);
        // What it awaited, by the kind of the future whose completion queued this step.
        const sim::TraceEvent& resumed = run.trace.events[run.index->stepBeginEvent(step)];
        const sim::FutureKind awaited
            = resumed.a < trace.futureKinds.size() ? trace.futureKinds[resumed.a] : sim::FutureKind::Plain;
        return tr("%1, which %2 in step %3").arg(who, QString::fromUtf8(sim::words(awaited).completedBy)).arg(from);
    }

    QStringList printedIn(const RunData& run, sim::TaskId task, std::size_t step)
    {
        QStringList lines;
        const auto& events = run.trace.events;
        for (std::size_t e = run.index->stepBeginEvent(step); e < run.index->stepEndEvent(step); ++e) {
            const sim::TraceEvent& event = events[e];
            if (event.kind == sim::EventKind::Printed && event.task == task && event.a < run.trace.outputLines.size())
                lines << QString::fromUtf8(run.trace.outputLine(event.a));
        }
        return lines;
    }
}

QString TimelineToolTip::text(const RunData& run, const WakeArrowIndex& arrows, sim::TaskId task, std::size_t segmentIndex)
{
    const auto& segments = run.timeline->lanes()[task].segments;
    if (segmentIndex >= segments.size())
        return {};
    const sim::Segment& segment = segments[segmentIndex];
    const double origin = run.index->steps().empty() ? 0 : run.index->steps().front().time;
    const Theme theme = Theme::light();
    const QString script = QString::fromUtf8(run.fileName().data(), qsizetype(run.fileName().size()));
    QStringList lines;
    lines << tr("%1: %2").arg(name(run.trace, task), theme.style(segment.state).label);

    // The running step that ends this wait (or this running step itself).
    std::size_t resume = segmentIndex;
    while (resume < segments.size() && segments[resume].state != TaskState::Running)
        ++resume;
    const bool firstRun = [&] {
        for (std::size_t i = 0; i < resume; ++i) {
            if (segments[i].state == TaskState::Running)
                return false;
        }
        return true;
    }();
    if (segment.state == TaskState::Running) {
        lines << tr("Step %1, at %2").arg(segment.startStep + 1).arg(formatTime(segment.startTime - origin));
        lines << tr("Resumed by: %1").arg(wokenBy(run, arrows, task, segment.startStep, firstRun));
        if (segment.blocksTheLoop()) {
            // "Blocked the whole loop for 2 s: no other task could run meanwhile"
            const sim::StateWords& blocking = sim::blockingWords();
            QString verb = QString::fromUtf8(blocking.stepVerb.data(), qsizetype(blocking.stepVerb.size()));
            verb[0] = verb[0].toUpper();
            lines << tr("%1 for %2: %3")
                         .arg(verb, formatSeconds(segment.endTime - segment.startTime),
                             QString::fromUtf8(blocking.stepEnding.data(), qsizetype(blocking.stepEnding.size())));
        }
        if (segmentIndex + 1 < segments.size())
            lines << tr("Then: %1").arg(awaits(segments[segmentIndex + 1], origin));
        const QStringList printed = printedIn(run, task, segment.startStep);
        for (qsizetype i = 0; i < std::min<qsizetype>(printed.size(), 3); ++i)
            lines << tr("Printed: %1").arg(printed[i]);
    } else {
        const bool toEnd = segment.endStep >= run.timeline->stepCount();
        lines << tr("From %1 (%2)").arg(formatTime(segment.startTime - origin), afterStep(segment.startStep));
        lines << (toEnd ? tr("To the end of the run (%1)").arg(formatTime(segment.endTime - origin))
                        : tr("To %1 (%2)").arg(formatTime(segment.endTime - origin), afterStep(segment.endStep)));
        lines << tr("Awaits: %1").arg(awaits(segment, origin));
        if (resume < segments.size())
            lines << tr("Woken by: %1").arg(wokenBy(run, arrows, task, segments[resume].startStep, firstRun));
    }
    if (segment.line > 0 && !sim::isFinished(segment.state)) {
        lines << (segment.state == TaskState::Running ? tr("Resumes at line %1 of %2") : tr("Waits at line %1 of %2"))
                     .arg(segment.line)
                     .arg(script);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ui
