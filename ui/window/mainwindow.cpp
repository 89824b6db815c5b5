// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "docktitle.h"
#include "exportdialog.h"
#include "glyphicon.h"
#include "lessoncontroller.h"
#include "lessonfile.h"
#include "listingpanel.h"
#include "loopstatepanel.h"
#include "narration.h"
#include "narrationpanel.h"
#include "notespanel.h"
#include "outputpanel.h"
#include "panelarranger.h"
#include "playbackcontroller.h"
#include "plural.h"
#include "predictcontroller.h"
#include "predictpanel.h"
#include "progressindicator.h"
#include "runcontroller.h"
#include "actioncombobox.h"
#include "comparisonview.h"
#include "recentfiles.h"
#include "runcontrols.h"
#include "tracefile.h"
#include "scrubber.h"
#include "shortcutsdialog.h"
#include "timelinepainter.h"
#include "timelinewidget.h"
#include "toolbarfit.h"
#include "typography.h"
#include "viewstate.h"
#include "windowcolours.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoroSignal>
#include <QFutureWatcher>
#include <QDockWidget>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QSaveFile>
#include <QTimer>
#include <QMimeData>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

// Resources of a static library must be registered by hand (outside any namespace).
static void initLoopscopeResources() { Q_INIT_RESOURCE(loopscope); }

namespace ui {

namespace {
    QString seconds(double value) { return QString::fromStdString(sim::formatSeconds(value)); }

    // A QSettings layout blob from another version of the window is ignored by
    // restoreState(); bump this when the docks or toolbars change.
    constexpr int layoutVersion = 3;

    // Screens shorter than this (available pixels) open the window maximized.
    constexpr int smallScreenHeight = 900;

    // The timeline shows at least this many lanes (when the run has them) at any text zoom.
    constexpr int minLanesInView = 8;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_runs(new RunController(this))
    , m_playback(new PlaybackController(this))
    , m_view(new ViewState(this))
    , m_predict(new PredictController(m_playback, this))
    , m_compareRuns(new RunController(this))
{
    initLoopscopeResources();
    setWindowTitle(QStringLiteral("Loopscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/loopscope.svg")));
    setDockNestingEnabled(true);

    auto* central = new QWidget(this);
    m_scrubber = new Scrubber(central);
    m_scrubber->setObjectName(QStringLiteral("scrubber"));
    m_timeline = new TimelineWidget(central);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    // Clicking the timeline takes the focus out of a text field, so the arrow keys step again.
    m_timeline->setFocusPolicy(Qt::StrongFocus);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(6, 2, 6, 0);
    column->setSpacing(2);
    column->addWidget(m_scrubber);
    m_predictPanel = new PredictPanel(m_predict, central); // over the timeline, where the class looks
    m_predictPanel->hide();
    column->addWidget(m_predictPanel);
    column->addWidget(m_timeline, 1);
    m_comparison = new ComparisonView(central); // File > Compare With: a second run under the first
    column->addWidget(m_comparison, 1);
    // The two share the height as fitTimelineText() says, whatever their size hints.
    for (QWidget* part : { static_cast<QWidget*>(m_timeline), static_cast<QWidget*>(m_comparison) })
        part->setSizePolicy(part->sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);
    // One view for both: zooming, scrolling or switching the axis in either moves both. The
    // window's own timeline first: an axis switch keeps its run's steps in view.
    m_timeline->setView(m_view);
    m_comparison->timeline()->setView(m_view);
    m_timeline->installEventFilter(this); // its size decides its lanes' height
    m_comparison->installEventFilter(this); // and the compared run's, the share of each
    setCentralWidget(central);

    buildToolBars();
    buildDocks();
    buildMenus();
    setAcceptDrops(true); // a Python program or a trace dropped on the window opens

    m_progress = new ProgressIndicator(m_runs->cancelAction(), this);
    m_runStatus = new QLabel(this);
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_runStatus);
    // A recording whose order followed memory addresses says so across the rest of the bar,
    // wrapped rather than cut (updateRunStatus).
    m_addressOrder = new QLabel(this);
    m_addressOrder->setObjectName(QStringLiteral("addressOrder"));
    m_addressOrder->setWordWrap(true);
    m_addressOrder->hide();
    statusBar()->addWidget(m_addressOrder, 1);

    connectControllers();
    connectPredict();
    restoreSession();
    focusTimeline();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildToolBars()
{
    auto* runBar = addToolBar(tr("Run"));
    runBar->setObjectName(QStringLiteral("runToolBar"));
    m_controls = new RunControls(m_runs->runAction(), m_runs->newSeedAction(), runBar);
    m_controls->setObjectName(QStringLiteral("runControls"));
    runBar->addWidget(m_controls);
    addToolBarBreak();

    auto* playBar = addToolBar(tr("Playback"));
    playBar->setObjectName(QStringLiteral("playbackToolBar"));
    // Buttons of this bar only (the actions stay in the menus and on their keys whatever the
    // bar shows), so that a short bar can give some up: see ToolBarFit below.
    auto barButton = [playBar](QAction* action, Qt::ToolButtonStyle style) {
        auto* button = new QToolButton(playBar);
        button->setDefaultAction(action);
        button->setToolButtonStyle(style);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus);
        button->setIconSize(playBar->iconSize());
        connect(playBar, &QToolBar::iconSizeChanged, button, &QToolButton::setIconSize);
        return playBar->addWidget(button);
    };
    barButton(m_playback->toStartAction(), Qt::ToolButtonIconOnly);
    QAction* previousInstant = barButton(m_playback->previousInstantAction(), Qt::ToolButtonIconOnly);
    barButton(m_playback->stepBackAction(), Qt::ToolButtonIconOnly);
    barButton(m_playback->playPauseAction(), Qt::ToolButtonIconOnly);
    barButton(m_playback->stepForwardAction(), Qt::ToolButtonIconOnly);
    QAction* nextInstant = barButton(m_playback->nextInstantAction(), Qt::ToolButtonIconOnly);
    barButton(m_playback->toEndAction(), Qt::ToolButtonIconOnly);
    QList<QAction*> separators { playBar->addSeparator() };

    m_speed = new QComboBox(playBar);
    m_speed->setObjectName(QStringLiteral("speedField"));
    m_speed->setFocusPolicy(Qt::TabFocus); // a click leaves the focus where it was
    m_speed->setSizeAdjustPolicy(QComboBox::AdjustToContents); // and to the text zoom
    m_speed->setToolTip(tr("Playback speed in scheduler steps per second ([ and ] change it)"));
    for (double speed : PlaybackController::speeds)
        m_speed->addItem((speed == 1 ? tr("%1 step/s") : tr("%1 steps/s")).arg(speed), speed);
    auto* speedLabel = new QLabel(tr("Speed"), playBar);
    speedLabel->setContentsMargins(6, 0, 4, 0);
    QAction* speedLabelItem = playBar->addWidget(speedLabel);
    playBar->addWidget(m_speed);
    separators << playBar->addSeparator();

    m_readout = new QLabel(playBar);
    m_readout->setObjectName(QStringLiteral("positionReadout"));
    m_readout->setContentsMargins(12, 0, 12, 0);
    playBar->addWidget(m_readout);

    auto* spacer = new QWidget(playBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    playBar->addWidget(spacer);
    // The axis buttons and Predict carry words, not icons.
    const QList<QAction*> axisButtons { barButton(m_view->timeAxisAction(), Qt::ToolButtonTextOnly),
        barButton(m_view->instantsAxisAction(), Qt::ToolButtonTextOnly),
        barButton(m_view->stepsAxisAction(), Qt::ToolButtonTextOnly) };
    auto* axisField = new ActionComboBox(
        { m_view->timeAxisAction(), m_view->instantsAxisAction(), m_view->stepsAxisAction() }, playBar);
    axisField->setObjectName(QStringLiteral("axisField"));
    axisField->setToolTip(tr("The timeline's axis: time to scale (T), instants (I) or steps (S)"));
    QAction* axisFieldItem = playBar->addWidget(axisField);
    separators << playBar->addSeparator();
    barButton(m_predict->predictAction(), Qt::ToolButtonTextOnly);
    // Every button a teacher needs stays on a short bar (a 1024-pixel projector with large
    // text) rather than behind the overflow arrow: the Speed label goes first (its field says
    // "2 steps/s"), then the three axes fold into one field, as the speed is chosen, then the
    // separators, then the jumps to the previous and next instant (Ctrl+Left / Ctrl+Right and
    // the Run menu still have them).
    new ToolBarFit(playBar,
        { { { speedLabelItem }, {} }, { axisButtons, { axisFieldItem } }, { separators, {} },
            { { previousInstant, nextInstant }, {} } });

    m_toolBars = { runBar, playBar };
    for (QToolBar* bar : m_toolBars) {
        bar->setMovable(false); // a calm, fixed frame: nothing to knock out of place in class
        bar->setFloatable(false);
        bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
}

QDockWidget* MainWindow::addPanel(
    QWidget* panel, const QString& title, const QString& objectName, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setTitleBarWidget(new DockTitle(dock));
    dock->setFeatures(
        QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::buildDocks()
{
    // The layout of the README's screenshot (README, The window): Why and the event loop
    // beside the timeline, output and listing across the bottom.
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    m_narration = new NarrationPanel;
    m_loopState = new LoopStatePanel;
    m_output = new OutputPanel;
    m_listing = new ListingPanel;
    auto* why = addPanel(m_narration, tr("Why"), QStringLiteral("whyDock"), Qt::RightDockWidgetArea);
    auto* loop = addPanel(m_loopState, tr("Event loop"), QStringLiteral("loopDock"), Qt::RightDockWidgetArea);
    auto* output = addPanel(m_output, tr("Output"), QStringLiteral("outputDock"), Qt::BottomDockWidgetArea);
    auto* listing = addPanel(m_listing, tr("Listing"), QStringLiteral("listingDock"), Qt::BottomDockWidgetArea);
    // A lesson's notes: shown when a lesson opens (or in the Presentation layout).
    m_notes = new NotesPanel;
    auto* notes = addPanel(m_notes, tr("Notes"), QStringLiteral("notesDock"), Qt::BottomDockWidgetArea);
    notes->hide();
    m_lessons = new LessonController(this, m_notes);
    m_panels = new PanelArranger(this, why, loop, output, listing, notes);
    m_panels->arrange(PanelArranger::Arrangement::Roomy); // until the window knows its size
    // The Why panel scrolls its sentence only when even its smallest size does not fit.
    if (auto* sentence = m_narration->findChild<QScrollArea*>())
        m_panels->watchWhy(sentence);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_open = file->addAction(tr("&Open\u2026"));
    m_open->setObjectName(QStringLiteral("openAction"));
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(
        tr("Open a Python asyncio program (.py, recorded from CPython), a trace file (.jsonl) or a lesson (.loopscope)"));
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
            tr("Python programs, Loopscope traces and lessons (*.py *.jsonl *.loopscope);;Python programs (*.py);;"
               "Loopscope traces (*.jsonl);;Loopscope lessons (*.loopscope)"));
        if (!path.isEmpty())
            openFile(path);
    });
    QMenu* compare = file->addMenu(tr("&Compare With"));
    QAction* compareForm = compare->addAction(tr("The Run in the &Form"));
    compareForm->setObjectName(QStringLiteral("compareFormAction"));
    compareForm->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    compareForm->setToolTip(tr("Keep the run on screen and draw the run the form describes under it (e.g. another seed)"));
    connect(compareForm, &QAction::triggered, this, &MainWindow::compareWithForm);
    QAction* compareFile = compare->addAction(tr("A &File\u2026"));
    connect(compareFile, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Compare With"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
            tr("Python programs and Loopscope traces (*.py *.jsonl)"));
        if (path.isEmpty())
            return;
        if (isTraceFileName(path))
            m_compareRuns->open(path);
        else
            m_compareRuns->record(sim::RunRequest::forScript(
                sim::Script { QFileInfo(path).absoluteFilePath().toStdString(), QFileInfo(path).fileName().toStdString(), {} }));
    });
    m_stopComparing = compare->addAction(tr("&Stop Comparing"));
    m_stopComparing->setEnabled(false);
    connect(m_stopComparing, &QAction::triggered, this, [this] {
        m_comparison->clear();
        m_stopComparing->setEnabled(false);
    });
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    m_recentFiles = new RecentFiles(m_settings, recent, this);
    connect(m_recentFiles, &RecentFiles::openRequested, this, &MainWindow::openFile);
    file->addSeparator();
    file->addActions({ m_lessons->newAction(), m_lessons->openAction(), m_lessons->saveAction(),
        m_lessons->saveAsAction(), m_lessons->addRunAction() });
    file->addSeparator();
    m_export = file->addAction(tr("&Export\u2026"));
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setEnabled(false); // until a run is on screen
    connect(m_export, &QAction::triggered, this, [this] { exportRun(); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions({ m_view->lightThemeAction(), m_view->darkThemeAction() });
    view->addSeparator();
    view->addActions({ m_view->timeAxisAction(), m_view->instantsAxisAction(), m_view->stepsAxisAction() });
    view->addSeparator();
    view->addActions({ m_view->zoomInAction(), m_view->zoomOutAction(), m_view->fitAction() });
    view->addSeparator();
    view->addActions({ m_view->largerTextAction(), m_view->smallerTextAction(), m_view->resetTextAction() });
    view->addSeparator();
    view->addAction(m_view->internalTasksAction());
    view->addAction(m_view->hideFutureAction());
    view->addAction(m_predict->predictAction());
    QMenu* panels = view->addMenu(tr("&Panels"));
    for (QDockWidget* dock : m_docks)
        panels->addAction(dock->toggleViewAction());
    panels->addSeparator();
    panels->addAction(m_panels->defaultLayoutAction());
    view->addAction(m_view->fullScreenAction());
    view->addAction(m_panels->presentationAction());

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addActions({ m_runs->runAction(), m_runs->newSeedAction(), m_runs->cancelAction() });
    run->addSeparator();
    run->addActions(m_playback->actions());
    run->addSeparator();
    run->addActions({ m_lessons->nextBookmarkAction(), m_lessons->previousBookmarkAction() });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    // The built-in lessons: each opens with its teacher's note, recorded from CPython.
    QMenu* examplesMenu = help->addMenu(tr("&Examples"));
    examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    for (const Example& example : examples()) {
        QAction* action = examplesMenu->addAction(QStringLiteral("%1 \u2014 %2").arg(example.fileName(), example.title));
        action->setToolTip(example.note);
        connect(action, &QAction::triggered, this, [this, example] { m_lessons->openExample(example); });
    }
    QAction* keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        ShortcutsDialog dialog(menuBar(), this);
        dialog.exec();
    });
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    QAction* about = help->addAction(tr("&About Loopscope"), this, [this] {
        QMessageBox::about(this, tr("About Loopscope"),
            tr("<h3>Loopscope</h3><p>What Python's asyncio event loop does, one scheduler step at a "
               "time: chained.py and asyncq.py run on a virtual clock, exactly as CPython 3.11 "
               "orders them.</p>"));
    });
    about->setMenuRole(QAction::AboutRole);

    // Shortcuts of actions that live only in menus or toolbars still need the window to
    // know them: add every action to the window itself (WindowShortcut context).
    addActions(m_playback->actions());
    addActions(m_view->actions());
    addAction(m_predict->predictAction());
    addActions({ m_runs->runAction(), m_runs->newSeedAction(), m_open, m_export, quit, keys });
    addActions(m_lessons->actions());
    addAction(m_panels->presentationAction());
}

void MainWindow::connectControllers()
{
    // Two runs side by side: the compared run is computed by its own controller, so the
    // window's run and Run / Replay are not touched.
    connect(m_compareRuns, &RunController::finished, this, [this](const RunDataPtr& run) {
        m_comparison->setRuns(m_run, run);
        m_comparison->followPosition(m_playback->position());
        m_stopComparing->setEnabled(true);
        statusBar()->clearMessage(); // "Computing...": the summary is above the compared timeline
    });
    connect(m_compareRuns, &RunController::failed, this, [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_compareRuns, &RunController::endedEarly, this, [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_comparison, &ComparisonView::positionRequested, m_playback, &PlaybackController::setPosition);
    connect(&m_programWatcher, &QFileSystemWatcher::fileChanged, this, &MainWindow::programFileChanged);
    connect(m_listing, &ListingPanel::recordEditedRequested, this, &MainWindow::saveAndRecord);
    // Running.
    connect(m_runs, &RunController::runRequested, this, &MainWindow::runForm);
    connect(m_controls, &RunControls::submitted, this, &MainWindow::runForm);
    connect(m_controls, &RunControls::edited, this, &MainWindow::updateRunAction);
    connect(m_controls, &RunControls::editingDone, this, [this] {
        if (!m_controls->hasError())
            focusTimeline(); // leave the field: the arrow keys step again
    });
    connect(m_runs, &RunController::newSeedRequested, this, [this](const QString& seed) {
        m_controls->setSeed(seed);
        runForm();
    });
    // The progress indicator stays until the run is on screen, or the simulation is given up.
    connect(m_runs, &RunController::busyChanged, this, &MainWindow::updateRunAction);
    connect(m_runs, &RunController::progress, m_progress, &ProgressIndicator::setProgress);
    connect(m_runs, &RunController::finished, this, [this](const RunDataPtr& run) {
        if (m_pendingForm)
            m_settings.setLastRun(*m_pendingForm);
        if (!m_pendingForm || run->request.isRecorded())
            m_controls->setForm(formFromRequest(run->request)); // Run then replays it
        (void)prepareRun(run);
    });
    connect(m_runs, &RunController::cancelled, this, [this](const QString& description) {
        if (!m_preparing)
            m_progress->stop();
        statusBar()->showMessage(m_run
                ? tr("Cancelled %1. Still showing %2.").arg(description, describeRequest(m_run->request))
                : tr("Cancelled %1.").arg(description));
    });
    connect(m_runs, &RunController::endedEarly, this, [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_runs, &RunController::failed, this, [this](const QString& message) {
        if (!m_preparing)
            m_progress->stop();
        statusBar()->showMessage(
            m_run ? tr("%1. Still showing %2.").arg(message, describeRequest(m_run->request)) : message);
    });

    // The cursor.
    connect(m_playback, &PlaybackController::positionChanged, this, &MainWindow::showPosition);
    connect(m_scrubber, &Scrubber::positionRequested, m_playback, &PlaybackController::setPosition);
    connect(m_timeline, &TimelineWidget::positionRequested, m_playback, &PlaybackController::setPosition);
    connect(m_speed, &QComboBox::activated, this,
        [this](int index) { m_playback->setSpeed(m_speed->itemData(index).toDouble()); });
    connect(m_playback, &PlaybackController::speedChanged, this, [this](double speed) {
        m_speed->setCurrentIndex(m_speed->findData(speed));
        m_settings.setPlaybackSpeed(speed);
    });

    // The view: the timelines observe its axis and range themselves; the window applies the
    // look and remembers all of it.
    connect(m_view, &ViewState::changed, this, [this] { m_settings.setView(m_view->settings()); });
    connect(m_view, &ViewState::themeChanged, this, &MainWindow::applyTheme);
    connect(m_view, &ViewState::textScaleChanged, this, [this](double scale) {
        applyTextScale();
        // Larger text on the same screen: the panels may move to tabs and Why needs more room.
        if (isVisible() && !m_needsDefaultLayout)
            m_panels->follow(scale, true);
    });
    connect(m_view, &ViewState::hideFutureChanged, this, &MainWindow::applyTimelineOptions);
    connect(m_view, &ViewState::showInternalTasksChanged, this, [this] {
        applyTimelineOptions();
        fitTimelineText();
    });
    connect(m_view->zoomInAction(), &QAction::triggered, m_timeline, &TimelineWidget::zoomIn);
    connect(m_view->zoomOutAction(), &QAction::triggered, m_timeline, &TimelineWidget::zoomOut);
    connect(
        m_view->fullScreenAction(), &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
}

void MainWindow::restoreSession()
{
    restoreView(m_settings.view()); // its range for the last run, run again below
    m_predict->setClassMode(m_settings.predictClassMode());
    m_predict->setPredicting(m_settings.predict());
    applyTimelineOptions();
    m_playback->setSpeed(m_settings.playbackSpeed());
    m_speed->setCurrentIndex(m_speed->findData(m_playback->speed()));
    applyTheme();
    applyTextScale();

    if (!restoreGeometry(m_settings.windowGeometry())) {
        const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
        resize(screen.size() * 0.85);
        // On a projector's 1280x720 or 1024x768, 85% would leave the timeline room for two
        // lanes: take the whole screen there.
        if (screen.height() < smallScreenHeight)
            setWindowState(windowState() | Qt::WindowMaximized);
    }
    bool restored = false;
    m_panels->quietly([&] { restored = restoreState(m_settings.windowState(), layoutVersion); });
    // A layout the window made itself is made again for this screen; one the user made stays.
    m_panels->setAutomatic(!restored || m_settings.automaticPanelLayout());
    m_needsDefaultLayout = m_panels->isAutomatic();

    // The last run, or the default one if what was saved no longer makes a valid run.
    RunForm form = m_settings.lastRun();
    if (!std::holds_alternative<sim::RunRequest>(requestFromForm(form)))
        form = RunForm {};
    m_controls->setForm(form);
    runForm();
}

// Predict mode's wiring: the controller asks and gates the playback by itself; the window
// hides what would tell the future and remembers the mode.
void MainWindow::connectPredict()
{
    connect(m_predict, &PredictController::predictingChanged, this, [this](bool predicting) {
        m_settings.setPredict(predicting);
        applyPredict();
    });
    connect(m_predict, &PredictController::classModeChanged, this,
        [this](bool classMode) { m_settings.setPredictClassMode(classMode); });
}

void MainWindow::applyPredict()
{
    const bool predicting = m_predict->isPredicting();
    m_predictPanel->setVisible(predicting);
    m_scrubber->setVisible(!predicting); // its ticks mark every instant and every print to come
    applyTimelineOptions();
    m_loopState->setHideTieOrder(predicting);
    m_narration->setHideStepCount(predicting);
    updateRunStatus();
    if (m_run)
        showPosition(m_playback->position());
}

void MainWindow::runForm()
{
    const RunForm form = m_controls->form();
    // The run on screen again, also one read from a trace file whose program is not here.
    const bool shown = m_run && !isBusy() && describeSameRun(form, formFromRequest(m_run->request));
    auto request = requestFromForm(form);
    if (auto* error = std::get_if<RunFormError>(&request); error && !shown) {
        // The run on screen stays; the field is marked and gets the focus to be corrected.
        m_controls->showError(*error);
        statusBar()->showMessage(error->message);
        updateRunAction();
        return;
    }
    // Running ends the editing: the focus leaves the form, so the arrow keys step the run
    // (clicking Run or New seed never took it out of the field by itself).
    if (m_controls->isAncestorOf(QApplication::focusWidget()))
        focusTimeline();
    if (shown || (m_run && !isBusy() && std::get<sim::RunRequest>(request).describe() == m_run->request.describe())) {
        // Replay: the same request gives the same trace; show it again from the start, as a
        // new run is shown (paused, the whole run in view).
        m_playback->replay();
        fitUnlessRestoring();
        return;
    }
    const auto& valid = std::get<sim::RunRequest>(request);
    m_pendingForm = form;
    statusBar()->clearMessage();
    if (valid.isRecorded()) {
        m_progress->start(tr("Recording %1 with CPython").arg(QString::fromStdString(valid.script->fileName)));
        m_runs->record(valid);
        return;
    }
    m_progress->start(describeRequest(valid));
    m_runs->start(valid);
}

void MainWindow::compareWithForm()
{
    auto request = requestFromForm(m_controls->form());
    if (auto* error = std::get_if<RunFormError>(&request)) {
        m_controls->showError(*error);
        statusBar()->showMessage(error->message);
        return;
    }
    compareWith(std::get<sim::RunRequest>(request));
}

void MainWindow::compareWith(const sim::RunRequest& request)
{
    statusBar()->showMessage(tr("Computing %1 to compare\u2026").arg(describeRequest(request)));
    if (request.isRecorded())
        m_compareRuns->record(request);
    else
        m_compareRuns->start(request);
}

void MainWindow::runRequest(const sim::RunRequest& request)
{
    if (request.isRecorded())
        return recordProgram(request);
    m_controls->setForm(formFromRequest(request));
    runForm();
}

void MainWindow::openFile(const QString& path)
{
    if (isLessonFileName(path)) {
        if (m_lessons->open(path))
            m_recentFiles->add(path);
        return;
    }
    m_recentFiles->add(path);
    if (isTraceFileName(path))
        openTraceFile(path);
    else
        recordProgram(sim::RunRequest::forScript(
            sim::Script { QFileInfo(path).absoluteFilePath().toStdString(), QFileInfo(path).fileName().toStdString(), {} }));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    // A Python program or a trace dropped on the window opens as File > Open would.
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.constFirst().isLocalFile()) {
        const QString path = urls.constFirst().toLocalFile();
        if (isTraceFileName(path) || isLessonFileName(path) || path.endsWith(QLatin1String(".py")))
            event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.constFirst().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.constFirst().toLocalFile());
}

void MainWindow::openTraceFile(const QString& path)
{
    m_pendingForm.reset();
    m_progress->start(QFileInfo(path).fileName());
    statusBar()->clearMessage();
    m_runs->open(path);
}

void MainWindow::recordProgram(const sim::RunRequest& request)
{
    m_pendingForm = formFromRequest(request); // remembered, and shown in the form, once recorded
    const QString path = QString::fromStdString(request.script->path);
    QFile file(path);
    m_recordedSource = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    // Saving the file in another editor records it again (editors often replace the file, so
    // it is watched anew each time).
    if (!m_programWatcher.files().isEmpty())
        m_programWatcher.removePaths(m_programWatcher.files());
    if (!path.isEmpty())
        m_programWatcher.addPath(path);
    m_progress->start(tr("Recording %1 with CPython").arg(QString::fromStdString(request.script->fileName)));
    statusBar()->clearMessage();
    m_runs->record(request);
}

void MainWindow::programFileChanged(const QString& path)
{
    // Several notifications come for one save; the file may be missing for a moment.
    QTimer::singleShot(300, this, [this, path] {
        if (!m_run || !m_run->request.isRecorded() || QString::fromStdString(m_run->request.script->path) != path)
            return;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_programWatcher.addPath(path); // replaced: watch the new file when it appears
            return;
        }
        const QByteArray source = file.readAll();
        if (source == m_recordedSource)
            return; // already recorded (or being recorded)
        statusBar()->showMessage(tr("%1 changed: recording it again").arg(QFileInfo(path).fileName()));
        recordProgram(m_run->request);
    });
}

void MainWindow::saveAndRecord(const QString& source)
{
    if (!m_run || !m_run->request.isRecorded())
        return;
    const QString path = QString::fromStdString(m_run->request.script->path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(source.toUtf8()) < 0 || !file.commit()) {
        statusBar()->showMessage(tr("Cannot save %1: %2. The run on screen stays.").arg(path, file.errorString()));
        return;
    }
    recordProgram(m_run->request);
}

bool MainWindow::isBusy() const { return m_runs->isBusy() || m_preparing; }

// Who resumes whom: the finished() slot calls this and drops the Task; it suspends once, on
// the painter's setup in QtConcurrent (the lane order and the arrow index of a run with
// 100,000 tasks take a few hundred milliseconds), until the watcher's finished signal resumes
// it from the event loop: always from there, even when the setup is already done, so the
// run appears after finished() has returned however fast the worker was. A newer run
// finishing meanwhile supersedes it (m_preparation), and `guard` stops it from touching a
// window that was closed.
QCoro::Task<> MainWindow::prepareRun(RunDataPtr run)
{
    const quint64 generation = ++m_preparation;
    m_preparing = true;
    updateRunAction();
    QPointer<MainWindow> guard(this);
    // Shared, so that the GUI thread moves the painter out instead of copying it.
    QFutureWatcher<std::shared_ptr<TimelinePainter>> setup;
    setup.setFuture(QtConcurrent::run([run] { return std::make_shared<TimelinePainter>(run); }));
    co_await qCoro(&setup, &QFutureWatcherBase::finished);
    if (!guard || generation != m_preparation)
        co_return;
    const std::shared_ptr<TimelinePainter> painter = setup.result();
    m_preparing = false;
    if (!m_runs->isBusy()) // else it shows the next simulation's progress
        m_progress->stop();
    showRun(std::move(run), std::move(*painter));
}

void MainWindow::showRun(RunDataPtr run, TimelinePainter painter)
{
    m_run = std::move(run);
    m_state = {};
    m_before = {};
    m_export->setEnabled(true);
    setWindowTitle(QStringLiteral("%1 \u2014 Loopscope").arg(describeRequest(m_run->request)));
    m_timeline->setRun(std::move(painter));
    if (m_comparison->isComparing())
        m_comparison->setRuns(m_run, m_comparison->second()); // the new run against the same other one
    fitUnlessRestoring();
    fitTimelineText(); // this run's lanes
    sizeReadout();
    m_scrubber->setRun(m_run);
    m_output->setRun(m_run);
    m_loopState->setRun(m_run);
    m_narration->setRun(m_run);
    m_listing->setRun(m_run);

    updateRunStatus();
    m_playback->setRun(m_run); // emits positionChanged(0): the panels follow
    updateRunAction();
}

void MainWindow::showPosition(std::size_t position)
{
    if (!m_run)
        return;
    // The states before and after the step that just ran, rebuilt once per move and shared
    // by every panel. Each one moves on from where it was, so stepping forwards applies one
    // step's events to each; stepping back, the old "before" is the new state. A jump seeks
    // once, to the state before, and copies it on by the step's events to the state after
    // (on 100,000 tasks a seek costs several milliseconds, a copy one or two).
    const std::size_t after = m_run->index->eventAtPosition(position);
    if (m_before.eventsApplied == after)
        std::swap(m_state, m_before);
    if (position > 0) {
        m_run->index->stateAt(position - 1, m_before);
        if (m_state.eventsApplied > after || m_state.eventsApplied < m_before.eventsApplied)
            m_state = m_before;
    }
    m_run->index->stateAt(position, m_state);
    const sim::LoopState& state = m_state;
    m_timeline->setPosition(position);
    m_comparison->followPosition(position);
    m_scrubber->setPosition(position);
    m_output->showLines(state.outputLines, position > 0 ? m_before.outputLines : state.outputLines, state.failed);
    m_loopState->showPosition(position, state);
    m_narration->showPosition(position, m_before, state);
    m_listing->showPosition(position, state);
    // The clock when the step that just ran ended, as the timeline's cursor shows it. (At an
    // instant's boundary the loop's clock has already moved on; the Event loop panel says so.)
    const double time = m_run->index->clockAt(position);
    m_readout->setText(readoutText(position, time));
}

QString MainWindow::readoutText(std::size_t position, double time) const
{
    if (m_predict->isPredicting()) // how many steps there are would tell the future
        return tr("step %L1 \u00b7 t = %2 s").arg(position).arg(seconds(time));
    return tr("step %L1 / %L2 \u00b7 t = %3 s").arg(position).arg(m_run->index->stepCount()).arg(seconds(time));
}

void MainWindow::sizeReadout()
{
    // As wide as the run's widest readout (its last step, its last time), so that stepping
    // never moves the toolbar's other buttons and the readout is never cut.
    if (!m_run)
        return;
    const std::size_t steps = m_run->index->stepCount();
    const double end = m_run->index->clockAt(steps);
    const QMargins margins = m_readout->contentsMargins();
    m_readout->setMinimumWidth(QFontMetrics(m_readout->font()).horizontalAdvance(readoutText(steps, end))
        + margins.left() + margins.right() + m_readout->fontMetrics().averageCharWidth());
}

void MainWindow::updateRunStatus()
{
    if (!m_run)
        return;
    if (m_predict->isPredicting()) {
        m_runStatus->setText(tr("Predict mode: how the run ends stays hidden"));
        m_runStatus->setPalette(QApplication::palette());
        return;
    }
    const sim::LoopState end = m_run->index->stateAt(m_run->index->stepCount());
    const bool problem = end.deadlock || end.limitReached || end.failed;
    QString outcome;
    if (end.failed)
        outcome = tr("\u26a0 Failed at t = %1 s: %2")
                      .arg(seconds(end.now), QString::fromStdString(std::string(m_run->trace.errorMessage())));
    else if (end.deadlock)
        outcome = tr("\u26a0 Deadlock at t = %1 s: every task waits and no timer is pending").arg(seconds(end.now));
    else if (end.limitReached)
        outcome = tr("\u26a0 Stopped at t = %1 s: the run exceeded Loopscope's limits").arg(seconds(end.now));
    else
        outcome = tr("Completed at t = %1 s").arg(seconds(end.now));
    m_runStatus->setText(tr("%1 \u00b7 %2 \u00b7 %3")
                             .arg(outcome, counted(qint64(m_run->index->stepCount()), tr("%L1 step"), tr("%L1 steps")),
                                 counted(qint64(m_run->trace.outputLines.size()), tr("%L1 line printed"),
                                     tr("%L1 lines printed"))));
    // A recording whose order followed memory addresses: Python may show another order next
    // time, so the teacher is told before the class asks why.
    const std::string addressOrder = m_run->result.addressOrderMessage();
    m_addressOrder->setText(tr("\u26a0 %1").arg(QString::fromStdString(addressOrder)));
    m_addressOrder->setVisible(!addressOrder.empty());
    QPalette warning = QApplication::palette();
    warning.setColor(QPalette::WindowText, warningColour(Theme::forKind(m_view->theme())));
    m_addressOrder->setPalette(warning);
    QPalette palette = QApplication::palette();
    if (problem)
        palette.setColor(QPalette::WindowText, warningColour(Theme::forKind(m_view->theme())));
    m_runStatus->setPalette(palette);
}

QString MainWindow::positionReadout() const { return m_readout->text(); }

QString MainWindow::runStatus() const { return m_runStatus->text(); }

void MainWindow::focusTimeline() { m_timeline->setFocus(Qt::OtherFocusReason); }

void MainWindow::updateRunAction()
{
    const auto request = requestFromForm(m_controls->form());
    const bool same = m_run && !isBusy() && std::holds_alternative<sim::RunRequest>(request)
        && std::get<sim::RunRequest>(request).describe() == m_run->request.describe();
    m_runs->runAction()->setText(same ? tr("Replay") : tr("Run"));
    // A changed form does not run by itself: say that what is shown is still the old run.
    QString hint;
    if (!same && m_run && !isBusy() && std::holds_alternative<sim::RunRequest>(request))
        hint = tr("Showing %1 \u2014 press Run (F5) for %2")
                   .arg(QString::fromStdString(m_run->request.describe()),
                       QString::fromStdString(std::get<sim::RunRequest>(request).describe()));
    if (!hint.isEmpty())
        statusBar()->showMessage(hint);
    else if (!m_formHint.isEmpty() && statusBar()->currentMessage() == m_formHint)
        statusBar()->clearMessage();
    m_formHint = hint;
}

void MainWindow::applyTheme()
{
    const Theme theme = Theme::forKind(m_view->theme());
    QApplication::setPalette(theme.palette());
    // Menus made from now on (context menus) take the class palette; Qt does not pass a
    // class palette on to windows that exist already, and menus are windows: tell them.
    QApplication::setPalette(theme.menuPalette(), "QMenu");
    for (QMenu* menu : findChildren<QMenu*>()) {
        QEvent changed(QEvent::ApplicationPaletteChange);
        QApplication::sendEvent(menu, &changed);
    }
    for (TimelineWidget* timeline : timelines())
        timeline->setTheme(theme);
    m_scrubber->setTheme(theme);
    m_output->setTheme(theme);
    m_loopState->setTheme(theme);
    m_narration->setTheme(theme);
    m_listing->setTheme(theme);
    m_predictPanel->setTheme(theme);
    m_controls->setTheme(theme);
    updateRunStatus();
    if (m_run)
        showPosition(m_playback->position());
}

void MainWindow::applyTextScale()
{
    // One font for the whole application (menus, dialogs and tooltips too); the panels
    // derive their monospace and large fonts from it as it reaches them.
    const QFont font = typography::applicationFont(m_view->textScale());
    QApplication::setFont(font);
    // Platform themes may give pop-ups fonts of their own, which the default font does not
    // override: zoom those too.
    for (const char* className : { "QMenu", "QMenuItem", "QTipLabel", "QMessageBox", "QComboMenuItem" })
        QApplication::setFont(font, className);
    // And the window itself, explicitly: a theme's class fonts (dock titles, the menu bar,
    // labels) would otherwise keep their desktop size inside it.
    setFont(font);
    fitTimelineText();
    const int icon = qRound(QFontMetricsF(QApplication::font()).height() * 1.25);
    for (QToolBar* bar : m_toolBars)
        bar->setIconSize(QSize(icon, icon));
    QFont readout = typography::scaledFont(QApplication::font(), 1.1);
    readout.setBold(true);
    m_readout->setFont(readout);
    sizeReadout();
}

void MainWindow::fitTimelineText()
{
    // The timelines' text, and with it the height of their lanes, follows the text zoom unless
    // that leaves fewer than minLanesInView lanes in view (the run's all, if fewer), or no
    // room for the legend under them: then the lanes get shorter, down to the smallest text
    // zoom, rather than the class seeing two tasks of fifteen, or colours without their key.
    // Two runs compared share the room, each by what it needs at that size: half each left
    // countasync's four lanes scrolled under countsync's one.
    const double wanted = m_view->textScale();
    const auto lanesToShow = [](const TimelineWidget* timeline) {
        const auto lanes = timeline->timelinePainter().rows(timeline->viewport().showInternalTasks).size();
        return std::min<double>(minLanesInView, double(lanes));
    };
    const bool comparing = !m_comparison->isHidden();
    const auto needs = [&](double scale) {
        return std::pair { m_timeline->heightShowing(lanesToShow(m_timeline), scale),
            comparing ? m_comparison->heightShowing(lanesToShow(m_comparison->timeline()), scale) : 0 };
    };
    const int room = m_timeline->height() + (comparing ? m_comparison->height() : 0);
    const auto fits = [&](double scale) {
        const auto [run, compared] = needs(scale);
        return run + compared <= room;
    };
    // Predict mode's question over the timeline takes no more than the timeline can spare
    // for those lanes at the default text size (or the smaller one chosen): the answer
    // scrolls rather than the lanes shrinking to an unreadable size.
    if (!m_predictPanel->isHidden())
        m_predictPanel->setHeightLimit(m_predictPanel->height() + room - needs(std::min(wanted, 1.0)).first);
    double scale = wanted;
    if (m_timeline->timelinePainter().run() && m_timeline->height() > 0 && !fits(wanted)) {
        // The largest scale that fits, to a hundredth.
        double low = typography::minScale, high = wanted;
        while (high - low > 0.01) {
            const double middle = (low + high) / 2;
            (fits(middle) ? low : high) = middle;
        }
        scale = low;
    }
    for (TimelineWidget* timeline : timelines())
        timeline->setTextScale(scale);
    // The window's timeline takes its share of the room, in proportion to its needs; the
    // compared run's view takes the rest.
    const auto [run, compared] = needs(scale);
    m_timeline->setMaximumHeight(comparing && run + compared > 0 ? int(std::ceil(double(room) * run / (run + compared)))
                                                                 : QWIDGETSIZE_MAX);
}

QList<TimelineWidget*> MainWindow::timelines() const { return { m_timeline, m_comparison->timeline() }; }

void MainWindow::applyTimelineOptions()
{
    for (TimelineWidget* timeline : timelines()) {
        timeline->setShowInternalTasks(m_view->showInternalTasks());
        timeline->setHideFuture(m_view->hideFuture() || m_predict->isPredicting());
    }
}

void MainWindow::restoreView(const ViewSettings& view)
{
    m_view->restore(view);
    m_restoringRange = view.range.has_value();
}

void MainWindow::fitUnlessRestoring()
{
    if (!std::exchange(m_restoringRange, false))
        m_view->fit();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if ((watched == m_timeline || watched == m_comparison) && event->type() == QEvent::Resize)
        fitTimelineText();
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::event(QEvent* event)
{
    // A press on the window itself, not on a child, is on a separator between panels: the
    // user sizes them now, and the window stops arranging them.
    if (event->type() == QEvent::MouseButtonPress)
        m_panels->setAutomatic(false);
    return QMainWindow::event(event);
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    // Maximized, restored, full screen: the panels may fit better the other way now.
    if (isVisible() && !m_needsDefaultLayout)
        m_panels->follow(m_view->textScale(), false);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_needsDefaultLayout)
        return;
    // The window's size is only known once it is laid out (and maximized): after this event.
    QTimer::singleShot(0, this, [this] {
        m_needsDefaultLayout = false;
        m_panels->arrange(PanelArranger::preferred(height(), m_view->textScale()));
        m_panels->follow(m_view->textScale(), false);
    });
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::WindowStateChange)
        m_view->fullScreenAction()->setChecked(isFullScreen());
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_lessons->maybeSave()) { // Cancel: the window stays, with the lesson
        event->ignore();
        return;
    }
    m_playback->pause();
    m_settings.setWindowLayout(saveGeometry(), saveState(layoutVersion));
    m_settings.setAutomaticPanelLayout(m_panels->isAutomatic());
    event->accept();
}

} // namespace ui

namespace ui {

ExportContext MainWindow::exportContext() const
{
    ExportContext context;
    context.run = m_run;
    context.cursor = m_timeline->position();
    context.view = m_view->settings();
    return context;
}

// Who resumes whom: the action's slot calls this and drops the Task; it suspends only on
// the background export (exportInBackground), and QCoro frees the frame when it returns.
// `guard` stops it from touching a window that was closed meanwhile.
QCoro::Task<> MainWindow::exportRun()
{
    if (!m_run)
        co_return;
    ExportDialog dialog(exportContext(), this);
    dialog.setChoices(m_exportChoices); // as the user left them last time
    if (dialog.exec() != QDialog::Accepted)
        co_return;
    m_exportChoices = dialog.choices();
    QString path = QStringLiteral("%1/loopscope-%2.%3")
                       .arg(m_settings.exportFolder(),
                           QString::fromUtf8(
                               m_run->request.program->name.data(), qsizetype(m_run->request.program->name.size())),
                           dialog.defaultSuffix());
    QPointer<MainWindow> guard(this);
    // Until a file is written, the export is cancelled, or the user gives up: a file that
    // cannot be written (a read-only folder, a full disk) leads back to the file dialog,
    // at that file, with the same choices.
    for (;;) {
        path = QFileDialog::getSaveFileName(this, tr("Export"), path, dialog.fileFilter());
        if (path.isEmpty())
            co_return;
        const ExportOutcome outcome = co_await exportInBackground(this, dialog.job(path));
        if (!guard)
            co_return;
        if (outcome.written) {
            m_settings.setExportFolder(QFileInfo(path).absolutePath());
            statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
            co_return;
        }
        if (outcome.cancelled) {
            statusBar()->showMessage(tr("Export cancelled; nothing was written."), 8000);
            co_return;
        }
        QMessageBox failed(QMessageBox::Warning, tr("Export failed"), outcome.error, QMessageBox::Cancel, this);
        QPushButton* another = failed.addButton(tr("Choose Another File\u2026"), QMessageBox::AcceptRole);
        failed.setDefaultButton(another);
        failed.exec();
        if (!guard || failed.clickedButton() != another)
            co_return;
    }
}

} // namespace ui
