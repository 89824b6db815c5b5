// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ui {

class Settings;

// File > Open Recent: the Python programs and traces opened lately, newest first, kept in
// the settings. Files that no longer exist are shown disabled, so nothing surprises in class.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int maxFiles = 8;

    RecentFiles(Settings& settings, QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path); // moves it to the top
    QStringList files() const { return m_files; }

signals:
    void openRequested(const QString& path);

private:
    void rebuild();

    Settings& m_settings;
    QMenu* m_menu;
    QStringList m_files;
};

} // namespace ui
