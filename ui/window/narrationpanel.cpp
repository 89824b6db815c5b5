// SPDX-License-Identifier: MIT
#include "narrationpanel.h"

#include "narration.h"
#include "typography.h"
#include "windowcolours.h"

#include <QEvent>
#include <QLabel>
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

    // Long sentences at a large zoom scroll instead of being cut off.
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::ClickFocus); // a click ends editing a run field; it claims no step key
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    applyFonts();
    applyColours();
}

void NarrationPanel::setRun(RunDataPtr run)
{
    m_run = std::move(run);
    showPosition(0);
}

void NarrationPanel::showPosition(std::size_t position)
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
        m_sentence->setText(tr("Nothing has run yet. asyncio.run has created the main task and queued its "
                               "first step: the ready queue holds one handle, and the loop will run it first."));
    } else {
        m_caption->setText(tr("Step %1 of %2 just ran").arg(position).arg(steps));
        m_sentence->setText(QString::fromStdString(sim::narrateStep(index, position - 1)));
    }
    const bool atEnd = position >= steps;
    m_ending->setVisible(atEnd);
    if (atEnd) {
        const sim::LoopState end = index.stateAt(steps);
        m_endIsProblem = end.deadlock || end.limitReached;
        m_ending->setText(QString::fromStdString(sim::narrateEnd(index)));
        applyColours();
    }
}

void NarrationPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    applyColours();
}

QString NarrationPanel::sentence() const { return m_sentence->text(); }

QString NarrationPanel::ending() const { return m_ending->isVisibleTo(this) ? m_ending->text() : QString(); }

void NarrationPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

void NarrationPanel::applyFonts()
{
    // The sentence is what the class reads: larger than everything else in the window.
    m_sentence->setFont(typography::scaledFont(font(), 1.3));
    QFont ending = typography::scaledFont(font(), 1.15);
    ending.setBold(true);
    m_ending->setFont(ending);
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
