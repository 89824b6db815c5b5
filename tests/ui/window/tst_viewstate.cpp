// SPDX-License-Identifier: MIT
// The window's one view state: both timelines of a comparison share its axis, zoom and
// scroll (checked by their visible ranges and by the pixels of their rulers), the settings
// and a lesson file keep it, and File > Export starts from it.
#include "comparisonview.h"
#include "exportdialog.h"
#include "exportjob.h"
#include "lessoncontroller.h"
#include "lessonfile.h"
#include "mainwindow.h"
#include "playbackcontroller.h"
#include "predictcontroller.h"
#include "runcontroller.h"
#include "runrequests.h"
#include "timelinepainter.h"
#include "timelinewidget.h"
#include "viewstate.h"

#include <QAction>
#include <QComboBox>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QWheelEvent>

#include <memory>

using namespace ui;

namespace {

// A window on chained 1 2 3, seed 444 (done at t = 11 s), compared with seed 7 (a longer run).
class ComparingWindow {
public:
    ComparingWindow()
        : window(std::make_unique<MainWindow>())
    {
        window->setWindowState(Qt::WindowNoState);
        window->resize(1400, 1000);
        window->show();
        ready = QTest::qWaitFor([this] { return bool(window->run()); }, 20000);
    }

    // Compares with `other`, once both timelines show their lanes (the window shares the
    // height out between them over a few layout passes).
    bool compare(const sim::RunRequest& other)
    {
        window->compareWith(other);
        // Settled: both timelines show all their lanes, and the split between them has not
        // moved for a few polls (the window reaches it over several layout passes).
        int lastHeight = -1;
        int steady = 0;
        return QTest::qWaitFor([this] { return window->comparisonView()->second() != nullptr; }, 20000)
            && QTest::qWaitFor([&] {
                   steady = main()->height() == lastHeight ? steady + 1 : 0;
                   lastHeight = main()->height();
                   return steady >= 3 && showsAllLanes(main()) && showsAllLanes(compared());
               }, 5000);
    }

    static bool showsAllLanes(TimelineWidget* timeline)
    {
        const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
        return layout.rowCount > 0 && layout.lanes.height() >= layout.rowCount * layout.laneHeight - 0.5;
    }

    MainWindow* operator->() const { return window.get(); }
    TimelineWidget* main() const { return window->timeline(); }
    TimelineWidget* compared() const { return window->comparisonView()->timeline(); }

    std::unique_ptr<MainWindow> window;
    bool ready = false;
};

// The top row of a timeline's ruler (where the seconds, or steps, are labelled), as painted.
QImage rulerLabels(TimelineWidget* timeline)
{
    const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
    const QRect labels = layout.ruler.adjusted(0, 0, 0, -layout.ruler.height() / 2).toAlignedRect();
    return timeline->grab().toImage().copy(labels).convertToFormat(QImage::Format_RGB32);
}

bool sameRange(VisibleRange a, VisibleRange b)
{
    return std::abs(a.start - b.start) < 1e-9 && std::abs(a.end - b.end) < 1e-9;
}

void ctrlWheel(TimelineWidget* timeline, int steps)
{
    const QPointF at = timeline->contentRect().center();
    QWheelEvent wheel(at, timeline->mapToGlobal(at), QPoint(), QPoint(0, 120 * steps), Qt::NoButton,
        Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(timeline, &wheel);
}

} // namespace

class tst_ViewState : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void zoomingEitherTimelineMovesBoth();
    void theLongerRunIsInViewAtFit();
    void switchingTheAxisKeepsBothAligned();
    void theSettingsRestoreTheView();
    void aZoomedLessonReopensZoomed();
    void exportsTakeTheAxisThemeAndTextSizeOfTheView();
    void theAxisAndPredictButtonsShowOnAProjector_data();
    void theAxisAndPredictButtonsShowOnAProjector();
};

void tst_ViewState::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_viewstate"));
}

void tst_ViewState::zoomingEitherTimelineMovesBoth()
{
    ComparingWindow window;
    QVERIFY(window.ready);
    // The same program and seed below: its ruler must be the one above, pixel for pixel.
    QVERIFY(window.compare(sim::testruns::chained(444, { 1, 2, 3 })));
    window->playback()->setPosition(0);
    QApplication::processEvents();
    const QImage fit = rulerLabels(window.main());
    QCOMPARE(rulerLabels(window.compared()), fit);

    // Ctrl+wheel on the compared run's timeline zooms the window's too.
    ctrlWheel(window.compared(), 3);
    QVERIFY(window.compared()->zoomFactor() > 1.5);
    QCOMPARE(window.main()->zoomFactor(), window.compared()->zoomFactor());
    QVERIFY(sameRange(window.main()->visibleRange(), window.compared()->visibleRange()));
    QVERIFY(window->viewState()->range().has_value());
    QApplication::processEvents();
    const QImage zoomed = rulerLabels(window.main());
    QVERIFY(zoomed != fit);
    QCOMPARE(rulerLabels(window.compared()), zoomed);

    // The keys on the window's timeline (+, and the wheel to pan) move the compared one.
    window.main()->setFocus();
    QTest::keyClick(window.main(), Qt::Key_Plus);
    const QPointF at = window.main()->contentRect().center();
    QWheelEvent pan(at, window.main()->mapToGlobal(at), QPoint(), QPoint(-240, 0), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(window.main(), &pan);
    QVERIFY(sameRange(window.main()->visibleRange(), window.compared()->visibleRange()));
    QApplication::processEvents();
    const QImage panned = rulerLabels(window.main());
    QVERIFY(panned != zoomed);
    QCOMPARE(rulerLabels(window.compared()), panned);

    // View > Fit to window fits both.
    window->viewState()->fitAction()->trigger();
    QCOMPARE(window.compared()->zoomFactor(), 1.0);
    QApplication::processEvents();
    QCOMPARE(rulerLabels(window.main()), fit);
    QCOMPARE(rulerLabels(window.compared()), fit);
}

void tst_ViewState::theLongerRunIsInViewAtFit()
{
    // sequential.py (the chains awaited in turn) takes twice as long as chained.py: at fit,
    // both timelines reach the longer run's end, so the compared run can be seen whole (the
    // shorter one runs on blank, at the same scale).
    ComparingWindow window;
    QVERIFY(window.ready);
    sim::RunRequest sequential = sim::testruns::chained(444, { 1, 2, 3 });
    sequential.program = &sim::sequentialProgram();
    QVERIFY(window.compare(sequential));
    const TimelineAxisMap& longer = window.compared()->timelinePainter().axisMap(TimelineAxis::Time);
    const TimelineAxisMap& shorter = window.main()->timelinePainter().axisMap(TimelineAxis::Time);
    QVERIFY(longer.total() > shorter.total() * 1.5);
    QCOMPARE(window.compared()->visibleRange().end, longer.total());
    QCOMPARE(window.main()->visibleRange().end, longer.total());
    // Scrolling to the end shows the longer run's last seconds in both.
    for (int i = 0; i < 4; ++i)
        window.main()->zoomIn();
    window->playback()->setPosition(window->run()->index->stepCount());
    const QPointF at = window.main()->contentRect().center();
    for (int i = 0; i < 50; ++i) {
        QWheelEvent pan(at, window.main()->mapToGlobal(at), QPoint(), QPoint(-120, 0), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(window.main(), &pan);
    }
    QVERIFY(std::abs(window.compared()->visibleRange().end - longer.total()) < 1e-9);
    QVERIFY(sameRange(window.main()->visibleRange(), window.compared()->visibleRange()));
    // Stopping the comparison holds the view to the run left.
    window->comparisonView()->clear();
    QVERIFY(window.main()->visibleRange().end <= shorter.total() + 1e-9);
}

void tst_ViewState::switchingTheAxisKeepsBothAligned()
{
    ComparingWindow window;
    QVERIFY(window.ready);
    QVERIFY(window.compare(sim::testruns::chained(7, { 1, 2, 3 })));
    window->playback()->setPosition(10);
    for (int i = 0; i < 3; ++i)
        window.main()->zoomIn();

    // Steps: the same steps at the same x in both.
    window->viewState()->stepsAxisAction()->trigger();
    QCOMPARE(window.compared()->axis(), TimelineAxis::Steps);
    QVERIFY(window.main()->zoomFactor() > 1.5);
    QVERIFY(sameRange(window.main()->visibleRange(), window.compared()->visibleRange()));

    // Instants: each run has other instants with other numbers of steps, yet every second
    // is at one x in both timelines, inside the view as at its ends.
    window->viewState()->instantsAxisAction()->trigger();
    QCOMPARE(window.compared()->axis(), TimelineAxis::Instants);
    QVERIFY(sameRange(window.main()->visibleRange(), window.compared()->visibleRange()));
    window->viewState()->fitAction()->trigger();
    auto xAt = [](TimelineWidget* timeline, double seconds) {
        const TimelineLayout layout = timeline->timelinePainter().layout(timeline->contentRect(), timeline->viewport());
        return layout.coordinates.x(timeline->timelinePainter().axisMap(TimelineAxis::Instants).unitAtTime(seconds));
    };
    for (double seconds : { 1.0, 2.0, 4.0, 5.0, 7.5, 8.0, 11.0 })
        QVERIFY2(std::abs(xAt(window.main(), seconds) - xAt(window.compared(), seconds)) < 0.5,
            qPrintable(QStringLiteral("t = %1 s at x = %2 above, %3 below")
                           .arg(seconds)
                           .arg(xAt(window.main(), seconds))
                           .arg(xAt(window.compared(), seconds))));

    // Time, again: seconds, the same numbers.
    window->viewState()->timeAxisAction()->trigger();
    QVERIFY(sameRange(window.main()->visibleRange(), window.compared()->visibleRange()));
}

void tst_ViewState::theSettingsRestoreTheView()
{
    VisibleRange zoomed;
    {
        ComparingWindow window;
        QVERIFY(window.ready);
        window->viewState()->stepsAxisAction()->trigger();
        window->viewState()->darkThemeAction()->trigger();
        window->viewState()->internalTasksAction()->trigger();
        window->playback()->setPosition(12);
        window.main()->zoomIn();
        window.main()->zoomIn();
        zoomed = *window->viewState()->range();
        window->close();
    }
    ComparingWindow reopened;
    QVERIFY(reopened.ready);
    const ViewSettings view = reopened->viewState()->settings();
    QCOMPARE(view.axis, TimelineAxis::Steps);
    QCOMPARE(view.theme, ThemeKind::Dark);
    QVERIFY(view.showInternalTasks);
    QVERIFY(view.range.has_value());
    QVERIFY(sameRange(*view.range, zoomed));
    QVERIFY(sameRange(reopened.main()->visibleRange(), zoomed)); // the last run, zoomed as it was
    QVERIFY(reopened.main()->viewport().showInternalTasks);
    // A new run shows whole again.
    reopened->runs()->runAction()->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !reopened->viewState()->range(); }, 5000));
}

void tst_ViewState::aZoomedLessonReopensZoomed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zoomed.loopscope"));
    VisibleRange zoomed;
    {
        ComparingWindow window;
        QVERIFY(window.ready);
        Lesson lesson;
        lesson.title = QStringLiteral("Zoomed in");
        lesson.runs.push_back(lessonRunOf(window->run()->request));
        QString error;
        QVERIFY2(writeLesson(path, lesson, &error), qPrintable(error));
        QVERIFY(window->lessons()->open(path));
        QVERIFY(QTest::qWaitFor([&] { return window->lessons()->showsLessonRun(); }, 10000));
        // The teacher zooms in on the instants axis, then saves: the lesson keeps the view.
        window->viewState()->instantsAxisAction()->trigger();
        window->playback()->setPosition(9);
        for (int i = 0; i < 3; ++i)
            window.main()->zoomIn();
        zoomed = *window->viewState()->range();
        QVERIFY(window->lessons()->saveAs(path));
    }
    QString error;
    const auto saved = readLesson(path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->view.axis, LessonView::Axis::Instants);
    QVERIFY(saved->view.range.has_value());
    QCOMPARE(saved->view.range->from, zoomed.start); // to the last bit
    QCOMPARE(saved->view.range->to, zoomed.end);
    // Written again, the same bytes.
    const auto bytes = lessonBytes(*saved, &error);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(*bytes, file.readAll());

    // Another day, another view: the lesson opens on its own, zoomed as it was saved.
    QSettings().clear();
    ComparingWindow other;
    QVERIFY(other.ready);
    QCOMPARE(other->viewState()->axis(), TimelineAxis::Time);
    QVERIFY(other->lessons()->open(path));
    QVERIFY(QTest::qWaitFor([&] { return other->lessons()->showsLessonRun(); }, 10000));
    QApplication::processEvents();
    QCOMPARE(other->viewState()->axis(), TimelineAxis::Instants);
    QVERIFY(other->viewState()->range().has_value());
    QVERIFY(sameRange(other.main()->visibleRange(), zoomed));
}

void tst_ViewState::exportsTakeTheAxisThemeAndTextSizeOfTheView()
{
    ComparingWindow window;
    QVERIFY(window.ready);
    window->viewState()->darkThemeAction()->trigger();
    window->viewState()->stepsAxisAction()->trigger();
    window->viewState()->largerTextAction()->trigger();
    const ExportContext context = window->exportContext();
    QCOMPARE(context.view, window->viewState()->settings());
    ExportDialog dialog(context);
    dialog.selectFormat(QStringLiteral("png"));
    QTemporaryDir dir;
    const ExportJob job = dialog.job(dir.filePath(QStringLiteral("slide.png")));
    QCOMPARE(job.picture.axis, TimelineAxis::Steps);
    QCOMPARE(job.picture.theme, ThemeKind::Dark);
    QCOMPARE(job.picture.textScale, window->viewState()->textScale());
    QVERIFY(writeExport(job, {}).written);
    // The picture is dark: its background is the dark theme's.
    const QImage picture(job.path);
    QVERIFY(!picture.isNull());
    QCOMPARE(picture.pixelColor(2, 2).rgb(), Theme::dark().background.rgb());
}

void tst_ViewState::theAxisAndPredictButtonsShowOnAProjector_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("largerText"); // Ctrl+= presses
    QTest::addColumn<bool>("asyncq"); // a longer step readout than chained's
    for (const QSize size : { QSize(1024, 768), QSize(1280, 720) })
        for (int presses = 0; presses <= 2; ++presses)
            QTest::addRow("%dx%d, Ctrl+= %d times", size.width(), size.height(), presses) << size << presses << false;
    QTest::newRow("1024x768, Ctrl+= 2 times, asyncq") << QSize(1024, 768) << 2 << true;
}

void tst_ViewState::theAxisAndPredictButtonsShowOnAProjector()
{
    // Every button of the playback bar on screen, none behind the toolbar's overflow arrow:
    // the axis buttons and Predict are what a teacher reaches for in class, with larger text
    // too (they spilled into the overflow at 1024x768 after Ctrl+= once). A short bar may
    // fold the three axes into one menu button.
    QFETCH(QSize, size);
    QFETCH(int, largerText);
    QFETCH(bool, asyncq);
    ComparingWindow window;
    QVERIFY(window.ready);
    if (asyncq) {
        const RunDataPtr chained = window->run();
        window->runRequest(sim::testruns::asyncq(444, 5, 10));
        QVERIFY(QTest::qWaitFor([&] { return window->run() != chained; }, 10000));
    }
    window->resize(size);
    for (int i = 0; i < largerText; ++i)
        window->viewState()->largerTextAction()->trigger();
    auto* bar = window->findChild<QToolBar*>(QStringLiteral("playbackToolBar"));
    QVERIFY(bar);
    // The bar is laid out again after the resize and the new text size have been handled
    // (later on a loaded machine): wait for its overflow arrow to go.
    const auto overflowShown = [bar] {
        auto* overflow = bar->findChild<QToolButton*>(QStringLiteral("qt_toolbar_ext_button"));
        return overflow && overflow->isVisible();
    };
    QTest::qWait(50);
    QTRY_VERIFY_WITH_TIMEOUT(!overflowShown(), 5000);
    const QRect inBar = bar->rect();
    auto onScreen = [&](QWidget* widget) {
        return widget->isVisible() && inBar.contains(QRect(widget->mapTo(bar, QPoint(0, 0)), widget->size()));
    };
    // Where each action is on the bar: its own button, or the axis field's list.
    auto* axisField = bar->findChild<QComboBox*>(QStringLiteral("axisField"));
    QVERIFY(axisField);
    auto reachable = [&](QAction* action) {
        for (QToolButton* button : bar->findChildren<QToolButton*>())
            if (button->defaultAction() == action && onScreen(button))
                return true;
        return onScreen(axisField) && axisField->findText(action->iconText()) >= 0;
    };
    PlaybackController* playback = window->playback();
    ViewState* view = window->viewState();
    for (QAction* action : { playback->toStartAction(), playback->stepBackAction(), playback->playPauseAction(),
             playback->stepForwardAction(), playback->toEndAction(), view->timeAxisAction(), view->instantsAxisAction(),
             view->stepsAxisAction(), window->predict()->predictAction() })
        QVERIFY2(reachable(action), qPrintable(action->text()));
    // The jumps to the previous and next instant give way last, at the tightest (a long
    // readout, 1024 pixels, Ctrl+= twice): Ctrl+Left / Ctrl+Right and the Run menu keep them.
    for (QAction* action : { playback->previousInstantAction(), playback->nextInstantAction() }) {
        QVERIFY2(reachable(action) || asyncq, qPrintable(action->text()));
        QVERIFY(action->isVisible()); // its key works (a hidden action's would not)
    }
    for (const char* name : { "speedField", "positionReadout" }) {
        auto* widget = bar->findChild<QWidget*>(QLatin1String(name));
        QVERIFY2(widget && onScreen(widget) && widget->width() >= widget->sizeHint().width(), name);
    }
    // The axis field shows the axis shown, and picking one there switches to it.
    view->stepsAxisAction()->trigger();
    QCOMPARE(axisField->currentText(), view->stepsAxisAction()->iconText());
    axisField->setCurrentIndex(axisField->findText(view->instantsAxisAction()->iconText()));
    emit axisField->activated(axisField->currentIndex());
    QCOMPARE(view->axis(), TimelineAxis::Instants);
}

QTEST_MAIN(tst_ViewState)
#include "tst_viewstate.moc"
