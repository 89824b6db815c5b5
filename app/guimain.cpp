// SPDX-License-Identifier: MIT
// `loopscope-gui`: the window and the picture exports, the part of `loopscope` that needs Qt
// Gui and Widgets. `loopscope` execs it with its own arguments (app/README.md); given any
// other command it runs it as `loopscope` would.
#include "commandline.h"
#include "headless.h"
#include "mainwindow.h"
#include "picturecommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QStyleFactory>

#include <cstdio>

namespace {
int openWindow(int argc, char** argv, const Command& command);

// Qt aborts the process when its platform plugin finds no display; say so politely instead.
bool displayAvailable()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}
}

int main(int argc, char** argv)
{
    const ParsedCommandLine parsed = parseCommandLine(argc, argv);
    if (!parsed.command)
        return int(reportUsageError(parsed.error));
    const Command& command = *parsed.command;
    if (!needsGui(command))
        return int(*runHeadless(argc, argv, command));
    if (command.kind == Command::Kind::Export) {
        // Pictures need fonts and a paint engine, never a display: the offscreen platform
        // gives both on a machine with no screen (CI, ssh, cron).
        qputenv("QT_QPA_PLATFORM", "offscreen");
        quietenQtMessages();
        QGuiApplication app(argc, argv);
        return int(runPictureExport(command));
    }
    if (!displayAvailable()) {
        std::fprintf(stderr,
            "loopscope: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
            "Run it on a desktop or under xvfb-run, or use the headless commands: loopscope --help\n");
        return int(ExitCode::RuntimeFailure);
    }
    return openWindow(argc, argv, command);
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
