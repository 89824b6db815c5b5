#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test: `loopscope print ...` against the CPython reference runner.

    differential.py --loopscope PATH/TO/loopscope [--cases N] [--jobs J] [--list]

Builds a deterministic list of cases (a fixed list of edge cases, then seeded pseudo-random
ones up to --cases), runs each through run_reference.py and through
`loopscope print <same args>`, masks asyncq's hex items (`<0123456789>` -> `<ITEM>`) in both
stdouts and requires byte-identical stdout and the same exit code. Prints every mismatch
(case, first differing line, both lines), then `N cases identical` and exit 0, or a count of
mismatching cases and exit 1. Standard library only.
"""

import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import time
from typing import Iterable, Optional, Sequence

from case_arguments import EDGE_SEEDS, SLEEP0_SEEDS, random_count, random_numbers, random_seed

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "run_reference.py")
ITEM = re.compile(rb"<[0-9a-f]{10}>")
CASE_TIMEOUT_SECONDS = 120
GENERATOR_SEED = 20240601  # fixes the pseudo-random part of the case list


class Case:
    """One invocation, as the argument list after `loopscope print` (and after
    `run_reference.py`); both tools take the same arguments."""

    def __init__(self, args: Iterable[str], note: str = "") -> None:
        self.args = list(args)
        self.note = note

    def key(self) -> tuple[str, ...]:
        return tuple(self.args)

    def __str__(self) -> str:
        text = " ".join(self.args)
        return f"{text}   [{self.note}]" if self.note else text


def chained(seed: Optional[int], numbers: Optional[Sequence[int]], note: str = "",
            program: str = "chained") -> Case:
    args = [program]
    if seed is not None:
        args.append(f"--seed={seed}")  # "=" keeps a negative seed from reading as an option
    if numbers is not None:
        args += ["--"] + [str(n) for n in numbers]
    return Case(args, note)


def asyncq(seed: Optional[int], nprod: Optional[int], ncon: Optional[int], note: str = "") -> Case:
    args = ["asyncq"]
    if seed is not None:
        args.append(f"--seed={seed}")
    if nprod is not None:
        args += ["-p", str(nprod)]  # as argparse allows: "-p -3" is a negative count
    if ncon is not None:
        args += ["-c", str(ncon)]
    return Case(args, note)


def fixed_cases() -> list[Case]:
    cases = [
        chained(None, None, "all defaults"),
        chained(444, None, "default numbers"),
        chained(444, [1, 2, 3], "published run"),
        asyncq(None, None, None, "all defaults"),
        asyncq(444, 5, 10, "published run"),
        asyncq(444, None, 3, "default producers"),
        asyncq(444, 2, None, "default consumers"),
        # asyncq edge counts
        asyncq(444, 0, 0, "nothing at all"),
        asyncq(444, 0, 5, "no producers"),
        asyncq(444, 5, 0, "no consumers: deadlock if any item"),
        asyncq(444, 1, 0, "no consumers"),
        asyncq(444, 12, 0, "no consumers, many items"),
        asyncq(1, 3, 0, "no consumers"),
        asyncq(444, 1, 12, "more consumers than items"),
        asyncq(444, 2, 12, "more consumers than items"),
        asyncq(444, 12, 12, "many of both"),
        asyncq(444, 12, 1, "one consumer"),
        asyncq(444, 1, 1, "one of each"),
        asyncq(444, -1, 3, "negative producers"),
        asyncq(444, 3, -2, "negative consumers"),
        asyncq(444, -5, -5, "both negative"),
        asyncq(0, 0, -1, "seed 0"),
        asyncq(-444, 5, 10, "negative seed, abs() equal to 444"),
        # chained edge arguments
        chained(444, [0], "argument 0"),
        chained(444, [-7], "negative argument"),
        chained(444, [2**71], "big argument"),
        chained(444, [-(2**75) - 1, 0, 2**80 + 3], "big and negative"),
        chained(444, list(range(1, 13)), "12 chains"),
        chained(444, [5, 5, 5, 5], "repeated argument"),
        chained(444, [3, 2, 1], "reversed"),
        chained(-444, [1, 2, 3], "negative seed, abs() equal to 444"),
    ]
    for seed in SLEEP0_SEEDS:
        cases.append(chained(seed, [1, 2, 3, 4], "draws sleep(0)"))
        cases.append(chained(seed, [1, 2, 3, 4], "in turn, draws sleep(0)", program="sequential"))
    # sequential.py: the same chains awaited in turn (one task, no gather)
    cases += [
        chained(None, None, "in turn, all defaults", program="sequential"),
        chained(444, [1, 2, 3], "in turn, published numbers", program="sequential"),
        chained(7, [3, 3, -1, 0, 2**70], "in turn, repeated, negative, big", program="sequential"),
        chained(-2**65, list(range(1, 9)), "in turn, 8 chains", program="sequential"),
    ]
    for seed in EDGE_SEEDS:
        cases.append(chained(seed, [1, 2, 3], "seed edge"))
        cases.append(asyncq(seed, 5, 10, "seed edge"))
    return cases


def generated_case(index: int, rng: random.Random) -> Case:
    seed = random_seed(rng)
    if index % 2 == 0:
        return chained(seed, random_numbers(rng))
    return asyncq(seed, random_count(rng), random_count(rng))


def build_cases(total: int) -> list[Case]:
    """The fixed list (always all of it), then seeded pseudo-random cases up to `total`."""
    cases: list[Case] = []
    seen: set[tuple[str, ...]] = set()
    for case in fixed_cases():
        if case.key() not in seen:
            seen.add(case.key())
            cases.append(case)
    rng = random.Random(GENERATOR_SEED)
    index = 0
    while len(cases) < total:
        case = generated_case(index, rng)
        index += 1
        if case.key() not in seen:
            seen.add(case.key())
            cases.append(case)
    return cases


def run(command: list[str]) -> tuple[int, bytes, bytes]:
    proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=CASE_TIMEOUT_SECONDS)
    return proc.returncode, ITEM.sub(b"<ITEM>", proc.stdout), proc.stderr


def first_difference(a: bytes, b: bytes) -> tuple[Optional[int], Optional[bytes], Optional[bytes]]:
    """1-based number of the first differing line, and the two lines (with their line
    endings, so a missing final newline shows; None past the end of an output)."""
    lines_a, lines_b = a.splitlines(keepends=True), b.splitlines(keepends=True)
    for index in range(max(len(lines_a), len(lines_b))):
        la = lines_a[index] if index < len(lines_a) else None
        lb = lines_b[index] if index < len(lines_b) else None
        if la != lb:
            return index + 1, la, lb
    return None, None, None


def shown(line: Optional[bytes]) -> str:
    return "(end of output)" if line is None else repr(line)


def compare(case: Case, loopscope: str, python: str) -> tuple[Optional[str], bytes, Optional[int]]:
    """Returns (report or None when identical, the reference's stdout and exit code)."""
    try:
        ref_code, ref_out, ref_err = run([python, REFERENCE] + case.args)
        ls_code, ls_out, ls_err = run([loopscope, "print"] + case.args)
    except subprocess.TimeoutExpired as e:
        return f"MISMATCH {case}\n  timed out: {' '.join(e.cmd)}", b"", None
    problems = []
    if ref_out != ls_out:
        line, ref_line, ls_line = first_difference(ref_out, ls_out)
        problems.append(f"  first difference at stdout line {line}\n"
                        f"    python:    {shown(ref_line)}\n"
                        f"    loopscope: {shown(ls_line)}")
    if ref_code != ls_code:
        problems.append(f"  exit code: python {ref_code}, loopscope {ls_code}")
        for name, err in (("python", ref_err), ("loopscope", ls_err)):
            if err:
                tail = err.decode(errors="replace").strip().splitlines()[-1]
                problems.append(f"    {name} stderr: {tail}")
    report = "\n".join([f"MISMATCH {case}"] + problems) if problems else None
    return report, ref_out, ref_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loopscope", help="path to the loopscope executable")
    parser.add_argument("--cases", type=int, default=300, help="number of cases (default 300)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter for the reference runner (CPython 3.11)")
    parser.add_argument("--list", action="store_true", help="print the cases and exit")
    ns = parser.parse_args()
    cases = build_cases(ns.cases)
    if ns.list:
        for case in cases:
            print(case)
        return 0
    if not ns.loopscope:
        parser.error("--loopscope is required")
    loopscope = os.path.abspath(ns.loopscope)
    if not os.access(loopscope, os.X_OK):
        parser.error(f"--loopscope: not an executable file: {ns.loopscope}")

    started = time.monotonic()
    failures = sleep0 = deadlocks = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(ns.jobs, 1)) as pool:
        reports = pool.map(lambda c: compare(c, loopscope, ns.python), cases)
        for report, ref_out, ref_code in reports:  # in case order: deterministic output
            sleep0 += b"sleeping for 0 seconds" in ref_out
            deadlocks += ref_code == 3
            if report is not None:
                failures += 1
                print(report, flush=True)
    elapsed = time.monotonic() - started
    print(f"ran {len(cases)} cases in {elapsed:.1f} s with {ns.jobs} jobs "
          f"({sleep0} draw a sleep(0), {deadlocks} deadlock)")
    if failures:
        print(f"{failures} of {len(cases)} cases differ")
        return 1
    print(f"{len(cases)} cases identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
