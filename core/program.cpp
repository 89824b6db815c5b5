// SPDX-License-Identifier: MIT
#include "program.h"

#include <algorithm>

namespace sim {

namespace {
    bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

    // Words separated by white space, as a shell splits an argument list.
    std::vector<std::string_view> words(std::string_view text)
    {
        std::vector<std::string_view> result;
        std::size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && isSpace(text[i]))
                ++i;
            const std::size_t start = i;
            while (i < text.size() && !isSpace(text[i]))
                ++i;
            if (i > start)
                result.push_back(text.substr(start, i - start));
        }
        return result;
    }

    // The typed text as a message quotes it: a 4000-digit number would not fit a status bar.
    std::string quoted(std::string_view text)
    {
        if (text.size() > 24)
            return "'" + std::string(text.substr(0, 20)) + "\u2026'";
        return "'" + std::string(text) + "'";
    }

    std::vector<const Program*>& registry()
    {
        static std::vector<const Program*> list = builtinPrograms();
        return list;
    }
}

std::string ProgramParameter::messageName() const
{
    if (shape == Shape::Integers)
        return "argument";
    return (shortFlag.empty() ? "--" + std::string(longFlag) : "-" + std::string(shortFlag));
}

ProgramArguments Program::defaults() const
{
    ProgramArguments values;
    for (const ProgramParameter& parameter : parameters) {
        if (parameter.shape == ProgramParameter::Shape::Integers) {
            values.emplace_back();
            continue;
        }
        auto parsed = parseParameter(parameter, parameter.defaultText);
        values.push_back(std::get<std::vector<PyInt>>(parsed));
    }
    return values;
}

std::vector<std::string> Program::argv(const ProgramArguments& arguments) const
{
    std::vector<std::string> result;
    for (std::size_t i = 0; i < parameters.size() && i < arguments.size(); ++i) {
        const ProgramParameter& parameter = parameters[i];
        if (parameter.shape == ProgramParameter::Shape::Integer) {
            result.push_back(parameter.messageName());
            result.push_back(arguments[i].empty() ? std::string(parameter.defaultText) : arguments[i].front().decimal());
            continue;
        }
        if (arguments[i].empty()) {
            for (std::string_view word : words(parameter.defaultText))
                result.emplace_back(word);
        }
        for (const PyInt& value : arguments[i])
            result.push_back(value.decimal());
    }
    return result;
}

std::optional<std::size_t> Program::parameterIndex(std::string_view keyOrFlag) const
{
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const ProgramParameter& parameter = parameters[i];
        if (parameter.key == keyOrFlag
            || (!keyOrFlag.empty() && (parameter.shortFlag == keyOrFlag || parameter.longFlag == keyOrFlag)))
            return i;
    }
    return std::nullopt;
}

std::variant<std::vector<PyInt>, std::string> parseParameter(
    const ProgramParameter& parameter, std::string_view text, const Limits& limits)
{
    const std::string name = parameter.messageName();
    const std::vector<std::string_view> typed = words(text);
    if (parameter.shape == ProgramParameter::Shape::Integer && typed.size() != 1)
        return name + ": " + (typed.empty() ? std::string("is empty: type an integer") : quoted(text) + " is not one integer");
    std::vector<PyInt> values;
    values.reserve(typed.size());
    for (std::string_view word : typed) {
        std::string why;
        auto value = PyInt::parse(word, &why);
        if (!value)
            return name + ": " + quoted(word) + " " + why;
        values.push_back(std::move(*value));
    }
    if (parameter.countsTasks) {
        const std::uint32_t limit = limits.maxTasks - 1;
        const auto count = values.front().toInt64();
        if (!count || *count > std::int64_t(limit))
            return name + ": " + quoted(typed.front()) + " is more than the limit of " + std::to_string(limit) + " tasks";
    }
    return values;
}

std::variant<PyInt, std::string> parseArgumentWord(const ProgramParameter& parameter, std::string_view word)
{
    std::string why;
    if (auto value = PyInt::parse(word, &why))
        return std::move(*value);
    return parameter.messageName() + ": " + quoted(word) + " " + why;
}

std::variant<PyInt, std::string> parseSeed(std::string_view text)
{
    std::string why;
    if (auto seed = PyInt::parse(text, &why))
        return *seed;
    return "--seed: " + quoted(text) + " " + why;
}

const std::vector<const Program*>& programs() { return registry(); }

const Program* findProgram(std::string_view name)
{
    for (const Program* program : registry()) {
        if (program->name == name)
            return program;
    }
    return nullptr;
}

void registerProgram(const Program& program)
{
    auto& list = registry();
    if (std::find(list.begin(), list.end(), &program) == list.end())
        list.push_back(&program);
}

const Program& defaultProgram() { return *registry().front(); }

} // namespace sim
