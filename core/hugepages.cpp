// SPDX-License-Identifier: MIT
#include "hugepages.h"

#include <algorithm>
#include <cstdint>
#include <mutex>
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

    // Up to 256 MiB of large blocks kept, process-wide: what the trace of a 1,000,000-step
    // run leaves behind growing (about 200 MiB). Never destroyed, so that a block released
    // during the program's exit still finds it.
    constexpr std::size_t keptLargeCap = std::size_t(256) << 20;

    struct LargeBlock {
        void* data;
        std::size_t bytes;
    };
    struct KeptLargeBlocks {
        std::mutex mutex;
        std::vector<LargeBlock> kept; // free for reuse, their pages touched
        std::vector<LargeBlock> lent; // in use and larger than asked for: their real size
        std::size_t keptBytes = 0;
    };
    KeptLargeBlocks& keptLarge()
    {
        static auto* blocks = new KeptLargeBlocks;
        return *blocks;
    }

    bool roomForOneMore(std::vector<LargeBlock>& blocks)
    {
        try {
            blocks.reserve(blocks.size() + 1);
            return true;
        } catch (const std::bad_alloc&) {
            return false;
        }
    }

    void* allocateFreshLarge(std::size_t bytes)
    {
        void* data = ::operator new(bytes, std::align_val_t(hugePageSize));
        adviseHugePages(data, bytes);
        return data;
    }
}

void* allocateLarge(std::size_t bytes)
{
#if !defined(LOOPSCOPE_NO_FRAME_POOL) // sanitizer builds: every block fresh, so use after free shows
    KeptLargeBlocks& blocks = keptLarge();
    {
        const std::lock_guard lock(blocks.mutex);
        // The smallest kept block that holds `bytes`, if it is at most twice that.
        auto best = blocks.kept.end();
        for (auto it = blocks.kept.begin(); it != blocks.kept.end(); ++it) {
            if (it->bytes >= bytes && it->bytes / 2 <= bytes && (best == blocks.kept.end() || it->bytes < best->bytes))
                best = it;
        }
        // (Room in `lent` first, so that a block cannot be lost to a failed push_back.)
        if (best != blocks.kept.end() && roomForOneMore(blocks.lent)) {
            const LargeBlock block = *best;
            blocks.kept.erase(best);
            blocks.keptBytes -= block.bytes;
            if (block.bytes != bytes)
                blocks.lent.push_back(block);
            return block.data;
        }
    }
#endif
    return allocateFreshLarge(bytes);
}

void freeLarge(void* block, std::size_t bytes) noexcept
{
#if !defined(LOOPSCOPE_NO_FRAME_POOL)
    KeptLargeBlocks& blocks = keptLarge();
    const std::lock_guard lock(blocks.mutex);
    const auto lent = std::ranges::find(blocks.lent, block, &LargeBlock::data);
    if (lent != blocks.lent.end()) {
        bytes = lent->bytes;
        blocks.lent.erase(lent);
    }
    if (blocks.keptBytes + bytes <= keptLargeCap) {
        try {
            blocks.kept.push_back(LargeBlock { block, bytes });
            blocks.keptBytes += bytes;
            return;
        } catch (const std::bad_alloc&) {
        }
    }
#else
    (void)bytes;
#endif
    ::operator delete(block, std::align_val_t(hugePageSize));
}

std::size_t keptLargeBytes()
{
    KeptLargeBlocks& blocks = keptLarge();
    const std::lock_guard lock(blocks.mutex);
    return blocks.keptBytes;
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
