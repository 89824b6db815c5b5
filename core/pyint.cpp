// SPDX-License-Identifier: MIT
#include "pyint.h"

#include <cctype>

namespace sim {

namespace {
    bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

    // magnitude = magnitude * 10 + digit, on little-endian 32-bit words.
    void multiplyAdd(std::vector<std::uint32_t>& words, std::uint32_t digit)
    {
        std::uint64_t carry = digit;
        for (auto& word : words) {
            const std::uint64_t value = std::uint64_t(word) * 10u + carry;
            word = std::uint32_t(value);
            carry = value >> 32;
        }
        if (carry != 0)
            words.push_back(std::uint32_t(carry));
    }
}

std::optional<PyInt> PyInt::parse(std::string_view text, std::string* error)
{
    auto fail = [error](const char* why) -> std::optional<PyInt> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    if (text.empty())
        return fail("is not a decimal integer (empty)");

    PyInt result;
    if (text.front() == '+' || text.front() == '-') {
        result.m_negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::string digits;
    digits.reserve(text.size());
    bool previousWasDigit = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            previousWasDigit = true;
        } else if (c == '_' && previousWasDigit) {
            previousWasDigit = false; // a second underscore in a row, or a trailing one, fails below
        } else {
            return fail("is not a decimal integer");
        }
    }
    if (digits.empty() || !previousWasDigit)
        return fail("is not a decimal integer");
    if (digits.size() > maxDigits)
        return fail("has more than 4300 digits (Python's limit for int())");

    const auto firstNonZero = digits.find_first_not_of('0');
    digits.erase(0, firstNonZero == std::string::npos ? digits.size() - 1 : firstNonZero);
    if (digits == "0")
        result.m_negative = false;
    result.m_decimal = (result.m_negative ? "-" : "") + digits;

    result.m_words.assign(1, 0);
    for (char c : digits)
        multiplyAdd(result.m_words, std::uint32_t(c - '0'));
    return result;
}

PyInt PyInt::fromInt64(std::int64_t value)
{
    return *parse(std::to_string(value));
}

std::optional<std::int64_t> PyInt::toInt64() const
{
    if (m_words.size() > 2)
        return std::nullopt;
    const std::uint64_t magnitude = m_words[0] | (m_words.size() > 1 ? std::uint64_t(m_words[1]) << 32 : 0);
    if (!m_negative) {
        if (magnitude > std::uint64_t(INT64_MAX))
            return std::nullopt;
        return std::int64_t(magnitude);
    }
    if (magnitude > std::uint64_t(INT64_MAX) + 1)
        return std::nullopt;
    return magnitude == std::uint64_t(INT64_MAX) + 1 ? INT64_MIN : -std::int64_t(magnitude);
}

} // namespace sim
