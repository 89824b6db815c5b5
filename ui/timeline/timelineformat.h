// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

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

} // namespace ui
