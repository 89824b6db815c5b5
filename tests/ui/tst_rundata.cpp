// SPDX-License-Identifier: MIT
// computeRun: a finished run comes with its index and timeline; a cancelled one is dropped
// before the (long) indexing, so the window is free again soon after Cancel.
#include "rundata.h"
#include "runrequests.h"

#include <QTest>

using namespace ui;

class tst_RunData : public QObject {
    Q_OBJECT

private slots:
    void aFinishedRunComesIndexedAndLaidOut();
    void aCancelledRunIsDroppedBeforeIndexing();
};

void tst_RunData::aFinishedRunComesIndexedAndLaidOut()
{
    sim::RunControl control;
    const RunDataPtr run = computeRun(sim::RunRequest {}, &control);
    QVERIFY(run);
    QCOMPARE(run->result.status, sim::RunStatus::Completed);
    QVERIFY(run->index);
    QVERIFY(run->timeline);
    QVERIFY(!run->trace.events.empty());
    QVERIFY(!control.cancelRequested);
}

void tst_RunData::aCancelledRunIsDroppedBeforeIndexing()
{
    const sim::RunRequest request = sim::testruns::asyncq(444, 2000, 4000);
    sim::RunControl control;
    control.cancelRequested = true; // as if Cancel was pressed before the loop polled
    QCOMPARE(computeRun(request, &control), RunDataPtr());
}

QTEST_GUILESS_MAIN(tst_RunData)
#include "tst_rundata.moc"
