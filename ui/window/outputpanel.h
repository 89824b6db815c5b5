// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace ui {

// What the program has printed up to the cursor, in a monospace font, the lines the step
// that just ran printed highlighted and scrolled into view. It holds the newest `maxShown`
// lines at most, with a note of how many came before: a large run prints millions, and a
// text document of them all took seconds to fill on a jump to the end and a gigabyte of
// memory. Lines are added and removed at either end as the cursor moves, so stepping stays
// cheap.
class OutputPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr std::size_t maxShown = 1000;

    explicit OutputPanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    // Shows the first `lineCount` printed lines (sim::LoopState::outputLines after the step)
    // and highlights those from `newFrom` on (the count before the step): what it printed.
    // `failed` (sim::LoopState::failed: the end of a run an exception escaped) adds the
    // traceback Python printed on stderr after them, in the warning colour.
    void showLines(std::size_t lineCount, std::size_t newFrom, bool failed = false);
    void setTheme(const Theme& theme);

    // As displayed: the lines shown, the highlighted ones (the step's), and the last of
    // those, empty when none.
    QStringList lines() const;
    QStringList highlightedLines() const;
    QString highlightedLine() const;
    // The note above the lines ("… 1,234 earlier lines"), empty when every line is shown.
    QString earlierNote() const;
    // The traceback's lines as displayed after the output (empty unless shown).
    QStringList tracebackLines() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void highlightNew();
    void showTraceback(bool show);
    void scrollToNewest();
    QString joinedLines(std::size_t begin, std::size_t end) const;

    QLabel* m_earlier;
    QPlainTextEdit* m_text;
    RunDataPtr m_run;
    std::size_t m_first = 0; // the lines shown are [m_first, m_shown)
    std::size_t m_shown = 0;
    std::size_t m_newFrom = 0; // the first highlighted line
    bool m_tracebackShown = false; // the traceback's lines follow the output's
    Theme m_theme = Theme::light();
};

} // namespace ui
