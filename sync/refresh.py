"""A poll on a parent's request (the "Odśwież" button, a command with no data yet).

It takes the account's lease like a poller, so it never runs beside another worker's
poll of the same account: when the account is being polled right now, it waits for
that poll to end instead of asking Librus twice. The account's schedule is kept.

A button pressed thirty times (by one parent, or by everyone in a family group) must
not become thirty polls: within `cooldown` of the last refresh of an account, or when
every kind asked for was fetched within it, the stored snapshot is served instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.uow import Store
from sync.account_sync import AccountSyncer, SyncReport
from sync.clock import Clock


@dataclass(frozen=True)
class RefreshResult:
    # ok | recent (fetched within the cooldown) | cooling (asked within the cooldown,
    # not necessarily with success) | busy | paused | unavailable | skipped | lost_lease
    status: str
    report: SyncReport | None = None


class Refresher:
    def __init__(
        self,
        store: Store,
        syncer: AccountSyncer,
        clock: Clock,
        *,
        owner: str,
        lease: timedelta = timedelta(minutes=2),
        wait_seconds: float = 20.0,
        cooldown: timedelta = timedelta(seconds=90),
    ) -> None:
        self.store = store
        self.syncer = syncer
        self.clock = clock
        self.owner = owner
        self.lease = lease
        self.wait_seconds = wait_seconds
        self.cooldown = cooldown
        self._asked: dict[int, datetime] = {}  # account -> last refresh started here

    async def refresh(self, account_id: int, kinds: Iterable[str]) -> RefreshResult:
        wanted = list(kinds)
        now = self.clock.now()
        async with self.store.reading() as uow:
            states = await uow.sync.kinds(account_id)
        fetched = [states[k].last_success_at if k in states else None for k in wanted]
        if wanted and all(at is not None and now - at < self.cooldown for at in fetched):
            return RefreshResult("recent")
        asked = self._asked.get(account_id)
        if asked is not None and now - asked < self.cooldown:
            return RefreshResult("cooling")
        self._asked[account_id] = now
        if len(self._asked) > 10_000:  # forget the oldest half; a cooldown is short
            for old in sorted(self._asked, key=self._asked.__getitem__)[:5_000]:
                del self._asked[old]
        async with self.store.transaction() as uow:
            claimed = await uow.sync.claim_one(account_id, self.owner, now, lease=self.lease)
            state = await uow.sync.get(account_id)
        if state is None:
            return RefreshResult("skipped")
        if not claimed:
            return RefreshResult(await self._wait_for_other(account_id))
        report = await self.syncer.run(account_id, self.owner, wanted, now=now)
        return RefreshResult(report.status, report)

    async def _wait_for_other(self, account_id: int) -> str:
        for _ in range(int(self.wait_seconds / 0.25)):
            async with self.store.reading() as uow:
                state = await uow.sync.get(account_id)
                account = await uow.accounts.get(account_id)
            if account is None or account.is_paused:
                return "paused"
            if state is None or state.lease_owner is None:
                return "ok"
            await asyncio.sleep(0.25)
        return "busy"
