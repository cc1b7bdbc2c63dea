"""librus-synergia's dataclasses → the bot's plain JSON snapshots.

Everything downstream (diff, snapshots, rendering, commands) works on these dicts, whose
shape `sync.payloads` declares:
ids as strings, names resolved through the account's reference data at fetch time,
Polish local date strings as Librus gives them. A snapshot is self-contained: it can
be rendered later without asking Librus anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from librus_synergia.models import (
    BEHAVIOUR_GRADE_TYPES,
    AttendanceData,
    BehaviourGradeData,
    DescriptiveGradeData,
    GradeData,
    HomeworkAssignmentData,
    HomeworkEventData,
    JustificationData,
    LessonData,
    LessonTopicData,
    LuckyNumberData,
    MessageData,
    NoteData,
    PointGradeData,
    SchoolNoticeData,
)

from sync.payloads import (
    AbsenceItem,
    AgendaItem,
    AnnouncementItem,
    AttendanceCounts,
    AttendanceSnapshot,
    AttendanceStatus,
    BehaviourItem,
    ExcuseItem,
    GradeItem,
    GradeType,
    HomeworkItem,
    LessonItem,
    LuckyNumberSnapshot,
    MessageItem,
    NoteItem,
    TeacherAbsenceItem,
    TimetableSnapshot,
    TopicItem,
)

Json = dict[str, Any]


def _name(table: Json, key: Any) -> str | None:
    if key is None:
        return None
    value = table.get(str(key))
    return str(value) if value is not None else None


def grade_type(grade: GradeData) -> GradeType:
    if grade.is_final:
        return "final"
    if grade.is_final_proposition:
        return "final_proposal"
    if grade.is_semester:
        return "semester"
    if grade.is_semester_proposition:
        return "semester_proposal"
    return "normal"


def grades(items: Iterable[GradeData], ref: Json) -> list[GradeItem]:
    categories: Json = ref.get("grade_categories", {})
    result: list[GradeItem] = []
    for g in items:
        category = categories.get(str(g.category_id), {}) if g.category_id is not None else {}
        result.append(
            {
                "id": str(g.id),
                "value": g.value,
                "subject_id": g.subject_id,
                "subject": _name(ref.get("subjects", {}), g.subject_id),
                "category_id": g.category_id,
                "category": category.get("name"),
                "weight": category.get("weight", 1),
                "counts": category.get("counts", True),
                "teacher": _name(ref.get("teachers", {}), g.teacher_id),
                "date": (g.add_date or "")[:10] or None,
                "added": g.add_date,
                "semester": g.semester,
                "type": grade_type(g),
                "comments": list(g.comments),
                "improves": str(g.improves_id) if g.improves_id is not None else None,
                "scale": "standard",
            }
        )
    return result


def point_grades(items: Iterable[PointGradeData], ref: Json) -> list[GradeItem]:
    return [
        {
            "id": f"p{g.id}",
            "value": f"{g.value}/{g.max_points:g}" if g.max_points else g.value,
            "points": g.points,
            "max_points": g.max_points,
            "percent": g.percentage,
            "subject_id": g.subject_id,
            "subject": _name(ref.get("subjects", {}), g.subject_id),
            "category_id": g.category_id,
            "category": g.category,
            "weight": g.weight if g.weight is not None else 1,
            "counts": g.counts_to_average,
            "teacher": _name(ref.get("teachers", {}), g.teacher_id),
            "date": (g.add_date or "")[:10] or None,
            "added": g.add_date,
            "semester": g.semester,
            "type": "normal",
            "comments": [],
            "improves": None,
            "scale": "points",
        }
        for g in items
    ]


def descriptive_grades(items: Iterable[DescriptiveGradeData], ref: Json) -> list[GradeItem]:
    return [
        {
            "id": f"d{g.id}",
            "value": g.value,
            "subject_id": g.subject_id,
            "subject": _name(ref.get("subjects", {}), g.subject_id),
            "category_id": None,
            "category": g.skill,
            "weight": 0,
            "counts": False,
            "teacher": _name(ref.get("teachers", {}), g.teacher_id),
            "date": g.date or (g.add_date or "")[:10] or None,
            "added": g.add_date,
            "semester": g.semester,
            "type": "normal",
            "comments": list(g.comments),
            "improves": None,
            "scale": "descriptive",
        }
        for g in items
    ]


def attendance(records: Iterable[AttendanceData], ref: Json) -> AttendanceSnapshot:
    """Absences and lates as records; presence only as counts per subject."""
    types: Json = ref.get("attendance_types", {})
    lessons: Json = ref.get("lessons", {})
    subjects: Json = ref.get("subjects", {})
    items: list[AbsenceItem] = []
    stats: dict[str, AttendanceCounts] = {}
    present: set[str] = set()
    for record in records:
        kind = types.get(str(record.type_id), {})
        subject_id = lessons.get(str(record.lesson_id)) if record.lesson_id is not None else None
        status = kind.get("status", "unknown")
        key = str(subject_id) if subject_id is not None else "?"
        counts = stats.setdefault(
            key, {"total": 0, "present": 0, "absent": 0, "excused": 0, "late": 0, "released": 0}
        )
        bucket = cast(dict[str, int], counts)  # counted by a status read from the reference
        bucket["total"] += 1
        if status in bucket:
            bucket[status] += 1
        if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE) and record.date:
            present.add(str(record.date)[:10])
        if status == AttendanceStatus.PRESENT:
            continue
        items.append(
            {
                "id": str(record.id),
                "date": record.date,
                "lesson_no": record.lesson_no,
                "subject_id": subject_id,
                "subject": _name(subjects, subject_id),
                "type_id": record.type_id,
                "type": kind.get("name"),
                "short": kind.get("short"),
                "status": status,
                "semester": record.semester,
            }
        )
    return {"items": items, "stats": stats, "present_days": sorted(present)}


def timetable(days: dict[date, list[LessonData]], ref: Json) -> TimetableSnapshot:
    subjects, teachers, rooms = (
        ref.get("subjects", {}),
        ref.get("teachers", {}),
        ref.get("classrooms", {}),
    )
    result: dict[str, list[LessonItem]] = {}
    for day, lessons in sorted(days.items()):
        entries: list[LessonItem] = []
        for lesson in sorted(lessons, key=lambda x: (x.lesson_no or 0, x.hour_from or "")):
            original = lesson.original
            entries.append(
                {
                    "no": lesson.lesson_no,
                    "from": _clock(lesson.hour_from),
                    "to": _clock(lesson.hour_to),
                    "subject_id": lesson.subject_id,
                    "subject": _name(subjects, lesson.subject_id),
                    "teacher": _name(teachers, lesson.teacher_id),
                    "room": _name(rooms, lesson.classroom_id),
                    "canceled": lesson.is_canceled,
                    "substitution": lesson.is_substitution,
                    "room_changed": lesson.room_changed,
                    "note": lesson.substitution_note,
                    "original": None
                    if original is None
                    else {
                        "subject": _name(subjects, original.subject_id),
                        "teacher": _name(teachers, original.teacher_id),
                        "room": _name(rooms, original.classroom_id),
                        "date": original.date,
                        "no": original.lesson_no,
                    },
                }
            )
        result[day.isoformat()] = entries
    return {"days": result}


def _text(value: Any) -> str | None:
    return str(value) if value else None


def _clock(value: str | None) -> str | None:
    """'08:00' (a kindergarten's '08:00:00' too, should it come with seconds)."""
    if value and len(value) == 8 and value[2] == ":" and value[5] == ":":
        return value[:5]
    return value


def agenda(items: Iterable[HomeworkEventData], ref: Json) -> list[AgendaItem]:
    return [
        {
            "id": str(e.id),
            "date": e.date,
            "category_id": e.category_id,
            "category": _name(ref.get("agenda_categories", {}), e.category_id),
            "content": e.content,
            "subject": _name(ref.get("subjects", {}), e.subject_id),
            "time_from": e.time_from,
        }
        for e in items
    ]


def homework(items: Iterable[HomeworkAssignmentData], ref: Json) -> list[HomeworkItem]:
    lessons: Json = ref.get("lessons", {})
    return [
        {
            "id": str(h.id),
            "topic": h.topic,
            "text": h.text,
            "teacher": _name(ref.get("teachers", {}), h.teacher_id),
            "subject": _name(
                ref.get("subjects", {}),
                lessons.get(str(h.lesson_id)) if h.lesson_id is not None else None,
            ),
            "date": h.date,
            "due": h.due_date,
            "attachments": len(h.attachments),
            "files": [{"id": str(a.id), "name": a.filename} for a in h.attachments],
        }
        for h in items
    ]


def topics(items: Iterable[LessonTopicData], ref: Json) -> list[TopicItem]:
    """Lessons held with a topic (a trip's or an empty topic says nothing to revise)."""
    lessons: Json = ref.get("lessons", {})
    subjects: Json = ref.get("subjects", {})
    result: list[TopicItem] = []
    for item in items:
        if not item.topic or item.is_trip:
            continue
        subject_id = item.subject_id
        if subject_id is None and item.lesson_id is not None:
            subject_id = lessons.get(str(item.lesson_id))
        result.append(
            {
                "id": item.id,
                "date": str(item.date)[:10] if item.date else None,
                "lesson_no": item.lesson_no,
                "subject": _name(subjects, subject_id),
                "topic": item.topic,
            }
        )
    return result


def excuses(items: Iterable[JustificationData]) -> list[ExcuseItem]:
    return [
        {
            "id": str(j.id),
            "status": j.status,
            "date_from": str(j.date_from)[:10] if j.date_from else None,
            "date_to": str(j.date_to)[:10] if j.date_to else None,
            "posted": j.posted,
            "lessons": [{"date": day, "no": no} for day, no in j.lessons],
        }
        for j in items
    ]


def behaviour(items: Iterable[BehaviourGradeData]) -> list[BehaviourItem]:
    """Behaviour grades. Confirmed (librus-synergia, live): the classic scale wz..ng is
    only in `BehaviourGrade.Id` (1 wzorowe .. 6 naganne); a points school gives `Value`
    or `ShortName` instead. Assumed: nothing in an item tells a monthly, a proposed and
    a semester grade apart (no client reads such a field), so the newest grade of a
    semester is taken as the current word on it (sync/forecast.py)."""
    return [
        {
            "id": str(b.id),
            "scale": b.grade_id if b.grade_id in BEHAVIOUR_GRADE_TYPES else None,
            "shown": b.display or None,
            "semester": b.semester if isinstance(b.semester, int) else None,
            "added": str(b.add_date) if b.add_date else None,
        }
        for b in items
    ]


def teacher_absences(payload: Json, ref: Json) -> list[TeacherAbsenceItem]:
    """`TeacherFreeDays` as szkolny-android reads it (`Teacher`, `DateFrom`, `DateTo`,
    `TimeFrom`, `TimeTo`); nobody published a parent's answer, so anything else in an
    item is ignored and an item without a teacher or a date is left out."""
    teachers: Json = ref.get("teachers", {})
    found = payload.get("TeacherFreeDays")
    result: list[TeacherAbsenceItem] = []
    for item in found if isinstance(found, list) else []:
        if not isinstance(item, dict) or item.get("Id") is None:
            continue
        teacher = item.get("Teacher")
        teacher_id = teacher.get("Id") if isinstance(teacher, dict) else None
        start = str(item.get("DateFrom") or "")[:10] or None
        if teacher_id is None or start is None:
            continue
        result.append(
            {
                "id": str(item["Id"]),
                "teacher": _name(teachers, teacher_id),
                "date_from": start,
                "date_to": str(item.get("DateTo") or "")[:10] or start,
                "time_from": _clock(_text(item.get("TimeFrom"))),
                "time_to": _clock(_text(item.get("TimeTo"))),
            }
        )
    return result


def announcements(items: Iterable[SchoolNoticeData]) -> list[AnnouncementItem]:
    return [
        {
            "id": n.id,
            "subject": n.subject,
            "content": n.content,
            "start": n.start_date,
            "end": n.end_date,
            "created": n.creation_date,
        }
        for n in items
    ]


def notes(items: Iterable[NoteData], ref: Json) -> list[NoteItem]:
    return [
        {
            "id": str(n.id),
            "text": n.text,
            "category": _name(ref.get("note_categories", {}), n.category_id),
            "teacher": _name(ref.get("teachers", {}), n.teacher_id),
            "date": n.date,
            "sentiment": n.sentiment or "neutral",
        }
        for n in items
    ]


def messages(items: Iterable[MessageData]) -> list[MessageItem]:
    return [
        {
            "id": m.id,
            "sender": m.sender_name,
            "topic": m.topic,
            "preview": m.content,
            "sent": m.send_date,
            "read": m.read_date is not None,
            "attachment": m.has_attachment,
        }
        for m in items
    ]


def lucky_number(value: LuckyNumberData | None) -> LuckyNumberSnapshot:
    if value is None:
        return {"number": None, "day": None}
    return {"number": value.number, "day": value.day}
