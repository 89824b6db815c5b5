// SPDX-License-Identifier: MIT
#include "codeview.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>

namespace ui {

class CodeView::Gutter : public QWidget {
public:
    explicit Gutter(CodeView* view)
        : QWidget(view)
        , m_view(view)
    {
    }
    QSize sizeHint() const override { return { m_view->gutterWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent* event) override { m_view->paintGutter(event); }

private:
    CodeView* m_view;
};

CodeView::CodeView(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
{
    setReadOnly(true);
    // A click takes the focus out of a run field (ending its editing); being read-only, it
    // claims no step key, so the window's shortcuts keep working here.
    setFocusPolicy(Qt::ClickFocus);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeView::updateGutter);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

int CodeView::gutterWidth() const
{
    const int digits = QString::number(std::max(1, blockCount())).size();
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * (digits + 2);
}

void CodeView::highlightLine(int line)
{
    m_line = line;
    applyHighlight();
    centreHighlightedLine();
}

void CodeView::centreHighlightedLine()
{
    if (m_line <= 0)
        return;
    // Scroll so the line sits in the middle, as a reader's eye expects.
    setTextCursor(QTextCursor(document()->findBlockByNumber(m_line - 1)));
    centerCursor();
}

void CodeView::recentreWhenLaidOut()
{
    QTimer::singleShot(0, this, [this] {
        // Not while the user edits the program (a recorded one's listing is editable): the
        // text cursor stays where they left it.
        if (isReadOnly() || !hasFocus())
            centreHighlightedLine();
    });
}

void CodeView::scrollToTop()
{
    moveCursor(QTextCursor::Start);
    verticalScrollBar()->setValue(0);
}

void CodeView::setHighlightColour(const QColor& colour)
{
    m_highlight = colour;
    applyHighlight();
}

void CodeView::setGutterColours(const QColor& text, const QColor& background)
{
    m_gutterText = text;
    m_gutterBackground = background;
    m_gutter->update();
}

void CodeView::applyHighlight()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_line > 0 && m_line <= blockCount()) {
        QTextEdit::ExtraSelection current;
        current.cursor = QTextCursor(document()->findBlockByNumber(m_line - 1));
        current.format.setBackground(m_highlight);
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << current;
    }
    setExtraSelections(selections);
    m_gutter->update();
}

void CodeView::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(area.left(), area.top(), gutterWidth(), area.height());
    recentreWhenLaidOut();
}

void CodeView::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        setViewportMargins(gutterWidth(), 0, 0, 0);
        const QRect area = contentsRect();
        m_gutter->setGeometry(area.left(), area.top(), gutterWidth(), area.height());
        recentreWhenLaidOut();
    }
}

void CodeView::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void CodeView::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_gutterBackground);
    painter.setFont(font());
    const int right = m_gutter->width() - fontMetrics().horizontalAdvance(QLatin1Char('9'));
    QTextBlock block = firstVisibleBlock();
    double top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const double height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            QFont number = font();
            number.setBold(line == m_line);
            painter.setFont(number);
            painter.setPen(line == m_line ? palette().color(QPalette::Text) : m_gutterText);
            painter.drawText(QRectF(0, top, right, height), Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        }
        block = block.next();
        top += height;
    }
}

} // namespace ui
