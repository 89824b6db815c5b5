// SPDX-License-Identifier: MIT
// File > Export from the window: the dialog's choices become the job, and the job is
// written off the GUI thread (the event loop keeps turning), with cancel leaving no file.
#include "exportdialog.h"
#include "exportjob.h"
#include "mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QCoroTask>
#include <QDoubleSpinBox>
#include <QImage>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ui;

class TestExportJob : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void theExportActionIsEnabledOnceARunIsShown();
    void theDialogTurnsChoicesIntoTheJob();
    void theDialogOffersTheLastChoicesAgain();
    void theHandoutDisablesTheChoicesItIgnores();
    void aBackgroundExportWritesTheFileWhileEventsKeepFlowing();
    void aCancelledStoryboardLeavesNoFile();

private:
    QTemporaryDir m_dir;
};

void TestExportJob::theExportActionIsEnabledOnceARunIsShown()
{
    MainWindow window;
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.run() != nullptr, 20000);
    QVERIFY(window.exportAction()->isEnabled());
    const ExportContext context = window.exportContext();
    QCOMPARE(context.run, window.run());
}

void TestExportJob::theDialogTurnsChoicesIntoTheJob()
{
    ExportContext context;
    context.run = computeRun(sim::RunRequest {});
    context.cursor = 7;
    context.view.axis = TimelineAxis::Steps;
    ExportDialog dialog(context);
    dialog.selectFormat(QStringLiteral("storyboard"));
    QCOMPARE(dialog.defaultSuffix(), QStringLiteral("pdf"));
    ExportJob job = dialog.job(m_dir.filePath(QStringLiteral("x.pdf")));
    QVERIFY(job.storyboard);
    QCOMPARE(job.picture.axis, TimelineAxis::Steps); // follows the screen
    QCOMPARE(job.picture.theme, ThemeKind::Light);
    QCOMPARE(job.picture.textScale, 1.0);
    // The theme and the text size come from the window's view state too.
    context.view.theme = ThemeKind::Dark;
    context.view.textScale = 1.3;
    context.view.showInternalTasks = true;
    ExportDialog dark(context);
    dark.selectFormat(QStringLiteral("png"));
    const ExportJob darkJob = dark.job(m_dir.filePath(QStringLiteral("x.png")));
    QCOMPARE(darkJob.picture.theme, ThemeKind::Dark);
    QCOMPARE(darkJob.picture.textScale, 1.3);
    QVERIFY(darkJob.picture.showInternalTasks);
    QCOMPARE(darkJob.picture.axis, TimelineAxis::Steps);
    dialog.selectFormat(QStringLiteral("png"));
    dialog.findChildren<QRadioButton*>().at(2)->setChecked(true); // up to the current step
    job = dialog.job(m_dir.filePath(QStringLiteral("x.png")));
    QVERIFY(!job.storyboard);
    QCOMPARE(job.picture.range, ExportRange::UpToCursor);
    QCOMPARE(job.picture.cursor, std::size_t(7));
}

void TestExportJob::theDialogOffersTheLastChoicesAgain()
{
    ExportContext context;
    context.run = computeRun(sim::RunRequest {});
    context.cursor = 5;
    context.view.range = VisibleRange { 1, 3 };
    ExportDialogChoices chosen;
    {
        ExportDialog first(context);
        QCOMPARE(first.choices(), ExportDialogChoices {}); // the defaults, the first time
        first.selectFormat(QStringLiteral("svg"));
        first.findChildren<QRadioButton*>().at(1)->setChecked(true); // the range shown on screen
        first.findChildren<QSpinBox*>().at(0)->setValue(2400);
        chosen = first.choices();
    }
    QCOMPARE(chosen.format, QStringLiteral("svg"));
    QCOMPARE(chosen.show, ExportDialogChoices::Show::VisibleRange);
    QCOMPARE(chosen.width, 2400);

    ExportDialog again(context);
    again.setChoices(chosen);
    QCOMPARE(again.choices(), chosen);
    const ExportJob job = again.job(m_dir.filePath(QStringLiteral("x.svg")));
    QCOMPARE(job.picture.range, ExportRange::VisibleRange);
    QCOMPARE(job.picture.width, 2400);

    // Not zoomed in any more: the whole run instead of a range that no longer exists.
    context.view.range.reset();
    ExportDialog unzoomed(context);
    unzoomed.setChoices(chosen);
    QCOMPARE(unzoomed.choices().show, ExportDialogChoices::Show::WholeRun);
    QCOMPARE(unzoomed.choices().format, QStringLiteral("svg"));
}

void TestExportJob::theHandoutDisablesTheChoicesItIgnores()
{
    // The handout always shows the whole run, a page per step up to that step, on A4: "up to
    // the current step", "the range shown on screen", the width and the PNG scale do not
    // apply. The axis, the theme and the pages do.
    ExportContext context;
    context.run = computeRun(sim::RunRequest {});
    context.cursor = 27;
    context.view.range = VisibleRange { 1, 3 };
    ExportDialog dialog(context);
    const QList<QRadioButton*> ranges = dialog.findChildren<QRadioButton*>();
    QCOMPARE(ranges.size(), 3);
    QVERIFY(ranges.at(2)->text().contains(QStringLiteral("(27)")));
    ranges.at(2)->setChecked(true); // chosen for a picture first
    auto* width = dialog.findChildren<QSpinBox*>().at(0);
    auto* scale = dialog.findChild<QDoubleSpinBox*>();
    const QList<QComboBox*> combos = dialog.findChildren<QComboBox*>(); // format, axis, theme, pages
    QCOMPARE(combos.size(), 4);

    dialog.selectFormat(QStringLiteral("png"));
    for (QRadioButton* range : ranges)
        QVERIFY(range->isEnabled());
    QVERIFY(width->isEnabled());
    QVERIFY(scale->isEnabled());
    QVERIFY(!combos.at(3)->isEnabled());

    dialog.selectFormat(QStringLiteral("storyboard"));
    for (QRadioButton* range : ranges)
        QVERIFY2(!range->isEnabled(), qPrintable(range->text()));
    QVERIFY(!width->isEnabled());
    QVERIFY(!scale->isEnabled());
    QVERIFY(combos.at(1)->isEnabled()); // axis
    QVERIFY(combos.at(2)->isEnabled()); // theme
    QVERIFY(combos.at(3)->isEnabled()); // pages
    const ExportJob job = dialog.job(m_dir.filePath(QStringLiteral("h.pdf")));
    QVERIFY(job.storyboard);
    QCOMPARE(job.picture.range, ExportRange::WholeRun); // not "up to step 27"

    // Back to a picture: the choice made for it still holds.
    dialog.selectFormat(QStringLiteral("svg"));
    QVERIFY(ranges.at(2)->isEnabled());
    QCOMPARE(dialog.job(m_dir.filePath(QStringLiteral("x.svg"))).picture.range, ExportRange::UpToCursor);
}

void TestExportJob::aBackgroundExportWritesTheFileWhileEventsKeepFlowing()
{
    ExportJob job;
    job.run = computeRun(sim::RunRequest {});
    job.path = m_dir.filePath(QStringLiteral("story.pdf"));
    job.storyboard = true;
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(1);
    const ExportOutcome outcome = QCoro::waitFor(exportInBackground(nullptr, job));
    QVERIFY2(outcome.written, qPrintable(outcome.error));
    QVERIFY(QFile::exists(job.path));
    QVERIFY2(ticks > 0, "the GUI event loop was blocked during the export");

    job.path = m_dir.filePath(QStringLiteral("slide.png"));
    job.storyboard = false;
    QVERIFY(QCoro::waitFor(exportInBackground(nullptr, job)).written);
    QVERIFY(!QImage(job.path).isNull());
}

void TestExportJob::aCancelledStoryboardLeavesNoFile()
{
    ExportJob job;
    job.run = computeRun(sim::RunRequest {});
    job.path = m_dir.filePath(QStringLiteral("cancelled.pdf"));
    job.storyboard = true;
    const ExportOutcome outcome = writeExport(job, [](std::size_t done, std::size_t) { return done < 2; });
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.written);
    QVERIFY(!QFile::exists(job.path));
}

QTEST_MAIN(TestExportJob)
#include "tst_exportjob.moc"
