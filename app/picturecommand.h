// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

// `loopscope export ... -o FILE.png|svg|pdf`: the timeline as a picture or a handout. Part of
// `loopscope-gui` (Qt Gui draws them); needs a QGuiApplication. Returns the exit code.
ExitCode runPictureExport(const Command& command);
