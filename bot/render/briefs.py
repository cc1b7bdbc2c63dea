"""The evening brief (tomorrow at a glance) and the weekly summary, written at send time
from the stored snapshots, so they say what is known when they go out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.i18n import Translator
from bot.render.forecast import line as forecast_line
from bot.render.grades import by_subject
from bot.render.revision import catch_up
from bot.render.school import tomorrow
from bot.render.text import bold, esc
from storage.records import ChildRecord
from sync import payloads as P
from sync.averages import Grading, weighted_average
from sync.forecast import DEFAULT_THRESHOLDS, child_forecast
from sync.payloads import GradeItem
from sync.revision import Away, missed


@dataclass(frozen=True)
class ChildSnapshots:
    name: str
    data: dict[str, dict[str, Any]]  # kind -> snapshot data
    reference: dict[str, Any]
    absent: frozenset[str] = frozenset()


def evening(t: Translator, day: date, children: Sequence[ChildSnapshots]) -> str:
    blocks = [t("brief-evening-title", date=t.date(day))]
    many = len(children) > 1
    for child in children:
        blocks.append(
            tomorrow(
                t,
                child.name if many else "",
                day,
                timetable=child.data.get("timetable"),
                reference=child.reference,
                agenda_items=P.agenda_in(child.data.get("agenda")),
                homework_items=P.homework_in(child.data.get("homework")),
                lucky_data=child.data.get("lucky_number"),
                missing=set(child.absent),
                topics=P.topics_in(child.data.get("topics")),
                absences=P.absences_in(child.data.get("attendance")),
                teacher_absences=P.teacher_absences_in(child.data.get("teacher_absences")),
            ).strip()
        )
    return "\n\n".join(b for b in blocks if b)


def catch_up_text(
    t: Translator,
    payload: Mapping[str, Any],
    children: Sequence[ChildRecord],
    kids: Sequence[ChildSnapshots],
) -> str:
    """The catch-up for the child the row names ('' when the child has left the chat:
    the row is then dropped)."""
    for child, snapshots in zip(children, kids, strict=True):
        if child.account_id != payload.get("account_id"):
            continue
        away = Away(
            first=date.fromisoformat(str(payload["first"])),
            last=date.fromisoformat(str(payload["last"])),
            days=int(payload.get("days") or 1),
        )
        topics = snapshots.data.get("topics")
        subjects = missed(away, P.topics_in(topics), P.homework_in(snapshots.data.get("homework")))
        return catch_up(t, snapshots.name, away, subjects, fetched=topics is not None)
    return ""


def weekly(
    t: Translator,
    first: date,
    last: date,
    children: Sequence[ChildSnapshots],
    *,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
) -> str:
    blocks = [t("brief-weekly-title", **{"from": t.short_date(first), "to": t.short_date(last)})]
    many = len(children) > 1
    for child in children:
        lines = [bold(f"🎒 {child.name}")] if many else []
        lines.extend(_grades(t, child, first, last))
        lines.append(_attendance(t, child, first, last))
        outlook = forecast_line(
            t, child_forecast(child.data.get("grades"), child.reference, last, thresholds)
        )
        if outlook:
            lines.append(outlook)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _added_in(grade: GradeItem, first: date, last: date) -> bool:
    return _within(grade["added"] or grade["date"], first, last)


def _within(moment: Any, first: date, last: date) -> bool:
    stamp = str(moment or "")[:10]
    try:
        return first <= date.fromisoformat(stamp) <= last
    except ValueError:
        return False


def _grades(t: Translator, child: ChildSnapshots, first: date, last: date) -> list[str]:
    items = P.grades_in(child.data.get("grades"))
    grading = Grading.from_reference(child.reference)
    new = [g for g in items if g["type"] == "normal" and _added_in(g, first, last)]
    if not new:
        return [t("brief-weekly-no-grades")]
    lines = [t("brief-weekly-grades")]
    semesters = {g["semester"] for g in new}
    everything = by_subject(
        items, max(s for s in semesters if s is not None) if semesters - {None} else 1
    )
    fresh: dict[str, list[GradeItem]] = defaultdict(list)
    for grade in new:
        fresh[grade["subject"] or "?"].append(grade)
    for subject in sorted(fresh, key=str.lower):
        values = ", ".join(f"<b>{esc(g['value'])}</b>" for g in fresh[subject])
        line = f"• {esc(subject)}: {values}"
        normal = [g for g in everything.get(subject, []) if g["type"] == "normal"]
        now = weighted_average(normal, grading)
        before = weighted_average([g for g in normal if g not in fresh[subject]], grading)
        if now is not None:
            line += f" · {t('grades-average', value=t.number(now))}"
            if before is not None and abs(now - before) >= 0.005:
                key = "brief-weekly-up" if now > before else "brief-weekly-down"
                line += f" ({t(key, delta=t.number(abs(now - before)))})"
        lines.append(line)
    return lines


def _attendance(t: Translator, child: ChildSnapshots, first: date, last: date) -> str:
    status = P.AttendanceStatus
    week = [
        a for a in P.absences_in(child.data.get("attendance")) if _within(a["date"], first, last)
    ]
    absences = sum(1 for a in week if a["status"] in (status.ABSENT, status.EXCUSED))
    lates = sum(1 for a in week if a["status"] == status.LATE)
    if not absences and not lates:
        return t("brief-weekly-attendance-clean")
    text = t(
        "brief-weekly-attendance",
        absences=t("att-absences", count=absences),
        lates=t("att-lates", count=lates),
    )
    unexcused = sum(1 for a in week if a["status"] == status.ABSENT)
    if unexcused:
        text += " " + t("brief-weekly-unexcused", count=unexcused)
    return text
