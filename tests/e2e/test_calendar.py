"""/kalendarz through the real bot: a parent's link per child, fetched by a calendar
over HTTP and never stored in the database; switching it off; a group's link only for
its admins and only in their private chat; and a server without a public address."""

from __future__ import annotations

import json
import re
from pathlib import Path

import aiohttp
import icalendar

from bot.render.calendar import feed_url
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, MEMBER, PARENT, family, in_group, share_code

USER = 611
LINK = re.compile(r"/calendar/([A-Za-z0-9_-]{22})\.ics")
CALENDAR = {"enabled": True, "port": 0, "public_url": "https://dzwonek.example.pl"}


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


async def fetch(h: Harness, token: str) -> tuple[int, bytes]:
    server = h.runtime.calendar
    assert server is not None
    url = feed_url(f"http://127.0.0.1:{server.port}", token)
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read()


async def test_a_parent_subscribes_and_switches_it_off(tmp_path: Path) -> None:
    async with running_bot(tmp_path, calendar=CALENDAR) as h:
        await h.link(USER, h.account(0))
        async with h.store.reading() as uow:
            (child,) = await uow.links.children(USER)
        screen = await h.say(USER, "/kalendarz", expect=has("Terminarz w kalendarzu"))
        assert "Nie ma jeszcze linku" in screen.text
        assert screen.button_texts() == [f"🔗 Link: {child.child_name}"]
        given = await h.press(USER, "🔗 Link", expect=has("Link do kalendarza"))
        found = LINK.search(given.text)
        assert found is not None and given.text.count("https://dzwonek.example.pl/calendar/") == 1
        token = found.group(1)
        assert child.child_name in given.text and "nie udostępniaj" in given.text
        status, body = await fetch(h, token)
        assert status == 200
        assert icalendar.Calendar.from_ical(body).get("X-WR-CALNAME") == (
            f"Dzwonek: {child.child_name}"
        )
        # Only a hash is stored: the database file does not hold the token.
        database = (tmp_path / "bot.sqlite3").read_bytes()
        for extra in tmp_path.glob("bot.sqlite3-*"):
            database += extra.read_bytes()
        assert token.encode() not in database
        # /eksport lists the link (when made, last fetched), never its token
        export = await h.say(USER, "/eksport", expect=lambda e: e.document is not None)
        assert export.document is not None
        body = export.document[1]
        (listed,) = json.loads(body)["calendar_links"]
        assert listed["child_account"] == child.account_id and listed["last_fetched"]
        assert token.encode() not in body
        again = await h.say(USER, "/kalendarz", expect=has("Terminarz w kalendarzu"))
        assert f"{child.child_name}: link z" in again.text
        assert "kalendarz pobrał go" in again.text
        asked = await h.press(USER, "✖ Wyłącz", expect=has("Wyłączyć link"))
        assert "✖ Tak, wyłącz" in asked.button_texts()
        done = await h.press(USER, "✖ Tak, wyłącz", expect=has("Nie ma jeszcze linku"))
        assert done.button_texts()[0].startswith("🔗 Link")
        assert (await fetch(h, token))[0] == 404


async def test_a_group_link_goes_to_the_admin_privately(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=("bot", "poller", "sender"), calendar=CALENDAR) as h:
        await family(h)
        code = await share_code(h)
        await in_group(h, PARENT, f"/start@dzwonek_bot {code}")
        refused = await in_group(h, MEMBER, "/kalendarz@dzwonek_bot")
        assert "administratorzy" in refused.text
        screen = await in_group(h, PARENT, "/kalendarz@dzwonek_bot")
        (button,) = screen.button_texts()
        assert button.startswith("🔗 Link: ")
        await h.press(PARENT, "🔗 Link", chat_id=GROUP, expect=has("link z"))
        private = [e for e in h.telegram.bot_messages(PARENT) if LINK.search(e.text)]
        assert len(private) == 1
        # nothing with a link was posted in the group
        assert not any(LINK.search(e.text) for e in h.telegram.transcript(GROUP))
        found = LINK.search(private[0].text)
        assert found is not None
        status, body = await fetch(h, found.group(1))
        assert status == 200 and b"BEGIN:VCALENDAR" in body


async def test_without_a_public_address_it_says_so(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await h.link(USER, h.account(0))
        answer = await h.say(USER, "/kalendarz", expect=has("Kalendarz nie jest włączony"))
        assert not answer.buttons
