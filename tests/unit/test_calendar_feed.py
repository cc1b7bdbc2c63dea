"""What a calendar feed holds and how it reads, without a server: UIDs by Librus id
(never by position), all-day and timed entries in Warsaw time, the options, the
child's name where a feed has several, and a body that is the same for the same
content (the ETag rests on it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import icalendar
import pytest

from bot.i18n import LANGUAGES, translator
from bot.render.calendar import ShownEntry, feed_url, ics
from dzwonek.calendar_server import TOKEN, RequestLimit
from storage.records import EventVersion
from sync.calendar_feed import FeedOptions, child_entries, shown

TODAY = date(2026, 12, 2)
ACCOUNT = 7


def _agenda(*items: dict[str, Any]) -> dict[str, Any]:
    return {"items": list(items)}


TEST = {
    "id": "101",
    "date": "2026-12-09",
    "category": "sprawdzian",
    "content": "Ułamki",
    "subject": "Matematyka",
    "time_from": "08:00",
}
TRIP = {"id": "102", "date": "2026-12-11", "category": "wycieczka", "content": "Teatr"}
HOMEWORK = {"id": "55", "subject": "Historia", "topic": "Piastowie", "due": "2026-12-04"}
LESSONS = [
    {"no": 1, "from": "08:00", "to": "08:45", "subject": "Fizyka", "canceled": True},
    {"no": 2, "from": "08:55", "to": "09:40", "subject": "Chemia", "substitution": True},
    {"no": 3, "from": "09:50", "to": "10:35", "subject": "Biologia"},
]
REFERENCE = {
    "free_days": [
        {"id": 9, "name": "Przerwa świąteczna", "from": "2026-12-23", "to": "2026-12-31"},
    ]
}


def _snapshots(*agenda: dict[str, Any]) -> dict[str, Any]:
    return {
        "agenda": _agenda(*agenda),
        "homework": {"items": [HOMEWORK, {"id": "56", "due": None}]},
        "timetable": {"days": {"2026-12-03": LESSONS, "2026-12-14": LESSONS}},
    }


def test_every_kind_with_a_stable_uid() -> None:
    entries = child_entries(ACCOUNT, _snapshots(TEST, TRIP), REFERENCE, TODAY)
    by_uid = {e.uid: e for e in entries}
    test = by_uid["agenda-101-7@dzwonek"]
    assert (test.day, test.start, test.end) == (date(2026, 12, 9), time(8), time(8, 45))
    assert by_uid["agenda-102-7@dzwonek"].start is None  # no hour: all day
    assert by_uid["homework-55-7@dzwonek"].day == date(2026, 12, 4)
    assert "homework-56-7@dzwonek" not in by_uid  # no due date: nothing to put in
    free = by_uid["freeday-9-20261223-7@dzwonek"]
    assert (free.day, free.last_day) == (date(2026, 12, 23), date(2026, 12, 31))
    changes = {e.uid: e.detail for e in entries if e.kind == "change"}
    # only this week's changes, and only changed lessons
    assert changes == {
        "change-20261203-1-7@dzwonek": "canceled",
        "change-20261203-2-7@dzwonek": "substitution",
    }
    # Deleting the first entry changes nothing about the second (no positional UIDs).
    alone = child_entries(ACCOUNT, _snapshots(TRIP), REFERENCE, TODAY)
    trip = next(e for e in alone if e.uid == "agenda-102-7@dzwonek")
    assert trip.fingerprint() == by_uid["agenda-102-7@dzwonek"].fingerprint()
    assert "agenda-101-7@dzwonek" not in {e.uid for e in alone}


def test_options_choose_homework_and_changes() -> None:
    entries = child_entries(ACCOUNT, _snapshots(TEST), REFERENCE, TODAY)
    kinds = {e.kind for e in shown(entries, FeedOptions(homework=False, changes=False))}
    assert kinds == {"agenda", "free_day"}
    kinds = {e.kind for e in shown(entries, FeedOptions(homework=True, changes=True))}
    assert kinds == {"agenda", "free_day", "homework", "change"}


def _render(language: str, child: str | None, sequence: int = 0) -> icalendar.Calendar:
    entries = child_entries(ACCOUNT, _snapshots(TEST, TRIP), REFERENCE, TODAY)
    stamp = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    body = ics(
        translator(language),
        "feed-1@dzwonek",
        "Dzwonek",
        [ShownEntry(e, EventVersion(sequence, stamp), child) for e in entries],
    )
    return icalendar.Calendar.from_ical(body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_reads_in_each_language(language: str) -> None:
    events = {str(e["UID"]): e for e in _render(language, "Ania").walk("VEVENT")}
    for event in events.values():
        summary = str(event["SUMMARY"])
        assert summary.startswith("Ania: ") and "cal-" not in summary
    test = events["agenda-101-7@dzwonek"]
    assert str(test["SUMMARY"]) == "Ania: Sprawdzian – Matematyka"
    start = test.decoded("DTSTART")
    assert start == datetime(2026, 12, 9, 8, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Warsaw"
    free = events["freeday-9-20261223-7@dzwonek"]
    assert free.decoded("DTEND") == date(2027, 1, 1)  # exclusive: the 31st is included


def test_the_same_content_gives_the_same_body() -> None:
    assert _render("pl", None).to_ical() == _render("pl", None).to_ical()
    assert _render("pl", None).to_ical() != _render("pl", None, sequence=1).to_ical()
    events = _render("pl", None).walk("VEVENT")
    assert all(not str(e["SUMMARY"]).startswith("Ania") for e in events)


def test_links_carry_only_the_token() -> None:
    token = "A" * 22
    assert TOKEN.match(token)
    url = feed_url("https://dzwonek.example.pl/", token)
    assert url == f"https://dzwonek.example.pl/calendar/{token}.ics"


def test_the_limit_is_per_link_and_per_hour() -> None:
    limit = RequestLimit(per_hour=2)
    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert limit.allow("a", now) is None
    assert limit.allow("a", now + timedelta(minutes=1)) is None
    wait = limit.allow("a", now + timedelta(minutes=2))
    assert wait is not None and timedelta(minutes=57) < wait <= timedelta(hours=1)
    assert limit.allow("b", now) is None
    assert limit.allow("a", now + timedelta(hours=1, seconds=1)) is None
