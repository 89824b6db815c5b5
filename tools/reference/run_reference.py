#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run an unmodified listing from resources/listings/ under CPython asyncio on an ideal clock.

This is Loopscope's reference semantics (core/CPYTHON.md): real CPython 3.11 asyncio
runs the script, but the clock only moves when the event loop would block, and then it jumps
by exactly the select timeout (i.e. to the next timer deadline). Nothing else is changed:

- ``random.seed(...)`` called by the script seeds with ``--seed`` instead (default 444);
- ``time.perf_counter()`` reads the virtual clock (the same clock as ``loop.time()``);
- ``os.urandom(n)`` returns bytes from a deterministic stream derived from the seed that
  never touches the ``random`` module's stream (SplitMix64, see ``UrandomStream``);
- a loop that would block forever (no ready handle, no timer) is a deadlock: stdout is
  flushed, one line goes to stderr and the process exits with code 3.

Usage::

    run_reference.py chained [--seed S] [-- N ...]
    run_reference.py sequential [--seed S] [-- N ...]
    run_reference.py asyncq  [--seed S] [-p N] [-c M]
    (any scenario) [--timing FILE]   write {"wall_seconds", "virtual_seconds", ...} as JSON

Standard library only.
"""

import argparse
import asyncio
import json
import os
import random
import runpy
import selectors
import sys
import time
from typing import Callable, NoReturn, Optional, ParamSpec, TypeVar

LISTINGS_DIR = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "listings"))
SCENARIOS = {"chained": "chained.py", "asyncq": "asyncq.py", "sequential": "sequential.py"}
DEFAULT_SEED = 444
DEADLOCK_MESSAGE = "deadlock: every task is waiting and no timer is pending"
EXIT_DEADLOCK = 3
EXIT_USAGE = 2

# Keep the real clocks before anything is patched: the benchmark times real work with these.
_real_perf_counter_ns = time.perf_counter_ns

_P = ParamSpec("_P")
_T = TypeVar("_T")


class VirtualClock:
    """The one virtual clock shared by loop.time() and time.perf_counter()."""

    __slots__ = ("now", "selects")

    def __init__(self) -> None:
        self.now = 0.0
        self.selects = 0  # number of select() calls == event loop iterations


CLOCK = VirtualClock()


def _deadlock() -> NoReturn:
    # os._exit skips asyncio's teardown, which would otherwise block forever too.
    try:
        sys.stdout.flush()
    finally:
        sys.stderr.write(DEADLOCK_MESSAGE + "\n")
        sys.stderr.flush()
        os._exit(EXIT_DEADLOCK)


class VirtualSelector(selectors.DefaultSelector):
    """A real selector (the loop's self-pipe still registers with it) whose select() never
    waits: it advances the virtual clock by exactly `timeout` and reports no I/O events."""

    def select(self, timeout: Optional[float] = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:
            _deadlock()
        CLOCK.selects += 1
        CLOCK.now = CLOCK.now + timeout  # plain float addition, no rounding
        return []


class VirtualTimeEventLoop(asyncio.SelectorEventLoop):
    """CPython's default (selector) event loop; only time() and the selector differ.
    _clock_resolution stays what BaseEventLoop sets (the monotonic clock's resolution)."""

    def __init__(self) -> None:
        super().__init__(selector=VirtualSelector())

    def time(self) -> float:
        return CLOCK.now


class VirtualTimePolicy(asyncio.DefaultEventLoopPolicy):
    # asyncio.run() in 3.11 has no loop_factory; it asks the policy for a new loop.
    _loop_factory = VirtualTimeEventLoop


class UrandomStream:
    """Deterministic replacement for os.urandom: the bytes of successive SplitMix64 outputs
    (little-endian), state initialised to seed mod 2**64. Independent of `random`."""

    _MASK = (1 << 64) - 1

    def __init__(self, seed: int) -> None:
        self._state = seed & self._MASK
        self._buffer = b""

    def _next64(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & self._MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self._MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self._MASK
        return z ^ (z >> 31)

    def __call__(self, size: int) -> bytes:
        size = int(size)
        if size < 0:
            raise ValueError("negative argument not allowed")
        while len(self._buffer) < size:
            self._buffer += self._next64().to_bytes(8, "little")
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out


class Timing:
    __slots__ = ("wall_ns", "virtual_seconds", "iterations")

    def __init__(self) -> None:
        # None until the script's asyncio.run() returns or raises.
        self.wall_ns: Optional[int] = None
        self.virtual_seconds: Optional[float] = None
        self.iterations: Optional[int] = None


def install(seed: int, timing: Timing) -> None:
    """Patch the interpreter for one run. Must happen before the script is executed."""
    seed_random = random.seed

    def seed_with_s(*_args: object, **_kwargs: object) -> None:
        seed_random(seed)

    random.seed = seed_with_s
    os.urandom = UrandomStream(seed)
    time.perf_counter = lambda: CLOCK.now
    asyncio.set_event_loop_policy(VirtualTimePolicy())
    asyncio.run = _timed(asyncio.run, timing)


def _timed(real_run: Callable[_P, _T], timing: Timing) -> Callable[_P, _T]:
    """`real_run` with its arguments passed through unchanged, recording into `timing`."""

    def timed_run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        virtual_start, selects_start = CLOCK.now, CLOCK.selects
        wall_start = _real_perf_counter_ns()
        try:
            return real_run(*args, **kwargs)
        finally:
            timing.wall_ns = _real_perf_counter_ns() - wall_start
            timing.virtual_seconds = CLOCK.now - virtual_start
            timing.iterations = CLOCK.selects - selects_start

    return timed_run


def _parse_int(text: str, what: str) -> int:
    # Seeds of any size: lift the int/str digit limit only while converting them.
    old_limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid {what}: {text!r}") from None
    finally:
        sys.set_int_max_str_digits(old_limit)


def parse_command_line(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    # Split at the first "--" ourselves: argparse's handling of "--" with negative numbers
    # after it differs between Python versions.
    if "--" in argv:
        cut = argv.index("--")
        options, trailing = argv[:cut], argv[cut + 1:]
    else:
        options, trailing = argv, []
    parser = argparse.ArgumentParser(
        prog="run_reference.py",
        description="Run a listing under CPython asyncio with a virtual clock.")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("numbers", nargs="*", help="chained: the chain numbers (or after --)")
    parser.add_argument("--seed", type=lambda s: _parse_int(s, "seed"), default=DEFAULT_SEED)
    parser.add_argument("-p", "--nprod", type=int, default=None, help="asyncq: producers")
    parser.add_argument("-c", "--ncon", type=int, default=None, help="asyncq: consumers")
    parser.add_argument("--timing", metavar="FILE", help="write wall/virtual time as JSON")
    ns = parser.parse_args(options)
    numbers: list[str] = ns.numbers + trailing
    if ns.scenario in ("chained", "sequential"):  # the same argv: the chain numbers
        if ns.nprod is not None or ns.ncon is not None:
            parser.error("-p/-c apply to asyncq only")
        for n in numbers:
            try:
                int(n)
            except ValueError:
                parser.error(f"invalid chain number: {n!r}")
        script_args = list(numbers)  # verbatim: the script does map(int, sys.argv[1:])
    else:
        if numbers:
            parser.error(f"asyncq takes no positional arguments: {' '.join(numbers)}")
        script_args = []
        if ns.nprod is not None:
            script_args.append(f"--nprod={ns.nprod}")
        if ns.ncon is not None:
            script_args.append(f"--ncon={ns.ncon}")
    return ns, script_args


def main(argv: Optional[list[str]] = None) -> int:
    ns, script_args = parse_command_line(sys.argv[1:] if argv is None else argv)
    script = os.path.join(LISTINGS_DIR, SCENARIOS[ns.scenario])
    timing = Timing()
    install(ns.seed, timing)
    sys.argv = [script] + script_args
    runpy.run_path(script, run_name="__main__")
    sys.stdout.flush()
    if ns.timing:
        # Every listing calls asyncio.run(), so by here timed_run has filled in `timing`.
        assert timing.wall_ns is not None
        with open(ns.timing, "w", encoding="utf-8") as f:
            json.dump({"wall_seconds": timing.wall_ns / 1e9,
                       "virtual_seconds": timing.virtual_seconds,
                       "loop_iterations": timing.iterations}, f)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
