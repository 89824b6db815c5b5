// SPDX-License-Identifier: MIT
#include "tracefileschema.h"

#include <array>

namespace ui::tracefile {

namespace {
    using sim::EventKind;
    using C = Codec;
    using S = Slot;

    constexpr Field iterationStarted[] { { "iteration", S::A, C::Count } };
    constexpr Field taskCreated[] { { "creator", S::A, C::Id }, { "name", S::B, C::Text }, { "internal", S::Detail, C::Flag } };
    constexpr Field handleQueued[] { { "handle", S::Detail, C::HandleKind }, { "future", S::A, C::HandleObject },
        { "cause", S::Line, C::CauseKind }, { "cause_task", S::B, C::CauseRef } };
    constexpr Field handleRun[] { { "handle", S::Detail, C::HandleKind }, { "future", S::A, C::HandleObject },
        { "skipped", S::B, C::Flag } };
    constexpr Field timerScheduled[] { { "timer", S::A, C::Count }, { "when", S::Value, C::Number },
        { "callback", S::B, C::OptionalText } };
    constexpr Field timerCancelled[] { { "timer", S::A, C::TimerRef }, { "in_heap", S::B, C::Flag } };
    constexpr Field timerRef[] { { "timer", S::A, C::TimerRef } };
    constexpr Field stepStarted[] { { "via", S::Detail, C::HandleKind }, { "cancelled_error", S::B, C::Flag } };
    constexpr Field stepEnded[] { { "waits", S::Detail, C::WaitKind }, { "future", S::A, C::WaitObject },
        { "until", S::Value, C::Number } };
    constexpr Field printed[] { { "output_line", S::A, C::OutputLine } };
    constexpr Field queuePut[] { { "item_id", S::A, C::NewItem }, { "queue_size", S::B, C::Count } };
    constexpr Field queueGet[] { { "item_id", S::A, C::ItemRef }, { "queue_size", S::B, C::Count } };
    constexpr Field waiter[] { { "list", S::Detail, C::WaiterList }, { "future", S::A, C::Future },
        { "queue", S::B, C::WaiterOwner } };
    constexpr Field taskDoneCalled[] { { "queue", S::A, C::Id }, { "unfinished", S::B, C::Count } };
    constexpr Field cancelRequested[] { { "by", S::B, C::Id }, { "by_callback", S::A, C::OptionalText } };
    constexpr Field taskFinished[] { { "outcome", S::Detail, C::WaitKind }, { "error", S::A, C::Text } };
    constexpr Field limitReached[] { { "limit", S::A, C::Limit } };
    constexpr Field queueCreated[] { { "queue", S::A, C::Count }, { "maxsize", S::B, C::Count } };
    constexpr Field blocked[] { { "seconds", S::Value, C::Number } };
    constexpr Field programFailed[] { { "traceback", S::A, C::Text } };
    constexpr Field syncCreated[] { { "sync", S::A, C::Count }, { "sync_kind", S::Detail, C::SyncKind },
        { "value", S::B, C::Count } };
    constexpr Field syncHeld[] { { "sync", S::A, C::SyncRef } }; // a lock, a semaphore's slot
    constexpr Field uncancelled[] { { "by", S::B, C::Id }, { "cancelling", S::A, C::Count } };
}

std::span<const Field> fieldsOf(sim::EventKind kind)
{
    switch (kind) {
    case EventKind::IterationStarted:
        return iterationStarted;
    case EventKind::TaskCreated:
        return taskCreated;
    case EventKind::HandleQueued:
        return handleQueued;
    case EventKind::HandleRun:
        return handleRun;
    case EventKind::TimerScheduled:
        return timerScheduled;
    case EventKind::TimerCancelled:
        return timerCancelled;
    case EventKind::TimerDue:
    case EventKind::TimerPurged:
        return timerRef;
    case EventKind::StepStarted:
        return stepStarted;
    case EventKind::StepEnded:
        return stepEnded;
    case EventKind::Printed:
        return printed;
    case EventKind::QueuePut:
        return queuePut;
    case EventKind::QueueGet:
        return queueGet;
    case EventKind::WaiterAdded:
    case EventKind::WaiterRemoved:
    case EventKind::WaiterWoken:
        return waiter;
    case EventKind::TaskDoneCalled:
        return taskDoneCalled;
    case EventKind::CancelRequested:
        return cancelRequested;
    case EventKind::TaskFinished:
        return taskFinished;
    case EventKind::LimitReached:
        return limitReached;
    case EventKind::QueueCreated:
        return queueCreated;
    case EventKind::Blocked:
        return blocked;
    case EventKind::ProgramFailed:
        return programFailed;
    case EventKind::SyncCreated:
        return syncCreated;
    case EventKind::LockAcquired:
    case EventKind::LockReleased:
    case EventKind::SemaphoreAcquired:
    case EventKind::SemaphoreReleased:
        return syncHeld;
    case EventKind::Uncancelled:
        return uncancelled;
    case EventKind::TimersRebuilt:
    case EventKind::LoopStopped:
    case EventKind::TeardownStarted:
    case EventKind::Deadlock:
        return {};
    }
    return {};
}

bool hasSourceLine(sim::EventKind kind) { return kind != sim::EventKind::HandleQueued; }

} // namespace ui::tracefile
