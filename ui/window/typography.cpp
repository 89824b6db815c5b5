// SPDX-License-Identifier: MIT
#include "typography.h"

#include <QApplication>
#include <QFontDatabase>

#include <algorithm>

namespace ui::typography {

namespace {
    // A desktop font is 9 to 11 points; 1.45 times that is what projected slides use.
    constexpr double projectorFactor = 1.45;

    const QFont& desktopFont()
    {
        static const QFont font = QApplication::font();
        return font;
    }
}

double clampScale(double scale) { return std::clamp(scale, minScale, maxScale); }

QFont applicationFont(double scale)
{
    QFont font = desktopFont();
    const double desktopPoints = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
    font.setPointSizeF(std::max(desktopPoints, 9.0) * projectorFactor * clampScale(scale));
    return font;
}

QFont monospaceFont(const QFont& base)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    font.setPointSizeF(base.pointSizeF());
    return font;
}

QFont scaledFont(const QFont& base, double factor)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    return font;
}

} // namespace ui::typography
