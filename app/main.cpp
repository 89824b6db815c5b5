// SPDX-License-Identifier: MIT
// `loopscope`: the window with no command; `print` and `export` run headless.
#include "commandline.h"
#include "headless.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace {
int openWindow(int argc, char** argv);
}

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const ParsedCommandLine parsed = parseCommandLine(arguments);
    if (!parsed.command) {
        std::fprintf(stderr, "loopscope: %s\n", qPrintable(parsed.error));
        std::fprintf(stderr, "Try 'loopscope --help' for more information.\n");
        return int(ExitCode::UsageError);
    }
    const Command& command = *parsed.command;
    switch (command.kind) {
    case Command::Kind::Help:
        std::fputs(qPrintable(helpText()), stdout);
        return int(ExitCode::Ok);
    case Command::Kind::Version:
        std::printf("loopscope %s\n", LOOPSCOPE_VERSION);
        return int(ExitCode::Ok);
    case Command::Kind::Print: {
        QCoreApplication app(argc, argv);
        return int(runPrint(command));
    }
    case Command::Kind::Export: {
        QCoreApplication app(argc, argv);
        return int(runExport(command));
    }
    case Command::Kind::Window:
        return openWindow(argc, argv);
    }
    return int(ExitCode::UsageError);
}

namespace {
int openWindow(int argc, char** argv)
{
    QApplication app(argc, argv);
    std::fprintf(stderr, "loopscope: the window is not built yet; try 'loopscope print chained'\n");
    return int(ExitCode::RuntimeFailure);
}
}
