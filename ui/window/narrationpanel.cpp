// SPDX-License-Identifier: MIT
#include "narrationpanel.h"

#include "narration.h"
#include "typography.h"
#include "windowcolours.h"

#include <QEvent>
#include <QLabel>
#include <QLayout>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ui {

namespace {
    QLabel* makeLabel(const QString& objectName, QWidget* parent)
    {
        auto* label = new QLabel(parent);
        label->setObjectName(objectName);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setTextInteractionFlags(Qt::NoTextInteraction);
        return label;
    }
}

NarrationPanel::NarrationPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* content = new QWidget;
    m_caption = makeLabel(QStringLiteral("whyCaption"), content);
    m_sentence = makeLabel(QStringLiteral("whySentence"), content);
    m_ending = makeLabel(QStringLiteral("whyEnding"), content);
    m_ending->hide();
    auto* column = new QVBoxLayout(content);
    column->addWidget(m_caption);
    column->addWidget(m_ending); // how the run ended comes first: a deadlock must not scroll out of sight
    column->addWidget(m_sentence);
    column->addStretch(1);

    // Long sentences at a large zoom scroll instead of being cut off (fitSentence() first
    // tries a smaller size).
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::ClickFocus); // a click ends editing a run field; it claims no step key
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->installEventFilter(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    applyFonts();
    applyColours();
}

void NarrationPanel::setRun(RunDataPtr run)
{
    m_run = std::move(run);
    showPosition(0, {}, m_run ? m_run->index->stateAt(0) : sim::LoopState {});
}

void NarrationPanel::showPosition(std::size_t position, const sim::LoopState& before, const sim::LoopState& after)
{
    if (!m_run) {
        m_caption->clear();
        m_sentence->clear();
        m_ending->hide();
        return;
    }
    const sim::StateIndex& index = *m_run->index;
    const std::size_t steps = index.stepCount();
    if (position == 0) {
        m_caption->setText(tr("Before the first step"));
        m_sentence->setText(QString::fromStdString(sim::narrateStart()));
    } else {
        m_caption->setText(m_hideStepCount ? tr("Step %1 just ran").arg(position)
                                           : tr("Step %1 of %2 just ran").arg(position).arg(steps));
        m_sentence->setText(
            QString::fromStdString(sim::narrateStep(index, position - 1, before, after, m_run->listing)));
    }
    const bool atEnd = position >= steps;
    m_ending->setVisible(atEnd);
    if (atEnd) {
        m_endIsProblem = after.deadlock || after.limitReached;
        m_ending->setText(QString::fromStdString(sim::narrateEnd(index, after)));
        applyColours();
    }
    fitSentence();
}

void NarrationPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    applyColours();
}

QString NarrationPanel::sentence() const { return m_sentence->text(); }

QString NarrationPanel::ending() const { return m_ending->isVisibleTo(this) ? m_ending->text() : QString(); }

bool NarrationPanel::eventFilter(QObject* watched, QEvent* event)
{
    // The scroll area's own resize, once the panel's layout has given it its new size.
    if (watched == m_scroll && event->type() == QEvent::Resize)
        fitSentence();
    return QWidget::eventFilter(watched, event);
}

void NarrationPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

void NarrationPanel::applyFonts()
{
    QFont ending = typography::scaledFont(font(), 1.15);
    ending.setBold(true);
    m_ending->setFont(ending);
    fitSentence();
}

void NarrationPanel::fitSentence()
{
    // The sentence is what the class reads: larger than everything else in the window, 1.3
    // times, unless that would leave part of it below the panel's edge; then as large as fits,
    // down to the window's own size (and only then does it scroll). Measured by the labels
    // themselves (their word wrap is not QFontMetrics', and the column's layout answers from a
    // cache until the event loop runs); nothing is painted meanwhile, so trying sizes is cheap.
    const QLayout* column = m_sentence->parentWidget()->layout();
    const QMargins margins = column->contentsMargins();
    const QSize viewport = m_scroll->maximumViewportSize(); // without scroll bars
    const int width = viewport.width() - margins.left() - margins.right();
    int room = viewport.height() - margins.top() - margins.bottom() - m_caption->heightForWidth(width) - column->spacing();
    if (m_ending->isVisibleTo(this))
        room -= m_ending->heightForWidth(width) + column->spacing();
    constexpr int steps = 6; // 1.3, 1.25, ... 1.0
    for (int i = 0; i <= steps; ++i) {
        const QFont candidate = typography::scaledFont(font(), 1.3 - 0.05 * i);
        if (m_sentence->font() != candidate)
            m_sentence->setFont(candidate);
        // (A line of slack: the scroll area sizes its content from the column's own layout.)
        if (width <= 0 || m_sentence->heightForWidth(width) + QFontMetrics(candidate).lineSpacing() <= room)
            return;
    }
}

void NarrationPanel::applyColours()
{
    QPalette caption = m_caption->palette();
    caption.setColor(QPalette::WindowText, m_theme.mutedText);
    m_caption->setPalette(caption);
    QPalette ending = m_ending->palette();
    ending.setColor(QPalette::WindowText, m_endIsProblem ? warningColour(m_theme) : m_theme.foreground);
    m_ending->setPalette(ending);
}

} // namespace ui
