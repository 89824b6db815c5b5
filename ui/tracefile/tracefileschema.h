// SPDX-License-Identifier: MIT
#pragma once

#include "trace.h"

#include <span>

namespace ui::tracefile {

// Which member of sim::TraceEvent a field of the file holds.
enum class Slot : std::uint8_t { A, B, Detail, Line, Value };

// How a member is written and read back.
enum class Codec : std::uint8_t {
    Count, // a number
    Id, // an id, or null for none (sim::noId)
    Flag, // true / false for 1 / 0
    Number, // a double (the shortest text that reads back to the same value)
    Text, // a string of the trace's string table, written as its text (null for none)
    HandleKind, // sim::HandleKind by name ("task_wakeup")
    CauseKind, // sim::CauseKind by name
    WaitKind, // sim::WaitKind by name
    WaiterList, // sim::WaiterList by name
    Limit, // sim::Limit by name
    // The handle's or the wait's object: "timer": id for a timer callback or a sleep, else
    // "future": id with "future_kind", so no field has two meanings.
    HandleObject,
    WaitObject,
    Future, // "future": id, with "future_kind"
    // What queued the handle: "cause_task" or "cause_timer", by the cause's kind.
    CauseRef,
    OutputLine, // "output_line": index, with "text": the printed line
    NewItem, // "item_id", with "item" (its label), "enqueued_at" and "queue"
    ItemRef, // "item_id", with "item" (its label, for people; not read back)
    TimerRef, // "timer": id, with "when" (its deadline, for people; not read back)
};

struct Field {
    const char* name; // the JSON key (for the codecs that write several keys, the main one)
    Slot slot;
    Codec codec;
};

// The fields of an event kind besides those every event has ("i", "kind", "t", "task",
// "task_name", "line"). The writer and the reader both walk this table, so the file
// format is described in one place (the README's "Trace files" section documents it).
std::span<const Field> fieldsOf(sim::EventKind kind);

// Whether the kind's `line` member is a source line (false where the table gives it
// another meaning, e.g. HandleQueued's cause).
bool hasSourceLine(sim::EventKind kind);

inline constexpr int formatVersion = 2;
inline constexpr const char* formatName = "loopscope-trace";

} // namespace ui::tracefile
