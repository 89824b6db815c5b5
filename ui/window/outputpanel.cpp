// SPDX-License-Identifier: MIT
#include "outputpanel.h"

#include "plural.h"
#include "typography.h"
#include "windowcolours.h"

#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

OutputPanel::OutputPanel(QWidget* parent)
    : QWidget(parent)
    , m_earlier(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_earlier->setObjectName(QStringLiteral("outputEarlier"));
    m_earlier->setForegroundRole(QPalette::PlaceholderText);
    m_earlier->setTextFormat(Qt::PlainText);
    m_earlier->hide();
    m_text->setObjectName(QStringLiteral("outputText"));
    m_text->setReadOnly(true);
    m_text->setFocusPolicy(Qt::ClickFocus); // read-only: claims no step key (see CodeView)
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setPlaceholderText(tr("Nothing printed yet."));
    m_text->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_earlier);
    layout->addWidget(m_text);
    m_text->setFont(typography::monospaceFont(font()));
}

void OutputPanel::setRun(RunDataPtr run)
{
    m_run = std::move(run);
    m_text->clear();
    m_first = m_shown = 0;
    m_newFrom = 0;
    m_tracebackShown = false;
    m_earlier->hide();
    highlightNew();
}

QString OutputPanel::joinedLines(std::size_t begin, std::size_t end) const
{
    QString text;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin)
            text += QLatin1Char('\n');
        text += QString::fromUtf8(m_run->trace.outputLine(i));
    }
    return text;
}

void OutputPanel::showLines(std::size_t lineCount, std::size_t newFrom, bool failed)
{
    if (!m_run)
        return;
    lineCount = std::min(lineCount, m_run->trace.outputLines.size());
    newFrom = std::min(newFrom, lineCount);
    const std::size_t first = lineCount > maxShown ? lineCount - maxShown : 0;
    const bool traceback = failed && !m_run->trace.traceback().empty();
    if (lineCount == m_shown && first == m_first && newFrom == m_newFrom && traceback == m_tracebackShown)
        return;
    m_newFrom = newFrom;
    if (lineCount == m_shown && first == m_first) {
        showTraceback(traceback);
        return highlightNew();
    }
    showTraceback(false); // the output's lines change with it gone
    // Block b of the document is line m_first + b. Each edit touches only the lines that
    // enter or leave [first, lineCount), and a jump far away refills at most maxShown.
    QTextDocument* document = m_text->document();
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    const bool overlaps = first < m_shown && m_first < lineCount;
    if (!overlaps) {
        cursor.select(QTextCursor::Document);
        cursor.removeSelectedText();
        cursor.insertText(joinedLines(first, lineCount));
    } else {
        // The end first, while block numbers still count from m_first.
        if (lineCount > m_shown) {
            cursor.movePosition(QTextCursor::End);
            cursor.insertText(QLatin1Char('\n') + joinedLines(m_shown, lineCount));
        } else if (lineCount < m_shown) {
            const QTextBlock lastKept = document->findBlockByNumber(int(lineCount - m_first) - 1);
            cursor.setPosition(lastKept.position() + lastKept.length() - 1);
            cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        }
        if (first > m_first) {
            cursor.movePosition(QTextCursor::Start);
            cursor.setPosition(document->findBlockByNumber(int(first - m_first)).position(), QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        } else if (first < m_first) {
            cursor.movePosition(QTextCursor::Start);
            cursor.insertText(joinedLines(first, m_first) + QLatin1Char('\n'));
        }
    }
    cursor.endEditBlock();
    m_first = first;
    m_shown = lineCount;
    m_earlier->setText(counted(qint64(first), tr("\u2026 %L1 earlier line"), tr("\u2026 %L1 earlier lines")));
    m_earlier->setVisible(first > 0);
    showTraceback(traceback);
    highlightNew();
}

void OutputPanel::showTraceback(bool show)
{
    if (show == m_tracebackShown)
        return;
    QTextCursor cursor(m_text->document());
    const bool noLines = m_shown == m_first;
    if (show) {
        const std::string_view traceback = m_run->trace.traceback();
        QString text = QString::fromUtf8(traceback.data(), qsizetype(traceback.size()));
        while (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        QTextCharFormat error;
        error.setForeground(warningColour(m_theme));
        cursor.movePosition(QTextCursor::End);
        cursor.insertText((noLines ? QString() : QStringLiteral("\n")) + text, error);
    } else if (noLines) {
        m_text->clear();
    } else {
        const QTextBlock lastLine = m_text->document()->findBlockByNumber(int(m_shown - m_first) - 1);
        cursor.setPosition(lastLine.position() + lastLine.length() - 1);
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
    }
    m_tracebackShown = show;
}

void OutputPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    if (m_tracebackShown) { // in the new theme's warning colour
        showTraceback(false);
        showTraceback(true);
    }
    highlightNew();
}

QStringList OutputPanel::lines() const
{
    if (m_shown == 0)
        return {};
    return m_text->toPlainText().split(QLatin1Char('\n')).mid(0, qsizetype(m_shown - m_first));
}

QStringList OutputPanel::tracebackLines() const
{
    if (!m_tracebackShown)
        return {};
    return m_text->toPlainText().split(QLatin1Char('\n')).mid(qsizetype(m_shown - m_first));
}

QString OutputPanel::earlierNote() const { return m_first > 0 ? m_earlier->text() : QString(); }

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
        const int margin = fontMetrics().height() / 4;
        m_earlier->setContentsMargins(margin, 0, margin, 0);
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
    // (Lines before the first one held are not highlighted: the step printed more than fit.)
    const std::size_t from = std::max(m_newFrom, m_first);
    for (QTextBlock block = m_text->document()->findBlockByNumber(int(from - m_first));
         block.isValid() && block.blockNumber() < int(m_shown - m_first); block = block.next()) {
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
