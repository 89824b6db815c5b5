// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>

namespace ui {

enum class Glyph {
    Play,
    Pause,
    StepForward,
    StepBack,
    ToStart,
    ToEnd,
    NextInstant,
    PreviousInstant,
    Run,
    NewSeed,
};

// A toolbar icon drawn as vector shapes at whatever size and pixel ratio is asked, in the
// palette's button-text colour at paint time: crisp on high-DPI projectors and right in
// both themes without a second icon set.
QIcon glyphIcon(Glyph glyph);

} // namespace ui
