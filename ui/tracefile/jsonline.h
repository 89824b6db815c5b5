// SPDX-License-Identifier: MIT
#pragma once

#include <QAnyStringView>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

class QJsonObject;

namespace ui::tracefile {

// One flat JSON object per line, the trace file's events, without a QJsonObject each: a
// 2.6-million-event trace is written and read in seconds rather than tens of them. The
// bytes are exactly QJsonDocument's compact form (keys sorted, the same numbers and
// escapes: tst_tracefile compares them), and what is read means exactly what
// QJsonDocument reads (anything the quick parser does not take goes through Qt's).

// A scalar of a line: what the trace file's events hold.
struct JsonScalar {
    // Other: an array or an object, which no event field is (read through Qt only).
    enum class Type : std::uint8_t { Undefined, Null, Bool, Integer, Double, String, Other };
    Type type = Type::Undefined;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    std::string_view text; // UTF-8, escapes decoded

    static JsonScalar ofType(Type type)
    {
        JsonScalar scalar;
        scalar.type = type;
        return scalar;
    }
    static JsonScalar null() { return ofType(Type::Null); }
    static JsonScalar of(bool value)
    {
        JsonScalar scalar = ofType(Type::Bool);
        scalar.boolean = value;
        return scalar;
    }
    static JsonScalar of(std::int64_t value)
    {
        JsonScalar scalar = ofType(Type::Integer);
        scalar.integer = value;
        return scalar;
    }
    static JsonScalar of(int value) { return of(std::int64_t(value)); }
    static JsonScalar of(double value)
    {
        JsonScalar scalar = ofType(Type::Double);
        scalar.number = value;
        return scalar;
    }
    static JsonScalar of(std::string_view utf8)
    {
        JsonScalar scalar = ofType(Type::String);
        scalar.text = utf8;
        return scalar;
    }

    // As QJsonValue answers (a number is a double, whether written as an integer or not).
    bool isUndefined() const { return type == Type::Undefined; }
    bool isNull() const { return type == Type::Null; }
    bool isBool() const { return type == Type::Bool; }
    bool isDouble() const { return type == Type::Integer || type == Type::Double; }
    bool isString() const { return type == Type::String; }
    bool toBool() const { return isBool() && boolean; }
    double toDouble(double otherwise = 0) const
    {
        return type == Type::Integer ? double(integer) : type == Type::Double ? number : otherwise;
    }
    std::string_view utf8() const { return isString() ? text : std::string_view(); }
    QString toString() const { return QString::fromUtf8(utf8().data(), qsizetype(utf8().size())); }
    // For messages: the value as QJsonValue::toVariant().toString() gives it.
    QString describe() const;
};

// A line being written: set() in any order, then appendTo() writes `{"key":value,...}` with
// the keys sorted, as QJsonObject does. Keys are string literals (they must outlive it) of
// plain ASCII letters, digits and underscores: they are written as they are, unescaped.
class JsonLineWriter {
public:
    // A new slot for `key`'s value, to assign to (it does not read a value set before: a key
    // set again keeps the last value given).
    JsonScalar& operator[](std::string_view key);
    void clear() { m_members.clear(); }
    void appendTo(std::string& out);

private:
    void appendNumber(std::string& out, double value);
    std::vector<std::pair<std::string_view, JsonScalar>> m_members;
    double m_lastNumber = 0; // the clock repeats on thousands of lines: formatted once
    std::string m_lastNumberText = "0";
};

// A line read: parse() a line (the quick way, else through QJsonDocument, giving its error).
class JsonLine {
public:
    // False and *error (QJsonDocument's message and column) when the line is not a JSON object.
    // The values may refer to `line`: keep it until the next parse().
    bool parse(std::string_view line, QString* error);
    // The member `key`, Undefined when there is none.
    const JsonScalar& value(QAnyStringView key) const;
    bool contains(QAnyStringView key) const { return !value(key).isUndefined(); }

private:
    bool parseQuickly(std::string_view line);
    void takeFrom(const QJsonObject& object);
    std::vector<std::pair<std::string_view, JsonScalar>> m_members;
    std::string m_text; // strings with escapes, decoded; reserved to the line's size so views stay valid
    std::vector<std::string> m_slowText; // what a line read through Qt holds
};

// JSON's string escapes, as QJsonDocument writes them (UTF-8 kept as it is).
void appendJsonString(std::string& out, std::string_view utf8);

} // namespace ui::tracefile
