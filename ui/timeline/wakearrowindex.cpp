// SPDX-License-Identifier: MIT
#include "wakearrowindex.h"

#include <algorithm>
#include <span>

namespace ui {

namespace {
    // Groups arrow indices by `task(arrow)`, keeping each group in the order `key` sorts.
    template <typename TaskOf, typename KeyOf>
    void buildRows(const std::vector<sim::WakeArrow>& arrows, std::size_t taskCount, TaskOf taskOf, KeyOf keyOf,
        std::vector<std::uint32_t>& start, std::vector<std::uint32_t>& items)
    {
        start.assign(taskCount + 1, 0);
        for (const sim::WakeArrow& arrow : arrows) {
            if (taskOf(arrow) < taskCount)
                ++start[taskOf(arrow) + 1];
        }
        for (std::size_t t = 0; t < taskCount; ++t)
            start[t + 1] += start[t];
        items.assign(start.back(), 0);
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::uint32_t i = 0; i < arrows.size(); ++i) {
            if (taskOf(arrows[i]) < taskCount)
                items[fill[taskOf(arrows[i])]++] = i;
        }
        // The arrows come by toStep, and the ready deque runs handles in the order they were
        // queued, so both keys are ascending already: only check (a sort per task, 180,000 on
        // a large run, took 60 ms even with nothing to move).
        const auto before = [&](std::uint32_t a, std::uint32_t b) { return keyOf(arrows[a]) < keyOf(arrows[b]); };
        for (std::size_t t = 0; t < taskCount; ++t) {
            const auto first = items.begin() + start[t], last = items.begin() + start[t + 1];
            if (!std::is_sorted(first, last, before))
                std::stable_sort(first, last, before);
        }
    }

    template <typename KeyOf>
    std::span<const std::uint32_t> range(const std::vector<sim::WakeArrow>& arrows, std::span<const std::uint32_t> row,
        std::uint32_t first, std::uint32_t last, KeyOf keyOf)
    {
        const auto lo = std::ranges::partition_point(row, [&](std::uint32_t i) { return keyOf(arrows[i]) < first; });
        const auto hi = std::ranges::partition_point(row, [&](std::uint32_t i) { return keyOf(arrows[i]) <= last; });
        return {lo, hi};
    }

    std::span<const std::uint32_t> rowOf(const std::vector<std::uint32_t>& start, const std::vector<std::uint32_t>& items,
        sim::TaskId task)
    {
        if (task + 1 >= start.size())
            return {};
        return std::span(items).subspan(start[task], start[task + 1] - start[task]);
    }

    std::uint32_t toStepOf(const sim::WakeArrow& arrow) { return arrow.toStep; }
    std::uint32_t fromStepOf(const sim::WakeArrow& arrow) { return arrow.fromStep; }
}

WakeArrowIndex::WakeArrowIndex(const sim::Timeline& timeline)
    : m_arrows(&timeline.arrows())
{
    const auto& arrows = timeline.arrows();
    const std::size_t tasks = timeline.lanes().size();
    buildRows(arrows, tasks, [](const sim::WakeArrow& a) { return std::size_t(a.toTask); }, toStepOf, m_inStart, m_in);
    buildRows(arrows, tasks, [](const sim::WakeArrow& a) { return std::size_t(a.fromTask); }, fromStepOf, m_outStart, m_out);
}

void WakeArrowIndex::collect(sim::TaskId task, std::uint32_t first, std::uint32_t last, std::vector<std::uint32_t>& out) const
{
    if (!m_arrows)
        return;
    for (std::uint32_t i : range(*m_arrows, rowOf(m_inStart, m_in, task), first, last, toStepOf))
        out.push_back(i);
    for (std::uint32_t i : range(*m_arrows, rowOf(m_outStart, m_out, task), first, last, fromStepOf))
        out.push_back(i);
}

std::size_t WakeArrowIndex::count(sim::TaskId task, std::uint32_t first, std::uint32_t last) const
{
    if (!m_arrows)
        return 0;
    return range(*m_arrows, rowOf(m_inStart, m_in, task), first, last, toStepOf).size()
        + range(*m_arrows, rowOf(m_outStart, m_out, task), first, last, fromStepOf).size();
}

const sim::WakeArrow* WakeArrowIndex::arrowInto(std::uint32_t toStep) const
{
    if (!m_arrows)
        return nullptr;
    const auto it = std::ranges::lower_bound(*m_arrows, toStep, {}, &sim::WakeArrow::toStep);
    return it != m_arrows->end() && it->toStep == toStep ? &*it : nullptr;
}

} // namespace ui
