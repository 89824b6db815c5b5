// SPDX-License-Identifier: MIT
// The first recording finds out which Python the machine has by starting it. A python3
// that takes seconds to answer (a slow disk, a version manager's shim) must not freeze the
// window meanwhile; and Cancel during that check stops the recording before it starts.
#include "mainwindow.h"
#include "runcontroller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace ui;

class tst_SlowPython : public QObject {
    Q_OBJECT

private slots:
    void theWindowAnswersWhilePythonIsChecked();

private:
    QTemporaryDir m_dir;
};

void tst_SlowPython::theWindowAnswersWhilePythonIsChecked()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // A "python3" that answers the version probe after 4 s, as CPython 3.11 would, and
    // leaves a mark if it is ever asked to run the recorder.
    const QString marker = m_dir.filePath(QStringLiteral("recorder-started"));
    const QString python = m_dir.filePath(QStringLiteral("slow-python3"));
    QFile fake(python);
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write(QStringLiteral("#!/bin/sh\nif [ \"$1\" = -c ]; then sleep 4; echo CPython 3.11.2; exit 0; fi\ntouch '%1'\n")
                   .arg(marker)
                   .toUtf8());
    fake.close();
    QVERIFY(fake.setPermissions(fake.permissions() | QFileDevice::ExeOwner));
    qputenv("LOOPSCOPE_PYTHON", python.toUtf8());

    const QString program = m_dir.filePath(QStringLiteral("hello.py"));
    QFile source(program);
    QVERIFY(source.open(QIODevice::WriteOnly));
    source.write("import asyncio\n\nasync def main() -> None:\n    print('hello')\n\nasyncio.run(main())\n");
    source.close();

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitFor([&] { return bool(window.run()) && !window.runs()->isBusy(); }, 10000));
    const RunDataPtr before = window.run();

    // While the check runs, timers keep firing: the GUI thread is never held for the
    // probe's 4 s (the longest gap between 100 ms ticks stays well under it, even on a
    // loaded machine running the sanitizer build).
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 longestGap = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        longestGap = std::max(longestGap, clock.elapsed() - lastTick);
        lastTick = clock.elapsed();
    });
    tick.start(100);
    window.openFile(program);
    QVERIFY(window.runs()->isBusy());
    QTest::qWait(1000);
    longestGap = std::max(longestGap, clock.elapsed() - lastTick);
    QVERIFY2(longestGap < 3000, qPrintable(QStringLiteral("the window stood still for %1 ms").arg(longestGap)));

    // Cancel before the check answers: the recorder never starts, the run on screen stays.
    window.runs()->cancel();
    QVERIFY(QTest::qWaitFor([&] { return !window.runs()->isBusy(); }, 10000));
    QTest::qWait(3500); // past the check's answer
    QVERIFY(!QFile::exists(marker));
    QCOMPARE(window.run(), before);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Cancelled")), qPrintable(window.statusBar()->currentMessage()));
}

QTEST_MAIN(tst_SlowPython)

#include "tst_slowpython.moc"
