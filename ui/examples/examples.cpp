// SPDX-License-Identifier: MIT
#include "examples.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <array>

// Q_INIT_RESOURCE declares a function of the global namespace: the resource is compiled
// into this static library, which the linker would otherwise leave out.
static void initExamplesResource() { Q_INIT_RESOURCE(examples); }

namespace ui {

namespace {
    // The order a course meets them: each lesson builds on the ones before.
    constexpr std::array names { "countsync", "countasync", "blocking", "awaitcoro", "workers", "backpressure",
        "timeout", "cleanup", "lock", "semaphore", "taskgroup" };

    // The module docstring's text: the file opens with it, between triple double quotes.
    QString docstringOf(const QString& source)
    {
        const QString quotes = QStringLiteral("\"\"\"");
        if (!source.startsWith(quotes))
            return {};
        const qsizetype end = source.indexOf(quotes, quotes.size());
        return end < 0 ? QString() : source.mid(quotes.size(), end - quotes.size());
    }

    // The docstring's lines after the first, a paragraph's lines joined: a note reads as
    // running text in any width.
    QString noteOf(const QStringList& lines)
    {
        QStringList paragraphs;
        QStringList paragraph;
        for (const QString& line : lines) {
            if (line.trimmed().isEmpty()) {
                if (!paragraph.isEmpty())
                    paragraphs << paragraph.join(QLatin1Char(' '));
                paragraph.clear();
            } else {
                paragraph << line.trimmed();
            }
        }
        if (!paragraph.isEmpty())
            paragraphs << paragraph.join(QLatin1Char(' '));
        return paragraphs.join(QStringLiteral("\n\n"));
    }

    std::optional<Example> readExample(const QString& name)
    {
        initExamplesResource();
        QFile file(QStringLiteral(":/examples/%1.py").arg(name));
        if (!file.open(QIODevice::ReadOnly))
            return std::nullopt;
        Example example;
        example.name = name;
        example.source = QString::fromUtf8(file.readAll());
        const QStringList lines = docstringOf(example.source).split(QLatin1Char('\n'));
        example.title = lines.constFirst().trimmed();
        example.note = noteOf(lines.mid(1));
        return example;
    }

    bool writeNew(const QString& path, const QString& source, QString* error)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            *error = file.exists()
                ? QStringLiteral("%1 already exists: not overwritten").arg(QDir::toNativeSeparators(path))
                : QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            return false;
        }
        const QByteArray bytes = source.toUtf8();
        if (file.write(bytes) != bytes.size() || !file.flush()) {
            *error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            file.remove(); // no half-written lesson left behind
            return false;
        }
        return true;
    }
}

QList<Example> examples()
{
    QList<Example> all;
    for (const char* name : names) {
        if (auto example = readExample(QLatin1String(name)))
            all << *example;
    }
    return all;
}

std::optional<Example> findExample(const QString& name)
{
    const auto known
        = std::find_if(names.begin(), names.end(), [&](const char* n) { return name == QLatin1String(n); });
    return known == names.end() ? std::nullopt : readExample(name);
}

QString extractExample(const Example& example, const QString& folder, QString* error)
{
    const QString path = QDir(folder).filePath(example.fileName());
    return writeNew(path, example.source, error) ? path : QString();
}

QString temporaryExampleFile(const Example& example, QString* error)
{
    static QTemporaryDir folder;
    if (!folder.isValid()) {
        *error = QStringLiteral("cannot make a temporary folder: %1").arg(folder.errorString());
        return {};
    }
    const QString path = folder.filePath(example.fileName());
    QFile::remove(path); // the example as shipped, whatever an earlier call left
    return extractExample(example, folder.path(), error);
}

} // namespace ui
