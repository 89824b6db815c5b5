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
    SyncKind, // sim::SyncKind by name
    Limit, // sim::Limit by name
    OptionalText, // a string of the string table, written only when there is one (version 3)
    // The handle's or the wait's object, by the handle's or the wait's kind, so no field has
    // two meanings: "timer": id for a timer callback or a sleep; "callback": the function's
    // name for a callback; "sync": id for a wait on a lock, semaphore, event or condition;
    // "awaited_task": id for await task; else "future": id with "future_kind".
    HandleObject,
    WaitObject,
    Future, // "future": id, with "future_kind"
    // What queued the handle: "cause_task", "cause_timer" or "cause_callback" (the callback's
    // name), by the cause's kind.
    CauseRef,
    // Whose waiter list: "queue": id, or "sync": id for WaiterList::Sync.
    WaiterOwner,
    SyncRef, // "sync": the id of a lock, semaphore, event or condition that exists
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

// Version 3 added callbacks, waits on asyncio's synchronisation objects and on tasks,
// cancellation by a callback and uncancel (recorded programs only); version 2 files, which
// have none of them, read as they are.
inline constexpr int formatVersion = 3;
inline constexpr int oldestFormatVersion = 2;
inline constexpr const char* formatName = "loopscope-trace";

} // namespace ui::tracefile
