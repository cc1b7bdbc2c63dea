"""RODO: /eksport hands a parent everything stored about them, without the password;
/usun deletes all of it in one go, leaving another parent's link to a shared child."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage.models import Base
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, in_group, share_code

ERASED = 987654321  # an id no other column would hold by chance
SECOND = 602


async def _every_row(h: Harness) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    async with h.store.reading() as uow:
        session = uow.session
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).mappings():
                rows.append((table.name, dict(row)))
    return rows


async def test_export_holds_everything_but_the_password(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account(0)
        await h.link(ERASED, account)
        reply = await h.say(ERASED, "/eksport", expect=lambda e: e.document is not None)
        assert reply.document is not None
        name, body = reply.document
        assert name.endswith(".json") and "Hasła w pliku nie ma" in reply.text
        data = json.loads(body)
        child = data["children"][0]
        assert child["synergia_login"] == account["login"]
        assert child["student"] and child["librus_data"]["grades"]["data"]["items"]
        assert data["telegram_user"]["id"] == ERASED
        assert data["private_chat_settings"]["quiet_hours"] == ["21:00", "07:00"]
        assert str(account["password"]).encode() not in body
        assert b"session" not in body.lower()
        reply = await export_in_a_group(h)
        assert "tylko w prywatnej rozmowie" in reply.text
        notice = await in_group(h, ERASED, "/prywatnosc")
        assert "AES-256" in notice.text and "30 dni" in notice.text and "/usun" in notice.text


async def export_in_a_group(h: Harness) -> Any:
    h.telegram.group(GROUP, members={ERASED: "member"})
    await h.bot_joins(GROUP, ERASED)
    return await in_group(h, ERASED, "/eksport")


async def test_erasure_leaves_no_row_of_the_parent(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        shared, alone = h.account(0), h.account(1)
        await h.link(ERASED, shared)
        await h.link(ERASED, alone)
        h.telegram.user(SECOND, "Piotr")
        await h.link(SECOND, shared)  # the other parent keeps this child
        h.telegram.group(GROUP, members={ERASED: "creator", SECOND: "member"})
        await h.bot_joins(GROUP, ERASED)
        await in_group(h, ERASED, f"/start {await share_code(h, ERASED)}")
        await h.say(ERASED, "/dodaj")  # a half-finished dialogue is data too

        ask = await h.say(ERASED, "/usun", expect=lambda e: bool(e.buttons))
        assert "Tego nie da się cofnąć" in ask.text
        query = h.telegram.press(ERASED, SECOND, ask.message_id, text="Tak")  # not possible in
        # a private chat, but the bot must not trust it if it happened
        assert (await h.answer_of(query)).get("show_alert")
        assert any(
            name == "links" and row["user_id"] == ERASED for name, row in await _every_row(h)
        )
        done = await h.press(ERASED, "Tak, usuń wszystko")
        assert "wszystkie Twoje dane zostały usunięte" in done.text

        rows = await _every_row(h)
        mentions = [
            (name, row)
            for name, row in rows
            if ERASED in row.values()
            or any(str(ERASED) in str(value) for value in row.values())
            or alone["login"] in row.values()
        ]
        assert mentions == []
        logins = {row["login"] for name, row in rows if name == "accounts"}
        assert logins == {shared["login"]}
        group_follows = [
            row for name, row in rows if name == "subscriptions" and row["chat_id"] == GROUP
        ]
        assert group_follows == []
        async with h.store.reading() as uow:
            assert len(await uow.links.children(SECOND)) == 1
