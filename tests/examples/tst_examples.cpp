// SPDX-License-Identifier: MIT
// The example programs as the library hands them out: every one shipped, titled and
// annotated for the teacher, and written out byte for byte, never over a teacher's file.
#include "examples.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString examplesFolder = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/resources/examples");

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
}

class TestExamples : public QObject {
    Q_OBJECT

private slots:
    void everyProgramInTheFolderIsShippedAsWritten();
    void everyExampleHasATitleAndATeachersNote();
    void theNoteIsTheDocstringAfterItsTitleWithParagraphsJoined();
    void findExampleKnowsTheNamesOnly();
    void extractWritesTheSourceAndNeverOverwrites();
    void aTemporaryFileIsTheShippedExampleEveryTime();
};

void TestExamples::everyProgramInTheFolderIsShippedAsWritten()
{
    QSet<QString> onDisk;
    for (const QFileInfo& file : QDir(examplesFolder).entryInfoList({ QStringLiteral("*.py") }, QDir::Files))
        onDisk << file.completeBaseName();
    QSet<QString> shipped;
    for (const ui::Example& example : ui::examples()) {
        shipped << example.name;
        QCOMPARE(example.source.toUtf8(), contentsOf(QDir(examplesFolder).filePath(example.fileName())));
    }
    QCOMPARE(shipped, onDisk); // examples.qrc and the order in examples.cpp list every file
    QCOMPARE(ui::examples().size(), onDisk.size()); // and none twice
    QCOMPARE(ui::examples().constFirst().name, QStringLiteral("countsync")); // the course starts with the classic
}

void TestExamples::everyExampleHasATitleAndATeachersNote()
{
    QSet<QString> titles;
    for (const ui::Example& example : ui::examples()) {
        const char* name = qPrintable(example.name);
        QVERIFY2(example.source.startsWith(QStringLiteral("\"\"\"")), name); // the docstring opens the file
        QVERIFY2(!example.title.isEmpty() && !example.title.endsWith(QLatin1Char('.')), name);
        QVERIFY2(example.title.size() <= 80, name); // a menu entry, a line of `loopscope examples`
        QVERIFY2(!titles.contains(example.title), name);
        titles << example.title;
        // What to ask before running it, what to look for while stepping through it.
        QVERIFY2(example.note.contains(QLatin1String("ask the class"), Qt::CaseInsensitive), name);
        QVERIFY2(example.note.contains(QLatin1String("timeline")), name);
        QVERIFY2(!example.note.contains(QLatin1String("\"\"\"")), name);
    }
}

void TestExamples::theNoteIsTheDocstringAfterItsTitleWithParagraphsJoined()
{
    const auto example = ui::findExample(QStringLiteral("countasync"));
    QVERIFY(example);
    QCOMPARE(example->title, QStringLiteral("Counting together: asyncio.sleep in gathered coroutines"));
    QVERIFY(example->note.startsWith(QStringLiteral("The same three counts as countsync.py, but each count awaits asyncio.sleep and main gathers them. ")));
    QVERIFY(example->note.endsWith(QStringLiteral("the run takes 1 second instead of 3.")));
    QVERIFY(!example->note.contains(QLatin1Char('\n'))); // one paragraph, one line: the window wraps it
}

void TestExamples::findExampleKnowsTheNamesOnly()
{
    QCOMPARE(ui::findExample(QStringLiteral("semaphore"))->fileName(), QStringLiteral("semaphore.py"));
    QVERIFY(!ui::findExample(QStringLiteral("semaphore.py")));
    QVERIFY(!ui::findExample(QStringLiteral("examples.qrc")));
    QVERIFY(!ui::findExample(QString()));
    QVERIFY(!ui::findExample(QStringLiteral("../listings/chained")));
}

void TestExamples::extractWritesTheSourceAndNeverOverwrites()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const ui::Example example = *ui::findExample(QStringLiteral("timeout"));
    QString error;
    const QString path = ui::extractExample(example, folder.path(), &error);
    QCOMPARE(path, folder.filePath(QStringLiteral("timeout.py")));
    QVERIFY(error.isEmpty());
    QCOMPARE(contentsOf(path), contentsOf(QDir(examplesFolder).filePath(QStringLiteral("timeout.py"))));

    QFile edited(path);
    QVERIFY(edited.open(QIODevice::WriteOnly | QIODevice::Truncate) && edited.write("# edited\n") > 0);
    edited.close();
    QVERIFY(ui::extractExample(example, folder.path(), &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("timeout.py already exists")), qPrintable(error));
    QCOMPARE(contentsOf(path), QByteArray("# edited\n"));

    error.clear();
    QVERIFY(ui::extractExample(example, folder.filePath(QStringLiteral("missing/folder")), &error).isEmpty());
    QVERIFY2(error.startsWith(QLatin1String("cannot write")), qPrintable(error));
}

void TestExamples::aTemporaryFileIsTheShippedExampleEveryTime()
{
    const ui::Example example = *ui::findExample(QStringLiteral("workers"));
    QString error;
    const QString path = ui::temporaryExampleFile(example, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("workers.py")); // the name the recording shows
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write("# left over\n") > 0);
    file.close();
    QCOMPARE(ui::temporaryExampleFile(example, &error), path);
    QCOMPARE(contentsOf(path), example.source.toUtf8());
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
