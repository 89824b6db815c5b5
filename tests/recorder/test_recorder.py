#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of resources/recorder/loopscope_record.py on small teaching programs.

    test_recorder.py [--loopscope PATH/TO/loopscope] [unittest options]

Each program is recorded and checked: what it prints equals what plain `python3 program.py`
prints, and its trace says what CPython did (tasks, waits, causes). With --loopscope, every
trace is also read back by the app (`loopscope print FILE.jsonl`), whose reader checks each
event against the loop state it rebuilds. Exits 77 (a skip) when this Python is not
CPython 3.11. Standard library only.
"""

from __future__ import annotations

import importlib.util
import json
import os
import py_compile
import subprocess
import sys
import tempfile
import textwrap
import unittest
from dataclasses import dataclass
from typing import Any, Optional

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RECORDER = os.path.join(ROOT, "resources", "recorder", "loopscope_record.py")
EXIT_SKIP = 77
LOOPSCOPE: Optional[str] = None  # set from --loopscope


@dataclass
class Recorded:
    code: int
    stdout: str
    stderr: str
    path: str

    def header(self) -> dict[str, Any]:
        with open(self.path, encoding="utf-8") as f:
            return dict(json.loads(f.readline()))

    def events(self) -> list[dict[str, Any]]:
        with open(self.path, encoding="utf-8") as f:
            return [json.loads(line) for line in f.read().splitlines()[1:]]

    def kinds(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events() if e["kind"] == kind]


class RecorderTestCase(unittest.TestCase):
    def setUp(self) -> None:
        self._directory = tempfile.TemporaryDirectory(prefix="loopscope-recorder-test-")
        self.directory = self._directory.name
        self._recordings = 0

    def tearDown(self) -> None:
        self._directory.cleanup()

    def program(self, name: str, source: str) -> str:
        path = os.path.join(self.directory, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        return path

    def record(self, program: str, *options: str, args: tuple[str, ...] = (), timeout: float = 60) -> Recorded:
        self._recordings += 1
        output = os.path.join(self.directory, f"{os.path.basename(program)}.{self._recordings}.jsonl")
        command = [sys.executable, RECORDER, *options, program, *args, "-o", output]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        return Recorded(proc.returncode, proc.stdout, proc.stderr, output)

    def python(self, program: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, program], capture_output=True, text=True, timeout=60,
                              check=False, cwd=self.directory)

    def assert_app_reads(self, recorded: Recorded, expected_code: int = 0) -> None:
        """The app reads the trace back: every event consistent, the same printed lines."""
        if LOOPSCOPE is None:
            return
        proc = subprocess.run([LOOPSCOPE, "print", recorded.path], capture_output=True, text=True, timeout=60,
                              check=False)
        self.assertEqual(proc.returncode, expected_code, proc.stderr)
        printed = "".join(e["text"] + "\n" for e in recorded.kinds("printed"))
        self.assertEqual(proc.stdout, printed)

    def assert_same_as_python(self, program: str) -> Recorded:
        expected = self.python(program)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 0, recorded.stderr)
        self.assertEqual(recorded.stdout, expected.stdout)
        self.assertEqual([e["text"] for e in recorded.kinds("printed")], expected.stdout.splitlines())
        self.assertEqual(recorded.header()["status"], "completed")
        self.assert_app_reads(recorded)
        return recorded


def task_named(recorded: Recorded, name: str) -> int:
    return int(next(e["task"] for e in recorded.kinds("task_created") if e["name"] == name))


class TeachingPrograms(RecorderTestCase):
    """Short programs a class steps through: the output is Python's, the trace explains it."""

    def test_gather_runs_coroutines_concurrently_sequential_awaits_do_not(self) -> None:
        # Plain python3 runs it on the real clock: the gather's margin (0.5 s) outlasts a
        # loaded machine's delays (0.01 s margins printed "gather False" under a CI build).
        program = self.program("gather.py", """\
            import asyncio, time
            async def work(name, delay):
                print(f"{name} starts")
                await asyncio.sleep(delay)
                print(f"{name} ends")
            async def main():
                start = time.perf_counter()
                await work("a", 1.0)
                await work("b", 0.5)
                print("sequential", round(time.perf_counter() - start, 2) >= 1.5)
                start = time.perf_counter()
                await asyncio.gather(work("c", 1.0), work("d", 0.5))
                print("gather", round(time.perf_counter() - start, 2) < 1.5)
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        program_header = recorded.header()["program"]
        self.assertEqual((program_header["name"], program_header["file"], program_header["recorded"]),
                         ("gather", "gather.py", True))
        # The awaited coroutines run inside main's task; gather wraps each in a task of its own.
        names = [e["name"] for e in recorded.kinds("task_created") if not e["internal"]]
        self.assertEqual(names, ["main", "work c", "work d"])
        main_waits = [e["waits"] for e in recorded.kinds("step_ended") if e["task"] == 0]
        self.assertEqual(main_waits, ["sleep", "sleep", "gather", "done"])
        # main wakes from gather because gather's callback for its last child completed it.
        wakeup = [e for e in recorded.kinds("handle_queued") if e["task"] == 0 and e["handle"] == "task_wakeup"][-1]
        self.assertEqual((wakeup["cause"], wakeup["cause_task"]), ("gather", task_named(recorded, "work c")))

    def test_create_task_runs_later_await_coro_runs_now(self) -> None:
        program = self.program("create_task.py", """\
            import asyncio
            async def child(n):
                print("child", n, "runs")
                await asyncio.sleep(0.01)
                print("child", n, "done")
            async def main():
                await child(1)
                t = asyncio.create_task(child(2), name="the child")
                print("created, not run yet")
                await t
                print("awaited the task")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        child = task_named(recorded, "the child")
        created = next(e for e in recorded.kinds("task_created") if e["task"] == child)
        self.assertEqual(created["creator"], 0)
        queued = next(e for e in recorded.kinds("handle_queued") if e["task"] == child)
        self.assertEqual((queued["handle"], queued["cause"], queued["cause_task"]), ("task_step", "created", 0))
        # main awaits the task: a wait on that task, and the child's end wakes it.
        awaiting = [e for e in recorded.kinds("step_ended") if e["task"] == 0 and e["waits"] == "task"]
        self.assertEqual((awaiting[0]["awaited_task"], awaiting[0]["line"]), (child, 10))
        wakeup = [e for e in recorded.kinds("handle_queued") if e["task"] == 0 and e["handle"] == "task_wakeup"][-1]
        self.assertEqual((wakeup["cause"], wakeup["cause_task"]), ("task_finished", child))

    def test_queue_with_task_done_and_join(self) -> None:
        program = self.program("queue.py", """\
            import asyncio
            async def worker(name, q):
                while True:
                    item = await q.get()
                    print(f"{name} got {item}")
                    await asyncio.sleep(0.01)
                    q.task_done()
            async def main():
                q = asyncio.Queue(maxsize=2)
                workers = [asyncio.create_task(worker(f"w{i}", q)) for i in range(2)]
                for i in range(5):
                    await q.put(i)
                await q.join()
                for w in workers:
                    w.cancel()
                print("all done")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        self.assertEqual([e["maxsize"] for e in recorded.kinds("queue_created")], [2])
        self.assertEqual([e["item"] for e in recorded.kinds("queue_put")], ["0", "1", "2", "3", "4"])
        self.assertEqual(sorted(e["item_id"] for e in recorded.kinds("queue_get")), [0, 1, 2, 3, 4])
        self.assertEqual([e["unfinished"] for e in recorded.kinds("task_done_called")][-1], 0)
        lists = {(e["kind"], e["list"]) for e in recorded.events() if e["kind"].startswith("waiter_")}
        self.assertIn(("waiter_added", "putters"), lists)  # the bounded queue made main wait
        self.assertIn(("waiter_woken", "join"), lists)
        finished = {e["task_name"]: e["outcome"] for e in recorded.kinds("task_finished")}
        self.assertEqual((finished["worker w0"], finished["worker w1"]), ("cancelled", "cancelled"))

    def test_sleep_0_yields_to_the_back_of_the_ready_queue(self) -> None:
        program = self.program("sleep0.py", """\
            import asyncio
            async def spin(name, n):
                for i in range(n):
                    print(name, i)
                    await asyncio.sleep(0)
            async def main():
                await asyncio.gather(spin("x", 3), spin("y", 2))
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        self.assertEqual(recorded.kinds("timer_scheduled"), [])
        x = task_named(recorded, "spin x")
        yields = [e for e in recorded.kinds("step_ended") if e["task"] == x and e["waits"] == "yield"]
        self.assertEqual([e["line"] for e in yields], [5, 5, 5])
        requeued = [e for e in recorded.kinds("handle_queued") if e["task"] == x and e["cause"] == "yield"]
        self.assertEqual(len(requeued), 3)

    def test_task_group_and_wait_for(self) -> None:
        program = self.program("group.py", """\
            import asyncio
            async def job(n):
                await asyncio.sleep(0.01 * n)
                return n
            async def main():
                async with asyncio.TaskGroup() as tg:
                    tasks = [tg.create_task(job(n), name=f"j{n}") for n in (3, 1, 2)]
                print([t.result() for t in tasks])
                try:
                    await asyncio.wait_for(job(9), timeout=0.01)
                except TimeoutError:
                    print("timed out")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        finished = [e["task_name"] for e in recorded.kinds("task_finished") if not e["task_name"].startswith("shut")]
        self.assertEqual(finished[:3], ["j1", "j2", "j3"])  # the names given to TaskGroup.create_task
        self.assertIn("job 9", finished)


class CallbacksAndSyncObjects(RecorderTestCase):
    """Callbacks named by their function, waits on Lock / Semaphore / Event / Condition and on
    a task with the object waited on, cancellation by a callback, uncancel."""

    def test_call_soon_and_call_later_callbacks_are_named(self) -> None:
        program = self.program("callbacks.py", """\
            import asyncio
            def report(what):
                print("report", what)
            async def main():
                loop = asyncio.get_running_loop()
                loop.call_later(1, report, "later")
                loop.call_soon(report, "soon")
                await asyncio.sleep(2)
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        timers = recorded.kinds("timer_scheduled")
        self.assertEqual([(e["callback"], e["when"], e["task_name"]) for e in timers if "callback" in e],
                         [("report", 1, "main")])
        self.assertNotIn("callback", timers[-1])  # main's sleep: a sleep's timer names no function
        queued = [e for e in recorded.kinds("handle_queued") if e["handle"] == "callback"]
        self.assertEqual([(e["callback"], e["cause"], e["cause_task"]) for e in queued], [("report", "task_step", 0)])
        ran = [e.get("callback") for e in recorded.kinds("handle_run") if e["handle"] in ("callback", "timer_callback")]
        self.assertEqual(ran, ["report", None, None])  # call_soon's, then the two timers (by their id)

    def test_asyncio_timeout_cancels_by_its_callback_and_uncancels(self) -> None:
        program = self.program("deadline.py", """\
            import asyncio
            async def main():
                try:
                    async with asyncio.timeout(1):
                        await asyncio.sleep(5)
                except TimeoutError:
                    print("timed out")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        timer = next(e for e in recorded.kinds("timer_scheduled") if "callback" in e)
        self.assertEqual(timer["callback"], "Timeout._on_timeout")
        cancel = recorded.kinds("cancel_requested")[0]
        self.assertEqual((cancel["task"], cancel["by"], cancel["by_callback"], cancel["t"]),
                         (0, None, "Timeout._on_timeout", 1))
        uncancel = recorded.kinds("uncancelled")
        self.assertEqual([(e["task"], e["by"], e["cancelling"], e["line"]) for e in uncancel], [(0, 0, 0, 4)])
        # The wake-up the cancellation queued comes from that timer.
        wakeup = [e for e in recorded.kinds("handle_queued") if e["handle"] == "task_wakeup" and e["t"] == 1][0]
        self.assertEqual((wakeup["cause"], wakeup["cause_timer"]), ("timer", timer["timer"]))

    def test_wait_for_timeout_fires_its_timer_and_its_done_callback(self) -> None:
        program = self.program("waitfor.py", """\
            import asyncio
            async def slow():
                await asyncio.sleep(3)
            async def main():
                try:
                    await asyncio.wait_for(slow(), timeout=1)
                except TimeoutError:
                    print("timed out")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        slow = task_named(recorded, "slow")
        timer = next(e for e in recorded.kinds("timer_scheduled") if "callback" in e)
        self.assertEqual((timer["callback"], timer["when"]), ("_release_waiter", 1))
        # In 3.11 the timer wakes main, which cancels the task it waited for.
        self.assertEqual([(e["task"], e["by"]) for e in recorded.kinds("cancel_requested")], [(slow, 0)])
        done = [e for e in recorded.kinds("handle_queued") if e["handle"] == "callback"]
        self.assertEqual([(e["callback"], e["task"], e["cause"], e["cause_task"]) for e in done],
                         [("_release_waiter", slow, "task_finished", slow)])
        main_woken = [e for e in recorded.kinds("handle_queued") if e["handle"] == "task_wakeup" and e["task"] == 0]
        self.assertEqual([e["cause"] for e in main_woken][-2:], ["timer", "callback"])
        self.assertEqual(main_woken[-1]["cause_callback"], "_release_waiter")

    def test_task_group_cancels_the_siblings_of_a_failing_child_by_its_callback(self) -> None:
        program = self.program("group_fails.py", """\
            import asyncio
            async def fails():
                await asyncio.sleep(1)
                raise ValueError("no")
            async def sleeper():
                await asyncio.sleep(5)
            async def main():
                try:
                    async with asyncio.TaskGroup() as tg:
                        tg.create_task(fails(), name="fails")
                        tg.create_task(sleeper(), name="sleeper")
                        await asyncio.sleep(10)  # the group cancels main here, and uncancels it on leaving
                except* ValueError:
                    print("the group failed")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        by_callback = {e["task_name"]: e.get("by_callback") for e in recorded.kinds("cancel_requested")}
        self.assertEqual(by_callback, {"sleeper": "TaskGroup._on_task_done", "main": "TaskGroup._on_task_done"})
        self.assertEqual([e["task_name"] for e in recorded.kinds("uncancelled")], ["main"])

    def test_lock_waits_name_the_lock_and_who_holds_it(self) -> None:
        program = self.program("lock.py", """\
            import asyncio
            async def worker(name, lock):
                async with lock:
                    print(name, "in")
                    await asyncio.sleep(1)
            async def main():
                lock = asyncio.Lock()
                await asyncio.gather(worker("a", lock), worker("b", lock), worker("c", lock))
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        self.assertEqual([(e["sync"], e["sync_kind"], e["task_name"]) for e in recorded.kinds("sync_created")],
                         [(0, "lock", "main")])
        a, b, c = (task_named(recorded, name) for name in ("worker a", "worker b", "worker c"))
        holders = [(e["kind"], e["task"]) for e in recorded.events() if e["kind"] in ("lock_acquired", "lock_released")]
        self.assertEqual(holders, [("lock_acquired", a), ("lock_released", a), ("lock_acquired", b),
                                   ("lock_released", b), ("lock_acquired", c), ("lock_released", c)])
        waits = [(e["task"], e["sync"], e["line"]) for e in recorded.kinds("step_ended") if e["waits"] == "lock"]
        self.assertEqual(waits, [(b, 0, 3), (c, 0, 3)])
        line = [(e["kind"], e["task"]) for e in recorded.events()
                if e["kind"].startswith("waiter_") and e["list"] == "waiters"]
        self.assertEqual(line, [("waiter_added", b), ("waiter_added", c), ("waiter_woken", b), ("waiter_removed", b),
                                ("waiter_woken", c), ("waiter_removed", c)])
        self.assertTrue(all(e["sync"] == 0 and e["future_kind"] == "sync_waiter" for e in recorded.kinds("waiter_added")))

    def test_semaphore_slots_are_held_by_who_takes_them_or_is_handed_them(self) -> None:
        program = self.program("slots.py", """\
            import asyncio
            tasks = {}
            async def worker(name, slots):
                async with slots:
                    print(name, "in")
                    await asyncio.sleep(1)
                if name == "a":
                    tasks["b"].cancel()  # b was just handed the slot: it gives it back, to c
            async def stranger(slots):
                slots.release()  # it holds no slot
            async def main():
                slots = asyncio.Semaphore(1)
                for name in "abc":
                    tasks[name] = asyncio.create_task(worker(name, slots), name=name)
                await asyncio.gather(*tasks.values(), return_exceptions=True)
                await slots.acquire()
                await asyncio.create_task(stranger(slots), name="stranger")
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        main, a, b, c, stranger = (task_named(recorded, name) for name in ("main", "a", "b", "c", "stranger"))
        slots = [(e["kind"], e["task"]) for e in recorded.events() if e["kind"].startswith("semaphore_")]
        # A release hands the slot to the waiter it wakes, in the releaser's step; the
        # cancelled b gives back the slot it was handed; release() needs no slot of its own.
        self.assertEqual(slots, [("semaphore_acquired", a), ("semaphore_released", a), ("semaphore_acquired", b),
                                 ("semaphore_released", b), ("semaphore_acquired", c), ("semaphore_released", c),
                                 ("semaphore_acquired", main), ("semaphore_released", stranger)])
        handed = [(e["kind"], e["task"]) for e in recorded.events()
                  if e["kind"] in ("waiter_woken", "semaphore_acquired") and e["task"] in (b, c)]
        self.assertEqual(handed, [("waiter_woken", b), ("semaphore_acquired", b),
                                  ("waiter_woken", c), ("semaphore_acquired", c)])
        self.assertTrue(all(e["sync"] == 0 for e in recorded.events() if e["kind"].startswith("semaphore_")))

    def test_semaphore_event_and_condition_waits(self) -> None:
        program = self.program("sync.py", """\
            import asyncio
            async def limited(slots):
                async with slots:
                    await asyncio.sleep(1)
            async def listener(ready, changed):
                await ready.wait()
                async with changed:
                    await changed.wait()
                print("notified")
            async def main():
                slots = asyncio.BoundedSemaphore(1)
                await asyncio.gather(limited(slots), limited(slots))
                ready, changed = asyncio.Event(), asyncio.Condition()
                task = asyncio.create_task(listener(ready, changed))
                await asyncio.sleep(0)
                ready.set()
                await asyncio.sleep(0)
                async with changed:
                    changed.notify()
                await task
                q = asyncio.Queue()  # its own join event is the queue's, not an object of the program
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        created = [(e["sync"], e["sync_kind"], e["value"]) for e in recorded.kinds("sync_created")]
        # The condition makes a lock of its own first.
        self.assertEqual(created, [(0, "semaphore", 1), (1, "event", 0), (2, "lock", 0), (3, "condition", 0)])
        waits = [(e["waits"], e["sync"]) for e in recorded.kinds("step_ended") if "sync" in e]
        self.assertEqual(waits, [("semaphore", 0), ("event", 1), ("condition", 3)])
        woken = [(e["sync"], e["task_name"]) for e in recorded.kinds("waiter_woken") if e["list"] == "waiters"]
        self.assertEqual(woken, [(0, "limited #2"), (1, "listener"), (3, "listener")])
        # await task: the task waited on, and its end wakes main.
        awaited = [e["awaited_task"] for e in recorded.kinds("step_ended") if e["waits"] == "task"]
        self.assertEqual(awaited, [task_named(recorded, "listener")])

    def test_the_committed_trace_of_every_construct_is_current(self) -> None:
        """tests/data/recorded/sync.jsonl, which the app's tests read, is what the recorder
        writes today (recorded again with this command when the format changes)."""
        source = os.path.join(ROOT, "tests", "data", "recorded", "sync.py")
        recorded = self.record(source)
        self.assertEqual(recorded.code, 0, recorded.stderr)
        with open(recorded.path, encoding="utf-8") as new, \
                open(os.path.join(ROOT, "tests", "data", "recorded", "sync.jsonl"), encoding="utf-8") as committed:
            self.assertEqual(new.read(), committed.read())


class Outcomes(RecorderTestCase):
    """Deadlocks, limits, refusals, failures and the file itself."""

    def test_deadlock_is_recorded_and_reported(self) -> None:
        program = self.program("deadlock.py", """\
            import asyncio
            async def main():
                q = asyncio.Queue()
                print("waiting for an item nobody puts")
                await q.get()
            asyncio.run(main())
            """)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 3)
        self.assertIn("deadlock", recorded.stderr)
        self.assertEqual(recorded.stdout, "waiting for an item nobody puts\n")
        self.assertEqual(recorded.events()[-1]["kind"], "deadlock")
        self.assertEqual(recorded.header()["status"], "deadlock")
        self.assert_app_reads(recorded, expected_code=3)

    def test_a_thread_is_refused_naming_its_line(self) -> None:
        program = self.program("thread.py", """\
            import asyncio, threading
            async def main():
                print("before")
                threading.Thread(target=print).start()
            asyncio.run(main())
            """)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 6)
        self.assertIn("thread.py, line 4: a thread cannot be replayed in virtual time", recorded.stderr)
        self.assertFalse(os.path.exists(recorded.path))

    def test_to_thread_and_sockets_are_refused(self) -> None:
        program = self.program("io.py", """\
            import asyncio, time
            async def main():
                try:
                    await asyncio.open_connection("localhost", 80)
                except RuntimeError as error:
                    print(type(error).__name__)
                await asyncio.to_thread(time.sleep, 1)
            asyncio.run(main())
            """)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 6)
        self.assertIn("io.py, line 4: a network connection", recorded.stderr)  # the first refusal
        self.assertEqual(recorded.stdout, "NotReplayableError\n")

    def test_subprocesses_and_signal_handlers_are_refused(self) -> None:
        cases = {
            "proc.py": ("import asyncio, subprocess\nasync def main():\n    subprocess.run(['true'])\n"
                        "asyncio.run(main())\n", "proc.py, line 3: a subprocess"),
            "aproc.py": ("import asyncio\nasync def main():\n    await asyncio.create_subprocess_exec('true')\n"
                         "asyncio.run(main())\n", "aproc.py, line 3: a subprocess"),
            "sig.py": ("import asyncio, signal\nasync def main():\n    asyncio.get_running_loop()"
                       ".add_signal_handler(signal.SIGINT, print)\nasyncio.run(main())\n", "sig.py, line 3: a signal"),
            "alarm.py": ("import asyncio, signal\nsignal.signal(signal.SIGALRM, print)\n"
                         "asyncio.run(asyncio.sleep(0))\n", "alarm.py, line 2: a signal"),
        }
        for name, (source, message) in cases.items():
            with self.subTest(name):
                recorded = self.record(self.program(name, source))
                self.assertEqual(recorded.code, 6, recorded.stderr)
                self.assertIn(message, recorded.stderr)
                self.assertFalse(os.path.exists(recorded.path))

    def test_a_program_without_asyncio_is_refused(self) -> None:
        recorded = self.record(self.program("plain.py", "print('no event loop here')\n"))
        self.assertEqual(recorded.code, 6)
        self.assertEqual(recorded.stdout, "no event loop here\n")
        self.assertIn("plain.py ran no asyncio task", recorded.stderr)
        self.assertFalse(os.path.exists(recorded.path))

    def test_step_limit(self) -> None:
        program = self.program("spin.py", """\
            import asyncio
            async def main():
                while True:
                    await asyncio.sleep(0)
            asyncio.run(main())
            """)
        recorded = self.record(program, "--limit-steps", "500")
        self.assertEqual(recorded.code, 4)
        self.assertIn("500 scheduler steps", recorded.stderr)
        self.assertEqual(recorded.header()["status"], "limit_reached")
        self.assertEqual(recorded.header()["handles_run"], 500)
        self.assertEqual(recorded.events()[-1], {"i": len(recorded.events()) - 1, "kind": "limit_reached",
                                                 "limit": "handles", "t": 0})
        self.assert_app_reads(recorded, expected_code=1)

    def test_output_limit_stops_a_step_that_prints_forever(self) -> None:
        program = self.program("chatty.py", """\
            import asyncio
            async def main():
                while True:
                    print("x" * 99)
            asyncio.run(main())
            """)
        recorded = self.record(program, "--limit-output", "5000")
        self.assertEqual(recorded.code, 4)
        self.assertEqual(len(recorded.kinds("printed")), 50)
        self.assertEqual(recorded.events()[-1]["limit"], "trace_events")
        self.assert_app_reads(recorded, expected_code=1)

    def test_wall_clock_limit_stops_a_busy_loop(self) -> None:
        program = self.program("busy.py", """\
            import asyncio
            async def main():
                while True:
                    pass
            asyncio.run(main())
            """)
        recorded = self.record(program, "--limit-seconds", "0.5", timeout=20)
        self.assertEqual(recorded.code, 4)
        self.assertIn("0.5 s of real time", recorded.stderr)
        self.assertEqual(recorded.events()[-1]["kind"], "limit_reached")

    def test_an_exception_caught_from_an_awaited_task_does_not_chain_to_a_later_one(self) -> None:
        # The task wakes with the child's ValueError thrown in; once caught, it is gone: a
        # later exception of the same step has no "During handling of the above exception".
        program = self.program("chain.py", """\
            import asyncio
            async def child():
                await asyncio.sleep(1)
                raise ValueError("child failed")
            async def main():
                try:
                    await asyncio.create_task(child())
                except ValueError as error:
                    print("caught", error)
                raise RuntimeError("main gives up")
            asyncio.run(main())
            """)
        expected = self.python(program)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 5)
        self.assertNotIn("During handling", expected.stderr)
        self.assertEqual(recorded.stderr, expected.stderr)
        self.assert_app_reads(recorded, expected_code=1)

    def test_an_escaping_exception_prints_pythons_traceback(self) -> None:
        program = self.program("fails.py", """\
            import asyncio
            async def bad():
                await asyncio.sleep(0.01)
                return 1 / 0
            async def main():
                print("start")
                await asyncio.gather(bad())
            asyncio.run(main())
            """)
        expected = self.python(program)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 5)
        self.assertEqual(recorded.stdout, "start\n")
        self.assertEqual(recorded.stderr, expected.stderr)
        failed = [e for e in recorded.kinds("task_finished") if e["outcome"] == "failed"]
        self.assertEqual([(e["task_name"], e["error"], e["line"]) for e in failed],
                         [("bad", "ZeroDivisionError: division by zero", 4),
                          ("main", "ZeroDivisionError: division by zero", 7)])
        # The run failed: the header says so, and its last event holds the traceback Python
        # printed and the line that raised.
        self.assertEqual(recorded.header()["status"], "failed")
        last = recorded.events()[-1]
        self.assertEqual((last["kind"], last["traceback"], last["line"]), ("program_failed", expected.stderr, 4))
        self.assert_app_reads(recorded, expected_code=1)
        if LOOPSCOPE is not None:  # and `loopscope print FILE.jsonl` prints that traceback again
            proc = subprocess.run([LOOPSCOPE, "print", recorded.path], capture_output=True, text=True, timeout=60,
                                  check=False)
            self.assertEqual(proc.stderr, expected.stderr)

    def test_the_file_is_whole_or_absent(self) -> None:
        program = self.program("hello.py", "import asyncio\nasyncio.run(asyncio.sleep(0))\n")
        target = os.path.join(self.directory, "a-directory.jsonl")
        os.mkdir(target)  # os.replace cannot put a file there
        proc = subprocess.run([sys.executable, RECORDER, program, "-o", target], capture_output=True, text=True,
                              timeout=60, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("cannot write", proc.stderr)
        self.assertEqual(sorted(os.listdir(self.directory)), ["a-directory.jsonl", "hello.py"])


class World(RecorderTestCase):
    """Virtual time, the seed, the stream behind os.urandom, the command line."""

    def test_time_is_virtual(self) -> None:
        program = self.program("clock.py", """\
            import asyncio, time
            async def main():
                start, wall = time.perf_counter(), time.time()
                await asyncio.sleep(3600)
                time.sleep(5)
                print(f"{time.perf_counter() - start:.2f} {time.monotonic() - start:.2f} {time.time() - wall:.2f}")
            asyncio.run(main())
            print(time.perf_counter_ns())
            """)
        recorded = self.record(program, timeout=20)
        self.assertEqual(recorded.stdout, "3605.00 3605.00 3605.00\n3605000000000\n")
        self.assertEqual(recorded.header()["virtual_seconds"], 3605)

    def test_a_blocking_call_in_a_step_blocks_the_whole_loop(self) -> None:
        program = self.program("blocking.py", """\
            import asyncio, time
            async def chain(n):
                await asyncio.sleep(0.125)
                time.sleep(0.25)
                print(f"chain {n} done")
            async def main():
                time.sleep(0.125)
                await asyncio.gather(chain(1), chain(2))
            time.sleep(0.25)
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        blocks = recorded.kinds("blocked")
        # One event per time.sleep inside a step (not the one before asyncio.run), at its
        # line, "t" read before the block; the events after it in the step read the clock after.
        self.assertEqual([(e["task_name"], e["seconds"], e["line"], e["t"]) for e in blocks],
                         [("main", 0.125, 7, 0.25), ("chain 1", 0.25, 4, 0.5), ("chain 2", 0.25, 4, 0.75)])
        self.assertEqual([e["t"] for e in recorded.kinds("printed")], [0.75, 1])
        # chain(2)'s wake-up waited behind chain(1)'s block: the loop had no iteration meanwhile.
        events = recorded.events()
        first, second = (events.index(e) for e in blocks[1:])
        self.assertFalse([e for e in events[first:second] if e["kind"] == "iteration_started"])
        self.assertEqual(recorded.header()["virtual_seconds"], 1)

    def test_seed_and_urandom(self) -> None:
        program = self.program("draws.py", """\
            import asyncio, os, random
            random.seed(444)
            print(random.randint(0, 10**9), os.urandom(5).hex())
            asyncio.run(asyncio.sleep(0))
            """)
        first, again, other = [self.record(program, "--seed", seed) for seed in ("7", "7", "-8")]
        self.assertEqual(first.stdout, again.stdout)
        self.assertNotEqual(first.stdout, other.stdout)
        import random
        random.seed(7)
        self.assertEqual(first.stdout.split()[0], str(random.randint(0, 10**9)))
        self.assertEqual(first.header()["program"]["seed"], "7")

    def test_the_programs_arguments_pass_through(self) -> None:
        program = self.program("argv.py", "import asyncio, sys\nprint(sys.argv[1:])\nasyncio.run(asyncio.sleep(0))\n")
        output = os.path.join(self.directory, "argv.jsonl")
        proc = subprocess.run([sys.executable, RECORDER, "-o", output, program, "-o", "x", "--seed", "-3"],
                              capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(proc.stdout, "['-o', 'x', '--seed', '-3']\n")
        recorded = self.record(program, args=("-p", "-3", "1"))  # a final -o is the recorder's
        self.assertEqual(recorded.stdout, "['-p', '-3', '1']\n")
        self.assertEqual(recorded.header()["program"]["argv"], ["-p", "-3", "1"])

    def test_cancelled_sleepers_make_cpython_rebuild_its_timer_heap(self) -> None:
        program = self.program("rebuild.py", """\
            import asyncio
            async def main():
                sleepers = [asyncio.create_task(asyncio.sleep(100 + n)) for n in range(150)]
                await asyncio.sleep(1)
                for s in sleepers[:120]:
                    s.cancel()
                await asyncio.sleep(1)
                print(sum(s.cancelled() for s in sleepers))
                for s in sleepers[120:]:
                    s.cancel()
            asyncio.run(main())
            """)
        recorded = self.assert_same_as_python(program)
        self.assertEqual(len(recorded.kinds("timers_rebuilt")), 1)
        self.assertEqual(len(recorded.kinds("timer_cancelled")), 150)

    def test_the_recorder_compiles_and_its_types_check(self) -> None:
        py_compile.compile(RECORDER, cfile=os.path.join(self.directory, "recorder.pyc"), doraise=True)
        if importlib.util.find_spec("mypy") is None:
            self.skipTest("mypy is not installed for this Python: the types are not checked")
        proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11",
                               "--cache-dir", os.path.join(self.directory, "mypy"), RECORDER, __file__,
                               os.path.join(os.path.dirname(__file__), "differential_recorder.py")],
                              capture_output=True, text=True, timeout=300, check=False)
        self.assertEqual(proc.returncode, 0, proc.stdout)


class AddressOrder(RecorderTestCase):
    """Where python3's order follows memory addresses (a set's iteration order), the header
    says why and where; where it cannot, the header says nothing."""

    def assert_order(self, source: str, expected: Optional[dict[str, Any]]) -> None:
        program = self.program("order.py", source)
        recorded = self.record(program)
        self.assertEqual(recorded.code, 0, recorded.stderr)
        self.assertEqual(recorded.header().get("order_depends_on_addresses"), expected)
        if LOOPSCOPE is not None:  # `loopscope print` says so on stderr, or says nothing
            proc = subprocess.run([LOOPSCOPE, "print", recorded.path], capture_output=True, text=True, timeout=60,
                                  check=False)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            if expected is None:
                self.assertEqual(proc.stderr, "")
            else:
                self.assertEqual(proc.stderr, f"loopscope: warning: This run's order depends on memory addresses "
                                              f"({expected['reason']}, line {expected['line']}): Python may order it "
                                              "differently next time; this recording is kept as it is\n")

    def test_as_completed_over_coroutines_is_flagged(self) -> None:
        self.assert_order("""\
            import asyncio
            async def job(n):
                await asyncio.sleep(1)
                return n
            async def main():
                for finished in asyncio.as_completed([job(1), job(2), job(3)]):
                    print(await finished)
            asyncio.run(main())
            """, {"reason": "as_completed", "line": 6})

    def test_as_completed_over_pending_tasks_is_not(self) -> None:
        self.assert_order("""\
            import asyncio
            async def job(n):
                await asyncio.sleep(n)
                return n
            async def main():
                tasks = [asyncio.create_task(job(n)) for n in (2, 1)]
                for finished in asyncio.as_completed(tasks):
                    print(await finished)
            asyncio.run(main())
            """, None)

    def test_iterating_what_wait_returned_is_flagged_counting_it_is_not(self) -> None:
        source = """\
            import asyncio
            async def job(n):
                await asyncio.sleep(n)
                return n
            async def main():
                tasks = [asyncio.create_task(job(n)) for n in (1, 1, 2)]
                done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                print(len(done), len(pending), type(done))
                await asyncio.wait(pending)
                for task in done:
                    print(task.result())
            asyncio.run(main())
            """
        self.assert_order(source, {"reason": "the set asyncio.wait returned", "line": 10})
        self.assertEqual(self.python(self.program("order.py", source)).stdout.splitlines()[0], "2 1 <class 'set'>")
        self.assert_order(source.replace("(1, 1, 2)", "(1, 2, 3)"), None)  # one done: one order

    def test_a_taskgroup_cancelling_several_children_is_flagged_one_is_not(self) -> None:
        source = """\
            import asyncio
            async def sibling(name):
                try:
                    await asyncio.sleep(5)
                finally:
                    print(name, "cleans up")
            async def fails():
                await asyncio.sleep(1)
                raise ValueError("boom")
            async def main():
                try:
                    async with asyncio.TaskGroup() as group:
                        group.create_task(sibling("a"))
                        group.create_task(fails())
                        group.create_task(sibling("b"))
                except* ValueError:
                    print("caught")
            asyncio.run(main())
            """
        # The children's _on_task_done callback cancels them: no line of the program runs then,
        # so the line is asyncio.run's, as for the teardown.
        self.assert_order(source, {"reason": "a TaskGroup cancelling its tasks", "line": 18})
        self.assert_order(source.replace('group.create_task(sibling("b"))', 'pass'), None)

    def test_tasks_left_for_the_teardown_are_flagged_when_more_than_one(self) -> None:
        source = """\
            import asyncio
            async def forever(name):
                try:
                    await asyncio.sleep(100)
                finally:
                    print(name, "cancelled")
            async def main():
                asyncio.create_task(forever("a"))
                asyncio.create_task(forever("b"))
                await asyncio.sleep(1)
            asyncio.run(main())
            """
        self.assert_order(source, {"reason": "tasks cancelled at asyncio.run's teardown", "line": 11})
        self.assert_order(source.replace('asyncio.create_task(forever("b"))', "pass"), None)

    def test_gathered_chains_are_not_flagged(self) -> None:
        self.assert_order("""\
            import asyncio
            async def part(n):
                await asyncio.sleep(n % 3)
                print("part", n)
            async def main():
                await asyncio.gather(*(part(n) for n in range(6)))
            asyncio.run(main())
            """, None)


def main() -> int:
    global LOOPSCOPE
    argv = list(sys.argv)
    if "--loopscope" in argv:
        index = argv.index("--loopscope")
        LOOPSCOPE = os.path.abspath(argv[index + 1])
        del argv[index:index + 2]
    if sys.version_info[:2] != (3, 11):
        print(f"skipped: the recorder needs CPython 3.11, this is {sys.version.split()[0]}")
        return EXIT_SKIP
    program = unittest.main(argv=argv, exit=False)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
