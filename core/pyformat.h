// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace sim {

// The most characters writeFixed writes: DBL_MAX has 309 integer digits.
constexpr std::size_t maxFixedLength(int decimals) { return 1 + 309 + 1 + std::size_t(decimals); }

// f"{value:0.{decimals}f}" written at `out` (room for maxFixedLength(decimals) characters);
// returns the end. The digits are those of the exact binary value, rounded as printf("%.*f")
// and Python round them (std::to_chars with a precision guarantees it).
inline char* writeFixed(char* out, double value, int decimals)
{
    // Virtual times are mostly whole seconds: their exact expansion is the integer and zeros,
    // which is much cheaper to write than to derive. (-0.0 takes the general path: "-0.00".)
    if (value > -9.0e15 && value < 9.0e15) {
        const auto whole = std::int64_t(value);
        if (double(whole) == value && !(whole == 0 && std::signbit(value))) {
            out = std::to_chars(out, out + 20, whole).ptr;
            if (decimals > 0) {
                *out++ = '.';
                std::memset(out, '0', std::size_t(decimals));
                out += decimals;
            }
            return out;
        }
    }
    return std::to_chars(out, out + maxFixedLength(decimals), value, std::chars_format::fixed, decimals).ptr;
}

// f"{value:0.{decimals}f}".
inline std::string formatFixed(double value, int decimals)
{
    assert(decimals >= 0 && decimals <= 60);
    char buffer[maxFixedLength(60)];
    return std::string(buffer, writeFixed(buffer, value, decimals));
}

// str(int).
inline std::string formatInt(std::int64_t value) { return std::to_string(value); }

// The template of an f-string, spelled as str.format spells it: "part1({}) sleeping for {}
// seconds." for f"part1({n}) sleeping for {i} seconds.". Only `{}` and `{:0.Nf}` (for floats)
// are understood; the scenarios need no more. It is parsed at compile time, so a template
// whose fields do not match its values does not compile, and formatting only copies.
template <std::size_t Count>
class FormatString {
public:
    template <std::size_t Length>
    consteval FormatString(const char (&text)[Length]) : m_text(text)
    {
        std::size_t field = 0;
        std::size_t start = 0;
        for (std::size_t i = 0; i + 1 < Length; ++i) {
            if (text[i] == '}')
                unsupported("a '}' outside a field");
            if (text[i] != '{')
                continue;
            if (field == Count)
                unsupported("more fields than values");
            m_literals[field] = { std::uint16_t(start), std::uint16_t(i - start) };
            std::size_t close = i + 1;
            if (text[close] == ':') { // "{:0.2f}" / "{:.5f}"
                ++close;
                if (text[close] == '0')
                    ++close;
                if (text[close] != '.')
                    unsupported("a format spec other than 0.Nf");
                int decimals = 0;
                for (++close; text[close] >= '0' && text[close] <= '9'; ++close)
                    decimals = decimals * 10 + (text[close] - '0');
                if (text[close] != 'f' || decimals > 60)
                    unsupported("a format spec other than 0.Nf");
                m_decimals[field] = std::int8_t(decimals);
                ++close;
            }
            if (text[close] != '}')
                unsupported("an unclosed field");
            ++field;
            start = close + 1;
            i = close;
        }
        if (field != Count)
            unsupported("fewer fields than values");
        m_literals[Count] = { std::uint16_t(start), std::uint16_t(Length - 1 - start) };
    }

    // The text before field `index` (index == Count: after the last field).
    std::string_view literal(std::size_t index) const
    {
        return std::string_view(m_text + m_literals[index].start, m_literals[index].length);
    }
    // Field `index`'s decimals for a float; -1 when it has no spec.
    int decimals(std::size_t index) const { return m_decimals[index]; }

private:
    // Not constexpr: reaching it makes the consteval constructor fail to compile.
    static void unsupported(const char* /*what*/) { }

    struct Span {
        std::uint16_t start = 0;
        std::uint16_t length = 0;
    };
    const char* m_text;
    std::array<Span, Count + 1> m_literals {};
    std::array<std::int8_t, Count> m_decimals = filled(-1);

    static constexpr std::array<std::int8_t, Count> filled(std::int8_t value)
    {
        std::array<std::int8_t, Count> values {};
        for (auto& v : values)
            v = value;
        return values;
    }
};

namespace detail {
    // The values an f-string formats: a str, an int (str(int)) or a float (which needs a
    // `{:0.Nf}` field). maxLength: the most characters write() writes for it.
    inline std::size_t maxLength(std::string_view text, int /*decimals*/) { return text.size(); }
    template <std::integral Integer>
        requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>)
    std::size_t maxLength(Integer, int /*decimals*/)
    {
        return 20; // "-9223372036854775808"
    }
    inline std::size_t maxLength(double, int decimals) { return maxFixedLength(decimals); }

    inline char* write(char* out, std::string_view text, int decimals)
    {
        assert(decimals < 0);
        (void)decimals;
        if (!text.empty()) // an empty string_view may have no data() for memcpy
            std::memcpy(out, text.data(), text.size());
        return out + text.size();
    }
    template <std::integral Integer>
        requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>)
    char* write(char* out, Integer value, int decimals)
    {
        assert(decimals < 0);
        (void)decimals;
        return std::to_chars(out, out + 20, value).ptr;
    }
    inline char* write(char* out, double value, int decimals)
    {
        assert(decimals >= 0 && "a float needs a {:0.Nf} field");
        return writeFixed(out, value, decimals);
    }
} // namespace detail

// An f-string: fstring("part1({}) sleeping for {} seconds.", n, i) is
// f"part1({n}) sleeping for {i} seconds.". It refers to its values, so it lives only within
// the expression that prints it. EventLoop::print formats it into a buffer it keeps, so that
// printing a line allocates nothing; the values keep their types, so that formatting each
// is a direct call.
template <typename... Values>
struct FString {
    FormatString<sizeof...(Values)> format;
    std::tuple<const Values&...> values;

    // The most characters write() writes.
    std::size_t maxLength() const
    {
        return maxLength(std::index_sequence_for<Values...> {});
    }
    // Writes the text at `out` (room for maxLength()); returns the end.
    char* write(char* out) const
    {
        out = write(out, std::index_sequence_for<Values...> {});
        return detail::write(out, format.literal(sizeof...(Values)), -1);
    }

private:
    // Field I: the text before it, then its value.
    template <std::size_t I>
    std::size_t fieldMaxLength() const
    {
        return format.literal(I).size() + detail::maxLength(std::get<I>(values), format.decimals(I));
    }
    template <std::size_t I>
    char* writeField(char* out) const
    {
        out = detail::write(out, format.literal(I), -1);
        return detail::write(out, std::get<I>(values), format.decimals(I));
    }
    template <std::size_t... I>
    std::size_t maxLength(std::index_sequence<I...>) const
    {
        return (format.literal(sizeof...(Values)).size() + ... + fieldMaxLength<I>());
    }
    template <std::size_t... I>
    char* write(char* out, std::index_sequence<I...>) const
    {
        ((out = writeField<I>(out)), ...);
        return out;
    }
};

template <typename... Values>
FString<Values...> fstring(FormatString<sizeof...(Values)> format, const Values&... values)
{
    return FString<Values...> { format, std::tuple<const Values&...>(values...) };
}

} // namespace sim
