#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generated asyncio programs (program_generator.py), recorded and checked against CPython.

    test_generated.py --loopscope PATH/TO/loopscope [--programs N] [--first-seed S] [--jobs J]

For each seed the program is run three ways: plain `python3 prog.py` with only the clock made
virtual (virtual_time/sitecustomize.py on PYTHONPATH: CPython's own asyncio, nothing of the
recorder), the recorder (resources/recorder/), and `loopscope print run.jsonl`. The recorder's
stdout and the printed trace must equal the plain run's stdout byte for byte, and stderr its
traceback when an exception escaped (exit codes 1, 5 and 1). Reading the trace back applies
every rule of core/tracerules.h after every event (the reader refuses the first broken one),
so a run that passes had a consistent trace. A failing seed prints its program and how to
make it again. Exits 77 (a skip) when this Python is not CPython 3.11. Standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
RECORDER = os.path.join(ROOT, "resources", "recorder", "loopscope_record.py")
VIRTUAL_TIME = os.path.join(HERE, "virtual_time")
EXIT_SKIP = 77
EXIT_PROGRAM_FAILED = 5  # the recorder's code for an exception that escaped the program

sys.path.insert(0, HERE)
from program_generator import generate  # noqa: E402


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run(command: list[str], cwd: str, environment: Optional[dict[str, str]] = None) -> Run:
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=cwd,
                          env=environment)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def difference(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "python3", "loopscope", lineterm="", n=2)
    return "\n".join(list(lines)[:40])


def same_lines(first: str, second: str) -> bool:
    """The same lines, in any order."""
    return sorted(first.splitlines()) == sorted(second.splitlines())


def check(seed: int, folder: str, loopscope: str) -> Optional[str]:
    """Nothing when the seed's program passes, else what went wrong."""
    program = os.path.join(folder, f"gen{seed}.py")
    trace = os.path.join(folder, f"gen{seed}.jsonl")
    with open(program, "w", encoding="utf-8") as f:
        f.write(generate(seed))
    plain = run([sys.executable, program], folder, dict(os.environ, PYTHONPATH=VIRTUAL_TIME))
    recorded = run([sys.executable, RECORDER, program, "-o", trace], folder)
    failed = plain.code != 0
    if plain.code not in (0, 1) or (failed and "Traceback" not in plain.stderr):
        return f"plain python3 exited with {plain.code}:\n{plain.stderr}"
    if recorded.code != (EXIT_PROGRAM_FAILED if failed else 0):
        return f"the recorder exited with {recorded.code} (python3: {plain.code}):\n{recorded.stderr}"
    with open(trace, encoding="utf-8") as f:
        header = json.loads(f.readline())
    # A TaskGroup cancelling several children does so in an order that follows memory
    # addresses: there the recording may order their lines otherwise than python3 did, says
    # so, and the lines themselves must still be the same.
    address_order = header.get("order_depends_on_addresses") is not None
    same = same_lines if address_order else str.__eq__
    if not same(recorded.stdout, plain.stdout):
        return "the recorder's output differs:\n" + difference(plain.stdout, recorded.stdout)
    if not same(recorded.stderr, plain.stderr):
        return "the recorder's stderr differs:\n" + difference(plain.stderr, recorded.stderr)
    read_back = run([loopscope, "print", trace], folder)
    if read_back.code != plain.code:
        return f"loopscope print exited with {read_back.code} (python3: {plain.code}):\n{read_back.stderr}"
    if read_back.stdout != recorded.stdout:
        return "the trace's output differs:\n" + difference(recorded.stdout, read_back.stdout)
    warning = "loopscope: warning: This run's order depends on memory addresses"
    read_back_stderr = "".join(line for line in read_back.stderr.splitlines(keepends=True)
                               if not (address_order and line.startswith(warning)))
    if address_order and read_back_stderr == read_back.stderr:
        return "loopscope print does not warn that the order depends on memory addresses"
    if read_back_stderr != recorded.stderr:
        return "loopscope print's stderr differs:\n" + difference(recorded.stderr, read_back_stderr)
    if header["status"] != ("failed" if failed else "completed"):
        return f"the trace's status is {header['status']}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loopscope", required=True, help="the loopscope binary")
    parser.add_argument("--programs", type=int, default=120, help="how many seeds (default 120)")
    parser.add_argument("--first-seed", type=int, default=1, help="the first seed (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="programs checked at once (default 2)")
    options = parser.parse_args()
    if platform.python_implementation() != "CPython" or sys.version_info[:2] != (3, 11):
        print(f"skipped: the recorder follows CPython 3.11, this is {platform.python_implementation()} "
              f"{platform.python_version()}")
        return EXIT_SKIP
    loopscope = os.path.abspath(options.loopscope)
    seeds = range(options.first_seed, options.first_seed + options.programs)
    with tempfile.TemporaryDirectory(prefix="loopscope-generated-") as folder, \
            ThreadPoolExecutor(max_workers=options.jobs) as pool:
        problems = dict(zip(seeds, pool.map(lambda seed: check(seed, folder, loopscope), seeds)))
    failing = [seed for seed, problem in problems.items() if problem is not None]
    for seed in failing:
        print(f"=== seed {seed}: {problems[seed]}\n--- the program (python3 {os.path.relpath(__file__, ROOT)} "
              f"is made by: python3 tests/recorder/program_generator.py {seed} > gen{seed}.py)\n{generate(seed)}")
    print(f"{len(seeds) - len(failing)} of {len(seeds)} generated programs recorded as python3 runs them"
          + (f"; failing seeds: {failing}" if failing else ""))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
