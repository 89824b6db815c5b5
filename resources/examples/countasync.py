"""Counting together: asyncio.sleep in gathered coroutines

The same three counts as countsync.py, but each count awaits asyncio.sleep and main
gathers them. Ask the class to predict the order of the words and the total time before
running it. On the timeline, look for the three count tasks each printing "One" and then
giving the loop back at their await: all three sleep at the same time, so every "One"
comes before any "Two" and the run takes 1 second instead of 3.
"""
import asyncio
import time


async def count() -> None:
    print("One")
    await asyncio.sleep(1)
    print("Two")


async def main() -> None:
    await asyncio.gather(count(), count(), count())


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - start
    print(f"executed in {elapsed:0.1f} seconds.")
