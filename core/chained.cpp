// SPDX-License-Identifier: MIT
// chained.py (resources/listings/chained.py) as a C++ coroutine scenario. Each function
// reads like its Python twin; the numbers passed to at() are its line numbers.
#include "gather.h"
#include "pyformat.h"
#include "scenarios.h"
#include "sleep.h"

#include <memory_resource>
#include <string_view>
#include <unordered_map>

namespace sim {

namespace {
    class Chained {
    public:
        explicit Chained(ScenarioContext& context) : m_context(context), m_loop(context.loop) { }

        // Python passes the same immutable string: a reference to chain()'s, which outlives
        // the await (a copy would also grow chain()'s frame, where this one's is inlined).
        Task<std::string> part1(const std::string& n)
        {
            at(9);
            const std::int64_t i = m_context.random.randint(0, 10);
            at(10);
            m_loop.print(fstring("part1({}) sleeping for {} seconds.", n, i));
            at(11);
            co_await sleep(m_loop, double(i));
            at(12);
            std::string result = "result" + n + "-1";
            at(13);
            m_loop.print(fstring("Returning part1({}) == {}.", n, result));
            at(14);
            co_return result;
        }

        Task<std::string> part2(const std::string& n, const std::string& arg)
        {
            at(17);
            const std::int64_t i = m_context.random.randint(0, 10);
            at(18);
            // f"part2{n, arg}" formats the tuple (n, arg): the string's repr is single-quoted.
            m_loop.print(fstring("part2({}, '{}') sleeping for {} seconds.", n, arg, i));
            at(19);
            co_await sleep(m_loop, double(i));
            at(20);
            std::string result = "result" + n + "-2 derived from " + arg;
            at(21);
            m_loop.print(fstring("Returning part2({}, '{}') == {}.", n, arg, result));
            at(22);
            co_return result;
        }

        Task<void> chain(std::string n)
        {
            at(25);
            const double start = m_context.perfCounter();
            at(26);
            std::string p1 = co_await part1(n);
            at(27);
            std::string p2 = co_await part2(n, p1);
            at(28);
            const double end = m_context.perfCounter() - start;
            at(29);
            m_loop.print(fstring("-->Chained result{} => {} (took {:0.2f} seconds).", n, p2, end));
        }

        Task<void> main(std::vector<std::string> args)
        {
            at(32);
            std::vector<NamedCoroutine> chains;
            chains.reserve(args.size());
            // The tasks' names are only recorded in the trace: without one, none is built.
            const bool named = m_loop.trace() != nullptr;
            for (const std::string& n : args)
                chains.push_back(NamedCoroutine { named ? "chain " + n : std::string(), chain(n) });
            if (named)
                disambiguateNames(chains);
            co_await gather(m_loop, std::move(chains));
        }

        // sequential.py's main: each chain awaited in turn, in main's own task (awaiting a
        // coroutine runs it inline: no task is created, nothing runs meanwhile).
        Task<void> mainInTurn(std::vector<std::string> args)
        {
            for (const std::string& n : args) {
                at(32);
                at(33);
                co_await chain(n);
            }
            at(32); // the `for` line, where the frame ends
        }

    private:
        void at(std::uint16_t line) const { m_context.at(line); }

        // `chained 1 1` runs two chains named alike; number the repeats so lanes stay apart.
        static void disambiguateNames(std::vector<NamedCoroutine>& chains)
        {
            // Keyed by views of the first chain of each name (whose name stays as it is), in
            // one arena and sized once: chained 1..100000 would otherwise allocate and free
            // 100,000 nodes and strings.
            std::pmr::monotonic_buffer_resource arena;
            std::pmr::unordered_map<std::string_view, int> seen(&arena);
            seen.reserve(chains.size());
            for (auto& chain : chains) {
                const int repeats = seen[chain.name]++;
                if (repeats > 0)
                    chain.name += " #" + std::to_string(repeats + 1);
            }
        }

        ScenarioContext& m_context;
        EventLoop& m_loop;
    };
}

namespace {
// How main runs the chains: chained.py gathers them, sequential.py awaits them in turn.
enum class ChainOrder { Gathered, InTurn };

RunStatus runChained(ScenarioContext& context, const std::vector<PyInt>& arguments, ChainOrder order)
{
    Chained program(context);
    if (Trace* trace = context.loop.trace()) {
        // A chain records 26.5 events (a few more for the first ones, plus the iterations):
        // one allocation of the right size instead of doubling the vector about twenty
        // times, copying and faulting in nearly twice the final trace on chained 1..100000.
        constexpr std::size_t eventsPerChain = 27;
        constexpr std::size_t eventsBesides = 256;
        trace->events.reserve(trace->events.size() + arguments.size() * eventsPerChain + eventsBesides);
    }
    std::vector<std::string> args;
    args.reserve(arguments.size());
    for (const PyInt& n : arguments)
        args.push_back(n.decimal());
    const double start = context.perfCounter();
    const RunStatus status = context.loop.run(
        order == ChainOrder::Gathered ? program.main(std::move(args)) : program.mainInTurn(std::move(args)));
    if (status != RunStatus::Completed)
        return status;
    const double end = context.perfCounter() - start;
    context.loop.print(fstring("Program finished in {:0.2f} seconds.", end));
    return status;
}


// `python3 chained.py` with no arguments runs chains 1, 2 and 3 (the script's own default).
const std::vector<PyInt>& effectiveArguments(const ProgramArguments& arguments)
{
    static const std::vector<PyInt> scriptDefaults { PyInt::fromInt64(1), PyInt::fromInt64(2), PyInt::fromInt64(3) };
    return arguments[0].empty() ? scriptDefaults : arguments[0];
}

RunStatus runChainedProgram(ScenarioContext& context, const ProgramArguments& arguments)
{
    return runChained(context, effectiveArguments(arguments), ChainOrder::Gathered);
}

RunStatus runSequentialProgram(ScenarioContext& context, const ProgramArguments& arguments)
{
    return runChained(context, effectiveArguments(arguments), ChainOrder::InTurn);
}

const ProgramParameter chainNumbers {
    .shape = ProgramParameter::Shape::Integers,
    .key = "arguments",
    .label = "Arguments",
    .help = "one chain per integer",
    .defaultText = "1 2 3",
};

std::optional<ArgumentError> validateChained(const ProgramArguments& arguments, const Limits& limits)
{
    if (arguments[0].size() + 1 > limits.maxTasks)
        return ArgumentError { 0,
            "too many chained arguments: " + std::to_string(arguments[0].size()) + " (at most "
                + std::to_string(limits.maxTasks - 1) + ")" };
    return std::nullopt;
}
} // namespace

const Program& chainedProgram()
{
    static const Program program {
        .name = "chained",
        .fileName = "chained.py",
        .summary = "chains of coroutines, each sleeping a random time, joined by gather",
        .listing = listings::chained,
        .parameters = { chainNumbers },
        .run = runChainedProgram,
        .validate = validateChained,
    };
    return program;
}

const Program& sequentialProgram()
{
    static const Program program {
        .name = "sequential",
        .fileName = "sequential.py",
        .summary = "chained.py with each chain awaited in turn instead of gathered",
        .listing = listings::sequential,
        .parameters = { chainNumbers },
        .run = runSequentialProgram,
        .validate = validateChained,
    };
    return program;
}

} // namespace sim
