"""A deadline: asyncio.wait_for gives up and cancels what it waited for

Main asks a slow coroutine that needs 3 seconds for an answer, first with a 1 second
timeout, then with 5. Ask the class what the first wait_for does at 1 second, and what
happens to the slow coroutine then. On the timeline, wait_for's timer falls due first:
it cancels the slow task, which sees CancelledError inside its sleep, and main gets
TimeoutError; the second time the answer comes before the deadline.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.0f}"


async def slow_answer() -> int:
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError:
        print(f"{stamp()} slow_answer: cancelled")
        raise
    return 42


async def main() -> None:
    try:
        answer = await asyncio.wait_for(slow_answer(), timeout=1)
        print(f"{stamp()} main: got {answer}")
    except TimeoutError:
        print(f"{stamp()} main: timed out after 1 second")
    answer = await asyncio.wait_for(slow_answer(), timeout=5)
    print(f"{stamp()} main: got {answer} within 5 seconds")


asyncio.run(main())
