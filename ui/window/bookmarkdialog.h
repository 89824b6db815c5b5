// SPDX-License-Identifier: MIT
#pragma once

#include "lesson.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace ui {

// The teacher's editor for a bookmark (title, note, the questions asked there) or, without
// questions, for the lesson's title and introduction. Plain text only.
class BookmarkDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind { Bookmark, Introduction };
    BookmarkDialog(Kind kind, const QString& caption, QWidget* parent = nullptr);

    void setBookmark(const LessonBookmark& bookmark); // title, note, asks (step stays the caller's)
    LessonBookmark bookmark(std::uint64_t step) const;

private:
    QLineEdit* m_title;
    QPlainTextEdit* m_note;
    std::vector<std::pair<sim::QuestionKind, QCheckBox*>> m_asks;
};

// How the Notes panel says a question: "which task runs next?".
QString questionText(sim::QuestionKind kind);

} // namespace ui
