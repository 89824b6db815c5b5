// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace ui {

// One of the example programs (resources/examples/): a short asyncio lesson whose module
// docstring is its title (the first line) and the teacher's note (the rest).
struct Example {
    QString name; // the file's stem, e.g. "countasync": `loopscope examples countasync`
    QString title; // the docstring's first line, e.g. "Counting together: asyncio.sleep in gathered coroutines"
    QString note; // the rest of the docstring: what to ask before running it, what to look for
                  // on the timeline; a paragraph's lines are joined into one, paragraphs are separated by "\n\n"
    QString source; // the whole program
    QString fileName() const { return name + QStringLiteral(".py"); }
};

// Every example, in the order a course meets them.
QList<Example> examples();

// The example called `name` (its stem, without ".py").
std::optional<Example> findExample(const QString& name);

// Writes `example` as `folder`/NAME.py, never over an existing file, so a teacher can open,
// edit and record it. Returns the file's path; empty, with *error set, when it cannot.
QString extractExample(const Example& example, const QString& folder, QString* error);

// Writes `example` into a temporary folder that lives as long as the process, for recording
// it as shipped (the recorder needs a file); the file is rewritten on each call. Returns its
// path; empty, with *error set, when it cannot.
QString temporaryExampleFile(const Example& example, QString* error);

} // namespace ui
