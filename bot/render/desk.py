"""The desk ("Biurko") a parent sees on /start: each child's day at a glance."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from bot.i18n import Translator
from bot.render.plan import changes, day_block
from bot.render.school import agenda_line
from bot.render.text import bold, esc
from sync import payloads as P
from sync.payloads import AgendaItem

TEST_WORDS = ("sprawdzian", "kartk", "test", "klasówk", "praca klasowa", "egzamin", "diagnoz")
MEETING_WORDS = ("zebranie", "wywiadówk", "konsultacj")
SCHOOL_DAY_OVER = 15  # from this hour, what was on today is behind, not ahead


def new_since(data: dict[str, dict[str, Any] | None], since: datetime) -> dict[str, int]:
    stamp = since.strftime("%Y-%m-%d %H:%M:%S")
    day = since.date().isoformat()
    away = (P.AttendanceStatus.ABSENT, P.AttendanceStatus.EXCUSED)
    grades = [g for g in P.grades_in(data.get("grades")) if (g["added"] or "") >= stamp]
    absences = [
        a
        for a in P.absences_in(data.get("attendance"))
        if (a["date"] or "") >= day and a["status"] in away
    ]
    messages = [m for m in P.messages_in(data.get("messages")) if (m["sent"] or "") >= stamp]
    return {"grades": len(grades), "absences": len(absences), "messages": len(messages)}


def next_test(
    agenda: Mapping[str, Any] | None, today: date, now_local: datetime | None = None
) -> AgendaItem | None:
    """The nearest test or parent meeting still ahead: today's only while the school
    day (or the meeting's hour) has not passed."""
    words = TEST_WORDS + MEETING_WORDS

    def ahead(entry: AgendaItem) -> bool:
        day = entry["date"] or ""
        if day > today.isoformat():
            return True
        if day != today.isoformat() or now_local is None:
            return day == today.isoformat()
        start = str(entry["time_from"] or "")
        if start:
            return start[:5] > now_local.strftime("%H:%M")
        return now_local.hour < SCHOOL_DAY_OVER

    upcoming = sorted(
        (
            e
            for e in P.agenda_in(agenda)
            if ahead(e)
            and any(w in f"{e['category'] or ''} {e['content'] or ''}".lower() for w in words)
        ),
        key=lambda e: (e["date"] or "", e["time_from"] or ""),
    )
    return upcoming[0] if upcoming else None


def child_block(
    t: Translator,
    name: str,
    data: dict[str, dict[str, Any] | None],
    reference: dict[str, Any],
    now_local: datetime,
    problem: str | None,
) -> str:
    today = now_local.date()
    lines = [
        bold(f"🎒 {name}")
        + (
            f" ({esc(reference['class']['name'])})"
            if (reference.get("class") or {}).get("name")
            else ""
        )
    ]
    if problem:
        lines.append(problem)
    timetable = data.get("timetable")
    lines.append(t("desk-today"))
    # The rest of today: what is not over yet.
    lines.append(day_block(t, timetable, reference, today, after=now_local.strftime("%H:%M")))
    tomorrow = today + timedelta(days=1)
    if changes(timetable, tomorrow):
        lines.append(t("desk-tomorrow-changes", count=len(changes(timetable, tomorrow))))
    fresh = new_since(data, now_local - timedelta(days=1))
    if any(fresh.values()):
        counted = (
            ("summary-grades", fresh["grades"]),
            ("att-absences", fresh["absences"]),
            ("summary-messages", fresh["messages"]),
        )
        items = ", ".join(t(key, count=n) for key, n in counted if n)
        lines.append(t("desk-new", items=items))
    else:
        lines.append(t("desk-nothing-new"))
    unread = sum(1 for m in P.messages_in(data.get("messages")) if not m["read"])
    if unread:
        lines.append(t("desk-unread", count=unread))
    test = next_test(data.get("agenda"), today, now_local)
    if test is not None:
        lines.append(t("desk-next-test") + " " + agenda_line(t, test).lstrip("• "))
    return "\n".join(lines)


def desk(t: Translator, blocks: list[str], now_local: datetime) -> str:
    title = t("desk-title", date=esc(t.date(now_local.date())))
    return "\n\n".join([title, *blocks])
