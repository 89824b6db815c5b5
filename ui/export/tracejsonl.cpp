// SPDX-License-Identifier: MIT
#include "tracejsonl.h"

#include "tracenames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ui {

namespace {
    QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }

    QJsonValue idOrNull(std::uint32_t id) { return id == sim::noId ? QJsonValue() : QJsonValue(qint64(id)); }

    QString statusName(sim::RunStatus status)
    {
        switch (status) {
        case sim::RunStatus::Completed:
            return QStringLiteral("completed");
        case sim::RunStatus::Deadlock:
            return QStringLiteral("deadlock");
        case sim::RunStatus::LimitReached:
            return QStringLiteral("limit_reached");
        case sim::RunStatus::Cancelled:
            return QStringLiteral("cancelled");
        }
        return {};
    }

    QJsonObject header(const sim::RunRequest& request, const sim::RunResult& result, const sim::Trace& trace)
    {
        QJsonObject object;
        object[QStringLiteral("format")] = QStringLiteral("loopscope-trace");
        object[QStringLiteral("version")] = 1;
        object[QStringLiteral("scenario")] = text(sim::scenarioName(request.scenario));
        object[QStringLiteral("seed")] = text(request.seed.decimal());
        if (request.scenario == sim::Scenario::Chained) {
            QJsonArray arguments;
            for (const auto& n : request.effectiveChainArguments())
                arguments.append(text(n.decimal()));
            object[QStringLiteral("arguments")] = arguments;
        } else {
            object[QStringLiteral("producers")] = qint64(request.producers);
            object[QStringLiteral("consumers")] = qint64(request.consumers);
        }
        object[QStringLiteral("status")] = statusName(result.status);
        object[QStringLiteral("events")] = qint64(trace.events.size());
        object[QStringLiteral("task_steps")] = qint64(result.taskSteps);
        object[QStringLiteral("virtual_seconds")] = result.virtualSeconds;
        QJsonArray tasks;
        for (std::size_t id = 0; id < trace.tasks.size(); ++id)
            tasks.append(text(trace.taskName(sim::TaskId(id))));
        object[QStringLiteral("tasks")] = tasks;
        return object;
    }

    QJsonObject eventObject(std::size_t index, const sim::TraceEvent& event, double now, const sim::Trace& trace)
    {
        using sim::EventKind;
        QJsonObject object;
        object[QStringLiteral("i")] = qint64(index);
        object[QStringLiteral("kind")] = text(sim::eventKindName(event.kind));
        object[QStringLiteral("t")] = now;
        if (event.task != sim::noId) {
            object[QStringLiteral("task")] = qint64(event.task);
            object[QStringLiteral("task_name")] = text(trace.taskName(event.task));
        }
        auto set = [&](const char* key, const QJsonValue& value) { object[QLatin1String(key)] = value; };
        switch (event.kind) {
        case EventKind::IterationStarted:
            set("iteration", qint64(event.a));
            break;
        case EventKind::TaskCreated:
            set("creator", idOrNull(event.a));
            set("internal", event.detail != 0);
            break;
        case EventKind::HandleQueued:
            set("handle", text(sim::handleKindName(sim::HandleKind(event.detail))));
            set("object", idOrNull(event.a));
            set("cause", text(sim::causeKindName(sim::CauseKind(event.line))));
            set("cause_id", idOrNull(event.b));
            return object; // `line` holds the cause here
        case EventKind::HandleRun:
            set("handle", text(sim::handleKindName(sim::HandleKind(event.detail))));
            set("object", idOrNull(event.a));
            set("skipped", event.b == 1);
            break;
        case EventKind::TimerScheduled:
            set("timer", qint64(event.a));
            set("when", event.value);
            break;
        case EventKind::TimerCancelled:
        case EventKind::TimerDue:
        case EventKind::TimerPurged:
            set("timer", qint64(event.a));
            set("when", trace.timers[event.a].when);
            break;
        case EventKind::StepStarted:
            set("via", text(sim::handleKindName(sim::HandleKind(event.detail))));
            set("thrown_in", event.b == 1 ? QJsonValue(QStringLiteral("CancelledError")) : QJsonValue());
            break;
        case EventKind::StepEnded:
            set("waits", text(sim::waitKindName(sim::WaitKind(event.detail))));
            set("object", idOrNull(event.a));
            if (sim::WaitKind(event.detail) == sim::WaitKind::Sleep)
                set("until", event.value);
            break;
        case EventKind::Printed:
            set("output_line", qint64(event.a));
            set("text", text(trace.outputLine(event.a)));
            break;
        case EventKind::QueuePut:
        case EventKind::QueueGet:
            set("item", text(trace.strings.at(trace.items[event.a].label)));
            set("item_id", qint64(event.a));
            set("queue_size", qint64(event.b));
            break;
        case EventKind::WaiterAdded:
        case EventKind::WaiterRemoved:
        case EventKind::WaiterWoken:
            set("list", text(sim::waiterListName(sim::WaiterList(event.detail))));
            set("future", qint64(event.a));
            break;
        case EventKind::TaskDoneCalled:
            set("unfinished", qint64(event.b));
            break;
        case EventKind::CancelRequested:
            set("by", idOrNull(event.b));
            break;
        case EventKind::TaskFinished:
            set("outcome", text(sim::waitKindName(sim::WaitKind(event.detail))));
            if (event.a != sim::noId)
                set("error", text(trace.strings.at(event.a)));
            break;
        case EventKind::TimersRebuilt:
        case EventKind::LoopStopped:
        case EventKind::TeardownStarted:
        case EventKind::Deadlock:
        case EventKind::LimitReached:
            break;
        }
        if (event.line != 0)
            set("line", int(event.line));
        return object;
    }
}

bool writeTraceJsonl(const QString& path, const sim::RunRequest& request, const sim::RunResult& result,
    const sim::Trace& trace, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(header(request, result, trace)).toJson(QJsonDocument::Compact));
    file.write("\n");
    double now = 0;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const sim::TraceEvent& event = trace.events[i];
        if (event.kind == sim::EventKind::IterationStarted)
            now = event.value;
        file.write(QJsonDocument(eventObject(i, event, now, trace)).toJson(QJsonDocument::Compact));
        file.write("\n");
    }
    if (!file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ui
