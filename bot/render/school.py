"""/ogloszenia, /zadania, /sprawdziany, /numerek, /uwagi and /jutro."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.i18n import Translator
from bot.render.librus_text import librus_text
from bot.render.plan import day_block
from bot.render.revision import line as revision_line
from bot.render.text import bold, esc, short_day, shorten
from sync.payloads import (
    AbsenceItem,
    AgendaItem,
    AnnouncementItem,
    HomeworkItem,
    NoteItem,
    TeacherAbsenceItem,
    TopicItem,
    lessons_in,
)
from sync.revision import is_test, revision
from sync.teacher_absences import touching


def announcements(t: Translator, name: str, items: list[AnnouncementItem], today: date) -> str:
    lines = [t("notices-title", name=esc(name))]
    since = (today - timedelta(days=21)).isoformat()
    recent = sorted(
        (n for n in items if (n["created"] or n["start"] or "") >= since),
        key=lambda n: n["created"] or n["start"] or "",
        reverse=True,
    )
    if not recent:
        lines.append(t("notices-none"))
    for notice in recent[:8]:
        lines.append("")
        day = short_day(t, notice["created"] or notice["start"])
        lines.append(f"📌 <b>{esc(notice['subject'] or '')}</b> · {day}")
        lines.append(esc(shorten(librus_text(notice["content"]), 700)))
    return "\n".join(lines)


def upcoming_homework(items: list[HomeworkItem], today: date) -> list[HomeworkItem]:
    """What /zadania lists: not yet due, soonest first."""
    return sorted(
        (h for h in items if (h["due"] or "") >= today.isoformat()),
        key=lambda h: (h["due"] or "", h["id"] or ""),
    )[:15]


def homework(t: Translator, name: str, items: list[HomeworkItem], today: date) -> str:
    lines = [t("homework-title", name=esc(name))]
    upcoming = upcoming_homework(items, today)
    if not upcoming:
        lines.append(t("homework-none"))
    for item in upcoming:
        subject = f"{esc(item['subject'])}: " if item["subject"] else ""
        clip = " 📎" if item["attachments"] else ""
        lines.append("")
        lines.append(f"📝 <b>{subject}{esc(item['topic'] or '')}</b>{clip}")
        lines.append(t("homework-due", date=short_day(t, item["due"])))
        if item["text"]:
            lines.append(esc(shorten(librus_text(item["text"]), 400)))
    return "\n".join(lines)


def agenda(t: Translator, name: str, items: list[AgendaItem], today: date, days: int = 14) -> str:
    lines = [t("agenda-title", name=esc(name), days=days)]
    until = (today + timedelta(days=days)).isoformat()
    upcoming = sorted(
        (e for e in items if today.isoformat() <= (e["date"] or "") <= until),
        key=lambda e: (e["date"] or "", e["time_from"] or ""),
    )
    if not upcoming:
        lines.append(t("agenda-none", days=days))
    for entry in upcoming:
        lines.append(agenda_line(t, entry))
    return "\n".join(lines)


def agenda_line(t: Translator, entry: AgendaItem) -> str:
    category = entry["category"] or t("agenda-entry")
    subject = f" – {esc(entry['subject'])}" if entry["subject"] else ""
    hour = f" {esc(entry['time_from'])}" if entry["time_from"] else ""
    content = esc(shorten(str(entry["content"] or ""), 200))
    return f"• {short_day(t, entry['date'])}{hour}: <b>{esc(category)}</b>{subject}: {content}"


def lucky(
    t: Translator,
    name: str,
    data: dict[str, Any] | None,
    register_number: int | None,
    *,
    many: bool = False,
) -> str:
    """The day's lucky number; with several children, one line each, naming whose."""
    if not data or data.get("number") is None:
        return t("lucky-none", name=esc(name))
    if many:
        hit = register_number is not None and int(data["number"]) == register_number
        return t(
            "lucky-child-hit" if hit else "lucky-child",
            name=esc(name),
            number=data["number"],
            date=short_day(t, data.get("day")),
        )
    text = t("lucky-number", number=data["number"], date=short_day(t, data.get("day")))
    if register_number is not None and int(data["number"]) == register_number:
        text += "\n" + t("lucky-yours", name=esc(name))
    return text


def notes(t: Translator, name: str, items: list[NoteItem]) -> str:
    lines = [t("notes-title", name=esc(name))]
    recent = sorted(items, key=lambda n: n["date"] or "", reverse=True)[:10]
    if not recent:
        lines.append(t("notes-none"))
    icons = {"positive": "👍", "negative": "⚠️", "neutral": "📝"}
    for note in recent:
        teacher = f" · {esc(note['teacher'])}" if note["teacher"] else ""
        lines.append("")
        lines.append(
            f"{icons.get(str(note['sentiment']), '📝')} {short_day(t, note['date'])}{teacher}"
        )
        lines.append(esc(shorten(librus_text(note["text"]), 500)))
    return "\n".join(lines)


def tomorrow(
    t: Translator,
    name: str,
    day: date,
    *,
    timetable: dict[str, Any] | None,
    reference: dict[str, Any],
    agenda_items: list[AgendaItem] | None,
    homework_items: list[HomeworkItem] | None,
    lucky_data: dict[str, Any] | None,
    missing: set[str],
    topics: list[TopicItem] | None = None,
    absences: list[AbsenceItem] | None = None,
    teacher_absences: list[TeacherAbsenceItem] | None = None,
) -> str:
    """One child's tomorrow: lessons with changes, tests (with what to revise), homework
    due, the lucky number."""
    lines = [bold(f"🎒 {name}") if name else ""]
    lines.append(day_block(t, timetable, reference, day))
    iso = day.isoformat()
    for away in touching(teacher_absences or [], lessons_in(timetable, iso) or [], day):
        listed = ", ".join(
            f"{x['no'] or esc(x['from'] or '?')} ({esc(x['subject'] or '?')})" for x in away.lessons
        )
        lines.append("")
        lines.append(
            t(
                "teacher-away-one" if len(away.lessons) == 1 else "teacher-away",
                teacher=esc(away.teacher),
                lessons=listed,
            )
        )
    tests = [e for e in agenda_items or [] if e["date"] == iso]
    if tests:
        lines.append("")
        lines.append(bold(t("tomorrow-agenda")))
        for entry in tests:
            lines.append(agenda_line(t, entry))
            if topics and entry["subject"] and is_test(entry):
                found = revision(entry, agenda_items or [], topics, absences or [])
                if found.topics:
                    lines.append(revision_line(t, found))
    due = [h for h in homework_items or [] if h["due"] == iso]
    if due:
        lines.append("")
        lines.append(bold(t("tomorrow-homework")))
        for item in due:
            subject = f"{esc(item['subject'])}: " if item["subject"] else ""
            lines.append(f"• {subject}{esc(item['topic'] or '')}")
    if lucky_data and lucky_data.get("day") == iso and lucky_data.get("number") is not None:
        number = int(lucky_data["number"])
        mine = (reference.get("student") or {}).get("register_number")
        lines.append("")
        lines.append(t("lucky-short", number=number))
        if mine is not None and number == int(mine):
            lines.append(t("lucky-yours", name=esc(name)))
    if "timetable" in missing:
        lines.append(t("module-missing-timetable"))
    return "\n".join(line for line in lines if line is not None).strip()
