// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <variant>

namespace ui {

// What the run controls hold, exactly as typed. Kept as text so that an invalid field can
// be marked, and remembered, the way the user left it. Every program's fields are kept, so
// switching programs back and forth loses nothing.
struct RunForm {
    QString program = QString::fromUtf8(sim::defaultProgram().name.data(), qsizetype(sim::defaultProgram().name.size()));
    QString seed = QStringLiteral("444");
    QMap<QString, QString> fields; // by fieldKey(program, parameter); a missing one holds its default
    // A recorded Python program (program is then sim::scriptProgram()'s name): its file and
    // its argv as typed: words separated by white space, "double quotes" around a word with
    // spaces or an empty one (splitArguments / joinArguments).
    QString scriptPath;
    QString scriptArguments;

    bool isScript() const;

    // The text of a program's parameter: as typed, or the parameter's default.
    QString field(const sim::Program& program, const sim::ProgramParameter& parameter) const;
    void setField(const sim::Program& program, const sim::ProgramParameter& parameter, const QString& text);
    bool operator==(const RunForm&) const = default;
};

// "asyncq.producers": the key of a program's parameter in RunForm::fields and in settings.
QString fieldKey(const sim::Program& program, const sim::ProgramParameter& parameter);

struct RunFormError {
    QString field; // "seed", or the parameter's key ("arguments", "producers")
    QString message; // the command line's message for the same text, e.g. "-p: 'x' is not a decimal integer"
};

// A recorded program's argument text as argv, and back: white space separates words,
// double quotes keep a word's spaces (or an empty word), a literal quote is written """.
QStringList splitArguments(const QString& text);
QString joinArguments(const QStringList& argv);

// The form of a recorded Python program with this file and argv text.
RunForm scriptForm(const QString& path, const QString& arguments, const QString& seed = QStringLiteral("444"));

// Whether two forms describe the same run: the program, the seed and that program's fields
// (or the recorded program's file and arguments), as typed; other programs' fields aside.
bool describeSameRun(const RunForm& a, const RunForm& b);

// The request the form describes, or the first wrong field and why. The text of every field
// is parsed exactly as the command line parses it (sim::parseParameter, sim::parseSeed), with
// the same messages, and nothing is changed silently; the limits are checked too, so a
// returned request can be simulated as is.
std::variant<sim::RunRequest, RunFormError> requestFromForm(const RunForm& form);

// The form that describes `request` (the inverse of requestFromForm for valid forms).
RunForm formFromRequest(const sim::RunRequest& request);

// The request's one-line description for titles: "chained 1 2 3 · seed 444".
QString describeRequest(const sim::RunRequest& request);

// A std::string_view of the program descriptions as a QString.
inline QString qtext(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

} // namespace ui
