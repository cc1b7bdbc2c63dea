"""What to revise before a test, and what was missed during an absence.

Both read the lesson topics teachers write in Librus (`Realizations`, the kind
`topics`), which Librus serves for the whole class and only as one list, never by
subject or by date. So that list is asked for only while something needs it (`need`):
a test in the next two weeks, or a day away in the last two. Of what comes back only
the lessons of those subjects and those days are kept (`keep`), at most 60 days back.

A test is recognised by its agenda category or, when the school filed it under a
category of its own ('Inne', 'Zadanie'), by the words teachers use in its text
(`is_test`). The topics to revise are those taught since the previous test of the same
subject (`revision`); the lessons the child missed among them are flagged. A child is
back after an absence (`back_today`) on the first school day with a presence record
after one or more school days with absences and none; what was missed then is the
topics of those days and the homework given meanwhile (`missed`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sync.payloads import AbsenceItem, AgendaItem, AttendanceStatus, HomeworkItem, TopicItem

# The words of a test, as teachers write them (stems: 'kartkówka', 'kartkówki'; 'praca
# klasowa', 'pracy klasowej'; 'testy', 'diagnoza', 'diagnozy').
TEST_WORDS = re.compile(
    r"sprawdzian|prac\w* klasow|kartk[óo]w|\btest(?:y|u|em|ów|ach|ami)?\b|egzamin|diagnoz|quiz",
    re.IGNORECASE,
)
# Categories that are something else whatever their text says ('wycieczka: quiz o
# Krakowie' is a trip).
NOT_TEST_CATEGORIES = re.compile(r"wycieczk|zebrani|wywiadówk|konkurs|wolne|apel", re.IGNORECASE)
MISSED = frozenset({AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED})

UPCOMING = timedelta(days=14)  # tests this far ahead get their topics
RECENT = timedelta(days=14)  # days away this far back get their topics
KEPT = timedelta(days=60)  # no older topic is kept
MAX_TOPICS = 25  # per test, the newest (HA-MZ shows as many)
LOOK_BACK = 30  # school days an absence is followed back


def is_test(entry: AgendaItem) -> bool:
    category = entry["category"] or ""
    if TEST_WORDS.search(category):
        return True
    if NOT_TEST_CATEGORIES.search(category):
        return False
    return bool(TEST_WORDS.search(entry["content"] or ""))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def upcoming_tests(agenda: Iterable[AgendaItem], today: date) -> list[AgendaItem]:
    """Tests from today on, within `UPCOMING`, soonest first."""
    tests = []
    for entry in agenda:
        day = _day(entry["date"])
        if day is not None and today <= day <= today + UPCOMING and is_test(entry):
            tests.append(entry)
    return sorted(tests, key=lambda e: (e["date"] or "", e["time_from"] or "", e["id"]))


def days_away(absences: Iterable[AbsenceItem], present_days: frozenset[str]) -> set[date]:
    """Days with an absence and no presence: the child was not at school at all."""
    away = set()
    for item in absences:
        day = _day(item["date"])
        if day is not None and item["status"] in MISSED and day.isoformat() not in present_days:
            away.add(day)
    return away


@dataclass(frozen=True)
class Need:
    """Which lesson topics are worth asking Librus for and keeping."""

    subjects: frozenset[str]  # casefolded: subjects with a test coming
    days: frozenset[str]  # days away, recently
    since: date  # nothing older is kept

    def __bool__(self) -> bool:
        return bool(self.subjects or self.days)


def need(
    agenda: Iterable[AgendaItem],
    absences: Iterable[AbsenceItem],
    present_days: frozenset[str],
    today: date,
) -> Need:
    subjects = frozenset(
        e["subject"].casefold() for e in upcoming_tests(agenda, today) if e["subject"]
    )
    days = frozenset(
        d.isoformat() for d in days_away(absences, present_days) if today - RECENT <= d <= today
    )
    return Need(subjects=subjects, days=days, since=today - KEPT)


def keep(items: Iterable[TopicItem], wanted: Need) -> list[TopicItem]:
    """The topics worth storing: of the subjects with a test, and of the days away."""
    kept = []
    for item in items:
        day = _day(item["date"])
        if day is None or day < wanted.since:
            continue
        subject = (item["subject"] or "").casefold()
        if subject in wanted.subjects or day.isoformat() in wanted.days:
            kept.append(item)
    return kept


@dataclass(frozen=True)
class RevisionTopic:
    topic: str
    dates: tuple[str, ...]  # the lessons it was taught in (a topic may span several)
    missed: int  # of those, lessons the child missed


@dataclass(frozen=True)
class Revision:
    test: AgendaItem
    since: str | None  # the previous test of the subject, None when none is known
    topics: tuple[RevisionTopic, ...]
    earlier: int  # topics left out, older than the newest MAX_TOPICS

    @property
    def missed(self) -> int:
        return sum(t.missed for t in self.topics)


@dataclass(frozen=True)
class _Missed:
    """The lessons missed: by number, and by subject where a side gives no number."""

    numbered: frozenset[tuple[str, int]]
    unnumbered: frozenset[tuple[str, str]]  # absences without a lesson number
    subjects: frozenset[tuple[str, str]]  # every absence, by day and subject

    def __contains__(self, item: TopicItem) -> bool:
        day = (item["date"] or "")[:10]
        subject = (item["subject"] or "").casefold()
        if item["lesson_no"] is None:
            return (day, subject) in self.subjects
        return (day, item["lesson_no"]) in self.numbered or (day, subject) in self.unnumbered


def _missed_lessons(absences: Iterable[AbsenceItem]) -> _Missed:
    numbered, unnumbered, subjects = set(), set(), set()
    for item in absences:
        if item["status"] not in MISSED or not item["date"]:
            continue
        day, subject = item["date"][:10], (item["subject"] or "").casefold()
        subjects.add((day, subject))
        if item["lesson_no"] is None:
            unnumbered.add((day, subject))
        else:
            numbered.add((day, item["lesson_no"]))
    return _Missed(frozenset(numbered), frozenset(unnumbered), frozenset(subjects))


def revision(
    test: AgendaItem,
    agenda: Sequence[AgendaItem],
    topics: Iterable[TopicItem],
    absences: Iterable[AbsenceItem],
) -> Revision:
    """The topics taught since the previous test of the test's subject, repeated ones
    merged, the lessons the child missed counted."""
    day = test["date"][:10] if test["date"] else ""
    previous = max(
        (
            e["date"][:10]
            for e in agenda
            if e["date"]
            and e["date"][:10] < day
            and e["id"] != test["id"]
            and _same(e["subject"], test["subject"])
            and is_test(e)
        ),
        default=None,
    )
    missed = _missed_lessons(absences)
    merged: dict[str, tuple[str, list[str], int]] = {}
    ordered = sorted(
        (
            t
            for t in topics
            if t["date"]
            and _same(t["subject"], test["subject"])
            and t["date"][:10] < day
            and (previous is None or t["date"][:10] > previous)
        ),
        key=lambda t: (t["date"] or "", t["lesson_no"] or 0),
    )
    for item in ordered:
        lesson_day = (item["date"] or "")[:10]
        key = item["topic"].strip().rstrip(".").casefold()
        was_missed = item in missed
        text, dates, count = merged.get(key, (item["topic"].strip(), [], 0))
        merged[key] = (text, [*dates, lesson_day], count + int(was_missed))
    found = [RevisionTopic(text, tuple(dates), count) for text, dates, count in merged.values()]
    found.sort(key=lambda t: t.dates[-1])
    return Revision(
        test=test,
        since=previous,
        topics=tuple(found[-MAX_TOPICS:]),
        earlier=max(0, len(found) - MAX_TOPICS),
    )


@dataclass(frozen=True)
class Away:
    """School days in a row the child was away, up to the day before it came back."""

    first: date
    last: date
    days: int


def back_today(
    absences: Iterable[AbsenceItem],
    present_days: frozenset[str],
    today: date,
    is_school_day: Callable[[date], bool],
) -> Away | None:
    """The absence the child is back from today, or None (not back today, or not away
    on the school day before)."""
    if today.isoformat() not in present_days:
        return None
    away = days_away(absences, present_days)
    first = last = None
    count = 0
    day = today
    for _ in range(LOOK_BACK * 2):
        day -= timedelta(days=1)
        if not is_school_day(day):
            continue
        if day not in away:
            break
        first, count = day, count + 1
        last = last or day
        if count >= LOOK_BACK:
            break
    if first is None or last is None:
        return None
    return Away(first=first, last=last, days=count)


@dataclass(frozen=True)
class MissedSubject:
    subject: str | None
    topics: tuple[str, ...]
    homework: tuple[HomeworkItem, ...]


def missed(
    away: Away, topics: Iterable[TopicItem], homework: Iterable[HomeworkItem]
) -> list[MissedSubject]:
    """Per subject, the topics taught while the child was away and the homework given
    meanwhile (with its due date), subjects in alphabetical order."""
    first, last = away.first.isoformat(), away.last.isoformat()
    taught: dict[str, tuple[str | None, list[str]]] = {}
    given: dict[str, list[HomeworkItem]] = {}
    names: dict[str, str | None] = {}
    for item in sorted(topics, key=lambda t: (t["date"] or "", t["lesson_no"] or 0)):
        if item["date"] and first <= item["date"][:10] <= last:
            key = (item["subject"] or "").casefold()
            names.setdefault(key, item["subject"])
            listed = taught.setdefault(key, (item["subject"], []))[1]
            if item["topic"].strip() not in listed:
                listed.append(item["topic"].strip())
    for work in sorted(homework, key=lambda h: (h["due"] or "", h["id"])):
        if work["date"] and first <= work["date"][:10] <= last:
            key = (work["subject"] or "").casefold()
            names.setdefault(key, work["subject"])
            given.setdefault(key, []).append(work)
    return [
        MissedSubject(
            subject=names[key],
            topics=tuple(taught.get(key, (None, []))[1]),
            homework=tuple(given.get(key, [])),
        )
        for key in sorted(names, key=lambda k: (k == "", k))
    ]
