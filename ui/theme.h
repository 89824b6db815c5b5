// SPDX-License-Identifier: MIT
#pragma once

#include "loopstate.h"

#include <QColor>
#include <QPalette>
#include <QString>

#include <array>

namespace ui {

enum class ThemeKind { Light, Dark };

// How one task state is drawn: a fill colour, an outline, and a brush pattern on top, so
// that states stay apart in grey-scale print and for colour-blind readers.
struct StateStyle {
    QColor fill;
    QColor outline;
    Qt::BrushStyle pattern = Qt::NoBrush;
    QColor patternColor;
    QString label; // as the legend and tooltips name the state
};

// The app's colours. Value type: copy it freely.
class Theme {
public:
    static Theme light(); // also the print theme for exports
    static Theme dark();
    static Theme forKind(ThemeKind kind);

    ThemeKind kind() const { return m_kind; }
    // Okabe-Ito colours plus a distinct pattern / outline per state.
    StateStyle style(sim::TaskState state) const;
    // Every state, in the order the legend lists them.
    static const std::array<sim::TaskState, 16>& states();

    QColor background, foreground, mutedText, grid, laneSeparator, cursor, arrow, tieMark, highlight,
        panelBackground;

    // For QApplication::setPalette, so panels follow the theme.
    QPalette palette() const;
    // For QApplication::setPalette(…, "QMenu"): Fusion outlines the check boxes and radio
    // buttons of menu items in the Window colour darkened, which vanished on the dark
    // theme's panels; menus take a mid grey Window so an unchecked box shows (3:1 or more
    // against the menu) in either theme. It also draws the menu's border.
    QPalette menuPalette() const;

private:
    ThemeKind m_kind = ThemeKind::Light;
};

// Behind the lines a step printed and the current listing line (in the window and on the
// handout): the theme's highlight, light enough that the text on it keeps its contrast.
inline QColor highlightBackground(const Theme& theme)
{
    QColor colour = theme.highlight;
    colour.setAlphaF(theme.kind() == ThemeKind::Dark ? 0.35 : 0.18);
    return colour;
}

} // namespace ui
