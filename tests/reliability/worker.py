"""A pipeline worker process for the crash and scale-out tests.

It runs the real pollers and sender (`Runtime` with the `poller` and `sender` roles)
until nothing is left to do, on a clock that starts where the test says, so that a
restart "after" a crash is later in time: leases and send claims of the dead worker
have run out, as they would have in production by then. `crash` arms one crash point.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.sender import Sender
from dzwonek.app import Runtime
from sync import crashpoints
from sync.account_sync import AccountSyncer


class OffsetClock:
    """Real time, starting at `start`."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.t0 = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.t0)


def work(
    settings_json: str,
    start_iso: str,
    crash: tuple[str, int] | None = None,
    rounds: int = 40,
) -> None:
    """Process entry point (multiprocessing): poll and send until idle."""
    if crash is not None:
        crashpoints.arm(*crash)
    asyncio.run(_work(Settings.model_validate_json(settings_json), start_iso, rounds))


async def _work(settings: Settings, start_iso: str, rounds: int) -> None:
    clock = OffsetClock(datetime.fromisoformat(start_iso))
    runtime = Runtime(settings, roles=("poller", "sender"), clock=clock, scheduled=False)
    await runtime.start()
    try:
        for _ in range(rounds):
            polled = await runtime.poller.run_until_idle()
            sent = await runtime.sender.drain()
            if not polled and not sent:
                break
    finally:
        await runtime.stop()


def serve(settings_json: str, start_iso: str, stop_file: str, journal: str) -> None:
    """Process entry point: `dzwonek run --role poller,sender` as production runs it
    (scheduled ticks, the sender behind its advisory lock) until `stop_file` exists,
    writing each poll's span and the start of its sender to `journal`. It ends on the
    test's word, not after a fixed time, so a slow machine only makes it take longer."""
    _journal_polls_and_sender(journal)
    asyncio.run(_serve(Settings.model_validate_json(settings_json), start_iso, Path(stop_file)))


async def _serve(settings: Settings, start_iso: str, stop_file: Path) -> None:
    clock = OffsetClock(datetime.fromisoformat(start_iso))
    runtime = Runtime(settings, roles=("poller", "sender"), clock=clock, scheduled=True)
    await runtime.start()
    try:
        for _ in range(6000):  # ten minutes at most: a test that died leaves no orphan
            if stop_file.exists():
                break
            await asyncio.sleep(0.1)
    finally:
        await runtime.stop()


def _journal_polls_and_sender(path: str) -> None:
    """Wrap the poll of one account and the sender's loop to note when they ran."""

    def note(**entry: Any) -> None:
        with open(path, "a", encoding="utf-8") as journal:  # one short line: atomic append
            journal.write(json.dumps({"pid": os.getpid(), **entry}) + "\n")

    poll: Callable[..., Awaitable[Any]] = AccountSyncer.run
    send: Callable[..., Awaitable[None]] = Sender.run

    async def timed_poll(self: AccountSyncer, account_id: int, *args: Any, **kwargs: Any) -> Any:
        begin = time.time()
        try:
            return await poll(self, account_id, *args, **kwargs)
        finally:
            note(poll=account_id, begin=begin, end=time.time())

    async def noted_send(self: Sender, *args: Any, **kwargs: Any) -> None:
        note(sender=time.time())
        await send(self, *args, **kwargs)

    AccountSyncer.run = timed_poll  # type: ignore[method-assign]
    Sender.run = noted_send  # type: ignore[method-assign]
