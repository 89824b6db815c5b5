// SPDX-License-Identifier: MIT
#include "framepool.h"

#include "prefetch.h"

#include <array>
#include <new>
#include <vector>

namespace sim {

namespace {
    // Blocks are multiples of a cache line and aligned to one: a 128-byte frame then spans
    // two lines, not three, and the loop's prefetch of a frame about to resume covers it.
    constexpr std::size_t granule = 64;
    constexpr std::size_t classCount = 16; // pooled frames up to 1 KiB; larger go to the heap

    struct FreeLists {
        // The free blocks of each size class, as stacks of pointers rather than lists linked
        // through the blocks: popping a block does not read it, and the block after it is
        // known, to be prefetched. After a large run the blocks are long cold: a linked list
        // made the next run wait for one cache miss per frame it allocated, one after another.
        std::array<std::vector<void*>, classCount> free;

        ~FreeLists()
        {
            for (const auto& blocks : free) {
                for (void* block : blocks)
                    ::operator delete(block, std::align_val_t(granule));
            }
        }
    };

    thread_local FreeLists t_lists;

    std::size_t sizeClass(std::size_t size) { return (size + granule - 1) / granule - 1; }
}

void* FramePool::allocate(std::size_t size)
{
#ifdef LOOPSCOPE_NO_FRAME_POOL
    return ::operator new(size);
#endif
    const std::size_t cls = sizeClass(size);
    if (cls >= classCount)
        return ::operator new(size);
    std::vector<void*>& free = t_lists.free[cls];
    if (free.empty())
        return ::operator new((cls + 1) * granule, std::align_val_t(granule));
    void* block = free.back();
    free.pop_back();
    // The next frame of this size will very likely be the next block: ask for it now, as a
    // coroutine's first act is to write its frame. (Changes nothing but timing.)
    if (!free.empty())
        prefetchForWrite(free.back());
    return block;
}

void FramePool::release(void* block, std::size_t size) noexcept
{
#ifdef LOOPSCOPE_NO_FRAME_POOL
    ::operator delete(block);
    return;
#endif
    const std::size_t cls = sizeClass(size);
    if (cls >= classCount) {
        ::operator delete(block);
        return;
    }
    try {
        t_lists.free[cls].push_back(block);
    } catch (const std::bad_alloc&) {
        ::operator delete(block, std::align_val_t(granule)); // not kept for reuse then
    }
}

} // namespace sim
