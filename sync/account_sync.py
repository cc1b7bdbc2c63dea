"""One account, one poll: fetch what is due, and in one transaction store the snapshots,
the new seen-state and the outbox rows for every event.

The outcome decides the account's state:

* a wrong password, a captcha or an action needed in the browser pauses the account
  with that reason, and every parent who linked it is told once (groups get a line);
  it is not polled again until a parent acts (retrying locks accounts and summons
  captchas);
* maintenance, network trouble, 5xx and timeouts leave it active and move its next
  poll later with full-jitter backoff;
* a module the school does not give ("Insufficient scopes", 403, "…IsNotActive") marks
  that kind absent, asked about again after `module_recheck`;
* an answer of an unexpected shape (or a transport failure of one kind) skips that kind
  this round: it is not diffed, so it cannot delete anything, and it is retried sooner.

The write transaction first confirms this worker still holds the account's lease; a
worker that lost it writes nothing, so two workers never both record one poll.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from storage.records import (
    AccountRecord,
    AudienceRecord,
    KindStateRecord,
    KindUpdate,
    SeenItemRecord,
    SnapshotRecord,
    SyncStateRecord,
)
from storage.uow import Store, UnitOfWork
from sync import events as E
from sync import kinds as K
from sync import payloads as P
from sync import revision
from sync.averages import Grading, subject_average
from sync.backoff import full_jitter
from sync.briefs import catch_up_rows
from sync.cadence import Cadence, SchoolCalendar
from sync.clock import WARSAW
from sync.crashpoints import crash_point
from sync.diff import DIFFED_KINDS, DiffContext, KindDiff, Seen, diff_kind
from sync.errors import AuthProblem, UpstreamUnavailable
from sync.events import Event, content_hash
from sync.fanout import outbox_rows, summary_rows
from sync.forecast import behaviour_matters
from sync.notices import forecast_fall_rows, tell_back, tell_outage, tell_paused
from sync.upstream import KindResult, PollOutcome, Upstream

log = logging.getLogger("sync.account")


@dataclass(frozen=True)
class SyncPolicy:
    backoff_base: timedelta = timedelta(seconds=60)
    backoff_cap: timedelta = timedelta(hours=1)
    module_recheck: timedelta = timedelta(hours=24)
    kind_backoff_base: timedelta = timedelta(minutes=2)
    #: News found after a pause or outage longer than this comes as one summary per
    #: chat ('Podczas przerwy: 3 oceny, …'), not as a message per item.
    summarise_after: timedelta = timedelta(days=2)
    #: More events than this for one child in one poll (a school importing a year of
    #: grades at once) come as one summary per chat, too.
    max_events_per_poll: int = 20
    #: Librus silent this long for a child (an outage, this server blocked): its
    #: parents are told once, and again when it is back.
    outage_told_after: timedelta = timedelta(hours=3)


@dataclass(frozen=True)
class PollContext:
    """An account as a poll of it starts: the account, its sync state, its reference
    data and its kinds' states (None: unknown, unlinked meanwhile)."""

    account: AccountRecord | None
    state: SyncStateRecord | None
    reference: SnapshotRecord | None
    kinds: dict[str, KindStateRecord]


@dataclass
class SyncReport:
    account_id: int
    status: str  # ok | paused | unavailable | skipped | lost_lease
    error: str | None = None
    ok: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    queued: int = 0  # outbox rows inserted
    summarised: int = 0  # events told as one summary per chat instead of one by one
    baseline: list[str] = field(default_factory=list)
    newly_paused: bool = False
    next_poll_at: datetime | None = None
    outcome: PollOutcome | None = None


class LeaseLost(Exception):
    """Another worker took the account over; this poll's results are dropped."""


class AccountSyncer:
    def __init__(
        self,
        store: Store,
        upstream: Upstream,
        *,
        policy: SyncPolicy | None = None,
        cadence: Cadence | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.upstream = upstream
        self.policy = policy or SyncPolicy()
        self.rng = rng or random.Random()
        self.cadence = cadence or Cadence(rng=self.rng)

    async def contexts(self, account_ids: list[int]) -> dict[int, PollContext]:
        """What polls of these accounts start from, in four statements whatever their
        number: the poller reads its whole claim at once (each statement is a round
        trip to the database's thread, and four per poll were a third of them)."""
        async with self.store.reading() as uow:
            accounts = await uow.accounts.get_many(account_ids)
            states = await uow.sync.get_many(account_ids)
            references = await uow.snapshots.get_many([(a, K.REFERENCE) for a in account_ids])
            kinds = await uow.sync.kinds_of(account_ids)
        return {
            a: PollContext(
                accounts.get(a), states.get(a), references.get((a, K.REFERENCE)), kinds[a]
            )
            for a in account_ids
        }

    async def run(
        self,
        account_id: int,
        owner: str,
        kinds: Iterable[str] | None = None,
        *,
        now: datetime,
        context: PollContext | None = None,
    ) -> SyncReport:
        """Poll `kinds`, or (the claim loop) those the cadence says are due now.
        `context`: read by the caller just before (`contexts`), else read here."""
        if context is None:
            context = (await self.contexts([account_id]))[account_id]
        account, state, reference = context.account, context.state, context.reference
        kind_states = context.kinds
        if account is None or state is None:
            return SyncReport(account_id, "skipped", error="unknown account")
        if account.is_paused:
            return SyncReport(account_id, "skipped", error=account.pause_reason)
        today = now.astimezone(WARSAW).date()
        stored: dict[str, dict[str, Any]] | None = None  # agenda and attendance, if read
        if kinds is None:
            kinds = self.due_kinds(kind_states, reference.data if reference else None, now)
            if any(k in K.ON_NEED_KINDS for k in kinds):
                stored = await self._stored(account_id, (K.AGENDA, K.ATTENDANCE))
                # Nothing to revise for, no day away, every absence excused: Librus
                # is not asked for what would go unused.
                known = reference.data if reference else {}
                kinds = [k for k in kinds if _needed(k, stored, known, today)] or self._urgent()
        wanted = [k for k in dict.fromkeys(kinds) if not _absent(kind_states.get(k), now)]
        try:
            outcome = await self.upstream.poll(
                account_id,
                account.login,
                wanted,
                reference=reference.data if reference else None,
                reference_fetched_at=reference.fetched_at if reference else None,
                now=now,
                today=today,
                known_absent=frozenset(
                    k for k in wanted if (s := kind_states.get(k)) and s.absent_until is not None
                ),
            )
        except AuthProblem as err:
            return await self._paused(account_id, owner, state, err, now)
        except UpstreamUnavailable as err:
            return await self._unavailable(account_id, owner, state, err, now)
        crash_point("poll.fetched")
        topics = outcome.results.get(K.TOPICS)
        if topics is not None and topics.data is not None:
            # Librus gives the whole class's year: only what a test or an absence
            # needs is kept, judged by this poll's agenda and attendance where fetched.
            if stored is None:
                stored = await self._stored(account_id, (K.AGENDA, K.ATTENDANCE))
            for kind in (K.AGENDA, K.ATTENDANCE):
                fresh = outcome.results.get(kind)
                if fresh is not None and fresh.data is not None:
                    stored[kind] = fresh.data
            kept = revision.keep(P.topics_in(topics.data), _topics_need(stored, today))
            topics.data = {"items": kept}
        ref = (
            outcome.reference
            if outcome.reference is not None
            else (reference.data if reference else {})
        )
        try:
            return await self._record(
                account_id, owner, state, kind_states, outcome, ref, account.register_number, now
            )
        except LeaseLost:
            log.warning("lease lost during a poll", extra={"account": account_id})
            return SyncReport(account_id, "lost_lease", outcome=outcome)

    def due_kinds(
        self, states: dict[str, KindStateRecord], reference: dict[str, Any] | None, now: datetime
    ) -> list[str]:
        """The kinds due now; an account brought forward by hand (resumed, or asked
        for by a parent) with nothing due gets the urgent ones."""
        due = {k: s.next_due_at for k, s in states.items()}
        chosen = self.cadence.due_kinds(due, list(K.ALL_KINDS), now, SchoolCalendar(reference))
        if all(k in K.ON_NEED_KINDS for k in chosen):
            # Those ride along with a poll that is due anyway, never one of their own.
            return self._urgent()
        return chosen

    def _urgent(self) -> list[str]:
        return [k for k in K.ALL_KINDS if k in K.URGENT_KINDS]

    async def _stored(self, account_id: int, kinds: Iterable[str]) -> dict[str, dict[str, Any]]:
        async with self.store.reading() as uow:
            snaps = await uow.snapshots.get_many([(account_id, k) for k in kinds])
        return {kind: snap.data for (_, kind), snap in snaps.items()}

    # ------------------------------------------------------------------ outcomes

    async def _paused(
        self, account_id: int, owner: str, state: SyncStateRecord, err: AuthProblem, now: datetime
    ) -> SyncReport:
        async with self.store.transaction() as uow:
            first = await uow.accounts.pause(account_id, err.code, at=now)
            if first:
                # Told once, in the same transaction as the pause: every parent who
                # linked the child, with the fix; a line in each family group.
                await tell_paused(uow, account_id, err.code, err.words, paused_at=now, now=now)
            await uow.sync.finish(
                account_id,
                owner,
                next_poll_at=now,
                success_at=None,
                error_class=err.code,
                failures=state.consecutive_failures + 1,
            )
        log.info("account paused", extra={"account": account_id, "reason": err.code})
        return SyncReport(account_id, "paused", error=err.code, newly_paused=first)

    async def _unavailable(
        self,
        account_id: int,
        owner: str,
        state: SyncStateRecord,
        err: UpstreamUnavailable,
        now: datetime,
    ) -> SyncReport:
        failures = state.consecutive_failures + 1
        retry_at = now + full_jitter(
            failures,
            base=self.policy.backoff_base.total_seconds(),
            cap=self.policy.backoff_cap.total_seconds(),
            rng=self.rng,
        )
        if err.retry_at is not None:
            # The circuit breaker is open: not before it lets calls through again,
            # spread over a few minutes so the accounts do not all come back at once.
            spread = timedelta(seconds=self.rng.uniform(0, 300))
            retry_at = max(retry_at, err.retry_at + spread)
        async with self.store.transaction() as uow:
            kept = await uow.sync.finish(
                account_id,
                owner,
                next_poll_at=retry_at,
                success_at=None,
                error_class=err.code,
                failures=failures,
            )
            since = state.last_success_at
            if kept and since is not None and now - since >= self.policy.outage_told_after:
                await tell_outage(uow, account_id, since=since, now=now)
        return SyncReport(
            account_id,
            "unavailable" if kept else "lost_lease",
            error=err.code,
            next_poll_at=retry_at,
        )

    async def _record(
        self,
        account_id: int,
        owner: str,
        state: SyncStateRecord,
        kind_states: dict[str, KindStateRecord],
        outcome: PollOutcome,
        reference: dict[str, Any],
        register_number: int | None,
        now: datetime,
    ) -> SyncReport:
        calendar = SchoolCalendar(reference)
        draw = self.cadence.draw()  # one for the poll: its kinds fall due again together
        today = now.astimezone(WARSAW).date()
        gap = state.last_success_at is not None and (
            now - state.last_success_at > self.policy.summarise_after
        )
        rebaseline = state.rebaseline
        report = SyncReport(account_id, "ok", outcome=outcome)
        async with self.store.transaction() as uow:
            if not await uow.sync.extend_lease(account_id, owner, now + timedelta(minutes=5)):
                raise LeaseLost
            if rebaseline:
                await uow.sync.reset_baselines(account_id)
            if outcome.reference is not None:
                await uow.snapshots.put(account_id, K.REFERENCE, outcome.reference, now)
                await _update_profile(uow, account_id, outcome.reference)
            number = _register_number(reference, register_number)
            year_start = _year_start(reference)
            unchanged: list[str] = []
            updates: list[KindUpdate] = []
            replaced: dict[str, dict[str, Any]] = {}  # grades as stored before, if changed
            listeners = _Audience(uow, account_id)
            for kind, result in outcome.results.items():
                previous = None if rebaseline else kind_states.get(kind)
                await self._record_kind(
                    uow,
                    account_id,
                    kind,
                    result,
                    previous,
                    (calendar, draw),
                    now,
                    report,
                    DiffContext(
                        today=today,
                        baseline=previous is None or not previous.baseline_done,
                        register_number=number,
                        year_start=year_start,
                    ),
                    unchanged,
                    updates,
                    replaced,
                )
            _note_subject_averages(report, outcome, reference)
            report.queued += await _queue_school_life(
                uow, listeners, outcome, reference, calendar, replaced.get(K.GRADES), now
            )
            await uow.snapshots.touch(account_id, unchanged, now)
            await uow.sync.save_kinds(account_id, updates, known=set(kind_states))
            since = state.last_success_at
            if (
                state.consecutive_failures
                and since is not None
                and now - since >= self.policy.outage_told_after
            ):
                counts = Counter(e.category for e in report.events)
                await tell_back(uow, account_id, since=since, now=now, counts=dict(counts))
            if report.events:
                audience = await listeners.get()
                if gap or len(report.events) > self.policy.max_events_per_poll:
                    since = state.last_success_at if gap else None
                    rows = summary_rows(report.events, account_id, audience, now, since=since)
                    report.summarised = len(report.events)
                else:
                    rows = outbox_rows(report.events, account_id, audience, now)
                report.queued += await uow.outbox.enqueue(rows, now)
            due = {k: s.next_due_at for k, s in kind_states.items()}
            due.update({u.kind: u.next_due_at for u in updates})
            report.next_poll_at = _next_poll(due, now)
            await uow.sync.finish(
                account_id,
                owner,
                next_poll_at=report.next_poll_at,
                success_at=now,
                error_class=None,
                failures=0,
                rebaseline=False,
            )
            crash_point("poll.before_commit")
        crash_point("poll.committed")
        if report.events:
            log.info(
                "poll found news",
                extra={
                    "account": account_id,
                    "events": len(report.events),
                    "queued": report.queued,
                },
            )
        return report

    async def _record_kind(
        self,
        uow: UnitOfWork,
        account_id: int,
        kind: str,
        result: KindResult,
        previous: KindStateRecord | None,
        schedule: tuple[SchoolCalendar, float],
        now: datetime,
        report: SyncReport,
        ctx: DiffContext,
        unchanged: list[str],
        updates: list[KindUpdate],
        replaced: dict[str, dict[str, Any]],
    ) -> None:
        """Store and diff one kind's answer. An answer identical to the last one, for
        the same day, after a diff that left nothing pending (no item missing once and
        awaiting confirmation), is only noted in `unchanged`: it would give no events
        and change no seen-state, and the snapshot is the same but for its time.
        `schedule`: the school's calendar and the poll's random share (`Cadence.draw`)."""
        calendar, draw = schedule
        if result.status == "ok" and result.data is not None:
            data = result.data
            if result.carried:
                ctx = replace(ctx, unfetched=frozenset(result.carried))
            # Of what was fetched, and of which parts were not: the parts carried over
            # are no input of the diff, so the snapshot is only read when it changes.
            fingerprint = _fingerprint(data, ctx)
            settled = True  # the diff, if any, left no item missing once and pending
            if previous is not None and not ctx.baseline and previous.data_hash == fingerprint:
                # The same answer, diffed against the same day: nothing can come of it.
                unchanged.append(kind)
            else:
                if kind == K.GRADES and previous is not None and not ctx.baseline:
                    # What the grades were, for a forecast that may have fallen.
                    before = await uow.snapshots.get(account_id, kind)
                    if before is not None:
                        replaced[kind] = before.data
                if result.carried:
                    data = await _with_carried(uow, account_id, kind, data, result.carried)
                await uow.snapshots.put(account_id, kind, data, now)
                if kind in DIFFED_KINDS:
                    diff = await _diff(uow, account_id, kind, data, ctx)
                    report.events.extend(diff.events)
                    settled = not any(s.missing for s in diff.upsert.values())
                    if ctx.baseline:
                        report.baseline.append(kind)
            updates.append(
                KindUpdate(
                    kind,
                    next_due_at=self.cadence.next_due(kind, now, calendar, draw),
                    last_success_at=now,
                    baseline_done=True,
                    data_hash=fingerprint if settled else None,
                )
            )
            report.ok.append(kind)
        elif result.status == "absent":
            recheck = now + self.policy.module_recheck
            updates.append(KindUpdate(kind, next_due_at=recheck, absent_until=recheck))
            report.absent.append(kind)
        else:
            failures = (previous.consecutive_failures if previous else 0) + 1
            retry = full_jitter(
                failures,
                base=self.policy.kind_backoff_base.total_seconds(),
                cap=self.cadence.interval(kind, now, calendar).total_seconds(),
                rng=self.rng,
            )
            updates.append(KindUpdate(kind, next_due_at=now + retry, consecutive_failures=failures))
            report.failed.append(kind)


async def _diff(
    uow: UnitOfWork, account_id: int, kind: str, data: dict[str, Any], ctx: DiffContext
) -> KindDiff:
    stored = await uow.seen.for_kind(account_id, kind)
    seen = {
        item_id: Seen(r.content_hash, r.data, r.missing_fetches, r.trusted_missing, r.version)
        for item_id, r in stored.items()
    }
    diff = diff_kind(kind, seen, data, ctx)
    if diff.upsert:
        await uow.seen.upsert(
            account_id,
            (
                SeenItemRecord(
                    kind, item_id, s.content_hash, s.data, s.missing, s.trusted_missing, s.version
                )
                for item_id, s in diff.upsert.items()
            ),
            read=True,  # for_kind above read every row of the kind
        )
    if diff.remove:
        await uow.seen.remove(account_id, kind, diff.remove)
    return diff


async def _with_carried(
    uow: UnitOfWork, account_id: int, kind: str, data: dict[str, Any], parts: tuple[str, ...]
) -> dict[str, Any]:
    """The answer with the items of the parts not asked for this time, as last stored
    (descriptive grades between their hourly checks), so the snapshot that commands
    read still shows them. The diff leaves these parts out (`DiffContext.unfetched`):
    the stored copy may itself be a cut-short answer, and repeating it must not count
    as evidence that its items are gone."""
    previous = await uow.snapshots.get(account_id, kind)
    kept = [
        item
        for item in (previous.data.get("items", []) if previous else [])
        if item.get("scale") in parts
    ]
    return {**data, "items": [*data.get("items", []), *kept]}


def _fingerprint(data: dict[str, Any], ctx: DiffContext) -> str:
    """The answer and every input of its diff besides the seen-state."""
    return content_hash(
        {
            "data": data,
            "today": ctx.today.isoformat(),
            "number": ctx.register_number,
            "year": ctx.year_start.isoformat() if ctx.year_start else None,
            "unfetched": sorted(ctx.unfetched),
        }
    )


def _absent(state: KindStateRecord | None, now: datetime) -> bool:
    return bool(state and state.absent_until and state.absent_until > now)


def _next_poll(due: dict[str, datetime], now: datetime) -> datetime:
    """The account is due when its earliest kind is (a kind never fetched is due now).
    Kinds asked for only when needed never wake an account up."""
    polled = [k for k in K.ALL_KINDS if k not in K.ON_NEED_KINDS]
    dues = [at for name, at in due.items() if name in polled]
    missing = [k for k in polled if k not in due]
    if missing or not dues:
        return now
    return min(dues)


EXCUSES_WINDOW = timedelta(days=30)


class _Audience:
    """The chats that hear of an account, read once per poll, when first needed."""

    def __init__(self, uow: UnitOfWork, account_id: int) -> None:
        self.uow, self.account_id = uow, account_id
        self._chats: list[AudienceRecord] | None = None

    async def get(self) -> list[AudienceRecord]:
        if self._chats is None:
            self._chats = await self.uow.subscriptions.audience(self.account_id)
        return self._chats


async def _queue_school_life(
    uow: UnitOfWork,
    listeners: _Audience,
    outcome: PollOutcome,
    reference: dict[str, Any],
    calendar: SchoolCalendar,
    grades_before: dict[str, Any] | None,
    now: datetime,
) -> int:
    """What this poll says beyond its new rows: the child back after days away (the
    catch-up) and a subject's forecast fallen a whole grade. Returns rows queued."""
    today = now.astimezone(WARSAW).date()
    rows = []
    attendance = outcome.results.get(K.ATTENDANCE)
    if attendance is not None and attendance.data is not None:
        away = revision.back_today(
            P.absences_in(attendance.data),
            P.present_days_in(attendance.data),
            today,
            calendar.is_school_day,
        )
        if away is not None:
            rows.extend(catch_up_rows(away, listeners.account_id, await listeners.get(), now))
    grades = outcome.results.get(K.GRADES)
    if grades_before is not None and grades is not None and grades.data is not None:
        rows.extend(
            forecast_fall_rows(
                listeners.account_id,
                await listeners.get(),
                grades_before,
                grades.data,
                reference,
                now=now,
            )
        )
    return await uow.outbox.enqueue(rows, now) if rows else 0


def _needed(
    kind: str, stored: dict[str, dict[str, Any]], reference: dict[str, Any], today: date
) -> bool:
    """Whether a poll now should ask for `kind` (always, unless it is asked for only
    when needed)."""
    if kind == K.BEHAVIOUR:
        return behaviour_matters(reference, today)
    if kind == K.TOPICS:
        return bool(_topics_need(stored, today))
    if kind == K.EXCUSES:
        # An older absence still unexcused will not be excused by e-mail now (one
        # school's deadline is 14 days after the child is back).
        since = (today - EXCUSES_WINDOW).isoformat()
        absences = P.absences_in(stored.get(K.ATTENDANCE))
        return any(
            a["status"] == P.AttendanceStatus.ABSENT and (a["date"] or "") >= since
            for a in absences
        )
    return True


def _topics_need(stored: dict[str, dict[str, Any]], today: date) -> revision.Need:
    attendance = stored.get(K.ATTENDANCE)
    return revision.need(
        P.agenda_in(stored.get(K.AGENDA)),
        P.absences_in(attendance),
        P.present_days_in(attendance),
        today,
    )


def _register_number(reference: dict[str, Any], stored: int | None) -> int | None:
    number = (reference.get("student") or {}).get("register_number")
    try:
        return int(number) if number is not None else stored
    except (TypeError, ValueError):
        return stored


def _year_start(reference: dict[str, Any]) -> date | None:
    begin = (reference.get("class") or {}).get("begin")
    try:
        return date.fromisoformat(str(begin)[:10]) if begin else None
    except ValueError:
        return None


def _note_subject_averages(
    report: SyncReport, outcome: PollOutcome, reference: dict[str, Any] | None
) -> None:
    """A new or changed ordinary grade carries its subject's new average (the event's
    data only: what was seen, and so what counts as changed, stays the grade)."""
    grades = outcome.results.get(K.GRADES)
    if grades is None or grades.data is None:
        return
    items = P.grades_in(grades.data)
    grading = Grading.from_reference(reference)
    for event in report.events:
        if event.type not in (E.GRADE_NEW, E.GRADE_CHANGED):
            continue
        grade = P.grade(event.data)
        if grade["scale"] != "standard" or grade["type"] != "normal":
            continue
        average = subject_average(items, grade, grading)
        if average is not None:
            event.data["subject_average"] = round(average, 2)


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
