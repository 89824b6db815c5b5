// SPDX-License-Identifier: MIT
#include "predictcontroller.h"

#include "playbackcontroller.h"

#include <QAction>

namespace ui {

PredictController::PredictController(PlaybackController* playback, QObject* parent)
    : QObject(parent)
    , m_playback(playback)
{
    m_predictAction = new QAction(tr("Predict"), this);
    m_predictAction->setObjectName(QStringLiteral("predictAction"));
    m_predictAction->setCheckable(true);
    m_predictAction->setShortcut(QKeySequence(Qt::Key_P));
    m_predictAction->setToolTip(
        tr("Predict before you see: the future is hidden and each step waits for an answer (P)"));
    connect(m_predictAction, &QAction::toggled, this, &PredictController::setPredicting);

    m_classModeAction = new QAction(tr("Class mode"), this);
    m_classModeAction->setObjectName(QStringLiteral("classModeAction"));
    m_classModeAction->setCheckable(true);
    m_classModeAction->setToolTip(
        tr("No clicking: ask for a show of hands, then the step key (PageDown) reveals the answer and steps"));
    connect(m_classModeAction, &QAction::toggled, this, &PredictController::setClassMode);

    connect(m_playback, &PlaybackController::positionChanged, this, &PredictController::positionChanged);
    connect(m_playback, &PlaybackController::forwardRefused, this, &PredictController::forwardRefused);
}

void PredictController::setPredicting(bool predicting)
{
    m_predictAction->setChecked(predicting);
    if (predicting == m_predicting)
        return;
    m_predicting = predicting;
    if (m_predicting)
        m_playback->pause(); // a question comes before the next step, not after it
    askAt(m_position);
    settle();
    emit predictingChanged(m_predicting);
    emit changed();
}

void PredictController::setClassMode(bool classMode)
{
    m_classModeAction->setChecked(classMode);
    if (classMode == m_classMode)
        return;
    m_classMode = classMode;
    emit classModeChanged(m_classMode);
    emit changed();
}

void PredictController::setQuestionSteps(std::optional<std::set<std::size_t>> positions)
{
    m_questionSteps = std::move(positions);
    askAt(m_position);
    settle();
    emit changed();
}

const sim::Question* PredictController::question() const
{
    if (m_state != State::Asking && m_state != State::Revealed)
        return nullptr;
    return &m_questions[m_current];
}

std::optional<std::size_t> PredictController::chosen() const
{
    const sim::Question* shown = question();
    if (!shown)
        return std::nullopt;
    const auto answer = m_answers.find(keyOf(*shown));
    return answer != m_answers.end() ? answer->second.chosen : std::nullopt;
}

void PredictController::choose(std::size_t index)
{
    if (m_state != State::Asking || m_classMode || index >= m_questions[m_current].choices.size())
        return;
    ++m_answered;
    if (index == m_questions[m_current].answer)
        ++m_right;
    recordAnswer(index);
}

void PredictController::reveal()
{
    if (m_state == State::Asking)
        recordAnswer(std::nullopt);
}

void PredictController::recordAnswer(std::optional<std::size_t> chosen)
{
    m_answers[keyOf(m_questions[m_current])] = Answer { chosen };
    settle();
    emit changed();
}

void PredictController::positionChanged(std::size_t position)
{
    if (m_playback->run() != m_run) {
        // A new run (or the same one replayed from a new simulation): a new score.
        m_run = m_playback->run();
        m_answers.clear();
        m_right = 0;
        m_answered = 0;
    }
    m_position = position;
    askAt(position);
    settle();
    emit changed();
}

void PredictController::forwardRefused()
{
    if (m_state == State::Asking) {
        if (m_classMode)
            reveal();
        else
            emit answerFirst();
    } else if (m_state == State::Revealed && m_current + 1 < m_questions.size()) {
        ++m_current; // another question at this position: the step key asks it
        settle();
        emit changed();
    }
}

bool PredictController::asksAt(std::size_t position) const
{
    return !m_questionSteps || m_questionSteps->contains(position);
}

std::optional<std::size_t> PredictController::nextAskingPosition(std::size_t after) const
{
    if (!m_questionSteps)
        return after + 1;
    const auto next = m_questionSteps->upper_bound(after);
    return next != m_questionSteps->end() ? std::optional(*next) : std::nullopt;
}

void PredictController::askAt(std::size_t position)
{
    m_questions.clear();
    m_current = 0;
    if (!m_predicting || !m_run || !asksAt(position))
        return;
    const sim::StateIndex& index = *m_run->index;
    // When the program ends is asked once, at the start, before the first step's question.
    if (position == 0)
        if (auto end = sim::askQuestion(index, position, sim::QuestionKind::EndTime))
            m_questions.push_back(std::move(*end));
    if (auto next = sim::askFirst(index, position, { sim::QuestionKind::NextTask, sim::QuestionKind::NextOutput }))
        m_questions.push_back(std::move(*next));
    // Back at a position already answered: show its last answer again, else the first open one.
    while (m_current + 1 < m_questions.size() && m_answers.contains(keyOf(m_questions[m_current])))
        ++m_current;
}

void PredictController::settle()
{
    if (!m_predicting) {
        m_state = State::Off;
        m_playback->setForwardLimit(std::nullopt);
        return;
    }
    if (m_questions.empty()) {
        m_state = State::Waiting;
        m_playback->setForwardLimit(nextAskingPosition(m_position));
        return;
    }
    const bool answered = m_answers.contains(keyOf(m_questions[m_current]));
    m_state = answered ? State::Revealed : State::Asking;
    const bool moreHere = m_current + 1 < m_questions.size();
    m_playback->setForwardLimit(answered && !moreHere ? nextAskingPosition(m_position) : std::optional(m_position));
}

} // namespace ui
