"""Awaiting a coroutine runs it now; create_task runs it later

Both halves call say("a") three times and then print "b". The first awaits each
coroutine, the second wraps each in a task with asyncio.create_task. Ask the class to
write down both outputs before running it. On the timeline, the awaited coroutines run
inside main's own step (there are no new tasks), so the output is a, a, a, b; the
created tasks only join the ready queue, so main prints "b" first and the tasks run
when main waits for them: b, a, a, a.
"""
import asyncio


async def say(word: str) -> None:
    print(word)


async def awaiting() -> None:
    for _ in range(3):
        await say("a")
    print("b")


async def creating_tasks() -> None:
    tasks = [asyncio.create_task(say("a")) for _ in range(3)]
    print("b")
    await asyncio.gather(*tasks)


async def main() -> None:
    print("-- await say('a') three times --")
    await awaiting()
    print("-- create_task(say('a')) three times --")
    await creating_tasks()


asyncio.run(main())
