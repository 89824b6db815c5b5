// SPDX-License-Identifier: MIT
// Every export opened the way its tool would: the PNG decoded and looked at, the SVG parsed
// for its lane names and legend, the PDF's pages counted, the Chrome trace validated (flows
// paired, lanes named, a lane's intervals never overlapping), the JSONL read line by line.
// The handout's pages are checked through the page model they are drawn from (what each page
// says) and drawn on an image (that they are filled).
#include "chrometrace.h"
#include "narration.h"
#include "pictureexport.h"
#include "rundata.h"
#include "runrequests.h"
#include "scenarios.h"
#include "storyboard.h"
#include "timelinelens.h"
#include "timelinepainter.h"

#include <QDomDocument>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ui;

namespace {

RunDataPtr asyncqRun()
{
    return computeRun(sim::testruns::asyncq(7, 3, 4));
}

RunDataPtr chainedRun()
{
    return computeRun(sim::RunRequest {});
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Pages in a PDF written by Qt: one "/Type /Page" object per page (the tree is "/Pages").
int pdfPageCount(const QByteArray& pdf)
{
    int count = 0;
    auto matches = QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]")).globalMatch(QString::fromLatin1(pdf));
    while (matches.hasNext()) {
        matches.next();
        ++count;
    }
    return count;
}

QStringList svgTexts(const QByteArray& svg)
{
    QDomDocument document;
    if (!document.setContent(svg))
        return {};
    QStringList texts;
    const QDomNodeList nodes = document.elementsByTagName(QStringLiteral("text"));
    for (int i = 0; i < nodes.size(); ++i)
        texts << nodes.at(i).toElement().text().simplified();
    return texts;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private slots:
    void aComparisonDrawsBothRunsOnOneAxisAndSaysHowTheyDiffer();
    void pngHasTheRequestedSizeAndDrawsTheStates();
    void pngScalesTheWholePictureEitherWay_data();
    void pngScalesTheWholePictureEitherWay();
    void pngUpToTheCursorLeavesTheFutureBlank();
    void upToAStepShowsNothingAfterIt_data();
    void upToAStepShowsNothingAfterIt();
    void svgKeepsLaneNamesAndLegendAsText();
    void pdfIsOnePageAndStoryboardHasOnePagePerStep();
    void storyboardPerInstantHasOnePagePerInstant();
    void aHandoutPageSaysTheTimeAsTheWindowDoes();
    void aHandoutPageShowsTheOutputTheCodeLineAndWhy();
    void aHandoutPageIsFilled();
    void chromeTraceOpensWithNamedLanesPairedFlowsAndNoOverlap();
    void failedWritesLeaveNothingBehind();

private:
    QTemporaryDir m_dir;
};

void TestExport::pngHasTheRequestedSizeAndDrawsTheStates()
{
    const RunDataPtr run = asyncqRun();
    PictureOptions options;
    options.width = 1200;
    options.scale = 2.0;
    const QString path = m_dir.filePath(QStringLiteral("run.png"));
    QString error;
    QVERIFY2(writePicture(path, *run, options, &error), qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 2400);
    QVERIFY(image.height() > 300);
    // The light theme's background, and the sleeping state's colour somewhere in the lanes.
    const Theme theme = Theme::light();
    QCOMPARE(image.pixelColor(2, 2).rgb(), theme.background.rgb());
    const QRgb sleeping = theme.style(sim::TaskState::Sleeping).fill.rgb();
    bool found = false;
    for (int y = 0; y < image.height() && !found; y += 2)
        for (int x = 0; x < image.width() && !found; x += 2)
            found = image.pixel(x, y) == sleeping;
    QVERIFY2(found, "no pixel of the sleeping colour");
}

void TestExport::pngScalesTheWholePictureEitherWay_data()
{
    QTest::addColumn<double>("scale");
    QTest::newRow("0.5") << 0.5;
    QTest::newRow("0.25") << 0.25;
    QTest::newRow("2") << 2.0;
}

void TestExport::pngScalesTheWholePictureEitherWay()
{
    // The same picture at another scale: the one at scale 1, resized, is nearly identical
    // (a scale below 1 once gave a picture of the right size holding only its top-left part).
    QFETCH(double, scale);
    const RunDataPtr run = asyncqRun();
    PictureOptions options;
    options.width = 1200;
    options.scale = 1.0;
    QString error;
    const QString onePath = m_dir.filePath(QStringLiteral("scale1.png"));
    QVERIFY2(writePicture(onePath, *run, options, &error), qPrintable(error));
    options.scale = scale;
    const QString scaledPath = m_dir.filePath(QStringLiteral("scaled.png"));
    QVERIFY2(writePicture(scaledPath, *run, options, &error), qPrintable(error));
    const QImage one = QImage(onePath).convertToFormat(QImage::Format_RGB32);
    const QImage scaled = QImage(scaledPath).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(scaled.width(), int(std::ceil(1200 * scale)));
    const QImage expected = one.scaled(scaled.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    double difference = 0;
    for (int y = 0; y < scaled.height(); ++y)
        for (int x = 0; x < scaled.width(); ++x) {
            const QColor a = scaled.pixelColor(x, y), b = expected.pixelColor(x, y);
            difference += std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
        }
    difference /= 3.0 * scaled.width() * scaled.height();
    QVERIFY2(difference < 12, qPrintable(QStringLiteral("mean difference %1 of 255").arg(difference)));
}

void TestExport::pngUpToTheCursorLeavesTheFutureBlank()
{
    const RunDataPtr run = chainedRun();
    PictureOptions whole;
    whole.width = 1000;
    whole.scale = 1.0;
    PictureOptions upTo = whole;
    upTo.range = ExportRange::UpToCursor;
    upTo.cursor = 3;
    const QString wholePath = m_dir.filePath(QStringLiteral("whole.png"));
    const QString upToPath = m_dir.filePath(QStringLiteral("upto.png"));
    QString error;
    QVERIFY(writePicture(wholePath, *run, whole, &error));
    QVERIFY(writePicture(upToPath, *run, upTo, &error));
    const QImage a(wholePath), b(upToPath);
    QCOMPARE(a.width(), b.width());
    QVERIFY(b.height() <= a.height()); // the lanes of tasks created later are left out
    // Count coloured (non-grey) pixels in the right half: the future is drawn in one, not the other.
    auto colourful = [](const QImage& image) {
        int count = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = image.width() / 2; x < image.width(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                count += c.hsvSaturation() > 80 ? 1 : 0;
            }
        return count;
    };
    QVERIFY2(colourful(b) * 4 < colourful(a), qPrintable(QStringLiteral("%1 vs %2").arg(colourful(b)).arg(colourful(a))));
}

void TestExport::upToAStepShowsNothingAfterIt_data()
{
    QTest::addColumn<bool>("asyncq");
    QTest::addColumn<int>("upTo");
    QTest::addColumn<QStringList>("past");
    QTest::addColumn<QStringList>("future");
    // `export chained --upto 9`: step 9 ran at t = 4; the chains finish at t = 11.
    QTest::newRow("chained --upto 9") << false << 9 << QStringList {QStringLiteral("4 s"), QStringLiteral("chain 3")}
                                      << QStringList {QStringLiteral("8 s"), QStringLiteral("11 s"), QStringLiteral("done")};
    // `export asyncq -p 2 -c 5 --upto 27`: t = 18; the ruler showed 22, 23 and 29 s.
    QTest::newRow("asyncq --upto 27") << true << 27 << QStringList {QStringLiteral("18 s"), QStringLiteral("Consumer 4")}
                                      << QStringList {QStringLiteral("22 s"), QStringLiteral("23 s"), QStringLiteral("29 s"),
                                             QStringLiteral("cancelled")};
}

void TestExport::upToAStepShowsNothingAfterIt()
{
    QFETCH(bool, asyncq);
    QFETCH(int, upTo);
    QFETCH(QStringList, past);
    QFETCH(QStringList, future);
    const RunDataPtr run = computeRun(asyncq ? sim::testruns::asyncq(444, 2, 5) : sim::testruns::chained(444, {1, 2, 3}));
    PictureOptions options;
    options.range = ExportRange::UpToCursor;
    options.cursor = std::size_t(upTo);
    options.width = 1000;
    options.scale = 1.0;
    QString error;
    // The SVG's words: the ruler, the lanes and the key say nothing of what comes later.
    const QString svg = m_dir.filePath(QStringLiteral("upto.svg"));
    QVERIFY2(writePicture(svg, *run, options, &error), qPrintable(error));
    const QStringList texts = svgTexts(readAll(svg));
    for (const QString& text : past)
        QVERIFY2(texts.contains(text), qPrintable(text));
    for (const QString& text : future)
        QVERIFY2(!texts.contains(text), qPrintable(text));
    // The PNG's pixels: right of the cursor and its flag, nothing but the background and
    // the lanes' bands, from the ruler down to the key.
    const QString png = m_dir.filePath(QStringLiteral("upto.png"));
    QVERIFY2(writePicture(png, *run, options, &error), qPrintable(error));
    const QImage image = QImage(png).convertToFormat(QImage::Format_RGB32);
    // Where the painter put things for this picture (the export's own viewport).
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    viewport.showTitle = true;
    viewport.dimFuture = false;
    viewport.cursor = std::size_t(upTo);
    viewport.drawUpTo = std::size_t(upTo);
    viewport.hideLaterTasks = true;
    const TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), QSizeF(image.size())), viewport);
    QCOMPARE(double(image.height()), std::ceil(painter.preferredHeight(1000, viewport)));
    const Theme theme = Theme::light();
    // Past the cursor's flag and its lens (which lists the steps done at its instant).
    const QRectF lens = TimelineLens::of(layout, viewport, painter.axisMap(viewport.axis), *run->timeline).box();
    const int from = int(std::max(painter.positionX(layout, viewport, std::size_t(upTo)) + layout.fontPixels * 4, lens.right() + 1));
    QVERIFY(from < layout.lanes.right() - 100);
    for (int y = int(layout.ruler.top()); y < int(layout.lanes.bottom()); ++y) {
        if (y == int(layout.ruler.bottom()) - 1)
            continue; // the ruler's bottom rule
        for (int x = from; x < int(layout.lanes.right()); ++x) {
            const QRgb pixel = image.pixel(x, y);
            QVERIFY2(pixel == theme.background.rgb() || pixel == theme.laneSeparator.rgb(),
                qPrintable(QStringLiteral("x %1, y %2: %3").arg(x).arg(y).arg(QColor(pixel).name())));
        }
    }
}

void TestExport::svgKeepsLaneNamesAndLegendAsText()
{
    const RunDataPtr run = asyncqRun();
    const QString path = m_dir.filePath(QStringLiteral("run.svg"));
    QString error;
    QVERIFY2(writePicture(path, *run, PictureOptions {}, &error), qPrintable(error));
    const QStringList texts = svgTexts(readAll(path));
    QVERIFY2(!texts.isEmpty(), "not well-formed SVG, or no text elements");
    for (const char* expected : { "main", "Producer 0", "Producer 2", "Consumer 3", "running", "sleeping", "done" })
        QVERIFY2(texts.contains(QString::fromLatin1(expected)), expected);
    QVERIFY(texts.join(QLatin1Char(' ')).contains(QStringLiteral("seed 7")));
}

void TestExport::pdfIsOnePageAndStoryboardHasOnePagePerStep()
{
    const RunDataPtr run = chainedRun();
    const QString picture = m_dir.filePath(QStringLiteral("run.pdf"));
    QString error;
    QVERIFY2(writePicture(picture, *run, PictureOptions {}, &error), qPrintable(error));
    QVERIFY(readAll(picture).startsWith("%PDF"));
    QCOMPARE(pdfPageCount(readAll(picture)), 1);

    const QString storyboard = m_dir.filePath(QStringLiteral("story.pdf"));
    std::size_t lastDone = 0;
    QVERIFY2(writeStoryboard(storyboard, *run, PictureOptions {}, StoryboardPages::PerStep,
                 [&](std::size_t done, std::size_t) { lastDone = done; return true; }, &error),
        qPrintable(error));
    QCOMPARE(pdfPageCount(readAll(storyboard)), int(run->index->stepCount() + 1));
    QCOMPARE(lastDone, run->index->stepCount() + 1);
}

void TestExport::storyboardPerInstantHasOnePagePerInstant()
{
    const RunDataPtr run = chainedRun();
    const QString path = m_dir.filePath(QStringLiteral("instants.pdf"));
    QString error;
    QVERIFY(writeStoryboard(path, *run, PictureOptions {}, StoryboardPages::PerInstant, {}, &error));
    // The start page plus one per instant (t = 0, 4, 8, 11).
    QCOMPARE(pdfPageCount(readAll(path)), 1 + int(run->timeline->instants().size()));
    // Cancelling leaves no file.
    const QString cancelled = m_dir.filePath(QStringLiteral("cancelled.pdf"));
    QVERIFY(!writeStoryboard(cancelled, *run, PictureOptions {}, StoryboardPages::PerStep,
        [](std::size_t done, std::size_t) { return done < 3; }, &error));
    QCOMPARE(error, QStringLiteral("cancelled"));
    QVERIFY(!QFile::exists(cancelled));
}

namespace {

// asyncq -p 2 -c 5, seed 444: step 26 runs at t = 14 s (Consumer 3 takes Producer 0's item),
// then nothing is ready until Consumer 3's timer at t = 18 s, so the clock moves on.
RunDataPtr asyncqTwoFive() { return computeRun(sim::testruns::asyncq(444, 2, 5)); }

} // namespace

void TestExport::aHandoutPageSaysTheTimeAsTheWindowDoes()
{
    const RunDataPtr run = asyncqTwoFive();
    QCOMPARE(run->index->stepCount(), std::size_t(48));
    // Page 27: after step 26. Its heading gave t = 14 s, its state block t = 18 s.
    const StoryboardPage page = storyboardPage(*run, 26);
    QCOMPARE(page.heading, QStringLiteral("asyncq -p 2 -c 5 · seed 444 — step 26 of 48"));
    QCOMPARE(page.clock, QStringLiteral("t = 14 s → 18 s"));
    QVERIFY2(
        page.clockMove.startsWith(QStringLiteral("Then the clock moved on from t = 14 s")), qPrintable(page.clockMove));
    // No other time on the page: the state block says its iteration, not a clock of its own.
    QCOMPARE(page.loopCaption, QStringLiteral("Event loop · loop iteration 15"));
    for (const sim::StateSection& section : page.loop)
        QVERIFY2(!QString::fromStdString(section.heading).startsWith(QStringLiteral("t =")), section.heading.c_str());

    // After step 25 the clock has not moved on: one time, no arrow.
    const StoryboardPage before = storyboardPage(*run, 25);
    QCOMPARE(before.clock, QStringLiteral("t = 14 s"));
    QVERIFY(before.clockMove.isEmpty());
}

void TestExport::aHandoutPageShowsTheOutputTheCodeLineAndWhy()
{
    const RunDataPtr run = asyncqTwoFive();
    const sim::LoopState before = run->index->stateAt(25), after = run->index->stateAt(26);
    const StoryboardPage page = storyboardPage(*run, 26, before, after);

    // The output so far, the step's own two lines last and marked new.
    QCOMPARE(page.newOutput, 2);
    QCOMPARE(page.earlierOutput + std::size_t(page.output.size()), std::size_t(after.outputLines));
    QCOMPARE(page.output.last(), QStringLiteral("Consumer 3 sleeping for 4 seconds."));
    QVERIFY(page.output[page.output.size() - 2].startsWith(QStringLiteral("Consumer 3 got element <")));
    QCOMPARE(page.output[page.output.size() - 3], QString::fromUtf8(run->trace.outputLine(before.outputLines - 1)));

    // Consumer 3's line, from the listing, with two neighbours either side.
    QCOMPARE(page.codeCaption, QStringLiteral("asyncq.py: Consumer 3 is at line 17"));
    QCOMPARE(page.codeLine, 17);
    QCOMPARE(page.codeFirst, 15);
    QCOMPARE(page.code.size(), 5);
    QCOMPARE(page.code[page.codeLine - page.codeFirst], QStringLiteral("    await asyncio.sleep(i)"));

    // The Why panel's sentences, saying what the step did.
    QCOMPARE(page.why, QString::fromStdString(sim::narrateStep(*run->index, 25, run->listing)));
    QVERIFY2(page.why.contains(QStringLiteral("printed 2 lines")), qPrintable(page.why));

    // Before the first step: nothing printed, no line, what is about to happen.
    const StoryboardPage first = storyboardPage(*run, 0);
    QVERIFY(first.output.isEmpty());
    QCOMPARE(first.codeLine, 0);
    QCOMPARE(first.why, QString::fromStdString(sim::narrateStart()));
    // The last page also says how the run ended.
    QVERIFY(storyboardPage(*run, 48).why.endsWith(QString::fromStdString(sim::narrateEnd(*run->index))));
}

void TestExport::aHandoutPageIsFilled()
{
    // Drawn as the PDF's page is (A4 landscape, 12 mm margins, 144 dpi), on an image: the
    // parts below the timeline fill the page down to its bottom in both columns, where half
    // of each page used to be left empty.
    const RunDataPtr run = asyncqTwoFive();
    const QRectF area(0, 0, std::round((297 - 24) / 25.4 * storyboardResolution),
        std::round((210 - 24) / 25.4 * storyboardResolution));
    QImage image(area.size().toSize(), QImage::Format_RGB32);
    {
        QPainter painter(&image);
        const StoryboardPainter pages(*run, PictureOptions {}, area);
        pages.paint(painter, storyboardPage(*run, 26), 27, 49);
    }
    const QRgb paper = Theme::light().background.rgb();
    // Rows of a band of the page with anything drawn on them, per column.
    auto inkedRows = [&](double from, double to, int left, int right) {
        int rows = 0;
        for (int y = int(area.height() * from); y < int(area.height() * to); ++y) {
            for (int x = left; x < right; ++x) {
                if (image.pixel(x, y) != paper) {
                    ++rows;
                    break;
                }
            }
        }
        return double(rows) / (int(area.height() * to) - int(area.height() * from));
    };
    const int middle = image.width() / 2;
    // The lower half: the sentence, the output, the code on the left; the loop's state right.
    const double left = inkedRows(0.5, 1.0, 0, middle);
    const double right = inkedRows(0.5, 0.9, middle, image.width());
    const double both = inkedRows(0.5, 1.0, 0, image.width());
    QVERIFY2(both > 0.65, qPrintable(QString::number(both)));
    QVERIFY2(left > 0.5, qPrintable(QString::number(left)));
    QVERIFY2(right > 0.5, qPrintable(QString::number(right)));
    // The code reaches the page's last tenth.
    QVERIFY2(inkedRows(0.9, 1.0, 0, middle) > 0.4, qPrintable(QString::number(inkedRows(0.9, 1.0, 0, middle))));
}

void TestExport::chromeTraceOpensWithNamedLanesPairedFlowsAndNoOverlap()
{
    const RunDataPtr run = asyncqRun();
    const QString path = m_dir.filePath(QStringLiteral("run.json"));
    QString error;
    QVERIFY2(writeChromeTrace(path, *run, &error), qPrintable(error));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(readAll(path), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonArray events = document.object().value(QStringLiteral("traceEvents")).toArray();
    QVERIFY(!events.isEmpty());

    std::map<int, QString> laneNames;
    std::map<int, int> flowStarts, flowEnds;
    std::map<int, std::vector<std::pair<double, double>>> intervals;
    int counters = 0;
    for (const QJsonValue& value : events) {
        const QJsonObject event = value.toObject();
        const QString phase = event.value(QStringLiteral("ph")).toString();
        const int tid = event.value(QStringLiteral("tid")).toInt();
        if (phase == QLatin1String("M") && event.value(QStringLiteral("name")).toString() == QLatin1String("thread_name"))
            laneNames[tid] = event.value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString();
        else if (phase == QLatin1String("s"))
            ++flowStarts[event.value(QStringLiteral("id")).toInt()];
        else if (phase == QLatin1String("f"))
            ++flowEnds[event.value(QStringLiteral("id")).toInt()];
        else if (phase == QLatin1String("X")) {
            const double ts = event.value(QStringLiteral("ts")).toDouble();
            const double dur = event.value(QStringLiteral("dur")).toDouble();
            QVERIFY(dur > 0);
            intervals[tid].push_back({ ts, ts + dur });
        } else if (phase == QLatin1String("C"))
            ++counters;
    }
    QCOMPARE(int(laneNames.size()), int(run->trace.tasks.size()));
    QCOMPARE(laneNames[1], QStringLiteral("main"));
    QVERIFY(std::any_of(laneNames.begin(), laneNames.end(), [](const auto& entry) { return entry.second == QLatin1String("Consumer 3"); }));
    QCOMPARE(int(flowStarts.size()), int(run->timeline->arrows().size()));
    QCOMPARE(flowStarts, flowEnds); // every flow start has its end, once
    QVERIFY(counters > 0);
    for (auto& [tid, lane] : intervals) {
        QVERIFY(laneNames.count(tid));
        std::sort(lane.begin(), lane.end());
        for (std::size_t i = 1; i < lane.size(); ++i)
            QVERIFY2(lane[i].first >= lane[i - 1].second - 1e-6,
                qPrintable(QStringLiteral("%1: interval %2 overlaps").arg(laneNames[tid]).arg(i)));
    }
}

void TestExport::failedWritesLeaveNothingBehind()
{
    const RunDataPtr run = chainedRun();
    QString error;
    const QString missing = m_dir.filePath(QStringLiteral("no/such/dir/run.png"));
    QVERIFY(!writePicture(missing, *run, PictureOptions {}, &error));
    QVERIFY(error.contains(QStringLiteral("cannot write")));
    QVERIFY(!writeChromeTrace(m_dir.filePath(QStringLiteral("no/such/run.json")), *run, &error));
    QVERIFY(!QFile::exists(missing));
}

namespace {
// The x of every SVG text reading exactly `label`, in document order.
QStringList labelXs(const QString& svg, const QString& label)
{
    const QRegularExpression text(QStringLiteral("x=\"([0-9.]+)\"[^<]*>%1<").arg(QRegularExpression::escape(label)));
    QStringList xs;
    for (auto it = text.globalMatch(svg); it.hasNext();)
        xs << it.next().captured(1);
    return xs;
}
}

void TestExport::aComparisonDrawsBothRunsOnOneAxisAndSaysHowTheyDiffer()
{
    const RunDataPtr gathered = chainedRun();
    const RunDataPtr inTurn = computeRun(sim::RunRequest::defaultsFor(sim::sequentialProgram()));
    const QString path = m_dir.filePath(QStringLiteral("compare.svg"));
    PictureOptions options;
    QString error;
    QVERIFY2(writeComparison(path, *gathered, *inTurn, options, &error), qPrintable(error));
    const QString svg = QString::fromUtf8(readAll(path));
    QVERIFY(svg.contains(QStringLiteral("chained 1 2 3 \u00b7 seed 444")));
    QVERIFY(svg.contains(QStringLiteral("sequential 1 2 3 \u00b7 seed 444")));
    QVERIFY(svg.contains(QStringLiteral("finished at t = 11 s vs t = 23 s")));
    QVERIFY(svg.contains(QStringLiteral("is the first that differs")));
    // One axis: both rulers put "8 s" at the same x.
    QCOMPARE(labelXs(svg, QStringLiteral("8 s")).size(), 2);
    QCOMPARE(labelXs(svg, QStringLiteral("8 s"))[0], labelXs(svg, QStringLiteral("8 s"))[1]);
    // On the instants axis too, inside the runs: t = 4 s and 8 s are instants of both, with
    // 7 steps against 2 at 4 s, yet each second is at one x in both.
    options.axis = TimelineAxis::Instants;
    const QString instants = m_dir.filePath(QStringLiteral("compare-instants.svg"));
    QVERIFY2(writeComparison(instants, *gathered, *inTurn, options, &error), qPrintable(error));
    const QString instantsSvg = QString::fromUtf8(readAll(instants));
    for (const QString& label : { QStringLiteral("4 s"), QStringLiteral("8 s") }) {
        const QStringList xs = labelXs(instantsSvg, label);
        QCOMPARE(xs.size(), 2);
        QCOMPARE(xs[0], xs[1]);
    }
    options.axis = TimelineAxis::Time;
    // A PNG of the same is as wide as a single picture and taller than two rulers.
    const QString png = m_dir.filePath(QStringLiteral("compare.png"));
    options.scale = 1;
    QVERIFY(writeComparison(png, *gathered, *inTurn, options, &error));
    const QImage image(png);
    QCOMPARE(image.width(), 1600);
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
