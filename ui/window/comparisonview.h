// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace ui {

class TimelineWidget;

// Two runs side by side (File > Compare With): a second timeline under the window's own,
// sharing its view (axis, zoom and scroll: the window binds both timelines to its view
// state), following its cursor (by virtual time on the time axes, by step on the steps
// axis), and a summary of how the runs differ: their totals and the first step where their
// schedules part, with a button that moves the cursor there.
class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    // `first` is the window's run (drawn above), `second` the run compared with it.
    void setRuns(RunDataPtr first, RunDataPtr second);
    const RunDataPtr& second() const { return m_second; }
    bool isComparing() const { return bool(m_second); } // also while waiting for the window's run
    void clear();

    // Follow the window's cursor.
    void followPosition(std::size_t position);

    QString summary() const; // the caption, as plain text
    TimelineWidget* timeline() const { return m_timeline; }
    // The height at which it shows `lanes` lanes of its timeline whole at `textScale`, under
    // its summary, at its width.
    int heightShowing(double lanes, double textScale) const;
    // Its height is the window's to share out (MainWindow::fitTimelineText), not its summary's
    // wrapped lines plus a timeline's wish.
    bool hasHeightForWidth() const override { return false; }
    // The first step where the schedules part, if they do.
    std::optional<std::size_t> divergenceStep() const { return m_divergence; }

signals:
    // "Show where they part": the window moves its cursor to just before that step.
    void positionRequested(std::size_t position);

private:
    QHBoxLayout* m_header; // the summary and "Show where they part"
    QLabel* m_caption;
    QPushButton* m_showDivergence;
    TimelineWidget* m_timeline;
    RunDataPtr m_first;
    RunDataPtr m_second;
    std::optional<std::size_t> m_divergence;
};

} // namespace ui
