// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include "examples.h"
#include "lessonfile.h"
#include "tracefile.h"

#include <algorithm>
#include <cstring>
#include <span>

namespace {

const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed for random.seed(): any decimal integer (default 444)."), QStringLiteral("S"));
const QCommandLineOption outputOption({ QStringLiteral("o"), QStringLiteral("output") }, QStringLiteral("export: the file to write; its extension picks the format: .png, .svg or .pdf (the timeline), .json (Chrome trace for Perfetto) or .jsonl (raw events)."), QStringLiteral("FILE"));
const QCommandLineOption rangeOption(QStringLiteral("range"), QStringLiteral("export picture: 'all' (default) or FROM:TO in seconds (time axis) or steps (steps axis)."), QStringLiteral("RANGE"));
const QCommandLineOption upToOption(QStringLiteral("upto"), QStringLiteral("export picture: draw the run up to step STEP only, the future left blank."), QStringLiteral("STEP"));
const QCommandLineOption axisOption(QStringLiteral("axis"), QStringLiteral("export picture: time (default; to scale), instants (time with the steps widened) or steps."), QStringLiteral("AXIS"));
const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("export .png: pixels per point, 0.25 to 8 (default 2)."), QStringLiteral("F"));
const QCommandLineOption widthOption(QStringLiteral("width"), QStringLiteral("export picture: width in points, 320 to 20000 (default 1600); a .png has this many pixels times --scale."), QStringLiteral("PT"));
const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("export picture: light (default, for print) or dark."), QStringLiteral("THEME"));
const QCommandLineOption storyboardOption(QStringLiteral("storyboard"), QStringLiteral("export .pdf: a handout with one page per step, numbered."));
const QCommandLineOption compareOption(QStringLiteral("compare"), QStringLiteral("export picture: draw another run under this one on the same axis, then how they differ. RUN is what follows `loopscope print`: a program with its options (\"chained --seed 7\", \"sequential\"), a .py with its arguments, or a .jsonl."), QStringLiteral("RUN"));
const QCommandLineOption pagesOption(QStringLiteral("pages"), QStringLiteral("with --storyboard: steps (default) or instants (one page per instant of virtual time)."), QStringLiteral("PER"));
const QCommandLineOption helpOption({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help and exit."));
const QCommandLineOption versionOption({ QStringLiteral("v"), QStringLiteral("version") }, QStringLiteral("Show the version and exit."));

QString qtext(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

// A program's option parameter (asyncq's -p), with the programs that take it: built from the
// program descriptions, so a new program's options appear here by registering it.
struct ProgramOption {
    QCommandLineOption option;
    QStringList programs; // their names, for "-p applies to asyncq only"
};

QList<ProgramOption> programOptions()
{
    QList<ProgramOption> options;
    for (const sim::Program* program : sim::programs()) {
        for (const sim::ProgramParameter& parameter : program->parameters) {
            if (parameter.shape != sim::ProgramParameter::Shape::Integer)
                continue;
            const QString flag = qtext(parameter.shortFlag);
            auto known = std::find_if(options.begin(), options.end(),
                [&](const ProgramOption& o) { return o.option.names().constFirst() == flag; });
            if (known != options.end()) {
                known->programs << qtext(program->name);
                continue;
            }
            const QString help = QStringLiteral("%1: %2 (default %3).")
                                     .arg(qtext(program->name), qtext(parameter.help), qtext(parameter.defaultText));
            options.push_back({ QCommandLineOption({ flag, qtext(parameter.longFlag) }, help, QStringLiteral("N")),
                { qtext(program->name) } });
        }
    }
    return options;
}

void addOptions(QCommandLineParser& parser, const QList<ProgramOption>& programOptions)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOption(seedOption);
    for (const ProgramOption& option : programOptions)
        parser.addOption(option.option);
    for (const auto& option : { outputOption, rangeOption, upToOption, axisOption, scaleOption, widthOption, themeOption,
             storyboardOption, pagesOption, compareOption, helpOption, versionOption })
        parser.addOption(option);
}

const QList<QCommandLineOption> pictureOptions { rangeOption, upToOption, axisOption, scaleOption, widthOption, themeOption,
    storyboardOption, pagesOption, compareOption };

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
            choices.axis = ExportChoices::Axis::Time;
        else if (axis == QLatin1String("instants"))
            choices.axis = ExportChoices::Axis::Instants;
        else if (axis == QLatin1String("steps"))
            choices.axis = ExportChoices::Axis::Steps;
        else
            return QStringLiteral("--axis: '%1' is not time, instants or steps").arg(axis);
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

namespace {
// "[-- N ...]" / "[-p N] [-c N]": a program's arguments as its usage line shows them.
QString usageOf(const sim::Program& program)
{
    QStringList parts;
    for (const sim::ProgramParameter& parameter : program.parameters) {
        if (parameter.shape == sim::ProgramParameter::Shape::Integers)
            parts << QStringLiteral("[-- N ...]");
        else
            parts << QStringLiteral("[-%1 N]").arg(qtext(parameter.shortFlag));
    }
    return parts.join(QLatin1Char(' '));
}

// "N ..." / "-p N -c N": what the script itself is given.
QString scriptUsageOf(const sim::Program& program)
{
    QString usage = usageOf(program);
    usage.remove(QStringLiteral("[-- ")).remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    return usage;
}
} // namespace

QString helpText()
{
    QCommandLineParser parser;
    addOptions(parser, programOptions());
    const sim::Program& first = sim::defaultProgram();
    const sim::RunRequest defaults = sim::RunRequest::defaultsFor(first);
    QString commands = QStringLiteral("Loopscope shows what Python's asyncio event loop does, step by step, in virtual time.\n\n"
                                      "Commands:\n");
    auto command = [&](const QString& usage, const QString& what) {
        commands += QStringLiteral("  %1\n      %2\n").arg(usage, what);
    };
    command(QStringLiteral("loopscope"), QStringLiteral("open the window (%1)").arg(QString::fromStdString(defaults.describe())));
    command(QStringLiteral("loopscope [open] [--seed S] FILE.py [ARGS...]"),
        QStringLiteral("record a Python asyncio program from CPython 3.11 in virtual time and open it in the window"));
    command(QStringLiteral("loopscope [open] FILE.jsonl"), QStringLiteral("open a trace file written by export or record in the window"));
    command(QStringLiteral("loopscope [open] FILE.loopscope"), QStringLiteral("open a lesson (its runs, bookmarks and notes) in the window"));
    for (const sim::Program* program : sim::programs()) {
        command(QStringLiteral("loopscope print %1 [--seed S] %2").arg(qtext(program->name), usageOf(*program)),
            QStringLiteral("print what `python3 %1 %2` prints: %3")
                .arg(qtext(program->fileName), scriptUsageOf(*program), qtext(program->summary)));
    }
    command(QStringLiteral("loopscope print [--seed S] FILE.py [ARGS...]"),
        QStringLiteral("print what `python3 FILE.py ARGS...` prints, on a clock that never waits"));
    command(QStringLiteral("loopscope print FILE.jsonl"), QStringLiteral("print the output of the run a trace file holds"));
    command(QStringLiteral("loopscope record [--seed S] FILE.py [ARGS...] -o RUN.jsonl"),
        QStringLiteral("record a Python program's run into a trace file"));
    command(QStringLiteral("loopscope export [options] PROGRAM|FILE.py|FILE.jsonl [ARGS...] -o FILE"),
        QStringLiteral("write the run as FILE: .png .svg .pdf (the timeline), .json (Chrome trace for Perfetto),\n"
                       "      .jsonl (the trace file, which `loopscope open` reads back)"));
    command(QStringLiteral("loopscope examples"),
        QStringLiteral("list the example programs, one lesson each, with their titles"));
    command(QStringLiteral("loopscope examples NAME"),
        QStringLiteral("write the example NAME.py into the current folder (never over an existing file),\n"
                       "      to open, edit or record like any Python file"));
    commands += QStringLiteral("\nExit codes: 0 ok, 1 runtime failure (e.g. cannot write or read a file), 2 usage error, 3 deadlock.");
    parser.setApplicationDescription(commands);
    QString text = parser.helpText();
    text.replace(QRegularExpression(QStringLiteral("^Usage: [^\\n]*\\n")),
        QStringLiteral(
            "Usage: loopscope [open|print|record|export|examples] [options] [PROGRAM|FILE.py|FILE.jsonl] [ARGS...]\n"));
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

namespace {
bool isScriptFileName(const QString& word) { return word.size() > 3 && word.endsWith(QLatin1String(".py")); }

// `loopscope [VERB] [options] FILE.py [ARGS...] [-o OUT]`: what follows a Python file is the
// program's own argv, as after `python3 FILE.py`, except a final `-o OUT` (or `--output=OUT`),
// which is Loopscope's (as the recorder reads its own command line). Loopscope's other options
// come before the file.
struct SplitArguments {
    QStringList loopscope;
    std::optional<QStringList> script; // the program's argv, when a Python file is named
};

SplitArguments splitAtScript(const QStringList& arguments, const QList<ProgramOption>& options)
{
    // Words that are an option's value ("--seed x.py" would be odd, but it is the seed's).
    QStringList takesValue;
    auto note = [&](const QCommandLineOption& option) {
        if (option.valueName().isEmpty())
            return;
        for (const QString& name : option.names())
            takesValue << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    };
    for (const QCommandLineOption& option : { seedOption, outputOption, rangeOption, upToOption, axisOption, scaleOption,
             widthOption, themeOption, pagesOption, compareOption })
        note(option);
    for (const ProgramOption& option : options)
        note(option.option);

    SplitArguments split { arguments, std::nullopt };
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--"))
            break; // the built-in programs' numbers follow
        if (arguments[i].startsWith(QLatin1Char('-')) || !isScriptFileName(arguments[i]) || takesValue.contains(arguments[i - 1]))
            continue; // an option (--compare=b.py) or an option's value, not the program
        split.loopscope = arguments.mid(0, i + 1);
        QStringList script = arguments.mid(i + 1);
        if (script.size() >= 2 && takesValue.contains(script[script.size() - 2])
            && (script[script.size() - 2] == QLatin1String("-o") || script[script.size() - 2] == QLatin1String("--output"))) {
            split.loopscope << script.mid(script.size() - 2);
            script.resize(script.size() - 2);
        } else if (!script.isEmpty() && script.constLast().startsWith(QLatin1String("--output="))) {
            split.loopscope << script.takeLast();
        }
        split.script = script;
        break;
    }
    return split;
}

// What a run command names: a trace file, a Python file, or a built-in program.
enum class Source { TraceFile, Lesson, Script, Program };
Source sourceOf(const QString& word)
{
    if (ui::isLessonFileName(word))
        return Source::Lesson;
    return ui::isTraceFileName(word) ? Source::TraceFile : isScriptFileName(word) ? Source::Script : Source::Program;
}

sim::Script scriptOf(const QString& path, const QStringList& argv)
{
    sim::Script script;
    script.path = path.toStdString();
    script.fileName = QFileInfo(path).fileName().toStdString();
    for (const QString& word : argv)
        script.argv.push_back(word.toStdString());
    return script;
}
} // namespace

namespace {
// `loopscope examples [NAME]`: no options, at most one name, a known one.
QString parseExamples(const QCommandLineParser& parser, const QStringList& names, Command& command)
{
    command.kind = Command::Kind::Examples;
    if (const QStringList options = parser.optionNames(); !options.isEmpty()) {
        const QString& name = options.constFirst();
        return QStringLiteral("%1%2 does not apply to examples")
            .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name);
    }
    if (names.size() > 1)
        return QStringLiteral("examples: one example at a time, got '%1' after '%2'").arg(names[1], names[0]);
    if (names.isEmpty())
        return {};
    if (!ui::findExample(names.constFirst())) {
        QStringList known;
        for (const ui::Example& example : ui::examples())
            known << example.name;
        return QStringLiteral("unknown example '%1' (expected %2)")
            .arg(names.constFirst(), known.join(QStringLiteral(", ")));
    }
    command.exampleName = names.constFirst();
    return {};
}
} // namespace

namespace {
// The words after `--` as argv holds them (chained 1..100000 has 100,000): parsed straight
// from their bytes, without a QString each. They stand where `placeholder` is, the one
// positional word after the `--` of the arguments given to the parser.
struct RawIntegers {
    std::span<char* const> words;
    bool used = false; // set when they were parsed as a program's integers
};
const QString placeholder = QStringLiteral("--\uFFFF"); // an unknown option if `--` was not the separator

ParsedCommandLine parse(const QStringList& arguments, RawIntegers* raw)
{
    ParsedCommandLine result;
    auto fail = [&](const QString& message) {
        result.error = message;
        return result;
    };

    QCommandLineParser parser;
    const QList<ProgramOption> options = programOptions();
    addOptions(parser, options);
    const SplitArguments split = splitAtScript(arguments, options);
    if (!parser.parse(split.loopscope))
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
    auto refuseProgramOptions = [&](const QString& what) -> QString {
        for (const ProgramOption& option : options) {
            if (parser.isSet(option.option))
                return QStringLiteral("-%1 does not apply to %2").arg(option.option.names().constFirst(), what);
        }
        return {};
    };
    const bool opensWindow = positional.isEmpty() || (positional.size() == 1 && sourceOf(positional.constFirst()) != Source::Program);
    if (opensWindow) {
        // `loopscope`, `loopscope run.jsonl`, `loopscope lesson.py ARGS`: the window.
        positional.prepend(QStringLiteral("open"));
    }
    const QString verb = positional.takeFirst();
    if (verb == QLatin1String("examples")) {
        if (QString error = parseExamples(parser, positional, command); !error.isEmpty())
            return fail(error);
        result.command = command;
        return result;
    }
    if (verb == QLatin1String("print"))
        command.kind = Command::Kind::Print;
    else if (verb == QLatin1String("export"))
        command.kind = Command::Kind::Export;
    else if (verb == QLatin1String("record"))
        command.kind = Command::Kind::Record;
    else if (verb == QLatin1String("open"))
        command.kind = Command::Kind::Window;
    else
        return fail(
            QStringLiteral("unknown command '%1' (expected open, print, record, export or examples)").arg(verb));

    QStringList names;
    for (const sim::Program* program : sim::programs())
        names << qtext(program->name);
    const QString expected = QStringLiteral("%1, a Python file (.py) or a .jsonl trace file").arg(names.join(QStringLiteral(", ")));
    if (positional.isEmpty()) {
        if (command.kind == Command::Kind::Window && !opensWindow)
            return fail(QStringLiteral("open: missing file (a Python file or a .jsonl trace file)"));
        if (command.kind == Command::Kind::Window) {
            if (parser.isSet(seedOption) || parser.isSet(outputOption))
                return fail(QStringLiteral("--%1 needs a command: print or export")
                                .arg((parser.isSet(seedOption) ? seedOption : outputOption).names().constLast()));
            if (QString refused = refuseProgramOptions(QStringLiteral("the window")); !refused.isEmpty())
                return fail(refused);
            result.command = command;
            return result;
        }
        return fail(QStringLiteral("%1: missing program (%2)").arg(verb, expected));
    }
    const QString what = positional.takeFirst();
    const Source source = sourceOf(what);
    if (command.kind == Command::Kind::Window && source == Source::Program)
        return fail(QStringLiteral("open: '%1' is not a Python file, a trace file or a lesson (.py, .jsonl, .loopscope)").arg(what));
    if (command.kind == Command::Kind::Record && source != Source::Script)
        return fail(QStringLiteral("record: '%1' is not a Python file (.py); built-in programs are exported with export -o FILE.jsonl").arg(what));

    sim::RunRequest& request = command.request;
    if (source == Source::Lesson) {
        // A lesson is for the window: it holds several runs, bookmarks and notes, which a
        // printout or a picture of one run would silently leave out.
        if (command.kind != Command::Kind::Window)
            return fail(QStringLiteral("%1: '%2' is a lesson, which only the window shows (loopscope %2); "
                                       "export one of its runs by its program and seed")
                            .arg(verb, what));
        if (!positional.isEmpty())
            return fail(QStringLiteral("open: a lesson takes no arguments, got '%1'").arg(positional.constFirst()));
        if (parser.isSet(seedOption))
            return fail(QStringLiteral("--seed does not apply to a lesson, which holds its runs"));
        if (QString refused = refuseProgramOptions(QStringLiteral("a lesson, which holds its runs")); !refused.isEmpty())
            return fail(refused);
        command.lessonFile = what;
        result.command = command;
        return result;
    }
    if (source == Source::TraceFile) {
        // A trace file: its run is what it holds, nothing to choose.
        if (!positional.isEmpty())
            return fail(QStringLiteral("%1: a trace file takes no arguments, got '%2'").arg(verb, positional.constFirst()));
        if (parser.isSet(seedOption))
            return fail(QStringLiteral("--seed does not apply to a trace file, which holds its run"));
        if (QString refused = refuseProgramOptions(QStringLiteral("a trace file, which holds its run")); !refused.isEmpty())
            return fail(refused);
        command.traceFile = what;
    } else if (source == Source::Script) {
        if (QString refused = refuseProgramOptions(what + QStringLiteral(" (its own options go after the file)")); !refused.isEmpty())
            return fail(refused);
        request = sim::RunRequest::forScript(scriptOf(what, split.script.value_or(QStringList())));
        if (!positional.isEmpty()) // only when the file was not found as such (cannot happen)
            return fail(QStringLiteral("%1: unexpected '%2'").arg(verb, positional.constFirst()));
    } else {
        const sim::Program* program = sim::findProgram(what.toStdString());
        if (!program)
            return fail(QStringLiteral("unknown program '%1' (expected %2)").arg(what, expected));
        request = sim::RunRequest::defaultsFor(*program);
        for (const ProgramOption& option : options) {
            if (!parser.isSet(option.option))
                continue;
            const QString flag = option.option.names().constFirst();
            const auto index = program->parameterIndex(flag.toStdString());
            if (!index)
                return fail(QStringLiteral("-%1 applies to %2 only").arg(flag, option.programs.join(QStringLiteral(", "))));
            const auto values = sim::parseParameter(program->parameters[*index], parser.value(option.option).toStdString(), request.limits);
            if (const auto* why = std::get_if<std::string>(&values))
                return fail(QString::fromStdString(*why));
            request.arguments[*index] = std::get<std::vector<sim::PyInt>>(values);
        }
        const auto listIndex = std::find_if(program->parameters.begin(), program->parameters.end(),
            [](const sim::ProgramParameter& p) { return p.shape == sim::ProgramParameter::Shape::Integers; });
        if (listIndex == program->parameters.end()) {
            if (!positional.isEmpty()) {
                QStringList flags;
                for (const sim::ProgramParameter& parameter : program->parameters)
                    flags << QLatin1Char('-') + qtext(parameter.shortFlag);
                return fail(QStringLiteral("%1 takes no arguments, got '%2' (use %3)")
                                .arg(qtext(program->name), positional.constFirst(), flags.join(QStringLiteral(" and "))));
            }
        } else {
            auto& values = request.arguments[std::size_t(listIndex - program->parameters.begin())];
            const bool rawTail = raw && !positional.isEmpty() && positional.constLast() == placeholder;
            values.reserve(std::size_t(positional.size()) + (rawTail ? raw->words.size() : 0));
            // Word by word, as the script's int(): "1,2,3" or "" are refused as Python refuses them.
            auto parseWord = [&](const QString& word) -> QString {
                auto value = sim::parseArgumentWord(*listIndex, word.toStdString());
                if (auto* why = std::get_if<std::string>(&value))
                    return QString::fromStdString(*why);
                values.push_back(std::get<sim::PyInt>(std::move(value)));
                return {};
            };
            for (qsizetype i = 0; i < positional.size() - (rawTail ? 1 : 0); ++i) {
                if (QString why = parseWord(positional[i]); !why.isEmpty())
                    return fail(why);
            }
            if (rawTail) {
                raw->used = true;
                for (const char* word : raw->words) {
                    if (auto value = sim::PyInt::parse(word))
                        values.push_back(std::move(*value));
                    else if (QString why = parseWord(QString::fromLocal8Bit(word)); !why.isEmpty())
                        return fail(why); // the message quotes the word as a QString shows it
                }
            }
        }
        if (auto invalid = request.validate())
            return fail(QString::fromStdString(invalid->message));
    }
    if (source != Source::TraceFile && parser.isSet(seedOption)) {
        const auto seed = sim::parseSeed(parser.value(seedOption).toStdString());
        if (const auto* why = std::get_if<std::string>(&seed))
            return fail(QString::fromStdString(*why));
        request.seed = std::get<sim::PyInt>(seed);
    }

    if (command.kind == Command::Kind::Record) {
        if (!parser.isSet(outputOption) || parser.value(outputOption).isEmpty())
            return fail(QStringLiteral("record: missing -o FILE.jsonl"));
        command.outputPath = parser.value(outputOption);
        if (!ui::isTraceFileName(command.outputPath))
            return fail(QStringLiteral("-o: record writes a trace file: '%1' does not end in .jsonl").arg(command.outputPath));
        for (const auto& option : pictureOptions) {
            if (parser.isSet(option))
                return fail(QStringLiteral("--%1 applies to export only").arg(option.names().constFirst()));
        }
    } else if (command.kind == Command::Kind::Export) {
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
        if (parser.isSet(compareOption)) {
            if (command.exportChoices.storyboard || command.exportChoices.upTo || command.exportChoices.range)
                return fail(QStringLiteral("--compare draws both whole runs: it takes no --storyboard, --range or --upto"));
            const QStringList words = parser.value(compareOption).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            const ParsedCommandLine other = parseCommandLine(QStringList { arguments.constFirst(), QStringLiteral("print") } + words);
            if (!other.command)
                return fail(QStringLiteral("--compare: %1").arg(other.error));
            command.comparedWith.push_back(*other.command);
        }
    } else {
        if (parser.isSet(outputOption))
            return fail(QStringLiteral("-o applies to export only"));
        for (const auto& option : pictureOptions) {
            if (parser.isSet(option))
                return fail(QStringLiteral("--%1 applies to export only").arg(option.names().constFirst()));
        }
    }
    result.command = std::move(command);
    return result;
}
} // namespace

ParsedCommandLine parseCommandLine(const QStringList& arguments) { return parse(arguments, nullptr); }

ParsedCommandLine parseCommandLine(int argc, const char* const* argv)
{
    QStringList arguments;
    const auto separator
        = std::find_if(argv, argv + argc, [](const char* word) { return std::strcmp(word, "--") == 0; });
    const qsizetype head = separator == argv + argc ? argc : separator - argv + 1;
    arguments.reserve(head + 1);
    for (qsizetype i = 0; i < head; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (head < argc) {
        RawIntegers raw { std::span<char* const>(const_cast<char* const*>(argv) + head, std::size_t(argc - head)) };
        ParsedCommandLine parsed = parse(arguments + QStringList { placeholder }, &raw);
        if (raw.used)
            return parsed;
        // Anything else (`--` as an option's value, a Python program's arguments, an error
        // before the integers): the words as QStrings, exactly as always.
        for (qsizetype i = head; i < argc; ++i)
            arguments << QString::fromLocal8Bit(argv[i]);
    }
    return parse(arguments, nullptr);
}
