// SPDX-License-Identifier: MIT
#pragma once

#include "theme.h"

#include <QColor>

namespace ui {

// Colours the window derives from the theme, in one place so every panel agrees.

// Behind the newest output line and the current listing line: the theme's highlight,
// light enough that the text on it keeps its contrast.
inline QColor highlightBackground(const Theme& theme)
{
    QColor colour = theme.highlight;
    colour.setAlphaF(theme.kind() == ThemeKind::Dark ? 0.35 : 0.18);
    return colour;
}

// Deadlocks, limits, invalid input: Okabe-Ito vermillion, lightened on dark backgrounds.
inline QColor warningColour(const Theme& theme)
{
    return theme.kind() == ThemeKind::Dark ? QColor(0xff, 0x8a, 0x3d) : QColor(0xd5, 0x5e, 0x00);
}

} // namespace ui
