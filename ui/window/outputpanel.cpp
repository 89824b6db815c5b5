// SPDX-License-Identifier: MIT
#include "outputpanel.h"

#include "typography.h"
#include "windowcolours.h"

#include <QEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

OutputPanel::OutputPanel(QWidget* parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
{
    m_text->setObjectName(QStringLiteral("outputText"));
    m_text->setReadOnly(true);
    m_text->setFocusPolicy(Qt::ClickFocus); // read-only: claims no step key (see CodeView)
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setPlaceholderText(tr("Nothing printed yet."));
    m_text->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    m_text->setFont(typography::monospaceFont(font()));
}

void OutputPanel::setRun(RunDataPtr run)
{
    m_run = std::move(run);
    m_text->clear();
    m_shown = 0;
    m_newFrom = 0;
    highlightNew();
}

void OutputPanel::showLines(std::size_t lineCount, std::size_t newFrom)
{
    if (!m_run)
        return;
    lineCount = std::min(lineCount, m_run->trace.outputLines.size());
    newFrom = std::min(newFrom, lineCount);
    if (lineCount == m_shown && newFrom == m_newFrom)
        return;
    m_newFrom = newFrom;
    if (lineCount == m_shown)
        return highlightNew();
    QTextCursor cursor(m_text->document());
    cursor.beginEditBlock();
    if (lineCount > m_shown) {
        QString added;
        for (std::size_t i = m_shown; i < lineCount; ++i) {
            if (i > 0)
                added += QLatin1Char('\n');
            added += QString::fromUtf8(m_run->trace.outputLine(i));
        }
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(added);
    } else if (lineCount == 0) {
        m_text->clear();
    } else {
        // Remove from the end of the last kept line to the end of the document.
        const QTextBlock lastKept = m_text->document()->findBlockByNumber(int(lineCount) - 1);
        cursor.setPosition(lastKept.position() + lastKept.length() - 1);
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
    }
    cursor.endEditBlock();
    m_shown = lineCount;
    highlightNew();
}

void OutputPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    highlightNew();
}

QStringList OutputPanel::lines() const
{
    return m_shown == 0 ? QStringList() : m_text->toPlainText().split(QLatin1Char('\n'));
}

QStringList OutputPanel::highlightedLines() const
{
    QStringList lines;
    for (const QTextEdit::ExtraSelection& selection : m_text->extraSelections())
        lines << selection.cursor.block().text();
    return lines;
}

QString OutputPanel::highlightedLine() const
{
    const QStringList lines = highlightedLines();
    return lines.isEmpty() ? QString() : lines.last();
}

void OutputPanel::changeEvent(QEvent* event)
{
    // The text zoom reaches this panel as an inherited font: derive the monospace one from it.
    if (event->type() == QEvent::FontChange) {
        m_text->setFont(typography::monospaceFont(font()));
        // Larger text re-wraps the lines: keep the newest in view (once laid out).
        QTimer::singleShot(0, this, &OutputPanel::scrollToNewest);
    }
    QWidget::changeEvent(event);
}

void OutputPanel::highlightNew()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextCharFormat format;
    format.setBackground(highlightBackground(m_theme));
    format.setProperty(QTextFormat::FullWidthSelection, true);
    format.setFontWeight(QFont::Bold);
    for (QTextBlock block = m_text->document()->findBlockByNumber(int(m_newFrom));
         m_newFrom < m_shown && block.isValid(); block = block.next()) {
        QTextEdit::ExtraSelection line;
        // The whole block, so a wrapped line is highlighted on every row it takes.
        line.cursor = QTextCursor(block);
        line.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        line.format = format;
        selections << line;
    }
    if (m_shown > 0) {
        QTextCursor end(m_text->document());
        end.movePosition(QTextCursor::End);
        m_text->setTextCursor(end);
    }
    m_text->setExtraSelections(selections);
    scrollToNewest();
    // QPlainTextEdit lays wrapped lines out lazily, so the scroll range is only right once
    // the event loop has run: scroll again then.
    QTimer::singleShot(0, this, &OutputPanel::scrollToNewest);
}

void OutputPanel::scrollToNewest()
{
    QScrollBar* bar = m_text->verticalScrollBar();
    bar->setValue(bar->maximum());
}

} // namespace ui
