"""/frekwencja: the attendance rate, absences and lates by subject, unexcused absences."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.i18n import Translator
from bot.render.text import bold, esc
from sync import payloads as P
from sync.payloads import AbsenceItem, AttendanceCounts


def rate(stats: Mapping[str, AttendanceCounts]) -> float | None:
    total = sum(s["total"] for s in stats.values())
    away = sum(s["absent"] + s["excused"] for s in stats.values())
    return 100 * (total - away) / total if total else None


def view(t: Translator, name: str, data: Mapping[str, Any] | None) -> str:
    stats = P.attendance_counts_in(data)
    items = P.absences_in(data)
    lines = [t("att-title", name=esc(name))]
    overall = rate(stats)
    if overall is None:
        lines.append(t("att-none"))
        return "\n".join(lines)
    lines.append(t("att-rate", value=t.number(overall, 1)))
    names = {str(i["subject_id"]): i["subject"] for i in items if i["subject"]}
    rows = []
    for subject_id, s in stats.items():
        away = s["absent"] + s["excused"]
        late = s["late"]
        if not away and not late:
            continue
        label = names.get(subject_id) or t("att-unknown-subject")
        parts = []
        if away:
            parts.append(t("att-absences", count=away))
        if late:
            parts.append(t("att-lates", count=late))
        rows.append((away, f"{esc(label)}: {', '.join(parts)}"))
    if rows:
        lines.append("")
        lines.append(bold(t("att-by-subject")))
        lines.extend(row for _, row in sorted(rows, key=lambda r: -r[0]))
    unexcused = sorted(
        (i for i in items if i["status"] == P.AttendanceStatus.ABSENT),
        key=lambda i: (i["date"] or "", i["lesson_no"] or 0),
    )
    lines.append("")
    if unexcused:
        lines.append(bold(t("att-unexcused", count=len(unexcused))))
        by_day: dict[str, list[AbsenceItem]] = {}
        for item in unexcused:
            by_day.setdefault(str(item["date"]), []).append(item)
        for day, records in sorted(by_day.items(), reverse=True)[:15]:
            lessons = ", ".join(str(r["lesson_no"] or "?") for r in records)
            try:
                shown = t.short_date(date.fromisoformat(day))
            except ValueError:
                shown = day
            lines.append(t("att-unexcused-day", date=esc(shown), lessons=esc(lessons)))
    else:
        lines.append(t("att-all-excused"))
    return "\n".join(lines)
