// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ui {

// A count with its noun in the right number: counted(1, tr("%L1 item"), tr("%L1 items"))
// is "1 item", counted(1234, ...) "1,234 items". Both forms are whole phrases so that a
// translation can reorder them.
inline QString counted(qint64 count, const QString& one, const QString& many)
{
    return (count == 1 ? one : many).arg(count);
}

} // namespace ui
