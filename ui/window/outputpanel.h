// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QPlainTextEdit;

namespace ui {

// What the program has printed up to the cursor, in a monospace font, the lines the step
// that just ran printed highlighted and scrolled into view. Lines are appended or removed at the end as the
// cursor moves, so stepping through a run with a long output stays cheap.
class OutputPanel : public QWidget {
    Q_OBJECT
public:
    explicit OutputPanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    // Shows the first `lineCount` printed lines (sim::LoopState::outputLines after the step)
    // and highlights those from `newFrom` on (the count before the step): what it printed.
    void showLines(std::size_t lineCount, std::size_t newFrom);
    void setTheme(const Theme& theme);

    // As displayed: the lines shown, the highlighted ones (the step's), and the last of
    // those, empty when none.
    QStringList lines() const;
    QStringList highlightedLines() const;
    QString highlightedLine() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void highlightNew();
    void scrollToNewest();

    QPlainTextEdit* m_text;
    RunDataPtr m_run;
    std::size_t m_shown = 0;
    std::size_t m_newFrom = 0; // the first highlighted line
    Theme m_theme = Theme::light();
};

} // namespace ui
