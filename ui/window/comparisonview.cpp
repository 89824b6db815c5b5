// SPDX-License-Identifier: MIT
#include "comparisonview.h"

#include "comparison.h"
#include "timelinewidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ui {

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_showDivergence(new QPushButton(tr("Show where they part"), this))
    , m_timeline(new TimelineWidget(this))
{
    m_caption->setObjectName(QStringLiteral("comparisonSummary"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::PlainText);
    m_timeline->setObjectName(QStringLiteral("comparedTimeline"));
    m_timeline->setFocusPolicy(Qt::NoFocus); // the keys step the window's own run
    m_timeline->setRevealsCursor(false); // the window's timeline scrolls the shared view to its cursor
    // The height the window gives this view (see MainWindow::fitTimelineText), less the summary.
    m_timeline->setSizePolicy(m_timeline->sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);
    m_header = new QHBoxLayout;
    m_header->addWidget(m_caption, 1);
    m_header->addWidget(m_showDivergence, 0, Qt::AlignTop);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(m_header);
    column->addWidget(m_timeline, 1);
    connect(m_showDivergence, &QPushButton::clicked, this, [this] {
        if (m_divergence)
            emit positionRequested(*m_divergence);
    });
    // A click on the compared timeline moves the window's cursor to the same moment.
    connect(m_timeline, &TimelineWidget::positionRequested, this, [this](std::size_t position) {
        if (m_first && m_second)
            emit positionRequested(m_timeline->axis() == TimelineAxis::Steps ? position
                                                                 : sim::alignedPosition(*m_second->index, position, *m_first->index));
    });
    hide();
}

void ComparisonView::setRuns(RunDataPtr first, RunDataPtr second)
{
    m_first = std::move(first);
    m_second = std::move(second);
    if (!m_second)
        return clear();
    if (!m_first)
        return; // the window's own run is not on screen yet: showRun() sets both then
    if (m_timeline->timelinePainter().run() != m_second)
        m_timeline->setRun(m_second);
    const auto divergence = sim::firstDivergence(*m_first->index, *m_second->index);
    m_divergence = divergence ? std::optional<std::size_t>(divergence->step) : std::nullopt;
    const QString against = QString::fromStdString(m_second->request.describe());
    const QString totals = QString::fromStdString(sim::compareTotals(*m_first->index, *m_second->index));
    const QString parting = divergence ? QString::fromStdString(divergence->sentence)
                                       : tr("The two runs take exactly the same steps at the same times.");
    m_caption->setText(tr("Compared with %1: %2.\n%3").arg(against, totals, parting));
    m_showDivergence->setVisible(bool(m_divergence));
    show();
}

void ComparisonView::clear()
{
    m_first.reset();
    m_second.reset();
    m_divergence.reset();
    m_timeline->setRun(RunDataPtr());
    m_caption->clear();
    hide();
}

void ComparisonView::followPosition(std::size_t position)
{
    if (!m_first || !m_second)
        return;
    m_timeline->setPosition(m_timeline->axis() == TimelineAxis::Steps ? position
                                                          : sim::alignedPosition(*m_first->index, position, *m_second->index));
}

QString ComparisonView::summary() const { return m_caption->text(); }

int ComparisonView::heightShowing(double lanes, double textScale) const
{
    const int header
        = m_header->hasHeightForWidth() ? m_header->heightForWidth(width()) : m_header->sizeHint().height();
    return header + layout()->spacing() + m_timeline->heightShowing(lanes, textScale);
}

} // namespace ui
