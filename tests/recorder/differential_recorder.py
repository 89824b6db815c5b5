#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test: the recorder's trace of real CPython against the engine's, event for event.

    differential_recorder.py --loopscope PATH/TO/loopscope [--cases N] [--jobs J] [--list]

For each case (a fixed list of edge cases, then seeded pseudo-random ones up to --cases),
runs `loopscope export chained|sequential|asyncq ... -o engine.jsonl` and
`loopscope_record.py --program-name NAME LISTING ARGS -o recorded.jsonl`, and requires the
same exit code, the same header (program, status, limit, counts, virtual seconds) and every
event line equal field for field. Prints each mismatch with the first differing event line
of both files, then a summary; exit 0 when every case is equal, 1 otherwise, 77 (a skip)
when this Python is not CPython 3.11. Standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Optional

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RECORDER = os.path.join(ROOT, "resources", "recorder", "loopscope_record.py")
LISTINGS = os.path.join(ROOT, "resources", "listings")
GENERATOR_SEED = 20240917  # fixes the pseudo-random part of the case list
CASE_TIMEOUT_SECONDS = 300
EXIT_SKIP = 77
HEADER_KEYS = ("format", "version", "status", "limit", "events", "tasks", "task_steps", "handles_run",
               "virtual_seconds")
PROGRAM_KEYS = ("name", "file", "argv", "arguments", "seed", "listing")

sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))  # the seeds and arguments of differential.py
from case_arguments import EDGE_SEEDS, SLEEP0_SEEDS, random_count, random_numbers, random_seed  # noqa: E402


@dataclass(frozen=True)
class Case:
    """One run of a built-in program: seed None is the default (444); for chained and
    sequential `args` are the chain numbers (None: the script's default 1 2 3), for asyncq
    (producers, consumers)."""
    program: str
    seed: Optional[int]
    args: Optional[tuple[int, ...]]
    note: str = ""

    def engine_command(self, loopscope: str, output: str) -> list[str]:
        command = [loopscope, "export", self.program] + self._seed_option() + ["-o", output]
        if self.program != "asyncq":
            return command + (["--"] + [str(n) for n in self.args] if self.args is not None else [])
        return command + self._asyncq_options()

    def recorder_command(self, output: str) -> list[str]:
        listing = os.path.join(LISTINGS, self.program + ".py")
        command = [sys.executable, RECORDER] + self._seed_option() + ["--program-name", self.program, listing]
        if self.program != "asyncq":
            command += [str(n) for n in self.args] if self.args is not None else []
        else:
            command += self._asyncq_options()
        return command + ["-o", output]

    def _seed_option(self) -> list[str]:
        return [] if self.seed is None else [f"--seed={self.seed}"]  # "=": a negative seed is no option

    def _asyncq_options(self) -> list[str]:
        if self.args is None:
            return []
        producers, consumers = self.args
        return ["-p", str(producers), "-c", str(consumers)]  # "-p -3" is a negative count to argparse

    def __str__(self) -> str:
        words = [self.program] + self._seed_option()
        if self.program != "asyncq" and self.args is not None:
            words += ["--"] + [str(n) for n in self.args]
        elif self.args is not None:
            words += self._asyncq_options()
        text = " ".join(words)
        return f"{text}   [{self.note}]" if self.note else text


def chained(seed: Optional[int], numbers: Optional[list[int]], note: str = "", program: str = "chained") -> Case:
    return Case(program, seed, tuple(numbers) if numbers is not None else None, note)


def sequential(seed: Optional[int], numbers: Optional[list[int]], note: str = "") -> Case:
    return chained(seed, numbers, note, "sequential")


def asyncq(seed: Optional[int], producers: int, consumers: int, note: str = "") -> Case:
    return Case("asyncq", seed, (producers, consumers), note)


def fixed_cases() -> list[Case]:
    cases = [
        chained(None, None, "all defaults"),
        chained(444, [1, 2, 3], "published run"),
        Case("asyncq", None, None, "all defaults"),
        asyncq(444, 5, 10, "published run"),
        asyncq(444, 0, 0, "nothing at all"),
        asyncq(444, 0, 5, "no producers"),
        asyncq(444, 5, 0, "no consumers: deadlock"),
        asyncq(444, 1, 0, "no consumers"),
        asyncq(444, 12, 0, "no consumers, many items"),
        asyncq(1, 3, 0, "no consumers"),
        asyncq(444, 1, 12, "more consumers than items"),
        asyncq(444, 2, 12, "more consumers than items"),
        asyncq(7, 1, 30, "more consumers than items"),
        asyncq(444, 12, 12, "many of both"),
        asyncq(444, 12, 1, "one consumer"),
        asyncq(444, 1, 1, "one of each"),
        asyncq(444, -1, 3, "negative producers"),
        asyncq(444, 3, -2, "negative consumers"),
        asyncq(444, -5, -5, "both negative"),
        asyncq(0, 0, -1, "seed 0"),
        asyncq(-444, 5, 10, "negative seed, abs() equal to 444"),
        asyncq(444, 2, 150, "150 consumers, nearly all cancelled while waiting for an item"),
        asyncq(3, 40, 200, "many of both: getters woken, passed over and cancelled"),
        chained(444, [0], "argument 0"),
        chained(444, [-7], "negative argument"),
        chained(444, [2**71], "big argument"),
        chained(444, [-(2**75) - 1, 0, 2**80 + 3], "big and negative"),
        chained(444, list(range(1, 13)), "12 chains"),
        chained(444, [5, 5, 5, 5], "repeated argument"),
        chained(444, [3, 2, 1, 3, 2, 1], "repeated arguments"),
        chained(444, [3, 2, 1], "reversed"),
        chained(-444, [1, 2, 3], "negative seed, abs() equal to 444"),
        chained(444, list(range(150)), "150 chains: equal deadlines tie in the heap"),
    ]
    cases += [chained(seed, [1, 2, 3, 4], "draws sleep(0)") for seed in SLEEP0_SEEDS]
    cases += [
        sequential(None, None, "all defaults"),
        sequential(444, [1, 2, 3], "published run, in turn"),
        sequential(444, [0], "argument 0"),
        sequential(444, [-7, 2**71], "negative and big arguments"),
        sequential(444, [5, 5, 5], "repeated argument"),
        sequential(-444, list(range(1, 13)), "12 chains in turn"),
    ]
    cases += [sequential(seed, [1, 2, 3, 4], "draws sleep(0)") for seed in SLEEP0_SEEDS]
    for seed in EDGE_SEEDS:
        cases.append(chained(seed, [1, 2, 3], "seed edge"))
        cases.append(asyncq(seed, 5, 10, "seed edge"))
    return cases


def generated_case(index: int, rng: random.Random) -> Case:
    """Chained, asyncq, chained, asyncq, sequential, and again."""
    seed = random_seed(rng)
    if index % 5 == 1 or index % 5 == 3:
        return asyncq(seed, random_count(rng, many=True), random_count(rng, many=True))
    numbers = random_numbers(rng)
    if rng.randrange(4) == 0:
        numbers += numbers[: rng.randrange(1, len(numbers) + 1)]  # repeated chain arguments
    return chained(seed, numbers, program="sequential" if index % 5 == 4 else "chained")


def build_cases(total: int) -> list[Case]:
    """The fixed list (always all of it), then seeded pseudo-random cases up to `total`."""
    cases: list[Case] = []
    for case in fixed_cases():
        if case not in cases:
            cases.append(case)
    rng = random.Random(GENERATOR_SEED)
    index = 0
    while len(cases) < total:
        case = generated_case(index, rng)
        index += 1
        if case not in cases:
            cases.append(case)
    return cases


@dataclass
class Outcome:
    report: Optional[str]  # None when both traces are equal
    events: int
    byte_identical: bool
    deadlock: bool


def run(command: list[str]) -> tuple[int, str]:
    proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=CASE_TIMEOUT_SECONDS, check=False)
    return proc.returncode, proc.stderr.decode(errors="replace").strip()


def read_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def header_differences(engine: dict[str, Any], recorded: dict[str, Any]) -> list[str]:
    problems = [f"  header \"{key}\": engine {engine.get(key)!r}, recorder {recorded.get(key)!r}"
                for key in HEADER_KEYS if engine.get(key) != recorded.get(key)]
    engine_program, recorded_program = engine.get("program", {}), recorded.get("program", {})
    for key in PROGRAM_KEYS:
        if engine_program.get(key) != recorded_program.get(key):
            problems.append(f"  header program \"{key}\": engine {repr(engine_program.get(key))[:80]}, "
                            f"recorder {repr(recorded_program.get(key))[:80]}")
    return problems


def first_event_difference(engine: list[str], recorded: list[str]) -> Optional[str]:
    for index in range(max(len(engine), len(recorded))):
        left = engine[index] if index < len(engine) else None
        right = recorded[index] if index < len(recorded) else None
        if left is None or right is None or json.loads(left) != json.loads(right):
            return (f"  first differing event: line {index + 2} of the files\n"
                    f"    engine:   {left if left is not None else '(end of file)'}\n"
                    f"    recorder: {right if right is not None else '(end of file)'}")
    return None


def compare(case: Case, loopscope: str, directory: str, index: int) -> Outcome:
    engine_file = os.path.join(directory, f"{index}-engine.jsonl")
    recorded_file = os.path.join(directory, f"{index}-recorded.jsonl")
    try:
        engine_code, engine_err = run(case.engine_command(loopscope, engine_file))
        recorder_code, recorder_err = run(case.recorder_command(recorded_file))
    except subprocess.TimeoutExpired as timeout:
        return Outcome(f"MISMATCH {case}\n  timed out: {' '.join(timeout.cmd)}", 0, False, False)
    problems = []
    if engine_code != recorder_code:
        problems.append(f"  exit code: engine {engine_code} ({engine_err[-200:]}), "
                        f"recorder {recorder_code} ({recorder_err[-200:]})")
    if not (os.path.exists(engine_file) and os.path.exists(recorded_file)):
        problems.append(f"  a trace file is missing (engine: {engine_err[-200:]}; recorder: {recorder_err[-200:]})")
        return Outcome("\n".join([f"MISMATCH {case}"] + problems), 0, False, False)
    engine, recorded = read_lines(engine_file), read_lines(recorded_file)
    problems += header_differences(json.loads(engine[0]), json.loads(recorded[0]))
    difference = first_event_difference(engine[1:], recorded[1:])
    if difference:
        problems.append(difference)
    byte_identical = engine == recorded
    for path in (engine_file, recorded_file):
        os.unlink(path)
    report = "\n".join([f"MISMATCH {case}"] + problems) if problems else None
    return Outcome(report, len(engine) - 1, byte_identical, engine_code == 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loopscope", help="path to the loopscope executable")
    parser.add_argument("--cases", type=int, default=400, help="number of cases (default 400)")
    parser.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 2))
    parser.add_argument("--list", action="store_true", help="print the cases and exit")
    ns = parser.parse_args()
    cases = build_cases(ns.cases)
    if ns.list:
        for case in cases:
            print(case)
        return 0
    if sys.version_info[:2] != (3, 11):
        print(f"skipped: the recorder needs CPython 3.11, this is {sys.version.split()[0]}")
        return EXIT_SKIP
    if not ns.loopscope or not os.access(ns.loopscope, os.X_OK):
        parser.error("--loopscope: the loopscope executable is required")
    loopscope = os.path.abspath(ns.loopscope)

    started = time.monotonic()
    failures = events = identical = deadlocks = 0
    with tempfile.TemporaryDirectory(prefix="loopscope-differential-") as directory, \
            concurrent.futures.ThreadPoolExecutor(max_workers=max(ns.jobs, 1)) as pool:
        outcomes = pool.map(lambda item: compare(item[1], loopscope, directory, item[0]), enumerate(cases))
        for outcome in outcomes:  # in case order: deterministic output
            events += outcome.events
            identical += outcome.byte_identical
            deadlocks += outcome.deadlock
            if outcome.report is not None:
                failures += 1
                print(outcome.report, flush=True)
    elapsed = time.monotonic() - started
    print(f"ran {len(cases)} cases ({events} events, {deadlocks} deadlocks) in {elapsed:.1f} s "
          f"with {ns.jobs} jobs; {identical} trace files byte-identical")
    if failures:
        print(f"{failures} of {len(cases)} cases differ")
        return 1
    print(f"{len(cases)} cases equal event for event")
    return 0


if __name__ == "__main__":
    sys.exit(main())
