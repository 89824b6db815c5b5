"""Queue workers: task_done, join and cancel, as in the asyncio documentation

Main fills a queue with nine random sleep times, starts three workers, waits with
queue.join() until every item is marked task_done, then cancels the workers, which
would otherwise wait for more forever. Ask the class how long three workers need for
all the items, and how the workers ever stop. On the timeline, look for main waiting on
join while the workers take turns at the queue, then main's cancel ending each worker
inside its queue.get().
"""
import asyncio
import random
import time


async def worker(name: str, queue: asyncio.Queue[float]) -> None:
    while True:
        sleep_for = await queue.get()
        await asyncio.sleep(sleep_for)
        queue.task_done()
        print(f"{name} has slept for {sleep_for:.2f} seconds")


async def main() -> None:
    random.seed(444)
    queue: asyncio.Queue[float] = asyncio.Queue()
    total_sleep_time = 0.0
    for _ in range(9):
        sleep_for = round(random.uniform(0.1, 1.0), 2)
        total_sleep_time += sleep_for
        queue.put_nowait(sleep_for)

    tasks = [asyncio.create_task(worker(f"worker-{i}", queue)) for i in range(3)]
    started_at = time.monotonic()
    await queue.join()
    total_slept_for = time.monotonic() - started_at

    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    print("====")
    print(f"3 workers slept in parallel for {total_slept_for:.1f} seconds")
    print(f"total expected sleep time: {total_sleep_time:.2f} seconds")


asyncio.run(main())
