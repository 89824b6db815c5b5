"""Counting in turn: time.sleep in a plain loop

Before running it, ask the class: each count prints "One", sleeps for one second and
prints "Two"; three counts run one after another, so in which order do the words appear
and how long does the whole program take? On the timeline there is a single task, main,
and a single step: all three counts, sleeps included, happen inside it, since time.sleep
never gives the loop back. Nothing else could run meanwhile, and when the step ends the
clock already stands at 3 seconds. Then run countasync.py.
"""
import asyncio
import time


def count() -> None:
    print("One")
    time.sleep(1)
    print("Two")


async def main() -> None:
    for _ in range(3):
        count()


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - start
    print(f"executed in {elapsed:0.1f} seconds.")
