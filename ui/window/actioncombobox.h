// SPDX-License-Identifier: MIT
#pragma once

#include <QComboBox>
#include <QList>

class QAction;

namespace ui {

// A combo box over a group of exclusive, checkable actions (the timeline's three axes): it
// shows the checked one, by its short text, and triggers the one picked. A short toolbar
// offers the choice with it in the room of one button; the actions stay where they are
// (menus, keys), whoever triggers them.
class ActionComboBox : public QComboBox {
public:
    explicit ActionComboBox(QList<QAction*> actions, QWidget* parent = nullptr);

private:
    void showChecked();

    QList<QAction*> m_actions;
};

} // namespace ui
