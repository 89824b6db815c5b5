"""Every construct trace format 3 added, in one small program (tests/data/recorded/)."""
import asyncio


def report(what: str) -> None:
    print("callback:", what)


async def deposit(lock: asyncio.Lock, name: str) -> None:
    async with lock:
        print(name, "holds the lock")
        await asyncio.sleep(1)


async def download(slots: asyncio.Semaphore, name: str) -> None:
    async with slots:
        await asyncio.sleep(1)
        print(name, "downloaded")


async def listener(ready: asyncio.Event, changed: asyncio.Condition) -> None:
    await ready.wait()
    async with changed:
        await changed.wait()
    print("listener notified")


async def slow() -> int:
    await asyncio.sleep(5)
    return 1


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_soon(report, "soon")
    loop.call_later(0.5, report, "later")
    lock = asyncio.Lock()
    await asyncio.gather(deposit(lock, "alice"), deposit(lock, "bob"))
    slots = asyncio.Semaphore(1)
    await asyncio.gather(download(slots, "a"), download(slots, "b"))
    ready, changed = asyncio.Event(), asyncio.Condition()
    task = asyncio.create_task(listener(ready, changed))
    await asyncio.sleep(0)
    ready.set()
    await asyncio.sleep(0)
    async with changed:
        changed.notify_all()
    await task
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(3)
    except TimeoutError:
        print("asyncio.timeout expired")
    try:
        await asyncio.wait_for(slow(), timeout=1)
    except TimeoutError:
        print("wait_for timed out")
    await slots.acquire()
    await asyncio.create_task(give_back(slots), name="stranger")


async def give_back(slots: asyncio.Semaphore) -> None:
    slots.release()  # a semaphore has no owner: a task holding no slot may release one


asyncio.run(main())
