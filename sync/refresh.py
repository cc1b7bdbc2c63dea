"""A poll on a parent's request (the "Odśwież" button, a command with no data yet).

It takes the account's lease like a poller, so it never runs beside another worker's
poll of the same account: when the account is being polled right now, it waits for
that poll to end instead of asking Librus twice. The account's schedule is kept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from storage.uow import Store
from sync.account_sync import AccountSyncer, SyncReport
from sync.clock import Clock


@dataclass(frozen=True)
class RefreshResult:
    status: str  # ok | busy | paused | unavailable | skipped | lost_lease
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
    ) -> None:
        self.store = store
        self.syncer = syncer
        self.clock = clock
        self.owner = owner
        self.lease = lease
        self.wait_seconds = wait_seconds

    async def refresh(self, account_id: int, kinds: Iterable[str]) -> RefreshResult:
        wanted = list(kinds)
        now = self.clock.now()
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
