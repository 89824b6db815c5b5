"""A Semaphore: at most two downloads at a time

Five downloads of different lengths start together, but asyncio.Semaphore(2) lets only
two in at once. Ask the class which downloads start right away and when the others get
their turn. On the timeline, three tasks wait on the semaphore from the start; each time
a download leaves the `async with` block, the next waiting one is woken, so never more
than two are sleeping at the same time.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.1f}"


async def download(limit: asyncio.Semaphore, name: str, seconds: float) -> None:
    print(f"{stamp()} {name}: waiting for a slot")
    async with limit:
        print(f"{stamp()} {name}: downloading for {seconds} s")
        await asyncio.sleep(seconds)
        print(f"{stamp()} {name}: done")


async def main() -> None:
    limit = asyncio.Semaphore(2)
    lengths = {"a": 1.0, "b": 1.5, "c": 1.0, "d": 2.0, "e": 0.8}
    await asyncio.gather(*(download(limit, name, seconds) for name, seconds in lengths.items()))


asyncio.run(main())
