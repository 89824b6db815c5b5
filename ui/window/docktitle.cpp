// SPDX-License-Identifier: MIT
#include "docktitle.h"

#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

namespace ui {

DockTitle::DockTitle(QDockWidget* dock)
    : QWidget(dock)
    , m_label(new QLabel(dock->windowTitle(), this))
    , m_float(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    m_float->setIcon(style()->standardIcon(QStyle::SP_TitleBarNormalButton));
    m_float->setToolTip(tr("Float or dock this panel"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Hide this panel (View > Panels brings it back)"));
    for (QToolButton* button : { m_float, m_close }) {
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus);
    }
    connect(m_float, &QToolButton::clicked, dock, [dock] { dock->setFloating(!dock->isFloating()); });
    connect(m_close, &QToolButton::clicked, dock, &QDockWidget::close);
    connect(dock, &QDockWidget::windowTitleChanged, m_label, &QLabel::setText);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 2, 2);
    row->setSpacing(2);
    row->addWidget(m_label, 1);
    row->addWidget(m_float);
    row->addWidget(m_close);
    applyFont();
}

QString DockTitle::text() const { return m_label->text(); }

void DockTitle::setCollapsed(bool collapsed)
{
    if (collapsed == m_collapsed)
        return;
    m_collapsed = collapsed;
    for (QWidget* part : std::initializer_list<QWidget*> { m_label, m_float, m_close })
        part->setVisible(!collapsed);
    updateGeometry();
}

QSize DockTitle::sizeHint() const { return m_collapsed ? QSize(0, 0) : QWidget::sizeHint(); }

QSize DockTitle::minimumSizeHint() const { return m_collapsed ? QSize(0, 0) : QWidget::minimumSizeHint(); }

void DockTitle::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyFont();
    QWidget::changeEvent(event);
}

void DockTitle::paintEvent(QPaintEvent*)
{
    // A quiet band that separates the panel's name from its content.
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window).darker(104));
}

void DockTitle::applyFont()
{
    QFont bold = font();
    bold.setBold(true);
    m_label->setFont(bold);
    const int icon = qRound(fontMetrics().height() * 0.7);
    for (QToolButton* button : { m_float, m_close })
        button->setIconSize(QSize(icon, icon));
}

} // namespace ui
