// SPDX-License-Identifier: MIT
#pragma once

#include "exportdialog.h"
#include "rundata.h"
#include "runform.h"
#include "settings.h"

#include <QCoroTask>
#include <QFileSystemWatcher>
#include <QMainWindow>

#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;

namespace ui {

struct ExportContext;
struct ViewSettings;
class ListingPanel;
class LessonController;
class LoopStatePanel;
class NarrationPanel;
class NotesPanel;
class OutputPanel;
class PanelArranger;
class PlaybackController;
class PredictController;
class PredictPanel;
class RecentFiles;
class ComparisonView;
class ProgressIndicator;
class RunControls;
class RunController;
class Scrubber;
class TimelinePainter;
class TimelineWidget;
class ViewState;

// The teaching window. It assembles the controllers (runs, playback, view options), the
// widgets that observe them (run form, scrubber, timeline, panels) and the menus, and
// carries state between them: a finished run goes to every view, a cursor move brings
// each panel the loop's state at that position. It opens on the last run remembered in
// the settings, or on the default run (chained 1 2 3, seed 444).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The run on screen; null until the first one has been simulated.
    const RunDataPtr& run() const { return m_run; }
    // "step 12 / 24 · t = 4 s".
    QString positionReadout() const;
    QString runStatus() const; // how the run on screen ended, as the status bar says it

    PlaybackController* playback() const { return m_playback; }
    RunController* runs() const { return m_runs; }
    ViewState* viewState() const { return m_view; }
    // A saved view (the settings, a lesson's): applied now, its range kept for the run shown
    // next (which would otherwise show whole).
    void restoreView(const ViewSettings& view);
    RunControls* runControls() const { return m_controls; }
    TimelineWidget* timeline() const { return m_timeline; }
    Scrubber* scrubber() const { return m_scrubber; }
    OutputPanel* outputPanel() const { return m_output; }
    LoopStatePanel* loopStatePanel() const { return m_loopState; }
    NarrationPanel* narrationPanel() const { return m_narration; }
    ListingPanel* listingPanel() const { return m_listing; }
    ProgressIndicator* progressIndicator() const { return m_progress; }
    NotesPanel* notesPanel() const { return m_notes; }
    LessonController* lessons() const { return m_lessons; }
    PanelArranger* panels() const { return m_panels; }
    // Shows the run `request` describes through the window's own run path: a built-in
    // program through the form (as Run does), a Python program recorded (a lesson's runs).
    void runRequest(const sim::RunRequest& request);
    PredictController* predict() const { return m_predict; }
    PredictPanel* predictPanel() const { return m_predictPanel; }
    // Shows the run a trace file holds (File > Open, `loopscope run.jsonl`), read in the
    // background; a file that cannot be read leaves the run on screen and says why.
    void openTraceFile(const QString& path);
    // File > Open, Open Recent, a dropped file: a Python program is recorded, a trace read,
    // a lesson (.loopscope) opened.
    void openFile(const QString& path);
    // File > Compare With > The Run in the Form (Ctrl+K): the form's run under the one on screen.
    void compareWithForm();
    // Draws `request`'s run under the one on screen (a lesson's comparison too).
    void compareWith(const sim::RunRequest& request);
    ComparisonView* comparisonView() const { return m_comparison; }
    QAction* openAction() const { return m_open; }
    // Records a Python program from CPython (`loopscope FILE.py`, File > Open, a dropped
    // file) in the background and shows its run; the run on screen stays until then.
    void recordProgram(const sim::RunRequest& request);
    // File > Export…: asks what to export, then writes it in the background.
    QAction* exportAction() const { return m_export; }
    // What an export would start from: the run, the cursor, the axis, the visible range.
    ExportContext exportContext() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private slots:
    void programFileChanged(const QString& path);

private:
    QCoro::Task<> exportRun();
    void buildToolBars();
    void buildDocks();
    void buildMenus();
    void connectControllers();
    void restoreSession();
    void connectPredict();
    void applyPredict(); // what Predict mode hides, on or off

    void runForm(); // the Run / Replay action
    QCoro::Task<> prepareRun(RunDataPtr run);
    void showRun(RunDataPtr run, TimelinePainter painter);
    bool isBusy() const; // simulating a run, or preparing one to show
    void showPosition(std::size_t position);
    void updateRunStatus();
    void focusTimeline();
    void updateRunAction();
    void applyTheme();
    void applyTimelineOptions(); // internal tasks and the future hidden, on both timelines
    // A run shown anew shows whole, unless a saved view (the settings, a lesson) waits for it.
    void fitUnlessRestoring();
    QList<TimelineWidget*> timelines() const; // the run's, and the compared run's
    void applyTextScale();
    void fitTimelineText();
    QString readoutText(std::size_t position, double time) const;
    void sizeReadout();
    QDockWidget* addPanel(QWidget* panel, const QString& title, const QString& objectName, Qt::DockWidgetArea area);

    Settings m_settings;
    RunController* m_runs;
    PlaybackController* m_playback;
    ViewState* m_view; // shared by both timelines (the run's and the compared run's)
    PredictController* m_predict;
    PredictPanel* m_predictPanel = nullptr;

    RunControls* m_controls = nullptr;
    QComboBox* m_speed = nullptr;
    QLabel* m_readout = nullptr;
    Scrubber* m_scrubber = nullptr;
    TimelineWidget* m_timeline = nullptr;
    OutputPanel* m_output = nullptr;
    LoopStatePanel* m_loopState = nullptr;
    NarrationPanel* m_narration = nullptr;
    ListingPanel* m_listing = nullptr;
    NotesPanel* m_notes = nullptr;
    LessonController* m_lessons = nullptr;
    ProgressIndicator* m_progress = nullptr;
    QLabel* m_runStatus = nullptr;
    QLabel* m_addressOrder = nullptr; // "This run's order depends on memory addresses...", when it does
    QString m_formHint; // the status bar message saying the form differs from the run shown
    ExportDialogChoices m_exportChoices; // File > Export's choices, offered again next time
    QAction* m_open = nullptr;
    RecentFiles* m_recentFiles = nullptr;
    ComparisonView* m_comparison = nullptr;
    RunController* m_compareRuns; // the compared run's own computations
    QAction* m_stopComparing = nullptr;
    QFileSystemWatcher m_programWatcher; // the recorded program's file, to record it again when saved
    QByteArray m_recordedSource; // that file's text when it was last recorded
    void saveAndRecord(const QString& source); // the Listing's edit, saved, then recorded
    QAction* m_export = nullptr;
    QList<QDockWidget*> m_docks;
    PanelArranger* m_panels = nullptr;
    QList<QToolBar*> m_toolBars;

    RunDataPtr m_run;
    // The shown position's state and the one before it (the state the step that just ran
    // started from), kept so that a step forward only applies that step's events and any
    // other move reuses their memory. Belong to m_run.
    sim::LoopState m_state;
    sim::LoopState m_before;
    std::optional<RunForm> m_pendingForm; // the form of the run being simulated; none for a file being read
    quint64 m_preparation = 0; // which prepareRun() is the current one
    bool m_preparing = false; // a finished run is being prepared to be shown
    bool m_needsDefaultLayout = false; // the panels are to be arranged for the window once shown
    bool m_restoringRange = false; // the view's range was restored for the run to come
};

} // namespace ui
