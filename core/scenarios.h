// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "itemstream.h"
#include "program.h"
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

// The built-in programs (registered in programs.cpp). Each one's run() is the body of
// `if __name__ == "__main__":` after random.seed: asyncio.run(main(...)) and the final line.
const Program& chainedProgram(); // chained.cpp
const Program& sequentialProgram(); // chained.cpp: the same chains, awaited in turn
const Program& asyncqProgram(); // asyncq.cpp

// The programs' Python sources, embedded from resources/listings/ at build time.
namespace listings {
    extern const std::string_view chained;
    extern const std::string_view sequential;
    extern const std::string_view asyncq;
}

} // namespace sim
