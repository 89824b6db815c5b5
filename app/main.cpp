// SPDX-License-Identifier: MIT
// `loopscope`: print, record, examples and exports to a trace file run here, loading Qt Core
// only; the window and the picture exports are `loopscope-gui`'s, exec'd with the same
// arguments (app/README.md), so a tiny `print` starts in a few milliseconds.
#include "commandline.h"
#include "headless.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace {
// Where loopscope-gui is: beside this executable (the build tree), or in the libexec folder
// of an install (bin/loopscope, libexec/loopscope/loopscope-gui; app/CMakeLists.txt).
ExitCode execGui(char** argv)
{
    std::error_code failed;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", failed);
    const std::filesystem::path folder = self.parent_path();
    std::string tried;
    for (const std::filesystem::path& gui :
        { folder / "loopscope-gui", (folder / LOOPSCOPE_GUI_FROM_BINDIR / "loopscope-gui").lexically_normal() }) {
        execv(gui.c_str(), argv); // returns only when it could not start
        if (errno != ENOENT) {
            std::fprintf(stderr, "loopscope: cannot start %s: %s\n", gui.c_str(), std::strerror(errno));
            return ExitCode::RuntimeFailure;
        }
        tried += (tried.empty() ? "" : " or ") + gui.string();
    }
    std::fprintf(stderr,
        "loopscope: the window and the picture exports need loopscope-gui, which is not installed (looked for %s)\n",
        tried.c_str());
    return ExitCode::RuntimeFailure;
}
}

int main(int argc, char** argv)
{
    const ParsedCommandLine parsed = parseCommandLine(argc, argv);
    if (!parsed.command)
        return int(reportUsageError(parsed.error));
    if (const std::optional<ExitCode> exit = runHeadless(argc, argv, *parsed.command))
        return int(*exit);
    return int(execGui(argv));
}
