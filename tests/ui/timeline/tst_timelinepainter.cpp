// SPDX-License-Identifier: MIT
// The painter on its own, as the exporters use it: vector output keeps text as text, the
// "up to step N" option leaves the future blank, layouts fit every lane when asked, the
// time axis is to scale, lane names stay apart on big runs.
#include "recordedconstructs.h"
#include "rundata.h"
#include "runrequests.h"
#include "theme.h"
#include "timelinelens.h"
#include "timelinepainter.h"
#include "timelinetooltip.h"
#include "tracefile.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTest>

#include <set>

using ui::TimelineAxis;
using ui::TimelinePainter;
using ui::TimelineViewport;

class TestTimelinePainter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void svgKeepsLaneNamesLegendAndTitleAsText();
    void pdfOutputIsWritten();
    void drawingUpToAPositionLeavesTheFutureBlank();
    void preferredHeightShowsEveryLane();
    void hitTestingFindsSegmentsAndRows();
    void anEmptyPainterDrawsAHint();
    void aDeadlockIsMarkedOnTheRulerLeavingTheLastStepsInView();
    void theCursorFlagHidesTheRulerLabelsItMeetsWhole();
    void scrollingRevealsATasksLaneOnlyWhenHidden();
    void onTheTimeAxisEqualSecondsTakeEqualWidths();
    void onTheTimeAxisSleepsAreAsLongAsTheirSeconds();
    void aStepThatBlocksTheLoopIsAsLongAsItBlockedAndSaysSo();
    void onTheTimeAxisTheLensSpreadsTheCursorsInstant();
    void drawingUpToAStepShowsNothingOfTheFuture_data();
    void drawingUpToAStepShowsNothingOfTheFuture();
    void drawingUpToAStepLeavesOutTheTasksNotYetCreated();
    void laneNamesFitTheColumnOrAreCutInTheMiddle();

private:
    QImage paint(const TimelineViewport& viewport, QSize size) const;
    ui::RunDataPtr m_run;
    TimelinePainter m_painter;
};

void TestTimelinePainter::initTestCase()
{
    m_run = ui::computeRun(sim::RunRequest {});
    m_painter.setRun(m_run);
}

QImage TestTimelinePainter::paint(const TimelineViewport& viewport, QSize size) const
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    m_painter.paint(painter, QRectF(QPointF(0, 0), size), viewport);
    painter.end();
    return image;
}

void TestTimelinePainter::svgKeepsLaneNamesLegendAndTitleAsText()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(1200, 400));
    svg.setViewBox(QRect(0, 0, 1200, 400));
    TimelineViewport viewport;
    viewport.showTitle = true;
    viewport.showCursor = false;
    {
        QPainter painter(&svg);
        m_painter.paint(painter, QRectF(0, 0, 1200, 400), viewport);
    }
    const QString text = QString::fromUtf8(buffer.data());
    for (const char* expected : {"main", "chain 1", "chain 3", "running", "sleeping", "awaiting children (gather)",
             "chained 1 2 3", "seed 444", "11 s"})
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    QVERIFY(!text.contains(QLatin1String("shutdown_asyncgens"))); // hidden by default
}

void TestTimelinePainter::pdfOutputIsWritten()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setResolution(96);
        QPainter painter(&pdf);
        TimelineViewport viewport;
        viewport.axis = TimelineAxis::Steps;
        m_painter.paint(painter, QRectF(QPointF(0, 0), pdf.pageLayout().paintRectPixels(96).size()), viewport);
    }
    QVERIFY(buffer.data().startsWith("%PDF"));
    QVERIFY(buffer.data().size() > 2000);
}

void TestTimelinePainter::drawingUpToAPositionLeavesTheFutureBlank()
{
    TimelineViewport viewport;
    viewport.axis = TimelineAxis::Steps;
    viewport.showCursor = false;
    viewport.drawUpTo = 9;
    const QSize size(1000, 360);
    const QImage image = paint(viewport, size);
    const ui::TimelineLayout layout = m_painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const double upTo = m_painter.positionX(layout, viewport, 9);
    // chain 1 (row 1) sleeps in [2, 6) and again in [9, 16): the first is drawn, the second not.
    const double rowMiddle = layout.rowTop(1, 0) + layout.laneHeight / 2;
    const ui::Theme theme = ui::Theme::light();
    int painted = 0;
    for (int x = int(layout.coordinates.x(2.2)); x < int(layout.coordinates.x(2.8)); ++x)
        painted += image.pixelColor(x, int(rowMiddle)).rgb() == theme.style(sim::TaskState::Sleeping).fill.rgb();
    QVERIFY(painted > 0);
    for (int x = int(upTo) + 2; x < int(layout.lanes.right()) - 2; ++x) {
        const QRgb pixel = image.pixelColor(x, int(rowMiddle)).rgb();
        QVERIFY2(pixel == theme.laneSeparator.rgb() || pixel == theme.grid.rgb() || pixel == theme.background.rgb(),
            qPrintable(QStringLiteral("x = %1").arg(x)));
    }
    // Without the cursor and with a cut-off future, the legend has no "now" entry.
    QVERIFY(!layout.legend.isEmpty());
}

void TestTimelinePainter::preferredHeightShowsEveryLane()
{
    TimelineViewport viewport;
    viewport.showTitle = true;
    const double height = m_painter.preferredHeight(1400, viewport);
    const ui::TimelineLayout layout = m_painter.layout(QRectF(0, 0, 1400, height), viewport);
    QCOMPARE(layout.rowCount, 4);
    QCOMPARE(layout.endRow, 4);
    QVERIFY(layout.lanes.height() + 0.5 >= layout.contentHeight);
    viewport.textScale = 2;
    QVERIFY(m_painter.preferredHeight(1400, viewport) > height * 1.5);
}

void TestTimelinePainter::hitTestingFindsSegmentsAndRows()
{
    TimelineViewport viewport;
    viewport.axis = TimelineAxis::Steps;
    const ui::TimelineLayout layout = m_painter.layout(QRectF(0, 0, 1000, 400), viewport);
    // The middle of step 2 in chain 2's lane (row 2): its first running step.
    const QPointF point(layout.coordinates.x(2.5), layout.rowTop(2, 0) + layout.laneHeight / 2);
    const ui::TimelineHit hit = m_painter.hitTest(layout, viewport, point);
    QCOMPARE(hit.area, ui::TimelineHit::Area::Lanes);
    QCOMPARE(hit.row, 2);
    QVERIFY(hit.segment);
    QCOMPARE(hit.segment->state, sim::TaskState::Running);
    QCOMPARE(hit.segment->startStep, 2u);
    QCOMPARE(hit.position, std::size_t(3));
    // On the lane names: the row, no segment.
    const ui::TimelineHit name = m_painter.hitTest(layout, viewport, QPointF(layout.labels.center().x(), point.y()));
    QCOMPARE(name.area, ui::TimelineHit::Area::Labels);
    QCOMPARE(name.row, 2);
    QVERIFY(!name.segment);
    // Below the last lane: nothing.
    const ui::TimelineHit below = m_painter.hitTest(layout, viewport, QPointF(point.x(), layout.rowTop(5, 0)));
    QCOMPARE(below.row, -1);
}

void TestTimelinePainter::anEmptyPainterDrawsAHint()
{
    const TimelinePainter empty;
    QImage image(400, 200, QImage::Format_RGB32);
    QPainter painter(&image);
    TimelineViewport viewport;
    empty.paint(painter, QRectF(0, 0, 400, 200), viewport);
    painter.end();
    QCOMPARE(image.pixelColor(2, 2).rgb(), viewport.theme.background.rgb());
    QCOMPARE(empty.hitTest(empty.layout(QRectF(0, 0, 400, 200), viewport), viewport, QPointF(200, 100)).row, -1);
}

void TestTimelinePainter::aDeadlockIsMarkedOnTheRulerLeavingTheLastStepsInView()
{
    // Producers and no consumers: main blocks in q.join() at its last step.
    const sim::RunRequest request = sim::testruns::asyncq(7, 2, 0);
    const ui::RunDataPtr run = ui::computeRun(request);
    QCOMPARE(run->result.status, sim::RunStatus::Deadlock);
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    viewport.showCursor = false;
    const QSize size(1600, 300);
    QImage image(size, QImage::Format_RGB32);
    {
        QPainter p(&image);
        painter.paint(p, QRectF(QPointF(0, 0), size), viewport);
    }
    const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const QColor vermillion(0xD5, 0x5E, 0x00);
    auto count = [&](const QRectF& area, QColor colour) {
        int n = 0;
        for (int y = int(area.top()); y < int(area.bottom()); ++y)
            for (int x = int(area.left()); x < int(area.right()); ++x)
                n += image.pixelColor(x, y).rgb() == colour.rgb();
        return n;
    };
    // The banner is on the ruler, not over main's lane (row 0)...
    QVERIFY(count(layout.ruler, vermillion) > 2000);
    // (The end line itself, 3 pixels wide, stands at the end of the run, just after the
    // last steps' marks; the time axis runs on a little after it.)
    const double end = painter.positionX(layout, viewport, run->index->stepCount());
    const double line = end + std::ceil(layout.stepMark / 2) + 1;
    QCOMPARE(image.pixelColor(int(line), int(layout.rowTop(0, 0) + 2)).rgb(), vermillion.rgb());
    const QRectF mainLane(layout.lanes.left(), layout.rowTop(0, 0), line - 2 - layout.lanes.left(), layout.laneHeight);
    QCOMPARE(count(mainLane, vermillion), 0);
    // ...where main's last step (running) shows at the end of the run.
    const QRectF mainEnd(end - 30, mainLane.top(), line - (end - 30), mainLane.height());
    const int running = count(mainEnd, ui::Theme::light().style(sim::TaskState::Running).fill);
    QVERIFY2(running > 50, qPrintable(QString::number(running)));
}

void TestTimelinePainter::theCursorFlagHidesTheRulerLabelsItMeetsWhole()
{
    const ui::RunDataPtr run = ui::computeRun(sim::testruns::asyncq(444, 5, 10));
    const TimelinePainter painter(run);
    const ui::Theme& theme = ui::Theme::light();
    const QSize size(900, 300); // narrow, as on a projector: labels close together
    int flagsMeetingLabels = 0;
    for (std::size_t cursor = 0; cursor <= run->index->stepCount(); cursor += 3) {
        TimelineViewport viewport;
        viewport.cursor = cursor;
        const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
        QImage image(size, QImage::Format_RGB32);
        ui::RulerLabels labels;
        {
            QPainter p(&image);
            painter.paintBase(p, layout, viewport, &labels);
            painter.paintOverlay(p, layout, viewport, &labels);
        }
        // The flag: the cursor-coloured pixels on the ruler's upper row.
        const int y = int(layout.ruler.top() + layout.ruler.height() * 0.25);
        int flagLeft = size.width(), flagRight = -1;
        for (int x = int(layout.ruler.left()); x < int(layout.ruler.right()); ++x) {
            if (image.pixelColor(x, y).rgb() == theme.cursor.rgb()) {
                flagLeft = std::min(flagLeft, x);
                flagRight = std::max(flagRight, x);
            }
        }
        QVERIFY(flagRight > flagLeft);
        for (const auto& [left, right, text] : labels) {
            if (right < flagLeft - 2 || left > flagRight + 2)
                continue; // clear of the flag: drawn as it is
            ++flagsMeetingLabels;
            // Met by the flag: nothing of it shows beside the flag.
            for (int x = int(left); x <= int(right); ++x) {
                if (x >= flagLeft && x <= flagRight)
                    continue;
                for (int row = int(layout.ruler.top()); row < int(layout.ruler.top() + layout.ruler.height() * 0.45); ++row)
                    QVERIFY2(image.pixelColor(x, row).rgb() == theme.background.rgb(),
                        qPrintable(QStringLiteral("cursor %1: label %2..%3 shows at x %4").arg(cursor).arg(left).arg(right).arg(x)));
            }
        }
    }
    QVERIFY(flagsMeetingLabels > 0);
}

void TestTimelinePainter::scrollingRevealsATasksLaneOnlyWhenHidden()
{
    // asyncq -p 5 -c 10: 16 lanes, on a page that holds about half of them.
    const ui::RunDataPtr run = ui::computeRun(sim::testruns::asyncq(444, 5, 10));
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    const ui::TimelineLayout layout = painter.layout(QRectF(0, 0, 1200, 360), viewport);
    QVERIFY(layout.contentHeight > layout.lanes.height() * 1.5);
    const auto& rows = painter.rows(false);
    const double maxScroll = layout.contentHeight - layout.lanes.height();
    // In view from the top: no scroll (the storyboard starts there).
    QCOMPARE(painter.scrollRevealing(layout, viewport, rows.front()), 0.0);
    // The last lane: scrolled as far as the content goes, and whole.
    const double last = painter.scrollRevealing(layout, viewport, rows.back());
    QCOMPARE(last, maxScroll);
    // Any lane: once scrolled to, whole in view; asked again, the scroll stays.
    for (std::size_t row = 0; row < rows.size(); ++row) {
        viewport.scrollY = painter.scrollRevealing(layout, viewport, rows[row]);
        const double top = layout.rowTop(int(row), viewport.scrollY);
        QVERIFY(top >= layout.lanes.top() - 0.5 && top + layout.laneHeight <= layout.lanes.bottom() + 0.5);
        QVERIFY(viewport.scrollY >= 0 && viewport.scrollY <= maxScroll);
        QCOMPARE(painter.scrollRevealing(layout, viewport, rows[row]), viewport.scrollY);
    }
}

void TestTimelinePainter::onTheTimeAxisEqualSecondsTakeEqualWidths()
{
    // chained 1 2 3, seed 444: five steps at t = 0, none between 0 and 4 s.
    const ui::RunDataPtr run = ui::computeRun(sim::testruns::chained(444, {1, 2, 3}));
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    QCOMPARE(viewport.axis, TimelineAxis::Time); // the default
    const QSize size(1200, 400);
    const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const ui::TimelineAxisMap& map = painter.axisMap(TimelineAxis::Time);
    const auto x = [&](double seconds) { return layout.coordinates.x(map.unitAtTime(seconds)); };
    QVERIFY2(std::abs((x(2) - x(0)) - (x(4) - x(2))) <= 1.0, qPrintable(QStringLiteral("0->2 s: %1 px, 2->4 s: %2 px")
                                                                             .arg(x(2) - x(0))
                                                                             .arg(x(4) - x(2))));
    QVERIFY(std::abs((x(11) - x(8)) - 3 * (x(4) - x(2)) / 2) <= 1.0);
    // The ruler says so too: its labels sit where their seconds are.
    ui::RulerLabels labels;
    QImage image(size, QImage::Format_RGB32);
    {
        QPainter p(&image);
        painter.paintBase(p, layout, viewport, &labels);
    }
    std::map<QString, double> centre;
    for (const ui::RulerLabel& label : labels)
        centre[label.text] = (label.left + label.right) / 2;
    QVERIFY(centre.count(QStringLiteral("2 s")) && centre.count(QStringLiteral("6 s")) && centre.count(QStringLiteral("10 s")));
    QVERIFY(std::abs((centre[QStringLiteral("6 s")] - centre[QStringLiteral("2 s")])
                - (centre[QStringLiteral("10 s")] - centre[QStringLiteral("6 s")]))
        <= 1.0);
}

void TestTimelinePainter::aStepThatBlocksTheLoopIsAsLongAsItBlockedAndSaysSo()
{
    // chained 1 2 3 where chain 1's first step calls time.sleep(2): on the time axis its step
    // is a running bar 2 s long with "blocking the loop" on it, and chain 2 and chain 3,
    // ready behind it, wait until its end.
    ui::TraceFileContents contents;
    contents.request = sim::testruns::chained(444, { 1, 2, 3 });
    contents.result = sim::simulate(contents.request, &contents.trace, {});
    QVERIFY(sim::testruns::insertBlock(contents.trace, 1, 2.0, 12));
    const ui::RunDataPtr run = ui::runFromTraceFile(std::move(contents));
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    viewport.cursor = run->index->stepCount(); // nothing dimmed
    const QSize size(1600, 400);
    const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const double pixelsPerSecond = layout.coordinates.scale();
    const auto& rows = painter.rows(false);
    QRectF blocking;
    QString toolTip;
    std::vector<QRectF> waiting;
    for (int row = 0; row < int(rows.size()); ++row) {
        const auto& segments = run->timeline->lanes()[rows[std::size_t(row)]].segments;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (segments[i].blocksTheLoop()) {
                blocking = painter.segmentRect(layout, viewport, row, i);
                toolTip
                    = ui::TimelineToolTip::text(*run, ui::WakeArrowIndex(*run->timeline), rows[std::size_t(row)], i);
            } else if (segments[i].state == sim::TaskState::Ready && segments[i].startStep <= 1
                && segments[i].endStep > 1)
                waiting.push_back(painter.segmentRect(layout, viewport, row, i));
        }
    }
    QVERIFY2(std::abs(blocking.width() - 2 * pixelsPerSecond) <= 1.5,
        qPrintable(QStringLiteral("a 2 s block is %1 px, not %2").arg(blocking.width()).arg(2 * pixelsPerSecond)));
    QVERIFY2(toolTip.contains(QStringLiteral("Blocked the whole loop for 2 s: no other task could run meanwhile")),
        qPrintable(toolTip));
    QCOMPARE(waiting.size(), std::size_t(2));
    for (const QRectF& wait : waiting) {
        QVERIFY(wait.left() <= blocking.left() + 1);
        QVERIFY2(std::abs(wait.right() - blocking.right()) <= 1,
            qPrintable(QStringLiteral("a wait behind the block ends at %1, the block at %2")
                           .arg(wait.right())
                           .arg(blocking.right())));
    }
    // Painted so: the running colour along the bar, and its words.
    QImage image(size, QImage::Format_RGB32);
    {
        QPainter p(&image);
        painter.paint(p, QRectF(QPointF(0, 0), size), viewport);
    }
    const QColor running = ui::Theme::light().style(sim::TaskState::Running).fill;
    int runningPixels = 0;
    for (int x = int(blocking.left()) + 2; x < int(blocking.right()) - 2; ++x)
        runningPixels += image.pixelColor(x, int(blocking.bottom()) - 2).rgb() == running.rgb();
    QVERIFY2(runningPixels > blocking.width() / 2, qPrintable(QString::number(runningPixels)));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    {
        QPainter p(&svg);
        painter.paint(p, QRectF(QPointF(0, 0), size), viewport);
    }
    QVERIFY(QString::fromUtf8(buffer.data()).contains(QLatin1String("blocking the loop 2")));
}

void TestTimelinePainter::onTheTimeAxisSleepsAreAsLongAsTheirSeconds()
{
    // asyncq -p 2 -c 5, seed 444: Producer 0 sleeps 10 s while Consumer 1 sleeps 7 s, with
    // many steps in between; each bar is as long as its seconds.
    const ui::RunDataPtr run = ui::computeRun(sim::testruns::asyncq(444, 2, 5));
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    viewport.cursor = run->index->stepCount(); // nothing dimmed
    const QSize size(1600, 500);
    const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const QImage image = [&] {
        QImage i(size, QImage::Format_RGB32);
        QPainter p(&i);
        painter.paint(p, QRectF(QPointF(0, 0), size), viewport);
        return i;
    }();
    const double pixelsPerSecond = layout.coordinates.scale();
    const ui::StateStyle sleeping = ui::Theme::light().style(sim::TaskState::Sleeping);
    // The fill, the hatching or a blend of the two (the pattern's lines are smoothed).
    const auto isSleeping = [&](int x, int y) {
        const QColor pixel = image.pixelColor(x, y);
        const QColor a = sleeping.fill, b = sleeping.patternColor;
        const auto between = [](int value, int p, int q) { return value >= std::min(p, q) - 8 && value <= std::max(p, q) + 8; };
        return between(pixel.red(), a.red(), b.red()) && between(pixel.green(), a.green(), b.green())
            && between(pixel.blue(), a.blue(), b.blue());
    };
    const auto& rows = painter.rows(false);
    std::set<double> durations;
    for (int row = 0; row < int(rows.size()); ++row) {
        const auto& segments = run->timeline->lanes()[rows[std::size_t(row)]].segments;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (segments[i].state != sim::TaskState::Sleeping || i + 1 == segments.size())
                continue;
            // (A sleep cut short by a cancellation lasts until then.)
            const double seconds = segments[i].endTime - segments[i].startTime;
            const QRectF bar = painter.segmentRect(layout, viewport, row, i);
            QVERIFY2(std::abs(bar.width() - seconds * pixelsPerSecond) <= 1.5,
                qPrintable(QStringLiteral("row %1: a %2 s sleep is %3 px, not %4").arg(row).arg(seconds).arg(bar.width()).arg(
                    seconds * pixelsPerSecond)));
            // Painted so: the bar shows just inside both ends (past the steps' marks).
            if (seconds >= 2) {
                const int y = int(bar.bottom() - 3); // below the wake-up arrows' arcs
                const int inset = int(layout.laneHeight * 0.5 + 2); // past the steps' marks and tie badges
                const QString where = QStringLiteral("row %1, a %2 s sleep at x %3..%4").arg(row).arg(seconds).arg(bar.left()).arg(bar.right());
                QVERIFY2(isSleeping(int(bar.left()) + inset, y), qPrintable(where));
                QVERIFY2(isSleeping(int(bar.right()) - inset, y), qPrintable(where));
            }
            durations.insert(seconds);
        }
    }
    QVERIFY(durations.count(10.0) && durations.count(7.0)); // the sleeps the report compared
}

void TestTimelinePainter::onTheTimeAxisTheLensSpreadsTheCursorsInstant()
{
    // Position 9 on chained 1 2 3: step 8 ran, the fourth of the seven steps at t = 4 (5..11).
    TimelineViewport viewport;
    viewport.cursor = 9;
    const QSize size(1200, 400);
    const ui::TimelineLayout layout = m_painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const ui::TimelineLens lens
        = ui::TimelineLens::of(layout, viewport, m_painter.axisMap(TimelineAxis::Time), *m_run->timeline);
    QVERIFY(!lens.isEmpty());
    QCOMPARE(lens.instantFirst(), std::size_t(5));
    QCOMPARE(lens.instantEnd(), std::size_t(12));
    QCOMPARE(lens.firstShown(), std::size_t(5));
    QCOMPARE(lens.endShown(), std::size_t(12));
    QVERIFY(layout.ruler.contains(lens.box()));
    // Cells in run order, side by side, around the cursor's x.
    const double x = m_painter.positionX(layout, viewport, 9);
    QVERIFY(lens.box().left() < x && lens.box().right() > x);
    for (std::size_t step = 5; step < 11; ++step)
        QVERIFY(lens.cell(step).right() < lens.cell(step + 1).left());
    // A cell is a click target: after its step.
    for (std::size_t step = 5; step < 12; ++step) {
        const ui::TimelineHit hit = m_painter.hitTest(layout, viewport, lens.cell(step).center());
        QCOMPARE(hit.area, ui::TimelineHit::Area::Lens);
        QCOMPARE(hit.position, step + 1);
    }
    // Painted: the current step's cell in the cursor's colour, the earlier ones as run steps,
    // and the step that just ran outlined in its lane (chain 1's, row 1).
    QImage image(size, QImage::Format_RGB32);
    {
        QPainter p(&image);
        m_painter.paint(p, QRectF(QPointF(0, 0), size), viewport);
    }
    const ui::Theme theme = ui::Theme::light();
    QCOMPARE(image.pixelColor(lens.cell(8).center().toPoint()).rgb(), theme.cursor.rgb());
    QCOMPARE(image.pixelColor(lens.cell(6).center().toPoint()).rgb(), theme.style(sim::TaskState::Running).fill.rgb());
    QCOMPARE(image.pixelColor(lens.cell(10).center().toPoint()).rgb(), theme.grid.rgb());
    const QRectF mark = m_painter.segmentRect(layout, viewport, 1, 3); // chain 1: [8, 9) running
    QCOMPARE(m_run->timeline->lanes()[m_painter.rows(false)[1]].segments[3].startStep, 8u);
    QVERIFY(std::abs(mark.center().x() - x) <= 1);
    QCOMPARE(image.pixelColor(int(mark.left()), int(mark.top()) - 2).rgb(), theme.cursor.rgb()); // its outline's top
    // The tie badges of the cursor's instant stay on top of the cursor's line: chain 1's
    // timer fired first at t = 4, its badge's "1" reads in the badge's colours, not the line's.
    const int lineWidth = int(std::max(2.0, std::round(layout.fontPixels * 0.18)));
    int lineInBadge = 0;
    for (int dy = -3; dy <= 3; ++dy)
        for (int dx = -lineWidth; dx <= lineWidth; ++dx)
            lineInBadge += image.pixelColor(int(x) + dx, int(mark.center().y()) + dy).rgb() == theme.cursor.rgb();
    QCOMPARE(lineInBadge, 0);
    // The steps axes need no lens; nor does the picture before the first step.
    viewport.axis = TimelineAxis::Instants;
    QVERIFY(ui::TimelineLens::of(layout, viewport, m_painter.axisMap(TimelineAxis::Instants), *m_run->timeline).isEmpty());
    viewport.axis = TimelineAxis::Time;
    viewport.cursor = 0;
    QVERIFY(ui::TimelineLens::of(layout, viewport, m_painter.axisMap(TimelineAxis::Time), *m_run->timeline).isEmpty());
}

void TestTimelinePainter::drawingUpToAStepShowsNothingOfTheFuture_data()
{
    QTest::addColumn<int>("axis");
    QTest::addColumn<bool>("asyncq");
    QTest::addColumn<int>("upTo");
    QTest::newRow("chained, time axis") << int(TimelineAxis::Time) << false << 9;
    QTest::newRow("chained, instants axis") << int(TimelineAxis::Instants) << false << 9;
    QTest::newRow("chained, steps axis") << int(TimelineAxis::Steps) << false << 9;
    QTest::newRow("asyncq, time axis") << int(TimelineAxis::Time) << true << 27;
    QTest::newRow("asyncq, steps axis") << int(TimelineAxis::Steps) << true << 27;
}

void TestTimelinePainter::drawingUpToAStepShowsNothingOfTheFuture()
{
    QFETCH(int, axis);
    QFETCH(bool, asyncq);
    QFETCH(int, upTo);
    const ui::RunDataPtr run
        = ui::computeRun(asyncq ? sim::testruns::asyncq(444, 2, 5) : sim::testruns::chained(444, {1, 2, 3}));
    const TimelinePainter painter(run);
    TimelineViewport viewport;
    viewport.axis = TimelineAxis(axis);
    viewport.cursor = std::size_t(upTo);
    viewport.drawUpTo = std::size_t(upTo);
    viewport.dimFuture = false;
    viewport.showTitle = true;
    viewport.hideLaterTasks = true;
    const QSize size(1400, int(painter.preferredHeight(1400, viewport)));
    const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
    const ui::TimelineAxisMap& map = painter.axisMap(TimelineAxis(axis));
    QImage image(size, QImage::Format_RGB32);
    ui::RulerLabels labels;
    {
        QPainter p(&image);
        painter.paintBase(p, layout, viewport, &labels);
        painter.paintOverlay(p, layout, viewport, &labels);
    }
    const double now = map.stepTime(std::size_t(upTo) - 1);
    // The ruler labels nothing later than now: no "22 s", "23 s", "29 s" at step 27.
    for (const ui::RulerLabel& label : labels) {
        if (map.isTime())
            QVERIFY2(label.text.chopped(2).toDouble() <= now, qPrintable(label.text));
        else
            QVERIFY2(label.text.toDouble() <= upTo, qPrintable(label.text));
    }
    // Right of the cursor (and its flag), the ruler and the lanes are empty: no bar, tick,
    // grid line, arrow, tie badge or label.
    const ui::Theme theme = ui::Theme::light();
    const double x = painter.positionX(layout, viewport, std::size_t(upTo));
    // Past the cursor's flag and its lens (which lists the steps done at its instant).
    const QRectF lens = ui::TimelineLens::of(layout, viewport, map, *run->timeline).box();
    const int from = int(std::max(x + layout.fontPixels * 4, lens.right() + 1));
    QVERIFY(from < layout.lanes.right() - 100);
    for (int y = int(layout.ruler.top()); y < int(layout.lanes.bottom()); ++y) {
        if (y == int(layout.ruler.bottom()) - 1)
            continue; // the ruler's bottom rule
        for (int px = from; px < int(layout.lanes.right()); ++px) {
            const QRgb pixel = image.pixelColor(px, y).rgb();
            QVERIFY2(pixel == theme.background.rgb() || pixel == theme.laneSeparator.rgb(),
                qPrintable(QStringLiteral("x %1, y %2: %3").arg(px).arg(y).arg(QColor(pixel).name())));
        }
    }
    // Nor does the key list a state that comes later (the chains' "done", asyncq's
    // "cancelled" at the end).
    const sim::TaskState later = asyncq ? sim::TaskState::Cancelled : sim::TaskState::Done;
    for (const auto& entry : painter.legendEntries(viewport))
        QVERIFY(entry.kind != ui::TimelineLegend::Entry::Kind::State || entry.state != later);
    viewport.drawUpTo.reset();
    bool listed = false;
    for (const auto& entry : painter.legendEntries(viewport))
        listed = listed || (entry.kind == ui::TimelineLegend::Entry::Kind::State && entry.state == later);
    QVERIFY(listed); // the whole run's key does
}

void TestTimelinePainter::drawingUpToAStepLeavesOutTheTasksNotYetCreated()
{
    TimelineViewport viewport;
    viewport.showInternalTasks = true; // asyncio.run's shutdown tasks come last
    viewport.hideLaterTasks = true;
    const QRectF target(0, 0, 1200, 600);
    viewport.drawUpTo = 0; // before main's first step: main only
    QCOMPARE(m_painter.layout(target, viewport).rowCount, 1);
    viewport.drawUpTo = 1; // main gathered the chains
    QCOMPARE(m_painter.layout(target, viewport).rowCount, 4);
    viewport.drawUpTo = 24;
    QCOMPARE(m_painter.layout(target, viewport).rowCount, 6);
    viewport.drawUpTo.reset();
    viewport.hideFuture = true; // the window's option: up to the cursor
    viewport.cursor = 1;
    QCOMPARE(m_painter.layout(target, viewport).rowCount, 4);
    // A hover in the blank future finds nothing.
    viewport.cursor = 9;
    const ui::TimelineLayout layout = m_painter.layout(target, viewport);
    const double y = layout.rowTop(1, 0) + layout.laneHeight / 2;
    QVERIFY(m_painter.hitTest(layout, viewport, QPointF(m_painter.positionX(layout, viewport, 9) - 30, y)).segment);
    QVERIFY(!m_painter.hitTest(layout, viewport, QPointF(layout.lanes.right() - 30, y)).segment);
    // Without the option, every lane, whatever the cut-off.
    viewport.hideLaterTasks = false;
    viewport.drawUpTo = 0;
    QCOMPARE(m_painter.layout(target, viewport).rowCount, 6);
}

void TestTimelinePainter::laneNamesFitTheColumnOrAreCutInTheMiddle()
{
    // asyncq -p 2000 -c 4000: names up to "Consumer 3999". Every lane read "Producer 4..."
    // when the column was sized on the first names as long as the longest but two.
    const ui::RunDataPtr run = ui::computeRun(sim::testruns::asyncq(444, 2000, 4000));
    const TimelinePainter painter(run);
    const auto svgNames = [&](const TimelineViewport& viewport, QSizeF size) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        {
            QPainter p(&svg);
            const ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), size), viewport);
            painter.paintBase(p, layout, viewport);
        }
        QStringList names;
        // Lane names, whole or elided (the ruler's and the key's words have no digit-"…").
        static const QRegularExpression text(QStringLiteral(">((?:Producer|Consumer)[^<]*|[^<]*\u2026[^<]*)<"));
        for (auto match = text.globalMatch(QString::fromUtf8(buffer.data())); match.hasNext();)
            names << match.next().captured(1);
        return names;
    };
    TimelineViewport viewport;
    const auto& rows = painter.rows(false);
    const int row = int(rows.size()) - 12; // among Consumer 3988..3999
    const QSizeF projector(1280, 500);
    ui::TimelineLayout layout = painter.layout(QRectF(QPointF(0, 0), projector), viewport);
    viewport.scrollY = row * layout.laneHeight;
    QFont font = layout.labelFont;
    const double widest = QFontMetricsF(font).horizontalAdvance(QStringLiteral("Consumer 3999"));
    QVERIFY2(layout.labels.width() >= widest + 2 * layout.fontPixels * 0.7,
        qPrintable(QStringLiteral("column %1 px, name %2 px").arg(layout.labels.width()).arg(widest)));
    QStringList names = svgNames(viewport, projector);
    QVERIFY2(names.contains(QStringLiteral("Consumer 3988")) && names.contains(QStringLiteral("Consumer 3998")),
        qPrintable(names.join(QLatin1Char('|'))));
    // On a narrow picture with big text the column is at its widest share: the names are cut,
    // their numbers kept whole, and they stay apart.
    viewport.textScale = 2.5;
    const QSizeF narrow(520, 600);
    layout = painter.layout(QRectF(QPointF(0, 0), narrow), viewport);
    QVERIFY(layout.labels.width() < 2.5 * widest);
    viewport.scrollY = row * layout.laneHeight;
    names = svgNames(viewport, narrow);
    QVERIFY2(names.size() >= 4, qPrintable(names.join(QLatin1Char('|'))));
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (int i = 0; i < names.size(); ++i) {
        QVERIFY2(names[i].contains(QChar(0x2026)), qPrintable(names[i]));
        const QString number = QString::number(3988 + i); // whole: "C…3988", "Cons… 3988"
        QVERIFY2(names[i].endsWith(number) && !names[i].chopped(number.size()).back().isDigit(), qPrintable(names[i]));
    }
}

QTEST_MAIN(TestTimelinePainter)
#include "tst_timelinepainter.moc"
