// SPDX-License-Identifier: MIT
#pragma once

#include <cassert>
#include <cstddef>
#include <memory>
#include <type_traits>

namespace sim {

// A FIFO in one growing ring buffer: the event loop's ready deque. Unlike std::deque it never
// allocates once it has grown to the largest backlog (std::deque allocates and frees a
// 512-byte chunk every 21 handles), and indexing is a mask, cheap enough for the loop to look
// ahead at the handles it will run next (see EventLoop::prefetchTargets).
template <typename T>
class RingQueue {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
        "slots are copied and reused as plain memory");

public:
    RingQueue() = default;
    RingQueue(const RingQueue&) = delete;
    RingQueue& operator=(const RingQueue&) = delete;
    ~RingQueue() { release(); }

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    // The i-th element from the front. Precondition: i < size().
    const T& operator[](std::size_t i) const
    {
        assert(i < m_size);
        return m_slots[(m_head + i) & (m_capacity - 1)];
    }
    const T& front() const { return (*this)[0]; }

    void push_back(const T& value)
    {
        if (m_size == m_capacity)
            grow();
        std::construct_at(&m_slots[(m_head + m_size) & (m_capacity - 1)], value);
        ++m_size;
    }
    void push_front(const T& value)
    {
        if (m_size == m_capacity)
            grow();
        m_head = (m_head - 1) & (m_capacity - 1);
        std::construct_at(&m_slots[m_head], value);
        ++m_size;
    }
    // Precondition: not empty.
    void pop_front()
    {
        assert(m_size > 0);
        m_head = (m_head + 1) & (m_capacity - 1);
        --m_size;
    }
    void clear()
    {
        m_head = 0;
        m_size = 0;
    }

private:
    // Doubles the capacity (a power of two, so that wrapping is a mask), unrolling the ring.
    // The new slots are left uninitialised: chained 1..100000 grows the deque to 131,072
    // handles, and zeroing them first cost as much as copying.
    void grow()
    {
        const std::size_t capacity = m_capacity ? 2 * m_capacity : 64;
        T* grown = std::allocator<T>().allocate(capacity);
        for (std::size_t i = 0; i < m_size; ++i)
            std::construct_at(&grown[i], (*this)[i]);
        release();
        m_slots = grown;
        m_capacity = capacity;
        m_head = 0;
    }
    void release()
    {
        if (m_slots)
            std::allocator<T>().deallocate(m_slots, m_capacity);
    }

    T* m_slots = nullptr;
    std::size_t m_capacity = 0;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace sim
