"""What to revise before a test and what was missed during an absence (sync/revision.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sync import payloads as P
from sync import revision as R
from sync.payloads import AbsenceItem, AgendaItem, AttendanceStatus, HomeworkItem, TopicItem

TODAY = date(2026, 11, 25)  # a Wednesday


def entry(
    day: date,
    category: str | None,
    content: str = "",
    subject: str | None = "Matematyka",
    id: str | None = None,
) -> AgendaItem:
    return P.agenda(
        {
            "id": id or f"{day}{category}",
            "date": day.isoformat(),
            "category": category,
            "content": content,
            "subject": subject,
        }
    )


def topic(day: date, text: str, subject: str = "Matematyka", no: int = 2) -> TopicItem:
    return P.topic(
        {
            "id": f"{day}{no}{subject}",
            "date": day.isoformat(),
            "lesson_no": no,
            "subject": subject,
            "topic": text,
        }
    )


def absent(
    day: date,
    no: int | None = 2,
    subject: str | None = "Matematyka",
    status: str = AttendanceStatus.ABSENT,
) -> AbsenceItem:
    return P.absence(
        {
            "id": f"{day}{no}",
            "date": day.isoformat(),
            "lesson_no": no,
            "subject": subject,
            "status": status,
        }
    )


@pytest.mark.parametrize(
    ("category", "content", "expected"),
    [
        ("Sprawdzian", "Ułamki", True),
        ("sprawdzian", "", True),
        ("Praca klasowa", "", True),
        ("Kartkówka", "", True),
        ("Inne", "Kartkówka z trzech ostatnich lekcji", True),  # HA-MZ issue #1
        ("Inne", "Zapowiedziana kartkowka", True),
        ("Zadanie", "Test z czasowników", True),
        (None, "Quiz: stolice Europy", True),
        ("Inne", "Diagnoza przedmiotowa", True),
        ("Inne", "Próbny egzamin ósmoklasisty", True),
        ("Wycieczka", "Wyjazd do Krakowa, quiz w autokarze", False),
        ("Zebranie z rodzicami", "Wyniki sprawdzianów", False),
        ("Inne", "Przynieść strój na apel", False),
        ("Inne", "Testament Krzywoustego – czytanie", False),
    ],
)
def test_a_test_is_known_by_its_category_or_its_words(
    category: str | None, content: str, expected: bool
) -> None:
    assert R.is_test(entry(TODAY, category, content)) is expected


def test_topics_are_needed_for_a_coming_test_or_a_day_away_and_only_those_are_kept() -> None:
    agenda = [
        entry(TODAY + timedelta(days=3), "Sprawdzian", "Ułamki"),
        entry(TODAY + timedelta(days=30), "Sprawdzian", "Historia", subject="Historia"),
        entry(TODAY + timedelta(days=2), "Wycieczka", "Muzeum", subject="Biologia"),
    ]
    away = TODAY - timedelta(days=6)  # Thursday last week
    half = TODAY - timedelta(days=5)  # Friday: one lesson missed, the others attended
    absences = [absent(away, 1, "Fizyka"), absent(away, 2, "Chemia"), absent(half, 3, "Fizyka")]
    present = frozenset({half.isoformat(), TODAY.isoformat()})
    wanted = R.need(agenda, absences, present, TODAY)
    assert wanted.subjects == {"matematyka"}  # the test in 30 days is not yet
    assert wanted.days == {away.isoformat()}  # a day with a presence is no day away
    assert wanted
    topics = [
        topic(TODAY - timedelta(days=1), "Ułamki zwykłe"),
        topic(TODAY - timedelta(days=1), "Średniowiecze", subject="Historia"),
        topic(away, "Ruch jednostajny", subject="Fizyka"),
        topic(half, "Ruch przyspieszony", subject="Fizyka"),
        topic(TODAY - timedelta(days=61), "Liczby naturalne"),  # older than kept
    ]
    kept = [t["topic"] for t in R.keep(topics, wanted)]
    assert kept == ["Ułamki zwykłe", "Ruch jednostajny"]
    assert not R.need([], [], frozenset(), TODAY)  # nothing coming, never away: not asked


def test_the_topics_since_the_previous_test_merged_and_the_missed_ones_counted() -> None:
    test = entry(TODAY + timedelta(days=2), "Sprawdzian", "Ułamki", id="t2")
    previous = entry(TODAY - timedelta(days=14), "Kartkówka", "Liczby", id="t1")
    other = entry(TODAY - timedelta(days=3), "Sprawdzian", "Wiersze", "Język polski", id="t3")
    topics = [
        topic(TODAY - timedelta(days=20), "Liczby naturalne"),  # before the previous test
        topic(TODAY - timedelta(days=14), "Kartkówka"),  # the previous test's own lesson
        topic(TODAY - timedelta(days=13), "Ułamki zwykłe"),
        topic(TODAY - timedelta(days=12), "Ułamki zwykłe."),  # the same topic, two lessons
        topic(TODAY - timedelta(days=6), "Ułamki dziesiętne", no=4),
        topic(TODAY - timedelta(days=1), "Powtórzenie"),
        topic(TODAY - timedelta(days=1), "Wiersze Tuwima", subject="Język polski"),
        topic(TODAY + timedelta(days=2), "Sprawdzian"),  # the test's day itself
    ]
    absences = [absent(TODAY - timedelta(days=6), 4), absent(TODAY - timedelta(days=1), 5)]
    found = R.revision(test, [test, previous, other], topics, absences)
    assert found.since == previous["date"]
    assert [t.topic for t in found.topics] == ["Ułamki zwykłe", "Ułamki dziesiętne", "Powtórzenie"]
    assert found.topics[0].dates == (
        (TODAY - timedelta(days=13)).isoformat(),
        (TODAY - timedelta(days=12)).isoformat(),
    )
    assert [t.missed for t in found.topics] == [0, 1, 0]  # lesson 5 was another subject's
    assert found.missed == 1 and found.earlier == 0


def test_without_a_previous_test_the_newest_topics_up_to_the_limit() -> None:
    test = entry(TODAY + timedelta(days=1), "Sprawdzian", "Wszystko")
    topics = [topic(TODAY - timedelta(days=n), f"Temat {n}") for n in range(1, 41)]
    found = R.revision(test, [test], topics, [])
    assert found.since is None
    assert len(found.topics) == R.MAX_TOPICS and found.earlier == 40 - R.MAX_TOPICS
    assert found.topics[-1].topic == "Temat 1"  # the lesson closest to the test is kept
    # A missed lesson without a number is matched by its day and subject.
    found = R.revision(test, [test], topics[:1], [absent(TODAY - timedelta(days=1), None)])
    assert found.missed == 1


def school_day(day: date) -> bool:
    return day.weekday() < 5 and day != date(2026, 11, 11)  # Independence Day


def whole_day(day: date, status: str = AttendanceStatus.ABSENT) -> list[AbsenceItem]:
    return [absent(day, n, status=status) for n in range(1, 6)]


def test_back_after_days_away_skipping_the_weekend_and_a_holiday() -> None:
    monday = date(2026, 11, 16)
    away = [
        *whole_day(date(2026, 11, 10)),
        *whole_day(date(2026, 11, 12)),
        *whole_day(date(2026, 11, 13), AttendanceStatus.EXCUSED),
    ]
    present = frozenset({monday.isoformat(), date(2026, 11, 9).isoformat()})
    found = R.back_today(away, present, monday, school_day)
    assert found == R.Away(first=date(2026, 11, 10), last=date(2026, 11, 13), days=3)
    # Not at school today (no presence yet): not back.
    assert R.back_today(away, frozenset({"2026-11-09"}), monday, school_day) is None
    # Back the day after, again: the school day before was attended.
    tuesday = frozenset({*present, "2026-11-17"})
    assert R.back_today(away, tuesday, date(2026, 11, 17), school_day) is None
    # One lesson missed on Friday, the rest attended: no day away.
    part = [absent(date(2026, 11, 13), 1)]
    present_friday = frozenset({monday.isoformat(), "2026-11-13"})
    assert R.back_today(part, present_friday, monday, school_day) is None


def homework(day: date, due: date, subject: str | None, text: str) -> HomeworkItem:
    raw: dict[str, Any] = {
        "id": text,
        "topic": text,
        "subject": subject,
        "date": day.isoformat(),
        "due": due.isoformat(),
    }
    return P.homework(raw)


def test_what_was_missed_per_subject_with_the_homework_given_meanwhile() -> None:
    away = R.Away(first=date(2026, 11, 12), last=date(2026, 11, 13), days=2)
    topics = [
        topic(date(2026, 11, 12), "Ułamki zwykłe", no=1),
        topic(date(2026, 11, 13), "Ułamki zwykłe", no=1),  # continued: said once
        topic(date(2026, 11, 13), "Present Perfect", "Język angielski", no=3),
        topic(date(2026, 11, 16), "Ułamki dziesiętne"),  # after the child was back
    ]
    given = [
        homework(date(2026, 11, 13), date(2026, 11, 18), "Matematyka", "Zadania 1–5"),
        homework(date(2026, 11, 10), date(2026, 11, 14), "Matematyka", "Starsze"),
        homework(date(2026, 11, 12), date(2026, 11, 17), None, "Karta pracy"),
    ]
    subjects = R.missed(away, topics, given)
    assert [(s.subject, s.topics, [h["topic"] for h in s.homework]) for s in subjects] == [
        ("Język angielski", ("Present Perfect",), []),
        ("Matematyka", ("Ułamki zwykłe",), ["Zadania 1–5"]),
        (None, (), ["Karta pracy"]),  # no subject: last
    ]
