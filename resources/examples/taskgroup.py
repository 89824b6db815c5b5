"""When a child fails: asyncio.gather versus asyncio.TaskGroup

Three children run together: fast finishes after 1 second, broken raises ValueError
after 2, slow would finish after 3. Ask the class what happens to slow in each half.
On the timeline, gather hands broken's exception to main at once but leaves slow
running (it still finishes, with nobody waiting for it); the TaskGroup cancels slow as
soon as broken fails and raises an ExceptionGroup only when every child has ended.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.0f}"


async def child(name: str, seconds: float, fails: bool = False) -> str:
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{stamp()} {name}: cancelled")
        raise
    if fails:
        print(f"{stamp()} {name}: raises ValueError")
        raise ValueError(name)
    print(f"{stamp()} {name}: done")
    return name


async def main() -> None:
    print("-- gather --")
    try:
        await asyncio.gather(child("fast", 1), child("broken", 2, fails=True), child("slow", 3))
    except ValueError as error:
        print(f"{stamp()} main: gather raised {error!r}")
    await asyncio.sleep(2)  # slow is still running: give it time to finish

    print("-- TaskGroup --")
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(child("fast", 1))
            group.create_task(child("broken", 2, fails=True))
            group.create_task(child("slow", 3))
    except* ValueError as errors:
        print(f"{stamp()} main: TaskGroup raised {errors!r}")


asyncio.run(main())
