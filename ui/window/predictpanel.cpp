// SPDX-License-Identifier: MIT
#include "predictpanel.h"

#include "predictcontroller.h"
#include "typography.h"
#include "windowcolours.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace ui {

namespace {
    constexpr int maxColumns = 4;
    const QString rightMark = QStringLiteral("\u2713 ");
    const QString wrongMark = QStringLiteral("\u2717 ");

    // The answer under the choices, as tall as its text at its width unless the panel is held
    // shorter (see PredictPanel::fitHeight); then it scrolls.
    class AnswerArea : public QScrollArea {
    public:
        AnswerArea(QLabel* answer, QWidget* parent)
            : QScrollArea(parent)
            , m_answer(answer)
        {
            setWidget(answer);
            setWidgetResizable(true);
            setFrameShape(QFrame::NoFrame);
            setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
            setFocusPolicy(Qt::NoFocus); // the step keys stay with the window
            viewport()->setAutoFillBackground(false);
            answer->setAutoFillBackground(false);
        }
        QSize sizeHint() const override
        {
            return { m_answer->sizeHint().width(), m_answer->heightForWidth(std::max(1, width())) };
        }

    protected:
        void resizeEvent(QResizeEvent* event) override
        {
            QScrollArea::resizeEvent(event);
            updateGeometry(); // its height follows its width
        }

    private:
        QLabel* m_answer;
    };
}

PredictPanel::PredictPanel(PredictController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("predictPanel"));
    m_prompt = new QLabel(this);
    m_prompt->setObjectName(QStringLiteral("predictPrompt"));
    m_prompt->setWordWrap(true);
    m_prompt->setTextFormat(Qt::PlainText);
    m_choices = new QWidget(this);
    m_grid = new QGridLayout(m_choices);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("predictResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_resultArea = new AnswerArea(m_result, this);
    m_resultArea->setObjectName(QStringLiteral("predictResultArea"));
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("predictScore"));
    m_classMode = new QToolButton(this);
    m_classMode->setDefaultAction(controller->classModeAction());
    m_classMode->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_classMode->setFocusPolicy(Qt::NoFocus);

    // The score and the toggle beside the prompt, so the sentence below gets the whole width
    // (side by side, or one over the other when the prompt needs the room: layOutHeader).
    m_corner = new QBoxLayout(QBoxLayout::LeftToRight);
    m_corner->addWidget(m_score, 0, Qt::AlignRight | Qt::AlignVCenter);
    m_corner->addWidget(m_classMode, 0, Qt::AlignRight | Qt::AlignVCenter);
    auto* top = new QHBoxLayout;
    top->addWidget(m_prompt, 1);
    top->addLayout(m_corner);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 6, 6, 6);
    column->addLayout(top);
    column->addWidget(m_choices);
    column->addWidget(m_resultArea);

    connect(controller, &PredictController::changed, this, &PredictPanel::refresh);
    connect(controller, &PredictController::answerFirst, this, [this] {
        // The step key waits for an answer: say so where the eyes are.
        m_result->setText(QStringLiteral("<b>%1</b>").arg(tr("Choose an answer first: the step waits for it.")));
        m_resultArea->updateGeometry();
    });
    applyFonts();
    refresh();
}

void PredictPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    refresh();
}

QString PredictPanel::prompt() const { return m_prompt->text(); }

QString PredictPanel::result() const
{
    const sim::Question* question = m_controller->question();
    return question && m_controller->state() == PredictController::State::Revealed ? m_result->text() : QString();
}

QString PredictPanel::score() const { return m_score->isVisible() ? m_score->text() : QString(); }

void PredictPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

void PredictPanel::setHeightLimit(int pixels)
{
    m_heightLimit = pixels;
    fitHeight();
}

void PredictPanel::fitHeight()
{
    const int whole = layout()->totalHeightForWidth(width());
    if (whole < 0)
        return; // not laid out yet
    const int answer = m_resultArea->sizeHint().height();
    int shown = std::min(answer, m_heightLimit - (whole - answer));
    if (shown < answer) { // it scrolls: whole lines of it, two at least
        // (A rich text line is a little taller than the font's spacing: measured on the answer.)
        const double lines = std::max(1.0, std::round(double(answer) / m_result->fontMetrics().lineSpacing()));
        const double line = answer / lines;
        shown = std::min(answer, int(std::ceil(std::max(2.0, std::floor(shown / line)) * line)));
    }
    setFixedHeight(whole - answer + shown);
}

bool PredictPanel::event(QEvent* event)
{
    const bool handled = QWidget::event(event);
    if (event->type() == QEvent::LayoutRequest) // new text, or the answer's new width
        fitHeight();
    return handled;
}

void PredictPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layOutHeader();
    layOutChoices();
    fitHeight();
}

void PredictPanel::applyFonts()
{
    QFont prompt = typography::scaledFont(font(), 1.3);
    prompt.setBold(true);
    m_prompt->setFont(prompt);
    const QFont choice = typography::scaledFont(font(), 1.2);
    for (QPushButton* button : m_buttons)
        button->setFont(choice);
    layOutChoices();
}

void PredictPanel::refresh()
{
    using State = PredictController::State;
    const sim::Question* question = m_controller->question();
    const State state = m_controller->state();
    const QString muted = m_theme.mutedText.name();

    // One button per choice: made as needed, kept out of the focus chain so the step keys
    // stay with the window.
    const std::size_t count = question ? question->choices.size() : 0;
    while (std::size_t(m_buttons.size()) < count) {
        auto* button = new QPushButton(m_choices);
        button->setObjectName(QStringLiteral("predictChoice"));
        button->setFocusPolicy(Qt::NoFocus);
        button->setFont(typography::scaledFont(font(), 1.2));
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        const std::size_t index = std::size_t(m_buttons.size());
        connect(button, &QPushButton::clicked, this,
            [this, index] { m_controller->isClassMode() ? m_controller->reveal() : m_controller->choose(index); });
        button->show(); // now, not when the layout gets round to it: a click may come first
        m_buttons << button;
    }
    while (std::size_t(m_buttons.size()) > count) {
        // Later: this may run inside one of their clicked() signals.
        QPushButton* button = m_buttons.takeLast();
        m_grid->removeWidget(button);
        button->hide();
        button->deleteLater();
    }

    m_choiceTexts.clear();
    const bool revealed = state == State::Revealed;
    const std::optional<std::size_t> chosen = m_controller->chosen();
    for (std::size_t i = 0; i < count; ++i) {
        QString text = QString::fromStdString(question->choices[i]);
        QColor border = m_theme.grid;
        int width = 1;
        if (revealed && i == question->answer) {
            text = rightMark + text;
            border = rightColour(m_theme);
            width = 4;
        } else if (revealed && chosen == i) {
            text = wrongMark + text;
            border = warningColour(m_theme);
            width = 4;
        }
        m_choiceTexts << text;
        QPushButton* button = m_buttons[qsizetype(i)];
        button->setToolTip(text);
        // Answered, the choices only show which was right: they give their height to the answer.
        button->setStyleSheet(QStringLiteral("QPushButton { border: %1px solid %2; border-radius: 6px; "
                                             "padding: %5 0.8em; background: %3; color: %4; }")
                                  .arg(width)
                                  .arg(border.name(), m_theme.panelBackground.name(), m_theme.foreground.name(),
                                      revealed ? QStringLiteral("0.1em") : QStringLiteral("0.4em")));
    }
    layOutChoices();

    switch (state) {
    case State::Off:
        m_prompt->clear();
        m_result->clear();
        break;
    case State::Waiting:
        m_prompt->setText(tr("Nothing to predict here"));
        m_result->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                              .arg(muted, tr("Step on (\u2192 or PageDown) to the next question.")));
        break;
    case State::Asking:
        m_prompt->setText(QString::fromStdString(question->prompt));
        m_result->setText(
            QStringLiteral("<span style='color:%1'>%2</span>")
                .arg(muted,
                    m_controller->isClassMode() ? tr("Show of hands! Then PageDown (\u2192) shows the answer.")
                                                : tr("Choose an answer: the next step waits for it.")));
        break;
    case State::Revealed: {
        m_prompt->setText(QString::fromStdString(question->prompt));
        const QString answer = QString::fromStdString(question->choices[question->answer]).toHtmlEscaped();
        QString verdict;
        if (!chosen)
            verdict = QStringLiteral("<b style='color:%1'>%2</b>")
                          .arg(rightColour(m_theme).name(), tr("Answer: %1.").arg(answer));
        else if (*chosen == question->answer)
            verdict = QStringLiteral("<b style='color:%1'>%2</b>")
                          .arg(rightColour(m_theme).name(), rightMark + tr("Right!"));
        else
            verdict = QStringLiteral("<b style='color:%1'>%2</b>")
                          .arg(warningColour(m_theme).name(), wrongMark + tr("Not quite: it is %1.").arg(answer));
        m_result->setText(QStringLiteral("%1 %2 <span style='color:%3'>%4</span>")
                              .arg(verdict, QString::fromStdString(question->explanation).toHtmlEscaped(), muted,
                                  tr("Step on (\u2192 or PageDown) to see it happen.")));
        break;
    }
    }
    m_resultArea->verticalScrollBar()->setValue(0);
    m_resultArea->updateGeometry();
    m_score->setVisible(!m_controller->isClassMode() && state != State::Off);
    m_score->setText(tr("%1 of %2 right").arg(m_controller->rightAnswers()).arg(m_controller->answers()));
    layOutHeader();
}

void PredictPanel::layOutHeader()
{
    // Side by side when the prompt still fits on one line beside them; else one over the other,
    // so that on a 1024-pixel projector with large text the prompt takes two lines, not three.
    const int besides = (m_score->isHidden() ? 0 : m_score->sizeHint().width() + m_corner->spacing())
        + m_classMode->sizeHint().width();
    const int prompt = QFontMetrics(m_prompt->font()).horizontalAdvance(m_prompt->text());
    const int room = contentsRect().width() - layout()->contentsMargins().left() - layout()->contentsMargins().right();
    m_corner->setDirection(
        prompt + besides + 2 * m_corner->spacing() <= room ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

void PredictPanel::layOutChoices()
{
    if (m_buttons.isEmpty())
        return;
    // All in one row when they fit (task names), else two columns, else one (long lines).
    const int available = std::max(1, m_choices->width() > 0 ? m_choices->width() : width());
    const QFontMetrics metrics(m_buttons.first()->font());
    int widest = 0;
    for (const QString& text : m_choiceTexts)
        widest = std::max(widest, metrics.horizontalAdvance(text));
    const int padding = metrics.averageCharWidth() * 4;
    const int spacing = m_grid->horizontalSpacing();
    int columns = std::min<int>(maxColumns, int(m_buttons.size()));
    while (columns > 1 && columns * (widest + padding) + (columns - 1) * spacing > available)
        columns = columns > 2 ? 2 : 1;
    const int buttonWidth = (available - (columns - 1) * spacing) / columns;
    const bool revealed = m_controller->state() == PredictController::State::Revealed;
    for (qsizetype i = 0; i < m_buttons.size(); ++i) {
        QPushButton* button = m_buttons[i];
        m_grid->removeWidget(button);
        m_grid->addWidget(button, int(i) / columns, int(i) % columns);
        button->setText(metrics.elidedText(m_choiceTexts.value(i), Qt::ElideRight, std::max(0, buttonWidth - padding)));
        button->setMinimumHeight(qRound(metrics.height() * (revealed ? 1.4 : 2.2)));
    }
}

} // namespace ui
