// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QColor>

namespace ui {

// Colours the window derives from the theme, in one place so every panel agrees.

// (highlightBackground(), shared with the handout, is in theme.h.)

// Deadlocks, limits, invalid input: Okabe-Ito vermillion, lightened on dark backgrounds.
inline QColor warningColour(const Theme& theme)
{
    return theme.kind() == ThemeKind::Dark ? QColor(0xff, 0x8a, 0x3d) : QColor(0xd5, 0x5e, 0x00);
}

// A right answer in Predict mode: Okabe-Ito bluish green, lightened on dark backgrounds.
inline QColor rightColour(const Theme& theme)
{
    return theme.kind() == ThemeKind::Dark ? QColor(0x3d, 0xd6, 0xa8) : QColor(0x00, 0x84, 0x60);
}

} // namespace ui
