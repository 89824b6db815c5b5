// SPDX-License-Identifier: MIT
// TraceChecker, for tst_scenarios: replays a sim::Trace on a model of its own (task states,
// ready deque, timer heap contents, queue) and returns the first broken invariant, naming the
// event, or nothing when every invariant holds after every event.
#pragma once

#include "eventloop.h"
#include "trace.h"

#include <QString>

#include <deque>
#include <set>
#include <vector>

class TraceChecker {
public:
    explicit TraceChecker(const sim::Trace& trace) : m_trace(trace) { }
    // The first broken invariant, or an empty string; `status` is how the run ended.
    QString check(sim::RunStatus status);

private:
    enum class State { Created, Ready, Running, Yielded, Waiting, Finishing, Finished };
    struct Queued {
        quint8 kind;
        quint32 task, object;
        bool operator==(const Queued&) const = default;
    };
    QString step(const sim::TraceEvent& e, const sim::TraceEvent* next);
    QString endOfIteration() const;
    State& state(quint32 task) { return m_states[task]; }

    const sim::Trace& m_trace;
    std::vector<State> m_states;
    std::deque<Queued> m_ready;
    std::set<quint32> m_heap, m_cancelled;
    quint32 m_running = sim::noId;
    double m_clock = 0, m_lastDue = 0;
    quint32 m_iteration = 0;
    qsizetype m_planned = -1, m_ran = 0; // handles this iteration must run / has run
    std::deque<quint32> m_items;
    qint64 m_unfinished = 0;
    quint32 m_printed = 0;
};
