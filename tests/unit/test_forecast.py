"""The report-card forecast: thresholds, one more grade up or down, proposals, semesters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import payloads as P
from sync.forecast import (
    DEFAULT_THRESHOLDS,
    behaviour_matters,
    behaviour_of,
    falls,
    forecast,
    grade_for,
    valid_thresholds,
)

TODAY = date(2026, 11, 25)


def g(
    value: str,
    weight: int = 1,
    *,
    subject: str = "Matematyka",
    semester: int = 1,
    added: str = "2026-11-20",
    kind: str = "normal",
) -> P.GradeItem:
    return P.grade(
        {
            "value": value,
            "weight": weight,
            "subject": subject,
            "subject_id": 1,
            "semester": semester,
            "added": added,
            "type": kind,
        }
    )


@pytest.mark.parametrize(
    ("average", "grade"),
    [(1.0, 1), (1.74, 1), (1.75, 2), (2.75, 3), (3.74, 3), (4.75, 5), (5.49, 5), (5.5, 6)],
)
def test_an_average_points_to_the_grade_of_the_thresholds(average: float, grade: int) -> None:
    assert grade_for(average) == grade


def test_a_school_with_other_thresholds_gets_its_own() -> None:
    assert grade_for(4.5) == 4
    assert grade_for(4.5, (1.5, 2.5, 3.5, 4.5, 5.5)) == 5


def test_one_more_grade_up_and_down_in_concrete_terms() -> None:
    (maths,) = forecast([g("4", 2), g("4", 1)], 1, TODAY).subjects
    assert maths.average == 4.0 and maths.points_to == 4
    # (12 + 6·2) / 5 = 4.8 reaches 4.75; a 5 of any weight up to 3 does not.
    assert (maths.up.value, maths.up.weight, maths.up.to) == (6, 2, 5)  # type: ignore[union-attr]
    # (12 + 3·2) / 5 = 3.6 falls below 3.75; a 3 of weight 1 leaves 3.75.
    assert (maths.down.value, maths.down.weight, maths.down.to) == (3, 2, 3)  # type: ignore[union-attr]


def test_a_teachers_proposal_is_preferred_and_the_final_one_in_semester_two() -> None:
    grades = [
        g("5", 3),
        g("3", semester=1, kind="semester_proposal"),
        g("4", semester=2, kind="final_proposal"),
    ]
    (first,) = forecast(grades, 1, TODAY).subjects
    assert first.points_to == 5 and first.proposal == "3" and first.expected == 3
    (second,) = forecast(grades, 2, TODAY).subjects
    assert second.proposal == "4" and second.expected == 4


def test_semester_one_counts_its_grades_and_semester_two_the_whole_year() -> None:
    grades = [g("6", semester=1), g("2", semester=2, added="2026-03-01")]
    assert forecast(grades, 1, TODAY).subjects[0].average == 6.0
    assert forecast(grades, 2, TODAY).subjects[0].average == 4.0


def test_a_subject_that_fell_a_whole_grade_in_two_weeks_is_at_risk() -> None:
    grades = [g("5", 2, added="2026-10-01"), g("5", 2, added="2026-10-15"), g("1", 3)]
    (maths,) = forecast(grades, 1, TODAY).subjects
    assert maths.points_to == 3 and maths.falling and maths.at_risk
    steady = forecast([g("4", 2, added="2026-10-01"), g("5", 1)], 1, TODAY).subjects[0]
    assert not steady.falling and not steady.at_risk


def test_a_subject_pointing_to_one_is_at_risk_and_the_honours_line_is_the_mean() -> None:
    result = forecast(
        [g("1", subject="Fizyka"), g("6", subject="Polski"), g("5", subject="Historia")],
        1,
        TODAY,
    )
    assert [s.subject for s in result.at_risk] == ["Fizyka"]
    assert result.overall == pytest.approx(4.0) and not result.honours
    best = forecast([g("6", subject="Polski"), g("5", subject="Historia")], 1, TODAY)
    assert best.overall == pytest.approx(5.5) and best.honours


def b(scale: int | None, semester: int | None, added: str, id_: str = "1") -> P.BehaviourItem:
    return P.behaviour(
        {"id": id_, "scale": scale, "shown": None, "semester": semester, "added": added}
    )


def test_the_newest_classic_behaviour_grade_of_the_semester_decides_honours() -> None:
    items = [
        b(2, 1, "2026-12-01 10:00:00", "7"),
        b(3, 1, "2027-01-10 12:00:00", "8"),  # the newer word: "dobre"
        b(1, 2, "2027-06-01 12:00:00", "9"),  # the other semester's
        b(None, 1, "2027-01-20 12:00:00", "10"),  # a points entry: no scale
    ]
    assert behaviour_of(items, 1) == 3
    assert behaviour_of(items, 2) == 1
    assert behaviour_of([b(None, 1, "2027-01-20")], 1) is None
    assert behaviour_of([], 1) is None
    good = forecast([g("6", subject="Polski"), g("5", subject="Historia")], 1, TODAY)
    assert good.average_honours and good.honours  # behaviour unknown: the average's word
    assert replace(good, behaviour=2).honours and replace(good, behaviour=1).honours
    blocked = replace(good, behaviour=3)
    assert blocked.average_honours and not blocked.honours


def test_the_behaviour_grade_is_asked_for_only_before_a_semester_ends() -> None:
    reference = {"class": {"end_first_semester": "2027-01-29", "end": "2027-06-25"}}
    asked = {
        day: behaviour_matters(reference, date.fromisoformat(day))
        for day in ("2026-11-25", "2026-12-30", "2027-01-29", "2027-01-30", "2027-05-26")
    }
    assert asked == {
        "2026-11-25": False,
        "2026-12-30": True,
        "2027-01-29": True,
        "2027-01-30": False,
        "2027-05-26": True,
    }
    assert not behaviour_matters({}, date(2027, 1, 20))  # no dates: never asked for
    assert not behaviour_matters({"class": {"end": "soon"}}, date(2027, 1, 20))


def test_only_ordinary_counted_grades_make_the_average() -> None:
    grades = [
        g("5"),
        P.grade({**g("1"), "counts": False}),
        P.grade({**g("2"), "scale": "points"}),
        g("np"),
    ]
    assert forecast(grades, 1, TODAY).subjects[0].average == 5.0


@pytest.mark.parametrize(
    ("values", "valid"),
    [
        ((1.75, 2.75, 3.75, 4.75, 5.5), True),
        ((1.5, 2.5, 3.5, 4.5, 5.5), True),
        ((1.75, 2.75, 3.75, 4.75), False),
        ((2.75, 1.75, 3.75, 4.75, 5.5), False),
        ((1.75, 1.75, 3.75, 4.75, 5.5), False),
        ((0.5, 2.75, 3.75, 4.75, 5.5), False),
    ],
)
def test_thresholds_are_five_rising_numbers(values: tuple[float, ...], valid: bool) -> None:
    assert valid_thresholds(values) is valid


grades_strategy = st.lists(
    st.tuples(st.sampled_from(["1", "2", "3", "4", "5", "6", "4+", "3-"]), st.integers(1, 3)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(grades_strategy)
def test_the_step_told_is_exactly_what_one_more_grade_does(raw: list[tuple[str, int]]) -> None:
    grades = [g(value, weight) for value, weight in raw]
    (subject,) = forecast(grades, 1, TODAY).subjects
    for step in (subject.up, subject.down):
        if step is None:
            continue
        (after,) = forecast([*grades, g(str(step.value), step.weight)], 1, TODAY).subjects
        assert after.points_to == step.to
    if subject.up is not None:  # no lower grade of any weight would do
        for value in range(2, subject.up.value):
            for weight in (1, 2, 3):
                (after,) = forecast([*grades, g(str(value), weight)], 1, TODAY).subjects
                assert after.points_to is not None and after.points_to < subject.up.to
    assert subject.points_to == grade_for(subject.average or 0, DEFAULT_THRESHOLDS)


def test_a_fall_is_a_whole_grade_lower_expected_and_a_proposal_counts() -> None:
    before = forecast([g("5", 3), g("4", 2, subject="Fizyka")], 1, TODAY)
    after = forecast(
        [g("5", 3), g("1", 2), g("4", 2, subject="Fizyka"), g("4", 1, subject="Fizyka")], 1, TODAY
    )
    (fall,) = falls(before, after)
    assert (fall.subject, fall.before, fall.after) == ("Matematyka", 5, 3)  # 17 / 5 = 3,4
    proposed = forecast([g("5", 3), g("3", kind="semester_proposal")], 1, TODAY)
    (fall,) = falls(before, proposed)  # the teacher's proposal is what is expected
    assert (fall.before, fall.after) == (5, 3)
    assert falls(after, before) == []  # a rise is not a fall
