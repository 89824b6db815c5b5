// SPDX-License-Identifier: MIT
#include "runform.h"

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

std::variant<sim::RunRequest, RunFormError> requestFromForm(const RunForm& form)
{
    const sim::Program* program = sim::findProgram(form.program.toStdString());
    if (!program)
        return RunFormError { QStringLiteral("program"), QStringLiteral("unknown program '%1'").arg(form.program) };
    sim::RunRequest request = sim::RunRequest::defaultsFor(*program);

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
