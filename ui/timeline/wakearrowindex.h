// SPDX-License-Identifier: MIT
#pragma once

#include "timeline.h"

#include <cstdint>
#include <vector>

namespace ui {

// The wake-up arrows of a Timeline, indexed per task so that painting finds the arrows
// touching the lanes in view with binary searches instead of scanning them all.
// Timeline::arrows() is sorted by toStep (an arrow is recorded when its step runs).
class WakeArrowIndex {
public:
    WakeArrowIndex() = default;
    explicit WakeArrowIndex(const sim::Timeline& timeline);

    // Indices into timeline.arrows() of the arrows into `task` with toStep in [first, last],
    // and out of `task` with fromStep in [first, last], appended to `out` (may repeat).
    void collect(sim::TaskId task, std::uint32_t first, std::uint32_t last, std::vector<std::uint32_t>& out) const;
    // How many arrows collect() would add (cheap: binary searches only).
    std::size_t count(sim::TaskId task, std::uint32_t first, std::uint32_t last) const;
    // The arrow that ends at step `toStep` (each step runs one handle), or nullptr.
    const sim::WakeArrow* arrowInto(std::uint32_t toStep) const;

private:
    // Compressed rows: arrows of task t are m_in[m_inStart[t] .. m_inStart[t + 1]).
    std::vector<std::uint32_t> m_inStart, m_in; // sorted by toStep
    std::vector<std::uint32_t> m_outStart, m_out; // sorted by fromStep
    const std::vector<sim::WakeArrow>* m_arrows = nullptr;
};

} // namespace ui
