// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"
#include "theme.h"

#include <QWidget>

class QLabel;

namespace ui {

class CodeView;

// The Python program of the run (resources/listings), with line numbers and the line of
// the task that just ran highlighted: where that task is now (its await, or the line it
// finished on), which is what TaskStatus::line holds after its step.
class ListingPanel : public QWidget {
    Q_OBJECT
public:
    explicit ListingPanel(QWidget* parent = nullptr);

    void setRun(RunDataPtr run);
    void showPosition(std::size_t position, const sim::LoopState& state);
    void setTheme(const Theme& theme);

    // As displayed: the highlighted line (1-based, 0 for none) and the file's name.
    int highlightedLine() const;
    QString fileName() const { return m_run ? QString::fromUtf8(m_run->fileName().data(), qsizetype(m_run->fileName().size())) : QString(); }
    QString text() const;
    // Whether the listing can be edited (a program recorded from a file on this machine).
    bool isEditable() const;

signals:
    // Ctrl+Return in an editable listing: the edited source, to save and record again.
    void recordEditedRequested(const QString& source);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* m_caption;
    CodeView* m_code;
    RunDataPtr m_run;
    QString m_source; // the listing shown, so a new run of the same program keeps its scroll state
    Theme m_theme = Theme::light();
};

} // namespace ui
