// SPDX-License-Identifier: MIT
#include "comparison.h"

#include "narration.h"

#include <algorithm>

namespace sim {

namespace {
    std::string_view taskOf(const StateIndex& run, const StepInfo& step)
    {
        return step.task == noId ? std::string_view("the loop") : run.trace().taskName(step.task);
    }

    bool sameStep(const StateIndex& first, const StepInfo& a, const StateIndex& second, const StepInfo& b)
    {
        return a.kind == b.kind && a.time == b.time && taskOf(first, a) == taskOf(second, b);
    }

    // How the run ended, in a few words: "finished at t = 11 s".
    std::string ending(const StateIndex& run)
    {
        const LoopState end = run.stateAt(run.stepCount());
        const std::string at = "t = " + formatSeconds(end.now) + " s";
        if (end.deadlock)
            return "deadlock at " + at;
        if (end.limitReached)
            return "stopped by a limit at " + at;
        return "finished at " + at;
    }

    std::string plural(std::size_t count, const char* one, const char* many)
    {
        return std::to_string(count) + " " + (count == 1 ? one : many);
    }

    std::size_t linesPrinted(const StateIndex& run) { return run.trace().outputLines.size(); }

    // What a step did, in its Why's first sentence: beside another run's, the rest (what it
    // printed, where it gave control back) makes the caption too long to read at a glance,
    // and the Why panel tells it whole at that step.
    std::string firstSentence(const std::string& sentence)
    {
        const std::size_t end = sentence.find(". ");
        return end == std::string::npos ? sentence : sentence.substr(0, end + 1);
    }
}

std::optional<Divergence> firstDivergence(const StateIndex& first, const StateIndex& second)
{
    const auto& a = first.steps();
    const auto& b = second.steps();
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t step = 0; step < common; ++step) {
        if (sameStep(first, a[step], second, b[step]))
            continue;
        return Divergence { step,
            "Step " + std::to_string(step + 1) + " is the first that differs. First run: "
                + firstSentence(narrateStep(first, step)) + " Second run: " + firstSentence(narrateStep(second, step)) };
    }
    if (a.size() == b.size())
        return std::nullopt;
    const bool firstEnds = a.size() < b.size();
    const StateIndex& longer = firstEnds ? second : first;
    return Divergence { common,
        std::string(firstEnds ? "The first" : "The second") + " run ends after " + plural(common, "step", "steps") + " ("
            + ending(firstEnds ? first : second) + "); the other goes on: " + firstSentence(narrateStep(longer, common)) };
}

std::string describeTotals(const StateIndex& run)
{
    return ending(run) + " \u00b7 " + plural(run.stepCount(), "step", "steps") + " \u00b7 "
        + plural(linesPrinted(run), "line", "lines") + " printed";
}

std::string compareTotals(const StateIndex& first, const StateIndex& second)
{
    // "finished at t = 11 s vs t = 12 s": the second ending's words are left out when they
    // are the first's.
    const std::string a = ending(first);
    std::string b = ending(second);
    const std::size_t words = a.find("t = ");
    if (words != std::string::npos && b.compare(0, words, a, 0, words) == 0)
        b.erase(0, words);
    return a + " vs " + b + " \u00b7 " + std::to_string(first.stepCount()) + " vs "
        + std::to_string(second.stepCount()) + " steps \u00b7 " + std::to_string(linesPrinted(first)) + " vs "
        + std::to_string(linesPrinted(second)) + " lines printed";
}

std::size_t alignedPosition(const StateIndex& from, std::size_t position, const StateIndex& to)
{
    if (position == 0 || from.stepCount() == 0)
        return 0;
    const double instant = from.steps()[std::min(position, from.stepCount()) - 1].time;
    const auto& steps = to.steps();
    const auto after = std::upper_bound(
        steps.begin(), steps.end(), instant, [](double time, const StepInfo& step) { return time < step.time; });
    return std::size_t(after - steps.begin());
}

} // namespace sim
