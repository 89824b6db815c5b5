// SPDX-License-Identifier: MIT
#include "hugepages.h"

#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sim {

namespace {
    // Up to 256 MiB of blocks kept per thread: what a run of a few hundred thousand tasks
    // uses; beyond that, blocks go back to the system.
    constexpr std::size_t keptHugePages = 128;

    struct KeptHugePages {
        std::vector<void*> blocks;
        ~KeptHugePages()
        {
            for (void* block : blocks)
                freeHugePage(block);
        }
    };
    thread_local KeptHugePages t_kept;
}

void* allocateHugePage()
{
    void* block = ::operator new(hugePageSize, std::align_val_t(hugePageSize));
    adviseHugePages(block, hugePageSize);
    return block;
}

void freeHugePage(void* block) noexcept { ::operator delete(block, std::align_val_t(hugePageSize)); }

void* takeHugePage()
{
    if (!t_kept.blocks.empty()) {
        void* block = t_kept.blocks.back();
        t_kept.blocks.pop_back();
        return block;
    }
    return allocateHugePage();
}

void giveBackHugePage(void* block) noexcept
{
    if (t_kept.blocks.size() < keptHugePages) {
        try {
            t_kept.blocks.push_back(block);
            return;
        } catch (const std::bad_alloc&) {
        }
    }
    freeHugePage(block);
}

void adviseHugePages(void* data, std::size_t bytes) noexcept
{
#if defined(MADV_HUGEPAGE)
    // Only whole huge pages inside the block; failure (THP disabled) changes nothing.
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + hugePageSize - 1) & ~(hugePageSize - 1);
    const std::uintptr_t last = (begin + bytes) & ~(hugePageSize - 1);
    if (last > first)
        (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace sim
