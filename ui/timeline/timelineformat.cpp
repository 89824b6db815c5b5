// SPDX-License-Identifier: MIT
#include "timelineformat.h"

#include <QCoreApplication>
#include <QFontMetricsF>

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

QString elideName(const QFontMetricsF& metrics, const QString& name, double width)
{
    if (metrics.horizontalAdvance(name) <= width)
        return name;
    qsizetype digits = name.size();
    while (digits > 0 && name[digits - 1].isDigit())
        --digits;
    const QString number = name.mid(digits);
    const QString words = name.left(digits);
    const QString ellipsis(QChar(0x2026));
    const double numberWidth = metrics.horizontalAdvance(number);
    if (!number.isEmpty() && !words.trimmed().isEmpty()
        && numberWidth + metrics.horizontalAdvance(words.left(1) + ellipsis) <= width) {
        const QString cut = metrics.elidedText(words, Qt::ElideRight, width - numberWidth);
        // Keep the space before the number when the ellipsis lands on it: "Cons… 3988".
        const bool spaced = words.endsWith(QLatin1Char(' ')) && !cut.endsWith(QLatin1Char(' '));
        if (spaced && metrics.horizontalAdvance(cut + QLatin1Char(' ') + number) <= width)
            return cut + QLatin1Char(' ') + number;
        return cut + number;
    }
    return metrics.elidedText(name, Qt::ElideMiddle, width);
}

} // namespace ui
