"""The declared shape of the pipeline's data, from Librus's answer to a parent's message.

`sync.upstream.normalize` writes these items into snapshots; the diff keeps them as
what was seen; an event carries one (and the old one for a change) into the outbox as
JSON; the renderer reads it back at send time. Typed here, so a field renamed on one
side fails mypy on the other instead of leaving a blank in a parent's message.

Stored JSON outlives code. Fields added after the first rows were written are
`NotRequired`, and the renderers read every field with `.get`: a row written by an
older version (no `v`, no `scale`, no `moved_from`) still renders. `read_outbox`
upgrades such a row to the current version; a new incompatible shape bumps
`PAYLOAD_VERSION` and teaches `read_outbox` the old one.

The module is evaluated without `from __future__ import annotations`, so the
TypedDicts know their required keys at run time too.
"""

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, Literal, NotRequired, TypedDict, cast

#: The version of an outbox row's payload. 0: rows written before it was recorded
#: (the same fields, read as they are); 1: `v` recorded.
PAYLOAD_VERSION = 1


class AttendanceStatus(StrEnum):
    """What an attendance record means, whatever the school named its types."""

    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    LATE = "late"
    RELEASED = "released"
    UNKNOWN = "unknown"


GradeType = Literal["normal", "final", "final_proposal", "semester", "semester_proposal"]
GradeScale = Literal["standard", "points", "descriptive"]


# One item per kind, as normalize writes it ------------------------------------


class GradeItem(TypedDict):
    """A grade: ordinary, points (`p…` ids) or descriptive (`d…` ids, grade 1–3)."""

    id: str
    value: str | None
    subject_id: int | None
    subject: str | None
    category_id: int | None
    category: str | None
    weight: float | int | str | None
    counts: bool
    teacher: str | None
    date: str | None
    added: str | None
    semester: int | None
    type: GradeType
    comments: list[str]
    improves: str | None
    scale: NotRequired[GradeScale]
    points: NotRequired[float | None]
    max_points: NotRequired[float | None]
    percent: NotRequired[float | None]
    #: the subject's weighted average with this grade, added when it is announced
    subject_average: NotRequired[float]


class AbsenceItem(TypedDict):
    """An absence, a late or a release (presence is only counted, see `AttendanceCounts`)."""

    id: str
    date: str | None
    lesson_no: int | None
    subject_id: int | None
    subject: str | None
    type_id: int | str | None
    type: str | None
    short: str | None
    status: str  # an AttendanceStatus value
    semester: int | None


class AttendanceCounts(TypedDict):
    total: int
    present: int
    absent: int
    excused: int
    late: int
    released: int


class AttendanceSnapshot(TypedDict):
    items: list[AbsenceItem]
    #: counts by subject id ("?" for records without a lesson)
    stats: dict[str, AttendanceCounts]
    #: ISO days with at least one presence (or late) record: the days the child was
    #: at school, which tells a day away from a day without records
    present_days: NotRequired[list[str]]


class LessonPlace(TypedDict):
    date: str | None
    no: int | None


class OriginalLesson(TypedDict):
    """What a substituted or moved lesson was before."""

    subject: str | None
    teacher: str | None
    room: str | None
    date: str | None
    no: int | None


# "from" is a keyword: the functional form.
LessonItem = TypedDict(
    "LessonItem",
    {
        "no": int | None,  # None for a kindergarten's block
        "from": str | None,
        "to": str | None,
        "subject_id": int | str | None,
        "subject": str | None,
        "teacher": str | None,
        "room": str | None,
        "canceled": bool,
        "substitution": bool,
        "room_changed": bool,
        "note": str | None,
        "original": OriginalLesson | None,
    },
)


class LessonChange(LessonItem):
    """A changed lesson as the diff sees it: the lesson, its day, and where a moved
    lesson came from or went to."""

    date: str
    moved_from: NotRequired[LessonPlace]
    moved_to: NotRequired[LessonPlace]


class TimetableSnapshot(TypedDict):
    #: ISO day → its lessons in order
    days: dict[str, list[LessonItem]]


class AgendaItem(TypedDict):
    id: str
    date: str | None
    category_id: int | None
    category: str | None
    content: str | None
    subject: str | None
    time_from: str | None


class FileRef(TypedDict):
    """An attachment as Librus lists it: what to ask for, and its name when given."""

    id: str
    name: str | None


class HomeworkItem(TypedDict):
    id: str
    topic: str | None
    text: str | None
    teacher: str | None
    subject: str | None
    date: str | None
    due: str | None
    attachments: int
    #: the files themselves (snapshots from before files were kept list none)
    files: list[FileRef]


class TopicItem(TypedDict):
    """A lesson held, with the topic the teacher wrote (`Realizations`)."""

    id: str
    date: str | None
    lesson_no: int | None
    subject: str | None
    topic: str


class ExcuseItem(TypedDict):
    """An e-excuse the parent sent (`Justifications`), with Librus's word for its state."""

    id: str
    status: str  # as Librus gives it: "accept" seen live; "new", "rejected" assumed
    date_from: str | None
    date_to: str | None
    posted: str | None
    lessons: list[LessonPlace]


class BehaviourItem(TypedDict):
    """A behaviour grade (ocena zachowania, `BehaviourGrades/Points`)."""

    id: str
    #: the classic scale: 1 wzorowe, 2 bardzo dobre, 3 dobre, 4 poprawne,
    #: 5 nieodpowiednie, 6 naganne; None for a points school's entry
    scale: int | None
    shown: str | None  # as Librus shows it: "bdb", a short name or "+5"
    semester: int | None
    added: str | None


class TeacherAbsenceItem(TypedDict):
    """A teacher away (`TeacherFreeDays`): whole days, or between two hours."""

    id: str
    teacher: str | None
    date_from: str | None
    date_to: str | None
    time_from: str | None  # 'HH:MM', None: the whole day
    time_to: str | None


class AnnouncementItem(TypedDict):
    id: str
    subject: str | None
    content: str | None
    start: str | None
    end: str | None
    created: str | None


class NoteItem(TypedDict):
    id: str
    text: str | None
    category: str | None
    teacher: str | None
    date: str | None
    sentiment: str  # positive | negative | neutral


class MessageItem(TypedDict):
    """An inbox row: the preview only (opening the body marks it read in Librus)."""

    id: str
    sender: str | None
    topic: str | None
    preview: str | None
    sent: str | None
    read: bool
    attachment: bool


class LuckyNumberSnapshot(TypedDict):
    number: int | None
    day: str | None


class LuckyItem(TypedDict):
    """The lucky number on a day it is the child's."""

    number: int
    day: str


ItemData = (
    GradeItem
    | AbsenceItem
    | LessonChange
    | AgendaItem
    | HomeworkItem
    | TopicItem
    | ExcuseItem
    | TeacherAbsenceItem
    | BehaviourItem
    | AnnouncementItem
    | NoteItem
    | MessageItem
    | LuckyItem
)


# Outbox payloads -----------------------------------------------------------------


class EventPayload(TypedDict):
    """A change from school, as queued for one chat."""

    v: NotRequired[int]
    type: str  # an EventType value
    account_id: int
    child: str
    item_id: str
    data: Mapping[str, Any]  # the kind's item: read it with the accessors below
    old: Mapping[str, Any] | None


class NoticePayload(TypedDict):
    """A message about the bot itself (`notice-…` key and its arguments)."""

    v: NotRequired[int]
    type: Literal["notice"]
    key: str
    args: dict[str, str]
    said: NotRequired[str]  # Librus's own words
    button: NotRequired[dict[str, Any]]
    counts: NotRequired[dict[str, int]]  # news that waited, by category


class SummaryPayload(TypedDict):
    """How much news of each category, instead of a flood of single messages."""

    v: NotRequired[int]
    type: Literal["summary"]
    account_id: int
    child: str
    counts: dict[str, int]
    since: str | None


OutboxPayload = EventPayload | NoticePayload | SummaryPayload


def read_outbox(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A stored payload upgraded to the current version (a copy; the row stays as it is).

    Version 0 rows carry the same fields as version 1; a row written by a newer
    version than this code is read as it is (its renderer ignores what it does not
    know)."""
    payload = dict(raw)
    version = payload.get("v")
    if not isinstance(version, int) or version < PAYLOAD_VERSION:
        payload["v"] = PAYLOAD_VERSION
    return payload


# Typed views of an event's data, by kind (the renderer knows the kind from the type).
# Each fills what a row stored by an older version lacks from a complete item of
# defaults, so every required field can be read by subscript, which mypy checks.

GRADE: GradeItem = {
    "id": "",
    "value": None,
    "subject_id": None,
    "subject": None,
    "category_id": None,
    "category": None,
    "weight": None,
    "counts": True,
    "teacher": None,
    "date": None,
    "added": None,
    "semester": None,
    "type": "normal",
    "comments": [],
    "improves": None,
    "scale": "standard",
}
ABSENCE: AbsenceItem = {
    "id": "",
    "date": None,
    "lesson_no": None,
    "subject_id": None,
    "subject": None,
    "type_id": None,
    "type": None,
    "short": None,
    "status": AttendanceStatus.UNKNOWN,
    "semester": None,
}
LESSON: LessonChange = {
    "date": "",
    "no": None,
    "from": None,
    "to": None,
    "subject_id": None,
    "subject": None,
    "teacher": None,
    "room": None,
    "canceled": False,
    "substitution": False,
    "room_changed": False,
    "note": None,
    "original": None,
}
AGENDA: AgendaItem = {
    "id": "",
    "date": None,
    "category_id": None,
    "category": None,
    "content": None,
    "subject": None,
    "time_from": None,
}
HOMEWORK: HomeworkItem = {
    "id": "",
    "topic": None,
    "text": None,
    "teacher": None,
    "subject": None,
    "date": None,
    "due": None,
    "attachments": 0,
    "files": [],
}
TOPIC: TopicItem = {"id": "", "date": None, "lesson_no": None, "subject": None, "topic": ""}
EXCUSE: ExcuseItem = {
    "id": "",
    "status": "",
    "date_from": None,
    "date_to": None,
    "posted": None,
    "lessons": [],
}
BEHAVIOUR: BehaviourItem = {
    "id": "",
    "scale": None,
    "shown": None,
    "semester": None,
    "added": None,
}
TEACHER_ABSENCE: TeacherAbsenceItem = {
    "id": "",
    "teacher": None,
    "date_from": None,
    "date_to": None,
    "time_from": None,
    "time_to": None,
}
ANNOUNCEMENT: AnnouncementItem = {
    "id": "",
    "subject": None,
    "content": None,
    "start": None,
    "end": None,
    "created": None,
}
NOTE: NoteItem = {
    "id": "",
    "text": None,
    "category": None,
    "teacher": None,
    "date": None,
    "sentiment": "neutral",
}
MESSAGE: MessageItem = {
    "id": "",
    "sender": None,
    "topic": None,
    "preview": None,
    "sent": None,
    "read": False,
    "attachment": False,
}
NO_ORIGINAL: OriginalLesson = {
    "subject": None,
    "teacher": None,
    "room": None,
    "date": None,
    "no": None,
}
NO_PLACE: LessonPlace = {"date": None, "no": None}


def _filled(defaults: Mapping[str, Any], value: Mapping[str, Any] | None) -> dict[str, Any]:
    """Only what is missing is filled: a stored None stays None."""
    return {**defaults, **(value if isinstance(value, Mapping) else {})}


def grade(value: Mapping[str, Any] | None) -> GradeItem:
    return cast(GradeItem, _filled(GRADE, value))


def absence(value: Mapping[str, Any] | None) -> AbsenceItem:
    return cast(AbsenceItem, _filled(ABSENCE, value))


def lesson(value: Mapping[str, Any] | None) -> LessonChange:
    return cast(LessonChange, _filled(LESSON, value))


def agenda(value: Mapping[str, Any] | None) -> AgendaItem:
    return cast(AgendaItem, _filled(AGENDA, value))


def homework(value: Mapping[str, Any] | None) -> HomeworkItem:
    return cast(HomeworkItem, _filled(HOMEWORK, value))


def topic(value: Mapping[str, Any] | None) -> TopicItem:
    return cast(TopicItem, _filled(TOPIC, value))


def excuse(value: Mapping[str, Any] | None) -> ExcuseItem:
    return cast(ExcuseItem, _filled(EXCUSE, value))


def behaviour(value: Mapping[str, Any] | None) -> BehaviourItem:
    return cast(BehaviourItem, _filled(BEHAVIOUR, value))


def teacher_absence(value: Mapping[str, Any] | None) -> TeacherAbsenceItem:
    return cast(TeacherAbsenceItem, _filled(TEACHER_ABSENCE, value))


def announcement(value: Mapping[str, Any] | None) -> AnnouncementItem:
    return cast(AnnouncementItem, _filled(ANNOUNCEMENT, value))


def note(value: Mapping[str, Any] | None) -> NoteItem:
    return cast(NoteItem, _filled(NOTE, value))


def message(value: Mapping[str, Any] | None) -> MessageItem:
    return cast(MessageItem, _filled(MESSAGE, value))


def lucky(value: Mapping[str, Any] | None) -> LuckyItem:
    """Not filled: a lucky number has no default (the renderer says "?")."""
    return cast(LuckyItem, value if isinstance(value, Mapping) else {})


def original(value: Mapping[str, Any] | None) -> OriginalLesson:
    """What a changed lesson was (all None when Librus did not say)."""
    empty: OriginalLesson = {
        "subject": None,
        "teacher": None,
        "room": None,
        "date": None,
        "no": None,
    }
    return cast(OriginalLesson, _filled(empty, value))


def place(value: Mapping[str, Any] | None) -> LessonPlace:
    """Where a moved lesson went or came from (all None when it did not move)."""
    return cast(LessonPlace, _filled(NO_PLACE, value))


# Typed views of a stored snapshot, by kind (the commands and briefs read these).


def grades_in(snapshot: Mapping[str, Any] | None) -> list[GradeItem]:
    """A grades snapshot's items, each complete (see `grade`)."""
    return _listed(snapshot, grade)


def _listed[T](
    snapshot: Mapping[str, Any] | None, view: Callable[[Mapping[str, Any] | None], T]
) -> list[T]:
    items = (snapshot or {}).get("items") or []
    return [view(item) for item in items if isinstance(item, Mapping)]


def absences_in(snapshot: Mapping[str, Any] | None) -> list[AbsenceItem]:
    return _listed(snapshot, absence)


def attendance_counts_in(snapshot: Mapping[str, Any] | None) -> dict[str, AttendanceCounts]:
    """Counts by subject id, each with every status (0 where none was stored)."""
    stats = (snapshot or {}).get("stats") or {}
    zero: AttendanceCounts = {
        "total": 0,
        "present": 0,
        "absent": 0,
        "excused": 0,
        "late": 0,
        "released": 0,
    }
    return {
        str(key): cast(AttendanceCounts, {**zero, **counts})
        for key, counts in stats.items()
        if isinstance(counts, Mapping)
    }


def agenda_in(snapshot: Mapping[str, Any] | None) -> list[AgendaItem]:
    return _listed(snapshot, agenda)


def homework_in(snapshot: Mapping[str, Any] | None) -> list[HomeworkItem]:
    return _listed(snapshot, homework)


def topics_in(snapshot: Mapping[str, Any] | None) -> list[TopicItem]:
    return _listed(snapshot, topic)


def excuses_in(snapshot: Mapping[str, Any] | None) -> list[ExcuseItem]:
    return _listed(snapshot, excuse)


def behaviour_in(snapshot: Mapping[str, Any] | None) -> list[BehaviourItem]:
    return _listed(snapshot, behaviour)


def teacher_absences_in(snapshot: Mapping[str, Any] | None) -> list[TeacherAbsenceItem]:
    return _listed(snapshot, teacher_absence)


def present_days_in(snapshot: Mapping[str, Any] | None) -> frozenset[str]:
    """The days an attendance snapshot shows the child at school (empty when it was
    stored before it said)."""
    days = (snapshot or {}).get("present_days") or []
    return frozenset(str(d) for d in days)


def announcements_in(snapshot: Mapping[str, Any] | None) -> list[AnnouncementItem]:
    return _listed(snapshot, announcement)


def notes_in(snapshot: Mapping[str, Any] | None) -> list[NoteItem]:
    return _listed(snapshot, note)


def messages_in(snapshot: Mapping[str, Any] | None) -> list[MessageItem]:
    return _listed(snapshot, message)


def lessons_in(snapshot: Mapping[str, Any] | None, day: str) -> list[LessonItem] | None:
    """A timetable snapshot's lessons of one ISO day, each complete; None when the
    fetched weeks do not cover the day."""
    days = (snapshot or {}).get("days") or {}
    lessons = days.get(day) if isinstance(days, Mapping) else None
    if not isinstance(lessons, list):
        return None
    return [lesson(item) for item in lessons if isinstance(item, Mapping)]
