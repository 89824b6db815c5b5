// SPDX-License-Identifier: MIT
#include "recentfiles.h"

#include "settings.h"

#include <QFileInfo>
#include <QMenu>

namespace ui {

RecentFiles::RecentFiles(Settings& settings, QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_menu(menu)
    , m_files(settings.recentFiles().mid(0, maxFiles))
{
    rebuild();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    m_files = m_files.mid(0, maxFiles);
    m_settings.setRecentFiles(m_files);
    rebuild();
}

void RecentFiles::rebuild()
{
    m_menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i];
        // "&1 count.py" with the folder in the tooltip: the name is what a teacher looks for.
        QAction* action = m_menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    m_menu->setEnabled(!m_files.isEmpty());
}

} // namespace ui
