// SPDX-License-Identifier: MIT
// The painter on its own, as the exporters use it: vector output keeps text as text, the
// "up to step N" option leaves the future blank, layouts fit every lane when asked.
#include "rundata.h"
#include "runrequests.h"
#include "theme.h"
#include "timelinepainter.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTest>

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
    image.save(QStringLiteral("/tmp/tlscratch/deadlock.png"));
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
    // (The end line itself, 3 pixels wide, stands at the right edge.)
    const QRectF mainLane(layout.lanes.left(), layout.rowTop(0, 0), layout.lanes.width() - 12, layout.laneHeight);
    QCOMPARE(count(mainLane, vermillion), 0);
    // ...where main's last step (running) shows at the end of the run (on the time axis a
    // mark astride the end line).
    const QRectF mainEnd(layout.lanes.right() - 40, mainLane.top(), 40, mainLane.height());
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

QTEST_MAIN(TestTimelinePainter)
#include "tst_timelinepainter.moc"
