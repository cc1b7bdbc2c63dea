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


def weighted_average(
    grades: Iterable[dict[str, Any]], grading: Grading = Grading()
) -> float | None:
    """Weighted average of ordinary grades on the 1-6 scale (None when none counts)."""
    total = weights = 0.0
    for grade in grades:
        if grade.get("scale", "standard") != "standard" or grade.get("type", "normal") != "normal":
            continue
        if not grade.get("counts", True):
            continue
        weight = float(grade.get("weight") or 0)
        value = grade_value(str(grade.get("value", "")), grading)
        if value is None or weight <= 0:
            continue
        total += value * weight
        weights += weight
    return total / weights if weights else None


def point_percentage(grades: Iterable[dict[str, Any]]) -> float | None:
    points = maximum = 0.0
    for grade in grades:
        if grade.get("scale") != "points" or not grade.get("counts", True):
            continue
        if grade.get("points") is None or not grade.get("max_points"):
            continue
        weight = float(grade.get("weight") or 1)
        points += float(grade["points"]) * weight
        maximum += float(grade["max_points"]) * weight
    return 100 * points / maximum if maximum else None


def subject_average(
    items: Iterable[dict[str, Any]], grade: dict[str, Any], grading: Grading = Grading()
) -> float | None:
    """The weighted average of `grade`'s subject in its semester, `grade` included (as
    it stands now): what a parent wants to read beside a new or changed grade."""
    subject = grade.get("subject_id") or grade.get("subject")
    semester = grade.get("semester")
    same = [
        g
        for g in items
        if (g.get("subject_id") or g.get("subject")) == subject and g.get("semester") == semester
    ]
    return weighted_average(same, grading)
