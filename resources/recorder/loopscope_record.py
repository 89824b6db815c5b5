#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Record a Python asyncio program, run by CPython 3.11 in virtual time, as a Loopscope trace.

    loopscope_record.py [options] PROGRAM.py [ARGS...] [-o OUT.jsonl]

The program runs as ``__main__`` under CPython's own asyncio (``python3 PROGRAM.py ARGS``
with a virtual clock): every scheduling decision is CPython's, and the recorder only
watches them, through hooks that call CPython's code unchanged and note what it did (see
README.md next to this file). The trace is written in Loopscope's trace file format
(JSON Lines, version 3), which the app opens. Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import collections.abc
import dis
import functools
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import types
import weakref
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterator, NoReturn, Optional, Sequence, TextIO, cast

if sys.version_info[:2] != (3, 11):
    # The hooks rely on CPython 3.11's asyncio internals (README.md, "How it hooks CPython").
    sys.stderr.write(f"loopscope_record: needs CPython 3.11, this is {sys.version.split()[0]}\n")
    sys.exit(1)

import _thread
import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.futures
import asyncio.locks
import asyncio.queues
import asyncio.runners
import asyncio.taskgroups
import asyncio.tasks
import heapq

FORMAT_NAME = "loopscope-trace"
FORMAT_VERSION = 3
DEFAULT_SEED = 444

EXIT_COMPLETED = 0
EXIT_FAILURE = 1  # the recorder could not run the program or write the trace: no file
# 2: a usage error, argparse's own exit code
EXIT_DEADLOCK = 3  # the trace ends in the deadlock
EXIT_LIMIT = 4  # the trace ends where a limit stopped the run
EXIT_PROGRAM_FAILED = 5  # an exception escaped the program (traceback on stderr); the trace is written
EXIT_REFUSED = 6  # nothing to show: a construct virtual time cannot replay, or no asyncio task at all; no file

# Loopscope's own limits (core/eventloop.h, Limits): a trace beyond them would not open.
DEFAULT_MAX_STEPS = 50_000_000
MAX_TASKS = 1_000_000
MAX_EVENTS = 60_000_000
DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024

_OWN_FILE = os.path.abspath(__file__)
_TASK_STEP = asyncio.tasks._PyTask._Task__step  # type: ignore[attr-defined]
_RUN_UNTIL_COMPLETE_CB = asyncio.base_events._run_until_complete_cb  # type: ignore[attr-defined]
_SLEEP_CALLBACK = asyncio.futures._set_result_unless_cancelled  # type: ignore[attr-defined]
_GATHERING_FUTURE = asyncio.tasks._GatheringFuture  # type: ignore[attr-defined]
_GATHER_DONE_CODE = next(c for c in asyncio.tasks.gather.__code__.co_consts
                         if isinstance(c, types.CodeType) and c.co_name == "_done_callback")
_SHUTDOWN_CODES = (asyncio.base_events.BaseEventLoop.shutdown_asyncgens.__code__,
                   asyncio.base_events.BaseEventLoop.shutdown_default_executor.__code__)
# Which asyncio function created a future tells what it stands for (the trace's future kinds).
_FUTURE_KIND_BY_CREATOR = {
    asyncio.tasks.sleep.__code__: "sleep",
    asyncio.queues.Queue.get.__code__: "queue_getter",
    asyncio.queues.Queue.put.__code__: "queue_putter",
    asyncio.tasks.gather.__code__: "gather",  # gather() of nothing: a future done at once
}
# The asyncio functions that make a waiter future of a Lock, Semaphore, Event or Condition.
_SYNC_WAITER_CREATORS = (asyncio.locks.Lock.acquire.__code__, asyncio.locks.Semaphore.acquire.__code__,
                         asyncio.locks.Event.wait.__code__, asyncio.locks.Condition.wait.__code__)
# The asyncio functions that wake the waiters they iterate over: each sets the result of the
# futures it yields that are not done (Condition.notify only while idx < n).
_WAKING_CODES = (asyncio.locks.Event.set.__code__,
                 asyncio.locks.Lock._wake_up_first.__code__,  # type: ignore[attr-defined]  # private, not in typeshed
                 asyncio.locks.Semaphore._wake_up_next.__code__)
_NOTIFY_CODE = asyncio.locks.Condition.notify.__code__
# Where a Semaphore's slot changes hands on behalf of a waiter rather than the running task.
_SEMAPHORE_WAKE_CODE = asyncio.locks.Semaphore._wake_up_next.__code__
# A Queue's join Event belongs to the queue (its "join" waiter list), not to the program.
_QUEUE_INIT_CODE = asyncio.queues.Queue.__init__.__code__
# asyncio.create_task(name=...) and TaskGroup.create_task(name=...) name the task only after
# building it: the name the program asked for is read from their frames.
_NAMING_CREATORS = (asyncio.tasks.create_task.__code__, asyncio.taskgroups.TaskGroup.create_task.__code__)
# What a task waits on, by the kind of the future its step ended on.
_WAIT_BY_FUTURE_KIND = {"sleep": "sleep", "queue_getter": "queue_get", "queue_putter": "queue_put",
                        "event_waiter": "join", "gather": "gather"}


def replace(owner: object, name: str, value: object) -> None:
    """Installs a hook: CPython's attribute `name` of `owner` is `value` for the whole run."""
    setattr(owner, name, value)


class NotReplayableError(RuntimeError):
    """Raised where the program calls something virtual time cannot replay (threads, sockets...)."""


# ---- Small value types ----

@dataclass(frozen=True)
class Cause:
    """What queued a handle, as the trace names it (`cause` and `cause_task` / `cause_timer` /
    `cause_callback`, the callback's name)."""
    kind: str = "none"
    ref: int | str | None = None


NO_CAUSE = Cause()


@dataclass
class TaskRecord:
    """What the trace knows of one task. `line` is the line it is suspended on (0 before its
    first step): events about a task that is not running carry it."""
    id: int
    future_id: int
    name: str
    internal: bool = False  # asyncio.run's own (its teardown), not the program's
    line: int = 0
    body_skipped: bool = False  # thrown into before its first line ran: it ends on no line


@dataclass
class TimerRecord:
    """A TimerHandle the trace numbers; `in_ready` while it waits in the ready deque;
    `callback` names the function it calls, None for a sleep's timer."""
    id: int
    when: float
    owner: Optional[TaskRecord]
    callback: Optional[str] = None
    in_ready: bool = False


@dataclass(frozen=True)
class SyncRecord:
    """An asyncio.Lock, Semaphore, Event or Condition: its dense id and kind ("lock"...)."""
    id: int
    kind: str


@dataclass
class QueueRecord:
    """An asyncio.Queue's id and the ids of the items in it, in the order they were put."""
    id: int
    lifo: bool
    pending: list[tuple[object, int]] = field(default_factory=list)


@dataclass
class Limits:
    steps: int = DEFAULT_MAX_STEPS
    wall_seconds: float = 0.0  # 0: none
    output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES
    tasks: int = MAX_TASKS
    events: int = MAX_EVENTS


# ---- The world the program sees: a virtual clock, seeded randomness ----

class VirtualClock:
    """One clock for loop.time() and the time module: it moves only where the event loop
    would block in select() (by exactly the timeout) or where the program blocks in
    time.sleep(), so a run is the same on every machine and takes no real time."""

    def __init__(self) -> None:
        self.now = 0.0
        # Told of every time.sleep(secs) (the recorder notes it when a task's step blocks).
        self.on_block: Callable[[float], None] = lambda _secs: None

    def seconds(self) -> float:
        return self.now

    def nanoseconds(self) -> int:
        return round(self.now * 1e9)

    def block(self, secs: float) -> None:
        """time.sleep(): the clock moves as a real block would move it."""
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        self.on_block(secs)
        self.now = self.now + secs

    def install(self) -> None:
        for name in ("time", "monotonic", "perf_counter"):
            replace(time, name, self.seconds)
            replace(time, name + "_ns", self.nanoseconds)
        replace(time, "sleep", self.block)


class UrandomStream:
    """os.urandom's deterministic stand-in, byte for byte the one Loopscope's engine uses
    (core/itemstream.cpp): SplitMix64 seeded with FNV-1a over the seed's decimal text; each
    call takes whole 64-bit outputs, least significant byte first, and drops what is left."""

    _MASK = (1 << 64) - 1

    def __init__(self, seed: int) -> None:
        state = 0xCBF29CE484222325
        for byte in str(seed).encode("ascii"):
            state = ((state ^ byte) * 0x100000001B3) & self._MASK
        self._state = state

    def _next(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & self._MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self._MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self._MASK
        return z ^ (z >> 31)

    def __call__(self, size: int) -> bytes:
        size = int(size)
        if size < 0:
            raise ValueError("negative argument not allowed")
        out = bytearray()
        while len(out) < size:
            out += self._next().to_bytes(8, "little")
        return bytes(out[:size])


def install_seed(seed: int) -> None:
    """random is seeded with `seed` before the program starts, and every random.seed(...) the
    program calls seeds with it instead (the listings' random.seed(444) picks the run)."""
    seed_module = random.seed
    seed_module(seed)

    def seed_with_chosen(*_args: object, **_kwargs: object) -> None:
        seed_module(seed)

    replace(random, "seed", seed_with_chosen)
    stream = UrandomStream(seed)
    replace(os, "urandom", stream)
    replace(random, "_urandom", stream)  # SystemRandom's own reference


# ---- Lines: where a task is, read from CPython's frames ----

class ProgramFrames:
    """The program's lines, read from frames instead of a line tracer: the innermost frame of
    the program's file while a task runs, the deepest one along its await chain while it
    waits, the root frame's last line or the traceback's when it ends."""

    def __init__(self, path: str) -> None:
        self.path = path
        # Where a task's step begins: the proxy's, or (in a traceback) another task's.
        self._step_codes = frozenset((CoroutineProxy._step.__code__, _TASK_STEP.__code__))

    def running(self) -> int:
        """The running task's line: the innermost program frame above its step."""
        frame = sys._getframe(1)
        while frame is not None:
            code = frame.f_code
            if code.co_filename == self.path:
                return frame.f_lineno
            if code in self._step_codes:
                return 0
            frame = frame.f_back  # type: ignore[assignment]
        return 0

    def suspended(self, coro: Any) -> int:
        """A waiting task's line: the deepest program frame of its await chain."""
        line = 0
        for _depth in range(10_000):
            frame = _frame_of(coro)
            if frame is None:
                break
            if frame.f_code.co_filename == self.path:
                line = frame.f_lineno
            coro = getattr(coro, "cr_await", None) if hasattr(coro, "cr_await") else getattr(coro, "gi_yieldfrom", None)
        return line

    def raised(self, error: BaseException) -> int:
        """Where an exception left the task: the deepest program frame it passed through in
        this step. The traceback starts at the step's own frame; an exception re-raised from
        another task's result carries that task's frames further in, after its Task.__step."""
        line = 0
        tb = error.__traceback__
        first = True
        while tb is not None:
            code = tb.tb_frame.f_code
            if not first and code in self._step_codes:
                break
            if code.co_filename == self.path:
                line = tb.tb_lineno
            first = False
            tb = tb.tb_next
        return line

    def where(self) -> str:
        """'PROGRAM.py, line N' for the innermost program frame on the stack, for messages."""
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.path:
                return f"{os.path.basename(self.path)}, line {frame.f_lineno}"
            frame = frame.f_back  # type: ignore[assignment]
        return os.path.basename(self.path)


def _frame_of(coro: Any) -> Any:
    return getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)


def _not_started(coro: Any) -> bool:
    """Whether the coroutine has not run any of its code yet (CORO_CREATED)."""
    frame = _frame_of(coro)
    running = getattr(coro, "cr_running", None) or getattr(coro, "gi_running", False)
    suspended = getattr(coro, "cr_suspended", None) or getattr(coro, "gi_suspended", False)
    return frame is not None and not running and not suspended


# ---- The trace: events as Loopscope's reader reads them ----

def json_number(value: float) -> float | int:
    """A double as Qt's JSON writer spells it: integral values without a fraction."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


# One encoder for every line: json.dumps with options builds a new one per call, a fifth of
# the cost of writing an event.
_ENCODE_LINE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def json_line(record: dict[str, Any]) -> str:
    return _ENCODE_LINE(record) + "\n"


class EventLog:
    """The events of the run, one JSON line each, spooled to a temporary file as they come
    (a long run does not hold its trace in memory), in the format ui/tracefile reads: each
    event has "i", "kind", "t" (the clock as the last iteration read it), and "task" /
    "task_name" / "line" when it concerns a task."""

    def __init__(self) -> None:
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace", newline="\n")
        self.count = 0
        self.now = 0.0

    def add(self, kind: str, task: Optional[TaskRecord], line: int, fields: dict[str, Any]) -> None:
        fields["i"] = self.count
        fields["kind"] = kind
        fields["t"] = json_number(self.now)
        if task is not None:
            fields["task"] = task.id
            fields["task_name"] = task.name
            if line:
                fields["line"] = line
        self._spool.write(json_line(fields))
        self.count += 1

    def copy_to(self, out: IO[str]) -> None:
        self._spool.flush()
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, out)


# ---- The recorder: what CPython did, noted as it happens ----

class Recorder:
    """Turns what the hooks report into trace events, numbering tasks, futures, timers,
    queues, items and output lines densely in creation order, as Loopscope's engine does
    (core/eventloop.cpp), and keeping the engine's notion of the running task and of the
    cause of every queued handle."""

    def __init__(self, frames: ProgramFrames, clock: VirtualClock, limits: Limits,
                 task_renames: dict[str, str], on_stop: Callable[[str, str, str], NoReturn]) -> None:
        self.frames = frames
        self.clock = clock
        self.limits = limits
        self.log = EventLog()
        self.names = TaskNames(task_renames)
        self.tasks: list[TaskRecord] = []
        self.current: Optional[TaskRecord] = None  # the task whose step is running
        self.cause = NO_CAUSE  # what the running handle counts as, for the handles it queues
        self.handle_kind: Optional[str] = None  # the kind of the handle that is running
        self.phase: Optional[str] = None  # "purge" / "due" inside an iteration, for heap pops
        self.iteration = 0
        self.task_steps = 0
        self.handles_run = 0
        self.refusals: list[str] = []
        self.on_stop = on_stop  # writes the trace and leaves: see Recording._stopped
        self._futures: weakref.WeakKeyDictionary[Any, tuple[int, str]] = weakref.WeakKeyDictionary()
        self._future_count = 0
        self._sleep_timers: weakref.WeakKeyDictionary[Any, TimerRecord] = weakref.WeakKeyDictionary()
        self._timers: dict[int, tuple[Any, TimerRecord]] = {}  # id(TimerHandle) -> record
        self._timer_count = 0
        self._queue_count = 0
        self._sync_count = 0
        self._sync_of_future: weakref.WeakKeyDictionary[Any, SyncRecord] = weakref.WeakKeyDictionary()
        self.running_callback: Optional[str] = None  # the name of the callback that is running
        self._item_labels: list[str] = []
        self._output_lines = 0
        self._pending_output = ""
        self._output_bytes = 0
        self._task_limit_hit = False
        self._in_event = False
        self._stopping = False  # the run is over; the trace is being written
        self._deferred_stop: Optional[tuple[str, str, str]] = None
        # The first place where the order recorded could have followed memory addresses (a
        # set's iteration order): why, and the program's line. See AddressOrderWatch.
        self.address_order: Optional[tuple[str, int]] = None
        # The handle the loop just took, described once for HandleRun and for its run.
        self._popped: tuple[Any, tuple[str, Optional[TaskRecord], dict[str, Any]]] = (None, ("", None, {}))

    # -- events --

    def emit(self, kind: str, task: Optional[TaskRecord] = None, line: int = 0, **fields: Any) -> None:
        self._in_event = True
        self.log.add(kind, task, line, fields)
        self._in_event = False
        if self._stopping:
            return
        if self.log.count >= self.limits.events - 1:
            self.stop("limit_reached", "trace_events", f"the trace exceeded {self.limits.events} events")
        if self._deferred_stop is not None:
            self.stop(*self._deferred_stop)

    def line_of(self, task: Optional[TaskRecord]) -> int:
        """The line an event about `task` carries: where it runs, or where it waits."""
        if task is None:
            return 0
        if task is self.current:
            return self.frames.running()
        return task.line

    def emit_for(self, kind: str, task: Optional[TaskRecord], **fields: Any) -> None:
        self.emit(kind, task, self.line_of(task), **fields)

    def stop(self, status: str, limit: str, message: str) -> NoReturn:
        """Ends the run here (deadlock or limit): Python would block, or the run is too long."""
        self._stopping = True
        if status == "limit_reached":
            self._in_event = True
            self.log.add("limit_reached", None, 0, {"limit": limit})
            self._in_event = False
        else:
            self.log.add(status, None, 0, {})
        self.on_stop(status, limit, message)

    def stop_when_safe(self, status: str, limit: str, message: str) -> None:
        """From a signal handler: stop now, or after the event being written."""
        if self._stopping:
            return
        if self._in_event:
            self._deferred_stop = (status, limit, message)
        else:
            self.stop(status, limit, message)

    # -- ids --

    def _new_future_id(self) -> int:
        self._future_count += 1
        return self._future_count - 1

    def register_future(self, future: Any, kind: str) -> None:
        self._futures[future] = (self._new_future_id(), kind)

    def future_fields(self, future: Any) -> dict[str, Any]:
        """"future" and "future_kind" of a handle or a wait; a future created outside
        loop.create_future (asyncio.Future() by hand) is numbered when first seen."""
        if future is None:
            return {"future": None}
        known = self._futures.get(future)
        if known is None:
            self.register_future(future, "plain")
            known = self._futures[future]
        return {"future": known[0], "future_kind": known[1]}

    def future_created(self, future: Any, creator: types.FrameType) -> None:
        """loop.create_future(): its kind is read from the asyncio function that asked for it."""
        kind = _FUTURE_KIND_BY_CREATOR.get(creator.f_code, "plain")
        if creator.f_code in _SYNC_WAITER_CREATORS:
            owner = creator.f_locals.get("self")
            sync: Optional[SyncRecord] = getattr(owner, "_loopscope_sync", None)
            if sync is not None:
                kind = "sync_waiter"
                self._sync_of_future[future] = sync
            elif creator.f_code is asyncio.locks.Event.wait.__code__:  # a queue's join event
                kind = "event_waiter" if isinstance(getattr(owner, "_waiters", None), WaiterDeque) else "plain"
        self.register_future(future, kind)

    # -- tasks --

    def task_created(self, coro: Any, explicit_name: Optional[str]) -> TaskRecord:
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        closes_generator = type(coro).__name__ == "async_generator_athrow"  # the loop's asyncgen finalizer
        internal = (code in _SHUTDOWN_CODES or closes_generator
                    or (self.current is not None and self.current.internal))
        if explicit_name is not None:
            name = str(explicit_name)
        else:
            name = "aclose" if closes_generator else self.names.derive(coro, code, self.current is None)
        record = TaskRecord(len(self.tasks), self._new_future_id(), name, internal)
        self.tasks.append(record)
        if len(self.tasks) > self.limits.tasks:
            self._task_limit_hit = True
        creator = self.current.id if self.current else None
        self.emit("task_created", record, 0, creator=creator, name=name, internal=internal)
        return record

    def task_object_ready(self, task: Any, record: TaskRecord) -> None:
        self._futures[task] = (record.future_id, "task")

    def created_cause(self) -> Cause:
        return Cause("created", self.current.id if self.current else None)

    def cancel_requested(self, target: TaskRecord) -> None:
        """Task.cancel(): by the running task, by a callback (asyncio.timeout's, a TaskGroup's),
        or by nobody (asyncio.run's teardown)."""
        fields: dict[str, Any] = {"by": self.current.id if self.current else None}
        if self.current is None and self.running_callback is not None:
            fields["by_callback"] = self.running_callback
        self.emit_for("cancel_requested", target, **fields)

    def uncancelled(self, target: TaskRecord, left: int) -> None:
        """Task.uncancel(): one cancellation request taken back (asyncio.timeout and TaskGroup
        do it when the cancellation they asked for has done its work)."""
        self.emit_for("uncancelled", target, by=self.current.id if self.current else None, cancelling=left)

    def step_started(self, record: TaskRecord, coro: Any, thrown: Optional[BaseException]) -> None:
        self.task_steps += 1
        record.body_skipped = thrown is not None and _not_started(coro)
        self.emit("step_started", record, record.line, via=self.handle_kind or "task_step",
                  cancelled_error=isinstance(thrown, asyncio.CancelledError))
        self.current = record
        self.cause = Cause("task_step", record.id)

    def step_suspended(self, record: TaskRecord, coro: Any, result: object) -> None:
        """The step yielded: a future to wait on, or nothing (a bare yield: sleep(0))."""
        record.line = self.frames.suspended(coro)
        fields: dict[str, Any]
        if getattr(result, "_asyncio_future_blocking", None) is None:
            fields = {"waits": "yield"}
        else:
            fields = self.future_fields(result)
            fields["waits"] = _WAIT_BY_FUTURE_KIND.get(fields["future_kind"], "future")
            timer = self._sleep_timers.get(result)
            sync = self._sync_of_future.get(result)
            awaited: Optional[TaskRecord] = getattr(result, "_loopscope", None)
            if fields["waits"] == "sleep" and timer is not None:
                fields = {"waits": "sleep", "timer": timer.id, "until": json_number(timer.when)}
            elif fields["future_kind"] == "sync_waiter" and sync is not None:
                fields = {"waits": sync.kind, "sync": sync.id}
            elif fields["future_kind"] == "task" and awaited is not None:
                fields = {"waits": "task", "awaited_task": awaited.id}
        self.emit("step_ended", record, record.line, **fields)
        self.current = None
        if fields["waits"] == "yield":
            self.cause = Cause("yield", record.id)

    def step_finished(self, record: TaskRecord, task: Any, error: BaseException, root_frame: Any) -> None:
        """The coroutine returned (StopIteration) or raised: the task is done."""
        message = None
        if isinstance(error, StopIteration):
            outcome = "cancelled" if task._must_cancel else "done"
            line = root_frame.f_lineno if root_frame is not None and root_frame.f_code.co_filename == self.frames.path else 0
        else:
            outcome = "cancelled" if isinstance(error, asyncio.CancelledError) else "failed"
            line = 0 if record.body_skipped else self.frames.raised(error)
            if outcome == "failed":
                message = traceback.format_exception_only(type(error), error)[-1].strip()
        record.line = line
        self.emit("step_ended", record, line, waits=outcome)
        self.emit("task_finished", record, line, outcome=outcome, error=message)
        self.current = None
        self.cause = Cause("task_finished", record.id)

    def blocked(self, secs: float) -> None:
        """time.sleep(secs) inside a task's step: the whole loop stands still while the clock
        runs on. The event reads the clock before the block; the events after it, in the same
        step, read it after (the reader moves its clock by "seconds" as well). A sleep outside
        a step (before asyncio.run, in a plain callback) moves the clock with no event."""
        if self.current is None or not secs > 0 or self._stopping:
            return
        self.emit_for("blocked", self.current, seconds=json_number(float(secs)))
        self.log.now = self.log.now + float(secs)

    def program_failed(self, text: str, line: int) -> None:
        """An exception escaped the program: the run's last event holds its traceback."""
        fields: dict[str, Any] = {"traceback": text}
        if 0 < line <= 65535:
            fields["line"] = line
        self.log.add("program_failed", None, 0, fields)

    # -- handles --

    def describe_handle(self, handle: Any) -> tuple[str, Optional[TaskRecord], dict[str, Any]]:
        """The handle's kind, the task it concerns and its object, as the engine files them
        (EventLoop::recordQueued). A callback that is not a task's step, gather's or the
        loop's stop (call_soon, done callbacks of wait / as_completed / TaskGroup / shield /
        wait_for) is a "callback" named by its function, concerning the task it is given."""
        if isinstance(handle, asyncio.events.TimerHandle):
            timer = self._timers.get(id(handle))
            record = timer[1] if timer else None
            return "timer_callback", record.owner if record else None, {"timer": record.id if record else None}
        callback = handle._callback
        args = handle._args or ()
        owner = getattr(callback, "__self__", None)
        function = getattr(callback, "__func__", None)
        if isinstance(owner, RecordingTask):
            if function is _TASK_STEP:
                return "task_step", owner._loopscope, {"future": None}
            if function is _TASK_WAKEUP:
                return "task_wakeup", owner._loopscope, self.future_fields(args[0] if args else None)
        first = args[0] if args else None
        task = first._loopscope if isinstance(first, RecordingTask) else None
        if callback is _RUN_UNTIL_COMPLETE_CB:
            return "stop_loop", task, self.future_fields(first)
        if getattr(callback, "__code__", None) is _GATHER_DONE_CODE:
            return "gather_callback", task, self.future_fields(_gathering_future_of(callback))
        return "callback", task, {"callback": callback_name(callback)}

    def handle_queued(self, handle: Any) -> None:
        if isinstance(handle, asyncio.events.TimerHandle):
            self._timer_due(handle)
            return
        kind, task, fields = self.describe_handle(handle)
        cause_key = {"timer": "cause_timer", "callback": "cause_callback"}.get(self.cause.kind, "cause_task")
        fields[cause_key] = self.cause.ref
        self.emit("handle_queued", task, 0, handle=kind, cause=self.cause.kind, **fields)

    def handle_popped(self, handle: Any) -> None:
        """The loop takes the ready deque's head: after the limits, HandleRun."""
        self._check_limits_before_handle()
        self.handles_run += 1
        description = self.describe_handle(handle)
        self._popped = (handle, description)
        kind, task, fields = description
        self.emit("handle_run", task, 0, handle=kind, skipped=bool(handle._cancelled), **fields)
        if isinstance(handle, asyncio.events.TimerHandle):
            self._timers.pop(id(handle), None)

    def handle_started(self, handle: Any) -> None:
        kind, task, fields = self._popped[1] if self._popped[0] is handle else self.describe_handle(handle)
        self._popped = (None, ("", None, {}))
        self.handle_kind = kind
        self.running_callback = None
        if kind == "timer_callback":
            self.cause = Cause("timer", fields["timer"])
            timer = self._timers.get(id(handle)) if isinstance(handle, asyncio.events.TimerHandle) else None
            self.running_callback = timer[1].callback if timer else _timer_callback_name(handle)
        elif kind == "gather_callback" and task is not None:
            self.cause = Cause("gather", task.id)
        elif kind == "callback":
            self.cause = Cause("callback", fields["callback"])
            self.running_callback = fields["callback"]
        else:
            self.cause = NO_CAUSE

    def handle_ended(self) -> None:
        self.handle_kind = None
        self.running_callback = None
        self.cause = NO_CAUSE

    def _check_limits_before_handle(self) -> None:
        if self._task_limit_hit:
            self.stop("limit_reached", "tasks", f"the run created more than {self.limits.tasks} tasks")
        if self.handles_run >= self.limits.steps:
            self.stop("limit_reached", "handles", f"the run exceeded {self.limits.steps} scheduler steps or loop iterations")

    # -- the loop's iteration and its timers --

    def select(self, timeout: Optional[float]) -> None:
        """The loop would block here for `timeout` (forever when None): move the clock."""
        if timeout is None:
            self.stop("deadlock", "none", "deadlock: every task is waiting and no timer is pending")
        self.clock.now = self.clock.now + timeout
        self.iteration += 1
        if self.iteration > self.limits.steps:
            self.stop("limit_reached", "handles", f"the run exceeded {self.limits.steps} scheduler steps or loop iterations")
        self.log.now = self.clock.now
        self.emit("iteration_started", iteration=self.iteration)
        self.phase = "due"

    def timer_scheduled(self, handle: Any, callback: Any, args: tuple[Any, ...]) -> None:
        """call_at / call_later: a sleep's timer, or one that calls a function (call_later(d, f),
        asyncio.timeout's deadline, wait_for's timeout), which the trace names."""
        sleeps = callback is _SLEEP_CALLBACK and bool(args)
        record = TimerRecord(self._timer_count, handle.when(), self.current,
                             None if sleeps else callback_name(callback))
        self._timer_count += 1
        self._timers[id(handle)] = (handle, record)
        fields: dict[str, Any] = {"timer": record.id, "when": json_number(record.when)}
        if sleeps:
            self._sleep_timers[args[0]] = record
        else:
            fields["callback"] = record.callback
        self.emit_for("timer_scheduled", self.current, **fields)

    def timer_cancelled(self, handle: Any) -> None:
        """TimerHandle.cancel() of a timer still in the heap or waiting in the ready deque (a
        timer that already ran is only flagged: nothing to show)."""
        known = self._timers.get(id(handle))
        if known is None or not (handle._scheduled or known[1].in_ready):
            return
        record = known[1]
        self.emit_for("timer_cancelled", self.current, timer=record.id, when=json_number(record.when),
                      in_heap=bool(handle._scheduled))

    def timer_popped(self, handle: Any) -> None:
        """heapq.heappop of the timer heap: a purge before select(), a due timer after it."""
        known = self._timers.get(id(handle))
        if known is None:
            return
        if self.phase == "purge":
            del self._timers[id(handle)]
            self.emit("timer_purged", timer=known[1].id, when=json_number(known[1].when))

    def _timer_due(self, handle: Any) -> None:
        known = self._timers.get(id(handle))
        if known is None:
            return
        known[1].in_ready = True
        self.emit("timer_due", timer=known[1].id, when=json_number(known[1].when))

    def timers_rebuilt(self) -> None:
        """The heap rebuilt without its cancelled timers (more than 100, over half cancelled)."""
        for key, (handle, record) in list(self._timers.items()):
            if handle._cancelled and not handle._scheduled and not record.in_ready:
                del self._timers[key]
        self.emit("timers_rebuilt")

    def loop_stopped(self) -> None:
        self.emit("loop_stopped")

    def teardown_started(self) -> None:
        self.emit("teardown_started")

    # -- queues --

    def queue_created(self, queue: Any, maxsize: object) -> None:
        record = QueueRecord(self._queue_count, isinstance(queue, asyncio.LifoQueue))
        self._queue_count += 1
        queue._loopscope = record
        bounded = maxsize if isinstance(maxsize, int) and maxsize > 0 else 0
        self.emit_for("queue_created", self.current, queue=record.id, maxsize=bounded)
        queue._getters = WaiterDeque(self, "getters", queue=record.id)
        queue._putters = WaiterDeque(self, "putters", queue=record.id)
        queue._finished._waiters = WaiterDeque(self, "join", queue=record.id)

    def item_put(self, queue: Any, item: object) -> None:
        record: QueueRecord = queue._loopscope
        item_id = len(self._item_labels)
        label = item_label(item)
        self._item_labels.append(label)
        record.pending.append((item, item_id))
        self.emit_for("queue_put", self.current, item_id=item_id, item=label,
                      enqueued_at=json_number(self.clock.now), queue=record.id, queue_size=queue.qsize())

    def item_got(self, queue: Any, item: object) -> None:
        record: QueueRecord = queue._loopscope
        order = range(len(record.pending) - 1, -1, -1) if record.lifo else range(len(record.pending))
        index = next((i for i in order if record.pending[i][0] is item), None)
        if index is None:
            return
        item_id = record.pending.pop(index)[1]
        self.emit_for("queue_get", self.current, item_id=item_id, item=self._item_labels[item_id],
                      queue_size=queue.qsize())

    def task_done_called(self, queue: Any, unfinished: int) -> None:
        self.emit_for("task_done_called", self.current, queue=queue._loopscope.id, unfinished=unfinished)

    # -- locks, semaphores, events, conditions --

    def sync_created(self, owner: Any, kind: str) -> None:
        """A Lock, Semaphore, Event or Condition: numbered, its creator noted, and its waiters
        in a recording deque (a Lock's or Semaphore's made at once rather than on first use,
        which changes nothing: asyncio treats an empty deque as it treats none)."""
        record = SyncRecord(self._sync_count, kind)
        self._sync_count += 1
        owner._loopscope_sync = record
        value = owner._value if kind == "semaphore" and isinstance(owner._value, int) else 0
        self.emit_for("sync_created", self.current, sync=record.id, sync_kind=kind, value=value)
        owner._waiters = WaiterDeque(self, "waiters", sync=record.id)

    def lock_changed(self, lock: Any, held: bool) -> None:
        """Lock._locked set: the running task acquired the lock, or released it."""
        record: Optional[SyncRecord] = getattr(lock, "_loopscope_sync", None)
        if record is not None:
            self.emit_for("lock_acquired" if held else "lock_released", self.current, sync=record.id)

    def semaphore_changed(self, semaphore: Any, taken: int, holder: Optional[TaskRecord]) -> None:
        """Semaphore._value set: `holder` took `taken` slots (released -taken of them when negative)."""
        record: Optional[SyncRecord] = getattr(semaphore, "_loopscope_sync", None)
        if record is None:
            return
        for _ in range(abs(taken)):
            self.emit_for("semaphore_acquired" if taken > 0 else "semaphore_released", holder, sync=record.id)

    # -- output --

    def output(self, text: str) -> None:
        """The program's stdout, split into lines; a line belongs to the task that ends it."""
        self._output_bytes += len(text.encode("utf-8", "replace"))
        if self._output_bytes > self.limits.output_bytes:
            self.stop("limit_reached", "trace_events", f"the program printed more than {self.limits.output_bytes} bytes")
        self._pending_output += text
        while "\n" in self._pending_output:
            line, self._pending_output = self._pending_output.split("\n", 1)
            self._printed(line)

    def flush_output(self) -> None:
        """A last line without its newline still counts as printed."""
        if self._pending_output:
            line, self._pending_output = self._pending_output, ""
            self._printed(line)

    def _printed(self, text: str) -> None:
        self.emit_for("printed", self.current, output_line=self._output_lines, text=text)
        self._output_lines += 1

    def order_depends_on_addresses(self, reason: str) -> None:
        """The run's order from here on may follow a set's iteration order, which follows
        memory addresses: python3 may order it differently next time. The first one is kept."""
        if self.address_order is None:
            self.address_order = (reason, self.frames.running())

    # -- refusals --

    def refuse(self, what: str) -> NoReturn:
        message = f"{self.frames.where()}: {what} cannot be replayed in virtual time"
        self.refusals.append(message)
        raise NotReplayableError(message)


def callback_name(callback: Any) -> str:
    """A callback as the trace names it: its function's qualified name without "<locals>"
    ("report", "Timeout._on_timeout", "_wait._on_completion"); a functools.partial by the
    function it wraps."""
    while isinstance(callback, functools.partial):
        callback = callback.func
    name = getattr(callback, "__qualname__", None)
    if not isinstance(name, str):
        name = type(callback).__qualname__
    return ".".join(part for part in name.split(".") if part != "<locals>")


def _timer_callback_name(handle: Any) -> Optional[str]:
    """The function a timer the recorder did not number calls (None for a sleep's)."""
    callback = getattr(handle, "_callback", None)
    return None if callback is None or callback is _SLEEP_CALLBACK else callback_name(callback)


def _gathering_future_of(callback: Any) -> Any:
    """gather's _done_callback holds its outer future in a closure cell (None until gather
    has created it, when a child was already done)."""
    code = getattr(callback, "__code__", None)
    if code is not _GATHER_DONE_CODE:
        return None
    try:
        return callback.__closure__[code.co_freevars.index("outer")].cell_contents
    except (ValueError, IndexError):
        return None


def item_label(item: object) -> str:
    """An item's label for the trace: a string as it is, a tuple by its first element (the
    listings put (item, time) pairs), a task by its lane's name (as_completed queues
    tasks), anything else by its repr, shortened."""
    if isinstance(item, tuple) and item:
        item = item[0]
    if isinstance(item, RecordingTask):
        return item._loopscope.name
    text = item if isinstance(item, str) else repr(item)
    return text if len(text) <= 60 else text[:57] + "..."


class TaskNames:
    """Names for the timeline's lanes: a name the program gave the task, else its coroutine's
    name (renamed where the built-in engine names them otherwise: "Producer"), followed, for a
    task another task created, by its first argument that is a number or a short string,
    which tells siblings apart ("chain 1", "Producer 0", "deposit alice"; asyncio.run's main
    stays "main"); repeats are numbered ("chain 5 #2")."""

    def __init__(self, renames: dict[str, str]) -> None:
        self._renames = renames
        self._seen: collections.Counter[str] = collections.Counter()

    def derive(self, coro: Any, code: Optional[types.CodeType], top_level: bool) -> str:
        function = code.co_name if code is not None else type(coro).__name__
        base = self._renames.get(function, function)
        argument = None if top_level else self._first_argument(coro, code)
        if argument is not None:
            base = f"{base} {argument}"
        self._seen[base] += 1
        count = self._seen[base]
        return base if count == 1 else f"{base} #{count}"

    @staticmethod
    def _first_argument(coro: Any, code: Optional[types.CodeType]) -> Optional[str]:
        """The first argument that is a number or a short string: what tells siblings apart
        (`deposit(account, "alice")` is "deposit alice"; a lock or a queue says nothing)."""
        frame = _frame_of(coro)
        if code is None or frame is None or code.co_argcount == 0:
            return None
        for name in code.co_varnames[:code.co_argcount]:
            value = frame.f_locals.get(name)
            if name in ("self", "cls") or isinstance(value, bool) or not isinstance(value, (int, str)):
                continue
            if isinstance(value, str) and len(value) > 40:
                return None  # a text, not a name
            try:
                return str(value)
            except ValueError:  # an integer beyond Python's 4300-digit limit for str()
                return None
        return None


# ---- Hooks into asyncio: each calls CPython's own code and notes what it did ----

class CoroutineProxy(collections.abc.Coroutine):  # type: ignore[type-arg]
    """The task's coroutine as Task.__step sees it. send() / throw() are exactly one step, so
    the step starts and ends here: the end is noted BEFORE Task.__step queues the bare
    yield's next step or completes the task (whose done callbacks then queue), the order in
    which Loopscope's engine records them."""

    __slots__ = ("_coro", "_task", "_recorder")

    def __init__(self, coro: Any, task: "RecordingTask", recorder: Recorder) -> None:
        self._coro = coro
        self._task = task
        self._recorder = recorder

    def send(self, value: Any) -> Any:
        return self._step(None, self._coro.send, value)

    def throw(self, typ: Any, val: Any = None, tb: Any = None) -> Any:
        thrown = typ if isinstance(typ, BaseException) else val
        if val is None and tb is None:
            return self._step(thrown, self._coro.throw, typ)
        return self._step(thrown, self._coro.throw, typ, val, tb)

    def close(self) -> None:
        self._coro.close()

    def __await__(self) -> Any:
        return self._coro.__await__()

    def __getattr__(self, name: str) -> Any:
        # cr_frame, cr_code, __qualname__...: the task's repr and inspect read them.
        return getattr(self._coro, name)

    def _step(self, thrown: Optional[BaseException], resume: Callable[..., Any], *args: Any) -> Any:
        record = self._task._loopscope
        root_frame = _frame_of(self._coro)
        self._recorder.step_started(record, self._coro, thrown)
        try:
            result = resume(*args)
        except BaseException as error:
            self._recorder.step_finished(record, self._task, error, root_frame)
            raise
        self._recorder.step_suspended(record, self._coro, result)
        return result


class RecordingTask(asyncio.tasks._PyTask):  # type: ignore[misc,name-defined]
    """asyncio.Task, as CPython's pure-Python Task (the same steps as the C one), with the
    coroutine behind a CoroutineProxy and cancel() noted. It replaces asyncio.Task during
    the run, so loop.create_task and a program's own asyncio.Task(...) both build it."""

    _loopscope: TaskRecord

    def __init__(self, coro: Any, *, loop: Any = None, name: Any = None, context: Any = None) -> None:
        recorder = _active_recorder()
        if not asyncio.coroutines.iscoroutine(coro):
            super().__init__(coro, loop=loop, name=name, context=context)  # raises CPython's TypeError
            return
        self._loopscope = recorder.task_created(coro, name if name is not None else _name_asked_for())
        outer_cause = recorder.cause
        recorder.cause = recorder.created_cause()
        try:
            super().__init__(CoroutineProxy(coro, self, recorder), loop=loop, name=name, context=context)
        finally:
            recorder.cause = outer_cause
        recorder.task_object_ready(self, self._loopscope)

    def get_coro(self) -> Any:
        return self._coro._coro if isinstance(self._coro, CoroutineProxy) else self._coro

    def cancel(self, msg: Any = None) -> bool:
        if not self.done():
            _active_recorder().cancel_requested(self._loopscope)
        return bool(super().cancel(msg=msg))

    def _Task__wakeup(self, future: Any) -> None:
        """Task.__wakeup as the C Task does it: the future's exception is thrown into the
        coroutine from outside any `except` block. The pure-Python one throws it from inside
        one, so an exception the step raised later would carry it as its __context__ (a
        traceback "During handling of the above exception...", which python3 never prints)."""
        try:
            future.result()
        except BaseException as exc:  # this may also be a cancellation
            error: Optional[BaseException] = exc
        else:
            error = None
        if error is None:
            self._Task__step()
        else:
            self._Task__step(error)

    def uncancel(self) -> int:
        left = int(super().uncancel())
        _active_recorder().uncancelled(self._loopscope, left)
        return left


# A program that prints a task, or its type, sees what it would see without the recorder.
RecordingTask.__name__ = RecordingTask.__qualname__ = "Task"
_TASK_WAKEUP = RecordingTask._Task__wakeup


def _name_asked_for() -> Optional[str]:
    """The name= a program passed to asyncio.create_task or TaskGroup.create_task, which is
    building this task (a few frames up: the loop's create_task, then theirs)."""
    frame = sys._getframe(2)
    for _depth in range(3):
        if frame is None:
            break
        if frame.f_code in _NAMING_CREATORS:
            name = frame.f_locals.get("name")
            return None if name is None else str(name)
        frame = frame.f_back  # type: ignore[assignment]
    return None


class RecordingReady(collections.deque):  # type: ignore[type-arg]
    """The loop's ready deque: append() is a handle queued (or a due timer moved to the end),
    popleft() the loop taking the next handle to run."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self._recorder = recorder

    def append(self, handle: Any) -> None:
        super().append(handle)
        self._recorder.handle_queued(handle)

    def popleft(self) -> Any:
        handle = super().popleft()
        self._recorder.handle_popped(handle)
        return handle


class WaiterDeque(collections.deque):  # type: ignore[type-arg]
    """An asyncio.Queue's getters or putters, or its join Event's waiters, or the waiters of a
    Lock, Semaphore, Event or Condition: the futures tasks wait on, noted as they join the
    line, are woken (popleft, or the loop over them of Event.set, Lock._wake_up_first,
    Semaphore._wake_up_next, Condition.notify) or leave it (remove, or popleft of one already
    cancelled). `queue` or `sync` is the id of the object whose line it is."""

    def __init__(self, recorder: Recorder, name: str, *, queue: Optional[int] = None,
                 sync: Optional[int] = None) -> None:
        super().__init__()
        self._recorder = recorder
        self._owner = {"queue": queue} if sync is None else {"sync": sync}
        self._name = name
        self._waiters: dict[int, Optional[TaskRecord]] = {}

    def append(self, future: Any) -> None:
        super().append(future)
        self._waiters[id(future)] = self._recorder.current
        self._note("waiter_added", future, self._recorder.current)

    def task_of(self, future: object) -> Optional[TaskRecord]:
        """The task that queued `future`, while it is in the line."""
        return self._waiters.get(id(future))

    def popleft(self) -> Any:
        future = super().popleft()
        waiter = self._waiters.pop(id(future), None)
        self._note("waiter_removed" if future.done() else "waiter_woken", future, waiter)
        return future

    def remove(self, future: Any) -> None:
        super().remove(future)
        self._note("waiter_removed", future, self._waiters.pop(id(future), None))

    def __iter__(self) -> Iterator[Any]:
        for future in super().__iter__():
            if not future.done() and _wakes(sys._getframe(1)):
                self._note("waiter_woken", future, self._waiters.get(id(future)))
            yield future

    def _note(self, kind: str, future: Any, waiter: Optional[TaskRecord]) -> None:
        self._recorder.emit_for(kind, waiter, list=self._name, **self._owner,
                                **self._recorder.future_fields(future))


def _wakes(caller: types.FrameType) -> bool:
    """Whether the asyncio code iterating over a waiter line sets the result of the waiter it
    is given next (when that is not done yet)."""
    if caller.f_code in _WAKING_CODES:
        return True
    if caller.f_code is _NOTIFY_CODE:
        index, count = caller.f_locals.get("idx"), caller.f_locals.get("n")
        return isinstance(index, int) and isinstance(count, int) and index < count
    return False


class TimerHeapShim:
    """Stands in for the heapq module inside asyncio.base_events only (heapq itself is C
    code): the same functions, noting the purge of cancelled timers and the heap's rebuild."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    def heappush(self, heap: list[Any], item: Any) -> None:
        heapq.heappush(heap, item)

    def heappop(self, heap: list[Any]) -> Any:
        handle = heapq.heappop(heap)
        self._recorder.timer_popped(handle)
        return handle

    def heapify(self, heap: list[Any]) -> None:
        heapq.heapify(heap)
        self._recorder.timers_rebuilt()


class VirtualSelector:
    """The loop's selector: select() never waits, it moves the virtual clock; nothing can
    register with it (the program's sockets are refused, the loop's self-pipe is not made)."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    def select(self, timeout: Optional[float] = None) -> list[Any]:
        self._recorder.select(timeout)
        return []

    def register(self, fileobj: Any, events: int, data: Any = None) -> NoReturn:
        self._recorder.refuse("waiting for a file or socket")

    def modify(self, fileobj: Any, events: int, data: Any = None) -> NoReturn:
        self._recorder.refuse("waiting for a file or socket")

    def unregister(self, fileobj: Any) -> NoReturn:
        raise KeyError(fileobj)

    def get_key(self, fileobj: Any) -> NoReturn:
        raise KeyError(fileobj)

    def get_map(self) -> dict[Any, Any]:
        return {}

    def close(self) -> None:
        pass


def _refusing(what: str) -> Callable[..., NoReturn]:
    def refused(*_args: Any, **_kwargs: Any) -> NoReturn:
        _active_recorder().refuse(what)
    refused.__doc__ = f"Refused: {what} cannot be replayed in virtual time."
    return refused


class RecordingLoop(asyncio.SelectorEventLoop):
    """CPython's selector event loop with a virtual clock and the recorder's deque; the
    methods overridden call CPython's own and note what they did."""

    def __init__(self) -> None:
        recorder = _active_recorder()
        super().__init__(selector=VirtualSelector(recorder))  # type: ignore[arg-type]
        self._recorder = recorder
        self._ready = RecordingReady(recorder)

    def time(self) -> float:
        return self._recorder.clock.now

    def _make_self_pipe(self) -> None:
        """No self-pipe: it serves threads and signals, which are refused."""

    def _close_self_pipe(self) -> None:
        pass

    def _write_to_self(self) -> None:
        pass

    def _run_once(self) -> None:
        self._recorder.phase = "purge"
        try:
            super()._run_once()  # type: ignore[misc]
        finally:
            self._recorder.phase = None

    def call_at(self, when: float, callback: Any, *args: Any, context: Any = None) -> Any:
        handle = super().call_at(when, callback, *args, context=context)
        self._recorder.timer_scheduled(handle, callback, args)
        return handle

    def _timer_handle_cancelled(self, handle: Any) -> None:
        super()._timer_handle_cancelled(handle)  # type: ignore[misc]
        self._recorder.timer_cancelled(handle)

    def create_future(self) -> Any:
        future = super().create_future()
        self._recorder.future_created(future, sys._getframe(1))
        return future

    def stop(self) -> None:
        self._recorder.loop_stopped()
        super().stop()

    # What virtual time cannot replay: the program's line is named in the error.
    set_task_factory = _refusing("a custom task factory")
    run_in_executor = _refusing("run_in_executor / asyncio.to_thread (threads)")
    set_default_executor = _refusing("an executor (threads)")
    getaddrinfo = _refusing("name resolution (sockets)")
    getnameinfo = _refusing("name resolution (sockets)")
    create_connection = _refusing("a network connection (sockets, streams)")
    create_server = _refusing("a server (sockets, streams)")
    create_unix_connection = _refusing("a Unix socket connection (streams)")
    create_unix_server = _refusing("a Unix socket server (streams)")
    create_datagram_endpoint = _refusing("a datagram endpoint (sockets)")
    connect_accepted_socket = _refusing("a socket (streams)")
    connect_read_pipe = _refusing("a pipe")
    connect_write_pipe = _refusing("a pipe")
    subprocess_exec = _refusing("a subprocess")
    subprocess_shell = _refusing("a subprocess")
    add_reader = _refusing("waiting for a file or socket")
    add_writer = _refusing("waiting for a file or socket")
    sock_recv = _refusing("a socket")
    sock_recv_into = _refusing("a socket")
    sock_recvfrom = _refusing("a socket")
    sock_sendall = _refusing("a socket")
    sock_sendto = _refusing("a socket")
    sock_connect = _refusing("a socket")
    sock_accept = _refusing("a socket")
    sock_sendfile = _refusing("a socket")
    sendfile = _refusing("sendfile (sockets)")
    start_tls = _refusing("TLS (sockets)")
    add_signal_handler = _refusing("a signal handler")


class RecordingPolicy(asyncio.DefaultEventLoopPolicy):
    """asyncio.run() in 3.11 asks the policy for its loop."""
    _loop_factory = RecordingLoop


_ACTIVE: list[Recorder] = []


def _active_recorder() -> Recorder:
    return _ACTIVE[0]


def _cancel_all_tasks_in_creation_order(loop: Any) -> None:
    """asyncio.runners._cancel_all_tasks, line for line, noting the teardown's start. CPython
    takes the tasks left over from all_tasks(), a set whose order follows memory addresses;
    here they are cancelled in creation order, as Loopscope's engine does, so the same
    program gives the same trace. Nothing a program prints can depend on that order."""
    recorder = _active_recorder()
    recorder.teardown_started()
    to_cancel = sorted(asyncio.tasks.all_tasks(loop), key=_creation_order)
    if not to_cancel:
        return
    if len(to_cancel) > 1:
        recorder.order_depends_on_addresses("tasks cancelled at asyncio.run's teardown")
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(asyncio.tasks.gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


def _creation_order(task: Any) -> int:
    record: Optional[TaskRecord] = getattr(task, "_loopscope", None)
    return record.id if record is not None else sys.maxsize


def install_asyncio_hooks(recorder: Recorder) -> None:
    """Every hook the recorder needs, installed for the whole run (see README.md)."""
    _ACTIVE.append(recorder)
    asyncio.set_event_loop_policy(RecordingPolicy())
    replace(asyncio, "Task", RecordingTask)
    replace(asyncio.tasks, "Task", RecordingTask)
    replace(asyncio.base_events, "heapq", TimerHeapShim(recorder))
    replace(asyncio.runners, "_cancel_all_tasks", _cancel_all_tasks_in_creation_order)

    handle_run = asyncio.events.Handle._run

    def run_handle(handle: Any) -> None:
        recorder.handle_started(handle)
        try:
            handle_run(handle)
        finally:
            recorder.handle_ended()

    replace(asyncio.events.Handle, "_run", run_handle)

    gathering_init = _GATHERING_FUTURE.__init__

    def gathering_future(self: Any, children: Any, *, loop: Any) -> None:
        gathering_init(self, children, loop=loop)
        recorder.register_future(self, "gather")

    replace(_GATHERING_FUTURE, "__init__", gathering_future)
    _install_queue_hooks(recorder)
    _install_address_order_hooks(recorder)
    _install_sync_hooks(recorder)


# ---- Where CPython's order follows memory addresses ----

class AddressOrderSet(set):  # type: ignore[type-arg]
    """A set asyncio.wait returns: the program's own iteration of it (a for loop, a
    comprehension, unpacking, printing it, pop) follows memory addresses once it holds more
    than one element, and is noted. len, `in`, sorted() by a key... are not."""

    _ORDERED_USES = frozenset(dis.opmap[name] for name in ("GET_ITER", "UNPACK_SEQUENCE", "UNPACK_EX"))

    def __init__(self, items: Any, recorder: Recorder, reason: str) -> None:
        super().__init__(items)
        self._recorder = recorder
        self._reason = reason

    def _note(self) -> None:
        if len(self) > 1:
            self._recorder.order_depends_on_addresses(self._reason)

    def __iter__(self) -> Iterator[Any]:
        caller = sys._getframe(1)
        if caller.f_code.co_filename == self._recorder.frames.path \
                and caller.f_code.co_code[caller.f_lasti] in self._ORDERED_USES:
            self._note()
        return super().__iter__()

    def __repr__(self) -> str:
        self._note()
        return "{" + ", ".join(repr(item) for item in set.__iter__(self)) + "}" if self else "set()"

    def pop(self) -> Any:
        self._note()
        return super().pop()


AddressOrderSet.__name__ = AddressOrderSet.__qualname__ = "set"
AddressOrderSet.__module__ = "builtins"


def _install_address_order_hooks(recorder: Recorder) -> None:
    """as_completed and wait turn their awaitables into a set: coroutines become tasks in that
    set's order, and done futures queue their callbacks in it, so more than one of either
    makes the order follow memory addresses. wait's results are sets the program iterates.
    A TaskGroup cancels its running children in its set's order."""
    as_completed, wait = asyncio.tasks.as_completed, asyncio.tasks.wait

    def address_ordered(awaitables: list[Any], reason: str) -> None:
        unordered = {id(a) for a in awaitables if not asyncio.isfuture(a) or a.done()}
        if len(unordered) > 1:
            recorder.order_depends_on_addresses(reason)

    def noted_as_completed(fs: Any, *, timeout: Optional[float] = None) -> Any:
        if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
            return as_completed(cast(Any, fs), timeout=timeout)  # CPython's TypeError
        awaitables = list(fs)
        address_ordered(awaitables, "as_completed")
        return as_completed(awaitables, timeout=timeout)

    async def noted_wait(fs: Any, *, timeout: Optional[float] = None, return_when: str = asyncio.ALL_COMPLETED) -> Any:
        if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
            return await wait(cast(Any, fs), timeout=timeout, return_when=return_when)  # CPython's TypeError
        awaitables = list(fs)
        address_ordered(awaitables, "asyncio.wait")
        done, pending = await wait(awaitables, timeout=timeout, return_when=return_when)
        return (AddressOrderSet(done, recorder, "the set asyncio.wait returned"),
                AddressOrderSet(pending, recorder, "the set asyncio.wait returned"))

    for module in (asyncio, asyncio.tasks):
        replace(module, "as_completed", noted_as_completed)
        replace(module, "wait", noted_wait)

    # A TaskGroup whose child fails (or whose body raises) cancels the children still running
    # by iterating its set of tasks: with more than one, in an order that follows addresses.
    abort = asyncio.taskgroups.TaskGroup._abort  # type: ignore[attr-defined]  # private, not in typeshed

    def noted_abort(group: Any) -> None:
        if sum(1 for task in group._tasks if not task.done()) > 1:
            recorder.order_depends_on_addresses("a TaskGroup cancelling its tasks")
        abort(group)

    replace(asyncio.taskgroups.TaskGroup, "_abort", noted_abort)


def _install_queue_hooks(recorder: Recorder) -> None:
    queue_init = asyncio.queues.Queue.__init__

    def new_queue(self: Any, maxsize: int = 0) -> None:
        queue_init(self, maxsize)
        recorder.queue_created(self, maxsize)

    replace(asyncio.queues.Queue, "__init__", new_queue)

    for cls in (asyncio.queues.Queue, asyncio.queues.LifoQueue, asyncio.queues.PriorityQueue):
        _wrap_put_get(recorder, cls)

    task_done = asyncio.queues.Queue.task_done

    def noted_task_done(self: Any) -> None:
        if self._unfinished_tasks > 0:
            recorder.task_done_called(self, self._unfinished_tasks - 1)
        task_done(self)

    replace(asyncio.queues.Queue, "task_done", noted_task_done)


def _install_sync_hooks(recorder: Recorder) -> None:
    """Locks, semaphores (BoundedSemaphore through Semaphore's __init__), events and conditions
    are noted when made (a Queue's own join Event is the queue's), a Lock's `_locked` becomes
    a property that notes who acquires and releases it, and a Semaphore's `_value` one that
    notes who takes and gives back its slots."""
    for cls, kind in ((asyncio.locks.Lock, "lock"), (asyncio.locks.Semaphore, "semaphore"),
                      (asyncio.locks.Event, "event"), (asyncio.locks.Condition, "condition")):
        replace(cls, "__init__", _noted_init(recorder, cls.__dict__["__init__"], kind))

    def is_locked(lock: Any) -> bool:
        return bool(lock.__dict__.get("_loopscope_locked", False))

    def set_locked(lock: Any, held: bool) -> None:
        changed = bool(held) != is_locked(lock)
        lock.__dict__["_loopscope_locked"] = held
        if changed:
            recorder.lock_changed(lock, bool(held))

    replace(asyncio.locks.Lock, "_locked", property(is_locked, set_locked))

    def semaphore_value(semaphore: Any) -> Any:
        try:
            return semaphore.__dict__["_loopscope_value"]
        except KeyError:
            raise AttributeError("_value") from None

    def set_semaphore_value(semaphore: Any, value: Any) -> None:
        before = semaphore.__dict__.get("_loopscope_value")
        semaphore.__dict__["_loopscope_value"] = value
        if isinstance(before, int) and isinstance(value, int) and value != before:
            recorder.semaphore_changed(semaphore, before - value, _slot_holder(recorder, semaphore, value < before))

    replace(asyncio.locks.Semaphore, "_value", property(semaphore_value, set_semaphore_value))


def _slot_holder(recorder: Recorder, semaphore: Any, taken: bool) -> Optional[TaskRecord]:
    """Whose slot a change of a Semaphore's value is: _wake_up_next takes one for the waiter
    whose future it is about to set; acquire takes one for the running task, and release (or
    acquire's cancelled waiter) gives one back for it."""
    caller = sys._getframe(2)
    if taken and caller.f_code is _SEMAPHORE_WAKE_CODE:
        waiters = semaphore._waiters
        return waiters.task_of(caller.f_locals.get("fut")) if isinstance(waiters, WaiterDeque) else None
    return recorder.current


def _noted_init(recorder: Recorder, init: Callable[..., None], kind: str) -> Callable[..., None]:
    def noted(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if sys._getframe(1).f_code is not _QUEUE_INIT_CODE:
            recorder.sync_created(self, kind)
    return noted


def _wrap_put_get(recorder: Recorder, cls: type) -> None:
    put = cls.__dict__["_put"]
    get = cls.__dict__["_get"]

    def noted_put(self: Any, item: Any, *rest: Any) -> None:
        put(self, item, *rest)
        recorder.item_put(self, item)

    def noted_get(self: Any, *rest: Any) -> Any:
        item = get(self, *rest)
        recorder.item_got(self, item)
        return item

    replace(cls, "_put", noted_put)
    replace(cls, "_get", noted_get)


def install_refusals(recorder: Recorder, program_path: str) -> None:
    """What virtual time cannot replay raises NotReplayableError naming the program's line:
    threads, sockets, subprocesses and signal handlers (the loop's own are in RecordingLoop)."""
    replace(threading.Thread, "start", _refusing("a thread"))
    replace(_thread, "start_new_thread", _refusing("a thread"))
    replace(socket.socket, "__init__", _refusing("a socket"))
    replace(subprocess.Popen, "__init__", _refusing("a subprocess"))
    replace(os, "system", _refusing("a subprocess (os.system)"))
    replace(os, "fork", _refusing("a process (os.fork)"))
    for name in ("signal", "alarm", "setitimer"):
        replace(signal, name, _refused_from_program(getattr(signal, name), program_path, "a signal handler or timer"))


def _refused_from_program(function: Callable[..., Any], program_path: str, what: str) -> Callable[..., Any]:
    """`function`, refused when the program calls it (asyncio.run installs a SIGINT handler
    through the same function, and may)."""
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if sys._getframe(1).f_code.co_filename == program_path:
            _active_recorder().refuse(what)
        return function(*args, **kwargs)
    return guarded


class CapturedStdout(io.TextIOBase):
    """The program's sys.stdout: every line becomes a `printed` event of the task that ends
    it, and everything is echoed to the recorder's own stdout as it comes."""

    def __init__(self, recorder: Recorder, echo: IO[str]) -> None:
        super().__init__()
        self._recorder = recorder
        self._echo = echo

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._echo.write(text)
        if "\n" in text:
            self._echo.flush()
        self._recorder.output(text)
        return len(text)

    def flush(self) -> None:
        self._echo.flush()


# ---- The program and the header ----

@dataclass
class ProgramDescription:
    """The header's "program" part. For a program Loopscope has built in, its arguments as the
    engine's parameters hold them (canonical integers, defaults filled in)."""
    name: str
    file: str
    argv: list[str]
    arguments: dict[str, str]
    seed: int
    listing: str
    task_renames: dict[str, str] = field(default_factory=dict)
    recorded: bool = False  # not one of Loopscope's built-in programs: the app keeps it as a recorded script

    def header(self) -> dict[str, Any]:
        header: dict[str, Any] = {"name": self.name, "file": self.file, "argv": self.argv, "arguments": self.arguments,
                                  "seed": str(self.seed), "listing": self.listing}
        if self.recorded:
            header["recorded"] = True
        return header


def describe_program(name: Optional[str], path: str, args: list[str], seed: int, listing: str) -> ProgramDescription:
    if name in ("chained", "sequential"):
        return _describe_chains(name, args, seed, listing)
    if name == "asyncq":
        return _describe_asyncq(args, seed, listing)
    stem = os.path.splitext(os.path.basename(path))[0]
    return ProgramDescription(name or stem, os.path.basename(path), list(args), {}, seed, listing, recorded=True)


def _describe_chains(name: str, args: list[str], seed: int, listing: str) -> ProgramDescription:
    """chained.py and sequential.py: one chain per integer argument, 1 2 3 when none
    (core/chained.cpp)."""
    try:
        numbers = [str(int(word)) for word in args]
    except ValueError:
        numbers = list(args)  # the program itself will refuse them, as int() does
    argv = numbers if numbers else ["1", "2", "3"]
    return ProgramDescription(name, name + ".py", argv, {"arguments": " ".join(numbers)}, seed, listing)


def _describe_asyncq(args: list[str], seed: int, listing: str) -> ProgramDescription:
    """asyncq.py: -p/--nprod producers and -c/--ncon consumers, 5 and 10 by default (core/asyncq.cpp)."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("-p", "--nprod", type=int, default=5)
    parser.add_argument("-c", "--ncon", type=int, default=10)
    try:
        ns, _rest = parser.parse_known_args(args)
        producers, consumers = str(ns.nprod), str(ns.ncon)
    except (argparse.ArgumentError, SystemExit):
        producers, consumers = "5", "10"
    return ProgramDescription("asyncq", "asyncq.py", ["-p", producers, "-c", consumers],
                              {"producers": producers, "consumers": consumers}, seed, listing,
                              {"produce": "Producer", "consume": "Consumer"})


def write_trace(path: str, header: dict[str, Any], log: EventLog) -> None:
    """Header, then the events, into a temporary file beside `path`, then os.replace: the
    file is whole or absent, never half-written."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n") as out:
            out.write(json_line(header))
            log.copy_to(out)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


# ---- One recording ----

@dataclass
class Options:
    program: str  # absolute, as Python 3.11 names a script in its frames and tracebacks
    argv0: str  # as typed, as the program's sys.argv[0]
    args: list[str]
    output: str
    seed: int
    program_name: Optional[str]
    limits: Limits


class Recording:
    """Runs the program once under the hooks and writes its trace."""

    def __init__(self, options: Options, listing: str) -> None:
        self.options = options
        self.description = describe_program(options.program_name, options.program, options.args,
                                            options.seed, listing)
        self.clock = VirtualClock()
        self.recorder = Recorder(ProgramFrames(options.program), self.clock, options.limits,
                                 self.description.task_renames, self._stopped)
        self.clock.on_block = self.recorder.blocked
        self._stdout = sys.stdout
        self._traceback: Optional[tuple[str, int]] = None  # what print_program_traceback printed

    def run(self) -> int:
        install_seed(self.options.seed)
        self.clock.install()
        install_asyncio_hooks(self.recorder)
        install_refusals(self.recorder, self.options.program)
        self._start_wall_limit()
        sys.argv = [self.options.argv0] + self.options.args
        sys.path[0] = os.path.dirname(self.options.program)
        sys.stdout = cast(TextIO, CapturedStdout(self.recorder, self._stdout))
        failure: Optional[BaseException] = None
        try:
            run_program(self.options.program)
        except SystemExit as exit_request:
            if exit_request.code not in (None, 0):
                failure = exit_request
        except BaseException as error:  # the program's own exception, as Python would report it
            failure = error
        finally:
            sys.stdout = self._stdout
        if failure is not None and not isinstance(failure, SystemExit):
            self._traceback = print_program_traceback(failure, self.options.program)
            return self._finish("failed", "none", failure)
        return self._finish("completed", "none", failure)

    def _finish(self, status: str, limit: str, failure: Optional[BaseException]) -> int:
        self._stop_wall_limit()
        self.recorder.flush_output()
        if self._traceback is not None:
            self.recorder.program_failed(*self._traceback)
        self._stdout.flush()
        if self.recorder.refusals:
            sys.stderr.write(f"loopscope_record: refused: {self.recorder.refusals[0]}\n")
            return EXIT_REFUSED
        if not self.recorder.tasks:
            sys.stderr.write(f"loopscope_record: {os.path.basename(self.options.program)} ran no asyncio task: "
                             "there is no event loop to show\n")
            return EXIT_REFUSED
        try:
            write_trace(self.options.output, self._header(status, limit), self.recorder.log)
        except OSError as error:
            sys.stderr.write(f"loopscope_record: cannot write '{self.options.output}': {error.strerror or error}\n")
            return EXIT_FAILURE
        if isinstance(failure, SystemExit):
            sys.stderr.write(f"loopscope_record: the program exited with status {failure.code}\n")
        return EXIT_PROGRAM_FAILED if failure is not None else EXIT_COMPLETED

    def _stopped(self, status: str, limit: str, message: str) -> NoReturn:
        """A deadlock or a limit, deep inside the program's run: write the trace and leave at
        once, as nothing after this point would happen in Python (it would block forever)."""
        sys.stdout = self._stdout
        code = self._finish(status, limit, None)
        if code == EXIT_COMPLETED:
            sys.stderr.write(f"loopscope_record: {message}" + (
                " (the recorder's limit)\n" if status == "limit_reached" else "\n"))
            code = EXIT_DEADLOCK if status == "deadlock" else EXIT_LIMIT
        sys.stderr.flush()
        os._exit(code)

    def _header(self, status: str, limit: str) -> dict[str, Any]:
        recorder = self.recorder
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "program": self.description.header(),
            "status": status,
            "limit": limit,
            "events": recorder.log.count,
            "tasks": len(recorder.tasks),
            "task_steps": recorder.task_steps,
            "handles_run": recorder.handles_run,
            "virtual_seconds": json_number(self.clock.now),
            **self._address_order(),
        }

    def _address_order(self) -> dict[str, Any]:
        """The header's order_depends_on_addresses, only when the run's order could have
        followed memory addresses (README, "Trace files")."""
        if self.recorder.address_order is None:
            return {}
        reason, line = self.recorder.address_order
        return {"order_depends_on_addresses": {"reason": reason, "line": line}}

    def _start_wall_limit(self) -> None:
        seconds = self.options.limits.wall_seconds
        if seconds <= 0:
            return

        def on_alarm(_signum: int, _frame: Any) -> None:
            self.recorder.stop_when_safe("limit_reached", "handles",
                                         f"the run took more than {seconds:g} s of real time")

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def _stop_wall_limit(self) -> None:
        if self.options.limits.wall_seconds > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)


def run_program(path: str) -> None:
    """Runs the file as `python3 path` would, as __main__ (runpy keeps the file's name in
    its frames, which is how lines are found)."""
    import runpy
    runpy.run_path(path, run_name="__main__")


# Frames of the pure-Python Task and Future, which the C ones that Python runs by default do
# not show in a traceback.
_C_TASK_FRAMES = {(f.__code__.co_filename, f.__code__.co_name)
                  for cls in (asyncio.futures._PyFuture, asyncio.tasks._PyTask)  # type: ignore[attr-defined]
                  for f in vars(cls).values() if isinstance(f, types.FunctionType)}


def print_program_traceback(error: BaseException, program_path: str) -> tuple[str, int]:
    """The traceback Python would print for the program: without the recorder's frames, the
    pure-Python Task's, and what ran the file (runpy), so it starts at the program's <module>.
    Returns its text and the program's line that raised (its innermost frame in the file; 0
    when none is)."""
    report = traceback.TracebackException(type(error), error, error.__traceback__)
    _trim(report, program_path)
    text = "".join(report.format())
    sys.stderr.write(text)
    sys.stderr.flush()
    lines = [f.lineno for f in report.stack if f.filename == program_path and f.lineno]
    return text, (lines[-1] if lines else 0)


def _trim(report: traceback.TracebackException, program_path: str) -> None:
    frames = [f for f in report.stack
              if os.path.abspath(f.filename) != _OWN_FILE and (f.filename, f.name) not in _C_TASK_FRAMES]
    start = next((i for i, f in enumerate(frames) if f.filename == program_path), 0)
    report.stack = traceback.StackSummary.from_list(frames[start:])
    for linked in (report.__cause__, report.__context__):
        if linked is not None:
            _trim(linked, program_path)


# ---- Command line ----

# Options that take a value, so that the first other word is the program (everything after
# it belongs to the program).
_VALUE_OPTIONS = {"--seed", "--program-name", "--limit-steps", "--limit-seconds", "--limit-output", "-o", "--output"}


def _split_command_line(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """The recorder's own words (up to and including PROGRAM) and the program's arguments. A
    final `-o OUT` after the program's arguments is the recorder's, unless -o came before."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return list(argv[:index]) + list(argv[index + 1:index + 2]), list(argv[index + 2:])
        if word in _VALUE_OPTIONS:
            index += 2
            continue
        if word.startswith("-") and word != "-":
            index += 1
            continue
        break
    own, rest = list(argv[:index + 1]), list(argv[index + 1:])
    has_output = any(w in ("-o", "--output") or w.startswith("--output=") or (w.startswith("-o") and len(w) > 2)
                     for w in own[:-1])
    if not has_output and len(rest) >= 2 and rest[-2] in ("-o", "--output"):
        own = own[:-1] + rest[-2:] + own[-1:]
        rest = rest[:-2]
    return own, rest


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a decimal integer") from None


def _positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"'{text}' must be more than 0")
        return value
    return parse


def parse_command_line(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="loopscope_record.py",
        usage="%(prog)s [options] PROGRAM.py [ARGS...] -o OUT.jsonl",
        description="Record a Python asyncio program, run by CPython 3.11 in virtual time, "
                    "as a Loopscope trace file (JSON Lines, format version 3).",
        epilog="Everything after PROGRAM is the program's own argv; a final '-o OUT' is the "
               "recorder's unless -o came before PROGRAM. Exit codes: 0 recorded, 1 the "
               "recorder failed (no file), 2 usage, 3 deadlock, 4 limit reached, 5 the program "
               "raised an exception (traceback on stderr), 6 refused: a construct virtual time "
               "cannot replay, or no asyncio task at all (no file).")
    parser.add_argument("program", metavar="PROGRAM.py", help="the Python program to run")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="the trace file to write")
    parser.add_argument("--seed", type=_seed, default=DEFAULT_SEED,
                        help="the seed random.seed(...) uses instead of the program's (default 444)")
    parser.add_argument("--program-name", metavar="NAME",
                        help="the program's name in the trace; 'chained', 'sequential' and 'asyncq' "
                             "describe Loopscope's built-in programs (their arguments as the app holds them)")
    parser.add_argument("--limit-steps", type=_positive(int), default=DEFAULT_MAX_STEPS, metavar="N",
                        help=f"stop after N handles or loop iterations (default {DEFAULT_MAX_STEPS})")
    parser.add_argument("--limit-seconds", type=_positive(float), default=0.0, metavar="WALL",
                        help="stop after WALL seconds of real time (default: no limit)")
    parser.add_argument("--limit-output", type=_positive(int), default=DEFAULT_MAX_OUTPUT_BYTES, metavar="BYTES",
                        help=f"stop once the program printed more than BYTES (default {DEFAULT_MAX_OUTPUT_BYTES})")
    own, program_args = _split_command_line(argv)
    ns = parser.parse_args(own)
    if not os.path.isfile(ns.program):
        parser.error(f"PROGRAM.py: no such file: '{ns.program}'")
    limits = Limits(steps=ns.limit_steps, wall_seconds=ns.limit_seconds, output_bytes=ns.limit_output)
    return Options(os.path.abspath(ns.program), ns.program, program_args, ns.output, ns.seed, ns.program_name, limits)


def main(argv: Optional[Sequence[str]] = None) -> int:
    options = parse_command_line(sys.argv[1:] if argv is None else argv)
    try:
        with open(options.program, encoding="utf-8") as source:
            listing = source.read()
    except (OSError, UnicodeDecodeError) as error:
        sys.stderr.write(f"loopscope_record: cannot read '{options.program}': {error}\n")
        return EXIT_FAILURE
    return Recording(options, listing).run()


if __name__ == "__main__":
    sys.exit(main())
