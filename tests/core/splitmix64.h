// SPDX-License-Identifier: MIT
// SplitMix64: the small, fixed pseudo-random generator the core tests draw their cases from
// (heapq keys, seeds, scenario requests), so every run of a test checks the same cases.
#pragma once

#include <QtGlobal>

struct SplitMix64 {
    quint64 state;
    quint64 next()
    {
        quint64 z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // A number in [0, n), n > 0.
    int below(int n) { return int(next() % quint64(n)); }
};
