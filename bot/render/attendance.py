"""/frekwencja: the attendance rate, absences and lates by subject, unexcused absences."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.i18n import Translator
from bot.render.text import bold, esc
from sync import payloads as P
from sync.payloads import AbsenceItem, AttendanceCounts, ExcuseItem


def rate(stats: Mapping[str, AttendanceCounts]) -> float | None:
    total = sum(s["total"] for s in stats.values())
    away = sum(s["absent"] + s["excused"] for s in stats.values())
    return 100 * (total - away) / total if total else None


def by_subject(t: Translator, data: Mapping[str, Any] | None) -> list[tuple[str, int, int]]:
    """(subject, absences, lates) of the subjects with any, most absences first."""
    stats = P.attendance_counts_in(data)
    names = {str(i["subject_id"]): i["subject"] for i in P.absences_in(data) if i["subject"]}
    rows = []
    for subject_id, s in stats.items():
        away = s["absent"] + s["excused"]
        if away or s["late"]:
            label = names.get(subject_id) or t("att-unknown-subject")
            rows.append((label, away, s["late"]))
    return sorted(rows, key=lambda r: -r[1])


def unexcused_lines(
    t: Translator,
    data: Mapping[str, Any] | None,
    *,
    today: date | None = None,
    excuses: list[ExcuseItem] | None = None,
) -> list[str]:
    """The unexcused absences by day (the newest 15 days), after their heading; or
    the line saying all are excused."""
    unexcused = sorted(
        (i for i in P.absences_in(data) if i["status"] == P.AttendanceStatus.ABSENT),
        key=lambda i: (i["date"] or "", i["lesson_no"] or 0),
    )
    if not unexcused:
        return [t("att-all-excused")]
    lines = [bold(t("att-unexcused", count=len(unexcused)))]
    by_day: dict[str, list[AbsenceItem]] = {}
    for item in unexcused:
        by_day.setdefault(str(item["date"]), []).append(item)
    for day, records in sorted(by_day.items(), reverse=True)[:15]:
        lessons = ", ".join(str(r["lesson_no"] or "?") for r in records)
        try:
            when: date | None = date.fromisoformat(day)
        except ValueError:
            when = None
        shown = t.short_date(when) if when else day
        line = t("att-unexcused-day", date=esc(shown), lessons=esc(lessons))
        if when is not None and today is not None and when <= today:
            line += " · " + t("att-unexcused-age", days=(today - when).days)
        if excuses is not None and when is not None:
            line += " · " + excuse_state(t, covering(excuses, when))
        lines.append(line)
    return lines


def view(
    t: Translator,
    name: str,
    data: Mapping[str, Any] | None,
    *,
    today: date | None = None,
    excuses: list[ExcuseItem] | None = None,
) -> str:
    """`excuses`: the parent's e-excuses, None where the school gives none (or they
    are not fetched yet): each unexcused day then says only its age."""
    lines = [t("att-title", name=esc(name))]
    overall = rate(P.attendance_counts_in(data))
    if overall is None:
        lines.append(t("att-none"))
        return "\n".join(lines)
    lines.append(t("att-rate", value=t.number(overall, 1)))
    rows = by_subject(t, data)
    if rows:
        lines.append("")
        lines.append(bold(t("att-by-subject")))
        for label, away, late in rows:
            parts = []
            if away:
                parts.append(t("att-absences", count=away))
            if late:
                parts.append(t("att-lates", count=late))
            lines.append(f"{esc(label)}: {', '.join(parts)}")
    lines.append("")
    lines.extend(unexcused_lines(t, data, today=today, excuses=excuses))
    return "\n".join(lines)


def covering(excuses: list[ExcuseItem], day: date) -> ExcuseItem | None:
    """The newest e-excuse whose dates include `day`."""
    iso = day.isoformat()
    found = [
        e
        for e in excuses
        if (e["date_from"] or "") <= iso <= (e["date_to"] or e["date_from"] or "")
    ]
    return max(found, key=lambda e: e["posted"] or "", default=None)


def excuse_state(t: Translator, excuse: ExcuseItem | None) -> str:
    """The state as Librus gives it: known words said plainly, any other quoted."""
    if excuse is None:
        return t("att-excuse-none")
    status = excuse["status"].strip()
    word = status.casefold()
    if word.startswith("accept"):
        return t("att-excuse-accepted")
    if word.startswith(("reject", "refus", "deny", "denied", "declin")):
        return t("att-excuse-rejected")
    if word in ("", "new", "pending", "waiting", "sent"):
        return t("att-excuse-new")
    return t("att-excuse-other", status=esc(status))
