"""The family's use cases without Telegram: link, share, redeem, erase (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.uow import Store
from sync import family
from sync.family import LinkRequest, Redeemed

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
MOTHER, FATHER, GRANDMA = 501, 502, 503
GROUP = -9001


def request(user_id: int, login: str, *, child_key: str | None = "leon@sp7") -> LinkRequest:
    return LinkRequest(
        user_id=user_id,
        language="pl",
        chat_id=user_id,
        login=login,
        password="Tajne-Haslo-1",
        session=b"",
        student_name="Leon Zieliński",
        class_name="2a",
        school_name="SP 7",
        register_number=12,
        holder="parent",
        child_key=child_key,
        who="Anna (@anna)",
    )


async def refusal(store: Store, code: str, user_id: int, now: datetime) -> Redeemed | None:
    found = await family.find_code(store, code, user_id, now)
    return found.outcome if found is not None else None


async def chats(store: Store, *ids: int) -> None:
    async with store.transaction() as uow:
        for chat_id in ids:
            await uow.chats.ensure(chat_id, "group" if chat_id < 0 else "private")


async def test_linking_stores_follows_and_polls_soon_and_a_second_login_joins(
    store: Store,
) -> None:
    await chats(store, MOTHER, FATHER)
    first = await family.link_child(store, request(MOTHER, "7700001"), NOW)
    assert first.child_name == "Leon" and not first.joined
    # The father links the same child through the pupil's own login: he joins.
    second = await family.link_child(store, request(FATHER, "7700002u"), NOW)
    assert second.joined and second.account_id == first.account_id
    async with store.reading() as uow:
        assert await uow.accounts.by_login("7700002u") is None  # nothing of his stored
        assert [c.account_id for c in await uow.links.children(FATHER)] == [first.account_id]
        assert await uow.subscriptions.get(FATHER, first.account_id) is not None
        told = await uow.outbox.count_of_type("notice")
    assert told == 1  # the mother hears someone else linked Leon


async def test_a_share_code_works_once_for_its_creator_and_not_after_it_expires(
    store: Store,
) -> None:
    await chats(store, MOTHER, GROUP)
    linked = await family.link_child(store, request(MOTHER, "7700001"), NOW)
    code = await family.new_share_code(store, MOTHER, {linked.account_id}, NOW)
    assert await refusal(store, code, GRANDMA, NOW) == Redeemed.OTHER_USER
    assert await refusal(store, "nope", MOTHER, NOW) == Redeemed.UNKNOWN
    late = NOW + family.CODE_TTL + timedelta(seconds=1)
    assert await refusal(store, code, MOTHER, late) == Redeemed.EXPIRED
    assert await refusal(store, code, MOTHER, NOW) is None
    done = await family.redeem(store, code, GROUP, MOTHER, NOW)
    assert done.outcome == Redeemed.SHARED and done.names == ("Leon",)
    again = await family.redeem(store, code, GROUP, MOTHER, NOW)
    assert again.outcome == Redeemed.USED
    async with store.reading() as uow:
        assert [c.account_id for c in await uow.links.children_of_chat(GROUP)] == [
            linked.account_id
        ]


async def test_a_code_whose_children_were_unlinked_shares_nothing(store: Store) -> None:
    await chats(store, MOTHER, GROUP)
    linked = await family.link_child(store, request(MOTHER, "7700001"), NOW)
    code = await family.new_share_code(store, MOTHER, {linked.account_id}, NOW)
    async with store.transaction() as uow:
        await uow.links.unlink(MOTHER, linked.account_id)
    assert (await family.redeem(store, code, GROUP, MOTHER, NOW)).outcome == Redeemed.NOTHING


class Forgetting:
    def __init__(self) -> None:
        self.forgotten: list[int] = []

    async def forget(self, account_id: int) -> None:
        self.forgotten.append(account_id)


async def test_erasing_a_parent_deletes_only_the_accounts_no_one_else_follows(
    store: Store,
) -> None:
    await chats(store, MOTHER, FATHER)
    shared = await family.link_child(store, request(MOTHER, "7700001"), NOW)
    await family.link_child(store, request(FATHER, "7700001"), NOW)  # the same login
    own = await family.link_child(store, request(MOTHER, "8800001", child_key=None), NOW)
    upstream = Forgetting()
    assert await family.erase_parent(store, upstream, MOTHER) == 1
    assert upstream.forgotten == [own.account_id]
    async with store.reading() as uow:
        assert await uow.links.children(MOTHER) == []
        assert await uow.accounts.by_login("8800001") is None
        assert [c.account_id for c in await uow.links.children(FATHER)] == [shared.account_id]
