// SPDX-License-Identifier: MIT
#include "framepool.h"

#include "hugepages.h"
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
        // New blocks are carved in order from 2 MiB slabs backed by huge pages: a large run
        // creates tens of megabytes of frames, which in 4 KiB pages cost a page fault every
        // few dozen frames, and as many TLB misses when the loop comes back to them.
        std::vector<void*> slabs;
        char* slabNext = nullptr;
        char* slabEnd = nullptr;

        void* carve(std::size_t bytes)
        {
            if (std::size_t(slabEnd - slabNext) < bytes) {
                slabs.reserve(slabs.size() + 1); // so that push_back cannot throw and leak the slab
                void* slab = allocateHugePage();
                slabs.push_back(slab);
                slabNext = static_cast<char*>(slab);
                slabEnd = slabNext + hugePageSize;
            }
            void* block = slabNext;
            slabNext += bytes;
            if (slabNext != slabEnd)
                prefetchForWrite(slabNext); // the next new frame's first line
            return block;
        }

        ~FreeLists()
        {
            for (void* slab : slabs)
                freeHugePage(slab);
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
        return t_lists.carve((cls + 1) * granule);
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
        // Lost for reuse until the thread ends (its slab is freed then).
    }
}

} // namespace sim
