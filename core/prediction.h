// SPDX-License-Identifier: MIT
#pragma once

#include "stateindex.h"

#include <optional>
#include <string>
#include <vector>

namespace sim {

// Predict mode's questions: asked before a step, answered from what the state at that
// position shows (never from the future), revealed with the sentence that explains the step.
// Students who predict first and then see the answer learn more than students who only watch.

enum class QuestionKind : std::uint8_t {
    NextTask, // which task does the loop run next?
    NextOutput, // what is printed next?
    EndTime, // when (in virtual time) does the program end?
};

struct Question {
    QuestionKind kind;
    std::size_t position; // asked at this position, before its step runs
    std::string prompt;
    std::vector<std::string> choices; // in an order that gives nothing away (creation order, or sorted)
    std::size_t answer; // index into choices
    std::string explanation; // why: the narration of the step that answers it
};

// The question of `kind` at `position`, or nothing when it would ask nothing (one possible
// answer, no step or line left, a step that is the loop's own bookkeeping).
std::optional<Question> askQuestion(const StateIndex& run, std::size_t position, QuestionKind kind);

// The first of `kinds` (in order) that has a question at `position`.
std::optional<Question> askFirst(const StateIndex& run, std::size_t position, const std::vector<QuestionKind>& kinds);

} // namespace sim
