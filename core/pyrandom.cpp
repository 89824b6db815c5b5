// SPDX-License-Identifier: MIT
#include "pyrandom.h"

#include <bit>
#include <cassert>

namespace sim {

namespace {
    constexpr std::uint32_t matrixA = 0x9908b0dfu;
    constexpr std::uint32_t upperMask = 0x80000000u;
    constexpr std::uint32_t lowerMask = 0x7fffffffu;
}

void PyRandom::seedWords(std::span<const std::uint32_t> key)
{
    // init_genrand(19650218), then init_by_array, as in Modules/_randommodule.c.
    m_state[0] = 19650218u;
    for (int i = 1; i < stateSize; ++i)
        m_state[i] = 1812433253u * (m_state[i - 1] ^ (m_state[i - 1] >> 30)) + std::uint32_t(i);

    const std::size_t keyLength = key.empty() ? 1 : key.size();
    auto keyAt = [&](std::size_t j) { return key.empty() ? 0u : key[j]; };
    std::size_t i = 1, j = 0;
    for (std::size_t k = std::max<std::size_t>(stateSize, keyLength); k > 0; --k) {
        m_state[i] = (m_state[i] ^ ((m_state[i - 1] ^ (m_state[i - 1] >> 30)) * 1664525u)) + keyAt(j) + std::uint32_t(j);
        ++i;
        ++j;
        if (i >= stateSize) {
            m_state[0] = m_state[stateSize - 1];
            i = 1;
        }
        if (j >= keyLength)
            j = 0;
    }
    for (std::size_t k = stateSize - 1; k > 0; --k) {
        m_state[i] = (m_state[i] ^ ((m_state[i - 1] ^ (m_state[i - 1] >> 30)) * 1566083941u)) - std::uint32_t(i);
        ++i;
        if (i >= stateSize) {
            m_state[0] = m_state[stateSize - 1];
            i = 1;
        }
    }
    m_state[0] = 0x80000000u; // MSB is 1, assuring a non-zero initial array
    m_index = stateSize;
    m_draws = 0;
}

void PyRandom::twist()
{
    constexpr int m = 397;
    for (int k = 0; k < stateSize; ++k) {
        const std::uint32_t y = (m_state[k] & upperMask) | (m_state[(k + 1) % stateSize] & lowerMask);
        m_state[k] = m_state[(k + m) % stateSize] ^ (y >> 1) ^ ((y & 1u) ? matrixA : 0u);
    }
    m_index = 0;
}

std::uint32_t PyRandom::nextUint32()
{
    if (m_index >= stateSize)
        twist();
    std::uint32_t y = m_state[m_index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    ++m_draws;
    return y;
}

std::uint64_t PyRandom::getrandbits(int k)
{
    assert(k >= 0 && k <= 64);
    if (k == 0)
        return 0;
    if (k <= 32)
        return nextUint32() >> (32 - k);
    // Larger k: 32-bit words least significant first, the last one truncated from the top,
    // as _random_Random_getrandbits_impl fills its little-endian word array.
    const std::uint64_t low = nextUint32();
    const std::uint64_t high = nextUint32() >> (64 - k);
    return low | (high << 32);
}

std::uint64_t PyRandom::randbelow(std::uint64_t n)
{
    assert(n >= 1);
    const int k = std::bit_width(n);
    std::uint64_t r = getrandbits(k);
    while (r >= n)
        r = getrandbits(k);
    return r;
}

std::int64_t PyRandom::randint(std::int64_t a, std::int64_t b)
{
    assert(a <= b);
    const std::uint64_t width = std::uint64_t(b) - std::uint64_t(a) + 1u;
    return std::int64_t(std::uint64_t(a) + randbelow(width));
}

double PyRandom::random()
{
    const std::uint32_t a = nextUint32() >> 5;
    const std::uint32_t b = nextUint32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

} // namespace sim
