// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "itemstream.h"
#include "pyint.h"
#include "pyrandom.h"

#include <vector>

namespace sim {

// What scenario code shares: the loop, Python's `random`, os.urandom's stand-in, and the
// line the running task is on (for the UI's listing).
struct ScenarioContext {
    EventLoop& loop;
    PyRandom& random;
    ItemStream& urandom;

    // Marks the Python line (1-based, in resources/listings/) the running task is on.
    void at(std::uint16_t line) const
    {
        if (LoopTask* task = loop.currentTask())
            task->setLine(line);
    }
    double perfCounter() const { return loop.time(); }
};

// The body of `if __name__ == "__main__":` after random.seed: runs asyncio.run(main(...))
// and prints the final line. Returns how asyncio.run ended.
RunStatus runChained(ScenarioContext& context, const std::vector<PyInt>& arguments);
RunStatus runAsyncq(ScenarioContext& context, std::int64_t producers, std::int64_t consumers);

} // namespace sim
