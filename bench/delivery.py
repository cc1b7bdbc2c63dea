"""Delivery at Telegram's limits: a full outbox drained by the sender as it runs in
production, against the fake Bot API enforcing the real flood limits.

N notifications queued at once for N/5 chats, a tenth of them groups, each chat having
chosen one message per notification (so every row is a message of its own: the
heaviest load for the limits). The sender runs its production loop
(`Runtime(roles=("sender",))`, 30 messages a second configured); the fake answers 429
to any message past a limit and counts it. Figures: messages per second sustained over
the drain, 429s received, per-chat and per-group violations.

    python -m bench.delivery --size smoke|full    (smoke: 600 notifications for 120
                                                   chats; full: 10,000 for 2,000)

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from bench.common import arguments, report, scratch, started_runtime
from bot.config import Settings
from simulator.telegram.server import FakeTelegram
from storage.crypto import KeyRing, new_key
from storage.repositories.outbox import NewOutboxRow
from storage.uow import Store

SIZES = {"smoke": 600, "full": 10_000}
PER_CHAT = 5
GROUP_SHARE = 10  # one chat in ten is a group
LIMIT = 30.0
TARGETS = {"messages_per_second": 28.0, "rate_limited": 0, "violations": 0}
GROUP_BASE = -1_000_000_000_000


def chat_ids(notifications: int) -> tuple[list[int], list[int]]:
    chats = max(1, notifications // PER_CHAT)
    groups = chats // GROUP_SHARE
    private = [20_000_000 + n for n in range(chats - groups)]
    return private, [GROUP_BASE - n for n in range(groups)]


def settings_for(telegram: FakeTelegram, folder: Any) -> Settings:
    return Settings.model_validate(
        {
            "telegram": {"token": telegram.token, "api_base": telegram.api_base},
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


async def main() -> None:
    args = arguments(__doc__ or "")
    notifications = args.accounts or SIZES[args.size]
    private, groups = chat_ids(notifications)
    telegram = FakeTelegram()
    await telegram.start()
    for chat in private:
        telegram.user(chat, "Anna")
    for chat in groups:
        telegram.group(chat, members={private[0]: "creator"})
        telegram.chats[chat].bot_status = "member"
    settings = settings_for(telegram, scratch())
    runtime = await started_runtime(settings, roles=("sender",), scheduled=False)
    queued = await fill(runtime.store, private, groups, datetime.now(UTC))
    stop = asyncio.Event()
    started = time.perf_counter()
    loop = asyncio.create_task(runtime.sender.run(stop, tick=settings.sender.tick_seconds))
    deadline = started + 4 * queued / LIMIT + 60
    while time.perf_counter() < deadline:
        if not await remaining(runtime.store):
            break
        await asyncio.sleep(0.25)
    wall = time.perf_counter() - started
    stop.set()
    await loop
    sent = runtime.sender.stats.messages
    stats = runtime.sender.stats
    await runtime.stop()
    await telegram.stop()
    kinds = Counter(which for _, which in telegram.flood.violations)
    figures: dict[str, Any] = {
        "benchmark": "delivery",
        "size": args.size,
        "notifications": queued,
        "chats": len(private) + len(groups),
        "groups": len(groups),
        "messages": sent,
        "delivered_at_the_fake": telegram.stats()["sent"],
        "wall_s": round(wall, 1),
        "messages_per_second": round(sent / wall, 1) if wall else 0.0,
        "rate_limited": sum(1 for _, status in telegram.requests if status == 429),
        "violations": len(telegram.flood.violations),
        "violations_by_limit": dict(kinds),
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
    report(figures)


if __name__ == "__main__":
    asyncio.run(main())
