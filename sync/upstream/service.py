"""The bot's single door to Librus: check a login, poll an account, open one message.

Holds one `AccountClient` per account (kept warm, least recently used evicted) on one
shared transport. Errors come out as `sync.errors` classes; per-kind data comes out as
plain JSON (`normalize`). Polling never causes a side effect upstream: no message is
opened, nothing is marked read, no device is registered.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from librus_synergia import LibrusConnectionError, LibrusError, parsers

from sync import kinds as K
from sync.cadence import SchoolCalendar, first_school_day
from sync.clock import WARSAW, Clock, SystemClock
from sync.errors import AuthProblem, CaptchaRequired, UpstreamError, UpstreamUnavailable
from sync.upstream import normalize
from sync.upstream.breaker import BreakerPolicy, CircuitBreaker
from sync.upstream.client import AccountClient, week_starts
from sync.upstream.holder import Kind, child_key, read_holder
from sync.upstream.login_budget import LoginBudget
from sync.upstream.sessions import messages_from_bytes, session_from_bytes
from sync.upstream.translate import is_refusal, translate
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
}


# Kinds never taken as a module the school lacks, whatever Librus answers.
NEVER_ABSENT = frozenset({K.GRADES, K.ATTENDANCE})
# A poll of at least this many kinds, all refused at once, is a block, not a school
# without any module (such a school would not use Librus).
BLOCK_KINDS = 3


class AccountAccess(Protocol):
    """How the upstream layer reaches an account's sealed secrets (storage provides it)."""

    async def open_password(self, account_id: int) -> str: ...

    async def load_session(self, account_id: int) -> bytes | None: ...

    async def store_session(self, account_id: int, blob: bytes) -> None: ...


@dataclass(frozen=True)
class UpstreamSettings:
    connect_to: str | None = None
    ca_file: Path | None = None
    requests_per_second: float = 5.0
    max_concurrency: int = 4
    request_timeout: float = 30.0
    reference_ttl: timedelta = timedelta(hours=24)  # the daily check (free days, flags)
    reference_full_ttl: timedelta = timedelta(days=7)  # every lookup again
    # Descriptive grades (long texts, written at a slower pace than marks) are asked
    # for at most this often; between, the grades poll keeps what it knew of them.
    descriptive_every: timedelta = timedelta(minutes=60)
    # Clients (cookie jar, tokens, grade comment texts) kept in memory between polls;
    # others are rebuilt from the stored session, messages session included. A rebuilt
    # client asks Librus for the grade comments again, one request more per poll: the
    # cache should hold every account the process polls (`librus.max_clients`), at
    # about 23 KB each.
    max_clients: int = 256
    # The Wiadomości session lives about an hour, sometimes less (SZK assumed 45
    # minutes); one older than this is set up again before a list rather than after a
    # refused one. A session that dies sooner is still caught by the refusal.
    messages_renew_after: timedelta | None = timedelta(minutes=50)
    breaker: BreakerPolicy = field(default_factory=BreakerPolicy)
    # Password logins per hour from this process (None: no limit); see login_budget.
    password_logins_per_hour: int | None = 100


@dataclass(frozen=True)
class StudentProfile:
    login: str
    student_name: str
    class_name: str | None
    school_name: str | None
    register_number: int | None
    # Whose login it is (see holder.py): a parent's names the parent too.
    holder: Kind = "unknown"
    holder_name: str | None = None
    # The child's identity across its logins (a parent's and the pupil's own).
    child_key: str | None = None
    # A kindergarten account: `class_name` is its group's name.
    kindergarten: bool = False


@dataclass(frozen=True)
class LoginCheck:
    profile: StudentProfile
    session: bytes


@dataclass
class KindResult:
    kind: str
    status: Literal["ok", "absent", "failed"]
    data: dict[str, Any] | None = None
    error: str | None = None
    # Parts of the kind not asked for this time (their items are as last stored).
    carried: tuple[str, ...] = ()


@dataclass
class PollOutcome:
    results: dict[str, KindResult] = field(default_factory=dict)
    reference: dict[str, Any] | None = None  # set when it was (re)fetched this poll
    password_logins: int = 0

    def ok(self, kind: str) -> bool:
        result = self.results.get(kind)
        return result is not None and result.status == "ok"


@dataclass(frozen=True)
class MessageBody:
    id: str
    sender: str
    topic: str
    content: str
    sent: str | None
    attachments: tuple[str, ...]


class Upstream:
    def __init__(
        self, settings: UpstreamSettings, access: AccountAccess, clock: Clock | None = None
    ) -> None:
        self.settings = settings
        self._access = access
        self.clock: Clock = clock or SystemClock()
        self.transport = LibrusTransport(
            connect_to=settings.connect_to,
            ca_file=settings.ca_file,
            requests_per_second=settings.requests_per_second,
            max_concurrency=settings.max_concurrency,
        )
        self._clients: OrderedDict[int, AccountClient] = OrderedDict()
        self._locks: dict[int, asyncio.Lock] = {}
        # Digest of the session last written per account: an unchanged session (most
        # polls) is not encrypted and written again.
        self._kept: dict[int, bytes] = {}
        self._descriptive_at: dict[int, datetime] = {}  # last asked, per account
        self.breaker = CircuitBreaker(self.clock.now, settings.breaker)
        self.login_budget = LoginBudget(settings.password_logins_per_hour, self.clock.now)

    async def close(self) -> None:
        for account_id in list(self._clients):
            await self._evict(account_id)
        await self.transport.close()

    # ------------------------------------------------------------------ clients

    def lock(self, account_id: int) -> asyncio.Lock:
        """Serialises work on one account inside this process."""
        return self._locks.setdefault(account_id, asyncio.Lock())

    async def _client(self, account_id: int, login: str) -> AccountClient:
        client = self._clients.get(account_id)
        if client is not None and client.username == login:
            self._clients.move_to_end(account_id)
            return client
        if client is not None:
            await self._evict(account_id)
        blob = await self._access.load_session(account_id)

        async def password() -> str:
            return await self._access.open_password(account_id)

        async def persist(blob: bytes) -> None:
            await self._keep_session(account_id, blob)

        client = AccountClient(
            login,
            self.transport.new_session(),
            password_source=password,
            session_sink=persist,
            session_data=session_from_bytes(blob),
            request_timeout=self.settings.request_timeout,
            now=self.clock.now,
            messages_renew_after=self.settings.messages_renew_after,
            saved_messages=messages_from_bytes(blob),
            login_gate=self.login_budget.take,
        )
        self._clients[account_id] = client
        await self._trim()
        return client

    async def _trim(self) -> None:
        """Close the least recently used clients beyond `max_clients`, never one that
        is being used (its account's lock is held): that poll would lose its session."""
        idle = [
            account_id
            for account_id in self._clients
            if not (account_id in self._locks and self._locks[account_id].locked())
        ]
        for account_id in idle[: max(0, len(self._clients) - self.settings.max_clients)]:
            await self._evict(account_id)

    async def _evict(self, account_id: int) -> None:
        client = self._clients.pop(account_id, None)
        if client is None:
            return
        try:
            await self._keep_session(account_id, client.export_session())
        except Exception:  # noqa: BLE001 - the client closes either way
            log.warning("could not keep the Librus session", extra={"account": account_id})
        await client.close()

    async def forget(self, account_id: int) -> None:
        """Drop the live connection (the account was unlinked or its password changed)."""
        client = self._clients.pop(account_id, None)
        if client is not None:
            await client.close()
        self._locks.pop(account_id, None)
        self._kept.pop(account_id, None)
        self._descriptive_at.pop(account_id, None)

    async def _keep_session(self, account_id: int, blob: bytes) -> None:
        """Store the session (encrypted) unless it is what was stored last."""
        digest = hashlib.blake2b(blob, digest_size=16).digest()
        if self._kept.get(account_id) == digest:
            return
        await self._access.store_session(account_id, blob)
        self._kept[account_id] = digest

    # ------------------------------------------------------------------ linking

    async def check_login(
        self, login: str, password: str, *, session: bytes | None = None
    ) -> LoginCheck:
        """Log in live with what the parent typed and read who the child is."""
        self.breaker.check()

        async def given() -> str:
            return password

        client = AccountClient(
            login,
            self.transport.new_session(),
            password_source=given,
            session_sink=None,
            session_data=_device_only(session),
            request_timeout=self.settings.request_timeout,
            login_gate=self.login_budget.count,
        )
        try:
            await client.librus.sign_in(force=True)
            lib = client.librus
            raw_me = await lib.call(lib.client.async_get_me)
            me = parsers.parse_me(raw_me)
            holder = read_holder(raw_me)
            klass = await client.school_class()
            school = await _optional(lib.school)
            number = await _optional(lib.student_number)
            school_name = school.name if school is not None else None
            profile = StudentProfile(
                login=login,
                student_name=me.display_name,
                class_name=klass.display_name if klass is not None else None,
                school_name=school_name,
                register_number=number,
                holder=holder.kind,
                holder_name=holder.name,
                child_key=child_key(holder.child_id, school_name),
                kindergarten=client.kindergarten is not None,
            )
            return LoginCheck(profile=profile, session=client.export_session())
        except LibrusError as err:
            problem = translate(err)
            if isinstance(problem, UpstreamUnavailable) and self.transport.foreign_refusals(
                client.http
            ):
                raise _blocked_by_foreign_page() from None
            raise problem from None
        finally:
            await client.close()

    # ------------------------------------------------------------------ polling

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
    ) -> PollOutcome:
        """Fetch the given kinds. Raises `AuthProblem` (pause the account) or
        `UpstreamUnavailable` (back off); a single kind's trouble is in its result.
        Captchas and blocks feed the circuit breaker; while it is open, nothing is
        asked of Librus."""
        self.breaker.check()
        try:
            outcome = await self._poll(
                account_id,
                login,
                kinds,
                reference=reference,
                reference_fetched_at=reference_fetched_at,
                now=now,
                today=today,
            )
        except CaptchaRequired:
            self.breaker.refused(account_id)
            raise
        except UpstreamUnavailable as err:
            if err.blocked:
                self.breaker.refused(account_id)
            raise
        self.breaker.succeeded()
        return outcome

    async def _poll(
        self,
        account_id: int,
        login: str,
        kinds: Iterable[str],
        *,
        reference: dict[str, Any] | None,
        reference_fetched_at: datetime | None,
        now: datetime,
        today: date,
    ) -> PollOutcome:
        wanted = [k for k in dict.fromkeys(kinds) if k in K.ALL_KINDS]
        outcome = PollOutcome()
        async with self.lock(account_id):
            client = await self._client(account_id, login)
            logins_before = client.password_logins
            foreign_before = self.transport.foreign_refusals(client.http)
            if reference is not None:
                client.adopt_kindergarten(reference.get("kindergarten"))
            try:
                await client.prepare()
                renewed = await self._renewed_reference(
                    client, reference, reference_fetched_at, now, today
                )
                if renewed is not None:
                    reference = outcome.reference = renewed
                assert reference is not None
                last = self._descriptive_at.get(account_id)
                descriptive = (
                    last is None
                    or now - last >= self.settings.descriptive_every
                    or bool(reference.get("partial"))  # a first grader's only grades
                )
                raw = await self._fetch_kinds(
                    client, wanted, reference, today, outcome, descriptive=descriptive
                )
                if client.kindergarten is not None and not reference.get("kindergarten"):
                    # The plan's 403 has just led the library to a kindergarten: its
                    # names (activities, teachers by LID, rooms, the group) anew, now,
                    # so its first plan is not read with a school's names.
                    reference = outcome.reference = await _full_reference(client, reference, now)
                if reference.get("kindergarten"):
                    _kindergarten_lacks(outcome)
                await self._refresh_unknown(client, raw, reference, outcome)
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
                if self.transport.foreign_refusals(client.http) > foreign_before:
                    raise _blocked_by_foreign_page()
                refused = [
                    r for r in outcome.results.values() if r.error in ("module_missing", "refused")
                ]
                if len(wanted) >= BLOCK_KINDS and len(refused) == len(wanted):
                    raise UpstreamUnavailable("every kind refused at once", blocked=True)
                transient = [r for r in outcome.results.values() if r.error == "unavailable"]
                if wanted and len(transient) == len(wanted):
                    raise UpstreamUnavailable("every kind failed to fetch")
                await self._keep_session(account_id, client.export_session())
            except UpstreamUnavailable as err:
                if (
                    not err.blocked
                    and self.transport.foreign_refusals(client.http) > foreign_before
                ):
                    raise _blocked_by_foreign_page() from None
                raise
        return outcome

    async def _renewed_reference(
        self,
        client: AccountClient,
        reference: dict[str, Any] | None,
        fetched_at: datetime | None,
        now: datetime,
        today: date,
    ) -> dict[str, Any] | None:
        """Every lookup weekly (about 17 requests), the things that change within a
        week daily (about 5); None while the stored reference is fresh. Both wait for
        a school day (up to three days): the weekend's request budget is the tighter
        one, and nothing they bring matters before school."""
        full_at = _moment(reference.get("full_at")) if reference else None
        if reference is None or full_at is None:
            return await _full_reference(client, reference, now)
        calendar = SchoolCalendar(reference)
        if calendar.outdated(today) and (
            full_at.astimezone(WARSAW).date() < first_school_day(calendar.end or today)
            or now - full_at >= self.settings.reference_ttl
        ):
            # A new school year: the class, its dates and free days anew at once, and
            # daily until Librus describes the new year.
            return await _full_reference(client, reference, now)
        school = calendar.is_school_day(today)
        grace = timedelta(0) if school else timedelta(days=3)
        if now - full_at >= self.settings.reference_full_ttl + grace:
            return await _full_reference(client, reference, now)
        if fetched_at is None or now - fetched_at >= self.settings.reference_ttl + grace:
            return apply_check(reference, await client.reference_check(reference))
        return None

    async def _fetch_kinds(
        self,
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

    async def _refresh_unknown(
        self,
        client: AccountClient,
        raw: dict[str, Any],
        reference: dict[str, Any],
        outcome: PollOutcome,
    ) -> None:
        """An id the cached reference does not know: fetch that lookup again, once."""
        missing = _unknown_lookups(raw, reference)
        if not missing:
            return
        for name in sorted(missing):
            try:
                fresh = await client.refresh_lookup(name)
            except LibrusError:
                continue  # keep the cached copy; names show as unknown this time
            # Added to what was known, never replacing it: a short answer must not
            # take names away from grades that had them (that would read as a change).
            reference[name] = {**(reference.get(name) or {}), **fresh}
        outcome.reference = reference

    # ------------------------------------------------------------------ on request

    async def open_message(self, account_id: int, login: str, message_id: str) -> MessageBody:
        """The full message. Librus marks it read for the teacher: only on a parent's request."""
        self.breaker.check()
        async with self.lock(account_id):
            client = await self._client(account_id, login)
            await client.prepare()
            message = await client.open_message(message_id)
        return MessageBody(
            id=message.id,
            sender=message.sender_name,
            topic=message.topic,
            content=message.content,
            sent=message.send_date,
            attachments=tuple(a.filename or a.id for a in message.attachments),
        )


LOOKUPS = (
    "subjects",
    "teachers",
    "classrooms",
    "grade_categories",
    "attendance_types",
    "lessons",
    "agenda_categories",
    "note_categories",
    "point_categories",
)
STICKY_FLAGS = ("point_grades", "descriptive", "partial")


def merge_reference(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """The day's reference data on top of what was known. A lookup or flag that comes
    back short (a truncated or failed answer) must not make grades lose their subject
    or the point grades vanish from the next poll, which the diff would read as
    deletions; so within one school year ids are only added or renamed, and the
    "this child has point/descriptive grades" flags only go on."""
    if not old:
        return new
    began, begins = (old.get("class") or {}).get("begin"), (new.get("class") or {}).get("begin")
    if began and begins and began != begins:
        return new  # a new school year: start afresh
    # When the class answer failed, what was known about the class stays. A
    # kindergarten's group has a name but no dates: the dates once known stay.
    merged_class = new.get("class") if begins else old.get("class")
    if not begins and new.get("kindergarten") and new.get("class"):
        known = {k: v for k, v in new["class"].items() if v is not None}
        merged_class = {**(old.get("class") or {}), **known}
    merged = dict(new)
    merged["class"] = merged_class
    for name in LOOKUPS:
        merged[name] = {**(old.get(name) or {}), **(new.get(name) or {})}
    for flag in STICKY_FLAGS:
        merged[flag] = bool(new.get(flag)) or bool(old.get(flag))
    merged["kindergarten"] = new.get("kindergarten") or old.get("kindergarten")
    return merged


async def _full_reference(
    client: AccountClient, reference: dict[str, Any] | None, now: datetime
) -> dict[str, Any]:
    renewed = merge_reference(reference, await client.reference())
    renewed["full_at"] = now.isoformat()
    return renewed


def apply_check(reference: dict[str, Any], check: dict[str, Any]) -> dict[str, Any]:
    """The daily check laid over the weekly reference. A kind of grades this child did
    not have asks for the whole reference (its categories) at the next poll."""
    merged = dict(reference)
    merged["free_days"] = check["free_days"]
    for flag in STICKY_FLAGS:
        merged[flag] = bool(check.get(flag)) or bool(reference.get(flag))
        if merged[flag] and not reference.get(flag):
            merged["full_at"] = None  # its lookups (point categories) come with the rest
    return merged


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _blocked_by_foreign_page() -> UpstreamUnavailable:
    """A 403 that is not Librus's JSON error: Librus (or what stands before it) refused
    this server with a page of its own. Nothing it refused is missing from the school,
    so the poll is an outage, never "data gone"."""
    return UpstreamUnavailable("a 403 without Librus's error body", blocked=True)


def _device_only(blob: bytes | None) -> Any:
    """Only the DeviceCookie of a stored session (a new login must not ride an old one)."""
    data = session_from_bytes(blob)
    if data is None:
        return None
    data.cookies = [c for c in data.cookies if c.get("name") == "DeviceCookie"]
    data.logged_in_at = 0.0
    return data


async def _optional(load: Callable[[], Awaitable[Any]]) -> Any:
    try:
        return await load()
    except LibrusError as err:
        if is_refusal(err):
            return None
        raise


def _kindergarten_lacks(outcome: PollOutcome) -> None:
    """A kindergarten gives no grades or attendance (assumed: it is refused them, as
    the peers' users report): there a refusal is a missing module, not the sign of a
    block it is at a school, and it must never count toward the circuit breaker."""
    for kind in NEVER_ABSENT:
        result = outcome.results.get(kind)
        if result is not None and result.error == "refused":
            outcome.results[kind] = KindResult(kind, "absent", error="module_missing")


def _unknown_lookups(raw: dict[str, Any], reference: dict[str, Any]) -> set[str]:
    missing: set[str] = set()

    def check(lookup: str, value: Any) -> None:
        if value is not None and str(value) not in reference.get(lookup, {}):
            missing.add(lookup)

    if K.GRADES in raw:
        standard, _points, _described = raw[K.GRADES]
        for g in standard:
            check("subjects", g.subject_id)
            check("grade_categories", g.category_id)
    if K.ATTENDANCE in raw:
        for a in raw[K.ATTENDANCE]:
            check("attendance_types", a.type_id)
            check("lessons", a.lesson_id)
    if K.AGENDA in raw:
        for e in raw[K.AGENDA]:
            check("agenda_categories", e.category_id)
    return missing


def _normalize(kind: str, value: Any, ref: dict[str, Any]) -> Mapping[str, Any]:
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
    if kind == K.MESSAGES:
        return {"items": normalize.messages(value[1])}
    if kind == K.TIMETABLE:
        return normalize.timetable(value, ref)
    if kind == K.AGENDA:
        return {"items": normalize.agenda(value, ref)}
    if kind == K.ANNOUNCEMENTS:
        return {"items": normalize.announcements(value)}
    if kind == K.HOMEWORK:
        return {"items": normalize.homework(value, ref)}
    if kind == K.NOTES:
        return {"items": normalize.notes(value, ref)}
    if kind == K.LUCKY_NUMBER:
        return normalize.lucky_number(value)
    raise ValueError(f"unknown kind {kind}")


__all__ = [
    "AccountAccess",
    "KindResult",
    "LoginCheck",
    "MessageBody",
    "PollOutcome",
    "StudentProfile",
    "Upstream",
    "UpstreamError",
    "UpstreamSettings",
]
