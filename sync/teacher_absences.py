"""Which of a child's lessons a teacher's absence touches.

Librus lists the absences of every teacher of the school (szkolny-android #160: "7
teachers absent, only 3 teach my daughter"). One matters to a family only where that
teacher teaches the child's class on that day, in those hours; and not where the plan
already shows the lesson cancelled or substituted, which says more than the absence.
Teachers are matched by name: the timetable snapshot names them as the reference does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sync.payloads import LessonItem, TeacherAbsenceItem


@dataclass(frozen=True)
class Touching:
    teacher: str
    lessons: tuple[LessonItem, ...]


def _overlaps(lesson: LessonItem, absence: TeacherAbsenceItem) -> bool:
    start, end = absence["time_from"], absence["time_to"]
    if start is None and end is None:
        return True
    begins, ends = lesson["from"] or "00:00", lesson["to"] or lesson["from"] or "23:59"
    return (start or "00:00") < ends and begins < (end or "23:59")


def touching(
    absences: Iterable[TeacherAbsenceItem], lessons: Sequence[LessonItem], day: date
) -> list[Touching]:
    """Per absent teacher, the child's lessons of `day` they would teach, in order."""
    iso = day.isoformat()
    found: dict[str, list[LessonItem]] = {}
    for absence in absences:
        teacher = absence["teacher"]
        first = absence["date_from"] or ""
        if not teacher or not first <= iso <= (absence["date_to"] or first):
            continue
        for lesson in lessons:
            if lesson["canceled"] or lesson["substitution"] or lesson["teacher"] != teacher:
                continue
            if _overlaps(lesson, absence):
                listed = found.setdefault(teacher, [])
                if lesson not in listed:
                    listed.append(lesson)
    return [
        Touching(teacher, tuple(sorted(listed, key=lambda x: (x["no"] or 0, x["from"] or ""))))
        for teacher, listed in sorted(found.items())
    ]
