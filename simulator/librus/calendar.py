"""The Polish school year: its dates, holidays and breaks."""

from __future__ import annotations

from datetime import date, timedelta


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def school_year_start(today: date) -> date:
    """1 September of the school year `today` belongs to (moved off a weekend)."""
    year = today.year if today.month >= 8 else today.year - 1
    start = date(year, 9, 1)
    while start.weekday() >= 5:
        start += timedelta(days=1)
    return start


def school_year_end(start: date) -> date:
    """The last Friday of June of the following year."""
    end = date(start.year + 1, 6, 30)
    while end.weekday() != 4:
        end -= timedelta(days=1)
    return end


def holidays(start: date, winter_break_week: int) -> list[tuple[str, date, date]]:
    """Days off for the whole school: public holidays, breaks, directors' days.

    `winter_break_week` (0-3) picks one of the voivodeship winter-break slots, which
    begin on the Monday of the third week of January plus that many weeks.
    """
    year = start.year
    nxt = year + 1
    easter_day = easter(nxt)
    jan = date(nxt, 1, 15)
    winter_start = (
        jan + timedelta(days=(7 - jan.weekday()) % 7) + timedelta(weeks=winter_break_week)
    )
    return [
        ("Dzień Wszystkich Świętych", date(year, 11, 1), date(year, 11, 1)),
        ("Dzień dyrektorski", date(year, 11, 2), date(year, 11, 2)),
        ("Narodowe Święto Niepodległości", date(year, 11, 11), date(year, 11, 11)),
        ("Zimowa przerwa świąteczna", date(year, 12, 23), date(year, 12, 31)),
        ("Nowy Rok", date(nxt, 1, 1), date(nxt, 1, 1)),
        ("Święto Trzech Króli", date(nxt, 1, 6), date(nxt, 1, 6)),
        ("Ferie zimowe", winter_start, winter_start + timedelta(days=13)),
        (
            "Wiosenna przerwa świąteczna",
            easter_day - timedelta(days=3),
            easter_day + timedelta(days=2),
        ),
        ("Święto Pracy", date(nxt, 5, 1), date(nxt, 5, 1)),
        ("Dzień dyrektorski", date(nxt, 5, 2), date(nxt, 5, 2)),
        ("Święto Konstytucji 3 Maja", date(nxt, 5, 3), date(nxt, 5, 3)),
        ("Boże Ciało", easter_day + timedelta(days=60), easter_day + timedelta(days=60)),
        ("Dzień dyrektorski", easter_day + timedelta(days=61), easter_day + timedelta(days=61)),
    ]


def end_of_first_semester(start: date, winter_break_week: int) -> date:
    """The Friday before the winter break (semester 1 ends with it)."""
    for name, first, _ in holidays(start, winter_break_week):
        if name == "Ferie zimowe":
            return first - timedelta(days=3)
    raise AssertionError("no winter break")  # pragma: no cover


def school_days(start: date, end: date, off: list[tuple[str, date, date]]) -> list[date]:
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5 and not any(a <= day <= b for _, a, b in off):
            days.append(day)
        day += timedelta(days=1)
    return days
