// SPDX-License-Identifier: MIT
#pragma once

#include "pyint.h"

#include <cstdint>
#include <string>

namespace sim {

// Stands in for os.urandom in asyncq's makeitem(): a deterministic byte stream derived from
// the seed (SplitMix64), separate from PyRandom so the random draws stay Python's own.
class ItemStream {
public:
    explicit ItemStream(const PyInt& seed);
    // os.urandom(size).hex(): 2 * size lowercase hex digits.
    std::string hexItem(int size = 5);

private:
    std::uint64_t next();
    std::uint64_t m_state;
};

} // namespace sim
