// SPDX-License-Identifier: MIT
// The pure time <-> pixel mapping, the zoom / pan arithmetic and the ruler's number helpers.
#include "timelinecoordinates.h"
#include "timelineformat.h"

#include <QTest>

#include <cmath>

using ui::TimelineCoordinates;
using ui::VisibleRange;

class TestTimelineCoordinates : public QObject {
    Q_OBJECT
private slots:
    void unitsMapLinearlyOntoPixels_data();
    void unitsMapLinearlyOntoPixels();
    void pixelsMapBackOntoUnits_data();
    void pixelsMapBackOntoUnits();
    void clampedXStaysNearTheArea();
    void overlapsIncludesTouchingRanges();
    void clampingKeepsRangesInsideTheRun_data();
    void clampingKeepsRangesInsideTheRun();
    void zoomingKeepsTheAnchorInPlace_data();
    void zoomingKeepsTheAnchorInPlace();
    void panningStopsAtTheEnds();
    void zoomFactorIsOneWhenEverythingShows();
    void niceStepsAreOneTwoFiveTimesAPowerOfTen_data();
    void niceStepsAreOneTwoFiveTimesAPowerOfTen();
    void secondsReadLikeATeacherWritesThem_data();
    void secondsReadLikeATeacherWritesThem();
};

void TestTimelineCoordinates::unitsMapLinearlyOntoPixels_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("unit");
    QTest::addColumn<double>("x");

    QTest::newRow("range start at the left edge") << 0.0 << 10.0 << 100.0 << 500.0 << 0.0 << 100.0;
    QTest::newRow("range end at the right edge") << 0.0 << 10.0 << 100.0 << 500.0 << 10.0 << 600.0;
    QTest::newRow("middle") << 0.0 << 10.0 << 100.0 << 500.0 << 5.0 << 350.0;
    QTest::newRow("shifted range") << 20.0 << 30.0 << 0.0 << 1000.0 << 25.0 << 500.0;
    QTest::newRow("before the range: left of the area") << 20.0 << 30.0 << 0.0 << 1000.0 << 10.0 << -1000.0;
    QTest::newRow("after the range: right of the area") << 20.0 << 30.0 << 0.0 << 1000.0 << 40.0 << 2000.0;
    QTest::newRow("zero-width range maps everything to the left edge") << 5.0 << 5.0 << 50.0 << 400.0 << 7.0 << 50.0;
    QTest::newRow("inverted range is empty too") << 9.0 << 5.0 << 50.0 << 400.0 << 7.0 << 50.0;
    QTest::newRow("zero pixels wide") << 0.0 << 10.0 << 50.0 << 0.0 << 7.0 << 50.0;
    QTest::newRow("negative width") << 0.0 << 10.0 << 50.0 << -3.0 << 7.0 << 50.0;
    QTest::newRow("tiny range, huge zoom") << 1.0 << 1.000001 << 0.0 << 1000.0 << 1.0000005 << 500.0;
}

void TestTimelineCoordinates::unitsMapLinearlyOntoPixels()
{
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, left);
    QFETCH(double, width);
    QFETCH(double, unit);
    QFETCH(double, x);
    const TimelineCoordinates c {start, end, left, width};
    QVERIFY2(std::abs(c.x(unit) - x) < 1e-6, qPrintable(QString::number(c.x(unit))));
    QCOMPARE(c.isEmpty(), !(end > start) || !(width > 0));
    if (c.isEmpty())
        QCOMPARE(c.scale(), 0.0);
}

void TestTimelineCoordinates::pixelsMapBackOntoUnits_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("unit");

    QTest::newRow("left edge") << 2.0 << 4.0 << 200.0 << 10.0 << 2.0;
    QTest::newRow("right edge") << 2.0 << 4.0 << 200.0 << 210.0 << 4.0;
    QTest::newRow("left of the area") << 2.0 << 4.0 << 200.0 << -90.0 << 1.0;
    QTest::newRow("zero-width range gives its start") << 3.0 << 3.0 << 200.0 << 150.0 << 3.0;
    QTest::newRow("zero pixels gives the start") << 2.0 << 4.0 << 0.0 << 150.0 << 2.0;
}

void TestTimelineCoordinates::pixelsMapBackOntoUnits()
{
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, width);
    QFETCH(double, x);
    QFETCH(double, unit);
    const TimelineCoordinates c {start, end, 10.0, width};
    QVERIFY(std::abs(c.unitAt(x) - unit) < 1e-9);
    if (!c.isEmpty())
        QVERIFY(std::abs(c.unitAt(c.x(3.3)) - 3.3) < 1e-9);
}

void TestTimelineCoordinates::clampedXStaysNearTheArea()
{
    const TimelineCoordinates c {0, 1, 100, 100};
    QCOMPARE(c.clampedX(-1e12), 84.0);
    QCOMPARE(c.clampedX(1e12), 216.0);
    QCOMPARE(c.clampedX(0.5), 150.0);
    QCOMPARE(c.clampedX(1e12, 0), 200.0);
}

void TestTimelineCoordinates::overlapsIncludesTouchingRanges()
{
    const TimelineCoordinates c {10, 20, 0, 100};
    QVERIFY(c.overlaps(0, 10));
    QVERIFY(c.overlaps(20, 30));
    QVERIFY(c.overlaps(12, 13));
    QVERIFY(c.overlaps(0, 100));
    QVERIFY(!c.overlaps(0, 9.99));
    QVERIFY(!c.overlaps(20.01, 30));
}

void TestTimelineCoordinates::clampingKeepsRangesInsideTheRun_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("minWidth");
    QTest::addColumn<double>("expectedStart");
    QTest::addColumn<double>("expectedEnd");

    QTest::newRow("inside stays") << 2.0 << 5.0 << 10.0 << 1.0 << 2.0 << 5.0;
    QTest::newRow("before the start shifts right") << -2.0 << 1.0 << 10.0 << 1.0 << 0.0 << 3.0;
    QTest::newRow("past the end shifts left") << 8.0 << 12.0 << 10.0 << 1.0 << 6.0 << 10.0;
    QTest::newRow("wider than the run shows the run") << -5.0 << 50.0 << 10.0 << 1.0 << 0.0 << 10.0;
    QTest::newRow("narrower than the minimum widens") << 4.0 << 4.1 << 10.0 << 2.0 << 4.0 << 6.0;
    QTest::newRow("zero-width widens to the minimum") << 3.0 << 3.0 << 10.0 << 2.0 << 3.0 << 5.0;
    QTest::newRow("zero-width, no minimum: the whole run") << 3.0 << 3.0 << 10.0 << 0.0 << 0.0 << 10.0;
    QTest::newRow("minimum wider than the run") << 1.0 << 2.0 << 3.0 << 8.0 << 0.0 << 3.0;
    QTest::newRow("empty run") << 1.0 << 2.0 << 0.0 << 1.0 << 0.0 << 0.0;
}

void TestTimelineCoordinates::clampingKeepsRangesInsideTheRun()
{
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, total);
    QFETCH(double, minWidth);
    QFETCH(double, expectedStart);
    QFETCH(double, expectedEnd);
    const VisibleRange r = VisibleRange {start, end}.clamped(total, minWidth);
    QVERIFY2(std::abs(r.start - expectedStart) < 1e-9 && std::abs(r.end - expectedEnd) < 1e-9,
        qPrintable(QStringLiteral("[%1, %2]").arg(r.start).arg(r.end)));
}

void TestTimelineCoordinates::zoomingKeepsTheAnchorInPlace_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("anchor");
    QTest::addColumn<double>("expectedStart");
    QTest::addColumn<double>("expectedEnd");

    // From [0, 100] of a 100-unit run, minimum width 1.
    QTest::newRow("in around the middle") << 2.0 << 50.0 << 25.0 << 75.0;
    QTest::newRow("in around the left end") << 4.0 << 0.0 << 0.0 << 25.0;
    QTest::newRow("in around the right end") << 4.0 << 100.0 << 75.0 << 100.0;
    QTest::newRow("in around a quarter") << 2.0 << 25.0 << 12.5 << 62.5;
    QTest::newRow("in past the maximum stops at the minimum width") << 1000.0 << 50.0 << 49.5 << 50.5;
    QTest::newRow("out of the fit stays fit") << 0.5 << 50.0 << 0.0 << 100.0;
    QTest::newRow("a zero factor changes nothing") << 0.0 << 50.0 << 0.0 << 100.0;
}

void TestTimelineCoordinates::zoomingKeepsTheAnchorInPlace()
{
    QFETCH(double, factor);
    QFETCH(double, anchor);
    QFETCH(double, expectedStart);
    QFETCH(double, expectedEnd);
    const VisibleRange r = VisibleRange {0, 100}.zoomed(factor, anchor, 100, 1);
    QVERIFY2(std::abs(r.start - expectedStart) < 1e-9 && std::abs(r.end - expectedEnd) < 1e-9,
        qPrintable(QStringLiteral("[%1, %2]").arg(r.start).arg(r.end)));
    // Zooming back out returns to the start.
    const VisibleRange back = VisibleRange {25, 75}.zoomed(0.5, 50, 100, 1);
    QCOMPARE(back, (VisibleRange {0, 100}));
}

void TestTimelineCoordinates::panningStopsAtTheEnds()
{
    const VisibleRange r {10, 20};
    QCOMPARE(r.panned(5, 100, 1), (VisibleRange {15, 25}));
    QCOMPARE(r.panned(-50, 100, 1), (VisibleRange {0, 10}));
    QCOMPARE(r.panned(500, 100, 1), (VisibleRange {90, 100}));
}

void TestTimelineCoordinates::zoomFactorIsOneWhenEverythingShows()
{
    QCOMPARE((VisibleRange {0, 100}).zoomFactor(100), 1.0);
    QCOMPARE((VisibleRange {10, 20}).zoomFactor(100), 10.0);
    QCOMPARE((VisibleRange {0, 0}).zoomFactor(100), 1.0);
    QCOMPARE((VisibleRange {0, 10}).zoomFactor(0), 1.0);
}

void TestTimelineCoordinates::niceStepsAreOneTwoFiveTimesAPowerOfTen_data()
{
    QTest::addColumn<double>("minimum");
    QTest::addColumn<double>("step");
    QTest::newRow("exactly one") << 1.0 << 1.0;
    QTest::newRow("just over one") << 1.01 << 2.0;
    QTest::newRow("three") << 3.0 << 5.0;
    QTest::newRow("seven") << 7.0 << 10.0;
    QTest::newRow("hundreds") << 130.0 << 200.0;
    QTest::newRow("fractions") << 0.03 << 0.05;
    QTest::newRow("float noise on two") << 2.0000000001 << 2.0;
    QTest::newRow("zero") << 0.0 << 1.0;
    QTest::newRow("negative") << -4.0 << 1.0;
    QTest::newRow("infinite") << qInf() << 1.0;
}

void TestTimelineCoordinates::niceStepsAreOneTwoFiveTimesAPowerOfTen()
{
    QFETCH(double, minimum);
    QFETCH(double, step);
    QVERIFY2(std::abs(ui::niceStep(minimum) - step) < 1e-12 * step, qPrintable(QString::number(ui::niceStep(minimum))));
}

void TestTimelineCoordinates::secondsReadLikeATeacherWritesThem_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole") << 4.0 << QStringLiteral("4 s");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0 s");
    QTest::newRow("minus zero") << -0.0 << QStringLiteral("0 s");
    QTest::newRow("half") << 0.5 << QStringLiteral("0.5 s");
    QTest::newRow("float noise") << 0.1 + 0.2 << QStringLiteral("0.3 s");
    QTest::newRow("three decimals") << 1.2345 << QStringLiteral("1.235 s");
}

void TestTimelineCoordinates::secondsReadLikeATeacherWritesThem()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(ui::formatSeconds(seconds), text);
    QCOMPARE(ui::formatTime(seconds), QStringLiteral("t = ") + text);
}

QTEST_GUILESS_MAIN(TestTimelineCoordinates)
#include "tst_timelinecoordinates.moc"
