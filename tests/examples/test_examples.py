#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every example program (resources/examples/) as a teacher gets it from Loopscope.

    test_examples.py --loopscope PATH/TO/loopscope [unittest options]

Each example is written out with `loopscope examples NAME`, then: it compiles; `loopscope
print NAME.py` prints byte for byte what plain `python3 NAME.py` prints, with the same exit
code (virtual time makes the sleeps instant, and changes nothing else); `loopscope record
NAME.py -o NAME.jsonl` writes a trace that `loopscope print NAME.jsonl` reads back to the
same output. Exits 77 (a skip) when this Python is not CPython 3.11, the version the
recorder follows. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import platform
import py_compile
import subprocess
import sys
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import ClassVar

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(ROOT, "resources", "examples")
EXIT_SKIP = 77
PLAIN_RETRIES = 3
LOOPSCOPE = ""  # set from --loopscope


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: bytes


def run(command: list[str], cwd: str) -> Run:
    # The recorder runs under the same interpreter as the plain runs it is compared with.
    environment = dict(os.environ, LOOPSCOPE_PYTHON=sys.executable)
    proc = subprocess.run(command, capture_output=True, timeout=120, check=False, cwd=cwd, env=environment)
    return Run(proc.returncode, proc.stdout, proc.stderr)


class ExamplesTest(unittest.TestCase):
    folder: ClassVar[tempfile.TemporaryDirectory[str]]
    names: ClassVar[list[str]]
    plain: ClassVar[dict[str, Run]]
    printed: ClassVar[dict[str, Run]]
    recorded: ClassVar[dict[str, Run]]
    read_back: ClassVar[dict[str, Run]]

    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = tempfile.TemporaryDirectory(prefix="loopscope-examples-test-")
        where = cls.folder.name
        listing = run([LOOPSCOPE, "examples"], where)
        assert listing.code == 0, listing.stderr
        lines = listing.stdout.decode().split("\n\n")[0].splitlines()
        cls.names = [line.split()[0] for line in lines]
        for name in cls.names:
            written = run([LOOPSCOPE, "examples", name], where)
            assert written.code == 0, written.stderr
        # The plain runs take real time (their sleeps are real): a few at once, then Loopscope's,
        # whose clock is virtual, so that they do not slow the plain runs down.
        with ThreadPoolExecutor(max_workers=4) as pool:
            plain = {n: pool.submit(run, [sys.executable, f"{n}.py"], where) for n in cls.names}
            cls.plain = {n: f.result() for n, f in plain.items()}
        with ThreadPoolExecutor(max_workers=2) as pool:
            printed = {n: pool.submit(run, [LOOPSCOPE, "print", f"{n}.py"], where) for n in cls.names}
            recorded = {n: pool.submit(run, [LOOPSCOPE, "record", f"{n}.py", "-o", f"{n}.jsonl"], where)
                        for n in cls.names}
            cls.printed = {n: f.result() for n, f in printed.items()}
            cls.recorded = {n: f.result() for n, f in recorded.items()}
        # Real time is the noisy side: on a loaded machine a plain run's printed times can be a
        # tenth of a second late. One that differs is run again alone (a deterministic
        # difference stays).
        for name in cls.names:
            for _ in range(PLAIN_RETRIES):
                if cls.plain[name].stdout == cls.printed[name].stdout:
                    break
                print(f"note: plain python3 {name}.py printed other times; running it again alone", file=sys.stderr)
                cls.plain[name] = run([sys.executable, f"{name}.py"], where)
        cls.read_back = {n: run([LOOPSCOPE, "print", f"{n}.jsonl"], where) for n in cls.names}

    @classmethod
    def tearDownClass(cls) -> None:
        cls.folder.cleanup()

    def test_every_file_is_listed_and_written_as_shipped(self) -> None:
        shipped = sorted(f[:-3] for f in os.listdir(EXAMPLES) if f.endswith(".py"))
        self.assertEqual(sorted(self.names), shipped)
        for name in self.names:
            with open(os.path.join(EXAMPLES, f"{name}.py"), "rb") as a, \
                    open(os.path.join(self.folder.name, f"{name}.py"), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_sources_compile(self) -> None:
        for name in self.names:
            with self.subTest(name):
                py_compile.compile(os.path.join(self.folder.name, f"{name}.py"),
                                   cfile=os.path.join(self.folder.name, f"{name}.pyc"), doraise=True)

    def test_python_ends_normally_and_tells_a_story(self) -> None:
        for name in self.names:
            with self.subTest(name):
                plain = self.plain[name]
                self.assertEqual(plain.code, 0, plain.stderr.decode())
                self.assertEqual(plain.stderr, b"")
                self.assertGreaterEqual(plain.stdout.count(b"\n"), 3)

    def test_print_equals_python(self) -> None:
        for name in self.names:
            with self.subTest(name):
                plain, printed = self.plain[name], self.printed[name]
                self.assertEqual(printed.stdout, plain.stdout)
                self.assertEqual(printed.code, plain.code, printed.stderr.decode())

    def test_recorded_trace_reads_back_to_the_same_output(self) -> None:
        for name in self.names:
            with self.subTest(name):
                plain, recorded, read_back = self.plain[name], self.recorded[name], self.read_back[name]
                self.assertEqual(recorded.code, 0, recorded.stderr.decode())
                self.assertEqual(recorded.stdout, plain.stdout)  # streamed while recording
                self.assertEqual(read_back.code, 0, read_back.stderr.decode())
                self.assertEqual(read_back.stdout, plain.stdout)


def main() -> int:
    global LOOPSCOPE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loopscope", required=True, help="the loopscope binary")
    options, rest = parser.parse_known_args()
    if platform.python_implementation() != "CPython" or sys.version_info[:2] != (3, 11):
        print(f"skipped: the examples are recorded from CPython 3.11, this is {platform.python_implementation()} "
              f"{platform.python_version()}")
        return EXIT_SKIP
    LOOPSCOPE = os.path.abspath(options.loopscope)
    program = unittest.main(argv=[sys.argv[0], *rest], exit=False)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
