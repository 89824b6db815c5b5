# SPDX-License-Identifier: MIT
"""The seeds and arguments the differential tests build their cases from.

Both tools/reference/differential.py (`loopscope print` against the reference runner) and
tests/recorder/differential_recorder.py (the recorder's trace against `loopscope export`)
try the same edge seeds and draw their pseudo-random cases with these generators, each from
its own seeded `random.Random`, so every case list is the same from run to run.
Standard library only.
"""

import random

# Seeds past 32 and 64 bits and far beyond (the seed is a Python int of any size), and
# negative ones: Python seeds with abs(seed).
BIG_SEEDS = [2**32 - 1, 2**32, 2**64 - 1, 2**64, 2**64 + 1, 2**65 + 12345, 2**200 + 17, 3**130,
             2**256 - 1, 10**70 + 9]
NEGATIVE_SEEDS = [-1, -5, -444, -(2**31), -(2**64 + 3), -(2**201 + 5)]
EDGE_SEEDS = BIG_SEEDS + NEGATIVE_SEEDS + [0, 1, 2, 3, 4]

# Seeds whose `chained 1 2 3 4` run draws at least one sleep(0) (a bare yield, no timer).
# 444 does too (`part1(3) sleeping for 0 seconds.`). Checked with run_reference.py.
SLEEP0_SEEDS = [444, 0, 2, 7, -5, 2**64 + 1]


def random_seed(rng: random.Random) -> int:
    """Below 1000, 32 bits, around 64 bits, up to 200 and up to 320 bits, or the negative
    of one of those."""
    kind = rng.randrange(6)
    if kind == 0:
        return rng.randrange(0, 1000)
    if kind == 1:
        return rng.randrange(0, 2**32)
    if kind == 2:
        return rng.randrange(2**32, 2**64 + 2**20)
    if kind == 3:
        return rng.randrange(2**64 + 1, 2**200)
    if kind == 4:
        return rng.randrange(2**200 + 1, 2**320)
    return -random_seed(rng) or -1


def random_number(rng: random.Random) -> int:
    """A chain argument: mostly 0 to 29, sometimes negative, now and then beyond 2**70."""
    kind = rng.randrange(10)
    if kind < 6:
        return rng.randrange(0, 30)
    if kind < 8:
        return -rng.randrange(1, 100)
    return rng.choice([1, -1]) * rng.randrange(2**70 + 1, 2**90)


def random_numbers(rng: random.Random) -> list[int]:
    """The arguments of chained or sequential: 1 to 12 of them."""
    return [random_number(rng) for _ in range(rng.randrange(1, 13))]


def random_count(rng: random.Random, many: bool = False) -> int:
    """A count of asyncq's producers or consumers: mostly 1 to 12, one time in ten 0 and one
    time in ten negative; with `many`, one time in twelve each 0, negative and 13 to 39."""
    kind = rng.randrange(12 if many else 10)
    if kind == 0:
        return 0
    if kind == 1:
        return -rng.randrange(1, 4)
    if many and kind == 2:
        return rng.randrange(13, 40)
    return rng.randrange(1, 13)
