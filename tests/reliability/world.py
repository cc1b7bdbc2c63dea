"""A small world for the reliability tests: the Librus simulator, the fake Bot API, a
database with linked children (two parents share some, a family group follows some),
every account past its silent baseline, and changes that carry a unique marker so each
notification can be counted in the chats' transcripts."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import Settings
from dzwonek.app import Runtime
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from simulator.telegram.limits import FloodControl
from simulator.telegram.server import FakeTelegram
from storage import schema
from storage.db import Database
from storage.records import OutboxRecord
from storage.uow import Store
from sync.clock import ManualClock
from tests.conftest import SIM_NOW
from tests.e2e.harness import settings_for

MARKER = re.compile(r"⟦[^⟧]+⟧")
GROUP = -300


@dataclass
class Change:
    marker: str
    account_id: int
    kind: str  # grade | message
    item_id: str  # the grade's or message's id in Librus
    chats: tuple[int, ...]

    @property
    def event_type(self) -> str:
        return "grade_new" if self.kind == "grade" else "message_new"


@dataclass
class World:
    librus: LibrusSimulator
    telegram: FakeTelegram
    settings: Settings
    store: Store
    db: Database
    logins: dict[int, str]  # account id -> login
    audience: dict[int, tuple[int, ...]]  # account id -> chats that follow it
    changes: list[Change] = field(default_factory=list)
    lost: list[tuple[Change, int, list[str]]] = field(default_factory=list)

    def change(self, rng: random.Random, marker: str, account_id: int | None = None) -> Change:
        """A new grade (with the marker as its comment) or a message (marker in the topic)."""
        account = account_id if account_id is not None else rng.choice(sorted(self.logins))
        login = self.logins[account]
        item: int | str
        if rng.random() < 0.6:
            subject = rng.choice(["Matematyka", "Fizyka", "Historia", "Biologia"])
            value = rng.choice(["1", "2+", "3", "4-", "5", "6"])
            item = self.librus.edit.add_grade(login, value=value, subject=subject, comment=marker)
            kind = "grade"
        else:
            item = self.librus.edit.add_message(login, topic=f"Informacja {marker}", body="Treść.")
            kind = "message"
        change = Change(marker, account, kind, str(item), self.audience[account])
        self.changes.append(change)
        return change

    def seen(self) -> dict[int, Counter[str]]:
        """How many times each marker reached each chat (the fake's transcripts)."""
        found: dict[int, Counter[str]] = {}
        for chats in self.audience.values():
            for chat in chats:
                counter: Counter[str] = Counter()
                for entry in self.telegram.bot_messages(chat, include_deleted=True):
                    counter.update(set(MARKER.findall(entry.text)))
                found[chat] = counter
        return found

    async def tally(self) -> tuple[int, int, int]:
        """(expected deliveries, lost, duplicates) over every change made so far.

        Delivered: the chat's outbox row for that item is marked sent with the id of a
        message the fake Bot API holds in that chat (a grade's comment may be missing
        from a notification written from a partial answer, so the row, not the text,
        is what counts). Duplicates: the change's marker in more than one message."""
        seen = self.seen()
        expected = lost = duplicates = 0
        self.lost = []
        epoch = datetime(2000, 1, 1, tzinfo=UTC)
        async with self.store.reading() as uow:
            rows = {
                chat: await uow.outbox.for_chat_since(chat, epoch)
                for chats in self.audience.values()
                for chat in chats
            }
        for change in self.changes:
            for chat in change.chats:
                expected += 1
                shown = {e.message_id for e in self.telegram.bot_messages(chat)}
                mine = [
                    r
                    for r in rows[chat]
                    if r.payload.get("type") == change.event_type
                    and r.payload.get("item_id") == change.item_id
                ]
                delivered = [r for r in mine if r.sent_at and r.telegram_message_id in shown]
                if not delivered:
                    lost += 1
                    self.lost.append((change, chat, [_row_state(r) for r in mine]))
                duplicates += max(0, seen[chat][change.marker] - 1)
        return expected, lost, duplicates

    async def unexplained_duplicates(self) -> list[tuple[int, str]]:
        """Markers a chat got more than once whose outbox row is not marked in doubt."""
        found = []
        async with self.store.reading() as uow:
            for chat, counter in self.seen().items():
                twice = [marker for marker, times in counter.items() if times > 1]
                if not twice:
                    continue
                rows = await uow.outbox.for_chat_since(chat, datetime(2000, 1, 1, tzinfo=UTC))
                for marker in twice:
                    mine = [r for r in rows if marker in json.dumps(r.payload, ensure_ascii=False)]
                    if not any(r.in_doubt for r in mine):
                        found.append((chat, marker))
        return found

    async def make_due(self, accounts: list[int], at: datetime) -> None:
        async with self.store.transaction() as uow:
            for account in accounts:
                await uow.sync.poll_soon(account, at)


@asynccontextmanager
async def pipeline_world(
    folder: Path,
    *,
    students: int = 4,
    seed: int = 2026,
    database_url: str | None = None,
    real_limits: bool = False,
    **sections: dict[str, Any],
) -> AsyncIterator[World]:
    telegram = FakeTelegram(fault_seed=seed)
    if not real_limits:
        telegram.flood = FloodControl(chat_per_second=100, chat_burst=20, group_per_minute=600)
        sections.setdefault("sender", {}).update(
            {"per_chat_interval_seconds": 0.01, "group_messages_per_minute": 600}
        )
    await telegram.start()
    librus = LibrusSimulator(
        seed=seed, students=students, clock=SimClock(SIM_NOW, frozen=True), fault_seed=seed
    )
    await librus.start()
    if database_url is not None:
        sections.setdefault("database", {})["url"] = database_url
    settings = settings_for(telegram, librus, folder, **sections)
    db = Database(settings.database.url)
    await schema.upgrade(db)
    runtime = Runtime(settings, roles=("poller",), clock=ManualClock(SIM_NOW), scheduled=False)
    await runtime.start()
    try:
        world = await _populate(runtime, librus, telegram, settings, db)
        await runtime.poller.run_until_idle()  # every account's silent baseline
    finally:
        await runtime.stop()
    try:
        yield world
    finally:
        await db.dispose()
        await librus.stop()
        await telegram.stop()


async def _populate(
    runtime: Runtime,
    librus: LibrusSimulator,
    telegram: FakeTelegram,
    settings: Settings,
    db: Database,
) -> World:
    store = Store(db, runtime.store.cipher)
    accounts = [a for a in librus.accounts() if not a["missing_modules"]]
    logins: dict[int, str] = {}
    audience: dict[int, list[int]] = {}
    telegram.group(GROUP, "Rodzina")
    for n, account in enumerate(accounts):
        check = await runtime.upstream.check_login(account["login"], account["password"])
        parents = [800 + n] + ([900] if n < 2 else [])  # the first two share a second parent
        async with store.transaction() as uow:
            record, _ = await uow.accounts.create_or_refresh(
                account["login"],
                account["password"],
                student_name=check.profile.student_name,
                class_name=check.profile.class_name,
                register_number=check.profile.register_number,
                session_blob_plain=check.session,
            )
            for parent in parents:
                telegram.user(parent, f"Rodzic {parent}")
                await uow.users.ensure(parent, "pl")
                await uow.chats.ensure(parent, "private", quiet_start=None, quiet_end=None)
                link, _ = await uow.links.link(parent, record.id, f"Dziecko{n}")
                await uow.subscriptions.subscribe(parent, record.id, link.id)
                audience.setdefault(record.id, []).append(parent)
            if n % 2 == 0:  # the family group follows every other child
                await uow.chats.ensure(
                    GROUP, "group", title="Rodzina", quiet_start=None, quiet_end=None
                )
                shared = await uow.links.get(parents[0], record.id)
                assert shared is not None
                await uow.subscriptions.subscribe(GROUP, record.id, shared.id)
                audience[record.id].append(GROUP)
                telegram.chats[GROUP].members[parents[0]] = "creator"
            await uow.sync.poll_soon(record.id, SIM_NOW)
        logins[record.id] = account["login"]
    telegram.add_bot_to_group(GROUP, 800)
    return World(
        librus,
        telegram,
        settings,
        store,
        db,
        logins,
        {k: tuple(v) for k, v in audience.items()},
    )


def _row_state(row: OutboxRecord) -> str:
    """One outbox row, for the message of a failed assertion."""
    return (
        f"row {row.id}: sent_at={row.sent_at} message={row.telegram_message_id} "
        f"attempts={row.attempts} error={row.last_error!r} in_doubt={row.in_doubt} "
        f"not_before={row.not_before} held={row.held_for_quiet_hours} dropped={row.dropped_at}"
    )


def settings_json(settings: Settings) -> str:
    """The settings for a worker process, secrets included (a dump masks them)."""
    data = settings.model_dump(mode="json")
    data["telegram"]["token"] = settings.bot_token
    keyring = settings.crypto.keyring
    data["crypto"]["keyring"] = keyring.get_secret_value() if keyring else None
    data["database"]["password"] = settings.database_password
    return json.dumps(data)
