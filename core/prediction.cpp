// SPDX-License-Identifier: MIT
#include "prediction.h"

#include "narration.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sim {

namespace {
    constexpr std::size_t maxChoices = 4;

    // The tasks that could run next, as the state before the step shows them: those with a
    // handle in the ready deque or, when it is empty, those whose timers fall due first;
    // then other unfinished tasks as distractors (a finished task's leftover callback is not one). In creation order, so the list does not
    // give the ready deque's order away.
    std::vector<TaskId> candidates(const StateIndex& run, const LoopState& state, TaskId answer)
    {
        const Trace& trace = run.trace();
        std::set<TaskId> chosen { answer };
        auto offer = [&](TaskId task) {
            if (task != noId && task < state.tasks.size() && !trace.tasks[task].internal
                && !isFinished(state.tasks[task].state) && chosen.size() < maxChoices)
                chosen.insert(task);
        };
        for (const ReadyEntry& entry : state.ready)
            offer(entry.task);
        for (const TimerEntry& timer : state.timersByDeadline())
            offer(timer.owner);
        for (TaskId task = 0; task < state.tasks.size() && chosen.size() < maxChoices; ++task) {
            if (!isFinished(state.tasks[task].state))
                offer(task);
        }
        return { chosen.begin(), chosen.end() };
    }

    std::optional<Question> nextTask(const StateIndex& run, std::size_t position)
    {
        const StepInfo& step = run.steps()[position];
        const bool taskStep = step.kind == HandleKind::TaskStep || step.kind == HandleKind::TaskWakeup
            || step.kind == HandleKind::TimerCallback;
        if (!taskStep || step.task == noId || run.trace().tasks[step.task].internal)
            return std::nullopt;
        const LoopState state = run.stateAt(position);
        const std::vector<TaskId> tasks = candidates(run, state, step.task);
        if (tasks.size() < 2)
            return std::nullopt;
        Question question { QuestionKind::NextTask, position, "Which task does the loop run next?", {}, 0,
            narrateStep(run, position) };
        for (TaskId task : tasks) {
            if (task == step.task)
                question.answer = question.choices.size();
            question.choices.emplace_back(run.trace().taskName(task));
        }
        return question;
    }

    // The step that prints output line `line`, from `position` on.
    std::optional<std::size_t> stepPrinting(const StateIndex& run, std::size_t position, std::uint32_t line)
    {
        const auto& events = run.trace().events;
        for (std::size_t e = run.eventAtPosition(position); e < events.size(); ++e) {
            if (events[e].kind != EventKind::Printed || events[e].a != line)
                continue;
            const auto& steps = run.steps();
            const auto after = std::upper_bound(steps.begin(), steps.end(), std::uint32_t(e),
                [](std::uint32_t event, const StepInfo& step) { return event < step.event; });
            if (after == steps.begin())
                return std::nullopt; // printed outside any step (after asyncio.run)
            return std::size_t(after - steps.begin()) - 1;
        }
        return std::nullopt;
    }

    std::optional<Question> nextOutput(const StateIndex& run, std::size_t position)
    {
        const Trace& trace = run.trace();
        const std::uint32_t next = run.stateAt(position).outputLines;
        if (next >= trace.outputLines.size())
            return std::nullopt;
        const std::string answer(trace.outputLine(next));
        // The line and other lines still to come, sorted: which comes first is the question.
        std::set<std::string> lines { answer };
        for (std::size_t later = next + 1; later < trace.outputLines.size() && lines.size() < maxChoices; ++later)
            lines.emplace(trace.outputLine(later));
        if (lines.size() < 2)
            return std::nullopt;
        const auto printer = stepPrinting(run, position, next);
        Question question { QuestionKind::NextOutput, position, "What does the program print next?", {}, 0,
            printer ? "It is printed in step " + std::to_string(*printer + 1) + ": " + narrateStep(run, *printer)
                    : "The program prints it after asyncio.run() returns." };
        for (const std::string& line : lines) {
            if (line == answer)
                question.answer = question.choices.size();
            question.choices.push_back(line);
        }
        return question;
    }

    std::optional<Question> endTime(const StateIndex& run, std::size_t position)
    {
        if (run.stepCount() == 0)
            return std::nullopt;
        const double end = run.steps().back().time;
        // The end, and times a class might guess: half of it, the deadline of every pending
        // sleep added up (as if they ran one after another), twice it.
        std::set<double> times { end, std::max(1.0, std::round(end / 2)), end * 2 };
        const LoopState state = run.stateAt(position);
        double sequential = state.now;
        for (const TimerEntry& timer : state.timersByDeadline())
            sequential += std::max(0.0, timer.when - state.now);
        if (sequential > end)
            times.insert(sequential);
        Question question { QuestionKind::EndTime, position, "At what virtual time does the program end?", {}, 0,
            "The last step runs at t = " + formatSeconds(end) + " s: " + narrateEnd(run) };
        for (double time : times) {
            if (time == end)
                question.answer = question.choices.size();
            question.choices.push_back("t = " + formatSeconds(time) + " s");
        }
        return question;
    }
}

std::optional<Question> askQuestion(const StateIndex& run, std::size_t position, QuestionKind kind)
{
    if (position >= run.stepCount())
        return std::nullopt;
    switch (kind) {
    case QuestionKind::NextTask:
        return nextTask(run, position);
    case QuestionKind::NextOutput:
        return nextOutput(run, position);
    case QuestionKind::EndTime:
        return endTime(run, position);
    }
    return std::nullopt;
}

std::optional<Question> askFirst(const StateIndex& run, std::size_t position, const std::vector<QuestionKind>& kinds)
{
    for (QuestionKind kind : kinds) {
        if (auto question = askQuestion(run, position, kind))
            return question;
    }
    return std::nullopt;
}

} // namespace sim
