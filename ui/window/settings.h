// SPDX-License-Identifier: MIT
#pragma once

#include "runform.h"
#include "viewstate.h"

#include <QSettings>

namespace ui {

// What the window remembers between sessions, typed, with defaults for anything missing
// or unreadable (a hand-edited or older file never breaks the window). Stored with
// QSettings under the application's organization and name, which main() sets and tests
// redirect with QStandardPaths::setTestModeEnabled(true).
class Settings {
public:
    Settings();

    RunForm lastRun() const; // the default run (chained 1 2 3, seed 444) when none
    void setLastRun(const RunForm& form);

    // The view state (its text scale clamped to the allowed zoom range; a range only when
    // both its ends were saved and make one).
    ViewSettings view() const;
    void setView(const ViewSettings& view);
    bool predict() const; // Predict mode
    void setPredict(bool predict);
    bool predictClassMode() const;
    void setPredictClassMode(bool classMode);
    double playbackSpeed() const;
    void setPlaybackSpeed(double stepsPerSecond);
    // Files opened lately (Python programs, traces), newest first.
    QStringList recentFiles() const;
    void setRecentFiles(const QStringList& paths);

    // Python programs embedded in lessons that the user agreed to run (or saved in a lesson
    // of their own), by the SHA-256 of their source: a lesson opened again does not ask.
    bool trustsProgram(const QString& source) const;
    void trustProgram(const QString& source);

    // The folder of the last file exported; the user's documents folder when none.
    QString exportFolder() const;
    void setExportFolder(const QString& folder);

    // Whether the panels were where the window put them (true when unknown), so that they
    // are arranged again for the screen, or where the user put them.
    bool automaticPanelLayout() const;
    void setAutomaticPanelLayout(bool automatic);

    // QMainWindow::saveGeometry() / saveState() blobs; empty when none.
    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

private:
    mutable QSettings m_settings;
};

} // namespace ui
