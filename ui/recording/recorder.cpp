// SPDX-License-Identifier: MIT
#include "recorder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

// Q_INIT_RESOURCE declares a function of the global namespace: the resource is compiled
// into this static library, which the linker would otherwise leave out.
static void initRecorderResource() { Q_INIT_RESOURCE(recorder); }

namespace ui {

namespace {
    QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }

    PythonCheck findPython()
    {
        PythonCheck check;
        check.program = qEnvironmentVariableIsSet("LOOPSCOPE_PYTHON") ? qEnvironmentVariable("LOOPSCOPE_PYTHON")
                                                                      : QStringLiteral("python3");
        QProcess probe;
        probe.start(check.program, { QStringLiteral("-c"),
                                       QStringLiteral("import platform; print(platform.python_implementation(), platform.python_version())") });
        if (!probe.waitForStarted(5000)) {
            check.error = QStringLiteral("no %1 on this machine: recording a Python program needs CPython 3.11 "
                                         "(Debian 12's python3); the built-in programs work without it")
                              .arg(check.program);
            return check;
        }
        probe.waitForFinished(10000);
        const QString found = QString::fromUtf8(probe.readAllStandardOutput()).trimmed();
        const QStringList parts = found.split(QLatin1Char(' '));
        check.version = parts.value(1);
        if (parts.value(0) != QLatin1String("CPython") || !check.version.startsWith(QLatin1String("3.11.")))
            check.error = QStringLiteral("%1 is %2: recording a Python program needs CPython 3.11, whose asyncio "
                                         "the recorder follows step by step; the built-in programs work without it")
                              .arg(check.program, found.isEmpty() ? QStringLiteral("not a working Python") : found);
        return check;
    }
}

const PythonCheck& checkPython()
{
    static const PythonCheck check = findPython();
    return check;
}

QString recorderScript(QString* error)
{
    initRecorderResource();
    static QTemporaryDir folder;
    static QString path;
    if (!path.isEmpty())
        return path;
    QFile source(QStringLiteral(":/recorder/loopscope_record.py"));
    if (!source.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the recorder is missing from this build of Loopscope");
        return {};
    }
    const QString target = folder.filePath(QStringLiteral("loopscope_record.py"));
    QFile file(target);
    if (!folder.isValid() || !file.open(QIODevice::WriteOnly) || file.write(source.readAll()) < 0 || !file.flush()) {
        *error = QStringLiteral("cannot write the recorder to a temporary folder: %1").arg(file.errorString());
        return {};
    }
    path = target;
    return path;
}

QString unreadableScript(const sim::RunRequest& request)
{
    const QString path = QString::fromStdString(request.script->path);
    const QFileInfo file(path);
    if (!file.exists())
        return QStringLiteral("cannot read '%1': no such file").arg(path);
    if (!file.isFile() || !file.isReadable())
        return QStringLiteral("cannot read '%1': not a readable file").arg(path);
    return {};
}

QProcessEnvironment recorderEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONHASHSEED"), QStringLiteral("0"));
    return environment;
}

RecorderExit recorderExit(int exitCode)
{
    return exitCode >= 0 && exitCode <= int(RecorderExit::Refused) ? RecorderExit(exitCode) : RecorderExit::Failed;
}

QStringList recorderArguments(
    const QString& script, const sim::RunRequest& request, const QString& tracePath, const RecordingLimits& limits)
{
    // Loopscope's options before the program's file; everything after it is the program's argv.
    QStringList arguments { script, QStringLiteral("--seed"), text(request.seed.decimal()), QStringLiteral("--limit-seconds"),
        QString::number(limits.wallSeconds), QStringLiteral("--limit-steps"), QString::number(limits.steps),
        QStringLiteral("--limit-output"), QString::number(limits.outputBytes), QStringLiteral("-o"), tracePath,
        QString::fromStdString(request.script->path) };
    for (const std::string& word : request.script->argv)
        arguments << QString::fromStdString(word);
    return arguments;
}

Recording recordBlocking(const sim::RunRequest& request, const QString& tracePath, bool quietOutput)
{
    Recording recording;
    recording.error = unreadableScript(request);
    if (!recording.error.isEmpty()) {
        recording.exit = RecorderExit::Failed;
        return recording;
    }
    const PythonCheck& python = checkPython();
    if (!python.usable()) {
        recording.error = python.error;
        recording.exit = RecorderExit::Failed;
        return recording;
    }
    const QString script = recorderScript(&recording.error);
    if (script.isEmpty()) {
        recording.exit = RecorderExit::Failed;
        return recording;
    }
    const RecordingLimits limits;
    QProcess process;
    process.setProcessEnvironment(recorderEnvironment());
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (quietOutput)
        process.setStandardOutputFile(QProcess::nullDevice());
    else
        process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(python.program, recorderArguments(script, request, tracePath, limits));
    if (!process.waitForStarted(10000) || process.error() == QProcess::FailedToStart) {
        recording.exit = RecorderExit::Failed;
        recording.error = QStringLiteral("cannot start %1: %2").arg(python.program, process.errorString());
        return recording;
    }
    if (!process.waitForFinished((limits.wallSeconds + 5) * 1000)) {
        process.kill(); // it stopped answering: its own limit should have stopped it by now
        process.waitForFinished();
        recording.exit = RecorderExit::Failed;
        recording.error = QStringLiteral("%1 did not stop within %2 s and was killed")
                              .arg(QString::fromStdString(request.script->fileName))
                              .arg(limits.wallSeconds);
        return recording;
    }
    recording.exit = process.exitStatus() == QProcess::NormalExit ? recorderExit(process.exitCode()) : RecorderExit::Failed;
    if (QFile::exists(tracePath)) {
        QString error;
        recording.contents = readTraceFile(tracePath, &error);
        if (!recording.contents)
            recording.error = error;
    }
    return recording;
}

} // namespace ui
