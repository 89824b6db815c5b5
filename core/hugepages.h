// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <new>

namespace sim {

// Allocations of at least this many bytes get transparent huge pages (see HugePageAllocator).
inline constexpr std::size_t hugePageThreshold = std::size_t(4) << 20;
inline constexpr std::size_t hugePageSize = std::size_t(2) << 20;

// Asks the kernel to back [data, data + bytes) with 2 MiB pages where it can (Linux's
// madvise(MADV_HUGEPAGE); nothing elsewhere, or when transparent huge pages are off).
void adviseHugePages(void* data, std::size_t bytes) noexcept;

// One 2 MiB block aligned to 2 MiB and advised to use a huge page, and its release.
void* allocateHugePage();
void freeHugePage(void* block) noexcept;

// The same, for the arenas' chunks.
// Blocks given back are kept (per thread, up to a cap) for the next run to reuse: freeing
// them returned the pages to the system, and every run paid again for the kernel zeroing
// tens of megabytes of fresh pages (a sixth of chained 1..100000's time).
void* takeHugePage();
void giveBackHugePage(void* block) noexcept;

// An allocator for the trace's large, append-only arrays. Recording a million-event trace
// writes tens of megabytes of fresh memory: in 4 KiB pages that is one page fault every 170
// events, a fifth of the recording time on chained 1..100000. Blocks of 4 MiB or more are
// aligned to 2 MiB and advised to use huge pages (one fault per 2 MiB); smaller ones are
// plain operator new. Stateless: any two compare equal.
template <typename T>
class HugePageAllocator {
public:
    using value_type = T;

    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&) noexcept { }

    T* allocate(std::size_t count)
    {
        const std::size_t bytes = count * sizeof(T);
        if (bytes < hugePageThreshold)
            return static_cast<T*>(::operator new(bytes));
        void* data = ::operator new(bytes, std::align_val_t(hugePageSize));
        adviseHugePages(data, bytes);
        return static_cast<T*>(data);
    }
    void deallocate(T* data, std::size_t count) noexcept
    {
        if (count * sizeof(T) < hugePageThreshold)
            ::operator delete(data);
        else
            ::operator delete(data, std::align_val_t(hugePageSize));
    }

    template <typename U>
    bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
};

} // namespace sim
