"""The report-card forecast: per subject, the grade the weighted average points to, and
what one more grade would do to it.

The thresholds are the school's (its statute, the WSO): by default an average of 1.75
points to 2, 2.75 to 3, 3.75 to 4, 4.75 to 5 and 5.50 to 6; a chat can set its
school's own. Semester 1 counts its own grades, semester 2 the whole year, as schools
count the final grade. A teacher's proposed grade (a semester or final proposal in
Librus's Grades) is shown and preferred: it is the teacher's word, the average only a
hint. All of it is a forecast, and is said to be one.

The honours line (świadectwo z wyróżnieniem) takes an average of 4.75 and a behaviour
grade of at least "bardzo dobre". The behaviour grade is read in the weeks before a
semester ends (`behaviour_matters`); where the school gives points instead of the
classic scale, or none yet, the line names the condition instead of judging it.

Pure functions: no I/O, no clock (the caller says what "today" is).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from storage.records import ChatRecord
from sync import payloads as P
from sync.averages import Grading, weighted_average, weighted_totals
from sync.payloads import GradeItem

DEFAULT_THRESHOLDS: tuple[float, ...] = (1.75, 2.75, 3.75, 4.75, 5.50)
#: the usual bar for a certificate with honours (świadectwo z wyróżnieniem)
HONOURS = 4.75
#: the worst behaviour grade (classic scale, 1 wzorowe .. 6 naganne) honours allow
HONOURS_BEHAVIOUR = 2
#: the behaviour grade is asked for this long before a semester ends
BEHAVIOUR_WINDOW = timedelta(days=30)
#: a subject whose forecast fell this far within this long is at risk
FALL_WINDOW = timedelta(days=14)
#: thresholds schools commonly write into their statutes, offered in /ustawienia
PRESETS: tuple[tuple[float, ...], ...] = (
    DEFAULT_THRESHOLDS,
    (1.5, 2.5, 3.5, 4.5, 5.5),
    (1.6, 2.6, 3.6, 4.6, 5.6),
)
WEIGHTS = (1, 2, 3)  # the weights of the one more grade a parent is told about


@dataclass(frozen=True)
class Step:
    """One more grade of `value` with `weight` moves the forecast to `to`."""

    value: int
    weight: int
    to: int


@dataclass(frozen=True)
class SubjectForecast:
    subject: str
    subject_id: int | None
    average: float | None
    #: the grade the average points to (None: nothing counts yet)
    points_to: int | None
    #: the teacher's proposed grade for this semester or the year, as Librus shows it
    proposal: str | None
    up: Step | None  # the easiest single grade that lifts the forecast by one
    down: Step | None  # the best single grade that would still drop it by one
    #: it points a whole grade lower than it did two weeks ago
    falling: bool

    @property
    def expected(self) -> int | None:
        """The grade to expect: the teacher's proposal when there is one."""
        proposed = _whole(self.proposal)
        return proposed if proposed is not None else self.points_to

    @property
    def at_risk(self) -> bool:
        return self.expected == 1 or self.falling


@dataclass(frozen=True)
class Forecast:
    semester: int
    thresholds: tuple[float, ...]
    subjects: tuple[SubjectForecast, ...]
    #: the newest classic-scale behaviour grade of the semester (1 wzorowe .. 6
    #: naganne), None when Librus has none to give (yet, or a points school)
    behaviour: int | None = None

    @property
    def overall(self) -> float | None:
        """The mean of the expected grades, as a certificate's average is counted."""
        grades = [s.expected for s in self.subjects if s.expected is not None]
        return sum(grades) / len(grades) if grades else None

    @property
    def average_honours(self) -> bool:
        """The average reaches the honours bar (behaviour aside)."""
        overall = self.overall
        return overall is not None and overall >= HONOURS

    @property
    def honours(self) -> bool:
        """Honours as far as is known: the average, and behaviour where it is given."""
        return self.average_honours and (
            self.behaviour is None or self.behaviour <= HONOURS_BEHAVIOUR
        )

    @property
    def at_risk(self) -> tuple[SubjectForecast, ...]:
        return tuple(s for s in self.subjects if s.at_risk)


def current_semester(reference: Mapping[str, Any], today: date) -> int:
    """The semester of `today`, by the end of the first that the class's reference gives."""
    end = ((reference.get("class") or {}).get("end_first_semester") or "")[:10]
    try:
        return 2 if end and today > date.fromisoformat(end) else 1
    except ValueError:
        return 1


def semester_ends(reference: Mapping[str, Any]) -> list[date]:
    """The last days of the two semesters, as the class's reference gives them."""
    klass = reference.get("class") or {}
    ends = []
    for key in ("end_first_semester", "end"):
        try:
            ends.append(date.fromisoformat(str(klass.get(key) or "")[:10]))
        except ValueError:
            continue
    return ends


def behaviour_matters(reference: Mapping[str, Any], today: date) -> bool:
    """Whether the behaviour grade is worth a request now: within the weeks before a
    semester ends, when teachers propose and give it. Without the class's dates, not."""
    return any(end - BEHAVIOUR_WINDOW <= today <= end for end in semester_ends(reference))


def behaviour_of(items: Iterable[P.BehaviourItem], semester: int) -> int | None:
    """The newest classic-scale behaviour grade of `semester` (by the day it was added,
    then by id), None without one."""
    graded = [b for b in items if b["scale"] is not None and b["semester"] in (semester, None)]
    if not graded:
        return None
    newest = max(graded, key=lambda b: (b["added"] or "", _number(b["id"])))
    return newest["scale"]


def child_forecast(
    grades: Mapping[str, Any] | None,
    reference: dict[str, Any],
    today: date,
    thresholds: Sequence[float],
    behaviour: Mapping[str, Any] | None = None,
) -> Forecast:
    """A child's forecast from its stored grades snapshot, in the semester of `today`
    (and its behaviour snapshot, where one was read)."""
    semester = current_semester(reference, today)
    result = forecast(
        P.grades_in(grades),
        semester,
        today,
        thresholds=thresholds,
        grading=Grading.from_reference(reference),
    )
    return replace(result, behaviour=behaviour_of(P.behaviour_in(behaviour), semester))


@dataclass(frozen=True)
class Fall:
    """A subject whose expected grade fell a whole grade or more."""

    subject: str
    before: int
    after: int
    average: float | None


def falls(before: Forecast, after: Forecast) -> list[Fall]:
    """The subjects whose expected grade is lower now than in `before`."""
    then = {s.subject: s.expected for s in before.subjects}
    found = []
    for subject in after.subjects:
        old, new = then.get(subject.subject), subject.expected
        if old is not None and new is not None and new < old:
            found.append(Fall(subject.subject, old, new, subject.average))
    return found


def chat_thresholds(chat: ChatRecord) -> tuple[float, ...]:
    """The thresholds a chat set, or the usual ones."""
    return chat.grade_thresholds or DEFAULT_THRESHOLDS


def grade_for(average: float, thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> int:
    """The grade an average points to: 1 below the first threshold, 6 from the last."""
    return 1 + sum(1 for threshold in thresholds if average >= threshold)


def valid_thresholds(values: Sequence[float]) -> bool:
    """Five thresholds, rising, each between 1 and 6."""
    return (
        len(values) == 5
        and all(1 < v < 6.5 for v in values)
        and list(values) == sorted(set(values))
    )


def parse_thresholds(text: str) -> tuple[float, ...] | None:
    """'1,6 2,6 3,6 4,6 5,3' (or with dots, or ';') as five valid thresholds, else None."""
    parts = text.replace(";", " ").replace("/", " ").split()
    try:
        values = tuple(round(float(part.replace(",", ".")), 2) for part in parts)
    except ValueError:
        return None
    return values if valid_thresholds(values) else None


def forecast(
    grades: Iterable[GradeItem],
    semester: int,
    today: date,
    *,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    grading: Grading | None = None,
) -> Forecast:
    """The forecast of every subject with grades that count (or a teacher's proposal)."""
    limits = tuple(thresholds)
    grading = grading or Grading()
    by_subject: dict[str, list[GradeItem]] = defaultdict(list)
    proposals: dict[str, str] = {}
    wanted = "semester_proposal" if semester == 1 else "final_proposal"
    for grade in grades:
        subject = grade["subject"] or "?"
        if grade["type"] == wanted and grade["semester"] in (semester, None) and grade["value"]:
            proposals[subject] = grade["value"]
        elif _counts_now(grade, semester):
            by_subject[subject].append(grade)
    subjects = []
    for subject in sorted(set(by_subject) | set(proposals), key=str.lower):
        counted = by_subject.get(subject, [])
        subjects.append(_subject(subject, counted, proposals.get(subject), today, limits, grading))
    return Forecast(semester, limits, tuple(s for s in subjects if s.expected is not None))


def _counts_now(grade: GradeItem, semester: int) -> bool:
    """An ordinary grade of the forecast's basis: its semester (the first), or the
    whole year (the second)."""
    if grade["type"] != "normal" or grade["scale"] != "standard":
        return False
    return grade["semester"] in ((1, None) if semester == 1 else (1, 2, None))


def _subject(
    subject: str,
    grades: list[GradeItem],
    proposal: str | None,
    today: date,
    thresholds: tuple[float, ...],
    grading: Grading,
) -> SubjectForecast:
    average = weighted_average(grades, grading)
    points_to = grade_for(average, thresholds) if average is not None else None
    cutoff = today - FALL_WINDOW
    earlier = [g for g in grades if (added := _added(g)) is not None and added <= cutoff]
    before = weighted_average(earlier, grading)
    falling = (
        points_to is not None
        and before is not None
        and points_to <= grade_for(before, thresholds) - 1
    )
    totals = weighted_totals(grades, grading)
    weights = list(WEIGHTS)
    return SubjectForecast(
        subject=subject,
        subject_id=next((g["subject_id"] for g in grades if g["subject_id"] is not None), None),
        average=average,
        points_to=points_to,
        proposal=proposal,
        up=_up(totals, points_to, thresholds, weights),
        down=_down(totals, points_to, thresholds, weights),
        falling=falling,
    )


def _up(
    totals: tuple[float, float],
    points_to: int | None,
    thresholds: tuple[float, ...],
    weights: list[int],
) -> Step | None:
    """The lowest grade, then the lowest weight, that reaches the next threshold."""
    if points_to is None or points_to >= 6:
        return None
    bar = thresholds[points_to - 1]
    total, weight_sum = totals
    for value in range(2, 7):
        for weight in weights:
            if (total + value * weight) / (weight_sum + weight) >= bar:
                return Step(value, weight, points_to + 1)
    return None


def _down(
    totals: tuple[float, float],
    points_to: int | None,
    thresholds: tuple[float, ...],
    weights: list[int],
) -> Step | None:
    """The highest grade, then the lowest weight, that falls below the threshold held."""
    if points_to is None or points_to <= 1:
        return None
    bar = thresholds[points_to - 2]
    total, weight_sum = totals
    for value in range(5, 0, -1):
        for weight in weights:
            if (total + value * weight) / (weight_sum + weight) < bar:
                return Step(value, weight, points_to - 1)
    return None


def _added(grade: GradeItem) -> date | None:
    stamp = str(grade["added"] or grade["date"] or "")[:10]
    try:
        return date.fromisoformat(stamp)
    except ValueError:
        return None


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _whole(value: str | None) -> int | None:
    """A proposal as a whole grade ('4', '4+' → 4; 'np' → None)."""
    text = (value or "").strip().rstrip("+-")
    return int(text) if text.isdigit() and 1 <= int(text) <= 6 else None
