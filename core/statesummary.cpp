// SPDX-License-Identifier: MIT
#include "statesummary.h"

#include "narration.h"
#include "vocabulary.h"

#include <algorithm>

namespace sim {

namespace {
    std::string name(const Trace& trace, TaskId task) { return std::string(task == noId ? "?" : trace.taskName(task)); }

    std::string capitalized(std::string_view text)
    {
        std::string result(text);
        if (!result.empty() && result.front() >= 'a' && result.front() <= 'z')
            result.front() = char(result.front() - 'a' + 'A');
        return result;
    }

    // Why the handle was queued, after the dash of describeReadyEntry.
    std::string whyQueued(const ReadyEntry& entry, const Trace& trace, const LoopState& state)
    {
        const std::string causer = name(trace, entry.causeId);
        switch (entry.cause) {
        case CauseKind::Created:
            return "created by " + (entry.causeId == noId ? std::string("asyncio.run") : causer);
        case CauseKind::Yield:
            return "it yielded with sleep(0)";
        case CauseKind::Timer:
            if (trace.timers[entry.causeId].callback != noId)
                return describeTimer(entry.causeId, trace)
                    + (entry.task < state.tasks.size() && state.tasks[entry.task].cancelRequested
                            ? " cancelled it"
                            : " fell due at " + atTime(trace.timers[entry.causeId].when));
            return "its sleep ended at " + atTime(trace.timers[entry.causeId].when);
        case CauseKind::Callback:
            return describeCallback(entry.causeId, trace, false)
                + (entry.task < state.tasks.size() && state.tasks[entry.task].cancelRequested ? " cancelled it"
                                                                                              : " woke it");
        case CauseKind::Gather:
            return "gather's last child (" + causer + ") finished";
        case CauseKind::TaskFinished:
            return "the task " + causer + " finished";
        case CauseKind::TaskStep: {
            if (entry.task < state.tasks.size() && state.tasks[entry.task].cancelRequested)
                return causer + " cancelled it";
            // What it awaited, by the kind of the future that completed (its state in the
            // deque is already "ready").
            const FutureKind awaited
                = entry.object < trace.futureKinds.size() ? trace.futureKinds[entry.object] : FutureKind::Plain;
            return causer + " " + std::string(words(awaited).completedBy);
        }
        case CauseKind::None:
            break;
        }
        return {};
    }
}

std::string describeCallback(StringId name, const Trace& trace, bool timer)
{
    if (name == noId)
        return "?";
    const std::string_view function = trace.strings.at(name);
    const std::string_view purpose = callbackPurpose(function, timer);
    const std::string call = std::string(function) + "()";
    return purpose.empty() ? call : std::string(purpose) + ", " + call;
}

std::string describeTimer(TimerId timer, const Trace& trace)
{
    const TimerInfo& info = trace.timers[timer];
    if (info.callback == noId)
        return name(trace, info.owner) + "'s sleep";
    return describeCallback(info.callback, trace, true);
}

std::string syncLabel(SyncId sync, const Trace& trace)
{
    if (sync >= trace.syncObjects.size())
        return "?";
    return std::string(words(trace.syncObjects[sync].kind).label) + " #" + std::to_string(sync);
}

std::string describeSync(SyncId sync, const Trace& trace, const LoopState& state)
{
    const std::string text = syncLabel(sync, trace);
    if (sync >= trace.syncObjects.size())
        return text;
    const SyncInfo& info = trace.syncObjects[sync];
    const SyncState* now = sync < state.syncs.size() ? &state.syncs[sync] : nullptr;
    const std::string createdBy = info.creator == noId ? std::string() : "created by " + name(trace, info.creator);
    if (info.kind == SyncKind::Semaphore && info.slotsRecorded && now) {
        // Its value (the free slots), then who holds the slots taken: "1 slot free, 1 taken by
        // download a", "every slot taken by download a and download b".
        std::vector<TaskId> holders; // a task holding several slots is named once
        for (TaskId holder : now->slotHolders)
            if (std::ranges::find(holders, holder) == holders.end())
                holders.push_back(holder);
        const std::string takenBy = holders.empty() ? std::string() : "taken by " + taskNames(trace, holders);
        if (now->freeSlots == 0)
            return text + (holders.empty() ? " (no slot free" : " (every slot " + takenBy)
                + (createdBy.empty() || !holders.empty() ? "" : ", " + createdBy) + ")";
        const std::string free = std::to_string(now->freeSlots) + (now->freeSlots == 1 ? " slot free" : " slots free");
        if (!holders.empty())
            return text + " (" + free + ", " + std::to_string(now->slotHolders.size()) + " " + takenBy + ")";
        return text + " (" + free + (createdBy.empty() ? "" : ", " + createdBy) + ")";
    }
    if (now && now->holder != noId)
        return text + " (held by " + name(trace, now->holder) + ")";
    if (!createdBy.empty())
        return text + " (" + createdBy + ")";
    return text;
}

std::string describeAwaitedTask(TaskId task, const Trace& trace)
{
    if (task >= trace.tasks.size())
        return "a task";
    const TaskId creator = trace.tasks[task].creator;
    return "task " + name(trace, task)
        + (creator == noId ? std::string() : " (created by " + name(trace, creator) + ")");
}

std::string atTime(double seconds) { return "t\u00a0=\u00a0" + formatSeconds(seconds); }

std::string describeClock(double stepTime, double now)
{
    if (now > stepTime)
        return "t = " + formatSeconds(stepTime) + " s → " + formatSeconds(now) + " s";
    return "t = " + formatSeconds(now) + " s";
}

std::string describeClockMove(double stepTime)
{
    return "Then the clock moved on from t = " + formatSeconds(stepTime)
        + " s: nothing was ready, so the loop slept until the next timer.";
}

std::string describeReadyEntry(const ReadyEntry& entry, const Trace& trace, const LoopState& state)
{
    const std::string who = name(trace, entry.task);
    const std::string label(words(entry.kind).label);
    const std::string why = whyQueued(entry, trace, state);
    std::string what;
    switch (entry.kind) {
    case HandleKind::TaskStep:
        what = who + ": " + (entry.cause == CauseKind::Created ? "first " : "next ") + label;
        break;
    case HandleKind::TaskWakeup:
        what = who + ": " + label;
        break;
    case HandleKind::TimerCallback:
        return label + " of " + describeTimer(entry.object, trace) + " — fell due at "
            + atTime(trace.timers[entry.object].when);
    case HandleKind::Callback:
        // asyncio's own callbacks say what they are ("wait_for's done callback, ...").
        what = describeCallback(entry.object, trace, false);
        if (entry.object != noId && callbackPurpose(trace.strings.at(entry.object), false).empty())
            what = label + " " + what;
        if (entry.cause == CauseKind::TaskFinished)
            return what + " — " + name(trace, entry.causeId) + " finished";
        if (entry.cause == CauseKind::TaskStep)
            return what + " — queued by " + name(trace, entry.causeId);
        return what;
    case HandleKind::GatherCallback:
        return label + " — " + who + " finished";
    case HandleKind::StopLoop:
        return label + " — " + (entry.task == noId ? std::string("the awaited future") : who) + " is done";
    }
    return why.empty() ? what : what + " — " + why;
}

std::string describeListingPlace(std::string_view fileName, std::size_t position, std::string_view task, int line)
{
    const std::string file(fileName);
    if (position == 0)
        return file + ": nothing has run yet";
    if (line > 0)
        return file + ": " + std::string(task) + " is at line " + std::to_string(line);
    if (!task.empty())
        return file + ": " + std::string(task) + " is asyncio's own code, not in this file";
    return file;
}

std::string describeStep(const StepInfo& step, const Trace& trace)
{
    const std::string who = name(trace, step.task);
    switch (step.kind) {
    case HandleKind::TaskStep:
    case HandleKind::TaskWakeup:
        return who + " ran one step";
    case HandleKind::TimerCallback:
        return "the timer of " + describeTimer(trace.events[step.event].a, trace) + " fired";
    case HandleKind::Callback:
        return "the callback " + describeCallback(trace.events[step.event].a, trace, false) + " ran";
    case HandleKind::GatherCallback:
        return "gather's callback for " + who + " ran";
    case HandleKind::StopLoop:
        return "the loop was stopped";
    }
    return who;
}

std::vector<StateSection> summarizeState(
    const LoopState& state, const Trace& trace, bool hasQueue, std::size_t maxListed)
{
    std::vector<StateSection> sections;
    // Adds a section listing `items` (at most maxListed of them, then "… and N more").
    auto listed = [&](std::string heading, const auto& items, auto describe, std::string_view none) {
        StateSection section { std::move(heading), {} };
        for (const auto& item : items) {
            if (section.lines.size() == maxListed) {
                section.lines.push_back("… and " + std::to_string(items.size() - maxListed) + " more");
                break;
            }
            section.lines.push_back(describe(item));
        }
        if (section.lines.empty() && !none.empty())
            section.lines.emplace_back(none);
        sections.push_back(std::move(section));
    };

    std::size_t position = 0;
    listed(
        "Ready queue (" + std::to_string(state.ready.size()) + "), next first", state.ready,
        [&](const ReadyEntry& entry) {
            return std::to_string(++position) + ". " + describeReadyEntry(entry, trace, state);
        },
        "empty");
    const std::vector<TimerEntry> timers = state.timersByDeadline();
    std::size_t index = 0;
    listed(
        "Timers by deadline (" + std::to_string(timers.size()) + ")", timers,
        [&](const TimerEntry& timer) {
            // Equal deadlines: asyncio leaves the order undefined; CPython's heap decides it.
            const std::size_t i = index++;
            const bool tied = (i > 0 && timers[i - 1].when == timer.when)
                || (i + 1 < timers.size() && timers[i + 1].when == timer.when);
            return atTime(timer.when) + ": " + describeTimer(timer.id, trace) + (timer.cancelled ? " (cancelled)" : "")
                + (tied ? " = tie" : "");
        },
        "none pending");
    for (SyncId sync = 0; sync < state.syncs.size() && sync < trace.syncObjects.size(); ++sync) {
        std::string names;
        for (const WaiterEntry& waiter : state.syncs[sync].waiters)
            names += (names.empty() ? "" : ", ") + name(trace, waiter.task) + (waiter.woken ? " (woken)" : "");
        sections.push_back({ capitalized(describeSync(sync, trace, state)),
            { "waiting: " + (names.empty() ? std::string("nobody") : names) } });
    }
    if (!hasQueue)
        return sections;
    listed(
        "Queue: " + std::to_string(state.queueItems.size()) + " items, " + std::to_string(state.unfinished)
            + " unfinished",
        state.queueItems,
        [&](ItemId item) {
            return "<" + std::string(trace.strings.at(trace.items[item].label)) + "> put at "
                + atTime(trace.items[item].enqueuedAt);
        },
        "");
    // A waiter list is a line of names, as the Event loop panel shows it.
    auto waiters = [&](WaiterList list, const ListedWaiters& entries) {
        std::string names;
        std::size_t count = 0;
        for (const WaiterEntry& waiter : entries) {
            if (count++ == maxListed) {
                names += ", … and " + std::to_string(entries.size() - maxListed) + " more";
                break;
            }
            names += (names.empty() ? "" : ", ") + name(trace, waiter.task) + (waiter.woken ? " (woken)" : "");
        }
        sections.push_back({ capitalized(words(list).label) + " (" + std::to_string(entries.size()) + ")",
            { names.empty() ? std::string("nobody") : names } });
    };
    waiters(WaiterList::Getters, state.getters);
    if (!state.putters.empty())
        waiters(WaiterList::Putters, state.putters);
    waiters(WaiterList::Join, state.joinWaiters);
    return sections;
}

} // namespace sim
