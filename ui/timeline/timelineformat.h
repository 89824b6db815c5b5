// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QFontMetricsF;

#include <cstddef>

namespace ui {

// Virtual seconds as a teacher reads them: "4 s", "0.5 s", "1.25 s" (at most three
// decimals, trailing zeros dropped; -0 prints as 0).
QString formatSeconds(double seconds);
// "t = 4 s".
QString formatTime(double seconds);
// The smallest "nice" spacing (1, 2 or 5 times a power of ten) that is >= minimum; 1 for
// a minimum that is not positive and finite.
double niceStep(double minimum);
// A lane's name cut to `width`: a trailing number, which tells the lanes of one kind apart,
// stays whole and the words give way ("Consumer 3988" -> "Cons… 3988"); without one, or too
// narrow even for the number, cut in the middle.
QString elideName(const QFontMetricsF& metrics, const QString& name, double width);

} // namespace ui
