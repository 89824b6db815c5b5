// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace sim {

// A free-list allocator for coroutine frames. Simulations create and drop millions of small
// frames of a handful of sizes; recycling them by size class is several times faster than
// the general-purpose heap. Single-threaded per thread (thread_local lists); blocks are
// returned to the system when the thread exits.
class FramePool {
public:
    static void* allocate(std::size_t size);
    static void release(void* block, std::size_t size) noexcept;
};

} // namespace sim
