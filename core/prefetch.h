// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace sim {

// Cache-line prefetch hints. Large runs are bound by memory latency (see
// EventLoop::prefetchTargets); these ask for memory ahead of its use and change nothing but
// timing. Without GCC / Clang builtins they do nothing.
inline constexpr std::size_t cacheLine = 64;

// The `lines` cache lines from `address` on, to be read.
inline void prefetchForRead(const void* address, std::size_t lines = 1)
{
#if defined(__GNUC__) || defined(__clang__)
    for (std::size_t i = 0; i < lines; ++i)
        __builtin_prefetch(static_cast<const char*>(address) + cacheLine * i);
#else
    (void)address;
    (void)lines;
#endif
}

// The cache line at `address`, to be written.
inline void prefetchForWrite(const void* address)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 1);
#else
    (void)address;
#endif
}

// The cache lines an object of type T spans (from its start, when aligned to a line).
template <typename T>
inline constexpr std::size_t linesOf = (sizeof(T) + cacheLine - 1) / cacheLine;

} // namespace sim
