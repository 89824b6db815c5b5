# SPDX-License-Identifier: MIT
"""Random small asyncio programs, the same for the same seed (test_generated.py runs them).

    program_generator.py SEED      prints the program of that seed

A program is a few worker coroutines and a main that runs sections one after another. Each
section uses one construct and awaits everything it started, so no task is left for
asyncio.run's teardown (which cancels leftovers in an order that follows memory addresses):

- a worker awaited directly, gathered (with return_exceptions), or run as tasks awaited in turn;
- a task cancelled after a sleep, which may catch CancelledError and clean up;
- wait_for and asyncio.timeout, with timeouts that fire and timeouts that do not;
- an asyncio.Queue, bounded or not: a producer, consumers that get / task_done until they are
  cancelled after join();
- an Event set after waiters line up; a Lock and a Semaphore(2) shared by gathered workers;
- a TaskGroup whose failing child cancels its siblings (except* catches the group); with
  more than one sibling still running, CPython cancels them in an order that follows memory
  addresses, which the recording says (test_generated.py then takes their lines in any order).

Workers print, sleep (0, ties and distinct delays), block the loop with time.sleep, take the
lock or the semaphore, await a later worker, and sometimes raise ValueError. Now and then an
exception escapes the program: a failing worker awaited without a try, or main's own raise.
Standard library only.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

SLEEPS = (0, 0, 0.5, 1, 1, 1, 2)  # zeros and repeats: sleep(0) yields, equal delays tie
BLOCKS = (0.25, 0.5)
TIMEOUTS = (0.5, 1, 1.5, 3, 10)
SECTIONS = ("direct", "gather", "tasks", "cancel", "wait_for", "timeout", "queue", "event", "locked", "taskgroup")


@dataclass
class Worker:
    name: str
    body: list[str]  # lines, indented for a function body
    fails: bool
    catches_cancel: bool


@dataclass
class Program:
    workers: list[Worker] = field(default_factory=list)
    main: list[str] = field(default_factory=list)
    helpers: set[str] = field(default_factory=set)  # consumer / waiter coroutines needed


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.program = Program()
        self.labels = 0

    def label(self, stem: str) -> str:
        self.labels += 1
        return f"{stem}{self.labels}"

    # -- workers --

    def worker(self, index: int, count: int) -> Worker:
        rng = self.rng
        lines = ['print(f"[{now():g}] {name} starts")']
        for step in range(rng.randint(1, 4)):
            lines += self.action(index, count, step)
        fails = rng.random() < 0.25
        if fails:
            lines.append('print(f"[{now():g}] {name} fails")')
            lines.append('raise ValueError(f"{name} failed")')
        else:
            lines.append('print(f"[{now():g}] {name} ends")')
            lines.append('return f"{name} ok"')
        catches = rng.random() < 0.4
        if catches:
            lines = ["try:"] + ["    " + line for line in lines] + [
                "except asyncio.CancelledError:",
                '    print(f"[{now():g}] {name} cleans up")',
                "    raise",
            ]
        return Worker(f"work{index}", lines, fails, catches)

    def action(self, index: int, count: int, step: int) -> list[str]:
        rng = self.rng
        kind = rng.choice(("sleep", "sleep", "sleep", "print", "block", "lock", "semaphore", "nested"))
        if kind == "nested" and index + 1 < count:
            callee = rng.randrange(index + 1, count)
            return [
                "try:",
                f'    print(f"[{{now():g}}] {{name}} got", await work{callee}(name + "/{step}"))',
                "except ValueError as error:",
                '    print(f"[{now():g}] {name} caught", error)',
            ]
        if kind == "print":
            return [f'print(f"[{{now():g}}] {{name}} at step {step}")']
        if kind == "block":
            return [f"time.sleep({rng.choice(BLOCKS)})  # blocks the whole loop"]
        if kind in ("lock", "semaphore"):
            guard = "LOCK" if kind == "lock" else "SEMAPHORE"
            return [
                f"async with {guard}:",
                f'    print(f"[{{now():g}}] {{name}} holds the {kind}")',
                f"    await asyncio.sleep({rng.choice(SLEEPS)})",
            ]
        return [f"await asyncio.sleep({rng.choice(SLEEPS)})"]

    # -- main's sections --

    def pick_worker(self) -> Worker:
        return self.rng.choice(self.program.workers)

    def calls(self, stem: str, least: int = 2, most: int = 4) -> list[tuple[Worker, str]]:
        return [(self.pick_worker(), f"{stem}{i}") for i in range(self.rng.randint(least, most))]

    def section(self, kind: str, escaping: bool) -> list[str]:
        rng = self.rng
        out: list[str] = [f'print(f"[{{now():g}}] main: {kind}")']
        if kind == "direct":
            worker = self.pick_worker()
            call = f'await {worker.name}("{self.label("d")}")'
            if escaping:
                return out + [f"print({call})  # may raise out of the program"]
            return out + ["try:", f"    print({call})", "except ValueError as error:", '    print("main caught", error)']
        if kind == "gather":
            calls = ", ".join(f'{w.name}("{label}")' for w, label in self.calls(self.label("g")))
            return out + [f"print(await asyncio.gather({calls}, return_exceptions=True))"]
        if kind == "tasks":
            stem = self.label("t")
            out += [f"{stem} = ["]
            out += [f'    asyncio.create_task({w.name}("{label}")),' for w, label in self.calls(stem)]
            out += ["]", f"await asyncio.sleep({rng.choice(SLEEPS)})", f"for task in {stem}:", "    try:",
                    "        print(await task)", "    except ValueError as error:", '        print("main caught", error)']
            return out
        if kind == "cancel":
            worker, stem = self.pick_worker(), self.label("c")
            return out + [
                f'{stem} = asyncio.create_task({worker.name}("{stem}"))',
                f"await asyncio.sleep({rng.choice(SLEEPS)})",
                f'print("cancel {stem}:", {stem}.cancel())',
                "try:",
                f"    print(await {stem})",
                "except asyncio.CancelledError:",
                f'    print("{stem} was cancelled")',
                "except ValueError as error:",
                '    print("main caught", error)',
            ]
        if kind in ("wait_for", "timeout"):
            worker, stem, timeout = self.pick_worker(), self.label("w"), rng.choice(TIMEOUTS)
            if kind == "wait_for":
                body = [f'    print(await asyncio.wait_for({worker.name}("{stem}"), timeout={timeout}))']
            else:
                body = [f"    async with asyncio.timeout({timeout}):", f'        print(await {worker.name}("{stem}"))']
            return out + ["try:"] + body + [
                "except TimeoutError:",
                f'    print(f"[{{now():g}}] {stem} timed out")',
                "except ValueError as error:",
                '    print("main caught", error)',
            ]
        if kind == "queue":
            self.program.helpers.add("queue")
            stem = self.label("q")
            consumers, items = rng.randint(1, 3), rng.randint(1, 5)
            return out + [
                f"{stem} = asyncio.Queue(maxsize={rng.choice((0, 0, 1, 2))})",
                f'consumers = [asyncio.create_task(consume({stem}, f"{stem}c{{i}}", {rng.choice(SLEEPS)}))'
                f" for i in range({consumers})]",
                f'await produce({stem}, "{stem}p", {items}, {rng.choice(SLEEPS)})',
                f"await {stem}.join()",
                f'print(f"[{{now():g}}] {stem} joined")',
                "for consumer in consumers:",
                "    consumer.cancel()",
                "print(await asyncio.gather(*consumers, return_exceptions=True))",
            ]
        if kind == "event":
            self.program.helpers.add("event")
            stem = self.label("e")
            return out + [
                f"{stem} = asyncio.Event()",
                f'waiters = [asyncio.create_task(wait_for_event({stem}, f"{stem}w{{i}}")) for i in range({rng.randint(1, 3)})]',
                f"await asyncio.sleep({rng.choice(SLEEPS)})",
                f'print(f"[{{now():g}}] set {stem}")',
                f"{stem}.set()",
                "print(await asyncio.gather(*waiters))",
            ]
        if kind == "locked":
            calls = ", ".join(f'{w.name}("{label}")' for w, label in self.calls(self.label("l"), 2, 3))
            return out + [f"print(await asyncio.gather({calls}, return_exceptions=True))"]
        # taskgroup
        stem = self.label("tg")
        out += ["try:", "    async with asyncio.TaskGroup() as group:"]
        out += [f'        group.create_task({w.name}("{label}"))' for w, label in self.calls(stem)]
        return out + [f'    print("{stem} done")', "except* ValueError as group:",
                      f'    print("{stem} failed:", sorted(str(error) for error in group.exceptions))']

    # -- the whole program --

    def generate(self) -> str:
        rng = self.rng
        count = rng.randint(2, 4)
        self.program.workers = [self.worker(i, count) for i in range(count)]
        sections = [rng.choice(SECTIONS) for _ in range(rng.randint(1, 4))]
        escape = rng.random() < 0.2
        escape_at = rng.randrange(len(sections)) if escape else -1
        for i, kind in enumerate(sections):
            self.program.main += self.section("direct" if i == escape_at else kind, i == escape_at)
        if rng.random() < 0.1:
            self.program.main += ['raise RuntimeError("main gives up")']
        return self.render()

    def render(self) -> str:
        out = ["import asyncio", "import time", "", "LOCK = asyncio.Lock()", "SEMAPHORE = asyncio.Semaphore(2)", "", "",
               "def now() -> float:", "    return asyncio.get_running_loop().time()", ""]
        for worker in self.program.workers:
            out += ["", f"async def {worker.name}(name: str) -> str:"] + ["    " + line for line in worker.body] + [""]
        if "queue" in self.program.helpers:
            out += ["", "async def produce(queue: asyncio.Queue[int], name: str, count: int, pause: float) -> None:",
                    "    for item in range(count):",
                    "        await queue.put(item)",
                    '        print(f"[{now():g}] {name} put {item}, size {queue.qsize()}")',
                    "        await asyncio.sleep(pause)", "",
                    "", "async def consume(queue: asyncio.Queue[int], name: str, pause: float) -> None:",
                    "    try:",
                    "        while True:",
                    "            item = await queue.get()",
                    '            print(f"[{now():g}] {name} got {item}")',
                    "            await asyncio.sleep(pause)",
                    "            queue.task_done()",
                    "    except asyncio.CancelledError:",
                    '        print(f"[{now():g}] {name} stops")',
                    "        raise", ""]
        if "event" in self.program.helpers:
            out += ["", "async def wait_for_event(event: asyncio.Event, name: str) -> str:",
                    '    print(f"[{now():g}] {name} waits")',
                    "    await event.wait()",
                    '    print(f"[{now():g}] {name} woke")',
                    "    return name", ""]
        out += ["", "async def main() -> None:"] + ["    " + line for line in self.program.main]
        out += ['    print(f"[{now():g}] main ends")', "", "", "asyncio.run(main())", ""]
        return "\n".join(out)


def generate(seed: int) -> str:
    """The program of `seed`: the same text for the same seed, on any machine."""
    return Generator(seed).generate()


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1])))
