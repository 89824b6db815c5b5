// SPDX-License-Identifier: MIT
#include "hugepages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sim {

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
