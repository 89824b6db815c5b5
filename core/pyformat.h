// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace sim {

// f"{value:0.{decimals}f}": glibc's printf rounds the exact binary value, as Python does.
inline std::string formatFixed(double value, int decimals)
{
    char buffer[64];
    const int length = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return std::string(buffer, std::size_t(length));
}

// str(int).
inline std::string formatInt(std::int64_t value) { return std::to_string(value); }

} // namespace sim
