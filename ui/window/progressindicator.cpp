// SPDX-License-Identifier: MIT
#include "progressindicator.h"

#include "narration.h"
#include "plural.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace ui {

ProgressIndicator::ProgressIndicator(QAction* cancel, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
{
    m_label->setObjectName(QStringLiteral("progressText"));
    m_bar->setRange(0, 0); // the length of a run is unknown until it ends: a busy bar
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(fontMetrics().averageCharWidth() * 14);
    auto* cancelButton = new QToolButton(this);
    cancelButton->setDefaultAction(cancel);
    cancelButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_label);
    row->addWidget(m_bar);
    row->addWidget(cancelButton);
    hide();

    m_showDelay.setSingleShot(true);
    m_showDelay.setInterval(showDelayMs);
    connect(&m_showDelay, &QTimer::timeout, this, &QWidget::show);
}

void ProgressIndicator::start(const QString& description)
{
    m_description = description;
    m_label->setText(tr("Simulating %1\u2026").arg(description));
    m_showDelay.start();
}

void ProgressIndicator::setProgress(quint64 handlesRun, double virtualSeconds)
{
    m_label->setText(tr("Simulating %1: %2, t = %3 s")
                         .arg(m_description, counted(qint64(handlesRun), tr("%L1 handle run"), tr("%L1 handles run")),
                             QString::fromStdString(sim::formatSeconds(virtualSeconds))));
}

void ProgressIndicator::stop()
{
    m_showDelay.stop();
    hide();
}

QString ProgressIndicator::text() const { return m_label->text(); }

} // namespace ui
