// SPDX-License-Identifier: MIT
#include "timelineformat.h"

#include <QCoreApplication>

#include <cmath>

namespace ui {

QString formatSeconds(double seconds)
{
    double rounded = std::round(seconds * 1000) / 1000;
    if (rounded == 0)
        rounded = 0; // no "-0"
    QString text = QString::number(rounded, 'f', 3);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return QCoreApplication::translate("ui::Timeline", "%1 s").arg(text);
}

QString formatTime(double seconds)
{
    return QCoreApplication::translate("ui::Timeline", "t = %1").arg(formatSeconds(seconds));
}

double niceStep(double minimum)
{
    if (!(minimum > 0) || !std::isfinite(minimum))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(minimum)));
    for (double mantissa : {1.0, 2.0, 5.0, 10.0}) {
        // A little slack so that 2.0000000001 (float noise) still gives 2.
        if (mantissa * power >= minimum * (1 - 1e-9))
            return mantissa * power;
    }
    return 10 * power;
}

} // namespace ui
