// SPDX-License-Identifier: MIT
#include "stateindex.h"

#include <algorithm>

namespace sim {

namespace {
    // At least this many events between checkpoints; more when the state is large.
    constexpr std::size_t minCheckpointSpacing = 2048;
    // Checkpoint bytes per event of trace (see the constructor).
    constexpr std::size_t bytesPerEvent = 64;
}

StateIndex::StateIndex(const Trace& trace) : m_trace(&trace)
{
    // Room for every checkpoint there can be: LoopState's move may throw (std::deque's
    // does), so a growing vector would copy all the checkpoints so far, hundreds of
    // megabytes on a large run. One slot is a few hundred bytes.
    m_checkpoints.reserve(trace.events.size() / minCheckpointSpacing + 2);
    LoopState state;
    m_checkpoints.push_back(state);
    std::size_t sinceCheckpoint = 0;
    std::size_t spacing = minCheckpointSpacing;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceEvent& event = trace.events[i];
        if (event.kind == EventKind::HandleRun) {
            const TaskId task = event.task;
            m_steps.push_back(StepInfo { std::uint32_t(i), state.now, state.iteration, HandleKind(event.detail), task });
        } else if (event.kind == EventKind::Blocked && !m_steps.empty()) {
            const auto step = std::uint32_t(m_steps.size() - 1);
            if (!m_blocks.empty() && m_blocks.back().step == step)
                m_blocks.back().seconds += event.value;
            else
                m_blocks.push_back(BlockedStep { step, event.value });
        }
        state.apply(event);
        if (++sinceCheckpoint >= spacing) {
            m_checkpoints.push_back(state);
            sinceCheckpoint = 0;
            // A seek's cost is mostly the replay (~20 ns an event, more with a big timer
            // heap; copying the checkpoint is ~0.1 ns a byte), so checkpoints are as dense as
            // memory allows: a state of M bytes every M / bytesPerEvent events costs
            // bytesPerEvent bytes an event, about what the trace itself takes (40-60).
            spacing = std::max(minCheckpointSpacing, state.memoryBytes() / bytesPerEvent);
        }
    }
}

std::size_t StateIndex::stepEndEvent(std::size_t step) const
{
    return step + 1 < m_steps.size() ? m_steps[step + 1].event : m_trace->events.size();
}

double StateIndex::blockedSeconds(std::size_t step) const
{
    if (m_blocks.empty())
        return 0;
    const auto it = std::ranges::lower_bound(
        m_blocks, step, {}, [](const BlockedStep& block) { return std::size_t(block.step); });
    return it != m_blocks.end() && it->step == step ? it->seconds : 0;
}

double StateIndex::clockAt(std::size_t position) const
{
    if (position == 0 || m_steps.empty())
        return 0;
    const std::size_t step = std::min(position, m_steps.size()) - 1;
    return m_steps[step].time + blockedSeconds(step);
}

std::size_t StateIndex::eventAtPosition(std::size_t position) const
{
    if (position >= m_steps.size())
        return m_trace->events.size();
    return m_steps[position].event;
}

LoopState StateIndex::stateAt(std::size_t position) const { return stateAfterEvents(eventAtPosition(position)); }

void StateIndex::stateAt(std::size_t position, LoopState& state) const { stateAfterEvents(eventAtPosition(position), state); }

LoopState StateIndex::stateAfterEvents(std::size_t eventCount) const
{
    LoopState state;
    stateAfterEvents(eventCount, state);
    return state;
}

void StateIndex::stateAfterEvents(std::size_t eventCount, LoopState& state) const
{
    eventCount = std::min(eventCount, m_trace->events.size());
    auto after = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), eventCount,
        [](std::size_t count, const LoopState& checkpoint) { return count < checkpoint.eventsApplied; });
    const LoopState& checkpoint = *std::prev(after);
    if (state.eventsApplied < checkpoint.eventsApplied || state.eventsApplied > eventCount)
        state = checkpoint; // copy-assignment keeps the vectors' capacity: no fresh pages
    for (std::size_t i = state.eventsApplied; i < eventCount; ++i)
        state.apply(m_trace->events[i]);
}

std::size_t StateIndex::memoryBytes() const
{
    std::size_t bytes = m_steps.capacity() * sizeof(StepInfo) + m_blocks.capacity() * sizeof(BlockedStep);
    for (const LoopState& checkpoint : m_checkpoints)
        bytes += checkpoint.memoryBytes();
    return bytes;
}

} // namespace sim
