// SPDX-License-Identifier: MIT
// `loopscope`: the window with no command; `print` and `export` run headless.
#include "commandline.h"
#include "headless.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QStyleFactory>

#include <cstdio>
#include <memory>

namespace {
int openWindow(int argc, char** argv, const Command& command);

// Qt aborts the process when its platform plugin finds no display; say so politely instead.
bool displayAvailable()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

// Headless commands keep stderr for their own one-line messages: Qt's diagnostics (e.g. the
// offscreen platform's note about XDG_RUNTIME_DIR) are dropped unless LOOPSCOPE_VERBOSE is set.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("LOOPSCOPE_VERBOSE"))
        std::fprintf(stderr, "%s\n", qPrintable(message));
}
}

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const ParsedCommandLine parsed = parseCommandLine(arguments);
    if (!parsed.command) {
        // One line (README, The command line), pointing to the help at its end.
        std::fprintf(stderr, "loopscope: %s (see loopscope --help)\n", qPrintable(parsed.error));
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
    case Command::Kind::Record: {
        qInstallMessageHandler(quietQtMessages);
        QCoreApplication app(argc, argv);
        return int(runRecord(command));
    }
    case Command::Kind::Examples: {
        qInstallMessageHandler(quietQtMessages);
        QCoreApplication app(argc, argv);
        return int(runExamples(command));
    }
    case Command::Kind::Print: {
        qInstallMessageHandler(quietQtMessages);
        QCoreApplication app(argc, argv);
        return int(runPrint(command));
    }
    case Command::Kind::Export: {
        // Pictures need fonts and a paint engine, never a display: the offscreen platform
        // gives both on a machine with no screen (CI, ssh, cron).
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(quietQtMessages);
        QGuiApplication app(argc, argv);
        return int(runExport(command));
    }
    case Command::Kind::Window:
        if (!displayAvailable()) {
            std::fprintf(stderr,
                "loopscope: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                "Run it on a desktop or under xvfb-run, or use the headless commands: loopscope --help\n");
            return int(ExitCode::RuntimeFailure);
        }
        return openWindow(argc, argv, command);
    }
    return int(ExitCode::UsageError);
}

namespace {
int openWindow(int argc, char** argv, const Command& command)
{
    // Fractional scale factors as the screen reports them (125 %, 150 %), not rounded:
    // text and the vector-drawn icons stay crisp on high-DPI projectors and laptops.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    // QSettings' location; tests use the same names with QStandardPaths' test mode.
    QCoreApplication::setOrganizationName(QStringLiteral("Loopscope"));
    QCoreApplication::setApplicationName(QStringLiteral("loopscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOPSCOPE_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Loopscope"));
    QGuiApplication::setDesktopFileName(QStringLiteral("loopscope"));
    // Fusion draws every control from the palette, so the light and dark themes look the
    // same on every desktop.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    int status = 0;
    {
        ui::MainWindow window;
        window.show();
        if (!command.lessonFile.isEmpty())
            window.openFile(command.lessonFile);
        else if (!command.traceFile.isEmpty())
            window.openTraceFile(command.traceFile);
        else if (command.request.isRecorded())
            window.recordProgram(command.request);
        status = app.exec();
    }
    // Deliver what the window's teardown left queued (a simulation's "finished" after a
    // close mid-run; deleteLater()s), so every coroutine frame and watcher is freed.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return status;
}
}
