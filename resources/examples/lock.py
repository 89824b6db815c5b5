"""A Lock: two deposits that read, wait and write back

Alice and Bob each add money to one account: read the balance, wait for the bank (an
await), write the new balance. Ask the class what the final balance will be, first
without a lock, then with one. On the timeline, without the lock both tasks read 0
before either writes, so Bob's write is overwritten by Alice's and 50 is lost; with
asyncio.Lock, Bob waits on the lock until Alice has written, and the balance is right.
"""
import asyncio
import time

START = time.monotonic()


def stamp() -> str:
    return f"t={time.monotonic() - START:.1f}"


class Account:
    def __init__(self) -> None:
        self.balance = 0


async def deposit(account: Account, name: str, amount: int, seconds: float) -> None:
    balance = account.balance
    print(f"{stamp()} {name}: read {balance}")
    await asyncio.sleep(seconds)  # the bank takes a while
    account.balance = balance + amount
    print(f"{stamp()} {name}: wrote {account.balance}")


async def locked_deposit(lock: asyncio.Lock, account: Account, name: str, amount: int, seconds: float) -> None:
    async with lock:
        await deposit(account, name, amount, seconds)


async def main() -> None:
    print("-- without a lock --")
    account = Account()
    await asyncio.gather(deposit(account, "alice", 100, 2), deposit(account, "bob", 50, 1))
    print(f"balance: {account.balance} (expected 150)")

    print("-- with asyncio.Lock --")
    account, lock = Account(), asyncio.Lock()
    await asyncio.gather(locked_deposit(lock, account, "alice", 100, 2), locked_deposit(lock, account, "bob", 50, 1))
    print(f"balance: {account.balance} (expected 150)")


asyncio.run(main())
