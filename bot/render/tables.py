"""The rich forms of /plan tydzień, /oceny and /frekwencja: the same words as their
HTML texts, with the tabular part as a table. None where a table says nothing more
than the text (no grades yet, a kindergarten's unnumbered blocks): the HTML text
goes out alone then."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from bot.i18n import Translator
from bot.render import attendance, grades, plan
from bot.render.rich import Block, heading, paragraphs, table
from bot.render.text import esc
from sync import payloads as P
from sync.payloads import ExcuseItem, GradeItem, LessonItem

DAYS = 5


def grades_blocks(
    t: Translator,
    name: str,
    items: list[GradeItem],
    reference: dict[str, Any],
    semester: int,
    outlook: str = "",
) -> list[Block] | None:
    rows = grades.subject_rows(t, items, reference, semester)
    if not rows:
        return None
    averaged = any(row.average for row in rows)  # descriptive grades have none
    body = []
    for row in rows:
        areas = [line.strip() for line in row.areas.split("\n") if line.strip()]
        shown = "\n".join(part for part in (row.grades, *areas, *row.special) if part)
        cells = [f"<b>{esc(row.subject)}</b>", shown]
        body.append([*cells, row.average] if averaged else cells)
    head = [t("table-subject"), t("table-grades")]
    blocks: list[Block] = [
        heading(t("grades-title", name=esc(name), semester=semester)),
        table([*head, t("table-average")] if averaged else head, body),
    ]
    if any(g["type"] != "normal" for g in items):
        blocks += paragraphs(t("grades-underline-hint"))
    if outlook:
        blocks += paragraphs(outlook)
    return blocks


def attendance_blocks(
    t: Translator,
    name: str,
    data: Mapping[str, Any] | None,
    *,
    today: date | None = None,
    excuses: list[ExcuseItem] | None = None,
) -> list[Block] | None:
    overall = attendance.rate(P.attendance_counts_in(data))
    if overall is None:
        return None
    blocks: list[Block] = [
        heading(t("att-title", name=esc(name))),
        *paragraphs(t("att-rate", value=t.number(overall, 1))),
    ]
    rows = attendance.by_subject(t, data)
    if rows:
        blocks.append(
            table(
                [t("table-subject"), t("table-absences"), t("table-lates")],
                [[esc(label), str(away), str(late)] for label, away, late in rows],
                numeric=frozenset({1, 2}),
            )
        )
    blocks += paragraphs(
        "\n".join(attendance.unexcused_lines(t, data, today=today, excuses=excuses))
    )
    return blocks


def _cell(lesson: LessonItem) -> str:
    """A lesson as short as a table cell needs: the subject and what changed."""
    subject = esc(lesson["subject"] or "?")
    if lesson["canceled"]:
        return f"<s>{subject}</s> ❌"
    original = P.original(lesson["original"])
    if lesson["substitution"]:
        if original["subject"] and original["subject"] != lesson["subject"]:
            return f"<s>{esc(original['subject'])}</s> → {subject} 🔄"
        if lesson["room_changed"]:
            return f"{subject} 🚪 {esc(lesson['room'] or '?')}"
        return f"{subject} 🔄"
    return subject


def week_blocks(
    t: Translator,
    name: str,
    timetable: Mapping[str, Any] | None,
    reference: dict[str, Any],
    monday: date,
) -> list[Block] | None:
    """Lesson numbers down, the five school days across."""
    if plan.kindergarten(reference):
        return None
    days = [monday + timedelta(days=n) for n in range(DAYS)]
    by_day: list[dict[int, LessonItem]] = []
    notes: list[str] = []
    hours: dict[int, str] = {}
    for day in days:
        holiday = plan.free_day(reference, day)
        lessons = plan.lessons_on(timetable, day)
        if holiday is not None:
            notes.append(esc(holiday) or t("plan-free-day-unnamed"))
        elif lessons is None:
            notes.append("?")
        else:
            notes.append("" if lessons else "—")
        found: dict[int, LessonItem] = {}
        for lesson in (lessons or []) if holiday is None else []:
            if lesson["no"] is None:
                return None
            found.setdefault(lesson["no"], lesson)
            if lesson["from"]:
                hours.setdefault(lesson["no"], lesson["from"])
        by_day.append(found)
    numbers = sorted({no for found in by_day for no in found})
    if not numbers:
        return None
    rows = [
        [f"{no}" + (f"\n{hours[no]}" if no in hours else "")]
        + [_cell(found[no]) if no in found else "" for found in by_day]
        for no in numbers
    ]
    if any(notes):
        rows.insert(0, ["", *notes])
    head = [t("table-lesson"), *(esc(t.date(day, "EEE d.MM")) for day in days)]
    return [
        heading(t("plan-week-title", name=esc(name), date=esc(t.date(monday, "d MMMM")))),
        table(head, rows),
    ]
