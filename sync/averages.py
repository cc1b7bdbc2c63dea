"""Grade arithmetic: a grade's value on the school's scale and weighted averages.

`+` and `-` are worth what the school's grading system says (commonly +0.5 and -0.25);
non-numeric marks (np, bz, nk, zw, a bare + or -) and 0 (unless the school counts it)
are left out, as are categories that do not count towards the average and grades of
weight 0. Point grades are averaged as a percentage of their maximum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sync.payloads import GradeItem

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Grading:
    plus: float = 0.5
    minus: float = 0.25
    count_zero: bool = False

    @classmethod
    def from_reference(cls, reference: dict[str, Any] | None) -> Grading:
        raw = (reference or {}).get("grading") or {}
        return cls(
            plus=float(raw.get("plus", 0.5)),
            minus=float(raw.get("minus", 0.25)),
            count_zero=bool(raw.get("count_zero", False)),
        )


def grade_value(value: str, grading: Grading = Grading()) -> float | None:
    text = value.strip()
    modifier = 0.0
    if text.endswith("+"):
        modifier, text = grading.plus, text[:-1]
    elif text.endswith("-"):
        modifier, text = -grading.minus, text[:-1]
    if not _NUMBER.match(text):
        return None
    base = float(text.replace(",", "."))
    if base == 0:
        return 0.0 if grading.count_zero and not modifier else None
    number = base + modifier
    return number if 0 < number <= 6.5 else None


def weighted_average(grades: Iterable[GradeItem], grading: Grading = Grading()) -> float | None:
    """Weighted average of ordinary grades on the 1-6 scale (None when none counts)."""
    total, weights = weighted_totals(grades, grading)
    return total / weights if weights else None


def weighted_totals(
    grades: Iterable[GradeItem], grading: Grading = Grading()
) -> tuple[float, float]:
    """The weighted sum and the sum of weights behind `weighted_average` (what one
    more grade would be added to)."""
    total = weights = 0.0
    for grade in grades:
        if grade["scale"] != "standard" or grade["type"] != "normal":
            continue
        if not grade["counts"]:
            continue
        weight = float(grade["weight"] or 0)
        value = grade_value(str(grade["value"] or ""), grading)
        if value is None or weight <= 0:
            continue
        total += value * weight
        weights += weight
    return total, weights


def point_percentage(grades: Iterable[GradeItem]) -> float | None:
    points = maximum = 0.0
    for grade in grades:
        if grade["scale"] != "points" or not grade["counts"]:
            continue
        scored, out_of = grade.get("points"), grade.get("max_points")
        if scored is None or not out_of:
            continue
        weight = float(grade["weight"] or 1)
        points += float(scored) * weight
        maximum += float(out_of) * weight
    return 100 * points / maximum if maximum else None


def subject_average(
    items: Iterable[GradeItem], grade: GradeItem, grading: Grading = Grading()
) -> float | None:
    """The weighted average of `grade`'s subject in its semester, `grade` included (as
    it stands now): what a parent wants to read beside a new or changed grade."""
    subject = grade["subject_id"] or grade["subject"]
    semester = grade["semester"]
    same = [
        g
        for g in items
        if (g["subject_id"] or g["subject"]) == subject and g["semester"] == semester
    ]
    return weighted_average(same, grading)
