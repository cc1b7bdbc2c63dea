"""Small pieces of the Librus adapter: weeks to fetch, backoff, the per-host rate limit."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.backoff import full_jitter
from sync.upstream.client import early_education, week_starts
from sync.upstream.holder import child_key, read_holder
from sync.upstream.sessions import session_from_bytes
from sync.upstream.transport import HostRateLimiter


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), [date(2026, 11, 23)]),  # Monday: this week covers 7 days
        (date(2026, 11, 25), [date(2026, 11, 23), date(2026, 11, 30)]),  # Wednesday
        (date(2026, 11, 28), [date(2026, 11, 30)]),  # Saturday: only next week has school
        (date(2026, 11, 29), [date(2026, 11, 30)]),  # Sunday
    ],
)
def test_week_starts(today: date, expected: list[date]) -> None:
    assert week_starts(today) == expected


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)))
def test_week_starts_cover_every_school_day_of_the_next_week(today: date) -> None:
    weeks = week_starts(today)
    assert 1 <= len(weeks) <= 2
    for offset in range(7):
        day = today + timedelta(days=offset)
        if day.weekday() < 5:
            assert day - timedelta(days=day.weekday()) in weeks


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=2**32))
def test_full_jitter_stays_within_bounds(failures: int, seed: int) -> None:
    delay = full_jitter(failures, base=60, cap=3600, rng=random.Random(seed)).total_seconds()
    assert 15 <= delay <= 3600
    assert delay <= max(15, 60 * 2**failures)


def test_full_jitter_spreads_retries() -> None:
    rng = random.Random(1)
    delays = {round(full_jitter(5, base=60, cap=3600, rng=rng).total_seconds()) for _ in range(50)}
    assert len(delays) > 40


async def test_rate_limiter_holds_requests_per_second() -> None:
    limiter = HostRateLimiter(rate=40, burst=1)
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire("synergia.librus.pl") for _ in range(21)))
    elapsed = time.monotonic() - started
    assert elapsed >= 20 / 40 * 0.9  # 20 intervals of 1/40 s after the first request
    assert limiter.requests == 21
    # Another host has its own bucket.
    other = time.monotonic()
    await limiter.acquire("api.librus.pl")
    assert time.monotonic() - other < 0.05


def test_session_blob_round_trip_and_garbage() -> None:
    blob = (
        b'{"cookies": [{"name": "DeviceCookie", "value": "x", "domain": "api.librus.pl", '
        b'"path": "/OAuth"}], "logged_in_at": 12.5}'
    )
    data = session_from_bytes(blob)
    assert data is not None and data.logged_in_at == 12.5 and data.cookies[0]["path"] == "/OAuth"
    assert session_from_bytes(b"not json") is None
    assert session_from_bytes(None) is None


def test_a_short_reference_answer_does_not_shrink_what_is_known() -> None:
    from sync.upstream.reference import merge_reference

    old = {
        "class": {"begin": "2026-09-01"},
        "subjects": {"1": "Matematyka", "2": "Fizyka"},
        "point_grades": True,
        "descriptive": True,
    }
    truncated = {
        "class": {"begin": "2026-09-01"},
        "subjects": {"1": "Matematyka (rozszerzona)"},
        "point_grades": False,
        "descriptive": False,
    }
    merged = merge_reference(old, truncated)
    assert merged["subjects"] == {"1": "Matematyka (rozszerzona)", "2": "Fizyka"}
    assert merged["point_grades"] and merged["descriptive"]
    next_year = {**truncated, "class": {"begin": "2027-09-01"}}
    assert merge_reference(old, next_year) == next_year  # a new school year starts afresh


def test_the_holder_of_a_login_is_read_from_me() -> None:
    def me(group: object, account: tuple[str, str], user: tuple[str, str]) -> dict[str, object]:
        return {
            "Me": {
                "Account": {
                    "UserId": 33,
                    "GroupId": group,
                    "FirstName": account[0],
                    "LastName": account[1],
                },
                "User": {"FirstName": user[0], "LastName": user[1]},
            }
        }

    parent = read_holder(me(5, ("Anna", "Zielińska"), ("Leon", "Zieliński")))
    assert (parent.kind, parent.name, parent.child_id) == ("parent", "Anna Zielińska", "33")
    pupil = read_holder(me(8, ("Tomasz", "Problem"), ("Tomasz", "Problem")))
    assert (pupil.kind, pupil.name) == ("pupil", None)
    # No known group: differing names mean a parent's login, equal ones a pupil's.
    assert read_holder(me(None, ("Anna", "Nowak"), ("Iga", "Nowak"))).kind == "parent"
    assert read_holder(me("x", ("Iga", "Nowak"), ("Iga", "Nowak"))).kind == "pupil"
    assert read_holder({"Me": []}) == read_holder({}) == read_holder({"Me": {"Account": 7}})
    assert read_holder({}).kind == "unknown" and read_holder({}).child_id is None


def test_one_child_has_one_key_per_school() -> None:
    assert child_key("33", "SP 12") == child_key("33", " sp 12 ")
    assert child_key("33", "SP 12") != child_key("33", "SP 14")
    assert child_key(None, "SP 12") is None


def test_descriptive_grading_is_looked_for_in_the_first_three_grades() -> None:
    def of(name: object) -> dict[str, object]:
        return {"class": {"name": name}}

    assert [early_education(of(n)) for n in ("1a", "3 b", "4a", "12c", None)] == [
        True,
        True,
        False,
        False,
        True,
    ]
    assert early_education({}) is True


def test_the_childs_id_is_users_own_where_librus_gives_it() -> None:
    both = {"Me": {"Account": {"UserId": 33, "GroupId": 5}, "User": {"Id": 44}}}
    assert read_holder(both).child_id == "44"
    only_account = {"Me": {"Account": {"UserId": 33, "GroupId": 8}, "User": {}}}
    assert read_holder(only_account).child_id == "33"
