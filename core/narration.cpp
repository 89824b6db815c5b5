// SPDX-License-Identifier: MIT
#include "narration.h"

#include "statesummary.h"
#include "vocabulary.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace sim {

namespace {
    std::string name(const Trace& trace, TaskId task) { return std::string(task == noId ? "?" : trace.taskName(task)); }

    // "the callback report()", "wait_for's done callback, _release_waiter()".
    std::string theCallback(const Trace& trace, StringId name)
    {
        const bool asyncios = name != noId && !callbackPurpose(trace.strings.at(name), false).empty();
        return (asyncios ? "" : "the callback ") + describeCallback(name, trace, false);
    }

    std::string counted(std::size_t count, const char* singular, const char* plural)
    {
        return std::to_string(count) + " " + (count == 1 ? singular : plural);
    }

    // "a", "a and b", "a, b and c".
    std::string joined(const std::vector<std::string>& parts)
    {
        std::string text;
        for (std::size_t i = 0; i < parts.size(); ++i)
            text += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
        return text;
    }

    // "Consumer 0, Consumer 1, Consumer 2 and 7 more": the first few of `total` tasks.
    constexpr std::size_t namedAtMost = 3;
    std::string someNames(const std::vector<std::string>& names, std::size_t total)
    {
        if (total <= namedAtMost)
            return joined(names);
        std::string text;
        for (std::size_t i = 0; i < names.size() && i < namedAtMost; ++i)
            text += (i ? ", " : "") + names[i];
        return text + " and " + std::to_string(total - namedAtMost) + " more";
    }

}

std::string taskNames(const Trace& trace, const std::vector<TaskId>& tasks)
{
    std::vector<std::string> names;
    for (std::size_t i = 0; i < tasks.size() && i < namedAtMost; ++i)
        names.push_back(name(trace, tasks[i]));
    return someNames(names, tasks.size());
}

namespace {

    // What the woken task was waiting for, from its state just before the step and the kind
    // of the future that completed; `after` is the state after the step (a woken getter may
    // find the queue empty again).
    std::string wokenFrom(const Trace& trace, const LoopState& before, const ReadyEntry& entry, const LoopState& after)
    {
        const std::string who = name(trace, entry.task);
        const TaskStatus& status = before.tasks[entry.task];
        const std::string causer = name(trace, entry.causeId);
        const FutureKind awaited = entry.object < trace.futureKinds.size() ? trace.futureKinds[entry.object] : FutureKind::Plain;
        // A callback woke it: a timer's that is no sleep's (asyncio.timeout, wait_for), or a plain one.
        const bool byTimerCallback = entry.cause == CauseKind::Timer && trace.timers[entry.causeId].callback != noId;
        if (byTimerCallback || entry.cause == CauseKind::Callback) {
            const std::string callback = byTimerCallback
                ? describeTimer(entry.causeId, trace) + ", due at t=" + formatSeconds(trace.timers[entry.causeId].when)
                : theCallback(trace, entry.causeId);
            if (status.cancelRequested)
                return who + " resumes with CancelledError: " + callback + ", cancelled it.";
            return who + " wakes: " + callback + ", completed the future it awaited.";
        }
        if (status.cancelRequested && awaited != FutureKind::Sleep && entry.cause == CauseKind::TaskStep
            && awaited != FutureKind::EventWaiter)
            return who + " resumes with CancelledError: " + causer + " cancelled it, which cancelled the future it awaited.";
        switch (entry.cause) {
        case CauseKind::Timer:
            return who + "'s sleep ended at t=" + formatSeconds(trace.timers[entry.causeId].when)
                + " and its wakeup was first in the ready queue.";
        case CauseKind::Gather:
            return who + " resumes: gather's last child (" + causer
                + ") has finished, so the gathered future is done.";
        case CauseKind::TaskStep:
            if (status.cancelRequested)
                return who + " resumes with CancelledError: " + causer + " cancelled it.";
            switch (awaited) {
            case FutureKind::QueueGetter:
                if (after.tasks[entry.task].state == TaskState::WaitingGet)
                    return who + " wakes: " + causer + " put an item in the queue, which woke " + who
                        + ", the first waiting getter. But the item was not reserved for it: another consumer took it "
                          "first, so the queue is empty again and "
                        + who + " waits again, now at the back of the getters.";
                return who + " wakes: " + causer + " put an item in the queue, which woke " + who
                    + ", the first waiting getter; the queue is not empty, so " + who + " takes the item at its head.";
            case FutureKind::QueuePutter:
                return who + " wakes: " + causer + " " + std::string(words(awaited).completedBy)
                    + ", so it has room again.";
            case FutureKind::EventWaiter:
                return who + " resumes: " + causer + " " + std::string(words(awaited).completedBy)
                    + ", so queue.join() returns.";
            case FutureKind::SyncWaiter:
                if (status.waitObject < trace.syncObjects.size()) {
                    const SyncKind kind = trace.syncObjects[status.waitObject].kind;
                    return who + " wakes: " + causer + " " + std::string(words(kind).wokenBy) + " "
                        + syncLabel(status.waitObject, trace) + ".";
                }
                return who + " wakes: " + causer + " " + std::string(words(awaited).completedBy) + ".";
            default:
                return who + " wakes: " + causer + " " + std::string(words(awaited).completedBy) + ".";
            }
        case CauseKind::TaskFinished:
            return who + " wakes: the task " + causer + " it awaited has finished.";
        case CauseKind::Created:
        case CauseKind::Yield:
        case CauseKind::None:
        case CauseKind::Callback: // told above
            break;
        }
        return who + " wakes.";
    }

    // A timer that calls a function (call_later, asyncio.timeout, wait_for), not a sleep's.
    std::string whyTimerCallback(const Trace& trace, const TimerInfo& timer, bool skipped)
    {
        const std::string function = std::string(trace.strings.at(timer.callback)) + "()";
        const std::string_view purpose = callbackPurpose(trace.strings.at(timer.callback), true);
        const std::string when = "t=" + formatSeconds(timer.when);
        if (skipped)
            return "The timer of " + describeCallback(timer.callback, trace, true) + " fell due at " + when
                + " but was cancelled, so the loop skips it.";
        if (!purpose.empty())
            return "At " + when + ", " + std::string(purpose) + " fell due: the loop runs its callback " + function
                + ".";
        return "The loop runs the callback " + function + " that "
            + (timer.owner == noId ? std::string("the program") : name(trace, timer.owner))
            + " scheduled with call_later for " + when + ".";
    }

    // A plain callback: call_soon(f), or a done callback other than gather's.
    std::string whyCallback(const Trace& trace, const ReadyEntry& entry)
    {
        const std::string_view function = entry.object == noId ? std::string_view("?") : trace.strings.at(entry.object);
        const std::string_view purpose = callbackPurpose(function, false);
        std::string text = "The loop runs "
            + (purpose.empty() ? "the callback " + std::string(function) + "()"
                               : std::string(purpose) + ", " + std::string(function) + "()");
        if (entry.cause == CauseKind::TaskFinished && entry.causeId != noId)
            return text + ", queued when " + name(trace, entry.causeId) + " finished.";
        if (entry.cause == CauseKind::TaskStep && entry.causeId != noId)
            return text
                + (purpose.empty() ? " that " + name(trace, entry.causeId) + " queued with call_soon."
                                   : ", queued by " + name(trace, entry.causeId) + ".");
        return text + ".";
    }

    // Why step `step` happened (the first sentence of narrateStep).
    std::string whyStep(const StateIndex& index, std::size_t step, const LoopState& before, const LoopState& after)
    {
        const Trace& trace = index.trace();
        const ReadyEntry& entry = before.ready.front();
        const TraceEvent& run = trace.events[index.stepBeginEvent(step)];
        const bool skipped = run.b == 1;
        const std::string who = name(trace, entry.task);

        switch (entry.kind) {
        case HandleKind::TaskStep:
            if (entry.cause == CauseKind::Created) {
                const std::string creator = entry.causeId == noId ? "asyncio.run" : name(trace, entry.causeId);
                const TaskStatus& status = before.tasks[entry.task];
                if (status.cancelRequested)
                    return who
                        + "'s first step raises CancelledError at once: it was cancelled before it ever ran, so none "
                          "of its code runs.";
                return who + " takes its first step: " + creator
                    + " created it, which queued this step at the back of the ready queue.";
            }
            if (entry.cause == CauseKind::Yield)
                return who
                    + " continues after asyncio.sleep(0): that bare yield sent it to the back of the ready queue.";
            return who + " steps.";
        case HandleKind::TaskWakeup:
            return wokenFrom(trace, before, entry, after);
        case HandleKind::TimerCallback: {
            const TimerInfo& timer = trace.timers[entry.object];
            std::string text = timer.callback != noId
                ? whyTimerCallback(trace, timer, skipped)
                : "The timer of " + who + "'s sleep fell due at t=" + formatSeconds(timer.when)
                    + (skipped ? " but was cancelled, so the loop skips it."
                               : "; its callback marks the sleep done and queues " + who
                                + "'s wakeup for the next iteration.");
            // Timers due at the same instant: say that the heap chose the order.
            std::size_t tied = 0;
            for (std::size_t s = step; s-- > 0 && index.steps()[s].kind == HandleKind::TimerCallback
                 && index.steps()[s].iteration == index.steps()[step].iteration;)
                ++tied;
            for (std::size_t s = step + 1; s < index.stepCount() && index.steps()[s].kind == HandleKind::TimerCallback
                 && index.steps()[s].iteration == index.steps()[step].iteration;
                 ++s)
                ++tied;
            if (tied > 0)
                text += " " + std::to_string(tied + 1)
                    + " timers fell due at this instant: asyncio leaves their order undefined; CPython's heap decides "
                      "it.";
            return text;
        }
        case HandleKind::GatherCallback:
            return "gather's done-callback for " + who + " runs: it counts the finished child"
                + std::string(" (the parent wakes one iteration after the last one).");
        case HandleKind::Callback:
            return whyCallback(trace, entry);
        case HandleKind::StopLoop:
            if (entry.task == noId)
                return "The awaited future is done: run_until_complete's callback stops the loop.";
            return who + " is done: run_until_complete's callback stops the loop"
                + std::string(trace.tasks[entry.task].internal ? " (asyncio.run's teardown)." : ".");
        }
        return "?";
    }

    // What one step did, gathered from its events.
    struct Deeds {
        std::vector<TaskId> created, cancelled, woken;
        std::vector<TaskId> wokeUp; // wake-ups queued (what a callback did)
        std::vector<std::string> syncDeeds; // "acquired lock #0", "released lock #0", "woke bob (lock #0)"
        TaskId syncWoken = noId; // the waiter the last of syncDeeds woke, if that is what it did
        std::vector<const TraceEvent*> uncancels;
        std::vector<ItemId> put, taken;
        std::size_t printed = 0; // by the task that ran
        std::size_t printedOutside = 0; // by the script after asyncio.run returned
        std::size_t tasksDone = 0; // queue.task_done() calls
        StringId failure = noId; // the exception that escaped, when the task failed
        std::vector<const TraceEvent*> blocks; // blocking calls (time.sleep) inside the step
        double blockedSeconds = 0; // their total: the clock ran on that much during the step
    };

    // "released a slot of semaphore #0", from SemaphoreReleased event `e`; a release by a task
    // holding no slot gives back another's (see releasedSlot), which the sentence says.
    std::string releaseDeed(const StateIndex& index, std::size_t e, TaskId releaser)
    {
        const Trace& trace = index.trace();
        const SyncId sync = trace.events[e].a;
        std::string text = "released a slot of " + syncLabel(sync, trace);
        const LoopState before = index.stateAfterEvents(e);
        if (sync >= before.syncs.size())
            return text;
        const SyncState& semaphore = before.syncs[sync];
        const auto slot = releasedSlot(semaphore, releaser);
        if (slot && semaphore.slotHolders[*slot] != releaser)
            text += " that " + name(trace, semaphore.slotHolders[*slot])
                + " held (it held none itself: any task may release a semaphore)";
        return text;
    }

    Deeds deedsOf(const StateIndex& index, std::size_t step, TaskId task)
    {
        const Trace& trace = index.trace();
        Deeds deeds;
        for (std::size_t e = index.stepBeginEvent(step); e < index.stepEndEvent(step); ++e) {
            const TraceEvent& event = trace.events[e];
            switch (event.kind) {
            case EventKind::Printed:
                ++(event.task == noId ? deeds.printedOutside : deeds.printed);
                break;
            case EventKind::TaskCreated:
                if (event.a == task && task != noId)
                    deeds.created.push_back(event.task);
                break;
            case EventKind::CancelRequested:
                if ((event.b == task && task != noId) || (task == noId && event.a != noId))
                    deeds.cancelled.push_back(event.task);
                break;
            case EventKind::Uncancelled:
                deeds.uncancels.push_back(&event);
                break;
            case EventKind::HandleQueued:
                if (HandleKind(event.detail) == HandleKind::TaskWakeup && event.task != noId)
                    deeds.wokeUp.push_back(event.task);
                break;
            case EventKind::LockAcquired:
                deeds.syncDeeds.push_back("acquired " + syncLabel(event.a, trace));
                break;
            case EventKind::LockReleased:
                deeds.syncDeeds.push_back("released " + syncLabel(event.a, trace));
                break;
            case EventKind::SemaphoreAcquired:
                // A release hands its slot to the waiter it wakes: told as one deed.
                if (event.task == task)
                    deeds.syncDeeds.push_back("took a slot of " + syncLabel(event.a, trace));
                else if (event.task == deeds.syncWoken)
                    deeds.syncDeeds.back() = "handed the slot to " + name(trace, event.task) + ", who was waiting on "
                        + syncLabel(event.a, trace);
                else
                    deeds.syncDeeds.push_back(
                        "handed a slot of " + syncLabel(event.a, trace) + " to " + name(trace, event.task));
                deeds.syncWoken = noId;
                break;
            case EventKind::SemaphoreReleased:
                deeds.syncDeeds.push_back(releaseDeed(index, e, task));
                break;
            case EventKind::QueuePut:
                deeds.put.push_back(event.a);
                break;
            case EventKind::QueueGet:
                deeds.taken.push_back(event.a);
                break;
            case EventKind::WaiterWoken:
                if (WaiterList(event.detail) == WaiterList::Getters)
                    deeds.woken.push_back(event.task);
                else if (WaiterList(event.detail) == WaiterList::Sync) {
                    deeds.syncDeeds.push_back(
                        "woke " + name(trace, event.task) + ", waiting on " + syncLabel(event.b, trace));
                    deeds.syncWoken = event.task;
                }
                break;
            case EventKind::TaskDoneCalled:
                ++deeds.tasksDone;
                break;
            case EventKind::TaskFinished:
                if (event.task == task && WaitKind(event.detail) == WaitKind::Failed)
                    deeds.failure = event.a;
                break;
            case EventKind::Blocked:
                deeds.blocks.push_back(&event);
                deeds.blockedSeconds += event.value;
                break;
            default:
                break;
            }
        }
        return deeds;
    }

    std::string items(const Trace& trace, const std::vector<ItemId>& ids)
    {
        std::vector<std::string> labels;
        for (ItemId id : ids)
            labels.push_back("<" + std::string(trace.strings.at(trace.items[id].label)) + ">");
        return joined(labels);
    }

    // A line of the program as a sentence quotes it: without its indentation and its
    // trailing comment, and cut short when long.
    std::string quoted(std::string_view source)
    {
        constexpr std::size_t longest = 50;
        std::size_t end = source.size();
        char quote = 0;
        for (std::size_t i = 0; i < source.size(); ++i) {
            const char c = source[i];
            if (quote)
                quote = c == quote ? 0 : quote;
            else if (c == '"' || c == '\'')
                quote = c;
            else if (c == '#') {
                end = i;
                break;
            }
        }
        const auto first = source.find_first_not_of(" \t");
        if (end == 0 || first == std::string::npos || first >= end)
            return {};
        const auto last = source.find_last_not_of(" \t\r\n", end - 1);
        std::string text(source.substr(first, last - first + 1));
        if (text.size() > longest)
            text = text.substr(0, longest - 1) + "…";
        return text;
    }

    // " at line 19, `await asyncio.sleep(i)`" (`preposition` "at"), or " at line 19" when the
    // listing does not have it, or nothing for a task outside the program (asyncio.run's own).
    std::string atLine(std::string_view preposition, std::uint16_t line, std::string_view listing)
    {
        if (line == 0)
            return {};
        std::string text = " " + std::string(preposition) + " line " + std::to_string(line);
        if (const std::string code = quoted(listingLine(listing, line)); !code.empty())
            text += ", `" + code + "`";
        return text;
    }

    // "called uncancel() on itself (no cancellation request left)", from an Uncancelled event.
    std::string uncancelled(const Trace& trace, const TraceEvent& event, TaskId caller)
    {
        const std::string target = event.task == caller ? "itself" : name(trace, event.task);
        return "called uncancel() on " + target + " ("
            + (event.a == 0 ? std::string("no cancellation request left")
                            : counted(event.a, "cancellation request", "cancellation requests") + " left")
            + ")";
    }

    // The object a waiting task waits on, after its state's stepEnding ("lock #0 (held by
    // alice)", "task worker (created by main)"); empty for the other states.
    std::string waitedObject(const Trace& trace, const TaskStatus& status, const LoopState& state)
    {
        switch (status.state) {
        case TaskState::WaitingLock:
        case TaskState::WaitingSemaphore:
        case TaskState::WaitingEvent:
        case TaskState::WaitingCondition:
            return describeSync(status.waitObject, trace, state);
        case TaskState::AwaitingTask:
            return describeAwaitedTask(status.waitObject, trace);
        default:
            return {};
        }
    }

    // What a callback's step did: " It cancels worker and wakes main." (nothing when it did
    // none of that).
    std::string whatCallbackDid(const Trace& trace, const Deeds& deeds)
    {
        std::vector<std::string> done;
        if (!deeds.cancelled.empty())
            done.push_back("cancels " + taskNames(trace, deeds.cancelled));
        // A task it cancelled wakes for that: it is told once, as cancelled.
        std::vector<TaskId> woken;
        std::ranges::copy_if(deeds.wokeUp, std::back_inserter(woken),
            [&](TaskId task) { return std::ranges::find(deeds.cancelled, task) == deeds.cancelled.end(); });
        if (!woken.empty())
            done.push_back("wakes " + taskNames(trace, woken));
        if (deeds.printed + deeds.printedOutside > 0)
            done.push_back("prints " + counted(deeds.printed + deeds.printedOutside, "line", "lines"));
        return done.empty() ? std::string() : " It " + joined(done) + ".";
    }

    // What a task's step did (the second sentence of narrateStep): its deeds, then where it
    // gave control back to the loop and what it awaits there, or how it finished.
    std::string whatTaskDid(const StateIndex& index, std::size_t step, TaskId task, const Deeds& deeds,
        const LoopState& after, std::string_view listing)
    {
        const Trace& trace = index.trace();
        std::vector<std::string> done;
        if (!deeds.created.empty())
            done.push_back("created " + taskNames(trace, deeds.created));
        if (!deeds.taken.empty())
            done.push_back("took " + items(trace, deeds.taken) + " from the queue");
        if (!deeds.put.empty())
            done.push_back("put " + items(trace, deeds.put) + " in the queue"
                + (deeds.woken.empty() ? "" : " (which woke " + taskNames(trace, deeds.woken) + ")"));
        if (deeds.printed > 0)
            done.push_back("printed " + counted(deeds.printed, "line", "lines"));
        if (deeds.tasksDone == 1)
            done.push_back("called task_done()");
        else if (deeds.tasksDone > 1)
            done.push_back("called task_done() " + std::to_string(deeds.tasksDone) + " times");
        if (!deeds.cancelled.empty())
            done.push_back("cancelled " + taskNames(trace, deeds.cancelled));
        done.insert(done.end(), deeds.syncDeeds.begin(), deeds.syncDeeds.end());
        for (const TraceEvent* uncancel : deeds.uncancels)
            done.push_back(uncancelled(trace, *uncancel, task));

        const TaskStatus& status = after.tasks[task];
        // A task stops at the line it awaits (or raises) at, quoted: that is where it resumes
        // or ends. It returns after the last line it ran, which is only named: that line did
        // its work before the return and quoting it says nothing about returning.
        const bool returned = status.state == TaskState::Done;
        const StateWords& ended = words(status.state);
        std::string ending = std::string(ended.stepVerb)
            + atLine(returned ? "after" : "at", status.line, returned ? std::string_view() : listing) + ": "
            + std::string(ended.stepEnding);
        if (status.state == TaskState::Sleeping)
            ending += " " + formatSeconds(status.wakeAt - (index.steps()[step].time + deeds.blockedSeconds))
                + " s, until t=" + formatSeconds(status.wakeAt);
        else if (status.state == TaskState::WaitingJoin)
            ending += " (" + std::to_string(after.unfinished) + " unfinished)";
        else if (const std::string object = waitedObject(trace, status, after); !object.empty())
            ending += " " + object;
        else if (status.state == TaskState::Failed && deeds.failure != noId)
            ending += " (" + std::string(trace.strings.at(deeds.failure)) + ")";
        return name(trace, task) + " " + (done.empty() ? ending : joined(done) + ", then " + ending) + ".";
    }

    // " chain 1 blocked the whole loop for 2 s at line 12, `time.sleep(2)`: no other task
    // could run meanwhile.", once per blocking call of the step.
    std::string whatBlocked(const Trace& trace, TaskId task, const Deeds& deeds, std::string_view listing)
    {
        const StateWords& blocking = blockingWords();
        std::string text;
        for (const TraceEvent* block : deeds.blocks)
            text += " " + name(trace, task) + " " + std::string(blocking.stepVerb) + " for "
                + formatSeconds(block->value) + " s" + atLine("at", block->line, listing) + ": "
                + std::string(blocking.stepEnding) + ".";
        return text;
    }

    // " main waits in queue.join() for 11 unfinished items." and the like, for a deadlock.
    std::string whoWaitsForever(const Trace& trace, const LoopState& end)
    {
        std::string text;
        for (auto state = TaskState {}; state <= TaskState::Failed; state = TaskState(std::size_t(state) + 1)) {
            if (!isWaiting(state))
                continue;
            std::vector<std::string> names;
            std::size_t count = 0;
            for (TaskId task = 0; task < end.tasks.size(); ++task) {
                if (end.tasks[task].state == state && ++count <= namedAtMost)
                    names.push_back(name(trace, task));
            }
            if (count == 0)
                continue;
            text += " " + someNames(names, count) + (count == 1 ? " waits in " : " wait in ")
                + std::string(words(state).awaited);
            if (state == TaskState::WaitingJoin)
                text += " for " + counted(end.unfinished, "unfinished item", "unfinished items");
            text += ".";
        }
        return text;
    }
}

std::string_view listingLine(std::string_view listing, std::size_t number)
{
    for (std::size_t line = 1, start = 0; start < listing.size(); ++line) {
        const std::size_t end = std::min(listing.find('\n', start), listing.size());
        if (line == number) {
            std::string_view text = listing.substr(start, end - start);
            if (text.ends_with('\r'))
                text.remove_suffix(1);
            return text;
        }
        start = end + 1;
    }
    return {};
}

std::size_t listingLineCount(std::string_view listing)
{
    return std::size_t(std::count(listing.begin(), listing.end(), '\n'))
        + (listing.empty() || listing.ends_with('\n') ? 0 : 1);
}

std::string formatSeconds(double seconds)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", seconds);
    return buffer;
}

std::string narrateStep(const StateIndex& index, std::size_t step, const LoopState& before, const LoopState& after,
    std::string_view listing)
{
    if (step >= index.stepCount())
        return narrateEnd(index, after);
    if (before.ready.empty())
        return "?";
    const ReadyEntry& entry = before.ready.front();
    std::string text = whyStep(index, step, before, after);
    const bool taskRan = (entry.kind == HandleKind::TaskStep || entry.kind == HandleKind::TaskWakeup)
        && entry.task < after.tasks.size();
    const Deeds deeds = deedsOf(index, step, taskRan ? entry.task : noId);
    if (taskRan)
        text += " " + whatTaskDid(index, step, entry.task, deeds, after, listing)
            + whatBlocked(index.trace(), entry.task, deeds, listing);
    // A callback's lines are its own (it runs outside any task); after the loop's last step,
    // the script's own lines after asyncio.run returned.
    const bool callbackRan = entry.kind == HandleKind::Callback
        || (entry.kind == HandleKind::TimerCallback && index.trace().timers[entry.object].callback != noId);
    if (callbackRan)
        text += whatCallbackDid(index.trace(), deeds);
    else if (deeds.printedOutside > 0)
        text += " asyncio.run returns, and the program prints " + counted(deeds.printedOutside, "line", "lines")
            + " after it.";
    return text;
}

std::string narrateStep(const StateIndex& index, std::size_t step, std::string_view listing)
{
    if (step >= index.stepCount())
        return narrateEnd(index);
    return narrateStep(index, step, index.stateAt(step), index.stateAt(step + 1), listing);
}

std::string narrateStart()
{
    return "Nothing has run yet. asyncio.run has created the main task and queued its first step: the ready queue "
           "holds one handle, and the loop will run it first.";
}

std::string narrateEnd(const StateIndex& index, const LoopState& end)
{
    if (end.deadlock)
        return "Deadlock at t=" + formatSeconds(end.now)
            + ": every task is waiting and no timer is pending, so Python would block here forever."
            + whoWaitsForever(index.trace(), end);
    if (end.failed) {
        const Trace& trace = index.trace();
        const TraceEvent* failure = trace.failure();
        std::string text = "The program failed at t=" + formatSeconds(end.now) + ": "
            + std::string(trace.errorMessage()) + " escaped it";
        if (failure && failure->line != 0)
            text += ", raised at line " + std::to_string(failure->line);
        return text + ". Python printed the traceback and stopped.";
    }
    if (end.limitReached)
        return "The run was stopped at t=" + formatSeconds(end.now) + ": it exceeded Loopscope's limits.";
    return "The run completed at t=" + formatSeconds(end.now) + " after " + std::to_string(index.stepCount())
        + " scheduler steps.";
}

std::string narrateEnd(const StateIndex& index) { return narrateEnd(index, index.stateAt(index.stepCount())); }

} // namespace sim
