"""The cadence: which interval applies when, and that jitter never makes it longer
(the interval is what parents are promised: a grade at 10:00 is seen by 10:10)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.policies import cadence_policy
from sync import kinds as K
from sync.cadence import Cadence, CadencePolicy, SchoolCalendar, first_school_day
from sync.clock import WARSAW

YEAR = SchoolCalendar(
    {
        "class": {"begin": "2026-09-01", "end": "2027-06-25"},
        "free_days": [{"from": "2026-12-23", "to": "2026-12-31"}],
    }
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW).astimezone(UTC)


TUESDAY, SATURDAY, HOLIDAY = date(2026, 12, 1), date(2026, 12, 5), date(2026, 12, 28)


def test_the_interval_follows_the_school_day() -> None:
    cadence = Cadence()
    assert cadence.interval(K.GRADES, at(TUESDAY, 10), YEAR) == timedelta(minutes=10)
    assert cadence.interval(K.GRADES, at(TUESDAY, 18), YEAR) == timedelta(minutes=30)
    assert cadence.interval(K.GRADES, at(TUESDAY, 23), YEAR) == timedelta(hours=6)
    assert cadence.interval(K.GRADES, at(SATURDAY, 10), YEAR) == timedelta(hours=3)
    assert cadence.interval(K.GRADES, at(SATURDAY, 3), YEAR) == timedelta(hours=6)
    assert cadence.interval(K.GRADES, at(HOLIDAY, 10), YEAR) == timedelta(hours=3)
    assert cadence.interval(K.HOMEWORK, at(TUESDAY, 10), YEAR) == timedelta(minutes=60)
    assert cadence.interval(K.HOMEWORK, at(TUESDAY, 18), YEAR) == timedelta(hours=8)
    assert cadence.interval(K.HOMEWORK, at(SATURDAY, 10), YEAR) == timedelta(hours=8)


@settings(max_examples=300, deadline=None)
@given(
    minute=st.integers(min_value=0, max_value=7 * 24 * 60 - 1),
    kind=st.sampled_from(sorted(K.ALL_KINDS)),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_jitter_only_shortens(minute: int, kind: str, seed: int) -> None:
    cadence = Cadence(CadencePolicy(jitter=0.2), random.Random(seed))
    now = at(TUESDAY, 0) + timedelta(minutes=minute)
    base = cadence.interval(kind, now, YEAR)
    due = cadence.next_due(kind, now, YEAR)
    # Never later than the interval, except that the night's one poll is at dawn.
    assert now < due
    assert due <= now + base or time(6, 30) <= due.astimezone(WARSAW).time() < time(7)
    assert not _at_night(due) or time(6, 30) <= due.astimezone(WARSAW).time()
    if due < now + base * 0.8:  # only where a faster period begins in between
        assert cadence.interval(kind, due, YEAR) <= base


def _at_night(moment: datetime) -> bool:
    local = moment.astimezone(WARSAW).time()
    return local >= time(22) or local < time(7)


@settings(max_examples=100, deadline=None)
@given(
    day=st.sampled_from([TUESDAY, SATURDAY, HOLIDAY]),
    kind=st.sampled_from(sorted(K.ALL_KINDS)),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_the_night_has_one_poll_at_dawn(day: date, kind: str, seed: int) -> None:
    """From the evening's last poll to the morning, one poll per kind, in the half hour
    before 07:00: the morning digest carries the night's news, and Librus is not asked
    at 01:00 for news nobody reads before then."""
    cadence = Cadence(rng=random.Random(seed))
    now, polls = at(day, 21, 50), []
    while now < at(day + timedelta(days=1), 7):
        now = cadence.next_due(kind, now, YEAR)
        polls.append(now)
    night = [p for p in polls if _at_night(p)]
    assert len(night) == 1
    assert at(day + timedelta(days=1), 6, 30) <= night[0] < at(day + timedelta(days=1), 7)


def test_the_night_interval_does_not_jump_over_the_morning() -> None:
    cadence = Cadence(rng=random.Random(3))
    for minute in range(0, 60, 5):
        due = cadence.next_due(K.GRADES, at(TUESDAY, 6, minute), YEAR)
        assert due <= at(TUESDAY, 7, 10)


def test_intervals_spread_over_the_jitter() -> None:
    cadence = Cadence(CadencePolicy(jitter=0.1), random.Random(1))
    now = at(TUESDAY, 10)
    gaps = [(cadence.next_due(K.GRADES, now, YEAR) - now).total_seconds() for _ in range(500)]
    assert min(gaps) >= 540 and max(gaps) <= 600
    assert max(gaps) - min(gaps) > 45  # spread, so accounts do not ask at one moment


LAST_YEAR = SchoolCalendar(
    {
        "class": {"begin": "2025-09-01", "end": "2026-06-26"},
        "free_days": [{"from": "2025-12-22", "to": "2025-12-31"}],
    }
)


def test_the_first_school_day_follows_the_regulation() -> None:
    # 1 September, or the Monday after it when it falls on a Friday or a weekend.
    assert first_school_day(date(2026, 6, 26)) == date(2026, 9, 1)  # a Tuesday
    assert first_school_day(date(2025, 6, 27)) == date(2025, 9, 1)  # a Monday
    assert first_school_day(date(2028, 6, 23)) == date(2028, 9, 4)  # Friday 1st
    assert first_school_day(date(2029, 6, 22)) == date(2029, 9, 3)  # Saturday 1st
    assert first_school_day(date(2030, 6, 21)) == date(2030, 9, 2)  # Sunday 1st
    assert first_school_day(date(2026, 9, 30)) == date(2027, 9, 1)  # ended in autumn


def test_last_years_dates_do_not_make_september_a_holiday() -> None:
    cadence = Cadence()
    assert not LAST_YEAR.is_school_day(date(2026, 8, 31))  # summer holidays
    assert LAST_YEAR.is_school_day(date(2026, 9, 1))
    assert not LAST_YEAR.is_school_day(date(2026, 9, 5))  # a Saturday
    assert LAST_YEAR.outdated(date(2026, 9, 1)) and not LAST_YEAR.outdated(date(2026, 8, 31))
    september = at(date(2026, 9, 1), 10)
    assert cadence.interval(K.GRADES, september, LAST_YEAR) == timedelta(minutes=10)
    # The night before, the last poll does not jump over 07:00 of the first day.
    night = at(date(2026, 9, 1), 2)
    due = cadence.next_due(K.GRADES, night, LAST_YEAR)
    assert due <= at(date(2026, 9, 1), 7, 10)


def test_one_polls_kinds_fall_due_together_and_in_utc() -> None:
    """A shared draw keeps the kinds one poll fetched together (a separate wake-up
    costs Librus a /refreshToken); the morning boundary comes back as UTC."""
    cadence = Cadence(rng=random.Random(3))
    evening = at(SATURDAY, 16)
    draw = cadence.draw()
    dues = {k: cadence.next_due(k, evening, YEAR, draw) for k in sorted(K.URGENT_KINDS)}
    assert len(set(dues.values())) == 1
    night = at(TUESDAY, 4)
    morning = cadence.next_due(K.GRADES, night, YEAR, 0.5)
    assert morning.tzinfo is UTC and morning == at(TUESDAY, 7, 5)


def test_lesson_topics_and_excuses_once_a_day_on_days_off() -> None:
    """The configured cadence (bot.policies): on a Saturday the on-need kinds are asked
    for once a day, the other kinds every 8 hours; in school hours as configured."""
    cadence = Cadence(cadence_policy(Settings.model_validate({})))
    assert cadence.interval(K.TOPICS, at(SATURDAY, 10), YEAR) == timedelta(days=1)
    assert cadence.interval(K.EXCUSES, at(SATURDAY, 10), YEAR) == timedelta(days=1)
    assert cadence.interval(K.NOTES, at(SATURDAY, 10), YEAR) == timedelta(hours=8)
    assert cadence.interval(K.TOPICS, at(TUESDAY, 10), YEAR) == timedelta(hours=3)
    assert cadence.interval(K.AGENDA, at(TUESDAY, 10), YEAR) == timedelta(minutes=30)
    assert cadence.interval(K.HOMEWORK, at(TUESDAY, 10), YEAR) == timedelta(minutes=30)
