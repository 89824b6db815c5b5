// SPDX-License-Identifier: MIT
#include "bookmarkdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

QString questionText(sim::QuestionKind kind)
{
    switch (kind) {
    case sim::QuestionKind::NextTask:
        return BookmarkDialog::tr("which task runs next?");
    case sim::QuestionKind::NextOutput:
        return BookmarkDialog::tr("what is printed next?");
    case sim::QuestionKind::EndTime:
        return BookmarkDialog::tr("when does the run end?");
    }
    return {};
}

BookmarkDialog::BookmarkDialog(Kind kind, const QString& caption, QWidget* parent)
    : QDialog(parent)
    , m_title(new QLineEdit(this))
    , m_note(new QPlainTextEdit(this))
{
    setWindowTitle(caption);
    m_title->setObjectName(QStringLiteral("bookmarkTitle"));
    m_note->setObjectName(QStringLiteral("bookmarkNote"));
    m_note->setTabChangesFocus(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Title"), m_title);
    form->addRow(kind == Kind::Bookmark ? tr("&Note for the class") : tr("&Introduction"), m_note);
    if (kind == Kind::Bookmark) {
        auto* asks = new QVBoxLayout;
        for (sim::QuestionKind question :
            { sim::QuestionKind::NextTask, sim::QuestionKind::NextOutput, sim::QuestionKind::EndTime }) {
            auto* box = new QCheckBox(questionText(question), this);
            box->setObjectName(QStringLiteral("ask%1").arg(int(question)));
            asks->addWidget(box);
            m_asks.emplace_back(question, box);
        }
        form->addRow(tr("Ask"), asks);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* column = new QVBoxLayout(this);
    column->addLayout(form);
    column->addWidget(buttons);
}

void BookmarkDialog::setBookmark(const LessonBookmark& bookmark)
{
    m_title->setText(bookmark.title);
    m_note->setPlainText(bookmark.note);
    for (auto& [question, box] : m_asks)
        box->setChecked(std::ranges::find(bookmark.asks, question) != bookmark.asks.end());
}

LessonBookmark BookmarkDialog::bookmark(std::uint64_t step) const
{
    LessonBookmark bookmark;
    bookmark.step = step;
    bookmark.title = m_title->text().trimmed();
    bookmark.note = m_note->toPlainText();
    for (const auto& [question, box] : m_asks)
        if (box->isChecked())
            bookmark.asks.push_back(question);
    return bookmark;
}

} // namespace ui
