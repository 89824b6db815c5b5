// SPDX-License-Identifier: MIT
#include "runform.h"

#include <QRegularExpression>

namespace ui {

namespace {
    QString fromStd(const std::string& text) { return QString::fromStdString(text); }

    std::variant<sim::PyInt, QString> parseInteger(const QString& text)
    {
        std::string why;
        if (auto value = sim::PyInt::parse(text.toStdString(), &why))
            return *value;
        return fromStd(why);
    }

    // The typed text as a message quotes it: a 4000-digit seed would not fit a status bar.
    QString quoted(QString text)
    {
        text = text.trimmed();
        if (text.size() > 24)
            text = text.left(20) + QStringLiteral("\u2026");
        return QStringLiteral("\u201c%1\u201d").arg(text);
    }
}

std::variant<sim::RunRequest, RunFormError> requestFromForm(const RunForm& form)
{
    sim::RunRequest request;
    request.scenario = form.scenario;

    if (form.seed.trimmed().isEmpty())
        return RunFormError { RunField::Seed, QStringLiteral("Seed is empty: type an integer") };
    auto seed = parseInteger(form.seed);
    if (auto* why = std::get_if<QString>(&seed))
        return RunFormError { RunField::Seed, QStringLiteral("Seed %1 %2").arg(quoted(form.seed), *why) };
    request.seed = std::get<sim::PyInt>(seed);

    if (form.scenario == sim::Scenario::Chained) {
        // Python's argv is split by the shell; commas are accepted too because people type
        // "1, 2, 3". No arguments at all means the script's own [1, 2, 3].
        static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
        for (const QString& word : form.arguments.split(separators, Qt::SkipEmptyParts)) {
            auto n = parseInteger(word);
            if (auto* why = std::get_if<QString>(&n))
                return RunFormError { RunField::Arguments, QStringLiteral("Argument %1 %2").arg(quoted(word), *why) };
            request.chainArguments.push_back(std::get<sim::PyInt>(n));
        }
    } else {
        if (form.producers < 0)
            return RunFormError { RunField::Producers, QStringLiteral("Producers must be 0 or more") };
        if (form.consumers < 0)
            return RunFormError { RunField::Consumers, QStringLiteral("Consumers must be 0 or more") };
        request.producers = form.producers;
        request.consumers = form.consumers;
    }

    if (auto tooBig = request.validate()) {
        const RunField field = form.scenario == sim::Scenario::Chained ? RunField::Arguments
            : form.producers >= form.consumers                         ? RunField::Producers
                                                                       : RunField::Consumers;
        return RunFormError { field, fromStd(*tooBig) };
    }
    return request;
}

RunForm formFromRequest(const sim::RunRequest& request)
{
    RunForm form;
    form.scenario = request.scenario;
    form.seed = fromStd(request.seed.decimal());
    QStringList arguments;
    for (const sim::PyInt& n : request.effectiveChainArguments())
        arguments << fromStd(n.decimal());
    form.arguments = arguments.join(QLatin1Char(' '));
    form.producers = request.producers;
    form.consumers = request.consumers;
    return form;
}

QString describeRequest(const sim::RunRequest& request) { return fromStd(request.describe()); }

} // namespace ui
