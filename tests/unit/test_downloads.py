"""The pace of one child's downloads (`bot.downloads`) and the file buttons' shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.downloads import DownloadGate
from bot.i18n import translator
from bot.render.files import MESSAGE, file_rows, size
from sync.clock import ManualClock

START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def gate(clock: ManualClock, per_hour: int = 3) -> DownloadGate:
    return DownloadGate(clock.now, cooldown=timedelta(seconds=20), per_hour=per_hour)


def test_one_at_a_time_then_a_pause() -> None:
    clock = ManualClock(START)
    downloads = gate(clock)
    assert downloads.claim(1) is None
    busy = downloads.claim(1)
    assert busy is not None and busy.reason == "busy"
    assert downloads.claim(2) is None  # another child is not held up
    clock.advance(timedelta(seconds=90))
    downloads.release(1)
    wait = downloads.claim(1)
    assert wait is not None and wait.reason == "wait"
    assert wait.until == START + timedelta(seconds=110)
    clock.advance(timedelta(seconds=20))
    assert downloads.claim(1) is None


def test_an_hourly_cap_that_slides() -> None:
    clock = ManualClock(START)
    downloads = gate(clock, per_hour=2)
    for _ in range(2):
        assert downloads.claim(7) is None
        downloads.release(7)
        clock.advance(timedelta(minutes=10))
    capped = downloads.claim(7)
    assert capped is not None and capped.reason == "hour"
    assert capped.until == START + timedelta(hours=1)
    clock.set(START + timedelta(hours=1))
    assert downloads.claim(7) is None


def test_buttons_fit_telegrams_callback_data_or_say_librus() -> None:
    files = [("6519794", "regulamin.pdf"), ("9" * 60, "za_dlugi.pdf"), ("3", "trzeci.pdf")]
    offer = file_rows(5, MESSAGE, "123", files, room=6)
    assert offer.offered == ["regulamin.pdf", "trzeci.pdf"]
    assert offer.left == ["za_dlugi.pdf"]
    for (button,) in offer.rows:
        assert button.callback_data is not None and len(button.callback_data.encode()) <= 64
    limited = file_rows(5, MESSAGE, "123", files[:1] + files[2:], room=1)
    assert limited.offered == ["regulamin.pdf"] and limited.left == ["trzeci.pdf"]
    off = file_rows(5, MESSAGE, "123", files[:1], enabled=False)
    assert off.rows == [] and off.left == ["regulamin.pdf"]


def test_sizes_read_in_the_chats_numbers() -> None:
    assert size(translator("pl"), 53_800_000) == "51,3 MB"
    assert size(translator("en"), 53_800_000) == "51.3 MB"
    assert size(translator("uk"), 480_000) == "469 kB"
