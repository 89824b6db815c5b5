"""One blocking call freezes every task: time.sleep versus await asyncio.sleep

A ticker wants to tick once a second while another task does three seconds of work,
first with time.sleep(3), then with await asyncio.sleep(3). Ask the class when the
ticker's second tick will come in each half. On the timeline, the worker's time.sleep
happens inside one step, which the loop cannot interrupt: that step is a bar 3 seconds
long marked "blocking the loop", and the ticker's timer falls due at 1 second but its
"sleeping 1 s" lasts until 3, when the worker's step ends, so its ticks come late. With await, the worker waits off the loop and the ticker keeps its beat.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.1f}"


async def ticker() -> None:
    for tick in range(3):
        print(f"{stamp()} ticker: tick {tick}")
        await asyncio.sleep(1)


async def blocking_work() -> None:
    print(f"{stamp()} worker: time.sleep(3)")
    time.sleep(3)  # holds the loop: no other task can run meanwhile
    print(f"{stamp()} worker: done")


async def awaiting_work() -> None:
    print(f"{stamp()} worker: await asyncio.sleep(3)")
    await asyncio.sleep(3)  # gives the loop back until the timer falls due
    print(f"{stamp()} worker: done")


async def main() -> None:
    print("-- blocking --")
    await asyncio.gather(ticker(), blocking_work())
    print("-- awaiting --")
    await asyncio.gather(ticker(), awaiting_work())


asyncio.run(main())
