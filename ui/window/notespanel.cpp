// SPDX-License-Identifier: MIT
#include "notespanel.h"

#include "typography.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ui {

NotesPanel::NotesPanel(QWidget* parent)
    : QWidget(parent)
    , m_runs(new QComboBox(this))
    , m_runRow(new QWidget(this))
    , m_scroll(new QScrollArea(this))
    , m_heading(new QLabel)
    , m_body(new QLabel)
    , m_asks(new QLabel)
    , m_add(new QPushButton(tr("Add bookmark here"), this))
    , m_edit(new QPushButton(tr("Edit\u2026"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    m_runs->setObjectName(QStringLiteral("lessonRunField"));
    m_runs->setFocusPolicy(Qt::TabFocus); // a click leaves the step keys where they were
    m_heading->setObjectName(QStringLiteral("noteHeading"));
    m_body->setObjectName(QStringLiteral("noteBody"));
    m_asks->setObjectName(QStringLiteral("noteAsks"));
    m_add->setObjectName(QStringLiteral("addBookmarkButton"));
    m_edit->setObjectName(QStringLiteral("editBookmarkButton"));
    m_remove->setObjectName(QStringLiteral("removeBookmarkButton"));
    for (QPushButton* button : { m_add, m_edit, m_remove })
        button->setFocusPolicy(Qt::TabFocus);

    auto* runRow = new QHBoxLayout(m_runRow);
    runRow->setContentsMargins(0, 0, 0, 0);
    runRow->addWidget(new QLabel(tr("Run"), m_runRow));
    runRow->addWidget(m_runs, 1);
    m_runRow->hide();

    // Plain text only: a note is what the teacher typed, never markup.
    for (QLabel* label : { m_heading, m_body, m_asks }) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::NoTextInteraction);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }
    auto* page = new QWidget;
    auto* text = new QVBoxLayout(page);
    text->addWidget(m_heading);
    text->addWidget(m_body);
    text->addWidget(m_asks);
    text->addStretch(1);
    m_scroll->setWidget(page);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 4, 6, 4);
    column->addWidget(m_runRow);
    column->addWidget(m_scroll, 1);
    column->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &NotesPanel::addRequested);
    connect(m_edit, &QPushButton::clicked, this, &NotesPanel::editRequested);
    connect(m_remove, &QPushButton::clicked, this, &NotesPanel::removeRequested);
    connect(m_runs, &QComboBox::activated, this, &NotesPanel::runSelected);
    applyFonts();
    showNote({}, tr("No lesson open. File > Open Lesson\u2026, or Add bookmark here to start one with this run."), {});
    setEditing(true, false, false);
}

void NotesPanel::showNote(const QString& heading, const QString& body, const QString& asks)
{
    m_heading->setText(heading);
    m_heading->setVisible(!heading.isEmpty());
    m_body->setText(body);
    m_body->setVisible(!body.isEmpty());
    m_asks->setText(asks);
    m_asks->setVisible(!asks.isEmpty());
}

void NotesPanel::setEditing(bool canAdd, bool canEdit, bool canRemove)
{
    m_add->setEnabled(canAdd);
    m_edit->setEnabled(canEdit);
    m_remove->setEnabled(canRemove);
}

void NotesPanel::setRuns(const QStringList& titles, int current)
{
    const QSignalBlocker quiet(m_runs);
    m_runs->clear();
    m_runs->addItems(titles);
    m_runs->setCurrentIndex(current);
    m_runRow->setVisible(titles.size() > 1);
}

QString NotesPanel::heading() const { return m_heading->text(); }
QString NotesPanel::body() const { return m_body->text(); }
QString NotesPanel::asks() const { return m_asks->text(); }

void NotesPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFonts();
}

void NotesPanel::applyFonts()
{
    // The note is read from the back of the room, like Why's sentence.
    QFont heading = typography::scaledFont(font(), 1.45);
    heading.setBold(true);
    m_heading->setFont(heading);
    m_body->setFont(typography::scaledFont(font(), 1.3));
    QFont asks = typography::scaledFont(font(), 1.15);
    asks.setItalic(true);
    m_asks->setFont(asks);
}

} // namespace ui
