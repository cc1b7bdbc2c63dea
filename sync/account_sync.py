"""One account, one poll: fetch what is due, store it, and record how it went.

The outcome decides the account's state:

* a wrong password or a captcha pauses the account with that reason; it is not
  polled again until its owner acts (retrying locks accounts and summons captchas);
* maintenance, network trouble, 5xx and timeouts leave it active and move its next
  poll later with full-jitter backoff;
* a module the school does not give ("Insufficient scopes", 403, "…IsNotActive") marks
  that kind absent, asked about again after `module_recheck`;
* an answer of an unexpected shape skips that kind this round (logged by upstream).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from storage.uow import Store, UnitOfWork
from sync import kinds as K
from sync.backoff import full_jitter
from sync.errors import AuthProblem, UpstreamUnavailable
from sync.upstream import PollOutcome, Upstream

log = logging.getLogger("sync.account")


@dataclass(frozen=True)
class SyncPolicy:
    backoff_base: timedelta = timedelta(seconds=60)
    backoff_cap: timedelta = timedelta(hours=1)
    module_recheck: timedelta = timedelta(hours=24)
    kind_backoff_base: timedelta = timedelta(minutes=5)


@dataclass
class SyncReport:
    account_id: int
    status: str  # ok | paused | unavailable | skipped | lost_lease
    error: str | None = None
    ok: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    newly_paused: bool = False
    next_poll_at: datetime | None = None
    outcome: PollOutcome | None = None


class AccountSyncer:
    def __init__(
        self,
        store: Store,
        upstream: Upstream,
        *,
        policy: SyncPolicy | None = None,
        rng: random.Random | None = None,
        local_today: Callable[[datetime], date] | None = None,
    ) -> None:
        self.store = store
        self.upstream = upstream
        self.policy = policy or SyncPolicy()
        self.rng = rng or random.Random()
        self.local_today = local_today or _warsaw_today

    async def run(
        self,
        account_id: int,
        owner: str,
        kinds: Iterable[str],
        *,
        now: datetime,
        next_poll_at: datetime,
    ) -> SyncReport:
        async with self.store.reading() as uow:
            account = await uow.accounts.get(account_id)
            state = await uow.sync.get(account_id)
            reference = await uow.snapshots.get(account_id, K.REFERENCE)
            kind_states = await uow.sync.kinds(account_id)
        if account is None or state is None:
            return SyncReport(account_id, "skipped", error="unknown account")
        if account.is_paused:
            return SyncReport(account_id, "skipped", error=account.pause_reason)
        wanted = [
            k
            for k in kinds
            if not ((ks := kind_states.get(k)) and ks.absent_until and ks.absent_until > now)
        ]
        try:
            outcome = await self.upstream.poll(
                account_id,
                account.login,
                wanted,
                reference=reference.data if reference else None,
                reference_fetched_at=reference.fetched_at if reference else None,
                now=now,
                today=self.local_today(now),
            )
        except AuthProblem as err:
            async with self.store.transaction() as uow:
                first = await uow.accounts.pause(account_id, err.code, at=now)
                await uow.sync.finish(
                    account_id,
                    owner,
                    next_poll_at=next_poll_at,
                    success_at=None,
                    error_class=err.code,
                    failures=state.consecutive_failures + 1,
                )
            log.info("account paused", extra={"account": account_id, "reason": err.code})
            return SyncReport(account_id, "paused", error=err.code, newly_paused=first)
        except UpstreamUnavailable as err:
            failures = state.consecutive_failures + 1
            retry_at = now + full_jitter(
                failures,
                base=self.policy.backoff_base.total_seconds(),
                cap=self.policy.backoff_cap.total_seconds(),
                rng=self.rng,
            )
            async with self.store.transaction() as uow:
                kept = await uow.sync.finish(
                    account_id,
                    owner,
                    next_poll_at=retry_at,
                    success_at=None,
                    error_class=err.code,
                    failures=failures,
                )
            return SyncReport(
                account_id,
                "unavailable" if kept else "lost_lease",
                error=err.code,
                next_poll_at=retry_at,
            )
        report = SyncReport(account_id, "ok", outcome=outcome, next_poll_at=next_poll_at)
        async with self.store.transaction() as uow:
            if outcome.reference is not None:
                await uow.snapshots.put(account_id, K.REFERENCE, outcome.reference, now)
                await self._update_profile(uow, account_id, outcome.reference)
            for kind, result in outcome.results.items():
                previous = kind_states.get(kind)
                if result.status == "ok" and result.data is not None:
                    await uow.snapshots.put(account_id, kind, result.data, now)
                    await uow.sync.save_kind(
                        account_id, kind, next_due_at=next_poll_at, last_success_at=now
                    )
                    report.ok.append(kind)
                elif result.status == "absent":
                    await uow.sync.save_kind(
                        account_id,
                        kind,
                        next_due_at=next_poll_at,
                        absent_until=now + self.policy.module_recheck,
                    )
                    report.absent.append(kind)
                else:
                    failures = (previous.consecutive_failures if previous else 0) + 1
                    await uow.sync.save_kind(
                        account_id, kind, next_due_at=next_poll_at, consecutive_failures=failures
                    )
                    report.failed.append(kind)
            kept = await uow.sync.finish(
                account_id,
                owner,
                next_poll_at=next_poll_at,
                success_at=now,
                error_class=None,
                failures=0,
            )
            if not kept:
                report.status = "lost_lease"
        return report

    @staticmethod
    async def _update_profile(uow: UnitOfWork, account_id: int, reference: dict[str, Any]) -> None:
        student = reference.get("student") or {}
        klass = reference.get("class") or {}
        school = reference.get("school") or {}
        await uow.accounts.update_profile(
            account_id,
            student_name=student.get("name"),
            class_name=klass.get("name"),
            school_name=school.get("name"),
            register_number=student.get("register_number"),
        )


def _warsaw_today(now: datetime) -> date:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo("Europe/Warsaw")).date()
