#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The small asyncio programs that tst_eventloop, tst_cancellation and tst_queue run on
sim::EventLoop, run here under real CPython on the virtual-clock loop of
tools/reference/run_reference.py.

    tst_cpythonfacts.py FACT [ARG ...]   print FACT's log, then "iN t=T end"
    tst_cpythonfacts.py heapq            stdin: one heapq case per line (see heapq_cases)

Every log line is "i<iteration> t=<loop.time() as %g> <what>", where the iteration is the
number of select() calls so far (one per BaseEventLoop._run_once). A deadlock exits with
run_reference's message and code 3, after flushing the log; any python3 other than
3.11 (the reference) exits with code 4, which the tests report as a skip. The C++ tests build the same
programs from the same arguments and require the same lines. Standard library only.
"""

import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "reference"))
import run_reference as ref  # noqa: E402

CancelledError = asyncio.CancelledError


def log(what):
    print(f"i{ref.CLOCK.selects} t={ref.CLOCK.now:g} {what}")


def spawn(coro, name=None):
    return asyncio.get_running_loop().create_task(coro, name=name)


# ---- fact 1: one iteration runs the handles that were ready at its start -----------------

async def fact_iteration():
    async def child(name, then=None):
        log(name)
        if then:
            spawn(child(then))

    spawn(child("a", then="c"))
    spawn(child("b"))
    log("main")
    await asyncio.sleep(0)
    log("main again")
    await asyncio.sleep(0)
    log("main third")


# ---- fact 2: equal deadlines come out in heapq order ------------------------------------

async def fact_ties(*pairs):  # "pre:delay" per task: sleep(pre) (when > 0), then sleep(delay)
    async def sleeper(k, pre, delay):
        if pre > 0:
            await asyncio.sleep(pre)
        await asyncio.sleep(delay)
        log(f"T{k} wakes")

    tasks = []
    for k, pair in enumerate(pairs):
        pre, delay = (float(x) for x in pair.split(":"))
        tasks.append(spawn(sleeper(k, pre, delay)))
    for t in tasks:
        await t


def heapq_cases():
    """Each stdin line is one case: "h K..." heapifies the keys then pops everything; "p ..."
    pushes each key token, pops at each "o", then pops everything. Items are real asyncio.TimerHandles (whose
    __lt__ compares `when` only) numbered in the order they are pushed; each case prints the
    numbers in pop order."""
    import heapq
    loop = asyncio.new_event_loop()
    out = []
    counter = [0]

    class Numbered(asyncio.TimerHandle):  # TimerHandle has __slots__; its __lt__ compares `when`
        __slots__ = ("index",)

    def item(key):
        handle = Numbered(float(key), print, (), loop)
        handle.index = counter[0]
        counter[0] += 1
        return handle

    for line in sys.stdin.read().split("\n"):
        if not line.strip():
            continue
        counter[0] = 0
        tokens = line.split()
        popped = []
        if tokens[0] == "h":
            heap = [item(k) for k in tokens[1:]]
            heapq.heapify(heap)
        else:
            heap = []
            for token in tokens[1:]:
                if token == "o":
                    popped.append(heapq.heappop(heap).index)
                else:
                    heapq.heappush(heap, item(token))
        while heap:
            popped.append(heapq.heappop(heap).index)
        out.append(" ".join(["pops"] + [str(i) for i in popped]))
    loop.close()
    sys.stdout.write("\n".join(out) + "\n")


# ---- facts 3 and 4: sleep(d > 0) and sleep(0) --------------------------------------------

async def fact_sleep(delay, spins):
    async def ticker(n):
        for k in range(n):
            log(f"tick {k}")
            await asyncio.sleep(0)

    async def sleeper(d):
        log(f"sleeps {d:g}")
        await asyncio.sleep(d)
        log("wakes")

    t = spawn(ticker(int(spins)))
    s = spawn(sleeper(float(delay)))
    await t
    await s


async def fact_yield(delay):
    delay = float(delay)

    async def a():
        log("a1")
        await asyncio.sleep(delay)
        log("a2")

    async def b():
        log("b1")
        spawn(e())
        await asyncio.sleep(delay)
        log("b2")

    async def c():
        log("c1")

    async def e():
        log("e")

    for t in [spawn(a()), spawn(b()), spawn(c())]:
        await t


# ---- fact 5: call_soon is FIFO; create_task runs nothing; asyncio.run creates main first --

async def fact_create():
    async def child():
        log(f"{asyncio.current_task().get_name()} first step")

    log(f"{asyncio.current_task().get_name()} starts")
    t1 = spawn(child())
    log(f"{t1.get_name()} created")
    t2 = spawn(child())
    log(f"{t2.get_name()} created")
    await t2
    log("main after t2")
    await t1


# ---- fact 6: awaits that do not suspend --------------------------------------------------

async def fact_inline(kind):
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    fut = loop.create_future()
    fut.set_result(None)

    async def inner():
        log("inner coroutine runs")

    async def nothing():
        pass

    done = spawn(nothing())
    await done
    if kind == "get":
        q.put_nowait("x")
    if kind == "join":
        q.put_nowait("x")
        q.get_nowait()
        q.task_done()

    async def worker():
        log("before")
        if kind == "coroutine":
            await inner()
        elif kind == "put":
            await q.put("x")
        elif kind == "get":
            await q.get()
        elif kind == "join":
            await q.join()
        elif kind == "future":
            await fut
        elif kind == "task":
            await done
        log("after")
        await asyncio.sleep(0)
        log("next step")

    await spawn(worker())


# ---- fact 7: gather ----------------------------------------------------------------------

async def fact_gather(*delays):  # delay < 0: the child never suspends
    async def child(name, d):
        log(f"{name} starts")
        if d >= 0:
            await asyncio.sleep(d)
        log(f"{name} ends")

    log("gather")
    await asyncio.gather(*(child(f"c{k}", float(d)) for k, d in enumerate(delays)))
    log("main resumes")


# ---- fact 8: asyncio.Queue ---------------------------------------------------------------

async def consumer(name, q):
    try:
        while True:
            log(f"{name} gets")
            item = await q.get()
            log(f"{name} got {item}")
            q.task_done()
    except CancelledError:
        log(f"{name} cancelled")
        raise


async def put_batches_then_cancel(q, consumers, batches):
    """Puts each batch of items, yielding after each batch; then cancels the consumers."""
    for batch in batches:
        for item in batch:
            q.put_nowait(item)
            log(f"put {item}")
        await asyncio.sleep(0)
    for c in consumers:
        c.cancel()
    await asyncio.sleep(0)


async def fact_first_getter(cancel_first):
    q = asyncio.Queue()
    cs = [spawn(consumer(f"C{k}", q)) for k in (1, 2, 3)]
    await asyncio.sleep(0)
    if cancel_first == "1":
        cs[0].cancel()
    await put_batches_then_cancel(q, cs, (["x"], ["y"]))


async def fact_not_reserved():
    q = asyncio.Queue()
    cs = [spawn(consumer("C1", q)), spawn(consumer("C3", q))]
    await asyncio.sleep(0)
    cs.append(spawn(consumer("C2", q)))
    await put_batches_then_cancel(q, cs, (["x"], ["y"], ["z"], ["w"]))


async def fact_join():
    q = asyncio.Queue()
    q.put_nowait("a")
    q.put_nowait("b")

    async def joiner(name):
        log(f"{name} joins")
        await q.join()
        log(f"{name} joined")

    js = [spawn(joiner(f"J{k}")) for k in (1, 2, 3)]
    await asyncio.sleep(0)
    for left in (1, 0):
        q.get_nowait()
        q.task_done()
        log(f"task_done, {left} unfinished")
        await asyncio.sleep(0)
    await q.join()
    log("join with nothing unfinished did not wait")
    try:
        q.task_done()
    except ValueError:
        log("task_done once too often raises")


async def fact_bounded():
    q = asyncio.Queue(maxsize=1)

    async def producer():
        for item in "abc":
            log(f"P puts {item}")
            await q.put(item)
            log(f"P put {item}")

    async def getter():
        for _ in range(3):
            log("C gets")
            item = await q.get()
            log(f"C got {item}")

    for t in [spawn(producer()), spawn(getter())]:
        await t


# ---- fact 9: Task.cancel() -------------------------------------------------------------

async def fact_cancel_waiting():
    async def sleeper():
        log("sleeps 10")
        try:
            await asyncio.sleep(10)
        except CancelledError:
            log("CancelledError at its await")
            raise

    s = spawn(sleeper())
    await asyncio.sleep(0)
    s.cancel()
    log("cancel requested")
    try:
        await s
    except CancelledError:
        log("sleeper is cancelled")


async def fact_cancel_scheduled(delay):
    delay = float(delay)

    async def victim():
        log("victim waits")
        try:
            await asyncio.sleep(delay)
            log("victim resumed normally")
        except CancelledError:
            log("CancelledError at its next step")
            raise

    v = spawn(victim())
    await asyncio.sleep(delay)
    v.cancel()
    log("cancel requested")
    try:
        await v
    except CancelledError:
        log("victim is cancelled")


async def fact_cancel_before_start():
    async def never():
        log("never runs")

    t = spawn(never())
    t.cancel()
    log("cancelled before its first step")
    try:
        await t
    except CancelledError:
        log(f"cancelled={t.cancelled()}")


async def fact_sleep_again(again):
    """A sleep cancelled and caught, then another while the first timer is still in the heap
    (cancelled), tied with another task's sleep; then one more after that timer is purged."""
    again = float(again)

    async def sleeper():
        log("sleeps 10")
        try:
            await asyncio.sleep(10)
        except CancelledError:
            log(f"cancelled, sleeps {again:g}")
        await asyncio.sleep(again)
        log("wakes, sleeps 1")
        await asyncio.sleep(1)
        log("wakes again")

    async def other():
        log(f"other sleeps {again:g}")
        await asyncio.sleep(again)
        log("other wakes")

    s = spawn(sleeper())
    await asyncio.sleep(0)
    s.cancel()
    o = spawn(other())
    log("cancel requested")
    await s
    await o


# ---- fact 10: asyncio.run's teardown and the purge of cancelled timers -------------------

async def fact_teardown(*kinds):
    q = asyncio.Queue()

    async def leftover(name, kind):
        log(f"{name} waits")
        try:
            if kind == "sleep":
                await asyncio.sleep(100)
            else:
                await q.get()
        except CancelledError:
            log(f"{name} cancelled by the teardown")
            raise

    for k, kind in enumerate(kinds):
        spawn(leftover(f"L{k}", kind))
    await asyncio.sleep(1)
    log("main returns")


async def fact_purge(*groups):  # "count:delay:cancel": count sleepers of `delay` s, cancelled if cancel is 1
    loop = asyncio.get_running_loop()

    def heap():
        log(f"heap {len(loop._scheduled)}, cancelled {loop._timer_cancelled_count}")

    async def sleeper(k, delay):
        await asyncio.sleep(delay)
        log(f"S{k} wakes")

    tasks, victims = [], []
    for group in groups:
        count, delay, cancel = group.split(":")
        for _ in range(int(count)):
            tasks.append(spawn(sleeper(len(tasks), float(delay))))
            if cancel == "1":
                victims.append(tasks[-1])
    await asyncio.sleep(0)  # every sleeper has pushed its timer
    for t in victims:
        t.cancel()
    await asyncio.sleep(0)  # the victims' `finally: h.cancel()` ran
    heap()
    await asyncio.sleep(0)  # this iteration began with the purge
    heap()
    await asyncio.gather(*tasks, return_exceptions=True)


# ---- fact 11: deadlock ----------------------------------------------------------------

async def fact_deadlock(kind):
    loop = asyncio.get_running_loop()
    if kind == "queue":
        log("main gets from an empty queue")
        await asyncio.Queue().get()
    elif kind == "future":
        async def waiter():
            log("waiter awaits a future nobody completes")
            await loop.create_future()

        await spawn(waiter())
    else:  # "cancelled-timer": the only timer is cancelled, then main waits
        async def sleeper():
            await asyncio.sleep(10)

        s = spawn(sleeper())
        await asyncio.sleep(0)
        s.cancel()
        log("sleeper cancelled; main gets from an empty queue")
        await asyncio.Queue().get()


def main(argv):
    if sys.version_info[:2] != (3, 11):  # the reference (core/CPYTHON.md); asyncio changes between versions
        sys.stderr.write(f"CPython 3.11 is the reference; this is {sys.version.split()[0]}\n")
        return 4
    if argv[0] == "heapq":
        heapq_cases()
        return 0
    fact = globals()["fact_" + argv[0].replace("-", "_")]
    asyncio.set_event_loop_policy(ref.VirtualTimePolicy())
    asyncio.run(fact(*argv[1:]))
    log("end")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
