// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace sim::heapq {

// Python's heapq, step for step (Lib/heapq.py; Modules/_heapqmodule.c runs the same
// algorithm). asyncio keeps its timers in such a heap and TimerHandle compares `when`
// only, so timers with equal deadlines come out in the order this exact sift-up /
// sift-down sequence gives, not first-in-first-out. `less` must be a strict `<`.

template <typename T, typename Less>
void siftDown(std::vector<T>& heap, std::size_t startPos, std::size_t pos, Less less)
{
    T newItem = std::move(heap[pos]);
    while (pos > startPos) {
        const std::size_t parentPos = (pos - 1) >> 1;
        if (less(newItem, heap[parentPos])) {
            heap[pos] = std::move(heap[parentPos]);
            pos = parentPos;
            continue;
        }
        break;
    }
    heap[pos] = std::move(newItem);
}

template <typename T, typename Less>
void siftUp(std::vector<T>& heap, std::size_t pos, Less less)
{
    const std::size_t endPos = heap.size();
    const std::size_t startPos = pos;
    T newItem = std::move(heap[pos]);
    std::size_t childPos = 2 * pos + 1;
    while (childPos < endPos) {
        const std::size_t rightPos = childPos + 1;
        // if rightPos < endPos and not heap[childPos] < heap[rightPos]: childPos = rightPos,
        // as arithmetic: which child is smaller is a coin toss that a branch mispredicts
        // half the time, at every level of every pop of a large timer heap.
        if (rightPos < endPos)
            childPos += std::size_t(!less(heap[childPos], heap[rightPos]));
        heap[pos] = std::move(heap[childPos]);
        pos = childPos;
        childPos = 2 * pos + 1;
    }
    heap[pos] = std::move(newItem);
    siftDown(heap, startPos, pos, less);
}

template <typename T, typename Less>
void push(std::vector<T>& heap, T item, Less less)
{
    heap.push_back(std::move(item));
    siftDown(heap, 0, heap.size() - 1, less);
}

// Precondition: the heap is not empty.
template <typename T, typename Less>
T pop(std::vector<T>& heap, Less less)
{
    T last = std::move(heap.back());
    heap.pop_back();
    if (heap.empty())
        return last;
    T result = std::move(heap.front());
    heap.front() = std::move(last);
    siftUp(heap, 0, less);
    return result;
}

template <typename T, typename Less>
void heapify(std::vector<T>& heap, Less less)
{
    for (std::size_t i = heap.size() / 2; i-- > 0;)
        siftUp(heap, i, less);
}

} // namespace sim::heapq
