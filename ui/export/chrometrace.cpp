// SPDX-License-Identifier: MIT
#include "chrometrace.h"

#include "loopstate.h"
#include "narration.h"
#include "vocabulary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ui {

namespace {
    QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }

    // Microsecond timestamps: each step sits `stepMicros` after the previous step of the
    // same instant, so a thousand zero-time steps still read left to right.
    std::vector<double> stepTimestamps(const sim::StateIndex& index)
    {
        std::vector<double> stamps(index.stepCount() + 1);
        double instant = -1;
        double offset = 0;
        for (std::size_t s = 0; s < index.stepCount(); ++s) {
            const double time = index.steps()[s].time;
            if (time != instant) {
                instant = time;
                offset = 0;
            }
            stamps[s] = time * 1e6 + offset;
            offset += stepMicros;
        }
        const double end = index.stepCount() ? index.steps().back().time : 0;
        stamps[index.stepCount()] = std::max(end * 1e6 + offset, index.stepCount() ? stamps[index.stepCount() - 1] + stepMicros : 0);
        return stamps;
    }

    QJsonObject event(const char* phase, const QString& name, double ts, int tid)
    {
        QJsonObject object;
        object[QStringLiteral("ph")] = QLatin1String(phase);
        object[QStringLiteral("name")] = name;
        object[QStringLiteral("ts")] = ts;
        object[QStringLiteral("pid")] = 1;
        object[QStringLiteral("tid")] = tid;
        return object;
    }

    // What a waiting segment awaits: "queue.get()", "asyncio.sleep() until t=4"; empty otherwise.
    QString awaitedText(const sim::Segment& segment)
    {
        if (!sim::isWaiting(segment.state))
            return {};
        const QString awaited = text(sim::words(segment.state).awaited);
        if (segment.state == sim::TaskState::Sleeping)
            return QStringLiteral("%1 until t=%2").arg(awaited, text(sim::formatSeconds(segment.wakeAt)));
        return awaited;
    }
}

QByteArray chromeTraceJson(const RunData& run)
{
    const sim::Trace& trace = run.trace;
    const sim::StateIndex& index = *run.index;
    const sim::Timeline& timeline = *run.timeline;
    const std::vector<double> stamps = stepTimestamps(index);
    auto tidOf = [](sim::TaskId task) { return int(task) + 1; };

    QJsonArray events;
    QJsonObject process = event("M", QStringLiteral("process_name"), 0, 0);
    process[QStringLiteral("args")] = QJsonObject { { QStringLiteral("name"), text(run.request.describe()) } };
    events.append(process);
    for (const sim::Lane& lane : timeline.lanes()) {
        QJsonObject name = event("M", QStringLiteral("thread_name"), 0, tidOf(lane.task));
        name[QStringLiteral("args")] = QJsonObject { { QStringLiteral("name"), text(trace.taskName(lane.task)) } };
        events.append(name);
        QJsonObject order = event("M", QStringLiteral("thread_sort_index"), 0, tidOf(lane.task));
        order[QStringLiteral("args")] = QJsonObject { { QStringLiteral("sort_index"), int(lane.task) } };
        events.append(order);
    }

    // Who woke each step, for the args of the running intervals.
    std::vector<const sim::WakeArrow*> wokenBy(index.stepCount(), nullptr);
    for (const sim::WakeArrow& arrow : timeline.arrows())
        wokenBy[arrow.toStep] = &arrow;

    for (const sim::Lane& lane : timeline.lanes()) {
        for (const sim::Segment& segment : lane.segments) {
            const double begin = stamps[segment.startStep];
            const double end = std::max(stamps[segment.endStep], begin + stepMicros * 0.5);
            QJsonObject slice = event("X", text(sim::words(segment.state).label), begin, tidOf(lane.task));
            slice[QStringLiteral("cat")] = QStringLiteral("state");
            slice[QStringLiteral("dur")] = segment.state == sim::TaskState::Running ? stepMicros : end - begin;
            QJsonObject args;
            args[QStringLiteral("state")] = text(sim::words(segment.state).label);
            args[QStringLiteral("from_step")] = qint64(segment.startStep);
            args[QStringLiteral("to_step")] = qint64(segment.endStep);
            args[QStringLiteral("virtual_start_s")] = segment.startTime;
            args[QStringLiteral("virtual_end_s")] = segment.endTime;
            if (segment.line)
                args[QStringLiteral("python_line")] = int(segment.line);
            if (const QString awaited = awaitedText(segment); !awaited.isEmpty())
                args[QStringLiteral("awaits")] = awaited;
            if (segment.state == sim::TaskState::Running && segment.startStep < wokenBy.size() && wokenBy[segment.startStep]) {
                const sim::WakeArrow& arrow = *wokenBy[segment.startStep];
                args[QStringLiteral("woken_by")] = text(trace.taskName(arrow.fromTask));
                args[QStringLiteral("cause")] = text(sim::words(arrow.cause).name);
            }
            slice[QStringLiteral("args")] = args;
            events.append(slice);
        }
    }

    int flowId = 0;
    for (const sim::WakeArrow& arrow : timeline.arrows()) {
        ++flowId;
        const QString name = QStringLiteral("wake-up (%1)").arg(text(sim::words(arrow.cause).name));
        QJsonObject start = event("s", name, stamps[arrow.fromStep], tidOf(arrow.fromTask));
        start[QStringLiteral("cat")] = QStringLiteral("wakeup");
        start[QStringLiteral("id")] = flowId;
        events.append(start);
        QJsonObject finish = event("f", name, stamps[arrow.toStep], tidOf(arrow.toTask));
        finish[QStringLiteral("cat")] = QStringLiteral("wakeup");
        finish[QStringLiteral("id")] = flowId;
        finish[QStringLiteral("bp")] = QStringLiteral("e");
        events.append(finish);
    }

    // Counters, sampled at every step from a single replay of the trace.
    sim::LoopState state;
    std::size_t applied = 0;
    qsizetype lastReady = -1, lastQueue = -1;
    for (std::size_t s = 0; s <= index.stepCount(); ++s) {
        const std::size_t until = index.eventAtPosition(s);
        for (; applied < until; ++applied)
            state.apply(trace.events[applied]);
        const qsizetype ready = qsizetype(state.ready.size());
        const qsizetype queued = qsizetype(state.queueItems.size());
        if (ready != lastReady) {
            QJsonObject counter = event("C", QStringLiteral("ready queue"), stamps[s], 0);
            counter[QStringLiteral("args")] = QJsonObject { { QStringLiteral("handles"), ready } };
            events.append(counter);
            lastReady = ready;
        }
        if (run.hasQueue() && queued != lastQueue) {
            QJsonObject counter = event("C", QStringLiteral("asyncio.Queue size"), stamps[s], 0);
            counter[QStringLiteral("args")] = QJsonObject { { QStringLiteral("items"), queued } };
            events.append(counter);
            lastQueue = queued;
        }
    }

    QJsonObject root;
    root[QStringLiteral("traceEvents")] = events;
    root[QStringLiteral("displayTimeUnit")] = QStringLiteral("ms");
    root[QStringLiteral("otherData")] = QJsonObject { { QStringLiteral("generator"), QStringLiteral("Loopscope") },
        { QStringLiteral("run"), text(run.request.describe()) },
        { QStringLiteral("note"), QStringLiteral("Timestamps are virtual time; each zero-time step is given 1 us.") } };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool writeChromeTrace(const QString& path, const RunData& run, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(chromeTraceJson(run)) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ui
