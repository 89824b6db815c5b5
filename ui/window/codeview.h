// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

namespace ui {

// A read-only source view with a line-number gutter and one highlighted line, kept in
// the middle of the view as it moves.
class CodeView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeView(QWidget* parent = nullptr);

    // 1-based; 0 removes the highlight.
    void highlightLine(int line);
    void scrollToTop();
    int highlightedLine() const { return m_line; }
    void setHighlightColour(const QColor& colour);
    void setGutterColours(const QColor& text, const QColor& background);

    int gutterWidth() const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    class Gutter; // paints through paintGutter(); a nested class may call it
    void paintGutter(QPaintEvent* event);
    void updateGutter(const QRect& rect, int dy);
    void applyHighlight();
    void centreHighlightedLine();
    // Centres it again once the view is laid out anew (a new font, a new size): lines of a
    // new height or a scroll bar that appears would otherwise leave it half hidden. Not
    // while the user edits the text.
    void recentreWhenLaidOut();

    QWidget* m_gutter;
    int m_line = 0;
    QColor m_highlight;
    QColor m_gutterText;
    QColor m_gutterBackground;
};

} // namespace ui
