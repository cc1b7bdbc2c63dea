"""A parent links a child and asks for grades: the whole path, end to end."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.harness import running_bot


async def test_link_and_grades(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        h.telegram.user(501, "Anna")
        intro = await h.say(501, "/start")
        assert "Dzwonek" in intro.text and intro.button_texts() == ["➕ Dodaj dziecko"]
        done = await h.link(501, account)
        assert str(account["student"]).split()[0] in done.text
        grades = await h.say(501, "/oceny", expect=lambda e: "Oceny" in e.text)
        assert "średnia" in grades.text
