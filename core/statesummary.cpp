// SPDX-License-Identifier: MIT
#include "statesummary.h"

#include "narration.h"

namespace sim {

namespace {
    constexpr std::size_t maxListed = 12; // longer lists end in "… and N more"

    template <typename Items, typename Describe>
    std::string joined(const Items& items, Describe describe)
    {
        std::string text;
        std::size_t count = 0;
        for (const auto& item : items) {
            if (count == maxListed) {
                text += ", … and " + std::to_string(items.size() - maxListed) + " more";
                break;
            }
            if (count++)
                text += ", ";
            text += describe(item);
        }
        return text.empty() ? "none" : text;
    }
}

std::string describeReadyEntry(const ReadyEntry& entry, const Trace& trace)
{
    const std::string who(entry.task == noId ? "?" : trace.taskName(entry.task));
    switch (entry.kind) {
    case HandleKind::TaskStep:
        return entry.cause == CauseKind::Yield ? who + " (after sleep(0))" : who + " (first step)";
    case HandleKind::TaskWakeup:
        return who + " (wakeup)";
    case HandleKind::TimerCallback:
        return "timer of " + who;
    case HandleKind::GatherCallback:
        return "gather callback for " + who;
    case HandleKind::StopLoop:
        return "stop the loop (" + who + " done)";
    }
    return who;
}

std::vector<std::string> summarizeState(const LoopState& state, const Trace& trace, bool hasQueue)
{
    std::vector<std::string> lines;
    lines.push_back("t = " + formatSeconds(state.now) + " s · iteration " + std::to_string(state.iteration));
    if (state.running != noId)
        lines.push_back("Running: " + std::string(trace.taskName(state.running)));
    lines.push_back("Ready (in order): "
        + joined(state.ready, [&](const ReadyEntry& entry) { return describeReadyEntry(entry, trace); }));
    const std::vector<TimerEntry> timers = state.timersByDeadline();
    std::vector<std::string> timerTexts;
    for (std::size_t i = 0; i < timers.size(); ++i) {
        const bool tie = (i > 0 && timers[i - 1].when == timers[i].when)
            || (i + 1 < timers.size() && timers[i + 1].when == timers[i].when);
        timerTexts.push_back("t=" + formatSeconds(timers[i].when) + " " + std::string(trace.taskName(timers[i].owner))
            + (timers[i].cancelled ? " (cancelled)" : "") + (tie ? " (tie)" : ""));
    }
    lines.push_back("Timers by deadline: " + joined(timerTexts, [](const std::string& text) { return text; }));
    if (hasQueue) {
        lines.push_back("Queue: " + std::to_string(state.queueItems.size()) + " item(s) "
            + joined(state.queueItems,
                [&](ItemId item) { return "<" + std::string(trace.strings.at(trace.items[item].label)) + ">"; })
            + " · unfinished: " + std::to_string(state.unfinished));
        lines.push_back("Waiting getters: "
            + joined(state.getters, [&](const WaiterEntry& waiter) { return std::string(trace.taskName(waiter.task)); })
            + " · join waiters: "
            + joined(state.joinWaiters, [&](const WaiterEntry& waiter) { return std::string(trace.taskName(waiter.task)); }));
    }
    return lines;
}

} // namespace sim
