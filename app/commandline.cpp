// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

namespace {

const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed for random.seed(): any decimal integer (default 444)."), QStringLiteral("S"));
const QCommandLineOption producersOption({ QStringLiteral("p"), QStringLiteral("nprod") }, QStringLiteral("asyncq: number of producers (default 5)."), QStringLiteral("N"));
const QCommandLineOption consumersOption({ QStringLiteral("c"), QStringLiteral("ncon") }, QStringLiteral("asyncq: number of consumers (default 10)."), QStringLiteral("M"));
const QCommandLineOption outputOption({ QStringLiteral("o"), QStringLiteral("output") }, QStringLiteral("export: the file to write; its extension picks the format: .png, .svg or .pdf (the timeline), .json (Chrome trace for Perfetto) or .jsonl (raw events)."), QStringLiteral("FILE"));
const QCommandLineOption rangeOption(QStringLiteral("range"), QStringLiteral("export picture: 'all' (default) or FROM:TO in seconds (time axis) or steps (steps axis)."), QStringLiteral("RANGE"));
const QCommandLineOption upToOption(QStringLiteral("upto"), QStringLiteral("export picture: draw the run up to step STEP only, the future left blank."), QStringLiteral("STEP"));
const QCommandLineOption axisOption(QStringLiteral("axis"), QStringLiteral("export picture: time (default) or steps."), QStringLiteral("AXIS"));
const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("export .png: pixels per point, 0.25 to 8 (default 2)."), QStringLiteral("F"));
const QCommandLineOption widthOption(QStringLiteral("width"), QStringLiteral("export picture: width in points, 320 to 20000 (default 1600); a .png has this many pixels times --scale."), QStringLiteral("PT"));
const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("export picture: light (default, for print) or dark."), QStringLiteral("THEME"));
const QCommandLineOption storyboardOption(QStringLiteral("storyboard"), QStringLiteral("export .pdf: a handout with one page per step, numbered."));
const QCommandLineOption pagesOption(QStringLiteral("pages"), QStringLiteral("with --storyboard: steps (default) or instants (one page per instant of virtual time)."), QStringLiteral("PER"));
const QCommandLineOption helpOption({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help and exit."));
const QCommandLineOption versionOption({ QStringLiteral("v"), QStringLiteral("version") }, QStringLiteral("Show the version and exit."));

void addOptions(QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    for (const auto& option : { seedOption, producersOption, consumersOption, outputOption, rangeOption, upToOption,
             axisOption, scaleOption, widthOption, themeOption, storyboardOption, pagesOption, helpOption, versionOption })
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

const QList<QCommandLineOption> pictureOptions { rangeOption, upToOption, axisOption, scaleOption, widthOption, themeOption,
    storyboardOption, pagesOption };

// Reads the picture options of `export`; returns an error line, or an empty string.
QString parseExportChoices(const QCommandLineParser& parser, const QString& format, ExportChoices& choices)
{
    const bool picture = isPictureFormat(format);
    for (const auto& option : pictureOptions) {
        if (parser.isSet(option) && !picture)
            return QStringLiteral("--%1 applies to .png, .svg and .pdf exports only").arg(option.names().constFirst());
    }
    if (parser.isSet(axisOption)) {
        const QString axis = parser.value(axisOption);
        if (axis == QLatin1String("time"))
            choices.stepsAxis = false;
        else if (axis == QLatin1String("steps"))
            choices.stepsAxis = true;
        else
            return QStringLiteral("--axis: '%1' is not time or steps").arg(axis);
    }
    if (parser.isSet(themeOption)) {
        const QString theme = parser.value(themeOption);
        if (theme == QLatin1String("light"))
            choices.darkTheme = false;
        else if (theme == QLatin1String("dark"))
            choices.darkTheme = true;
        else
            return QStringLiteral("--theme: '%1' is not light or dark").arg(theme);
    }
    auto number = [&](const QCommandLineOption& option, double low, double high, double* value) -> QString {
        bool ok = false;
        const QString text = parser.value(option);
        const double parsed = text.toDouble(&ok);
        if (!ok || !(parsed >= low && parsed <= high))
            return QStringLiteral("--%1: '%2' is not a number from %3 to %4").arg(option.names().constFirst(), text).arg(low).arg(high);
        *value = parsed;
        return {};
    };
    if (parser.isSet(scaleOption)) {
        if (format != QLatin1String("png"))
            return QStringLiteral("--scale applies to .png exports only");
        if (QString e = number(scaleOption, 0.25, 8, &choices.scale); !e.isEmpty())
            return e;
    }
    if (parser.isSet(widthOption)) {
        if (QString e = number(widthOption, 320, 20000, &choices.width); !e.isEmpty())
            return e;
    }
    if (parser.isSet(rangeOption)) {
        const QString text = parser.value(rangeOption);
        if (text != QLatin1String("all")) {
            const QStringList parts = text.split(QLatin1Char(':'));
            bool okFrom = false, okTo = false;
            const double from = parts.size() == 2 ? parts[0].toDouble(&okFrom) : 0;
            const double to = parts.size() == 2 ? parts[1].toDouble(&okTo) : 0;
            if (!okFrom || !okTo || !(from >= 0) || !(to > from))
                return QStringLiteral("--range: '%1' is not 'all' or FROM:TO with 0 <= FROM < TO").arg(text);
            choices.range = std::make_pair(from, to);
        }
    }
    if (parser.isSet(upToOption)) {
        std::string why;
        const auto step = sim::PyInt::parse(parser.value(upToOption).toStdString(), &why);
        const auto value = step ? step->toInt64() : std::nullopt;
        if (!value || *value < 0)
            return QStringLiteral("--upto: '%1' is not a step number (0 or more)").arg(parser.value(upToOption));
        choices.upTo = std::size_t(*value);
    }
    if (choices.range && choices.upTo)
        return QStringLiteral("--range and --upto cannot be combined");
    choices.storyboard = parser.isSet(storyboardOption);
    if (choices.storyboard && format != QLatin1String("pdf"))
        return QStringLiteral("--storyboard needs a .pdf file");
    if (choices.storyboard && (choices.range || choices.upTo))
        return QStringLiteral("--%1 does not apply to --storyboard, which draws the whole run page by page")
            .arg(choices.range ? QStringLiteral("range") : QStringLiteral("upto"));
    if (parser.isSet(pagesOption)) {
        if (!choices.storyboard)
            return QStringLiteral("--pages applies with --storyboard only");
        const QString pages = parser.value(pagesOption);
        if (pages == QLatin1String("steps"))
            choices.pagesPerInstant = false;
        else if (pages == QLatin1String("instants"))
            choices.pagesPerInstant = true;
        else
            return QStringLiteral("--pages: '%1' is not steps or instants").arg(pages);
    }
    return {};
}

} // namespace

bool isPictureFormat(const QString& suffix)
{
    return suffix == QLatin1String("png") || suffix == QLatin1String("svg") || suffix == QLatin1String("pdf");
}

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
        "  loopscope export SCENARIO [options] -o FILE write the run as FILE: .png .svg .pdf (the timeline),\n"
        "                                              .json (Chrome trace for Perfetto), .jsonl (raw events)\n\n"
        "Exit codes: 0 ok, 1 runtime failure (e.g. cannot write), 2 usage error, 3 deadlock."));
    QString text = parser.helpText();
    text.replace(QRegularExpression(QStringLiteral("^Usage: [^\\n]*\\n")), QStringLiteral("Usage: loopscope [print|export] [SCENARIO] [options] [-- N ...]\n"));
    return text;
}

namespace {
// QCommandLineParser's own messages ("Unknown option 'bogus'.", "Missing value after
// '--seed'.") in the style of the others: lower case, the option as typed, no full stop.
QString parserError(const QCommandLineParser& parser)
{
    const QStringList unknown = parser.unknownOptionNames();
    if (!unknown.isEmpty()) {
        const QString& name = unknown.constFirst();
        return QStringLiteral("unknown option '%1%2'").arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name);
    }
    QString text = parser.errorText();
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}
} // namespace

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
        return fail(parserError(parser));

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
        command.format = QFileInfo(command.outputPath).suffix().toLower();
        const bool known = isPictureFormat(command.format) || command.format == QLatin1String("json")
            || command.format == QLatin1String("jsonl");
        if (command.format.isEmpty())
            return fail(QStringLiteral("-o: '%1' has no file extension to pick the format (use .png, .svg, .pdf, .json or .jsonl)")
                            .arg(command.outputPath));
        if (!known)
            return fail(QStringLiteral("-o: unknown export format '.%1' for '%2' (use .png, .svg, .pdf, .json or .jsonl)")
                            .arg(command.format, command.outputPath));
        if (QString e = parseExportChoices(parser, command.format, command.exportChoices); !e.isEmpty())
            return fail(e);
    } else {
        if (parser.isSet(outputOption))
            return fail(QStringLiteral("-o applies to export only"));
        for (const auto& option : pictureOptions) {
            if (parser.isSet(option))
                return fail(QStringLiteral("--%1 applies to export only").arg(option.names().constFirst()));
        }
    }
    result.command = command;
    return result;
}
