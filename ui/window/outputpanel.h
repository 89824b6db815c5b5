// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QPlainTextEdit;

namespace ui {

// What the program has printed up to the cursor, in a monospace font, the newest line
// highlighted and scrolled into view. Lines are appended or removed at the end as the
// cursor moves, so stepping through a run with a long output stays cheap.
class OutputPanel : public QWidget {
    Q_OBJECT
public:
    explicit OutputPanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    // Shows the first `lineCount` printed lines (sim::LoopState::outputLines).
    void showLines(std::size_t lineCount);
    void setTheme(const Theme& theme);

    // As displayed: the lines shown, and the highlighted (newest) one, empty when none.
    QStringList lines() const;
    QString highlightedLine() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void highlightNewest();
    void scrollToNewest();

    QPlainTextEdit* m_text;
    RunDataPtr m_run;
    std::size_t m_shown = 0;
    Theme m_theme = Theme::light();
};

} // namespace ui
