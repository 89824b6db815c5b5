// SPDX-License-Identifier: MIT
#include "settings.h"

#include "playbackcontroller.h"
#include "typography.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    // Keys; the groups keep the file readable when someone opens it.
    const QString runProgram = QStringLiteral("run/program");
    const QString runSeed = QStringLiteral("run/seed");
    const QString runFieldPrefix = QStringLiteral("run/"); // then RunForm's field key: "run/asyncq.producers"
    const QString runScriptPath = QStringLiteral("run/scriptPath");
    const QString runScriptArguments = QStringLiteral("run/scriptArguments");
    const QString viewTheme = QStringLiteral("view/theme");
    const QString viewTextScale = QStringLiteral("view/textScale");
    const QString viewAxis = QStringLiteral("view/axis");
    const QString viewInternals = QStringLiteral("view/showInternalTasks");
    const QString viewHideFuture = QStringLiteral("view/hideFuture");
    const QString viewRangeStart = QStringLiteral("view/rangeStart");
    const QString viewRangeEnd = QStringLiteral("view/rangeEnd");
    const QString viewPredict = QStringLiteral("view/predict");
    const QString viewPredictClassMode = QStringLiteral("view/predictClassMode");
    const QString playbackSpeedKey = QStringLiteral("playback/speed");
    const QString exportFolderKey = QStringLiteral("export/folder");
    const QString trustedProgramsKey = QStringLiteral("lessons/trustedPrograms");
    constexpr qsizetype trustedProgramsKept = 500; // newest first; older ones are asked about again

    QString digestOf(const QString& source)
    {
        return QString::fromLatin1(QCryptographicHash::hash(source.toUtf8(), QCryptographicHash::Sha256).toHex());
    }
    const QString windowGeometryKey = QStringLiteral("window/geometry");
    const QString windowStateKey = QStringLiteral("window/state");
    const QString windowAutomaticLayoutKey = QStringLiteral("window/automaticPanelLayout");
}

Settings::Settings() = default;

RunForm Settings::lastRun() const
{
    RunForm form;
    form.program = m_settings.value(runProgram, form.program).toString();
    form.seed = m_settings.value(runSeed, form.seed).toString();
    form.scriptPath = m_settings.value(runScriptPath).toString();
    form.scriptArguments = m_settings.value(runScriptArguments).toString();
    for (const sim::Program* program : sim::programs()) {
        for (const sim::ProgramParameter& parameter : program->parameters) {
            const QString key = fieldKey(*program, parameter);
            if (m_settings.contains(runFieldPrefix + key))
                form.fields.insert(key, m_settings.value(runFieldPrefix + key).toString());
        }
    }
    return form;
}

void Settings::setLastRun(const RunForm& form)
{
    m_settings.setValue(runProgram, form.program);
    m_settings.setValue(runSeed, form.seed);
    m_settings.setValue(runScriptPath, form.scriptPath);
    m_settings.setValue(runScriptArguments, form.scriptArguments);
    for (auto it = form.fields.cbegin(); it != form.fields.cend(); ++it)
        m_settings.setValue(runFieldPrefix + it.key(), it.value());
}

QStringList Settings::recentFiles() const { return m_settings.value(QStringLiteral("file/recent")).toStringList(); }

void Settings::setRecentFiles(const QStringList& paths) { m_settings.setValue(QStringLiteral("file/recent"), paths); }

ViewSettings Settings::view() const
{
    ViewSettings view;
    view.theme = m_settings.value(viewTheme).toString() == QLatin1String("dark") ? ThemeKind::Dark : ThemeKind::Light;
    bool ok = false;
    const double scale = m_settings.value(viewTextScale, 1.0).toDouble(&ok);
    view.textScale = ok ? typography::clampScale(scale) : 1.0;
    const QString axis = m_settings.value(viewAxis).toString();
    view.axis = axis == QLatin1String("steps") ? TimelineAxis::Steps
        : axis == QLatin1String("instants")    ? TimelineAxis::Instants
                                               : TimelineAxis::Time;
    bool startOk = false, endOk = false;
    const double start = m_settings.value(viewRangeStart).toDouble(&startOk);
    const double end = m_settings.value(viewRangeEnd).toDouble(&endOk);
    if (startOk && endOk && std::isfinite(start) && std::isfinite(end) && end > start)
        view.range = VisibleRange { start, end }; // held to the run by the view once it is shown
    view.showInternalTasks = m_settings.value(viewInternals, false).toBool();
    view.hideFuture = m_settings.value(viewHideFuture, false).toBool();
    return view;
}

void Settings::setView(const ViewSettings& view)
{
    m_settings.setValue(viewTheme, view.theme == ThemeKind::Dark ? QStringLiteral("dark") : QStringLiteral("light"));
    m_settings.setValue(viewTextScale, view.textScale);
    m_settings.setValue(viewAxis, view.axis == TimelineAxis::Steps ? QStringLiteral("steps")
            : view.axis == TimelineAxis::Instants                  ? QStringLiteral("instants")
                                                                   : QStringLiteral("time"));
    if (view.range) {
        m_settings.setValue(viewRangeStart, view.range->start);
        m_settings.setValue(viewRangeEnd, view.range->end);
    } else {
        m_settings.remove(viewRangeStart);
        m_settings.remove(viewRangeEnd);
    }
    m_settings.setValue(viewInternals, view.showInternalTasks);
    m_settings.setValue(viewHideFuture, view.hideFuture);
}

bool Settings::predict() const { return m_settings.value(viewPredict, false).toBool(); }

void Settings::setPredict(bool predict) { m_settings.setValue(viewPredict, predict); }

bool Settings::predictClassMode() const { return m_settings.value(viewPredictClassMode, false).toBool(); }

void Settings::setPredictClassMode(bool classMode) { m_settings.setValue(viewPredictClassMode, classMode); }

double Settings::playbackSpeed() const
{
    bool ok = false;
    const double speed = m_settings.value(playbackSpeedKey, PlaybackController::defaultSpeed).toDouble(&ok);
    return ok ? std::clamp(speed, PlaybackController::speeds[0], std::end(PlaybackController::speeds)[-1])
              : PlaybackController::defaultSpeed;
}

void Settings::setPlaybackSpeed(double stepsPerSecond) { m_settings.setValue(playbackSpeedKey, stepsPerSecond); }

QString Settings::exportFolder() const
{
    const QString folder = m_settings.value(exportFolderKey).toString();
    // A folder since removed (a USB stick taken out) falls back to the documents folder.
    return !folder.isEmpty() && QFileInfo(folder).isDir()
        ? folder
        : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

bool Settings::trustsProgram(const QString& source) const
{
    return m_settings.value(trustedProgramsKey).toStringList().contains(digestOf(source));
}

void Settings::trustProgram(const QString& source)
{
    QStringList digests = m_settings.value(trustedProgramsKey).toStringList();
    digests.removeAll(digestOf(source));
    digests.prepend(digestOf(source));
    m_settings.setValue(trustedProgramsKey, digests.mid(0, trustedProgramsKept));
}

void Settings::setExportFolder(const QString& folder) { m_settings.setValue(exportFolderKey, folder); }

bool Settings::automaticPanelLayout() const { return m_settings.value(windowAutomaticLayoutKey, true).toBool(); }

void Settings::setAutomaticPanelLayout(bool automatic) { m_settings.setValue(windowAutomaticLayoutKey, automatic); }

QByteArray Settings::windowGeometry() const { return m_settings.value(windowGeometryKey).toByteArray(); }

QByteArray Settings::windowState() const { return m_settings.value(windowStateKey).toByteArray(); }

void Settings::setWindowLayout(const QByteArray& geometry, const QByteArray& state)
{
    m_settings.setValue(windowGeometryKey, geometry);
    m_settings.setValue(windowStateKey, state);
}

} // namespace ui
