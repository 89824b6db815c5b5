// SPDX-License-Identifier: MIT
#include "runform.h"

#include <QFileInfo>

#include <algorithm>

namespace ui {

QString fieldKey(const sim::Program& program, const sim::ProgramParameter& parameter)
{
    return qtext(program.name) + QLatin1Char('.') + qtext(parameter.key);
}

QString RunForm::field(const sim::Program& program, const sim::ProgramParameter& parameter) const
{
    return fields.value(fieldKey(program, parameter), qtext(parameter.defaultText));
}

void RunForm::setField(const sim::Program& program, const sim::ProgramParameter& parameter, const QString& text)
{
    fields.insert(fieldKey(program, parameter), text);
}

// QProcess::splitCommand's quoting, except that "" is an empty word (splitCommand drops
// it, and a program may be given one on purpose).
QStringList splitArguments(const QString& text)
{
    QStringList words;
    QString word;
    bool inWord = false; // quotes alone make a word, even an empty one
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            if (quoted && text.mid(i, 3) == QStringLiteral("\"\"\"")) {
                word += c;
                i += 2;
            } else {
                quoted = !quoted;
            }
            inWord = true;
        } else if (c.isSpace() && !quoted) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

QString joinArguments(const QStringList& argv)
{
    QStringList words;
    for (const QString& word : argv) {
        const bool plain = !word.isEmpty() && !word.contains(QLatin1Char('"'))
            && std::none_of(word.begin(), word.end(), [](QChar c) { return c.isSpace(); });
        if (plain)
            words << word;
        else
            words << QLatin1Char('"') + QString(word).replace(QStringLiteral("\""), QStringLiteral("\"\"\"")) + QLatin1Char('"');
    }
    return words.join(QLatin1Char(' '));
}

bool RunForm::isScript() const { return program == qtext(sim::scriptProgram().name); }

RunForm scriptForm(const QString& path, const QString& arguments, const QString& seed)
{
    RunForm form;
    form.program = qtext(sim::scriptProgram().name);
    form.scriptPath = path;
    form.scriptArguments = arguments;
    form.seed = seed;
    return form;
}

namespace {
    std::variant<sim::RunRequest, RunFormError> scriptRequest(const RunForm& form)
    {
        const QFileInfo file(form.scriptPath);
        if (!file.isFile() || !file.isReadable())
            return RunFormError { QStringLiteral("program"), QStringLiteral("cannot read '%1'").arg(form.scriptPath) };
        sim::Script script;
        script.path = file.absoluteFilePath().toStdString();
        script.fileName = file.fileName().toStdString();
        for (const QString& word : splitArguments(form.scriptArguments))
            script.argv.push_back(word.toStdString());
        return sim::RunRequest::forScript(std::move(script));
    }
}

bool describeSameRun(const RunForm& a, const RunForm& b)
{
    if (a.program != b.program || a.seed.trimmed() != b.seed.trimmed())
        return false;
    if (a.isScript())
        return a.scriptPath == b.scriptPath && splitArguments(a.scriptArguments) == splitArguments(b.scriptArguments);
    const sim::Program* program = sim::findProgram(a.program.toStdString());
    if (!program)
        return false;
    for (const sim::ProgramParameter& parameter : program->parameters) {
        if (a.field(*program, parameter).simplified() != b.field(*program, parameter).simplified())
            return false;
    }
    return true;
}

std::variant<sim::RunRequest, RunFormError> requestFromForm(const RunForm& form)
{
    const sim::Program* program = form.isScript() ? &sim::scriptProgram() : sim::findProgram(form.program.toStdString());
    if (!program)
        return RunFormError { QStringLiteral("program"), QStringLiteral("unknown program '%1'").arg(form.program) };
    auto scripted = form.isScript() ? scriptRequest(form) : std::variant<sim::RunRequest, RunFormError>(sim::RunRequest::defaultsFor(*program));
    if (auto* error = std::get_if<RunFormError>(&scripted))
        return *error;
    sim::RunRequest request = std::get<sim::RunRequest>(scripted);

    const auto seed = sim::parseSeed(form.seed.toStdString());
    if (const auto* why = std::get_if<std::string>(&seed))
        return RunFormError { QStringLiteral("seed"), QString::fromStdString(*why) };
    request.seed = std::get<sim::PyInt>(seed);

    for (std::size_t i = 0; i < program->parameters.size(); ++i) {
        const sim::ProgramParameter& parameter = program->parameters[i];
        const auto values = sim::parseParameter(parameter, form.field(*program, parameter).toStdString(), request.limits);
        if (const auto* why = std::get_if<std::string>(&values))
            return RunFormError { qtext(parameter.key), QString::fromStdString(*why) };
        request.arguments[i] = std::get<std::vector<sim::PyInt>>(values);
    }

    if (auto invalid = request.validate()) {
        const QString field = invalid->parameter ? qtext(program->parameters[*invalid->parameter].key) : QStringLiteral("seed");
        return RunFormError { field, QString::fromStdString(invalid->message) };
    }
    return request;
}

RunForm formFromRequest(const sim::RunRequest& request)
{
    if (request.isRecorded()) {
        QStringList argv;
        for (const std::string& word : request.script->argv)
            argv << QString::fromStdString(word);
        return scriptForm(QString::fromStdString(request.script->path), joinArguments(argv),
            QString::fromStdString(request.seed.decimal()));
    }
    RunForm form;
    form.program = qtext(request.program->name);
    form.seed = QString::fromStdString(request.seed.decimal());
    for (std::size_t i = 0; i < request.program->parameters.size(); ++i) {
        const sim::ProgramParameter& parameter = request.program->parameters[i];
        QStringList values;
        for (const sim::PyInt& value : request.arguments[i])
            values << QString::fromStdString(value.decimal());
        // An empty list runs the program's default, which the field then shows.
        form.setField(*request.program, parameter, values.isEmpty() ? qtext(parameter.defaultText) : values.join(QLatin1Char(' ')));
    }
    return form;
}

QString describeRequest(const sim::RunRequest& request) { return QString::fromStdString(request.describe()); }

} // namespace ui
