// SPDX-License-Identifier: MIT
#include "tracefile.h"

#include "jsonline.h"
#include "loopstate.h"
#include "tracefileschema.h"
#include "tracerules.h"
#include "vocabulary.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace ui {

namespace {
    using namespace tracefile;
    using sim::EventKind;

    // Bounds that keep a hostile file from taking the machine: the header carries the
    // program's source (a teacher's file, not a book); an event line is a few hundred bytes
    // unless it prints a long line.
    constexpr qint64 maxHeaderBytes = 8 * 1024 * 1024;
    constexpr qint64 maxEventLineBytes = 1024 * 1024;

    QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }
    JsonScalar idScalar(std::uint32_t id)
    {
        return id == sim::noId ? JsonScalar::null() : JsonScalar::of(std::int64_t(id));
    }

    std::string_view statusName(sim::RunStatus status)
    {
        static constexpr std::array names { "completed", "deadlock", "limit_reached", "cancelled", "failed" };
        return names[std::size_t(status)];
    }
    std::string_view limitName(sim::Limit limit)
    {
        static constexpr std::array names { "none", "handles", "tasks", "trace_events" };
        return names[std::size_t(limit)];
    }

    // The enum value whose name is `name`, among the first `count` values; nothing otherwise.
    template <typename Enum, typename NameOf>
    std::optional<Enum> byName(std::string_view name, std::size_t count, NameOf nameOf)
    {
        for (std::size_t i = 0; i < count; ++i) {
            if (name == nameOf(Enum(i)))
                return Enum(i);
        }
        return std::nullopt;
    }
    template <typename Enum, typename NameOf>
    std::optional<Enum> byName(const QString& name, std::size_t count, NameOf nameOf)
    {
        return byName<Enum>(std::string_view(name.toStdString()), count, nameOf);
    }

    bool isSyncWait(sim::WaitKind wait)
    {
        return wait == sim::WaitKind::Lock || wait == sim::WaitKind::Semaphore || wait == sim::WaitKind::Event
            || wait == sim::WaitKind::Condition;
    }

    std::uint32_t& slotOf(sim::TraceEvent& event, Slot slot)
    {
        return slot == Slot::A ? event.a : event.b;
    }

    // ---- Writing ----

    class EventWriter {
    public:
        explicit EventWriter(const sim::Trace& trace) : m_trace(trace) { }

        void write(JsonLineWriter& object, std::size_t index, const sim::TraceEvent& event, double now) const
        {
            object["i"] = JsonScalar::of(std::int64_t(index));
            object["kind"] = JsonScalar::of(std::string_view(sim::nameOf(event.kind)));
            object["t"] = JsonScalar::of(now);
            if (event.task != sim::noId) {
                object["task"] = JsonScalar::of(std::int64_t(event.task));
                object["task_name"] = JsonScalar::of(std::string_view(m_trace.taskName(event.task)));
            }
            for (const Field& field : fieldsOf(event.kind))
                writeField(object, field, event);
            if (hasSourceLine(event.kind) && event.line != 0)
                object["line"] = JsonScalar::of(int(event.line));
        }

    private:
        JsonScalar textOrNull(std::uint32_t id) const
        {
            return id == sim::noId ? JsonScalar::null() : JsonScalar::of(m_trace.strings.at(id));
        }

        void writeFuture(JsonLineWriter& object, std::uint32_t id) const
        {
            object["future"] = idScalar(id);
            if (id < m_trace.futureKinds.size())
                object["future_kind"] = JsonScalar::of(std::string_view(sim::nameOf(m_trace.futureKinds[id])));
        }

        void writeField(JsonLineWriter& object, const Field& field, const sim::TraceEvent& event) const
        {
            const std::string_view key = field.name;
            const std::uint32_t id = field.slot == Slot::A ? event.a : event.b;
            switch (field.codec) {
            case Codec::Count:
                object[key] = JsonScalar::of(std::int64_t(field.slot == Slot::Detail ? event.detail : id));
                break;
            case Codec::Id:
                object[key] = idScalar(id);
                break;
            case Codec::Flag:
                object[key] = JsonScalar::of((field.slot == Slot::Detail ? event.detail : id) == 1);
                break;
            case Codec::Number:
                if (event.value != 0 || event.kind != EventKind::StepEnded)
                    object[key] = JsonScalar::of(event.value);
                break;
            case Codec::Text:
                object[key] = textOrNull(id);
                break;
            case Codec::HandleKind:
                object[key] = JsonScalar::of(std::string_view(sim::nameOf(sim::HandleKind(event.detail))));
                break;
            case Codec::CauseKind:
                object[key] = JsonScalar::of(std::string_view(sim::nameOf(sim::CauseKind(event.line))));
                break;
            case Codec::WaitKind:
                object[key] = JsonScalar::of(std::string_view(sim::nameOf(sim::WaitKind(event.detail))));
                break;
            case Codec::WaiterList:
                object[key] = JsonScalar::of(std::string_view(sim::nameOf(sim::WaiterList(event.detail))));
                break;
            case Codec::SyncKind:
                object[key] = JsonScalar::of(std::string_view(sim::nameOf(sim::SyncKind(event.detail))));
                break;
            case Codec::OptionalText:
                if (id != sim::noId)
                    object[key] = JsonScalar::of(m_trace.strings.at(id));
                break;
            case Codec::WaiterOwner:
                object[sim::WaiterList(event.detail) == sim::WaiterList::Sync ? std::string_view("sync") : key]
                    = idScalar(id);
                break;
            case Codec::SyncRef:
                object[key] = JsonScalar::of(std::int64_t(id));
                break;
            case Codec::Limit:
                object[key] = JsonScalar::of(std::string_view(limitName(sim::Limit(id))));
                break;
            case Codec::HandleObject:
                if (sim::HandleKind(event.detail) == sim::HandleKind::TimerCallback)
                    object["timer"] = idScalar(id);
                else if (sim::HandleKind(event.detail) == sim::HandleKind::Callback)
                    object["callback"] = textOrNull(id);
                else
                    writeFuture(object, id);
                break;
            case Codec::WaitObject:
                if (sim::WaitKind(event.detail) == sim::WaitKind::Sleep)
                    object["timer"] = idScalar(id);
                else if (isSyncWait(sim::WaitKind(event.detail)))
                    object["sync"] = idScalar(id);
                else if (sim::WaitKind(event.detail) == sim::WaitKind::Task)
                    object["awaited_task"] = idScalar(id);
                else if (id != sim::noId)
                    writeFuture(object, id);
                break;
            case Codec::Future:
                writeFuture(object, id);
                break;
            case Codec::CauseRef:
                if (sim::CauseKind(event.line) == sim::CauseKind::Callback)
                    object["cause_callback"] = textOrNull(id);
                else
                    object[sim::CauseKind(event.line) == sim::CauseKind::Timer ? "cause_timer" : "cause_task"]
                        = idScalar(id);
                break;
            case Codec::OutputLine:
                object[key] = JsonScalar::of(std::int64_t(id));
                object["text"] = JsonScalar::of(std::string_view(m_trace.outputLine(id)));
                break;
            case Codec::NewItem: {
                const sim::ItemInfo& item = m_trace.items[id];
                object[key] = JsonScalar::of(std::int64_t(id));
                object["item"] = JsonScalar::of(std::string_view(m_trace.strings.at(item.label)));
                object["enqueued_at"] = JsonScalar::of(item.enqueuedAt);
                object["queue"] = JsonScalar::of(std::int64_t(item.queue));
                break;
            }
            case Codec::ItemRef:
                object[key] = JsonScalar::of(std::int64_t(id));
                object["item"] = JsonScalar::of(std::string_view(m_trace.strings.at(m_trace.items[id].label)));
                break;
            case Codec::TimerRef:
                object[key] = JsonScalar::of(std::int64_t(id));
                object["when"] = JsonScalar::of(m_trace.timers[id].when);
                break;
            }
        }

        const sim::Trace& m_trace;
    };

    QJsonObject header(const sim::RunRequest& request, const sim::RunResult& result, const sim::Trace& trace,
        std::string_view listing)
    {
        QJsonObject program;
        program[QStringLiteral("name")] = text(request.isRecorded() ? request.script->fileName : request.program->name);
        program[QStringLiteral("file")] = text(request.fileName());
        if (request.isRecorded())
            program[QStringLiteral("recorded")] = true; // by the recorder, from CPython
        QJsonArray argv;
        for (const std::string& word : request.argv())
            argv.append(text(word));
        program[QStringLiteral("argv")] = argv;
        // The same, by parameter, as the run form would hold them: what the reader parses.
        QJsonObject arguments;
        for (std::size_t p = 0; p < request.program->parameters.size(); ++p) {
            QStringList values;
            for (const sim::PyInt& value : request.arguments[p])
                values << text(value.decimal());
            arguments[text(request.program->parameters[p].key)] = values.join(QLatin1Char(' '));
        }
        program[QStringLiteral("arguments")] = arguments;
        program[QStringLiteral("seed")] = text(request.seed.decimal());
        program[QStringLiteral("listing")] = text(listing);

        QJsonObject object;
        object[QStringLiteral("format")] = QLatin1String(formatName);
        object[QStringLiteral("version")] = formatVersion;
        object[QStringLiteral("program")] = program;
        object[QStringLiteral("status")] = text(statusName(result.status));
        object[QStringLiteral("limit")] = text(limitName(result.limit));
        object[QStringLiteral("events")] = qint64(trace.events.size());
        object[QStringLiteral("tasks")] = qint64(trace.tasks.size());
        object[QStringLiteral("task_steps")] = qint64(result.taskSteps);
        object[QStringLiteral("handles_run")] = qint64(result.handlesRun);
        object[QStringLiteral("virtual_seconds")] = result.virtualSeconds;
        if (!result.addressOrderReason.empty()) {
            QJsonObject addressOrder;
            addressOrder[QStringLiteral("reason")] = text(result.addressOrderReason);
            addressOrder[QStringLiteral("line")] = int(result.addressOrderLine);
            object[QStringLiteral("order_depends_on_addresses")] = addressOrder;
        }
        return object;
    }

    // ---- Reading ----

    // One problem, to be reported with the line it was found on.
    struct Problem {
        QString message;
    };

    class EventReader {
    public:
        explicit EventReader(sim::Trace& trace) : m_trace(trace) { }

        // The event of one line, checked against everything read before it.
        std::optional<Problem> read(const JsonLine& object, std::size_t index)
        {
            sim::TraceEvent event;
            if (object.value(QStringLiteral("i")).toDouble(-1) != double(index))
                return Problem { QStringLiteral("event %1 is out of order (its \"i\" is %2)")
                                     .arg(index)
                                     .arg(object.value(QStringLiteral("i")).describe()) };
            const JsonScalar& kindName = object.value(QStringLiteral("kind"));
            const auto kind
                = byName<EventKind>(kindName.utf8(), std::size_t(sim::lastEventKind) + 1, sim::nameOf<sim::EventKind>);
            if (!kind)
                return Problem { QStringLiteral("unknown event kind \"%1\"").arg(kindName.toString()) };
            event.kind = *kind;
            const JsonScalar& t = object.value(QStringLiteral("t"));
            if (!t.isDouble())
                return Problem { QStringLiteral("\"t\" is missing or not a number") };
            if (event.kind == EventKind::IterationStarted) {
                event.value = t.toDouble(); // whether the clock may read that: TraceRules
            } else if (t.toDouble() != m_state.now) {
                return Problem { QStringLiteral("\"t\" is %1 but the clock reads %2").arg(t.toDouble()).arg(m_state.now) };
            }
            if (object.contains(QStringLiteral("task"))) {
                if (auto problem = readId(object, QStringLiteral("task"), event.task))
                    return problem;
            }
            if (hasSourceLine(event.kind) && object.contains(QStringLiteral("line"))) {
                const double line = object.value(QStringLiteral("line")).toDouble(-1);
                if (!(line >= 1 && line <= 65535 && line == double(int(line))))
                    return Problem { QStringLiteral("\"line\" is not a line number") };
                event.line = std::uint16_t(line);
            }
            for (const Field& field : fieldsOf(event.kind)) {
                if (auto problem = readField(object, field, event))
                    return problem;
            }
            if (auto problem = check(event))
                return problem;
            m_state.apply(event);
            m_trace.events.push_back(event);
            return std::nullopt;
        }

        // Whether the run's end is consistent with the header's status and counts.
        std::optional<Problem> finish(const sim::RunResult& result) const
        {
            if (auto problem = m_rules.checkEnd(m_state, m_trace, result))
                return Problem { QString::fromStdString(*problem) };
            return std::nullopt;
        }

    private:
        static Problem missing(QAnyStringView key)
        {
            return Problem { QStringLiteral("\"%1\" is missing or invalid").arg(key.toString()) };
        }

        std::optional<Problem> readCount(const JsonLine& object, QAnyStringView key, std::uint32_t& out) const
        {
            const JsonScalar& value = object.value(key);
            const double number = value.toDouble(-1);
            if (!value.isDouble() || !(number >= 0 && number < double(sim::noId)) || number != double(std::uint32_t(number)))
                return missing(key);
            out = std::uint32_t(number);
            return std::nullopt;
        }

        std::optional<Problem> readId(const JsonLine& object, QAnyStringView key, std::uint32_t& out) const
        {
            if (object.value(key).isNull()) {
                out = sim::noId;
                return std::nullopt;
            }
            return readCount(object, key, out);
        }

        std::optional<Problem> readFlag(const JsonLine& object, QAnyStringView key, std::uint32_t& out) const
        {
            const JsonScalar& value = object.value(key);
            if (!value.isBool())
                return missing(key);
            out = value.toBool() ? 1 : 0;
            return std::nullopt;
        }

        std::optional<Problem> readString(const JsonLine& object, QAnyStringView key, std::uint32_t& out)
        {
            const JsonScalar& value = object.value(key);
            if (value.isNull()) {
                out = sim::noId;
                return std::nullopt;
            }
            if (!value.isString())
                return missing(key);
            out = m_trace.strings.add(value.utf8());
            return std::nullopt;
        }

        template <typename Enum, typename NameOf>
        std::optional<Problem> readName(
            const JsonLine& object, QAnyStringView key, std::size_t count, NameOf nameOf, Enum& out) const
        {
            const auto value = byName<Enum>(object.value(key).utf8(), count, nameOf);
            if (!value)
                return Problem { QStringLiteral("\"%1\" has an unknown value \"%2\"")
                                     .arg(key.toString(), object.value(key).toString()) };
            out = *value;
            return std::nullopt;
        }

        std::optional<Problem> readFuture(const JsonLine& object, std::uint32_t& out)
        {
            if (auto problem = readId(object, QStringLiteral("future"), out))
                return problem;
            if (out == sim::noId)
                return std::nullopt;
            sim::FutureKind kind {};
            if (auto problem = readName(object, QStringLiteral("future_kind"),
                    std::size_t(sim::FutureKind::SyncWaiter) + 1, sim::nameOf<sim::FutureKind>, kind))
                return problem;
            // Ids are dense: a run creates its futures a few per event, so an id far beyond the
            // events read so far is a hostile file, not a run (and must not size an array).
            if (out >= maxFutures || out > 16 * (m_trace.events.size() + m_trace.tasks.size()) + 1024)
                return Problem { QStringLiteral("future id %1 is beyond the limits").arg(out) };
            if (m_trace.futureKinds.size() <= out)
                m_trace.futureKinds.resize(out + 1, sim::FutureKind::Plain);
            m_trace.futureKinds[out] = kind;
            return std::nullopt;
        }

        std::optional<Problem> readField(const JsonLine& object, const Field& field, sim::TraceEvent& event)
        {
            const QAnyStringView key(field.name);
            std::uint32_t scratch = 0;
            std::uint32_t& id = field.slot == Slot::A || field.slot == Slot::B ? slotOf(event, field.slot) : scratch;
            switch (field.codec) {
            case Codec::Count:
                return readCount(object, key, id);
            case Codec::Id:
                return readId(object, key, id);
            case Codec::Flag: {
                auto problem = readFlag(object, key, id);
                if (field.slot == Slot::Detail)
                    event.detail = std::uint8_t(scratch);
                return problem;
            }
            case Codec::Number: {
                const JsonScalar& value = object.value(key);
                if (value.isUndefined() && event.kind == EventKind::StepEnded)
                    return std::nullopt;
                if (!value.isDouble())
                    return missing(key);
                event.value = value.toDouble();
                return std::nullopt;
            }
            case Codec::Text:
                return readString(object, key, id);
            case Codec::HandleKind: {
                sim::HandleKind kind {};
                auto problem = readName(
                    object, key, std::size_t(sim::HandleKind::Callback) + 1, sim::nameOf<sim::HandleKind>, kind);
                event.detail = std::uint8_t(kind);
                return problem;
            }
            case Codec::CauseKind: {
                sim::CauseKind kind {};
                auto problem = readName(
                    object, key, std::size_t(sim::CauseKind::Callback) + 1, sim::nameOf<sim::CauseKind>, kind);
                event.line = std::uint16_t(kind);
                return problem;
            }
            case Codec::WaitKind: {
                sim::WaitKind kind {};
                auto problem
                    = readName(object, key, std::size_t(sim::WaitKind::Task) + 1, sim::nameOf<sim::WaitKind>, kind);
                event.detail = std::uint8_t(kind);
                return problem;
            }
            case Codec::WaiterList: {
                sim::WaiterList list {};
                auto problem
                    = readName(object, key, std::size_t(sim::WaiterList::Sync) + 1, sim::nameOf<sim::WaiterList>, list);
                event.detail = std::uint8_t(list);
                return problem;
            }
            case Codec::SyncKind: {
                sim::SyncKind kind {};
                auto problem = readName(
                    object, key, std::size_t(sim::SyncKind::Condition) + 1, sim::nameOf<sim::SyncKind>, kind);
                event.detail = std::uint8_t(kind);
                return problem;
            }
            case Codec::OptionalText: // a callback's name, when there is one
                if (!object.contains(key)) {
                    id = sim::noId; // none (and every version 2 file)
                    return std::nullopt;
                }
                return readName(object, key, id);
            case Codec::WaiterOwner:
                if (sim::WaiterList(event.detail) == sim::WaiterList::Sync)
                    return readSync(object, id);
                return readId(object, key, id);
            case Codec::SyncRef:
                return readSync(object, id);
            case Codec::Limit: {
                sim::Limit limit {};
                auto problem = readName(object, key, std::size_t(sim::Limit::TraceEvents) + 1, limitName, limit);
                id = std::uint32_t(limit);
                return problem;
            }
            case Codec::HandleObject:
                if (sim::HandleKind(event.detail) == sim::HandleKind::TimerCallback)
                    return readTimer(object, id);
                if (sim::HandleKind(event.detail) == sim::HandleKind::Callback)
                    return readName(object, QStringLiteral("callback"), id);
                return readFuture(object, id);
            case Codec::WaitObject:
                if (sim::WaitKind(event.detail) == sim::WaitKind::Sleep)
                    return readTimer(object, id);
                if (isSyncWait(sim::WaitKind(event.detail)))
                    return readSync(object, id);
                if (sim::WaitKind(event.detail) == sim::WaitKind::Task) {
                    if (auto problem = readCount(object, QStringLiteral("awaited_task"), id))
                        return problem;
                    if (id >= m_trace.tasks.size())
                        return Problem { QStringLiteral("awaited_task %1 does not exist").arg(id) };
                    return std::nullopt;
                }
                if (!object.contains(QStringLiteral("future"))) {
                    id = sim::noId;
                    return std::nullopt;
                }
                return readFuture(object, id);
            case Codec::Future:
                return readFuture(object, id);
            case Codec::CauseRef:
                if (sim::CauseKind(event.line) == sim::CauseKind::Timer)
                    return readTimer(object, id, QStringLiteral("cause_timer"));
                if (sim::CauseKind(event.line) == sim::CauseKind::Callback)
                    return readName(object, QStringLiteral("cause_callback"), id);
                if (auto problem = readId(object, QStringLiteral("cause_task"), id))
                    return problem;
                if (id != sim::noId && id >= m_trace.tasks.size())
                    return Problem { QStringLiteral("cause_task %1 does not exist").arg(id) };
                return std::nullopt;
            case Codec::OutputLine: {
                if (auto problem = readCount(object, key, id))
                    return problem;
                if (id != m_trace.outputLines.size())
                    return Problem { QStringLiteral("output line %1 is out of order").arg(id) };
                std::uint32_t line = 0;
                if (auto problem = readString(object, QStringLiteral("text"), line); problem || line == sim::noId)
                    return missing(QStringLiteral("text"));
                m_trace.outputLines.push_back(line);
                return std::nullopt;
            }
            case Codec::NewItem: {
                if (auto problem = readCount(object, key, id))
                    return problem;
                if (id != m_trace.items.size())
                    return Problem { QStringLiteral("item %1 is out of order").arg(id) };
                sim::ItemInfo item;
                const JsonScalar& enqueuedAt = object.value(QStringLiteral("enqueued_at"));
                if (!enqueuedAt.isDouble())
                    return missing(QStringLiteral("enqueued_at"));
                item.enqueuedAt = enqueuedAt.toDouble();
                if (auto problem = readCount(object, QStringLiteral("queue"), item.queue))
                    return problem;
                if (item.queue >= m_trace.queueCount)
                    return Problem { QStringLiteral("queue %1 does not exist").arg(item.queue) };
                if (auto problem = readString(object, QStringLiteral("item"), item.label); problem || item.label == sim::noId)
                    return missing(QStringLiteral("item"));
                m_trace.items.push_back(item);
                return std::nullopt;
            }
            case Codec::ItemRef:
                if (auto problem = readCount(object, key, id))
                    return problem;
                if (id >= m_trace.items.size())
                    return Problem { QStringLiteral("item %1 does not exist").arg(id) };
                return std::nullopt;
            case Codec::TimerRef:
                return readTimer(object, id);
            }
            return std::nullopt;
        }

        // A callback's name: a string, never null. Names repeat (every call_soon of one
        // function), so each is kept once: the same name is the same id, as a handle's object.
        std::optional<Problem> readName(const JsonLine& object, QAnyStringView key, std::uint32_t& id)
        {
            const JsonScalar& value = object.value(key);
            if (!value.isString())
                return missing(key);
            const std::string name(value.utf8());
            const auto known = m_names.find(name);
            id = known != m_names.end() ? known->second
                                        : m_names.emplace(name, m_trace.strings.add(name)).first->second;
            return std::nullopt;
        }

        std::optional<Problem> readSync(const JsonLine& object, std::uint32_t& id)
        {
            if (auto problem = readCount(object, QStringLiteral("sync"), id))
                return problem;
            if (id >= m_trace.syncObjects.size())
                return Problem { QStringLiteral("sync object %1 does not exist").arg(id) };
            return std::nullopt;
        }

        std::optional<Problem> readTimer(
            const JsonLine& object, std::uint32_t& id, QAnyStringView key = QStringLiteral("timer"))
        {
            if (auto problem = readCount(object, key, id))
                return problem;
            if (id >= m_trace.timers.size())
                return Problem { QStringLiteral("timer %1 does not exist").arg(id) };
            return std::nullopt;
        }

        // The event's ids must exist, then what it says must be possible in the loop as rebuilt
        // so far (sim::TraceRules): the checks that keep the state index, the timeline and the
        // panels on solid ground.
        std::optional<Problem> check(const sim::TraceEvent& event)
        {
            const auto& tasks = m_trace.tasks;
            if (event.task != sim::noId && event.task >= tasks.size() && event.kind != EventKind::TaskCreated)
                return Problem { QStringLiteral("task %1 does not exist").arg(event.task) };
            const bool needsTask = event.kind == EventKind::StepStarted || event.kind == EventKind::StepEnded
                || event.kind == EventKind::TaskFinished || event.kind == EventKind::CancelRequested
                || event.kind == EventKind::WaiterAdded || event.kind == EventKind::WaiterRemoved
                || event.kind == EventKind::WaiterWoken || event.kind == EventKind::Blocked
                || event.kind == EventKind::Uncancelled
                || (event.kind == EventKind::HandleQueued
                    && (sim::HandleKind(event.detail) == sim::HandleKind::TaskStep
                        || sim::HandleKind(event.detail) == sim::HandleKind::TaskWakeup));
            if (needsTask && event.task == sim::noId)
                return Problem { QStringLiteral("a %1 event names no task").arg(text(sim::nameOf(event.kind))) };
            switch (event.kind) {
            case EventKind::TaskCreated:
                if (event.task != tasks.size())
                    return Problem { QStringLiteral("task %1 is created out of order").arg(event.task) };
                if (event.a != sim::noId && event.a >= tasks.size())
                    return Problem { QStringLiteral("creator %1 does not exist").arg(event.a) };
                if (event.b == sim::noId)
                    return missing(QStringLiteral("name"));
                if (tasks.size() >= maxTasks)
                    return Problem { QStringLiteral("more tasks than Loopscope's limit") };
                m_trace.tasks.push_back(sim::TaskInfo { event.b, event.a, event.detail != 0 });
                break;
            case EventKind::TimerScheduled:
                if (event.a != m_trace.timers.size())
                    return Problem { QStringLiteral("timer %1 is scheduled out of order").arg(event.a) };
                m_trace.timers.push_back(sim::TimerInfo { event.value, event.task, event.b });
                break;
            case EventKind::SyncCreated:
                if (event.a != m_trace.syncObjects.size())
                    return Problem { QStringLiteral("sync object %1 is created out of order").arg(event.a) };
                if (m_trace.syncObjects.size() >= maxSyncObjects)
                    return Problem { QStringLiteral("more sync objects than Loopscope's limit") };
                m_trace.syncObjects.push_back(sim::SyncInfo { sim::SyncKind(event.detail), event.task, event.b });
                break;
            case EventKind::LockAcquired:
            case EventKind::LockReleased:
                if (m_trace.syncObjects[event.a].kind != sim::SyncKind::Lock)
                    return Problem { QStringLiteral("sync object %1 is not a lock").arg(event.a) };
                break;
            case EventKind::SemaphoreAcquired:
            case EventKind::SemaphoreReleased:
                if (m_trace.syncObjects[event.a].kind != sim::SyncKind::Semaphore)
                    return Problem { QStringLiteral("sync object %1 is not a semaphore").arg(event.a) };
                m_trace.syncObjects[event.a].slotsRecorded = true;
                break;
            case EventKind::ProgramFailed:
                if (event.a == sim::noId)
                    return missing(QStringLiteral("traceback"));
                break;
            case EventKind::QueueCreated:
                if (event.a != m_trace.queueCount)
                    return Problem { QStringLiteral("queue %1 is created out of order").arg(event.a) };
                ++m_trace.queueCount;
                break;
            default:
                break;
            }
            if (auto problem = m_rules.check(event, m_state, m_trace))
                return Problem { QString::fromStdString(*problem) };
            return std::nullopt;
        }

        static constexpr std::uint32_t maxTasks = sim::Limits {}.maxTasks + 16;
        static constexpr std::uint32_t maxFutures = 256u * 1024 * 1024;
        static constexpr std::uint32_t maxSyncObjects = sim::Limits {}.maxTasks + 16; // as many as tasks, at most

        sim::Trace& m_trace;
        sim::LoopState m_state;
        sim::TraceRules m_rules;
        std::unordered_map<std::string, sim::StringId> m_names; // callbacks' names, each once
    };

    std::optional<Problem> readHeader(const QJsonObject& object, TraceFileContents& contents, qint64& eventCount)
    {
        if (object.value(QStringLiteral("format")).toString() != QLatin1String(formatName))
            return Problem { QStringLiteral("not a Loopscope trace (the first line has no \"format\": \"%1\")")
                    .arg(QLatin1String(formatName)) };
        const int version = object.value(QStringLiteral("version")).toInt(-1);
        if (version < oldestFormatVersion || version > formatVersion)
            return Problem { QStringLiteral(
                "format version %1 is not supported (this Loopscope reads versions %2 to %3)")
                                 .arg(object.value(QStringLiteral("version")).toVariant().toString())
                                 .arg(oldestFormatVersion)
                                 .arg(formatVersion) };
        const QJsonObject program = object.value(QStringLiteral("program")).toObject();
        const QString name = program.value(QStringLiteral("name")).toString();
        const bool recorded = program.value(QStringLiteral("recorded")).toBool();
        const sim::Program* known = recorded ? &sim::scriptProgram() : sim::findProgram(name.toStdString());
        if (!known)
            return Problem { QStringLiteral("unknown program \"%1\"").arg(name) };
        sim::RunRequest& request = contents.request;
        if (recorded) {
            sim::Script script;
            script.fileName = program.value(QStringLiteral("file")).toString().toStdString();
            if (script.fileName.empty())
                return Problem { QStringLiteral("the recorded program has no \"file\"") };
            for (const QJsonValue& word : program.value(QStringLiteral("argv")).toArray())
                script.argv.push_back(word.toString().toStdString());
            request = sim::RunRequest::forScript(std::move(script));
        } else {
            request = sim::RunRequest::defaultsFor(*known);
        }
        const auto seed = sim::parseSeed(program.value(QStringLiteral("seed")).toString().toStdString());
        if (const auto* why = std::get_if<std::string>(&seed))
            return Problem { QString::fromStdString(*why) };
        request.seed = std::get<sim::PyInt>(seed);
        const QJsonObject arguments = program.value(QStringLiteral("arguments")).toObject();
        for (std::size_t p = 0; p < known->parameters.size(); ++p) {
            const sim::ProgramParameter& parameter = known->parameters[p];
            const QJsonValue value = arguments.value(text(parameter.key));
            if (!value.isString())
                return Problem { QStringLiteral("the program's argument \"%1\" is missing").arg(text(parameter.key)) };
            const auto values = sim::parseParameter(parameter, value.toString().toStdString(), request.limits);
            if (const auto* why = std::get_if<std::string>(&values))
                return Problem { QString::fromStdString(*why) };
            request.arguments[p] = std::get<std::vector<sim::PyInt>>(values);
        }
        if (auto invalid = request.validate())
            return Problem { QString::fromStdString(invalid->message) };
        contents.listing = program.value(QStringLiteral("listing")).toString().toStdString();

        sim::RunResult& result = contents.result;
        const auto status = byName<sim::RunStatus>(
            object.value(QStringLiteral("status")).toString(), std::size_t(sim::RunStatus::Failed) + 1, statusName);
        const auto limit = byName<sim::Limit>(object.value(QStringLiteral("limit")).toString(),
            std::size_t(sim::Limit::TraceEvents) + 1, limitName);
        if (!status || !limit)
            return Problem { QStringLiteral("the header's \"status\" or \"limit\" is unknown") };
        result.status = *status;
        result.limit = *limit;
        const double events = object.value(QStringLiteral("events")).toDouble(-1);
        const double steps = object.value(QStringLiteral("task_steps")).toDouble(-1);
        const double handles = object.value(QStringLiteral("handles_run")).toDouble(-1);
        const QJsonValue seconds = object.value(QStringLiteral("virtual_seconds"));
        if (!(events >= 0 && events <= double(request.limits.maxTraceEvents)) || !(steps >= 0) || !(handles >= 0)
            || !seconds.isDouble())
            return Problem { QStringLiteral("the header's counts are missing or beyond Loopscope's limits") };
        eventCount = qint64(events);
        result.taskSteps = std::uint64_t(steps);
        result.handlesRun = std::uint64_t(handles);
        result.virtualSeconds = seconds.toDouble();
        if (object.contains(QStringLiteral("order_depends_on_addresses"))) {
            const QJsonObject addressOrder = object.value(QStringLiteral("order_depends_on_addresses")).toObject();
            const QString reason = addressOrder.value(QStringLiteral("reason")).toString();
            const double line = addressOrder.value(QStringLiteral("line")).toDouble(-1);
            if (reason.isEmpty() || reason.size() > 200 || !(line >= 0 && line <= 65535 && line == double(int(line))))
                return Problem { QStringLiteral("the header's \"order_depends_on_addresses\" needs a \"reason\" and a \"line\"") };
            result.addressOrderReason = reason.toStdString();
            result.addressOrderLine = std::uint16_t(line);
        }
        return std::nullopt;
    }

    std::unique_ptr<TraceFileContents> readFrom(QIODevice& device, const QString& name, QString* error, const std::atomic<bool>* cancel)
    {
        auto contents = std::make_unique<TraceFileContents>();
        qint64 lineNumber = 0;
        auto fail = [&](const QString& message) {
            *error = QStringLiteral("%1, line %2: %3").arg(name).arg(lineNumber).arg(message);
            return nullptr;
        };
        // One line, at most `limit` bytes; nothing at the end of the file.
        // One buffer for every line, sized once per limit: QIODevice::readLine(qint64) would
        // reserve (and give back) a buffer of the whole limit for each of millions of lines.
        QByteArray buffer;
        auto nextLine = [&](qint64 limit, QByteArray& line) -> std::optional<QString> {
            ++lineNumber;
            // At most the limit, its newline and one byte more: enough to tell it is too long
            // (readLine also writes a terminating zero).
            if (buffer.size() != limit + 4)
                buffer.resize(limit + 4);
            const qint64 read = device.readLine(buffer.data(), buffer.size());
            line = QByteArray::fromRawData(buffer.constData(), qsizetype(std::max<qint64>(read, 0)));
            if (line.endsWith('\n'))
                line.chop(1);
            if (line.size() > limit)
                return QStringLiteral("the line is longer than %1 bytes").arg(limit);
            return std::nullopt;
        };
        auto parse = [](const QByteArray& line, QJsonObject& object) -> std::optional<QString> {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return QStringLiteral("not JSON (%1 at column %2)").arg(parseError.errorString()).arg(parseError.offset + 1);
            if (!document.isObject())
                return QStringLiteral("not a JSON object");
            object = document.object();
            return std::nullopt;
        };

        QByteArray line;
        QJsonObject object;
        JsonLine event;
        QString notJson;
        if (auto problem = nextLine(maxHeaderBytes, line))
            return fail(*problem);
        if (line.isEmpty())
            return fail(QStringLiteral("the file is empty"));
        if (auto problem = parse(line, object))
            return fail(*problem);
        qint64 eventCount = 0;
        if (auto problem = readHeader(object, *contents, eventCount))
            return fail(problem->message);

        EventReader reader(contents->trace);
        contents->trace.events.reserve(std::size_t(std::min<qint64>(eventCount, 1 << 20)));
        for (qint64 index = 0; index < eventCount; ++index) {
            if (cancel && index % 4096 == 0 && cancel->load(std::memory_order_relaxed))
                return fail(QStringLiteral("reading was cancelled"));
            if (device.atEnd()) {
                ++lineNumber;
                return fail(QStringLiteral("the file ends after %1 of its %2 events (truncated?)").arg(index).arg(eventCount));
            }
            if (auto problem = nextLine(maxEventLineBytes, line))
                return fail(*problem);
            if (!event.parse(std::string_view(line.constData(), std::size_t(line.size())), &notJson))
                return fail(notJson);
            if (auto problem = reader.read(event, std::size_t(index)))
                return fail(problem->message);
        }
        if (!device.atEnd()) {
            ++lineNumber;
            return fail(QStringLiteral("more lines than the %1 events the header announces").arg(eventCount));
        }
        if (contents->trace.tasks.empty() && eventCount > 0)
            return fail(QStringLiteral("the trace creates no task"));
        if (auto problem = reader.finish(contents->result))
            return fail(problem->message);
        // A failed run, and only a failed run, ends with the traceback of what escaped it.
        if ((contents->result.status == sim::RunStatus::Failed) != (contents->trace.failure() != nullptr))
            return fail(contents->trace.failure()
                    ? QStringLiteral("the program failed but the header's \"status\" says otherwise")
                    : QStringLiteral("the header's \"status\" is \"failed\" but no program_failed event ends the run"));
        return contents;
    }
} // namespace

bool writeTraceFile(const QString& path, const sim::RunRequest& request, const sim::RunResult& result,
    const sim::Trace& trace, std::string_view listing, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(header(request, result, trace, listing)).toJson(QJsonDocument::Compact));
    file.write("\n");
    const EventWriter writer(trace);
    JsonLineWriter line;
    std::string lines; // written a few hundred kilobytes at a time
    constexpr std::size_t chunk = 256 * 1024;
    lines.reserve(chunk + 64 * 1024);
    double now = 0;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const sim::TraceEvent& event = trace.events[i];
        if (event.kind == sim::EventKind::IterationStarted)
            now = event.value;
        writer.write(line, i, event, now);
        line.appendTo(lines);
        lines += '\n';
        if (lines.size() >= chunk) {
            file.write(lines.data(), qint64(lines.size()));
            lines.clear();
        }
        // A blocked step moves the clock for the events after it (as LoopState does).
        if (event.kind == sim::EventKind::Blocked)
            now += event.value;
    }
    file.write(lines.data(), qint64(lines.size()));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::unique_ptr<TraceFileContents> readTraceFile(const QString& path, QString* error, const std::atomic<bool>* cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return nullptr;
    }
    return readFrom(file, path, error, cancel);
}

std::unique_ptr<TraceFileContents> readTraceBytes(
    const QByteArray& bytes, const QString& name, QString* error, const std::atomic<bool>* cancel)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readFrom(buffer, name, error, cancel);
}

bool isTraceFileName(const QString& path) { return QFileInfo(path).suffix().compare(QLatin1String("jsonl"), Qt::CaseInsensitive) == 0; }

} // namespace ui
