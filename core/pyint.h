// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// An integer of any size and sign, parsed the way Python's int(str) parses decimal text.
// Loopscope never does arithmetic on it: it only needs the canonical decimal form (what
// Python prints), the 32-bit words of its magnitude (what random.seed feeds to MT19937)
// and, where it fits, a machine integer.
class PyInt {
public:
    // Python's default limit on int(str) (sys.get_int_max_str_digits() in 3.11).
    static constexpr std::size_t maxDigits = 4300;

    // Parses like int(text): surrounding whitespace, an optional sign, ASCII digits with
    // single underscores between them. Returns nothing and sets *error (a short reason,
    // e.g. "not a decimal integer") when Python would raise ValueError.
    static std::optional<PyInt> parse(std::string_view text, std::string* error = nullptr);
    static PyInt fromInt64(std::int64_t value);

    bool isNegative() const { return m_negative; }
    bool isZero() const { return m_decimal == "0"; }
    // Canonical decimal text, as str(int) prints it: "-12", "0", "4000000000000000000000".
    const std::string& decimal() const { return m_decimal; }
    // abs(value) as 32-bit words, least significant first; zero gives {0}.
    const std::vector<std::uint32_t>& magnitudeWords() const { return m_words; }
    // The value as int64, or nothing when it does not fit.
    std::optional<std::int64_t> toInt64() const;

private:
    bool m_negative = false;
    std::string m_decimal = "0";
    std::vector<std::uint32_t> m_words { 0 };
};

} // namespace sim
