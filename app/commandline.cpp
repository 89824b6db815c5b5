// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace {

const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed for random.seed(): any decimal integer (default 444)."), QStringLiteral("S"));
const QCommandLineOption producersOption({ QStringLiteral("p"), QStringLiteral("nprod") }, QStringLiteral("asyncq: number of producers (default 5)."), QStringLiteral("N"));
const QCommandLineOption consumersOption({ QStringLiteral("c"), QStringLiteral("ncon") }, QStringLiteral("asyncq: number of consumers (default 10)."), QStringLiteral("M"));
const QCommandLineOption outputOption({ QStringLiteral("o"), QStringLiteral("output") }, QStringLiteral("export: the file to write; its extension picks the format (.json Chrome trace for Perfetto, .jsonl raw events)."), QStringLiteral("FILE"));
const QCommandLineOption helpOption({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help and exit."));
const QCommandLineOption versionOption({ QStringLiteral("v"), QStringLiteral("version") }, QStringLiteral("Show the version and exit."));

void addOptions(QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    for (const auto& option : { seedOption, producersOption, consumersOption, outputOption, helpOption, versionOption })
        parser.addOption(option);
}

// A decimal integer as Python's int() reads it, or an error naming the argument.
std::optional<sim::PyInt> parseInteger(const QString& name, const QString& text, QString* error)
{
    std::string why;
    auto value = sim::PyInt::parse(text.toStdString(), &why);
    if (!value)
        *error = QStringLiteral("%1: '%2' %3").arg(name, text, QString::fromStdString(why));
    return value;
}

std::optional<std::int64_t> parseCount(const QString& name, const QString& text, std::uint32_t limit, QString* error)
{
    auto value = parseInteger(name, text, error);
    if (!value)
        return std::nullopt;
    const auto count = value->toInt64();
    if (!count || *count > std::int64_t(limit)) {
        *error = QStringLiteral("%1: %2 is more than the limit of %3 tasks").arg(name, text).arg(limit);
        return std::nullopt;
    }
    return count;
}

} // namespace

QString helpText()
{
    QCommandLineParser parser;
    addOptions(parser);
    parser.setApplicationDescription(QStringLiteral(
        "Loopscope shows what Python's asyncio event loop does, step by step, in virtual time.\n\n"
        "Commands:\n"
        "  loopscope                                   open the window (chained, seed 444, 1 2 3)\n"
        "  loopscope print chained [--seed S] [-- N ...]\n"
        "                                              print what `python3 chained.py N ...` prints\n"
        "  loopscope print asyncq [--seed S] [-p N] [-c M]\n"
        "                                              print what `python3 asyncq.py -p N -c M` prints\n"
        "  loopscope export SCENARIO [options] -o FILE write the run as FILE (.json for Perfetto, .jsonl raw trace)\n\n"
        "Exit codes: 0 ok, 1 runtime failure (e.g. cannot write), 2 usage error, 3 deadlock."));
    QString text = parser.helpText();
    text.replace(QRegularExpression(QStringLiteral("^Usage: [^\\n]*\\n")), QStringLiteral("Usage: loopscope [print|export] [SCENARIO] [options] [-- N ...]\n"));
    return text;
}

ParsedCommandLine parseCommandLine(const QStringList& arguments)
{
    ParsedCommandLine result;
    auto fail = [&](const QString& message) {
        result.error = message;
        return result;
    };

    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return fail(parser.errorText());

    Command command;
    if (parser.isSet(helpOption)) {
        command.kind = Command::Kind::Help;
        result.command = command;
        return result;
    }
    if (parser.isSet(versionOption)) {
        command.kind = Command::Kind::Version;
        result.command = command;
        return result;
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        for (const auto& option : { seedOption, producersOption, consumersOption, outputOption }) {
            if (parser.isSet(option))
                return fail(QStringLiteral("--%1 needs a command: print or export").arg(option.names().constLast()));
        }
        command.kind = Command::Kind::Window;
        result.command = command;
        return result;
    }

    const QString verb = positional.takeFirst();
    if (verb == QLatin1String("print"))
        command.kind = Command::Kind::Print;
    else if (verb == QLatin1String("export"))
        command.kind = Command::Kind::Export;
    else
        return fail(QStringLiteral("unknown command '%1' (expected print or export)").arg(verb));

    if (positional.isEmpty())
        return fail(QStringLiteral("%1: missing scenario (chained or asyncq)").arg(verb));
    const QString scenarioText = positional.takeFirst();
    const auto scenario = sim::scenarioFromName(scenarioText.toStdString());
    if (!scenario)
        return fail(QStringLiteral("unknown scenario '%1' (expected chained or asyncq)").arg(scenarioText));
    sim::RunRequest& request = command.request;
    request.scenario = *scenario;

    QString error;
    if (parser.isSet(seedOption)) {
        auto seed = parseInteger(QStringLiteral("--seed"), parser.value(seedOption), &error);
        if (!seed)
            return fail(error);
        request.seed = *seed;
    }

    if (request.scenario == sim::Scenario::Chained) {
        for (const auto& option : { producersOption, consumersOption }) {
            if (parser.isSet(option))
                return fail(QStringLiteral("-%1 applies to asyncq only").arg(option.names().constFirst()));
        }
        for (const QString& text : positional) {
            auto n = parseInteger(QStringLiteral("argument"), text, &error);
            if (!n)
                return fail(error);
            request.chainArguments.push_back(*n);
        }
    } else {
        if (!positional.isEmpty())
            return fail(QStringLiteral("asyncq takes no arguments, got '%1' (use -p and -c)").arg(positional.constFirst()));
        const std::uint32_t limit = request.limits.maxTasks - 1;
        if (parser.isSet(producersOption)) {
            auto count = parseCount(QStringLiteral("-p"), parser.value(producersOption), limit, &error);
            if (!count)
                return fail(error);
            request.producers = *count;
        }
        if (parser.isSet(consumersOption)) {
            auto count = parseCount(QStringLiteral("-c"), parser.value(consumersOption), limit, &error);
            if (!count)
                return fail(error);
            request.consumers = *count;
        }
    }
    if (auto invalid = request.validate())
        return fail(QString::fromStdString(*invalid));

    if (command.kind == Command::Kind::Export) {
        if (!parser.isSet(outputOption))
            return fail(QStringLiteral("export: missing -o FILE"));
        command.outputPath = parser.value(outputOption);
        if (command.outputPath.isEmpty())
            return fail(QStringLiteral("-o: empty file name"));
    } else if (parser.isSet(outputOption)) {
        return fail(QStringLiteral("-o applies to export only"));
    }
    result.command = command;
    return result;
}
