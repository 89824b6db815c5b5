// SPDX-License-Identifier: MIT
#pragma once

#include "hugepages.h"
#include "prefetch.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace sim {

// Objects of one type that live as long as the arena, at stable addresses, in creation order:
// the loop's tasks, futures and timers. Chunks hold many objects (std::deque allocates one
// every 512 bytes: every 6 futures), and the slot after the newest is prefetched, as a large
// run writes each new object into memory last used long ago.
//
// The first chunks are small (64 KiB: below glibc's threshold for giving each allocation
// freshly mapped pages, so the next small run reuses a freed chunk without faulting it in);
// past 2 MiB of objects, chunks are 2 MiB huge pages (a run of 100,000 tasks creates tens of
// megabytes of them: one page fault per 2 MiB instead of per 4 KiB, and fewer TLB misses),
// which the next run reuses (takeHugePage).
template <typename T>
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    ~Arena()
    {
        for (std::size_t i = 0; i < m_size; ++i)
            std::destroy_at(&(*this)[i]);
        for (std::size_t chunk = 0; chunk < m_chunks.size(); ++chunk) {
            if (chunk < smallChunks)
                std::allocator<T>().deallocate(m_chunks[chunk], smallChunkSize);
            else
                giveBackHugePage(m_chunks[chunk]);
        }
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    T& operator[](std::size_t i) { return *slot(i); }
    const T& operator[](std::size_t i) const { return *slot(i); }
    T& back() { return (*this)[m_size - 1]; }
    const T& back() const { return (*this)[m_size - 1]; }

    template <typename... Args>
    T& emplace_back(Args&&... args)
    {
        if (m_size == capacity())
            addChunk();
        T* slot = this->slot(m_size);
        std::construct_at(slot, std::forward<Args>(args)...);
        ++m_size;
        if (m_size != capacity())
            prefetchForWrite(slot + 1);
        return *slot;
    }

private:
    static constexpr std::size_t smallChunkSize = std::max<std::size_t>(1, 64 * 1024 / sizeof(T));
    static constexpr std::size_t smallChunks = 32;
    static constexpr std::size_t smallCapacity = smallChunks * smallChunkSize;
    static constexpr std::size_t bigChunkSize = std::max<std::size_t>(1, hugePageSize / sizeof(T));

    T* slot(std::size_t i) const
    {
        if (i < smallCapacity)
            return m_chunks[i / smallChunkSize] + i % smallChunkSize;
        i -= smallCapacity;
        return m_chunks[smallChunks + i / bigChunkSize] + i % bigChunkSize;
    }
    std::size_t capacity() const
    {
        const std::size_t chunks = m_chunks.size();
        return chunks <= smallChunks ? chunks * smallChunkSize : smallCapacity + (chunks - smallChunks) * bigChunkSize;
    }
    void addChunk()
    {
        m_chunks.reserve(m_chunks.size() + 1); // so that push_back cannot throw and leak the chunk
        if (m_chunks.size() < smallChunks) {
            m_chunks.push_back(std::allocator<T>().allocate(smallChunkSize));
            return;
        }
        static_assert(alignof(T) <= hugePageSize && bigChunkSize * sizeof(T) <= hugePageSize);
        m_chunks.push_back(static_cast<T*>(takeHugePage()));
    }

    std::vector<T*> m_chunks;
    std::size_t m_size = 0;
};

} // namespace sim
