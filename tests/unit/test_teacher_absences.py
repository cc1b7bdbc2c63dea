"""Which of a child's lessons a teacher's absence touches (sync/teacher_absences.py)."""

from __future__ import annotations

from datetime import date

from sync import payloads as P
from sync.payloads import LessonItem, TeacherAbsenceItem
from sync.teacher_absences import touching

DAY = date(2026, 11, 26)


def lesson(no: int, start: str, end: str, teacher: str, **flags: bool) -> LessonItem:
    raw = {"no": no, "from": start, "to": end, "subject": f"S{no}", "teacher": teacher}
    return P.lesson({**raw, **flags})


def away(
    teacher: str, first: str, last: str | None = None, hours: tuple[str, str] | None = None
) -> TeacherAbsenceItem:
    start, end = hours or (None, None)
    raw = {
        "id": teacher + first,
        "teacher": teacher,
        "date_from": first,
        "date_to": last or first,
        "time_from": start,
        "time_to": end,
    }
    return P.teacher_absence(raw)


def test_only_the_childs_lessons_in_the_hours_away_and_not_already_changed() -> None:
    lessons = [
        lesson(1, "08:00", "08:45", "Nowak"),
        lesson(2, "08:55", "09:40", "Kowalska"),
        lesson(3, "09:50", "10:35", "Nowak"),
        lesson(4, "10:45", "11:30", "Wiśniewski", canceled=True),
        lesson(5, "11:50", "12:35", "Kowalska"),
    ]
    absences = [
        away("Nowak", "2026-11-25", "2026-11-27"),  # three days, all day
        away("Kowalska", "2026-11-26", hours=("11:00", "13:00")),  # only lesson 5
        away("Wiśniewski", "2026-11-26"),  # its lesson already cancelled in the plan
        away("Zielińska", "2026-11-26"),  # teaches other classes
        away("Kowalska", "2026-11-27"),  # another day
    ]
    found = touching(absences, lessons, DAY)
    assert [(t.teacher, [x["no"] for x in t.lessons]) for t in found] == [
        ("Kowalska", [5]),
        ("Nowak", [1, 3]),
    ]
    assert touching(absences, lessons, date(2026, 11, 30)) == []
