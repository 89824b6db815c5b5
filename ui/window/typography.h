// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>

namespace ui::typography {

// The text zoom: 1.0 is the default, already large enough to read from the back of a
// classroom; Ctrl+= / Ctrl+- step it by `zoomStep`, within [minScale, maxScale].
inline constexpr double minScale = 0.6;
inline constexpr double maxScale = 3.0;
inline constexpr double zoomStep = 1.15;
double clampScale(double scale);

// The application font at `scale`: the desktop's font enlarged for a projector. The
// desktop's own font is captured the first time any function here runs, so applying a
// zoom twice never compounds.
QFont applicationFont(double scale);

// Same size as `base`, fixed pitch: program output and listings.
QFont monospaceFont(const QFont& base);

// `base` scaled by `factor` (the Why sentence, the step readout).
QFont scaledFont(const QFont& base, double factor);

} // namespace ui::typography
