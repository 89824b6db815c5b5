// SPDX-License-Identifier: MIT
// asyncq.py (resources/listings/asyncq.py) as a C++ coroutine scenario. Each function reads
// like its Python twin; the numbers passed to at() are its line numbers. The awaits through
// which main's cancellation of the consumers passes use uncaught() (task.h), as nothing in
// the listing catches it: it then costs no C++ throw.
#include "asyncqueue.h"
#include "gather.h"
#include "pyformat.h"
#include "scenarios.h"
#include "sleep.h"

#include <memory>

namespace sim {

namespace {
    class Asyncq {
    public:
        explicit Asyncq(ScenarioContext& context) : m_context(context), m_loop(context.loop) { }

        Task<std::string> makeitem(int size = 5)
        {
            at(11);
            co_return m_context.urandom.hexItem(size);
        }

        // `caller` is the producer's or consumer's own string, which outlives the await (Python
        // builds it anew per call; a copy per call here cost a tenth of the run).
        Task<void> randsleep(const std::string& caller)
        {
            at(14);
            const std::int64_t i = m_context.random.randint(0, 10);
            at(15);
            if (!caller.empty()) {
                at(16);
                m_loop.print(fstring("{} sleeping for {} seconds.", caller, i));
            }
            at(17);
            // Nothing catches a cancellation here: it ends randsleep (see reraise, task.h).
            if (std::exception_ptr error = co_await sleep(m_loop, double(i)).outcome())
                co_await reraise(std::move(error));
        }

        Task<void> produce(std::int64_t name, std::shared_ptr<AsyncQueue> q)
        {
            at(20);
            const std::int64_t n = m_context.random.randint(0, 10);
            const std::string caller = "Producer " + formatInt(name);
            at(21); // the `for` line: where a producer that drew n = 0 ends, as frame.f_lineno says
            for (std::int64_t repeat = 0; repeat < n; ++repeat) {
                at(22);
                co_await randsleep(caller);
                at(23);
                std::string i = co_await makeitem();
                at(24);
                const double t = m_context.perfCounter();
                at(25);
                co_await q->put(QueueItem { i, t });
                at(26);
                m_loop.print(fstring("{} added <{}> to queue.", caller, i));
                at(21);
            }
        }

        Task<void> consume(std::int64_t name, std::shared_ptr<AsyncQueue> q)
        {
            const std::string caller = "Consumer " + formatInt(name);
            while (true) {
                at(30);
                co_await uncaught(randsleep(caller));
                at(31);
                QueueItem item = co_await uncaught(q->get());
                at(32);
                const double now = m_context.perfCounter();
                at(33);
                m_loop.print(
                    fstring("{} got element <{}> in {:0.5f} seconds.", caller, item.label, now - item.enqueuedAt));
                at(35);
                q->taskDone();
            }
        }

        Task<void> main(std::int64_t nprod, std::int64_t ncon)
        {
            at(38);
            // Shared, as Python's reference counting shares it: cancelled consumers still
            // touch the queue after main has returned.
            auto q = std::make_shared<AsyncQueue>(m_loop);
            at(39);
            std::vector<LoopTask*> producers;
            for (std::int64_t n = 0; n < nprod; ++n)
                producers.push_back(&m_loop.createTask(produce(n, q), "Producer " + formatInt(n)));
            at(40);
            std::vector<LoopTask*> consumers;
            for (std::int64_t n = 0; n < ncon; ++n)
                consumers.push_back(&m_loop.createTask(consume(n, q), "Consumer " + formatInt(n)));
            at(41);
            co_await gatherTasks(m_loop, producers);
            at(42);
            co_await q->join();
            at(43);
            for (LoopTask* c : consumers) {
                at(44);
                c->cancel();
            }
            at(43); // Python's frame ends on the `for` line once the loop is exhausted
        }

    private:
        void at(std::uint16_t line) const { m_context.at(line); }

        ScenarioContext& m_context;
        EventLoop& m_loop;
    };
}

namespace {
RunStatus runAsyncq(ScenarioContext& context, std::int64_t producers, std::int64_t consumers)
{
    Asyncq program(context);
    if (Trace* trace = context.loop.trace(); trace && producers > 0 && consumers >= 0) {
        // About 115 events per producer (five items on average, each slept for, put, taken
        // and done) and 25 per consumer, measured from 100 to 60,000 tasks; a little more, so
        // that one allocation holds the trace instead of doubling a vector of millions of
        // events (copying and faulting in twice the final size).
        constexpr std::size_t perProducer = 135;
        constexpr std::size_t perConsumer = 30;
        constexpr std::size_t besides = 256;
        trace->events.reserve(trace->events.size() + std::size_t(producers) * perProducer
            + std::size_t(consumers) * perConsumer + besides);
    }
    const double start = context.perfCounter();
    const RunStatus status = context.loop.run(program.main(producers, consumers));
    if (status != RunStatus::Completed)
        return status;
    const double elapsed = context.perfCounter() - start;
    context.loop.print(fstring("Program completed in {:0.5f} seconds.", elapsed));
    return status;
}


RunStatus runAsyncqProgram(ScenarioContext& context, const ProgramArguments& arguments)
{
    return runAsyncq(context, *arguments[0].front().toInt64(), *arguments[1].front().toInt64());
}

// Each count is checked on its own by its parameter; together they must fit the task limit.
std::optional<ArgumentError> validateAsyncq(const ProgramArguments& arguments, const Limits& limits)
{
    const std::int64_t producers = *arguments[0].front().toInt64();
    const std::int64_t consumers = *arguments[1].front().toInt64();
    const std::uint64_t tasks
        = std::uint64_t(std::max<std::int64_t>(producers, 0)) + std::uint64_t(std::max<std::int64_t>(consumers, 0)) + 1;
    if (tasks > limits.maxTasks)
        return ArgumentError { producers >= consumers ? 0u : 1u,
            "too many tasks: -p " + std::to_string(producers) + " -c " + std::to_string(consumers) + " (at most "
                + std::to_string(limits.maxTasks - 1) + " producers and consumers together)" };
    return std::nullopt;
}
} // namespace

const Program& asyncqProgram()
{
    static const Program program {
        .name = "asyncq",
        .fileName = "asyncq.py",
        .summary = "producers and consumers around an asyncio.Queue",
        .listing = listings::asyncq,
        .parameters = {
            ProgramParameter {
                .shape = ProgramParameter::Shape::Integer,
                .key = "producers",
                .label = "Producers",
                .shortFlag = "p",
                .longFlag = "nprod",
                .help = "number of producers",
                .defaultText = "5",
                .countsTasks = true,
            },
            ProgramParameter {
                .shape = ProgramParameter::Shape::Integer,
                .key = "consumers",
                .label = "Consumers",
                .shortFlag = "c",
                .longFlag = "ncon",
                .help = "number of consumers",
                .defaultText = "10",
                .countsTasks = true,
            },
        },
        .run = runAsyncqProgram,
        .validate = validateAsyncq,
    };
    return program;
}

} // namespace sim
