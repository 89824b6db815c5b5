// SPDX-License-Identifier: MIT
#pragma once

#include "prediction.h"
#include "rundata.h"

#include <QObject>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

class QAction;

namespace ui {

class PlaybackController;

// Predict mode: before a step the window asks what it will do (sim::askFirst: which task
// runs next, else what is printed next; at the start, once, when the program ends) and
// holds the cursor there until the question is answered. Stepping back stays free.
//
// Student mode: choose() answers, shows right or wrong with the step's Why sentence and
// counts the score ("3 of 5 right", per run). Class mode: nobody clicks; the teacher asks for
// a show of hands, and the next step key (a clicker's PageDown) reveals the answer, the one
// after it steps. With several questions at one position, the step key after a reveal asks
// the next one.
//
// The controller only holds the state and sets the playback's forward limit; the panel and
// the window observe changed().
class PredictController : public QObject {
    Q_OBJECT
public:
    enum class State {
        Off, // not predicting
        Waiting, // predicting, but nothing is asked at this position
        Asking,
        Revealed,
    };

    explicit PredictController(PlaybackController* playback, QObject* parent = nullptr);

    bool isPredicting() const { return m_predicting; }
    void setPredicting(bool predicting);
    bool isClassMode() const { return m_classMode; }
    void setClassMode(bool classMode);

    // The positions that ask (a lesson's marked steps); none: every position.
    void setQuestionSteps(std::optional<std::set<std::size_t>> positions);
    const std::optional<std::set<std::size_t>>& questionSteps() const { return m_questionSteps; }

    State state() const { return m_state; }
    // The question shown (asking or revealed); null otherwise.
    const sim::Question* question() const;
    // The choice the student made for the shown question, if any (class mode makes none).
    std::optional<std::size_t> chosen() const;
    // Student mode's score for this run: answers right, of answers given.
    int rightAnswers() const { return m_right; }
    int answers() const { return m_answered; }

    // Student mode: answers the open question with choice `index` (ignored when not asking,
    // in class mode, or out of range).
    void choose(std::size_t index);
    // Shows the open question's answer without a choice (class mode's show of hands).
    void reveal();

    // View > Predict (P) and the panel's Class mode toggle.
    QAction* predictAction() const { return m_predictAction; }
    QAction* classModeAction() const { return m_classModeAction; }

signals:
    void changed(); // the state, the question, the answer or the score
    void predictingChanged(bool predicting);
    void classModeChanged(bool classMode);
    void answerFirst(); // a step was refused while a question is open in student mode

private:
    struct Answer {
        std::optional<std::size_t> chosen;
    };
    using Key = std::pair<std::size_t, sim::QuestionKind>;

    void positionChanged(std::size_t position);
    void forwardRefused();
    void askAt(std::size_t position);
    void settle(); // the state and the forward limit from the questions and the answers
    void recordAnswer(std::optional<std::size_t> chosen);
    Key keyOf(const sim::Question& question) const { return { question.position, question.kind }; }
    bool asksAt(std::size_t position) const;
    std::optional<std::size_t> nextAskingPosition(std::size_t after) const;

    PlaybackController* m_playback;
    QAction* m_predictAction;
    QAction* m_classModeAction;
    bool m_predicting = false;
    bool m_classMode = false;
    std::optional<std::set<std::size_t>> m_questionSteps;

    RunDataPtr m_run; // the run the answers and the score belong to
    std::size_t m_position = 0;
    std::vector<sim::Question> m_questions; // asked at m_position, in order
    std::size_t m_current = 0; // the one shown
    std::map<Key, Answer> m_answers; // for this run; a question answered stays answered
    State m_state = State::Off;
    int m_right = 0;
    int m_answered = 0;
};

} // namespace ui
