"""Diff and outbox together, as a hypothesis state machine over the real storage.

A teacher adds, corrects and deletes grades; polls succeed, fail, or come back cut
short; the sender delivers to a parent's chat and a family group, and sometimes dies
after claiming rows (its claim runs out and another pass takes over). What each chat
was told, replayed from what the sender delivered, must match Librus after every good
poll that is fully delivered (a deletion may take a few good polls to be believed, as
`sync.diff` explains); no event reaches a chat twice; nothing is deleted that was not.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from storage import schema
from storage.crypto import Cipher, KeyRing, new_key
from storage.db import Database
from storage.uow import Store
from sync import events as E
from sync import kinds as K
from sync.account_sync import AccountSyncer
from sync.diff import SUSPECT_CONFIRMATIONS
from sync.upstream.service import KindResult, PollOutcome, Upstream
from tests.conftest import run_blocking
from tests.figures import record_figure
from tests.unit.test_diff import grade

START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
CHATS = (801, -300)  # the parent's chat and the family group
CLAIM = timedelta(minutes=2)
VALUES = st.sampled_from(["1", "2+", "3", "4-", "5", "6"])


def _migrated(path: Path) -> Path:
    async def migrate() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await schema.upgrade(db)
        await db.dispose()

    run_blocking(migrate)
    return path


class Teacher:
    """Librus as far as the syncer asks: grades only, complete, failed or cut short."""

    def __init__(self) -> None:
        self.answer: list[dict[str, Any]] | None = []

    async def poll(self, _account_id: int, _login: str, kinds: list[str], **_: Any) -> PollOutcome:
        outcome = PollOutcome()
        for kind in kinds:
            if kind != K.GRADES:
                outcome.results[kind] = KindResult(kind, "ok", {"items": []})
            elif self.answer is None:
                outcome.results[kind] = KindResult(kind, "failed", error="server_error")
            else:
                outcome.results[kind] = KindResult(kind, "ok", {"items": list(self.answer)})
        return outcome


class Pipeline(RuleBasedStateMachine):
    #: A migrated SQLite file, copied for each example (migrations run once).
    template: Path

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(dir=self.template.parent))
        shutil.copy(self.template, self.folder / "bot.sqlite3")
        self.db = Database(f"sqlite+aiosqlite:///{self.folder / 'bot.sqlite3'}")
        self.store = Store(self.db, Cipher(KeyRing(keys={"m": new_key()}, primary="m")))
        self.librus = Teacher()
        self.syncer = AccountSyncer(self.store, cast(Upstream, self.librus))
        self.now = START
        self.truth: dict[str, str] = {}
        self.next_id = 1
        self.told: dict[int, dict[str, str]] = {chat: {} for chat in CHATS}
        self.delivered: dict[int, set[str]] = {chat: set() for chat in CHATS}
        self.deleted: dict[str, int] = {}  # deleted grade -> good polls since
        self.fresh = False  # the last poll saw the whole truth
        self.bad_in_a_row = 0
        self.account_id = self._run(self._setup())

    def teardown(self) -> None:
        self._run(self.db.dispose())
        self.loop.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run[T](self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    async def _setup(self) -> int:
        async with self.store.transaction() as uow:
            account, _ = await uow.accounts.create_or_refresh(
                "9000001u", "hasło", student_name="Ola", class_name="4a", register_number=7
            )
            await uow.users.ensure(801, "pl")
            await uow.chats.ensure(801, "private", quiet_start=None, quiet_end=None)
            await uow.chats.ensure(-300, "group", title="Rodzina", quiet_start=None, quiet_end=None)
            link, _ = await uow.links.link(801, account.id, "Ola")
            for chat in CHATS:
                await uow.subscriptions.subscribe(chat, account.id, link.id)
            await uow.sync.ensure(account.id, START)
        await self._poll(account.id)  # the silent baseline of an empty gradebook
        return account.id

    async def _poll(self, account_id: int | None = None) -> None:
        account = account_id if account_id is not None else self.account_id
        self.now += timedelta(minutes=10)
        async with self.store.transaction() as uow:
            assert await uow.sync.claim_one(account, "machine", self.now, lease=CLAIM)
        report = await self.syncer.run(account, "machine", [K.GRADES], now=self.now)
        assert report.status == "ok", report

    def _answer(self, items: dict[str, str]) -> list[dict[str, Any]]:
        return [grade(i, v) for i, v in items.items()]

    # ------------------------------------------------------------------ Librus

    @rule(value=VALUES)
    def teacher_adds(self, value: str) -> None:
        self.truth[str(self.next_id)] = value
        self.next_id += 1
        self.fresh = False

    @precondition(lambda self: bool(self.truth))
    @rule(data=st.data(), value=VALUES)
    def teacher_corrects(self, data: st.DataObject, value: str) -> None:
        self.truth[data.draw(st.sampled_from(sorted(self.truth)))] = value
        self.fresh = False

    @precondition(lambda self: bool(self.truth))
    @rule(data=st.data())
    def teacher_deletes(self, data: st.DataObject) -> None:
        item = data.draw(st.sampled_from(sorted(self.truth)))
        del self.truth[item]
        self.deleted[item] = 0
        self.fresh = False

    # ------------------------------------------------------------------ polls

    @rule()
    def good_poll(self) -> None:
        self.librus.answer = self._answer(self.truth)
        self._run(self._poll())
        self.fresh, self.bad_in_a_row = True, 0
        for item in self.deleted:
            self.deleted[item] += 1

    @rule()
    def failed_poll(self) -> None:
        self.librus.answer = None
        self._run(self._poll())
        self.fresh = False

    @precondition(lambda self: self.bad_in_a_row < 2 and len(self.truth) >= 3)
    @rule(data=st.data())
    def poll_cut_short(self, data: st.DataObject) -> None:
        """Less than half of what the bot knows: suspicious, so it deletes nothing."""
        keep = data.draw(st.integers(0, (len(self.truth) - 1) // 2))
        present = sorted(self.truth)[:keep]
        self.librus.answer = self._answer({i: self.truth[i] for i in present})
        self._run(self._poll())
        self.fresh, self.bad_in_a_row = False, self.bad_in_a_row + 1

    # ------------------------------------------------------------------ delivery

    async def _deliver(self, chat: int, *, die: bool) -> None:
        async with self.store.transaction() as uow:
            rows = await uow.outbox.claim_for_chat(chat, self.now, until=self.now + CLAIM, limit=5)
        if die or not rows:
            return  # the claim runs out; the rows go out on a later pass
        for row in rows:
            key = row.idempotency_key
            assert key not in self.delivered[chat], f"{key} delivered twice to {chat}"
            self.delivered[chat].add(key)
            payload = row.payload
            item = payload["item_id"]
            if payload["type"] == E.GRADE_DELETED:
                assert item in self.deleted, f"false deletion of grade {item}"
                self.told[chat].pop(item, None)
            else:
                assert payload["type"] in (E.GRADE_NEW, E.GRADE_CHANGED), payload
                self.told[chat][item] = payload["data"]["value"]
        async with self.store.transaction() as uow:
            await uow.outbox.mark_sent([r.id for r in rows], self.now, 1)

    @rule(chat=st.sampled_from(CHATS))
    def send(self, chat: int) -> None:
        self._run(self._deliver(chat, die=False))

    @rule(chat=st.sampled_from(CHATS))
    def sender_dies_after_claiming(self, chat: int) -> None:
        self._run(self._deliver(chat, die=True))

    @rule()
    def time_passes(self) -> None:
        self.now += CLAIM + timedelta(seconds=1)

    # ------------------------------------------------------------------ checks

    async def _drain(self) -> None:
        self.now += CLAIM + timedelta(seconds=1)  # whatever a dead sender held is free
        for _ in range(100):
            async with self.store.reading() as uow:
                due = await uow.outbox.due_chats(self.now, limit=10)
            if not due:
                return
            for chat in due:
                await self._deliver(chat.id, die=False)
        raise AssertionError("the outbox did not drain")

    @invariant()
    def every_chat_knows_the_truth_after_a_good_poll(self) -> None:
        if not self.fresh:
            return
        self._run(self._drain())
        for chat in CHATS:
            told = self.told[chat]
            assert {i: told.get(i) for i in self.truth} == self.truth, (chat, told, self.truth)
            for item in set(told) - set(self.truth):
                assert item in self.deleted, f"chat {chat} was told of grade {item} never given"
                assert self.deleted[item] < SUSPECT_CONFIRMATIONS, (
                    f"grade {item} deleted {self.deleted[item]} good polls ago, never reported"
                )


def test_pipeline_state_machine(tmp_path: Path) -> None:
    examples = 60
    Pipeline.template = _migrated(tmp_path / "template.sqlite3")
    Pipeline.TestCase.settings = settings(
        max_examples=examples, stateful_step_count=40, deadline=None, derandomize=True
    )
    Pipeline.TestCase().runTest()
    record_figure("pipeline state machine", examples=examples, max_steps=40, chats=len(CHATS))
