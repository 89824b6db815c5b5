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
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

namespace {
    constexpr int maxColumns = 4;
    const QString rightMark = QStringLiteral("\u2713 ");
    const QString wrongMark = QStringLiteral("\u2717 ");
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
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("predictScore"));
    m_classMode = new QToolButton(this);
    m_classMode->setDefaultAction(controller->classModeAction());
    m_classMode->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_classMode->setFocusPolicy(Qt::NoFocus);

    // The score and the toggle beside the prompt, so the sentence below gets the whole width.
    auto* top = new QHBoxLayout;
    top->addWidget(m_prompt, 1);
    top->addWidget(m_score, 0, Qt::AlignVCenter);
    top->addWidget(m_classMode, 0, Qt::AlignVCenter);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 6, 6, 6);
    column->addLayout(top);
    column->addWidget(m_choices);
    column->addWidget(m_result);

    connect(controller, &PredictController::changed, this, &PredictPanel::refresh);
    connect(controller, &PredictController::answerFirst, this, [this] {
        // The step key waits for an answer: say so where the eyes are.
        m_result->setText(QStringLiteral("<b>%1</b>").arg(tr("Choose an answer first: the step waits for it.")));
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

void PredictPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layOutChoices();
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
        button->setStyleSheet(QStringLiteral("QPushButton { border: %1px solid %2; border-radius: 6px; "
                                             "padding: 0.4em 0.8em; background: %3; color: %4; }")
                                  .arg(width)
                                  .arg(border.name(), m_theme.panelBackground.name(), m_theme.foreground.name()));
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
    m_score->setVisible(!m_controller->isClassMode() && state != State::Off);
    m_score->setText(tr("%1 of %2 right").arg(m_controller->rightAnswers()).arg(m_controller->answers()));
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
    for (qsizetype i = 0; i < m_buttons.size(); ++i) {
        QPushButton* button = m_buttons[i];
        m_grid->removeWidget(button);
        m_grid->addWidget(button, int(i) / columns, int(i) % columns);
        button->setText(metrics.elidedText(m_choiceTexts.value(i), Qt::ElideRight, std::max(0, buttonWidth - padding)));
        button->setMinimumHeight(qRound(metrics.height() * 2.2));
    }
}

} // namespace ui
