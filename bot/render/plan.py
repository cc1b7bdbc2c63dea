"""/plan and the day parts of /jutro and the desk: lessons with changes marked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from bot.i18n import Translator
from bot.render.text import esc
from sync import payloads as P
from sync.payloads import LessonItem


def free_day(reference: dict[str, Any], day: date) -> str | None:
    """The name of a whole free day (holiday, break, trip), or None."""
    iso = day.isoformat()
    for free in reference.get("free_days") or []:
        if free.get("whole_day", True) and free.get("from", "") <= iso <= free.get("to", ""):
            return str(free.get("name") or "")
    return None


def lessons_on(timetable: Mapping[str, Any] | None, day: date) -> list[LessonItem] | None:
    """Lessons of a day; None when the fetched weeks do not cover it."""
    return P.lessons_in(timetable, day.isoformat())


def kindergarten(reference: dict[str, Any]) -> bool:
    """A kindergarten's plan: blocks of activities, not numbered lessons."""
    return bool(reference.get("kindergarten"))


def _said(t: Translator, key: str, reference: dict[str, Any], **args: Any) -> str:
    """A plan text in a kindergarten's words where it has them ('Brak zajęć')."""
    return t(f"{key}-kindergarten" if kindergarten(reference) else key, **args)


def lesson_line(t: Translator, lesson: LessonItem) -> str:
    hours = ""
    if lesson["from"] and lesson["to"]:
        hours = f"{lesson['from']}–{lesson['to']} "
    subject = esc(lesson["subject"] or "?")
    # A kindergarten's block has no number: its hours lead the line.
    no = lesson["no"]
    head = f"{no}. {hours}" if no is not None else hours
    if lesson["canceled"]:
        cancelled = t("plan-cancelled" if no is not None else "plan-cancelled-kindergarten")
        return f"{head}<s>{subject}</s> ❌ {cancelled}"
    original = P.original(lesson["original"])
    room = lesson["room"]
    if lesson["substitution"]:
        if original["subject"] and original["subject"] != lesson["subject"]:
            text = f"{head}<s>{esc(original['subject'])}</s> → {subject} 🔄"
        elif lesson["room_changed"]:
            moved = t("plan-room-changed", room=esc(room or "?"), old=esc(original["room"] or "?"))
            return f"{head}{subject} 🚪 {moved}"
        else:
            text = f"{head}{subject} 🔄 {t('plan-substitution')}"
        if lesson["teacher"]:
            text += f" ({esc(lesson['teacher'])})"
        if room:
            text += f" · {_room(t, room)}"
        return text
    text = f"{head}{subject}"
    if room:
        text += f" · {_room(t, room)}"
    return text


def day_block(
    t: Translator,
    timetable: Mapping[str, Any] | None,
    reference: dict[str, Any],
    day: date,
    *,
    after: str | None = None,
) -> str:
    """A day's lessons (those not over at the clock time `after`, 'HH:MM'), or why
    there are none."""
    holiday = free_day(reference, day)
    if holiday is not None:
        unnamed = _said(t, "plan-free-day-unnamed", reference)
        return t("plan-free-day", name=esc(holiday or unnamed))
    lessons = lessons_on(timetable, day)
    if lessons is None:
        if day.weekday() >= 5:
            return _said(t, "plan-weekend", reference)
        return t("plan-unknown")
    if day.weekday() >= 5 and not lessons:
        return _said(t, "plan-weekend", reference)
    shown = [lesson for lesson in lessons if after is None or (lesson["to"] or "99:99") > after]
    if not lessons:
        return _said(t, "plan-no-lessons", reference)
    if not shown:
        return _said(t, "plan-day-over", reference)
    return "\n".join(lesson_line(t, lesson) for lesson in shown)


def day_view(
    t: Translator,
    name: str,
    timetable: Mapping[str, Any] | None,
    reference: dict[str, Any],
    day: date,
) -> str:
    title = t("plan-day-title", name=esc(name), date=esc(t.date(day)))
    return f"{title}\n{day_block(t, timetable, reference, day)}"


def week_view(
    t: Translator,
    name: str,
    timetable: Mapping[str, Any] | None,
    reference: dict[str, Any],
    monday: date,
) -> str:
    lines = [t("plan-week-title", name=esc(name), date=esc(t.date(monday, "d MMMM")))]
    for offset in range(5):
        day = monday + timedelta(days=offset)
        lines.append("")
        lines.append(f"<b>{esc(t.date(day, 'EEEE d.MM'))}</b>")
        lines.append(day_block(t, timetable, reference, day))
    return "\n".join(lines)


def changes(timetable: Mapping[str, Any] | None, day: date) -> list[LessonItem]:
    return [
        lesson
        for lesson in lessons_on(timetable, day) or []
        if lesson["canceled"] or lesson["substitution"]
    ]


def _room(t: Translator, room: str) -> str:
    """'sala 12'; a room whose name already says it ('Sala 6', 'sala gimn.', a
    word like 'Aula') is shown as Librus names it."""
    if not room[:1].isdigit():
        return esc(room)
    return t("plan-room", room=esc(room))
