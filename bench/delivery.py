"""Delivery at Telegram's limits: a full outbox drained by the sender as it runs in
production, against the fake Bot API enforcing the real flood limits.

N notifications queued at once for N/5 chats, a tenth of them groups, each chat having
chosen one message per notification (so every row is a message of its own: the
heaviest load for the limits). The sender runs its production loop
(`Runtime(roles=("sender",))`, 30 messages a second configured); the fake answers 429
to any message past a limit and counts it. The fake runs in its own process
(`bench/telegram_process.py`), so that it does not starve with the sender on a busy
machine; its CPU is reported beside the sender's. Figures: messages per second sustained over
the drain, 429s received, per-chat and per-group violations.

    python -m bench.delivery --size smoke|full    (smoke: 600 notifications for 120
                                                   chats; full: 10,000 for 2,000)

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import arguments, cpu_seconds, report, scratch, started_runtime
from bench.telegram_process import chat_ids as fake_chat_ids
from bot.config import Settings
from storage.crypto import KeyRing, new_key
from storage.repositories.outbox import NewOutboxRow
from storage.uow import Store

SIZES = {"smoke": 600, "full": 10_000}
PER_CHAT = 5
GROUP_SHARE = 10  # one chat in ten is a group
LIMIT = 30.0
TARGETS = {"messages_per_second": 28.0, "rate_limited": 0, "violations": 0}


def chat_ids(notifications: int) -> tuple[list[int], list[int]]:
    chats = max(1, notifications // PER_CHAT)
    groups = chats // GROUP_SHARE
    return fake_chat_ids(chats - groups, groups)


def settings_for(token: str, api_base: str, folder: Any) -> Settings:
    return Settings.model_validate(
        {
            "telegram": {"token": token, "api_base": api_base},
            "database": {"url": f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"},
            "crypto": {"keyring": KeyRing(keys={"b": new_key()}, primary="b").to_json()},
            "sender": {"messages_per_second": LIMIT},
            "logging": {"level": "WARNING"},
            "health": {"enabled": False},
        }
    )


async def fill(store: Store, private: list[int], groups: list[int], now: datetime) -> int:
    """Every chat known, one message per notification, PER_CHAT notifications each."""
    rows = 0
    chats = [(c, "private") for c in private] + [(c, "group") for c in groups]
    for start in range(0, len(chats), 500):
        async with store.transaction() as uow:
            batch: list[NewOutboxRow] = []
            for chat, kind in chats[start : start + 500]:
                await uow.chats.ensure(chat, kind, quiet_start=None, quiet_end=None)
                await uow.chats.update_settings(chat, batch_notifications=False)
                for n in range(PER_CHAT):
                    batch.append(
                        NewOutboxRow(
                            chat_id=chat,
                            account_id=None,
                            category="grades",
                            payload={
                                "type": "grade_new",
                                "child": "Ania",
                                "data": {
                                    "id": f"{chat}-{n}",
                                    "value": "5",
                                    "subject": "Matematyka",
                                    "comments": [],
                                },
                            },
                            idempotency_key=f"bench:{chat}:{n}",
                            not_before=now,
                        )
                    )
            await uow.outbox.enqueue(batch, now)
            rows += len(batch)
    return rows


async def remaining(store: Store) -> int:
    async with store.reading() as uow:
        return len(await uow.outbox.due_chats(datetime.now(UTC), limit=1))


class FakeProcess:
    """bench/telegram_process.py, started and asked for its counts."""

    def __init__(self, private: int, groups: int) -> None:
        command = [sys.executable, "-m", "bench.telegram_process"]
        self.process = subprocess.Popen(
            [*command, "--private", str(private), "--groups", str(groups)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "DZWONEK_LOGGING__LEVEL": "WARNING"},
        )
        try:
            self.info: dict[str, Any] = self._line()
        except BaseException:
            self.stop()
            raise

    def _line(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the fake Bot API did not start")
        figures: dict[str, Any] = json.loads(line)
        return figures

    def counts(self) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write("stats\n")
        self.process.stdin.flush()
        return self._line()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


async def main() -> None:
    args = arguments(__doc__ or "")
    notifications = args.accounts or SIZES[args.size]
    private, groups = chat_ids(notifications)
    fake = FakeProcess(len(private), len(groups))
    try:
        figures = await drain(args.size, fake, private, groups)
    finally:
        fake.stop()
    report(figures)


async def drain(
    size: str, fake: FakeProcess, private: list[int], groups: list[int]
) -> dict[str, Any]:
    settings = settings_for(fake.info["token"], fake.info["api_base"], scratch())
    runtime = await started_runtime(settings, roles=("sender",), scheduled=False)
    queued = await fill(runtime.store, private, groups, datetime.now(UTC))
    stop = asyncio.Event()
    started, cpu = time.perf_counter(), time.process_time()
    fake_cpu = cpu_seconds([fake.process.pid])
    loop = asyncio.create_task(runtime.sender.run(stop, tick=settings.sender.tick_seconds))
    deadline = started + 4 * queued / LIMIT + 60
    while time.perf_counter() < deadline:
        if not await remaining(runtime.store):
            break
        await asyncio.sleep(0.25)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    fake_cpu = cpu_seconds([fake.process.pid]) - fake_cpu
    stop.set()
    await loop
    stats = runtime.sender.stats
    sent = stats.messages
    await runtime.stop()
    at_fake = fake.counts()
    figures: dict[str, Any] = {
        "benchmark": "delivery",
        "size": size,
        "notifications": queued,
        "chats": len(private) + len(groups),
        "groups": len(groups),
        "messages": sent,
        "delivered_at_the_fake": at_fake["sent"],
        "wall_s": round(wall, 1),
        "messages_per_second": round(sent / wall, 1) if wall else 0.0,
        "sender_cpu_ms_per_message": round(1000 * cpu / max(sent, 1), 2),
        "fake_cpu_ms_per_message": round(1000 * fake_cpu / max(sent, 1), 2),
        "rate_limited": at_fake["rate_limited"],
        "violations": at_fake["violations"],
        "violations_by_limit": at_fake["violations_by_limit"],
        "sender_retried": stats.retried,
        "sender_dropped": stats.dropped,
        "limit_per_second": LIMIT,
        "targets": TARGETS,
    }
    figures["targets_met"] = (
        sent == queued
        and figures["messages_per_second"] >= TARGETS["messages_per_second"]
        and figures["rate_limited"] == 0
        and figures["violations"] == 0
    )
    return figures


if __name__ == "__main__":
    asyncio.run(main())
