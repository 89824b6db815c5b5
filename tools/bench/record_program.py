# SPDX-License-Identifier: MIT
"""The program record_bench records (README, Benchmarks): producers pass items through an
asyncio.Queue to consumers, every task yielding with asyncio.sleep(0), so a plain
`python3 record_program.py` never waits in real time and its wall time is CPython's own
cost. About 10,000 task steps at the default size.

    python3 record_program.py [ITEMS] [WORKERS]
"""

import asyncio
import sys


async def produce(queue, first, count):
    for item in range(first, first + count):
        await queue.put(item)
        await asyncio.sleep(0)


async def consume(queue, totals, worker):
    while True:
        item = await queue.get()
        totals[worker] += item
        await asyncio.sleep(0)
        queue.task_done()


async def main(items, workers):
    queue = asyncio.Queue(maxsize=workers)
    totals = [0] * workers
    per_producer = items // workers
    consumers = [asyncio.create_task(consume(queue, totals, w)) for w in range(workers)]
    await asyncio.gather(*(produce(queue, w * per_producer, per_producer) for w in range(workers)))
    await queue.join()
    for task in consumers:
        task.cancel()
    print(f"{per_producer * workers} items, total {sum(totals)}")


if __name__ == "__main__":
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    asyncio.run(main(items, workers))
