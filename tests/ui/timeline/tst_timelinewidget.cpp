// SPDX-License-Identifier: MIT
// The timeline widget on the default run (chained 1 2 3, seed 444), offscreen: hit-testing,
// zoom, axis switch, tooltips, and the pixels it paints.
#include "rundata.h"
#include "runrequests.h"
#include "timelinelens.h"
#include "timelinetooltip.h"
#include "timelinewidget.h"

#include <QHelpEvent>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

using ui::TimelineAxis;
using ui::TimelineWidget;

namespace {
// A widget showing a run, sized like a small window.
struct ShownTimeline {
    explicit ShownTimeline(ui::RunDataPtr run, QSize size = {1200, 480})
    {
        widget.resize(size);
        widget.setRun(std::move(run));
    }
    ui::TimelineLayout layout() const
    {
        return widget.timelinePainter().layout(widget.contentRect(), widget.viewport());
    }
    int rowOf(const char* name) const
    {
        const auto& rows = widget.timelinePainter().rows(false);
        const auto& trace = widget.timelinePainter().run()->trace;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (trace.taskName(rows[i]) == name)
                return int(i);
        }
        return -1;
    }
    QRectF segmentRect(const char* lane, std::size_t index) const
    {
        return widget.timelinePainter().segmentRect(layout(), widget.viewport(), rowOf(lane), index);
    }
    QImage render()
    {
        return widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    }

    TimelineWidget widget;
};

// asyncq -p producers -c consumers, seed 444, computed as the window does: a lane each.
ui::RunDataPtr asyncqRun(std::int64_t producers, std::int64_t consumers)
{
    return ui::computeRun(sim::testruns::asyncq(444, producers, consumers));
}

bool hasColorNear(const QImage& image, QPoint center, int radius, QColor color)
{
    for (int y = center.y() - radius; y <= center.y() + radius; ++y) {
        for (int x = center.x() - radius; x <= center.x() + radius; ++x) {
            if (image.rect().contains(x, y) && image.pixelColor(x, y).rgb() == color.rgb())
                return true;
        }
    }
    return false;
}
}

class TestTimelineWidget : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aNewRunFitsTheWindow();
    void clickingASegmentRequestsThePositionAfterTheStepUnderTheMouse_data();
    void clickingASegmentRequestsThePositionAfterTheStepUnderTheMouse();
    void draggingPansInsteadOfClicking();
    void ctrlWheelZoomsAroundTheMouse();
    void plusMinusAndZeroZoomFromTheKeyboard();
    void zoomSlotsAndFitToWindow();
    void switchingTheAxisKeepsZoomAndSignalsOnce();
    void positionIsClampedAndScrolledIntoView();
    void internalTasksAreHiddenUntilAsked();
    void hoveringASleepShowsItsStateTimesAndWaker();
    void aGetterWokenByAPutSaysWhatThePutDid();
    void renderingShowsTheCursorWhereThePositionIs_data();
    void renderingShowsTheCursorWhereThePositionIs();
    void renderingShowsASleepInTheChainLane();
    void manyLanesScrollVertically();
    void steppingScrollsTheSteppedLaneIntoView();
    void onTheTimeAxisTheLensCellsAreClickedAndExplained();
    void hidingTheFutureDrawsNothingAfterTheCursor();
    void aBookmarkAtTheCursorLeavesItsTimeReadable();

private:
    ui::RunDataPtr m_run;
};

void TestTimelineWidget::initTestCase()
{
    m_run = ui::computeRun(sim::RunRequest {});
    QCOMPARE(m_run->timeline->stepCount(), std::size_t(24));
}

void TestTimelineWidget::aNewRunFitsTheWindow()
{
    ShownTimeline t(m_run);
    QCOMPARE(t.widget.zoomFactor(), 1.0);
    QCOMPARE(t.widget.axis(), TimelineAxis::Time);
    QCOMPARE(t.layout().rowCount, 4); // main, chain 1..3; asyncio.run's shutdown tasks hidden
    QSignalSpy zoom(t.widget.view(), &ui::TimelineView::rangeChanged);
    t.widget.zoomIn();
    t.widget.setRun(m_run);
    QCOMPARE(t.widget.zoomFactor(), 1.0);
    QVERIFY(zoom.count() >= 2); // in, then back to fit (and the new run's extent)
}

void TestTimelineWidget::clickingASegmentRequestsThePositionAfterTheStepUnderTheMouse_data()
{
    QTest::addColumn<int>("axis");
    QTest::addColumn<QByteArray>("lane");
    QTest::addColumn<int>("segment");
    QTest::addColumn<int>("position");

    // chain 1: [1,2) running, [2,6) sleeping, [6,8) ready, [8,9) running, [9,16) sleeping, ...
    QTest::newRow("time axis: chain 1's second step") << int(TimelineAxis::Time) << QByteArray("chain 1") << 3 << 9;
    QTest::newRow("steps axis: chain 1's second step") << int(TimelineAxis::Steps) << QByteArray("chain 1") << 3 << 9;
    QTest::newRow("steps axis: main's first step") << int(TimelineAxis::Steps) << QByteArray("main") << 0 << 1;
    // The middle of the 4 s sleep on the time axis is idle time before t = 4: position 5,
    // just before the first step at t = 4.
    QTest::newRow("time axis: the middle of a sleep") << int(TimelineAxis::Time) << QByteArray("chain 1") << 1 << 5;
    // On the steps axis the middle of [9, 16) is step 12: after it, position 13.
    QTest::newRow("steps axis: the middle of a sleep") << int(TimelineAxis::Steps) << QByteArray("chain 1") << 4 << 13;
}

void TestTimelineWidget::clickingASegmentRequestsThePositionAfterTheStepUnderTheMouse()
{
    QFETCH(int, axis);
    QFETCH(QByteArray, lane);
    QFETCH(int, segment);
    QFETCH(int, position);
    ShownTimeline t(m_run);
    t.widget.setAxis(TimelineAxis(axis));
    QSignalSpy requested(&t.widget, &TimelineWidget::positionRequested);
    const QRectF box = t.segmentRect(lane.constData(), std::size_t(segment));
    QVERIFY(!box.isEmpty());
    QTest::mouseClick(&t.widget, Qt::LeftButton, {}, box.center().toPoint());
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().value<std::size_t>(), std::size_t(position));
    QCOMPARE(t.widget.position(), std::size_t(0)); // the window moves the cursor, not the widget
}

void TestTimelineWidget::draggingPansInsteadOfClicking()
{
    ShownTimeline t(m_run);
    t.widget.zoomIn();
    t.widget.zoomIn();
    const double before = t.widget.viewport().range->start;
    QSignalSpy requested(&t.widget, &TimelineWidget::positionRequested);
    const QPoint from = t.layout().lanes.center().toPoint();
    QTest::mousePress(&t.widget, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, from + QPoint(-200, 0), t.widget.mapToGlobal(from + QPoint(-200, 0)),
        Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&t.widget, &move);
    QTest::mouseRelease(&t.widget, Qt::LeftButton, {}, from + QPoint(-200, 0));
    QCOMPARE(requested.count(), 0);
    QVERIFY(t.widget.viewport().range->start > before);
}

void TestTimelineWidget::ctrlWheelZoomsAroundTheMouse()
{
    ShownTimeline t(m_run);
    QSignalSpy zoom(t.widget.view(), &ui::TimelineView::rangeChanged);
    const QPointF at = t.layout().lanes.center();
    const double anchor = t.layout().coordinates.unitAt(at.x());
    QWheelEvent wheel(at, t.widget.mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::ControlModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(&t.widget, &wheel);
    QVERIFY(t.widget.zoomFactor() > 1.3);
    QCOMPARE(zoom.count(), 1);
    // The unit under the mouse stays under the mouse.
    QVERIFY(std::abs(t.layout().coordinates.unitAt(at.x()) - anchor) < 1e-6);
    // Without Ctrl the wheel pans (everything fits vertically) and keeps the zoom.
    const double zoomed = t.widget.zoomFactor();
    QWheelEvent pan(at, t.widget.mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    const double start = t.widget.viewport().range->start;
    QApplication::sendEvent(&t.widget, &pan);
    QCOMPARE(t.widget.zoomFactor(), zoomed);
    QVERIFY(t.widget.viewport().range->start > start);
}

void TestTimelineWidget::plusMinusAndZeroZoomFromTheKeyboard()
{
    ShownTimeline t(m_run);
    QSignalSpy zoom(t.widget.view(), &ui::TimelineView::rangeChanged);
    QTest::keyClick(&t.widget, Qt::Key_Plus);
    QCOMPARE(zoom.count(), 1);
    const double in = t.widget.zoomFactor();
    QVERIFY(in > 1.0);
    QTest::keyClick(&t.widget, Qt::Key_Plus);
    QVERIFY(t.widget.zoomFactor() > in);
    QTest::keyClick(&t.widget, Qt::Key_Minus);
    QVERIFY(std::abs(t.widget.zoomFactor() - in) < 1e-9);
    QTest::keyClick(&t.widget, Qt::Key_0);
    QCOMPARE(t.widget.zoomFactor(), 1.0);
    QCOMPARE(zoom.count(), 4);
    // Ctrl + / - are the window's text zoom: the timeline leaves them alone.
    QTest::keyClick(&t.widget, Qt::Key_Plus, Qt::ControlModifier);
    QCOMPARE(t.widget.zoomFactor(), 1.0);
}

void TestTimelineWidget::zoomSlotsAndFitToWindow()
{
    ShownTimeline t(m_run);
    t.widget.zoomOut();
    QCOMPARE(t.widget.zoomFactor(), 1.0); // never wider than the run
    for (int i = 0; i < 40; ++i)
        t.widget.zoomIn();
    // On the time axis, where steps have no width, down to a ten-thousandth of the run.
    QVERIFY(std::abs(t.widget.zoomFactor() - 1e4) < 1e-6);
    // The narrowest view is four steps: on the instants axis, where the steps take half the
    // width at fit, that is 24 * 2 / 4.
    t.widget.setAxis(TimelineAxis::Instants);
    for (int i = 0; i < 40; ++i)
        t.widget.zoomIn();
    QVERIFY(std::abs(t.widget.zoomFactor() - 12.0) < 1e-9);
    t.widget.setAxis(TimelineAxis::Steps);
    for (int i = 0; i < 40; ++i)
        t.widget.zoomIn();
    QVERIFY(std::abs(t.widget.zoomFactor() - 24.0 / 4.0) < 1e-9);
    t.widget.fitToWindow();
    QCOMPARE(t.widget.zoomFactor(), 1.0);
}

void TestTimelineWidget::switchingTheAxisKeepsZoomAndSignalsOnce()
{
    ShownTimeline t(m_run);
    QSignalSpy changed(t.widget.view(), &ui::TimelineView::axisChanged);
    t.widget.setAxis(TimelineAxis::Steps);
    QCOMPARE(t.widget.axis(), TimelineAxis::Steps);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().value<TimelineAxis>(), TimelineAxis::Steps);
    t.widget.setAxis(TimelineAxis::Steps);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(t.widget.zoomFactor(), 1.0);
    QCOMPARE(t.layout().coordinates.rangeEnd, 24.0);

    // Zoomed in on steps 8..12, the instants axis shows the same steps.
    t.widget.setPosition(10);
    for (int i = 0; i < 3; ++i)
        t.widget.zoomIn();
    const auto steps = *t.widget.viewport().range;
    t.widget.setAxis(TimelineAxis::Instants);
    QCOMPARE(changed.count(), 2);
    const auto& map = t.widget.timelinePainter().axisMap(TimelineAxis::Instants);
    const auto time = *t.widget.viewport().range;
    QVERIFY(std::abs(map.fractionalPosition(time.start) - steps.start) < 1e-6);
    QVERIFY(std::abs(map.fractionalPosition(time.end) - steps.end) < 1e-6);

    // On the time axis, where they take no room, a view of a few steps of one instant
    // keeps its zoom factor around that instant rather than shrinking to nothing.
    t.widget.setAxis(TimelineAxis::Steps);
    t.widget.fitToWindow();
    t.widget.setPosition(8);
    for (int i = 0; i < 6; ++i)
        t.widget.zoomIn(); // about steps 6.5..10.5, all at t = 4
    const double zoom = t.widget.zoomFactor();
    t.widget.setAxis(TimelineAxis::Time);
    const auto seconds = *t.widget.viewport().range;
    QVERIFY(std::abs(t.widget.zoomFactor() - zoom) < 1e-6 * zoom);
    QVERIFY(seconds.start <= 4.0 && seconds.end >= 4.0);
}

void TestTimelineWidget::positionIsClampedAndScrolledIntoView()
{
    ShownTimeline t(m_run);
    t.widget.setAxis(TimelineAxis::Steps);
    for (int i = 0; i < 10; ++i)
        t.widget.zoomIn();
    t.widget.setPosition(1000);
    QCOMPARE(t.widget.position(), std::size_t(24));
    auto range = *t.widget.viewport().range;
    QVERIFY(range.start <= 24 && range.end >= 24);
    t.widget.setPosition(1);
    range = *t.widget.viewport().range;
    QVERIFY(range.start <= 1 && range.end >= 1);
}

void TestTimelineWidget::internalTasksAreHiddenUntilAsked()
{
    ShownTimeline t(m_run);
    QCOMPARE(t.layout().rowCount, 4);
    t.widget.setShowInternalTasks(true);
    QCOMPARE(t.layout().rowCount, 6);
}

void TestTimelineWidget::hoveringASleepShowsItsStateTimesAndWaker()
{
    ShownTimeline t(m_run);
    t.widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t.widget));
    // chain 2: [1,2) ready, [2,3) running, [3,7) sleeping until t = 4, woken by its timer.
    const QRectF box = t.segmentRect("chain 2", 2);
    const QPoint at = QPoint(int(box.left() + box.width() * 0.3), int(box.center().y()));
    QHelpEvent help(QEvent::ToolTip, at, t.widget.mapToGlobal(at));
    QApplication::sendEvent(&t.widget, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(QStringLiteral("chain 2: sleeping")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("From t = 0 s (after step 3)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("To t = 4 s (after step 7)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("asyncio.sleep(): wakes at t = 4 s")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Woken by: its timer")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("chain 1, chain 2, chain 3")), qPrintable(text)); // the tie at t = 4
    QToolTip::hideText();
}

void TestTimelineWidget::aGetterWokenByAPutSaysWhatThePutDid()
{
    // asyncq -p 2 -c 5, seed 444: Consumer 3 waits in queue.get() from step 16 until Producer 0
    // puts an item in step 25; the tooltip of that wait says so, in the vocabulary's words.
    const ui::RunDataPtr run = asyncqRun(2, 5);
    const ui::WakeArrowIndex arrows(*run->timeline);
    sim::TaskId consumer = sim::noId;
    for (sim::TaskId task = 0; task < run->trace.tasks.size(); ++task)
        if (run->trace.taskName(task) == "Consumer 3")
            consumer = task;
    const auto& segments = run->timeline->lanes()[consumer].segments;
    std::size_t wait = 0;
    while (wait < segments.size() && segments[wait].state != sim::TaskState::WaitingGet)
        ++wait;
    QVERIFY(wait < segments.size());
    const QString text = ui::TimelineToolTip::text(*run, arrows, consumer, wait);
    QVERIFY2(text.contains(QStringLiteral("Consumer 3: waiting on queue.get()")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Awaits: queue.get(): the queue was empty")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Woken by: Producer 0, which put an item in the queue in step 25")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Waits at line 31 of asyncq.py")), qPrintable(text));
}

void TestTimelineWidget::renderingShowsTheCursorWhereThePositionIs_data()
{
    QTest::addColumn<int>("axis");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<int>("position");
    QTest::newRow("time axis, light") << int(TimelineAxis::Time) << false << 9;
    QTest::newRow("steps axis, light") << int(TimelineAxis::Steps) << false << 9;
    QTest::newRow("time axis, dark") << int(TimelineAxis::Time) << true << 13;
    QTest::newRow("steps axis, dark, at the start") << int(TimelineAxis::Steps) << true << 0;
}

void TestTimelineWidget::renderingShowsTheCursorWhereThePositionIs()
{
    QFETCH(int, axis);
    QFETCH(bool, dark);
    QFETCH(int, position);
    ShownTimeline t(m_run);
    const ui::Theme theme = dark ? ui::Theme::dark() : ui::Theme::light();
    t.widget.setTheme(theme);
    t.widget.setAxis(TimelineAxis(axis));
    t.widget.setPosition(std::size_t(position));
    const QImage image = t.render();
    const ui::TimelineLayout layout = t.layout();
    const int x = int(std::round(t.widget.timelinePainter().positionX(layout, t.widget.viewport(), std::size_t(position))));
    // Below the lanes (nothing else is drawn there) and across a lane.
    const int below = int(layout.lanes.top() + layout.contentHeight + layout.laneHeight);
    QCOMPARE(image.pixelColor(x, below).rgb(), theme.cursor.rgb());
    QCOMPARE(image.pixelColor(x, int(layout.lanes.top() + 2)).rgb(), theme.cursor.rgb());
    // and nowhere else on that row, well away from it.
    QVERIFY(image.pixelColor(x + 12, below).rgb() != theme.cursor.rgb());
    QVERIFY(image.pixelColor(x - 12 >= 0 ? x - 12 : x + 20, below).rgb() != theme.cursor.rgb());
}

void TestTimelineWidget::renderingShowsASleepInTheChainLane()
{
    ShownTimeline t(m_run);
    t.widget.setPosition(24); // at the end: nothing dimmed
    for (bool dark : {false, true}) {
        const ui::Theme theme = dark ? ui::Theme::dark() : ui::Theme::light();
        t.widget.setTheme(theme);
        const QImage image = t.render();
        // chain 1's first sleep, a quarter of the way in (its word sits in the middle).
        const QRectF box = t.segmentRect("chain 1", 1);
        const QPoint at(int(box.left() + box.width() * 0.25), int(box.center().y()));
        const ui::StateStyle sleeping = theme.style(sim::TaskState::Sleeping);
        QVERIFY(hasColorNear(image, at, 3, sleeping.fill));
        QVERIFY(hasColorNear(image, at, 6, sleeping.patternColor) || dark); // pattern lines (antialiased in dark)
        // main awaits gather there, in its own colour, not the sleep's.
        const QRectF mainBox = t.segmentRect("main", 1);
        const QPoint inMain(int(mainBox.left() + mainBox.width() * 0.2), int(mainBox.center().y()));
        QVERIFY(!hasColorNear(image, inMain, 3, sleeping.fill));
        QVERIFY(hasColorNear(image, inMain, 3, theme.style(sim::TaskState::AwaitingChildren).fill));
    }
}

void TestTimelineWidget::manyLanesScrollVertically()
{
    ShownTimeline t(asyncqRun(200, 400), {1000, 600});
    const ui::TimelineLayout layout = t.layout();
    QCOMPARE(layout.rowCount, 601);
    QVERIFY(layout.contentHeight > layout.lanes.height());
    QVERIFY(layout.endRow - layout.firstRow < 40); // only the rows in view are drawn
    const double zoom = t.widget.zoomFactor();
    const QPointF at = layout.lanes.center();
    QWheelEvent wheel(at, t.widget.mapToGlobal(at), QPoint(), QPoint(0, -240), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(&t.widget, &wheel);
    QVERIFY(t.widget.viewport().scrollY > 0);
    QCOMPARE(t.widget.zoomFactor(), zoom);
    QVERIFY(t.layout().firstRow > 0);
    // Scrolled to the bottom, the last lane is in view.
    auto* bar = t.widget.findChild<QScrollBar*>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(bar);
    for (QScrollBar* b : t.widget.findChildren<QScrollBar*>()) {
        if (b->orientation() == Qt::Vertical)
            b->setValue(b->maximum());
    }
    QCOMPARE(t.layout().endRow, 601);
    QVERIFY(!t.render().isNull());
}

void TestTimelineWidget::steppingScrollsTheSteppedLaneIntoView()
{
    ShownTimeline t(asyncqRun(20, 40), {1000, 400});
    const auto& steps = t.widget.timelinePainter().run()->index->steps();
    const auto rowAfter = [&](std::size_t position) {
        return t.widget.timelinePainter().rowOf(steps[position - 1].task, false);
    };
    const auto inView = [&](int row) {
        const ui::TimelineLayout layout = t.layout();
        return row >= layout.firstRow && row < layout.endRow
            && layout.rowTop(row, t.widget.viewport().scrollY) >= layout.lanes.top() - 0.5
            && layout.rowTop(row, t.widget.viewport().scrollY) + layout.laneHeight <= layout.lanes.bottom() + 0.5;
    };
    QVERIFY(t.layout().contentHeight > 2 * t.layout().lanes.height());
    // Every step, forwards then backwards: the lane of the task that just ran is on screen.
    int scrolled = 0;
    double scrollY = t.widget.viewport().scrollY;
    for (std::size_t position = 1; position <= steps.size(); ++position) {
        t.widget.setPosition(position);
        const int row = rowAfter(position);
        if (row >= 0)
            QVERIFY2(inView(row), qPrintable(QStringLiteral("position %1, row %2").arg(position).arg(row)));
        scrolled += t.widget.viewport().scrollY != scrollY;
        scrollY = t.widget.viewport().scrollY;
    }
    for (std::size_t position = steps.size(); position >= 1; --position) {
        t.widget.setPosition(position);
        if (const int row = rowAfter(position); row >= 0)
            QVERIFY(inView(row));
    }
    QVERIFY(scrolled > 0);
    // Only when needed: a lane already in view leaves the scroll alone.
    t.widget.setPosition(1);
    scrollY = t.widget.viewport().scrollY;
    for (std::size_t position = 2; position <= steps.size(); ++position) {
        const int row = rowAfter(position);
        const bool wasInView = row < 0 || inView(row);
        t.widget.setPosition(position);
        if (wasInView)
            QCOMPARE(t.widget.viewport().scrollY, scrollY);
        scrollY = t.widget.viewport().scrollY;
    }
}

void TestTimelineWidget::onTheTimeAxisTheLensCellsAreClickedAndExplained()
{
    ShownTimeline t(m_run);
    t.widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t.widget));
    t.widget.setPosition(9); // step 8 ran: the fourth of the seven steps at t = 4 (5..11)
    const ui::TimelineLens lens = ui::TimelineLens::of(
        t.layout(), t.widget.viewport(), t.widget.timelinePainter().axisMap(TimelineAxis::Time), *m_run->timeline);
    QVERIFY(!lens.isEmpty());
    // Every step of the instant is a click away, though they share one x in the lanes.
    QSignalSpy requested(&t.widget, &TimelineWidget::positionRequested);
    for (std::size_t step = 5; step < 12; ++step)
        QTest::mouseClick(&t.widget, Qt::LeftButton, {}, lens.cell(step).center().toPoint());
    QCOMPARE(requested.count(), 7);
    for (int i = 0; i < 7; ++i)
        QCOMPARE(requested[i].first().value<std::size_t>(), std::size_t(6 + i));
    // Hovering a cell names the step's task.
    const QPoint at = lens.cell(6).center().toPoint();
    QHelpEvent help(QEvent::ToolTip, at, t.widget.mapToGlobal(at));
    QApplication::sendEvent(&t.widget, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString task = QString::fromUtf8(m_run->trace.taskName(m_run->index->steps()[6].task));
    QVERIFY2(QToolTip::text().startsWith(QStringLiteral("Step 7: %1 ran at t = 4 s").arg(task)), qPrintable(QToolTip::text()));
    QToolTip::hideText();
}

void TestTimelineWidget::hidingTheFutureDrawsNothingAfterTheCursor()
{
    ShownTimeline t(asyncqRun(2, 5));
    const ui::Theme theme = ui::Theme::light();
    QVERIFY(!t.widget.hidesFuture());
    t.widget.setPosition(27);
    // The blank area right of the cursor (past its flag), in the ruler and the lanes.
    const auto futurePixels = [&] {
        const QImage image = t.render();
        const ui::TimelineLayout layout = t.layout();
        const double x = t.widget.timelinePainter().positionX(layout, t.widget.viewport(), t.widget.position());
        // Past the cursor's flag and its lens (which lists the steps done at its instant).
        const QRectF lens = ui::TimelineLens::of(layout, t.widget.viewport(),
            t.widget.timelinePainter().axisMap(TimelineAxis::Time), *t.widget.timelinePainter().run()->timeline)
                                .box();
        int drawn = 0;
        for (int y = int(layout.ruler.top()); y < int(layout.lanes.bottom()); ++y) {
            for (int px = int(std::max(x + layout.fontPixels * 4, lens.right() + 1)); px < int(layout.lanes.right()); ++px) {
                const QRgb pixel = image.pixelColor(px, y).rgb();
                drawn += y != int(layout.ruler.bottom()) - 1 && pixel != theme.background.rgb()
                    && pixel != theme.laneSeparator.rgb();
            }
        }
        return drawn;
    };
    QVERIFY(futurePixels() > 1000); // washed out, but there
    t.widget.setHideFuture(true);
    QVERIFY(t.widget.hidesFuture());
    QCOMPARE(futurePixels(), 0);
    // Stepping on draws the step that just came, and still nothing after it.
    const double before = t.widget.timelinePainter().positionX(t.layout(), t.widget.viewport(), 27);
    t.widget.setPosition(40);
    QVERIFY(t.widget.timelinePainter().positionX(t.layout(), t.widget.viewport(), 40) > before);
    QCOMPARE(futurePixels(), 0);
    // Before main's first step, only main has a lane.
    t.widget.setPosition(0);
    QCOMPARE(t.layout().rowCount, 1);
    t.widget.setHideFuture(false);
    QCOMPARE(t.layout().rowCount, 8);
}

void TestTimelineWidget::aBookmarkAtTheCursorLeavesItsTimeReadable()
{
    // A lesson's bookmark on the step on screen: its pennant on the ruler must not cover the
    // cursor's time flag ("t = 4 s"), which a class reads from the back of the room.
    ShownTimeline t(m_run);
    t.widget.setPosition(8);
    const QRect flagRow = t.layout().ruler.adjusted(0, 0, 0, -t.layout().ruler.height() / 2).toAlignedRect();
    const QColor cursor = t.widget.viewport().theme.cursor;
    auto cursorPixels = [&] {
        const QImage ruler = t.render().copy(flagRow);
        int count = 0;
        for (int y = 0; y < ruler.height(); ++y)
            for (int x = 0; x < ruler.width(); ++x)
                count += ruler.pixelColor(x, y).rgb() == cursor.rgb();
        return count;
    };
    const int plain = cursorPixels();
    QVERIFY(plain > 50);
    t.widget.setBookmarks({ 6, 7, 8 }); // all at t = 4 s, where the cursor is
    QCOMPARE(cursorPixels(), plain);
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
