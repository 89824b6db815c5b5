// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;

namespace ui {

// The status bar's "simulating…" indicator: what runs, how far it got (handles run,
// virtual time), a busy bar and a Cancel button for the controller's cancel action. It
// appears only when a simulation takes longer than a moment, so quick runs do not flicker.
class ProgressIndicator : public QWidget {
    Q_OBJECT
public:
    explicit ProgressIndicator(QAction* cancel, QWidget* parent = nullptr);

    static constexpr int showDelayMs = 300;

    // `description` names the run ("asyncq -p 2000 -c 4000 · seed 444").
    void start(const QString& description);
    void setProgress(quint64 handlesRun, double virtualSeconds);
    void stop();
    QString text() const;

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QTimer m_showDelay;
    QString m_description;
};

} // namespace ui
