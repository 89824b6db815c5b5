// SPDX-License-Identifier: MIT
#pragma once

#include "ids.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

namespace sim {

struct WaiterEntry {
    TaskId task;
    FutureId future;
    bool woken = false; // join waiters stay listed until they resume
    bool operator==(const WaiterEntry&) const = default;
};

// One of an asyncio.Queue's waiter lists (getters, putters or join waiters), head first, as
// LoopState rebuilds it from the trace (the live queue keeps its own: WaiterQueue, asyncqueue.h).
// asyncio.run's teardown cancels tens of thousands of waiters in task order, not list order,
// and erasing each from the middle of a deque made a seek through it take 100+ ms. Here an
// erased entry leaves a gap (compacted once gaps outnumber entries), and an entry is found by
// binary search on its future: a future is created just before it is listed, so the ids
// ascend along the list (a linear search remains for a list where they would not).
class ListedWaiters {
    struct Slot {
        WaiterEntry entry;
        bool erased = false;
    };

public:
    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = WaiterEntry;
        using difference_type = std::ptrdiff_t;
        using pointer = const WaiterEntry*;
        using reference = const WaiterEntry&;

        const_iterator() = default;
        reference operator*() const { return m_slot->entry; }
        pointer operator->() const { return &m_slot->entry; }
        const_iterator& operator++()
        {
            m_slot = skipGaps(m_slot + 1, m_end);
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const const_iterator& other) const { return m_slot == other.m_slot; }

    private:
        friend class ListedWaiters;
        const_iterator(const Slot* slot, const Slot* end) : m_slot(skipGaps(slot, end)), m_end(end) { }
        static const Slot* skipGaps(const Slot* slot, const Slot* end)
        {
            while (slot != end && slot->erased)
                ++slot;
            return slot;
        }
        const Slot* m_slot = nullptr;
        const Slot* m_end = nullptr;
    };

    const_iterator begin() const { return const_iterator(m_slots.data() + m_head, m_slots.data() + m_slots.size()); }
    const_iterator end() const { return const_iterator(m_slots.data() + m_slots.size(), m_slots.data() + m_slots.size()); }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    void push_back(const WaiterEntry& entry)
    {
        if (m_slots.size() > m_head && entry.future < m_slots.back().entry.future)
            m_ascending = false;
        m_slots.push_back(Slot { entry });
        ++m_size;
    }

    // The entry waiting on `future`, or nullptr (a future is listed at most once).
    WaiterEntry* find(FutureId future)
    {
        Slot* slot = findSlot(future);
        return slot ? &slot->entry : nullptr;
    }
    const WaiterEntry* find(FutureId future) const { return const_cast<ListedWaiters*>(this)->find(future); }

    void erase(FutureId future)
    {
        Slot* slot = findSlot(future);
        if (!slot)
            return;
        slot->erased = true;
        --m_size;
        while (m_head < m_slots.size() && m_slots[m_head].erased)
            ++m_head;
        if (m_slots.size() > 2 * m_size + minGapsCompacted)
            compact();
    }

    bool operator==(const ListedWaiters& other) const
    {
        return m_size == other.m_size && std::equal(begin(), end(), other.begin());
    }
    std::size_t memoryBytes() const { return m_slots.capacity() * sizeof(Slot); }

private:
    static constexpr std::size_t minGapsCompacted = 64;

    Slot* findSlot(FutureId future)
    {
        const auto first = m_slots.begin() + std::ptrdiff_t(m_head);
        auto found = m_ascending
            ? std::lower_bound(first, m_slots.end(), future, [](const Slot& slot, FutureId id) { return slot.entry.future < id; })
            : std::find_if(first, m_slots.end(), [future](const Slot& slot) { return !slot.erased && slot.entry.future == future; });
        if (found == m_slots.end() || found->erased || found->entry.future != future)
            return nullptr;
        return &*found;
    }

    void compact()
    {
        std::erase_if(m_slots, [](const Slot& slot) { return slot.erased; });
        m_head = 0;
        m_ascending = std::is_sorted(m_slots.begin(), m_slots.end(),
            [](const Slot& left, const Slot& right) { return left.entry.future < right.entry.future; });
    }

    std::vector<Slot> m_slots; // entries and gaps; before m_head, only gaps
    std::size_t m_head = 0;
    std::size_t m_size = 0; // entries, not gaps
    bool m_ascending = true;
};

} // namespace sim
