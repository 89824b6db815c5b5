"""Cancellation and cleanup: try/finally in a cancelled task

A download task writes a chunk every second; after 2.5 seconds main changes its mind
and cancels it. Ask the class where the task is when the cancel arrives, and whether its
finally block still runs. On the timeline, cancel() only marks the task: CancelledError
is thrown into it at its await (the sleep), its finally block runs and may even await,
and then the task ends cancelled, which main sees when it awaits the task.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.1f}"


async def download() -> None:
    print(f"{stamp()} download: open the file")
    try:
        for chunk in range(5):
            await asyncio.sleep(1)
            print(f"{stamp()} download: wrote chunk {chunk}")
    finally:
        print(f"{stamp()} download: cleanup starts")
        await asyncio.sleep(0.2)  # e.g. flushing and closing the file
        print(f"{stamp()} download: file closed")


async def main() -> None:
    task = asyncio.create_task(download())
    await asyncio.sleep(2.5)
    print(f"{stamp()} main: cancel the download")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"{stamp()} main: the download was cancelled: {task.cancelled()}")


asyncio.run(main())
