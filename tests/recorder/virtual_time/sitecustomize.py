# SPDX-License-Identifier: MIT
"""Plain CPython on a virtual clock, for the generated programs' reference runs.

Put this folder on PYTHONPATH and `python3 prog.py` runs unchanged, CPython's own asyncio and
nothing else of the recorder, except the clock: loop.time() and time.monotonic / perf_counter
/ time read a clock that moves only where the loop would block in select() (by exactly the
timeout) or where the program blocks in time.sleep(). On a real clock, timers that tie in
virtual time (two sleep(1) from one iteration) would not tie, so heapq's order for equal
deadlines could never be compared, and every run would take its seconds. A loop that would
block forever prints one line on stderr and exits with 3. Standard library only.
"""

import os
import selectors
import sys
import time

_now = 0.0


def _seconds() -> float:
    return _now


def _nanoseconds() -> int:
    return round(_now * 1e9)


def _sleep(secs: float) -> None:
    global _now
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    _now = _now + secs


class _VirtualSelector(selectors.DefaultSelector):
    """The loop's self-pipe still registers; select() never waits, it moves the clock."""

    def select(self, timeout=None):  # type: ignore[no-untyped-def]
        global _now
        if timeout is None:
            sys.stdout.flush()
            sys.stderr.write("deadlock: every task is waiting and no timer is pending\n")
            sys.stderr.flush()
            os._exit(3)
        _now = _now + timeout
        return []


for _name in ("time", "monotonic", "perf_counter"):
    setattr(time, _name, _seconds)
    setattr(time, _name + "_ns", _nanoseconds)
time.sleep = _sleep
selectors.DefaultSelector = _VirtualSelector  # type: ignore[misc]  # the loop's selector, by its module name
