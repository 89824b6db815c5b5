// SPDX-License-Identifier: MIT
#include "jsonline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QVariant>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ui::tracefile {

namespace {
    bool isAscii(std::string_view text)
    {
        return std::all_of(text.begin(), text.end(), [](char c) { return (unsigned char)c < 0x80; });
    }

    char16_t codeUnit(QChar c) { return c.unicode(); }
    char16_t codeUnit(char c) { return char16_t((unsigned char)c); }

    // Keys are ASCII: the schema's names.
    bool sameKey(std::string_view stored, QAnyStringView key)
    {
        return key.visit([stored](auto view) {
            if (std::size_t(view.size()) != stored.size())
                return false;
            for (std::size_t i = 0; i < stored.size(); ++i) {
                if (codeUnit(view.data()[i]) != char16_t((unsigned char)stored[i]))
                    return false;
            }
            return true;
        });
    }

    const JsonScalar undefined {};
}

QString JsonScalar::describe() const
{
    switch (type) {
    case Type::Undefined:
        return {};
    case Type::Null:
        return QJsonValue(QJsonValue::Null).toVariant().toString();
    case Type::Bool:
        return QJsonValue(boolean).toVariant().toString();
    case Type::Integer:
        return QJsonValue(qint64(integer)).toVariant().toString();
    case Type::Double:
        return QJsonValue(number).toVariant().toString();
    case Type::String:
        return toString();
    case Type::Other:
        return {}; // as QVariant gives a list or a map: no text
    }
    return {};
}

void appendJsonString(std::string& out, std::string_view utf8)
{
    // Non-ASCII text goes through QString as QJsonDocument takes it (invalid UTF-8 becomes
    // U+FFFD); ASCII, nearly every line, is escaped as it is.
    QByteArray converted;
    if (!isAscii(utf8)) {
        converted = QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).toUtf8();
        utf8 = std::string_view(converted.constData(), std::size_t(converted.size()));
    }
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    // The characters that need no escape are appended a run at a time: one append per
    // string rather than one per character.
    std::size_t plain = 0; // where the run not yet appended starts
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        const auto u = (unsigned char)c;
        if (u >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.data() + plain, i - plain);
        plain = i + 1;
        out += '\\';
        switch (c) {
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case '\b':
            out += 'b';
            break;
        case '\f':
            out += 'f';
            break;
        case '\n':
            out += 'n';
            break;
        case '\r':
            out += 'r';
            break;
        case '\t':
            out += 't';
            break;
        default:
            out += "u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        }
    }
    out.append(utf8.data() + plain, utf8.size() - plain);
    out += '"';
}

JsonScalar& JsonLineWriter::operator[](std::string_view key)
{
    // Appended, not looked up (finding the key among the line's others was a fifth of writing
    // a trace file): appendTo() keeps the last value given to each key.
    return m_members.emplace_back(key, JsonScalar {}).second;
}

void JsonLineWriter::appendNumber(std::string& out, double value)
{
    if (!std::isfinite(value)) {
        out += "null"; // as QJsonDocument writes them (RFC 4627 has no infinity)
        return;
    }
    if (value != m_lastNumber || std::signbit(value) != std::signbit(m_lastNumber)) {
        m_lastNumber = value;
        // QJsonValue keeps a whole number that a double holds exactly (up to 2^53) as an
        // integer, and writes any other as the shortest text that reads back the same.
        constexpr double exact = 9007199254740992.0;
        if (std::trunc(value) == value && value >= -exact && value <= exact) {
            m_lastNumberText = std::to_string(std::int64_t(value));
        } else {
            const QByteArray text = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
            m_lastNumberText.assign(text.constData(), std::size_t(text.size()));
        }
    }
    out += m_lastNumberText;
}

void JsonLineWriter::appendTo(std::string& out)
{
    // Sorted by key, stably, so that a key set more than once has its values in the order
    // given; an insertion sort, as a line has about ten members.
    for (std::size_t i = 1; i < m_members.size(); ++i) {
        for (std::size_t j = i; j > 0 && m_members[j].first < m_members[j - 1].first; --j)
            std::swap(m_members[j], m_members[j - 1]);
    }
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        const auto& [key, value] = m_members[i];
        if (i + 1 < m_members.size() && m_members[i + 1].first == key)
            continue; // set again: the last value counts, as QJsonObject keeps it
        if (value.isUndefined())
            continue;
        if (!first)
            out += ',';
        first = false;
        out += '"'; // a key is the schema's name: plain ASCII, nothing to escape
        out += key;
        out += "\":";
        switch (value.type) {
        case JsonScalar::Type::Null:
        case JsonScalar::Type::Undefined:
        case JsonScalar::Type::Other:
            out += "null";
            break;
        case JsonScalar::Type::Bool:
            out += value.boolean ? "true" : "false";
            break;
        case JsonScalar::Type::Integer: {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, value.integer).ptr;
            out.append(digits, end);
            break;
        }
        case JsonScalar::Type::Double:
            appendNumber(out, value.number);
            break;
        case JsonScalar::Type::String:
            appendJsonString(out, value.text);
            break;
        }
    }
    out += '}';
    m_members.clear();
}

const JsonScalar& JsonLine::value(QAnyStringView key) const
{
    for (const auto& [name, value] : m_members) {
        if (sameKey(name, key))
            return value;
    }
    return undefined;
}

bool JsonLine::parse(std::string_view line, QString* error)
{
    if (parseQuickly(line))
        return true;
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), qsizetype(line.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON (%1 at column %2)").arg(parseError.errorString()).arg(parseError.offset + 1);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return false;
    }
    takeFrom(document.object());
    return true;
}

void JsonLine::takeFrom(const QJsonObject& object)
{
    m_members.clear();
    m_slowText.clear();
    m_slowText.reserve(std::size_t(object.size()) * 2);
    for (auto member = object.begin(); member != object.end(); ++member) {
        const std::string_view key = m_slowText.emplace_back(member.key().toStdString());
        const QJsonValue value = member.value();
        JsonScalar scalar;
        switch (value.type()) {
        case QJsonValue::Null:
            scalar = JsonScalar::null();
            break;
        case QJsonValue::Bool:
            scalar = JsonScalar::of(value.toBool());
            break;
        case QJsonValue::Double:
            // Qt keeps a number written as an integer as one; toDouble() reads both alike.
            scalar = value.toVariant().typeId() == QMetaType::LongLong ? JsonScalar::of(std::int64_t(value.toInteger()))
                                                                       : JsonScalar::of(value.toDouble());
            break;
        case QJsonValue::String:
            scalar = JsonScalar::of(std::string_view(m_slowText.emplace_back(value.toString().toStdString())));
            break;
        default:
            scalar.type = JsonScalar::Type::Other;
        }
        m_members.emplace_back(key, std::move(scalar));
    }
}

// The quick parser takes only what the writer writes: one flat object, no whitespace, ASCII
// strings, numbers as JSON spells them, each key once. Anything else (valid or not) is left
// to QJsonDocument, whose reading and messages stay the reference.
bool JsonLine::parseQuickly(std::string_view line)
{
    m_members.clear();
    m_text.clear();
    m_text.reserve(line.size());
    std::size_t at = 0;
    auto peek = [&]() { return at < line.size() ? line[at] : '\0'; };
    auto string = [&](std::string_view& out) {
        if (peek() != '"')
            return false;
        ++at;
        // Most strings have no escape: a view of the line itself.
        std::size_t end = at;
        while (end < line.size() && line[end] != '"' && line[end] != '\\' && (unsigned char)line[end] >= 0x20
            && (unsigned char)line[end] < 0x80)
            ++end;
        if (end < line.size() && line[end] == '"') {
            out = line.substr(at, end - at);
            at = end + 1;
            return true;
        }
        const std::size_t start = m_text.size();
        for (;;) {
            if (at >= line.size())
                return false;
            const auto c = (unsigned char)line[at++];
            if (c == '"')
                break;
            if (c < 0x20 || c >= 0x80)
                return false;
            if (c != '\\') {
                m_text += char(c);
                continue;
            }
            if (at >= line.size())
                return false;
            switch (line[at++]) {
            case '"':
                m_text += '"';
                break;
            case '\\':
                m_text += '\\';
                break;
            case '/':
                m_text += '/';
                break;
            case 'b':
                m_text += '\b';
                break;
            case 'f':
                m_text += '\f';
                break;
            case 'n':
                m_text += '\n';
                break;
            case 'r':
                m_text += '\r';
                break;
            case 't':
                m_text += '\t';
                break;
            default:
                return false; // \u and anything else: Qt's
            }
        }
        out = std::string_view(m_text).substr(start);
        return true;
    };
    auto number = [&](JsonScalar& out) {
        const std::size_t start = at;
        bool integer = true;
        if (peek() == '-')
            ++at;
        if (peek() == '0')
            ++at;
        else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9')
                ++at;
        } else
            return false;
        if (peek() == '.') {
            integer = false;
            ++at;
            if (!(peek() >= '0' && peek() <= '9'))
                return false;
            while (peek() >= '0' && peek() <= '9')
                ++at;
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            ++at;
            if (peek() == '+' || peek() == '-')
                ++at;
            if (!(peek() >= '0' && peek() <= '9'))
                return false;
            while (peek() >= '0' && peek() <= '9')
                ++at;
        }
        const char* first = line.data() + start;
        const char* last = line.data() + at;
        if (integer && at - start <= 18) {
            std::int64_t value = 0;
            if (std::from_chars(first, last, value).ptr != last)
                return false;
            out = JsonScalar::of(value);
            return true;
        }
        if (integer)
            return false; // beyond 18 digits: Qt decides between integer and double
        double value = 0;
        const auto [end, problem] = std::from_chars(first, last, value);
        if (end != last || problem != std::errc() || !std::isfinite(value))
            return false;
        out = JsonScalar::of(value);
        return true;
    };
    auto literal = [&](std::string_view word) {
        if (line.substr(at, word.size()) != word)
            return false;
        at += word.size();
        return true;
    };

    if (peek() != '{')
        return false;
    ++at;
    if (peek() == '}')
        return at + 1 == line.size();
    for (;;) {
        std::string_view key;
        if (!string(key) || peek() != ':')
            return false;
        ++at;
        JsonScalar value;
        const char c = peek();
        if (c == '"') {
            std::string_view text;
            if (!string(text))
                return false;
            value = JsonScalar::of(text);
        } else if (c == 't' || c == 'f') {
            if (!literal(c == 't' ? "true" : "false"))
                return false;
            value = JsonScalar::of(c == 't');
        } else if (c == 'n') {
            if (!literal("null"))
                return false;
            value = JsonScalar::null();
        } else if (!number(value)) {
            return false;
        }
        for (const auto& member : m_members) {
            if (member.first == key)
                return false; // a key twice: Qt's rule
        }
        m_members.emplace_back(key, value);
        if (peek() == ',') {
            ++at;
            continue;
        }
        if (peek() != '}')
            return false;
        return at + 1 == line.size();
    }
}

} // namespace ui::tracefile
