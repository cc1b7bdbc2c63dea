"""One Synergia account's connection to Librus, on librus-synergia (pinned 0.3.29).

`_AccountLibrus` differs from the library's `Librus` in two places. It holds no
password: the library keeps the password it was given for lazy re-logins; here the
password is fetched (decrypted) only at the moment a password login is really needed
and dropped right after, so it exists in plaintext only inside a login call. And it
keeps the Wiadomości session: it sets it up again before it lapses (it lives about an
hour, often less), where the library waits for a list to be refused (one request to
Librus per session for nothing), and stores it with the Librus session, so that a
client rebuilt from storage takes it up instead of setting up a new one. The overrides
mirror the pinned version's `_sign_in`, `_bootstrap_messages_locked` and
`_messages_ready`; the simulator's tests exercise them (fresh login, session restored
from storage, a 401 that forces a re-login, /refreshToken, a messages session renewed,
lapsed or taken up by a rebuilt client).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
from librus_synergia import (
    Librus,
    LibrusAccountActionRequiredError,
    LibrusCaptchaRequiredError,
    LibrusConnectionError,
    LibrusError,
    LibrusInvalidCredentialsError,
    LibrusServerMaintenanceError,
    LibrusSessionData,
    LibrusSessionExpiredError,
    LibrusUnexpectedResponseError,
    parsers,
)
from librus_synergia.const import MESSAGES_DOMAIN
from librus_synergia.librus import LOGIN_FAILURE_BACKOFF_SECONDS, _fresh, _now
from librus_synergia.models import (
    AttendanceTypeData,
    ClassData,
    FullMessageData,
    LuckyNumberData,
    PointGradeCategoryData,
)
from yarl import URL

from sync.errors import (
    AccountActionRequired,
    AuthProblem,
    CaptchaRequired,
    InvalidCredentials,
    LoginRefused,
    MessageNotFound,
    UpstreamError,
    UpstreamUnavailable,
)
from sync.redaction import SECRETS
from sync.upstream.login import LoginNotUnderstood, ReadingApiClient, RefusedByLibrus
from sync.upstream.login_answer import Verdict

log = logging.getLogger("sync.upstream")

PasswordSource = Callable[[], Awaitable[str]]
# Called before every password login: raises to put the login off (see login_budget).
LoginGate = Callable[[], None]
SessionSink = Callable[[bytes], Awaitable[None]]
Now = Callable[[], datetime]


@dataclass(frozen=True)
class MessagesSession:
    """A Wiadomości session as stored with the account's Librus session: its cookies
    (librus-synergia persists only the synergia and api ones) and when it was set up."""

    cookies: dict[str, str]
    set_at: datetime


_EXPIRED_MARKERS = ("minął termin ważności konta", "termin ważności")
# What a real refusal of the login form looks like: Librus answers
# {"status":"error","errors":[{"message":"Nieprawidłowy login i/lub hasło."}]}. The
# library calls any answer without `goTo` a rejection, a 500 error page included.
_REJECTION_MARKERS = ("'errors'", '"errors"', "nieprawidłow", "invalid_grant", "hasło")


class _AccountLibrus(Librus):
    """`Librus` that asks for the password only when it must log in with it, and tries
    `/refreshToken` first whenever a session existed (a dead `oauth_token` is usually
    renewable from the web session cookies, at the cost of one request)."""

    def __init__(
        self,
        username: str,
        password_source: PasswordSource,
        *,
        now: Now | None = None,
        messages_renew_after: timedelta | None = None,
        login_gate: LoginGate | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(username, "", **kwargs)
        self._password_source = password_source
        self._login_gate = login_gate
        self.password_logins = 0
        self.refreshes = 0
        self._refreshed_at: float | None = None
        self._refresh_failed_at: float | None = None
        # The bot's clock, not the library's monotonic one: the simulated weeks of the
        # tests and benchmarks move it, and Librus's own session clock with it.
        self._clock = now or (lambda: datetime.now(UTC))
        self._messages_renew_after = messages_renew_after
        self._messages_set_at: datetime | None = None

    @property
    def client(self) -> ReadingApiClient:
        """The library's low-level client, with the login answers read by value
        (`sync.upstream.login`); built as the library builds its own."""
        if self._client is None:
            assert self._session is not None, "an account client always has its session"
            self._client = ReadingApiClient(
                self._session,
                self._username,
                on_session_update=self._on_session_update,
                request_timeout=self._request_timeout,
            )
            self._client.import_session(self._session_data)
        assert isinstance(self._client, ReadingApiClient)
        return self._client

    async def try_refresh(self) -> bool:
        """One `/refreshToken` (not repeated within a minute of a failed one)."""
        if self.client.session_age_seconds is None or _fresh(self._refresh_failed_at, 60):
            return False
        if await self.client.async_refresh_session():
            self._refreshed_at, self._refresh_failed_at = _now(), None
            self.refreshes += 1
            return True
        self._refresh_failed_at = _now()
        return False

    async def _sign_in(self, *, force: bool, since: int | None = None) -> None:
        client = self.client
        async with self._login_lock:
            if since is not None and client.login_count != since:
                return
            if force and _fresh(self._refreshed_at, 5):
                return  # another request renewed the session a moment ago
            needs_password = force or not client.is_session_valid()
            if not needs_password:
                # A valid session may still want /refreshToken (after two hours);
                # that needs no password and never falls back to one here.
                await client.async_ensure_session_valid("", force=False)
                return
            failure = self._login_failure
            if (
                failure is not None
                and isinstance(translate(failure), AuthProblem)
                and _fresh(self._login_failed_at, LOGIN_FAILURE_BACKOFF_SECONDS)
            ):
                # Only a refusal is remembered: after a passing failure (5xx, timeout)
                # the poller's own backoff decides when to try again, not this cache.
                raise failure
            if await self.try_refresh():
                self._login_failure = None
                return
            if self._login_gate is not None:
                self._login_gate()
            password = await self._password_source()
            SECRETS.add(password)  # no log line may carry it while it exists
            try:
                await client.async_login(password)
                self.password_logins += 1
            except LibrusError as err:
                self._login_failure, self._login_failed_at = err, _now()
                raise
            finally:
                SECRETS.discard(password)
                del password
            self._login_failure = None

    @property
    def messages_module(self) -> bool | None:
        """Whether the school has Wiadomości (None until the first bootstrap)."""
        return self._messages_available

    async def _bootstrap_messages_locked(self) -> None:
        started = self._clock()
        await super()._bootstrap_messages_locked()
        self._messages_set_at = started if self._messages_available else None

    def _messages_aging(self) -> bool:
        """Whether the Wiadomości session is old enough to be set up again now."""
        return (
            self._messages_renew_after is not None
            and bool(self._messages_available)
            and self._messages_set_at is not None
            and self._clock() - self._messages_set_at >= self._messages_renew_after
        )

    def messages_session(self) -> MessagesSession | None:
        """The live Wiadomości session, to store with the Librus session."""
        if not self._messages_available or self._messages_set_at is None:
            return None
        jar = self._session.cookie_jar if self._session is not None else ()
        cookies = {m.key: m.value for m in jar if m["domain"].lstrip(".") == MESSAGES_DOMAIN}
        return MessagesSession(cookies, self._messages_set_at) if cookies else None

    def resume_messages(self, saved: MessagesSession) -> None:
        """Take up the Wiadomości session a dropped client of this account had, instead
        of setting up a new one (two requests) on its first list. If Librus has ended
        it meanwhile, the refused list sets one up as usual."""
        if self._session is None or not saved.cookies:
            return
        self._session.cookie_jar.update_cookies(saved.cookies, URL(f"https://{MESSAGES_DOMAIN}/"))
        self._messages_available = True
        self._messages_login = self.client.login_count
        self._messages_set_at = saved.set_at

    async def _messages_ready(self) -> bool:
        if self._messages_aging():
            async with self._messages_lock:
                if self._messages_aging():  # not renewed meanwhile by another call
                    await self._bootstrap_messages_locked()
        return await super()._messages_ready()


def session_to_bytes(data: LibrusSessionData, messages: MessagesSession | None = None) -> bytes:
    raw: dict[str, Any] = {"cookies": data.cookies, "logged_in_at": data.logged_in_at}
    if messages is not None:
        raw["messages"] = {"cookies": messages.cookies, "set_at": messages.set_at.isoformat()}
    return json.dumps(raw).encode()


def messages_from_bytes(blob: bytes | None) -> MessagesSession | None:
    """The Wiadomości session stored with a Librus session, if any (and well formed)."""
    if not blob:
        return None
    try:
        raw = json.loads(blob).get("messages")
        if not isinstance(raw, dict) or not isinstance(raw.get("cookies"), dict):
            return None
        cookies = {str(k): str(v) for k, v in raw["cookies"].items()}
        set_at = datetime.fromisoformat(str(raw["set_at"]))
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if not cookies or set_at.tzinfo is None:
        return None
    return MessagesSession(cookies, set_at)


def session_from_bytes(blob: bytes | None) -> LibrusSessionData | None:
    if not blob:
        return None
    try:
        raw = json.loads(blob)
        cookies = [dict(c) for c in raw.get("cookies", []) if isinstance(c, dict)]
        return LibrusSessionData(cookies=cookies, logged_in_at=float(raw.get("logged_in_at", 0)))
    except (ValueError, TypeError, AttributeError):
        return None


def translate(err: BaseException) -> UpstreamError:
    """A library error as the bot's error (messages carry no personal data; Librus's
    own words travel apart, in `words`)."""
    if isinstance(err, RefusedByLibrus | LoginNotUnderstood):
        return _login_answer(err)
    if isinstance(err, LibrusCaptchaRequiredError):
        return CaptchaRequired("Librus asks for a captcha")
    if isinstance(err, LibrusAccountActionRequiredError):
        return AccountActionRequired("Librus wants an action in the browser")
    if isinstance(err, LibrusInvalidCredentialsError):
        return _rejected(str(err).lower())
    if isinstance(err, LibrusServerMaintenanceError):
        return UpstreamUnavailable("Librus maintenance (503)", maintenance=True)
    if isinstance(err, LibrusConnectionError):
        status = getattr(err, "status_code", None)
        return UpstreamUnavailable(f"Librus unreachable ({status or type(err.__cause__).__name__})")
    if isinstance(err, LibrusSessionExpiredError):
        return UpstreamUnavailable(f"session rejected (HTTP {err.status_code})")
    if isinstance(err, LibrusUnexpectedResponseError):
        return UpstreamUnavailable(f"unexpected answer (HTTP {err.status_code})")
    if isinstance(err, TimeoutError | aiohttp.ClientError):
        return UpstreamUnavailable(f"network: {type(err).__name__}")
    return UpstreamError(type(err).__name__)


def _login_answer(err: RefusedByLibrus | LoginNotUnderstood) -> UpstreamError:
    """A login answer read by `sync.upstream.login_answer`, as the bot's error."""
    verdict, words = err.reading.verdict, err.reading.words
    if isinstance(err, LoginNotUnderstood):
        maintenance = verdict is Verdict.MAINTENANCE
        return UpstreamUnavailable("the login answer was not understood", maintenance=maintenance)
    if verdict is Verdict.WRONG_CREDENTIALS:
        return InvalidCredentials("Librus rejected the login or password", words=words)
    if verdict is Verdict.CAPTCHA:
        return CaptchaRequired("Librus asks for a captcha", words=words)
    if verdict is Verdict.ACTION:
        return AccountActionRequired("Librus wants an action in the browser", words=words)
    return LoginRefused("Librus refused the login in words not recognised", words=words)


def _rejected(text: str) -> UpstreamError:
    """What the library calls a rejected login form, as it really is."""
    if any(marker in text for marker in _EXPIRED_MARKERS):
        return AccountActionRequired("the Synergia account has expired")
    if not any(marker in text for marker in _REJECTION_MARKERS):
        # Not Librus's refusal (an error page, an empty answer): pausing the account
        # for a wrong password would be wrong; back off and try again instead.
        return UpstreamUnavailable("the login form's answer was not understood")
    return InvalidCredentials("Librus rejected the login or password")


def is_refusal(err: BaseException) -> bool:
    """Librus definitely refuses this module to this account (not a passing failure)."""
    if isinstance(err, LibrusSessionExpiredError):
        return err.status_code == 403
    if isinstance(err, LibrusUnexpectedResponseError):
        if err.status_code in (401, 403, 404, 405):
            return True
        return "isnotactive" in str(err).lower()
    return False


def attendance_status(kind: AttendanceTypeData) -> str:
    name = kind.name.lower()
    if kind.is_excused_absence:
        return "excused"
    if not kind.is_presence_kind:
        return "absent"
    if name.startswith("spóźn"):
        return "late"
    if "zwoln" in name:
        return "released"
    return "present"


class AccountClient:
    """The live connection of one Synergia account (one cookie jar, one Librus)."""

    def __init__(
        self,
        login: str,
        session: aiohttp.ClientSession,
        *,
        password_source: PasswordSource,
        session_sink: SessionSink | None,
        session_data: LibrusSessionData | None,
        request_timeout: float,
        now: Now | None = None,
        messages_renew_after: timedelta | None = None,
        saved_messages: MessagesSession | None = None,
        login_gate: LoginGate | None = None,
    ) -> None:
        self.username = login
        self._session = session
        self._cookies: set[str] = set()  # registered with the log redaction

        async def persist(data: LibrusSessionData) -> None:
            blob = session_to_bytes(data, self.librus.messages_session())
            self._hide_cookies({c.get("value", "") for c in data.cookies})
            if session_sink is not None:
                await session_sink(blob)

        self.librus = _AccountLibrus(
            login,
            password_source,
            now=now,
            messages_renew_after=messages_renew_after,
            login_gate=login_gate,
            session=session,
            session_data=session_data,
            on_session_update=persist,
            request_timeout=aiohttp.ClientTimeout(total=request_timeout, sock_connect=10),
            cache_reference_data=False,
        )
        if saved_messages is not None:
            self.librus.resume_messages(saved_messages)

    @property
    def password_logins(self) -> int:
        return self.librus.password_logins

    @property
    def http(self) -> aiohttp.ClientSession:
        """This account's own HTTP session (its cookie jar)."""
        return self._session

    async def close(self) -> None:
        self._hide_cookies(set())
        await self._session.close()

    def export_session(self) -> bytes:
        data, messages = self.librus.session_data, self.librus.messages_session()
        values = {c.get("value", "") for c in data.cookies}
        self._hide_cookies(values | set(messages.cookies.values() if messages else ()))
        return session_to_bytes(data, messages)

    def _hide_cookies(self, values: set[str]) -> None:
        """Keep the log redaction in step with this client's session cookies."""
        for gone in self._cookies - values:
            SECRETS.discard(gone)
        for new in values - self._cookies:
            SECRETS.add(new)
        self._cookies = {v for v in values if v}

    async def login(self) -> None:
        try:
            await self.librus.login()
        except LibrusError as err:
            raise translate(err) from None

    def _has_token(self) -> bool:
        jar = self._session.cookie_jar.filter_cookies(URL("https://synergia.librus.pl/"))
        return "oauth_token" in jar

    async def prepare(self) -> None:
        """Before a poll: renew a lapsed `oauth_token` with one `/refreshToken` instead of
        letting the first request fail; log in when there was never a session."""
        lib = self.librus
        try:
            if lib.client.session_age_seconds is not None and not self._has_token():
                async with lib._login_lock:
                    renewed = self._has_token() or await lib.try_refresh()
                if not renewed:
                    await lib._sign_in(force=True)  # the session is gone: log in now
            await lib.login()
        except LibrusError as err:
            raise translate(err) from None

    # ------------------------------------------------------------------ reference data

    async def reference(self) -> dict[str, Any]:
        """The lookups commands and rendering need (all of them: about 17 requests,
        made weekly by the caller; an id not among them is looked up when met)."""
        lib, get = self.librus, _or_default

        try:
            me = await lib.me()
            # The class first: a kindergarten is found through it, and its names
            # (activities, teachers by LID, rooms) come with the lookups after it.
            klass = await self.school_class()
            subjects = await get(lib.subjects, {})
            teachers = await get(lib.teachers, {})
            classrooms = await get(lib.classrooms, {})
            categories = await get(lib.grade_categories, {})
            types = await get(lib.attendance_types, {})
            lessons = await get(self._lessons, {})
            agenda_categories = await get(lib.agenda_categories, {})
            note_categories = await get(lib.note_categories, {})
            grading = await lib.grading_system()
            school = await get(lib.school, None)
            number = await get(lib.student_number, None)
            # What is known by now (the class, a kindergarten) spares the lookups
            # that cannot apply: no first-grade grading for an older class.
            known = {
                "class": {"name": klass.display_name} if klass is not None else None,
                "kindergarten": self.kindergarten,
            }
            units, checked = await self._checked(known)
            point_categories = (
                await get(self._point_categories, {}) if parsers.point_grades_enabled(units) else {}
            )
        except LibrusError as err:
            raise translate(err) from None
        return {
            "student": {"name": me.display_name, "register_number": number},
            "subjects": {str(k): v for k, v in subjects.items()},
            "teachers": {str(k): v for k, v in teachers.items()},
            "classrooms": {str(k): v for k, v in classrooms.items()},
            "grade_categories": {
                str(k): {"name": c.name, "weight": c.weight, "counts": c.count_to_average}
                for k, c in categories.items()
            },
            "attendance_types": {
                str(k): {"name": t.name, "status": attendance_status(t)} for k, t in types.items()
            },
            "lessons": {str(k): v for k, v in lessons.items()},
            "agenda_categories": {str(k): v for k, v in agenda_categories.items()},
            "note_categories": {str(k): v for k, v in note_categories.items()},
            "grading": {
                "plus": grading.plus_value,
                "minus": grading.minus_value,
                "count_zero": grading.count_zero,
            },
            "class": None
            if klass is None
            else {
                "name": klass.display_name,
                "tutor": teachers.get(klass.tutor_id),
                "begin": klass.begin_school_year,
                "end_first_semester": klass.end_first_semester,
                "end": klass.end_school_year,
            },
            "school": None if school is None else {"name": school.name, "town": school.town},
            "point_categories": point_categories,
            "kindergarten": self.kindergarten,
            **checked,
        }

    async def school_class(self) -> ClassData | None:
        """The class, or for a kindergarten account its group. A kindergarten is looked
        for only where the class does not say it is a school's (refused, or numbered
        0 or nothing: what such accounts are assumed to get), so a school's account
        spends no request on it; the library keeps what it found for this client."""
        lib = self.librus
        klass: ClassData | None = await _or_default(lib.school_class, None)
        if self.kindergarten is not None or (klass is not None and klass.number):
            return klass
        if await lib.kindergartener_id() is None:
            return klass
        group: ClassData | None = await _or_default(lib.school_class, None)
        if group is not None and klass is not None:
            # The group names it; the class record (if any) has the year's dates.
            group = replace(
                group,
                begin_school_year=klass.begin_school_year,
                end_first_semester=klass.end_first_semester,
                end_school_year=klass.end_school_year,
            )
        return group or klass

    @property
    def kindergarten(self) -> dict[str, str | None] | None:
        """The kindergarten child's LID and group LID, once the library found them."""
        lib = self.librus
        if lib._kindergarten_lid is None:
            return None
        return {"lid": lib._kindergarten_lid, "group": lib._kindergarten_group_id}

    def adopt_kindergarten(self, known: Any) -> None:
        """Take up the kindergarten child a stored reference names, so a rebuilt client
        reads its plan at once instead of searching for it again (six or more
        requests). Set as the library's own search sets them."""
        lib = self.librus
        if lib._kindergarten_lid is not None or not isinstance(known, dict):
            return
        child, group = known.get("lid"), known.get("group")
        if isinstance(child, str) and child:
            lib._kindergarten_lid = child
            lib._kindergarten_group_id = group if isinstance(group, str) and group else None
            lib._forget_references("subjects", "teachers", "classrooms", "school_class")

    async def reference_check(self, known: dict[str, Any]) -> dict[str, Any]:
        """What of the reference data changes within a week and matters: the free days
        (the cadence skips them) and whether this child now has point or descriptive
        grades (asked for only then). 4 to 6 requests, made daily; the caller lays it
        over the weekly full reference."""
        try:
            _, checked = await self._checked(known)
        except LibrusError as err:
            raise translate(err) from None
        return checked

    async def _checked(self, known: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """The school's units (their settings) and the part of the reference that
        `reference_check` renews: free days and the point/descriptive flags. A flag is
        asked for on every grades poll only when this child has such grades (a
        school-wide setting alone would cost every other account a request), and once
        on it stays on (see merge_reference), so it is only checked while off."""
        lib, get = self.librus, _or_default
        free_days = await get(lib.free_days, [])
        units = await get(lambda: lib._call(lib.client.async_get_units), {})
        has_points = bool(known.get("point_grades")) or (
            parsers.point_grades_enabled(units) and bool(await get(lib.point_grades, []))
        )
        has_descriptive = bool(known.get("descriptive")) or (
            _flag_anywhere(units, "DescriptiveGradesEnabled")
            and bool(await get(lib.descriptive_grades, []))
        )
        has_partial = bool(known.get("partial")) or (
            early_education(known) and bool(await get(lib.partial_grades, []))
        )
        return units, {
            "free_days": _free_days(free_days),
            "point_grades": bool(has_points),
            "descriptive": bool(has_descriptive),
            "partial": bool(has_partial),
        }

    async def _point_categories(self) -> dict[str, Any]:
        payload = await self.librus._call(self.librus.client.async_get_point_grade_categories)
        return {
            str(k): {
                "name": c.name,
                "weight": c.weight,
                "counts": c.counts_to_average,
                "value_to": c.value_to,
            }
            for k, c in parsers.parse_point_grade_categories(payload).items()
        }

    async def _lessons(self) -> dict[int, int]:
        payload = await self.librus._call(self.librus.client.async_get_lessons)
        return parsers.parse_lesson_subjects(payload)

    async def refresh_lookup(self, name: str) -> dict[str, Any]:
        """One lookup again (an id appeared that the cached reference does not know)."""
        lib = self.librus
        loaders: dict[str, Callable[[], Awaitable[Any]]] = {
            "subjects": lib.subjects,
            "teachers": lib.teachers,
            "grade_categories": lib.grade_categories,
            "attendance_types": lib.attendance_types,
            "agenda_categories": lib.agenda_categories,
            "lessons": self._lessons,
        }
        value = await loaders[name]()
        if name == "grade_categories":
            return {
                str(k): {"name": c.name, "weight": c.weight, "counts": c.count_to_average}
                for k, c in value.items()
            }
        if name == "attendance_types":
            return {
                str(k): {"name": t.name, "status": attendance_status(t)} for k, t in value.items()
            }
        return {str(k): v for k, v in value.items()}

    # ------------------------------------------------------------------ kinds

    async def grades(
        self, reference: dict[str, Any], *, descriptive: bool = True
    ) -> tuple[Any, Any, Any]:
        """Standard, point and descriptive grades; the descriptive ones only where this
        child has them and `descriptive` asks (None: not asked, keep what was known)."""
        lib = self.librus
        standard = await lib.grades()
        points: list[Any] = []
        if reference.get("point_grades"):
            # Categories (maximum points, weight) come from the cached reference data.
            categories = {
                int(k): PointGradeCategoryData(
                    id=int(k),
                    name=v["name"],
                    weight=v["weight"],
                    counts_to_average=v["counts"],
                    value_from=None,
                    value_to=v["value_to"],
                )
                for k, v in reference.get("point_categories", {}).items()
            }
            payload = await lib._call(lib.client.async_get_point_grades)
            points = parsers.parse_point_grades(payload, categories)
        described: Any = []
        if reference.get("descriptive"):
            described = await lib.descriptive_grades() if descriptive else None
        young = early_education(reference) and not standard
        if described is not None and (reference.get("partial") or young):
            # The new descriptive grading (grade 1 from 2026): the ordinary list of such
            # a class is empty, so a young child with no ordinary grades is asked here
            # on every grades poll (one request), not only after the daily check.
            # (Not when the descriptive part is carried this time: the new grades are
            # filed with it and carried with it.)
            described = [*described, *await lib.partial_grades()]
        return standard, points, described

    async def attendance(self) -> Any:
        return await self.librus.attendances()

    async def timetable(self, week_starts: list[date]) -> dict[date, Any]:
        days: dict[date, Any] = {}
        for start in week_starts:
            week = await self.librus.timetable(start)
            if self.kindergarten is not None:
                # A kindergarten lists only the days it has blocks on: the others of
                # the week it was asked for are days without activities, not unknown.
                for offset in range(7):
                    days.setdefault(start + timedelta(days=offset), [])
            elif not week:
                # Librus answered 403: the school has not published the plan.
                raise LibrusSessionExpiredError("timetable not published", status_code=403)
            days.update(week)
        return days

    async def agenda(self) -> Any:
        return await self.librus.agenda()

    async def announcements(self) -> Any:
        return await self.librus.announcements()

    async def homework(self) -> Any:
        return await self.librus.homework()

    async def notes(self) -> Any:
        return await self.librus.notes()

    async def lucky_number(self) -> Any:
        lib = self.librus
        return lucky_number_of(await lib._call(lib.client.async_get_lucky_number))

    async def messages(self, limit: int = 20) -> tuple[bool, Any]:
        items = await self.librus.messages(limit=limit)
        return bool(self.librus.messages_module), items

    async def open_message(self, message_id: str) -> FullMessageData:
        """The full body. Marks the message read in Librus: call only on a parent's request."""
        try:
            message = await self.librus.message(message_id)
        except LibrusUnexpectedResponseError as err:
            if err.status_code == 404:
                raise MessageNotFound("no such message") from None
            raise translate(err) from None
        except LibrusError as err:
            raise translate(err) from None
        if message is None:
            raise MessageNotFound("the school has no messages module")
        return message


def _flag_anywhere(node: Any, key: str) -> bool:
    """Whether any unit in a `Units` payload has `key` set to true."""
    if isinstance(node, dict):
        return any(v is True if k == key else _flag_anywhere(v, key) for k, v in node.items())
    if isinstance(node, list):
        return any(_flag_anywhere(v, key) for v in node)
    return False


def lucky_number_of(payload: dict[str, Any]) -> LuckyNumberData | None:
    """`LuckyNumbers` as the library reads it (`{"LuckyNumber": {…}}`, seen in 2026),
    or the array Librus once answered instead (`{"LuckyNumbers": [{…}]}`, recorded in
    2017), which the library reads as no number: then the newest day listed (today's
    or the next school day's, as the single answer would give)."""
    found = parsers.parse_lucky_number(payload)
    if found is not None:
        return found
    listed = payload.get("LuckyNumbers") if isinstance(payload, dict) else None
    numbers = [
        parsers.parse_lucky_number({"LuckyNumber": entry})
        for entry in (listed if isinstance(listed, list) else [])
    ]
    readable = [n for n in numbers if n is not None]
    return max(readable, key=lambda n: n.day or "") if readable else None


def early_education(reference: dict[str, Any]) -> bool:
    """Grades 1-3 (or a class not known yet): where descriptive grading is used. Not a
    kindergarten, whose group name has no number either but which has no grades."""
    if (reference or {}).get("kindergarten"):
        return False
    name = str(((reference or {}).get("class") or {}).get("name") or "")
    digits = "".join(ch for ch in name[:2] if ch.isdigit())
    return not digits or int(digits) <= 3


async def _or_default(load: Callable[[], Awaitable[Any]], default: Any) -> Any:
    """A reference answer, or `default` where Librus refuses it (the school does not
    give that module); other errors go up."""
    try:
        return await load()
    except LibrusError as err:
        if is_refusal(err):
            return default
        raise


def _free_days(free_days: Any) -> list[dict[str, Any]]:
    return [
        {"name": f.name, "from": f.date_from[:10], "to": f.date_to[:10], "whole_day": f.whole_day}
        for f in free_days
    ]


def week_starts(today: date, days_ahead: int = 7) -> list[date]:
    """Mondays of the weeks whose school days (Mon-Fri) fall in the next `days_ahead`
    days from today: two weeks from Tuesday to Friday, one on Saturday to Monday."""
    weeks: list[date] = []
    for offset in range(days_ahead):
        day = today + timedelta(days=offset)
        monday = day - timedelta(days=day.weekday())
        if day.weekday() < 5 and monday not in weeks:
            weeks.append(monday)
    return weeks
