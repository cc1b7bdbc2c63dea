"""/frekwencja: the attendance rate, absences and lates by subject, unexcused absences."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.i18n import Translator
from bot.render.text import bold, esc


def rate(stats: dict[str, dict[str, int]]) -> float | None:
    total = sum(s.get("total", 0) for s in stats.values())
    away = sum(s.get("absent", 0) + s.get("excused", 0) for s in stats.values())
    return 100 * (total - away) / total if total else None


def view(t: Translator, name: str, data: dict[str, Any]) -> str:
    stats: dict[str, dict[str, int]] = data.get("stats") or {}
    items: list[dict[str, Any]] = data.get("items") or []
    lines = [t("att-title", name=esc(name))]
    overall = rate(stats)
    if overall is None:
        lines.append(t("att-none"))
        return "\n".join(lines)
    lines.append(t("att-rate", value=t.number(overall, 1)))
    names = {str(i.get("subject_id")): i.get("subject") for i in items if i.get("subject")}
    rows = []
    for subject_id, s in stats.items():
        away = s.get("absent", 0) + s.get("excused", 0)
        late = s.get("late", 0)
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
        (i for i in items if i.get("status") == "absent"),
        key=lambda i: (i.get("date") or "", i.get("lesson_no") or 0),
    )
    lines.append("")
    if unexcused:
        lines.append(bold(t("att-unexcused", count=len(unexcused))))
        by_day: dict[str, list[dict[str, Any]]] = {}
        for item in unexcused:
            by_day.setdefault(str(item.get("date")), []).append(item)
        for day, records in sorted(by_day.items(), reverse=True)[:15]:
            lessons = ", ".join(str(r.get("lesson_no") or "?") for r in records)
            try:
                shown = t.short_date(date.fromisoformat(day))
            except ValueError:
                shown = day
            lines.append(t("att-unexcused-day", date=esc(shown), lessons=esc(lessons)))
    else:
        lines.append(t("att-all-excused"))
    return "\n".join(lines)
