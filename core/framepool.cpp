// SPDX-License-Identifier: MIT
#include "framepool.h"

#include <array>
#include <new>

namespace sim {

namespace {
    constexpr std::size_t granule = 64;
    constexpr std::size_t classCount = 16; // pooled frames up to 1 KiB; larger go to the heap

    struct FreeBlock {
        FreeBlock* next;
    };

    struct FreeLists {
        std::array<FreeBlock*, classCount> heads {};
        ~FreeLists()
        {
            for (auto* head : heads) {
                while (head) {
                    auto* next = head->next;
                    ::operator delete(head);
                    head = next;
                }
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
    if (FreeBlock* block = t_lists.heads[cls]) {
        t_lists.heads[cls] = block->next;
        return block;
    }
    return ::operator new((cls + 1) * granule);
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
    auto* freeBlock = static_cast<FreeBlock*>(block);
    freeBlock->next = t_lists.heads[cls];
    t_lists.heads[cls] = freeBlock;
}

} // namespace sim
