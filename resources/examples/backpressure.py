"""Backpressure: a bounded queue makes a fast producer wait

The producer could make six items at once, but the queue holds only two
(asyncio.Queue(maxsize=2)) and the consumer needs a second per item. Ask the class when
the producer will finish putting, and what it does in between. On the timeline, the
producer's put waits whenever the queue is full and wakes only when the consumer's get
makes room: the fast producer is held to the slow consumer's pace.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.0f}"


async def producer(queue: asyncio.Queue[int | None]) -> None:
    for item in range(6):
        await queue.put(item)  # waits while the queue is full
        print(f"{stamp()} producer: put {item} (queue holds {queue.qsize()})")
    await queue.put(None)  # tells the consumer there is no more
    print(f"{stamp()} producer: finished")


async def consumer(queue: asyncio.Queue[int | None]) -> None:
    while (item := await queue.get()) is not None:
        await asyncio.sleep(1)  # the slow part
        print(f"{stamp()} consumer: done with {item}")


async def main() -> None:
    queue: asyncio.Queue[int | None] = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))


asyncio.run(main())
