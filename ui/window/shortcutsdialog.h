// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QMenuBar;

namespace ui {

// Help > Keyboard shortcuts: every shortcut of the menus, read from the actions themselves
// so the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);
};

} // namespace ui
