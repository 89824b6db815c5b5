#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The CPython half of the simulation benchmark (README, Benchmarks).

Runs the reference runner (real CPython asyncio, virtual clock) on the scaled-up runs and
prints one JSON line per scenario:

    {"scenario": "chained", "args": "--seed=444 -- 1..100000", "wall_seconds": ...,
     "virtual_seconds": ..., "loop_iterations": ..., "python": "3.11.7"}

wall_seconds is the real time of the script's asyncio.run() call only (interpreter start-up,
imports and argument parsing excluded); stdout of the script goes to /dev/null.

    python_bench.py [--seed S] [--chains N] [--producers P] [--consumers C] [--repeat R]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.normpath(os.path.join(HERE, "..", "reference", "run_reference.py"))


def timed_run(python: str, args: list[str]) -> dict[str, Any]:
    fd, timing_path = tempfile.mkstemp(prefix="loopscope-bench-", suffix=".json")
    os.close(fd)
    try:
        with open(os.devnull, "wb") as devnull:
            proc = subprocess.run([python, REFERENCE, "--timing", timing_path] + args,
                                  stdin=subprocess.DEVNULL, stdout=devnull,
                                  stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise RuntimeError(f"reference runner failed ({proc.returncode}) for "
                               f"{' '.join(args[:6])} ...: {proc.stderr.decode(errors='replace')}")
        with open(timing_path, encoding="utf-8") as f:
            timing: dict[str, Any] = json.load(f)
            return timing
    finally:
        os.unlink(timing_path)


def main() -> int:
    parser = argparse.ArgumentParser(description="CPython asyncio side of the benchmark.")
    parser.add_argument("--seed", type=int, default=444)
    parser.add_argument("--chains", type=int, default=100_000,
                        help="chained: run chains 1..N (default 100000)")
    parser.add_argument("--producers", type=int, default=2000, help="asyncq -p (default 2000)")
    parser.add_argument("--consumers", type=int, default=4000, help="asyncq -c (default 4000)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per scenario; every run prints its own line")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    parser.add_argument("--only", choices=["chained", "asyncq"], help="measure only this scenario")
    ns = parser.parse_args()

    seed = f"--seed={ns.seed}"
    scenarios = [
        ("chained", f"{seed} -- 1..{ns.chains}",
         ["chained", seed, "--"] + [str(n) for n in range(1, ns.chains + 1)]),
        ("asyncq", f"{seed} -p {ns.producers} -c {ns.consumers}",
         ["asyncq", seed, "-p", str(ns.producers), "-c", str(ns.consumers)]),
    ]
    version = subprocess.run([ns.python, "-c", "import platform; print(platform.python_version())"],
                             stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    for name, shown_args, args in scenarios:
        if ns.only and name != ns.only:
            continue
        for _ in range(max(ns.repeat, 1)):
            timing = timed_run(ns.python, args)
            print(json.dumps({"scenario": name, "args": shown_args,
                              "wall_seconds": timing["wall_seconds"],
                              "virtual_seconds": timing["virtual_seconds"],
                              "loop_iterations": timing["loop_iterations"],
                              "python": version,
                              "machine": platform.machine()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
