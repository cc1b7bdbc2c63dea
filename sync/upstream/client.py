"""One Synergia account's connection to Librus: what a poll, the reference data and a
message opening ask of it, through `seam.AccountLibrus` (which holds no password and
keeps the Wiadomości session; see there)."""

from __future__ import annotations

import ast
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import aiohttp
from librus_synergia import (
    LibrusError,
    LibrusMessageSendError,
    LibrusSessionData,
    LibrusSessionExpiredError,
    LibrusUnexpectedResponseError,
    parsers,
)
from librus_synergia.models import (
    AttachmentFileData,
    AttendanceTypeData,
    ClassData,
    FullMessageData,
    LuckyNumberData,
    PointGradeCategoryData,
)
from yarl import URL

from sync.errors import AuthProblem, FileNotFound, MessageNotFound, SendFailed
from sync.redaction import SECRETS
from sync.upstream.contract import DownloadedFile
from sync.upstream.seam import AccountLibrus, LoginGate, MessagesSession, Now, PasswordSource
from sync.upstream.sessions import session_to_bytes
from sync.upstream.translate import is_refusal, translate

log = logging.getLogger("sync.upstream")

SessionSink = Callable[[bytes], Awaitable[None]]


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
        self._teacher_path: str | None = None  # where teacher absences answered
        self._cookies: set[str] = set()  # registered with the log redaction

        async def persist(data: LibrusSessionData) -> None:
            blob = session_to_bytes(data, self.librus.messages_session())
            self._hide_cookies({c.get("value", "") for c in data.cookies})
            if session_sink is not None:
                await session_sink(blob)

        self.librus = AccountLibrus(
            login,
            password_source,
            now=now,
            messages_renew_after=messages_renew_after,
            login_gate=login_gate,
            refusal=lambda err: isinstance(translate(err), AuthProblem),
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
                async with lib.login_lock:
                    renewed = self._has_token() or await lib.try_refresh()
                if not renewed:
                    await lib.sign_in(force=True)  # the session is gone: log in now
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
        found = self.librus.kindergarten
        return None if found is None else {"lid": found[0], "group": found[1]}

    def adopt_kindergarten(self, known: Any) -> None:
        """Take up the kindergarten child a stored reference names, so a rebuilt client
        reads its plan at once instead of searching for it again (six or more
        requests)."""
        if self.librus.kindergarten is not None or not isinstance(known, dict):
            return
        child, group = known.get("lid"), known.get("group")
        if isinstance(child, str) and child:
            self.librus.adopt_kindergarten(
                child, group if isinstance(group, str) and group else None
            )

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
        units = await get(lambda: lib.call(lib.client.async_get_units), {})
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
        payload = await self.librus.call(self.librus.client.async_get_point_grade_categories)
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
        payload = await self.librus.call(self.librus.client.async_get_lessons)
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
            payload = await lib.call(lib.client.async_get_point_grades)
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

    async def topics(self) -> Any:
        """Lessons held with their topics: one request (`Realizations`), the subject
        read from the reference's lesson table, not from another `Lessons` request."""
        lib = self.librus
        payload = await lib.call(lib.client.async_get_realizations)
        return parsers.parse_realizations(payload)

    async def excuses(self) -> Any:
        """The parent's e-excuses, one request (`Justifications`); a refusal is the
        school without e-Usprawiedliwienia (a module it lacks), not an empty list."""
        lib = self.librus
        payload = await lib.call(lib.client.async_get_justifications)
        return parsers.parse_justifications(payload)

    async def behaviour(self) -> Any:
        """The behaviour grades, one request (`BehaviourGrades/Points`); their comments
        (a second request) are not read: the honours line needs only the grade."""
        lib = self.librus
        payload = await lib.call(lib.client.async_get_behaviour_grade_points)
        return parsers.parse_behaviour_grades(payload)

    async def teacher_absences(self) -> Any:
        """Teachers away: `Calendars/TeacherFreeDays` (where Librus moved it in
        February 2025), else the old `TeacherFreeDays`; the path that answered is
        remembered while this client lives. Both refused: a module the school does not
        give a parent (what most accounts see), asked about again a day later."""
        paths = (self._teacher_path,) if self._teacher_path else TEACHER_ABSENCE_PATHS
        refused: LibrusError | None = None
        for path in paths:
            try:
                payload = await self.librus.gateway(path)
            except LibrusError as err:
                if not is_refusal(err):
                    raise
                refused = err
                continue
            self._teacher_path = path
            return payload
        assert refused is not None
        raise refused

    async def lucky_number(self) -> Any:
        lib = self.librus
        return lucky_number_of(await lib.call(lib.client.async_get_lucky_number))

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

    async def message_file(self, file_id: str, message_id: str) -> DownloadedFile:
        """A message's attachment, without opening the message (nothing is marked read)."""
        found = await _downloaded(lambda: self.librus.download_attachment(file_id, message_id))
        if found is None:
            raise FileNotFound("the school has no messages module")
        return found

    async def homework_file(self, file_id: str) -> DownloadedFile:
        """A homework's file, through the sandbox's single-use key flow (slow: the
        first download of a file was seen to take up to about two minutes)."""
        found = await _downloaded(lambda: self.librus.download_homework_attachment(file_id))
        assert found is not None  # the homework path always returns a file or raises
        return found

    async def reply(self, message_id: str, text: str) -> None:
        """A reply in the message's thread, sent once (see `SendFailed`)."""
        try:
            await self.librus.reply_to_message(message_id, text)
        except LibrusMessageSendError as err:
            raise _send_failed(err) from None
        except ValueError:
            raise SendFailed("not a valid reply", sent=False, reason="refused") from None
        except LibrusError as err:
            # Before the send itself (opening the original, the session's check).
            translated = translate(err)
            if isinstance(translated, AuthProblem):
                raise translated from None
            raise SendFailed(
                "Librus could not be asked", sent=False, reason="unavailable"
            ) from None


def _send_failed(err: LibrusMessageSendError) -> SendFailed:
    said = str(err)
    if err.sent is None:
        return SendFailed("the reply may have gone out", sent=None, reason="unknown")
    if "no-reply" in said or "doesn't accept replies" in said:
        return SendFailed("the message takes no replies", sent=False, reason="no_reply")
    if "no Wiadomości" in said:
        return SendFailed("no messages module", sent=False, reason="no_module")
    if "wasn't found" in said:
        return SendFailed("no such message", sent=False, reason="not_found")
    return SendFailed("Librus refused the reply", sent=False, reason="refused", words=_words(err))


def _words(err: BaseException) -> str | None:
    """Librus's own sentence from a refused send: the library keeps the answer's body
    only in its error's text (`HTTP 403 from <url>: {…}`), so it is read back from there
    (a literal, never evaluated as code); None when it holds no sentence."""
    cause = err.__cause__
    text = str(cause) if cause is not None else ""
    start = text.find(": {")
    if start < 0:
        return None
    try:
        body = ast.literal_eval(text[start + 2 :])
    except (ValueError, SyntaxError):
        return None
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    first = errors[0] if isinstance(errors, list) and errors else None
    for value in (
        first.get("message") if isinstance(first, dict) else first,
        body.get("message"),
        body.get("error"),
    ):
        if isinstance(value, str) and value.strip():
            return value.strip()[:300]
    return None


async def _downloaded(
    load: Callable[[], Awaitable[AttachmentFileData | None]],
) -> DownloadedFile | None:
    try:
        data = await load()
    except LibrusUnexpectedResponseError as err:
        if err.status_code == 404 or "not found" in str(err).lower():
            raise FileNotFound("Librus has no such file") from None
        raise translate(err) from None
    except LibrusError as err:
        raise translate(err) from None
    if data is None:
        return None
    return DownloadedFile(data.filename, data.content_type, data.content)


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
        {
            "id": f.id,
            "name": f.name,
            "from": f.date_from[:10],
            "to": f.date_to[:10],
            "whole_day": f.whole_day,
        }
        for f in free_days
    ]


# Where a parent's login may read teacher absences, the newer first.
TEACHER_ABSENCE_PATHS = ("Calendars/TeacherFreeDays", "TeacherFreeDays")


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
