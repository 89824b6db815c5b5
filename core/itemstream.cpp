// SPDX-License-Identifier: MIT
#include "itemstream.h"

namespace sim {

ItemStream::ItemStream(const PyInt& seed)
{
    // FNV-1a over the canonical decimal text: any seed, any size, gives its own stream.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (char c : seed.decimal()) {
        hash ^= std::uint8_t(c);
        hash *= 0x100000001b3ull;
    }
    m_state = hash;
}

std::uint64_t ItemStream::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

std::string ItemStream::hexItem(int size)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(std::size_t(size) * 2);
    std::uint64_t bits = 0;
    int available = 0;
    for (int i = 0; i < size; ++i) {
        if (available == 0) {
            bits = next();
            available = 8;
        }
        const auto byte = std::uint8_t(bits);
        bits >>= 8;
        --available;
        text.push_back(digits[byte >> 4]);
        text.push_back(digits[byte & 15]);
    }
    return text;
}

} // namespace sim
