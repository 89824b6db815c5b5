// SPDX-License-Identifier: MIT
#include "actioncombobox.h"

#include <QAction>

namespace ui {

ActionComboBox::ActionComboBox(QList<QAction*> actions, QWidget* parent)
    : QComboBox(parent)
    , m_actions(std::move(actions))
{
    setFocusPolicy(Qt::TabFocus); // a click leaves the focus where it was
    setSizeAdjustPolicy(QComboBox::AdjustToContents); // and to the text zoom
    for (QAction* action : m_actions) {
        addItem(action->iconText());
        setItemData(count() - 1, action->toolTip(), Qt::ToolTipRole);
        connect(action, &QAction::toggled, this, &ActionComboBox::showChecked);
    }
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (QAction* action = m_actions.value(index))
            action->trigger();
    });
    showChecked();
}

void ActionComboBox::showChecked()
{
    for (qsizetype i = 0; i < m_actions.size(); ++i)
        if (m_actions[i]->isChecked())
            setCurrentIndex(int(i));
}

} // namespace ui
