// SPDX-License-Identifier: MIT
#include "pictureexport.h"

#include "timelinepainter.h"

#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace ui {

namespace {
    QString text(const std::string& value) { return QString::fromStdString(value); }

    bool fail(QString* error, const QString& path, const QString& why)
    {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, why);
        return false;
    }

    bool openSaveFile(QSaveFile& file, QString* error)
    {
        if (file.open(QIODevice::WriteOnly))
            return true;
        return fail(error, file.fileName(), file.errorString());
    }

    bool commit(QSaveFile& file, QString* error)
    {
        if (file.commit())
            return true;
        return fail(error, file.fileName(), file.errorString());
    }
}

TimelineViewport viewportFor(const RunData& run, const PictureOptions& options)
{
    TimelineViewport viewport;
    viewport.axis = options.axis;
    viewport.theme = Theme::forKind(options.theme);
    viewport.textScale = options.textScale;
    viewport.showInternalTasks = options.showInternalTasks;
    viewport.showTitle = true;
    viewport.showLegend = true;
    viewport.showRuler = true;
    viewport.dimFuture = false;
    viewport.cursor = std::min(options.cursor, run.index->stepCount());
    viewport.showCursor = options.showCursor || options.range == ExportRange::UpToCursor;
    if (options.range == ExportRange::VisibleRange && options.visible)
        viewport.range = options.visible;
    if (options.range == ExportRange::UpToCursor)
        viewport.drawUpTo = viewport.cursor;
    return viewport;
}

bool isPictureFormat(const QString& suffix)
{
    const QString lower = suffix.toLower();
    return lower == QLatin1String("png") || lower == QLatin1String("svg") || lower == QLatin1String("pdf");
}

bool writePicture(const QString& path, const RunData& run, const PictureOptions& options, QString* error)
{
    const QString suffix = path.section(QLatin1Char('.'), -1).toLower();
    if (!isPictureFormat(suffix))
        return fail(error, path, QStringLiteral("not a picture format (png, svg, pdf)"));
    RunDataPtr shared(std::shared_ptr<const RunData>(&run, [](const RunData*) { })); // borrowed for painting
    const TimelinePainter painter(shared);
    TimelineViewport viewport = viewportFor(run, options);
    // "What happens next?": the tasks the program has not created yet get no lane either.
    viewport.hideLaterTasks = options.range == ExportRange::UpToCursor;
    const double width = std::max(320.0, options.width);
    const double height = std::ceil(painter.preferredHeight(width, viewport));
    const QRectF target(0, 0, width, height);
    const QColor background = viewport.theme.background;

    QSaveFile file(path);
    if (!openSaveFile(file, error))
        return false;
    if (suffix == QLatin1String("png")) {
        const double scale = std::clamp(options.scale, 0.25, 8.0);
        QImage image(QSize(int(std::ceil(width * scale)), int(std::ceil(height * scale))), QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) {
            file.cancelWriting();
            return fail(error, path, QStringLiteral("the picture is too large (%1 x %2 pixels)").arg(width * scale).arg(height * scale));
        }
        image.fill(background);
        QPainter qpainter(&image);
        // A scale, not the image's device pixel ratio: Qt does not paint below a ratio of 1,
        // and --scale 0.5 gave a picture of the right size holding its top-left quarter.
        qpainter.scale(scale, scale);
        painter.paint(qpainter, target, viewport);
        qpainter.end();
        QImageWriter writer(&file, "png");
        if (!writer.write(image)) {
            file.cancelWriting();
            return fail(error, path, writer.errorString());
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(QSize(int(width), int(height)));
        generator.setViewBox(target);
        generator.setTitle(text(run.request.describe()));
        generator.setDescription(QStringLiteral("Loopscope timeline of %1").arg(text(run.request.describe())));
        QPainter qpainter(&generator);
        qpainter.fillRect(target, background);
        painter.paint(qpainter, target, viewport);
        qpainter.end();
    } else {
        QPdfWriter writer(&file);
        writer.setTitle(text(run.request.describe()));
        writer.setCreator(QStringLiteral("Loopscope"));
        writer.setResolution(72); // one painter unit = one point
        writer.setPageSize(QPageSize(QSizeF(width, height), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter qpainter(&writer);
        qpainter.fillRect(target, background);
        painter.paint(qpainter, target, viewport);
        qpainter.end();
    }
    return commit(file, error);
}

} // namespace ui
