"""One poll of one account: the reference when due, every asked kind at once, each
kind's answer judged on its own (a module the school lacks, a refusal that is a
block, an outage), normalized into `sync.payloads` shapes.

Nothing here has a side effect upstream: no message is opened, nothing is marked
read, no device is registered."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from librus_synergia import LibrusConnectionError, LibrusError

from sync import kinds as K
from sync.errors import AuthProblem, UpstreamUnavailable
from sync.upstream import normalize
from sync.upstream import reference as references
from sync.upstream.client import AccountClient, week_starts
from sync.upstream.contract import KindResult, PollOutcome, UpstreamSettings
from sync.upstream.pool import ClientPool
from sync.upstream.translate import blocked_by_foreign_page, is_refusal, translate
from sync.upstream.transport import LibrusTransport

log = logging.getLogger("sync.upstream")

# Librus endpoints behind each kind, for log lines (never a URL with ids in it).
ENDPOINTS = {
    K.GRADES: "Grades",
    K.ATTENDANCE: "Attendances",
    K.MESSAGES: "wiadomosci/inbox",
    K.TIMETABLE: "Timetables",
    K.AGENDA: "HomeWorks",
    K.ANNOUNCEMENTS: "SchoolNotices",
    K.HOMEWORK: "HomeWorkAssignments",
    K.NOTES: "Notes",
    K.LUCKY_NUMBER: "LuckyNumbers",
    K.TOPICS: "Realizations",
    K.EXCUSES: "Justifications",
    K.TEACHER_ABSENCES: "Calendars/TeacherFreeDays",
    K.BEHAVIOUR: "BehaviourGrades/Points",
}


# Kinds never taken as a module the school lacks, whatever Librus answers.
NEVER_ABSENT = frozenset({K.GRADES, K.ATTENDANCE})
# A poll of at least this many kinds, all refused at once, is a block, not a school
# without any module (such a school would not use Librus).
BLOCK_KINDS = 3


class AccountPolls:
    """Polls accounts through the pool; remembers when each was last asked for its
    descriptive grades (they are asked for at most `descriptive_every`)."""

    def __init__(
        self, pool: ClientPool, transport: LibrusTransport, settings: UpstreamSettings
    ) -> None:
        self._pool = pool
        self._transport = transport
        self._settings = settings
        self._descriptive_at: dict[int, datetime] = {}

    def forget(self, account_id: int) -> None:
        self._descriptive_at.pop(account_id, None)

    async def poll(
        self,
        account_id: int,
        login: str,
        kinds: Iterable[str],
        *,
        reference: dict[str, Any] | None,
        reference_fetched_at: datetime | None,
        now: datetime,
        today: date,
        known_absent: frozenset[str] = frozenset(),
    ) -> PollOutcome:
        wanted = [k for k in dict.fromkeys(kinds) if k in K.ALL_KINDS]
        outcome = PollOutcome()
        async with self._pool.lock(account_id):
            client = await self._pool.client(account_id, login)
            logins_before = client.password_logins
            foreign_before = self._transport.foreign_refusals(client.http)
            if reference is not None:
                client.adopt_kindergarten(reference.get("kindergarten"))
            try:
                await client.prepare()
                renewed = await references.renewed(
                    client, self._settings, reference, reference_fetched_at, now, today
                )
                if renewed is not None:
                    reference = outcome.reference = renewed
                assert reference is not None
                last = self._descriptive_at.get(account_id)
                descriptive = (
                    last is None
                    or now - last >= self._settings.descriptive_every
                    or bool(reference.get("partial"))  # a first grader's only grades
                )
                raw = await _fetch_kinds(
                    client, wanted, reference, today, outcome, descriptive=descriptive
                )
                if client.kindergarten is not None and not reference.get("kindergarten"):
                    # The plan's 403 has just led the library to a kindergarten: its
                    # names (activities, teachers by LID, rooms, the group) anew, now,
                    # so its first plan is not read with a school's names.
                    reference = outcome.reference = await references.full(client, reference, now)
                if reference.get("kindergarten"):
                    _kindergarten_lacks(outcome)
                if await references.refresh_unknown(client, raw, reference):
                    outcome.reference = reference
                for kind, value in raw.items():
                    carried: tuple[str, ...] = ()
                    answer = value
                    if kind == K.GRADES and value[2] is None:
                        carried, answer = ("descriptive",), (value[0], value[1], [])
                    elif kind == K.GRADES and reference.get("descriptive"):
                        self._descriptive_at[account_id] = now
                    data = _normalize(kind, answer, reference)
                    outcome.results[kind] = KindResult(kind, "ok", dict(data), carried=carried)
                outcome.password_logins = client.password_logins - logins_before
                if self._transport.foreign_refusals(client.http) > foreign_before:
                    raise blocked_by_foreign_page()
                # A module the school did not give last time, refused again, is no
                # sign of a block: only the kinds it gave count.
                judged = [k for k in wanted if k not in known_absent]
                refused = [
                    r
                    for r in outcome.results.values()
                    if r.error in ("module_missing", "refused") and r.kind not in known_absent
                ]
                if len(judged) >= BLOCK_KINDS and len(refused) == len(judged):
                    raise UpstreamUnavailable("every kind refused at once", blocked=True)
                transient = [r for r in outcome.results.values() if r.error == "unavailable"]
                if wanted and len(transient) == len(wanted):
                    raise UpstreamUnavailable("every kind failed to fetch")
                await self._pool.keep_session(account_id, client.export_session())
            except UpstreamUnavailable as err:
                if (
                    not err.blocked
                    and self._transport.foreign_refusals(client.http) > foreign_before
                ):
                    raise blocked_by_foreign_page() from None
                raise
        return outcome


async def _fetch_kinds(
    client: AccountClient,
    wanted: list[str],
    reference: dict[str, Any],
    today: date,
    outcome: PollOutcome,
    *,
    descriptive: bool = True,
) -> dict[str, Any]:
    fetchers: dict[str, Callable[[], Awaitable[Any]]] = {
        K.GRADES: lambda: client.grades(reference, descriptive=descriptive),
        K.ATTENDANCE: client.attendance,
        K.MESSAGES: client.messages,
        K.TIMETABLE: lambda: client.timetable(week_starts(today)),
        K.AGENDA: client.agenda,
        K.ANNOUNCEMENTS: client.announcements,
        K.HOMEWORK: client.homework,
        K.NOTES: client.notes,
        K.LUCKY_NUMBER: client.lucky_number,
        K.TOPICS: client.topics,
        K.EXCUSES: client.excuses,
        K.TEACHER_ABSENCES: client.teacher_absences,
        K.BEHAVIOUR: client.behaviour,
    }
    raw: dict[str, Any] = {}

    async def one(kind: str) -> None:
        try:
            value = await fetchers[kind]()
        except LibrusError as err:
            problem = translate(err)
            if isinstance(problem, AuthProblem):
                raise problem from None
            if is_refusal(err) and kind in NEVER_ABSENT:
                # Every school gives grades and attendance: a refusal of these is
                # trouble on the way (a block, a broken session), tried again soon.
                outcome.results[kind] = KindResult(kind, "failed", error="refused")
                return
            if is_refusal(err):
                outcome.results[kind] = KindResult(kind, "absent", error="module_missing")
                return
            code = "unavailable" if isinstance(err, LibrusConnectionError) else "unexpected"
            log.warning(
                "Librus answer skipped",
                extra={
                    "kind": kind,
                    "endpoint": ENDPOINTS[kind],
                    "error": type(err).__name__,
                    "status": getattr(err, "status_code", None),
                },
            )
            outcome.results[kind] = KindResult(kind, "failed", error=code)
            return
        if kind == K.MESSAGES and not value[0]:
            outcome.results[kind] = KindResult(kind, "absent", error="module_missing")
            return
        raw[kind] = value

    results = await asyncio.gather(*(one(kind) for kind in wanted), return_exceptions=True)
    for result in results:
        if isinstance(result, AuthProblem):
            raise result
        if isinstance(result, BaseException):
            raise result
    return raw


def _kindergarten_lacks(outcome: PollOutcome) -> None:
    """A kindergarten gives no grades or attendance (assumed: it is refused them, as
    the peers' users report): there a refusal is a missing module, not the sign of a
    block it is at a school, and it must never count toward the circuit breaker."""
    for kind in NEVER_ABSENT:
        result = outcome.results.get(kind)
        if result is not None and result.error == "refused":
            outcome.results[kind] = KindResult(kind, "absent", error="module_missing")


# Kinds whose snapshot is `{"items": [...]}`, and how their items are made.
LISTED: dict[str, Callable[[Any, dict[str, Any]], list[Any]]] = {
    K.MESSAGES: lambda value, _ref: normalize.messages(value[1]),
    K.AGENDA: normalize.agenda,
    K.ANNOUNCEMENTS: lambda value, _ref: normalize.announcements(value),
    K.HOMEWORK: normalize.homework,
    K.NOTES: normalize.notes,
    K.TOPICS: normalize.topics,
    K.EXCUSES: lambda value, _ref: normalize.excuses(value),
    K.TEACHER_ABSENCES: normalize.teacher_absences,
    K.BEHAVIOUR: lambda value, _ref: normalize.behaviour(value),
}


def _normalize(kind: str, value: Any, ref: dict[str, Any]) -> Mapping[str, Any]:
    if kind in LISTED:
        return {"items": LISTED[kind](value, ref)}
    if kind == K.GRADES:
        standard, points, described = value
        items = (
            normalize.grades(standard, ref)
            + normalize.point_grades(points, ref)
            + normalize.descriptive_grades(described, ref)
        )
        return {"items": items}
    if kind == K.ATTENDANCE:
        return normalize.attendance(value, ref)
    if kind == K.TIMETABLE:
        return normalize.timetable(value, ref)
    if kind == K.LUCKY_NUMBER:
        return normalize.lucky_number(value)
    raise ValueError(f"unknown kind {kind}")
