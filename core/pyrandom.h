// SPDX-License-Identifier: MIT
#pragma once

#include "pyint.h"

#include <array>
#include <cstdint>
#include <span>

namespace sim {

// CPython's `random` module, bit for bit: MT19937 seeded with init_by_array from the
// 32-bit words of abs(seed), getrandbits / randbelow / randint / random exactly as
// Lib/random.py and Modules/_randommodule.c compute them. (std::mt19937's seeding and the
// std distributions draw different numbers.)
class PyRandom {
public:
    explicit PyRandom(const PyInt& initialSeed = PyInt::fromInt64(0)) { seed(initialSeed); }

    // random.seed(n) for an int n: uses abs(n).
    void seed(const PyInt& value) { seedWords(value.magnitudeWords()); }
    // MT19937 init_by_array with the given key (least significant word first).
    void seedWords(std::span<const std::uint32_t> key);

    // One raw 32-bit output of the generator.
    std::uint32_t nextUint32();
    // random.getrandbits(k) for 0 <= k <= 64.
    std::uint64_t getrandbits(int k);
    // random._randbelow(n) for n >= 1: rejection sampling on n.bit_length() bits.
    std::uint64_t randbelow(std::uint64_t n);
    // random.randint(a, b) for a <= b (b - a must fit in 63 bits).
    std::int64_t randint(std::int64_t a, std::int64_t b);
    // random.random(): 53-bit float in [0, 1).
    double random();

    // How many raw 32-bit outputs have been drawn since seeding (for tests and the trace).
    std::uint64_t drawCount() const { return m_draws; }

private:
    void twist();

    static constexpr int stateSize = 624;
    std::array<std::uint32_t, stateSize> m_state {};
    int m_index = stateSize;
    std::uint64_t m_draws = 0;
};

} // namespace sim
