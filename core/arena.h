// SPDX-License-Identifier: MIT
#pragma once

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
        for (T* chunk : m_chunks)
            std::allocator<T>().deallocate(chunk, chunkSize);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    T& operator[](std::size_t i) { return m_chunks[i / chunkSize][i % chunkSize]; }
    const T& operator[](std::size_t i) const { return m_chunks[i / chunkSize][i % chunkSize]; }
    T& back() { return (*this)[m_size - 1]; }
    const T& back() const { return (*this)[m_size - 1]; }

    template <typename... Args>
    T& emplace_back(Args&&... args)
    {
        if (m_size == m_chunks.size() * chunkSize) {
            m_chunks.reserve(m_chunks.size() + 1); // so that push_back cannot throw and leak the chunk
            m_chunks.push_back(std::allocator<T>().allocate(chunkSize));
        }
        T* slot = &(*this)[m_size];
        std::construct_at(slot, std::forward<Args>(args)...);
        ++m_size;
        if (m_size % chunkSize != 0)
            prefetchForWrite(slot + 1);
        return *slot;
    }

private:
    // 64 KiB chunks: below glibc's threshold (128 KiB) for giving each allocation freshly
    // mapped pages, so that the next run can reuse a freed chunk without faulting it in.
    static constexpr std::size_t chunkSize = std::max<std::size_t>(1, 64 * 1024 / sizeof(T));

    std::vector<T*> m_chunks;
    std::size_t m_size = 0;
};

} // namespace sim
