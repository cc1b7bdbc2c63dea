"""/oceny: grades per subject with weighted averages, and one subject in detail."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.i18n import Translator
from bot.render.text import bold, esc, shorten
from sync.averages import Grading, point_percentage, weighted_average
from sync.payloads import GradeItem

TYPE_KEYS = {
    "semester_proposal": "grade-type-semester-proposal",
    "semester": "grade-type-semester",
    "final_proposal": "grade-type-final-proposal",
    "final": "grade-type-final",
}


def by_subject(items: list[GradeItem], semester: int) -> dict[str, list[GradeItem]]:
    subjects: dict[str, list[GradeItem]] = defaultdict(list)
    for grade in items:
        if grade["semester"] not in (semester, None):
            continue
        subjects[grade["subject"] or "?"].append(grade)
    for grades in subjects.values():
        grades.sort(key=lambda g: (g["added"] or g["date"] or "", g["id"]))
    return dict(sorted(subjects.items(), key=lambda item: item[0].lower()))


def subject_ids(items: list[GradeItem]) -> dict[str, int]:
    return {
        subject: int(subject_id)
        for g in items
        if (subject := g["subject"]) and (subject_id := g["subject_id"]) is not None
    }


def _average(t: Translator, grades: list[GradeItem], grading: Grading) -> str:
    parts = []
    average = weighted_average(grades, grading)
    if average is not None:
        parts.append(t("grades-average", value=t.number(average)))
    percent = point_percentage(grades)
    if percent is not None:
        parts.append(t("grades-percent", value=t.number(percent, 1)))
    return " · ".join(parts)


def _short(grade: GradeItem) -> str:
    value = esc(grade["value"] or "?")
    kind = grade["type"]
    if kind == "normal":
        return value
    return f"<u>{value}</u>"


def _by_area(grades: list[GradeItem]) -> str:
    """Descriptive grades under their area (the skill or area the teacher graded, e.g.
    'Edukacja polonistyczna'), with no average: they have none."""
    areas: dict[str, list[str]] = defaultdict(list)
    for grade in grades:
        areas[grade["category"] or ""].append(esc(grade["value"] or "?"))
    lines = []
    for area, values in areas.items():
        prefix = f"{esc(area)}: " if area else ""
        lines.append(f"\n   {prefix}{', '.join(values)}")
    return "".join(lines)


@dataclass(frozen=True)
class SubjectRow:
    """One subject of /oceny, as HTML pieces: the text and the table both use them."""

    subject: str
    grades: str  # the counted grades, or '—'; empty when only descriptive ones
    average: str
    areas: str  # descriptive grades under their area (lines starting with a newline)
    special: tuple[str, ...]  # proposals and final grades, 'label: value'


def subject_rows(
    t: Translator, items: list[GradeItem], reference: dict[str, Any], semester: int
) -> list[SubjectRow]:
    grading = Grading.from_reference(reference)
    rows = []
    for subject, grades in by_subject(items, semester).items():
        normal = [g for g in grades if g["type"] == "normal"]
        described = [g for g in normal if g["scale"] == "descriptive"]
        counted = [g for g in normal if g["scale"] != "descriptive"]
        shown = ", ".join(_short(g) for g in counted) or "—" if counted or not described else ""
        special = tuple(
            f"{esc(t(TYPE_KEYS[g['type']]))}: <b>{esc(g['value'])}</b>"
            for g in grades
            if g["type"] != "normal"
        )
        rows.append(
            SubjectRow(subject, shown, _average(t, counted, grading), _by_area(described), special)
        )
    return rows


def summary(
    t: Translator, name: str, items: list[GradeItem], reference: dict[str, Any], semester: int
) -> str:
    lines = [t("grades-title", name=esc(name), semester=semester)]
    rows = subject_rows(t, items, reference, semester)
    if not rows:
        lines.append(t("grades-none"))
        return "\n".join(lines)
    for row in rows:
        line = f"{bold(row.subject)}: {row.grades}" if row.grades else f"{bold(row.subject)}:"
        if row.average:
            line += f" · {row.average}"
        line += row.areas
        for special in row.special:
            line += f"\n   {special}"
        lines.append(line)
    if any(g["type"] != "normal" for g in items):
        lines.append(t("grades-underline-hint"))
    return "\n".join(lines)


def detail(
    t: Translator,
    name: str,
    subject: str,
    grades: list[GradeItem],
    reference: dict[str, Any],
    semester: int,
) -> str:
    grading = Grading.from_reference(reference)
    lines = [t("grades-subject-title", name=esc(name), subject=esc(subject), semester=semester)]
    if not grades:
        lines.append(t("grades-none"))
    for grade in grades:
        kind = grade["type"]
        head = f"<b>{esc(grade['value'] or '?')}</b>"
        if kind != "normal":
            head += f" ({esc(t(TYPE_KEYS[kind]))})"
        facts = [esc(grade["category"] or t("grades-no-category"))]
        if grade["scale"] == "standard" and kind == "normal":
            if grade["counts"] and float(grade["weight"] or 0) > 0:
                facts.append(t("grades-weight", weight=esc(_weight(grade["weight"]))))
            else:
                facts.append(t("grades-not-counted"))
        elif grade["scale"] == "descriptive":
            facts.append(t("grades-descriptive"))
        percent = grade.get("percent")
        if percent is not None:
            facts.append(t("grades-percent", value=t.number(float(percent), 1)))
        if grade["date"]:
            try:
                facts.append(t.short_date(date.fromisoformat(str(grade["date"])[:10])))
            except ValueError:
                facts.append(esc(grade["date"]))
        if grade["teacher"]:
            facts.append(esc(grade["teacher"]))
        lines.append(f"{head} · " + " · ".join(facts))
        if grade["improves"]:
            lines.append("   " + t("grades-improvement"))
        for comment in grade["comments"] or []:
            lines.append(f"   💬 {esc(shorten(comment, 600))}")
    normal = [g for g in grades if g["type"] == "normal"]
    average = _average(t, normal, grading)
    if average:
        lines.append("")
        lines.append(average)
    return "\n".join(lines)


def _weight(value: Any) -> str:
    number = float(value or 0)
    return str(int(number)) if number.is_integer() else str(number)
