"""What to revise and what was missed, for a family: two children in one private chat
(a button per test, named by child), a family group that sees only the child shared
there (its members press the buttons, the catch-up comes there too), and Ukrainian."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from storage.uow import Store
from tests.e2e.harness import running_bot
from tests.e2e.test_groups import GROUP, MEMBER, OTHER, PARENT, family, in_group, share_code
from tests.e2e.test_revision import lessons_of

PIPELINE = ("bot", "poller", "sender")
TODAY = date(2026, 11, 25)  # the simulated Wednesday
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


async def names(store: Store, user: int) -> list[str]:
    async with store.reading() as uow:
        return [c.child_name for c in await uow.links.children(user)]


async def test_two_children_a_group_and_ukrainian(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        first = h.account(0)
        login = str(first["login"])
        subject = lessons_of(h.librus, login, TUESDAY)[0][1]
        h.librus.edit.add_agenda(
            login, content="Dział pierwszy", day=TODAY + timedelta(days=2), subject=subject
        )
        for day in (MONDAY, TUESDAY):
            for no, _ in lessons_of(h.librus, login, day):
                h.librus.edit.add_attendance(login, day=day, lesson_no=no)
        await family(h)  # PARENT follows the first child, OTHER another family's
        code = await share_code(h)
        await in_group(h, PARENT, f"/start@dzwonek_bot {code}")
        second = h.account(2)
        await h.link(PARENT, second)  # a second child of PARENT's, not shared

        # The private chat: both children's tests, each button naming its child.
        mine = await names(h.store, PARENT)
        listing = await h.say(PARENT, "/sprawdziany", expect=has("Najbliższe"))
        labels = [b for b in listing.button_texts() if "📚" in b]
        assert {label.split(":")[0] for label in labels} >= {mine[0][:12]}
        assert all(":" in label for label in labels)  # several children: each named

        # The group: a member sees the shared child's tests only, and can open one.
        start = h.last_id(GROUP)
        seen = await in_group(h, MEMBER, "/sprawdziany@dzwonek_bot")
        (other_child,) = await names(h.store, OTHER)
        assert "Dział pierwszy" in seen.text and mine[0] in seen.text
        assert other_child not in seen.text  # another family's child, not shared here
        button = next(b for b in seen.button_texts() if b.startswith(f"📚 {subject}, pt. 27.11"))
        opened = await h.press(MEMBER, button, chat_id=GROUP, expect=has("Tematy"))
        assert "Dział pierwszy" in opened.text
        # The child was back today after two days away: the group hears of it once,
        # the other family's parent never.
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        caught = [e for e in h.news(GROUP, start) if "wraca do szkoły" in e.text]
        assert len(caught) == 1
        assert not [e for e in h.news(OTHER) if "wraca do szkoły" in e.text]

        # Ukrainian: the unexcused days' ages in its words.
        async with h.store.transaction() as uow:
            await uow.chats.update_settings(PARENT, language="uk")
        await h.say(PARENT, "/frekwencja", expect=lambda e: bool(e.buttons))
        picked = await h.press(PARENT, mine[0], expect=has("тому"))
        assert "днів тому" in picked.text or "дні тому" in picked.text
