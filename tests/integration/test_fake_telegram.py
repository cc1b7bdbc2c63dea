"""The fake Bot API behaves like Telegram where the bot depends on it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.types import EphemeralMessageParameters as Ephemeral
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.config import Settings
from bot.render.text import split_message
from bot.telegram import create_bot
from simulator.telegram.limits import FloodControl
from simulator.telegram.server import FakeTelegram, TelegramFault


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    telegram = FakeTelegram()
    await telegram.start()
    telegram.user(1, "Anna")
    try:
        yield telegram
    finally:
        await telegram.stop()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.api_base))
    instance = Bot(fake.token, session=session)
    try:
        yield instance
    finally:
        await session.close()


async def raw(fake: FakeTelegram, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http:
        url = f"{fake.api_base}/bot{fake.token}/{method}"
        async with http.post(
            url,
            data={
                k: json.dumps(v) if isinstance(v, dict | list) else str(v)
                for k, v in params.items()
            },
        ) as resp:
            return resp.status, await resp.json()


async def test_envelope_and_unknown_method(fake: FakeTelegram) -> None:
    status, body = await raw(fake, "getMe")
    assert status == 200 and body["ok"] and body["result"]["is_bot"]
    status, body = await raw(fake, "sendPoll", chat_id=1)
    assert status == 404 and body == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{fake.api_base}/bot1:wrong/getMe") as resp,
    ):
        assert resp.status == 401


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"chat_id": 1}, "message text is empty"),
        ({"chat_id": 1, "text": "   "}, "message text is empty"),
        ({"chat_id": "x", "text": "a"}, "chat not found"),
        ({"chat_id": 1, "text": "a", "colour": "red"}, "unexpected parameter"),
        ({"chat_id": 1, "text": "1 < 2", "parse_mode": "HTML"}, "can't parse entities"),
        ({"chat_id": 1, "text": "Tom & Jerry", "parse_mode": "HTML"}, "can't parse entities"),
        ({"chat_id": 1, "text": "<b>bold</i>", "parse_mode": "HTML"}, "can't parse entities"),
        (
            {"chat_id": 1, "text": "<script>x</script>", "parse_mode": "HTML"},
            "Unsupported start tag",
        ),
        ({"chat_id": 1, "text": "&nbsp;", "parse_mode": "HTML"}, "Unsupported HTML entity"),
        ({"chat_id": 1, "text": "x" * 4097}, "message is too long"),
        ({"chat_id": 1, "text": "😀" * 2049}, "message is too long"),
        # Short to read, long in markup: refused on its own cap.
        (
            {"chat_id": 1, "text": '<a href="https://x.pl">a</a>' * 400, "parse_mode": "HTML"},
            "entities too long",
        ),
        (
            {
                "chat_id": 1,
                "text": "a",
                "reply_markup": {"inline_keyboard": [[{"text": "b", "callback_data": "x" * 65}]]},
            },
            "BUTTON_DATA_INVALID",
        ),
        (
            {
                "chat_id": 1,
                "text": "a",
                "reply_markup": {"inline_keyboard": [[{"text": "", "callback_data": "x"}]]},
            },
            "inline keyboard button",
        ),
    ],
)
async def test_requests_telegram_would_refuse(
    fake: FakeTelegram, params: dict[str, Any], message: str
) -> None:
    status, body = await raw(fake, "sendMessage", **params)
    assert status == 400 and message in body["description"]
    assert fake.bot_messages(1) == []


async def test_formatting_past_the_hundredth_entity_is_dropped(fake: FakeTelegram) -> None:
    text = " ".join(f"<b>{n}</b>" for n in range(120))
    status, body = await raw(fake, "sendMessage", chat_id=1, text=text, parse_mode="HTML")
    assert status == 200 and len(body["result"]["entities"]) == 100
    assert fake.entities_dropped == 20


async def test_the_bots_splitter_keeps_every_part_within_telegrams_caps(
    fake: FakeTelegram,
) -> None:
    lines = [f'<b>{n}.</b> <i>ocena</i> <a href="https://x.pl/{n}">link</a>' for n in range(200)]
    parts = split_message("\n".join(lines))
    assert len(parts) > 1
    fake.flood = FloodControl(chat_per_second=100, chat_burst=50, group_per_minute=600)
    for part in parts:
        status, body = await raw(fake, "sendMessage", chat_id=1, text=part, parse_mode="HTML")
        assert status == 200, body
    assert fake.entities_dropped == 0
    assert sum(len(p.splitlines()) for p in parts) == 200


async def test_html_that_telegram_accepts(fake: FakeTelegram) -> None:
    text = 'Tom &amp; Jerry &lt;3 <b>bold <i>both</i></b> <a href="https://x.pl">l</a> &#128512;'
    status, _ = await raw(fake, "sendMessage", chat_id=1, text=text, parse_mode="HTML")
    assert status == 200
    assert fake.last_bot_message(1).text == "Tom & Jerry <3 bold both l 😀"
    exactly = "x" * 4096
    assert (await raw(fake, "sendMessage", chat_id=1, text=exactly))[0] == 200


async def test_messages_come_back_with_entities_as_telegram_returns_them(bot: Bot) -> None:
    text = "😀 <b>Oceny – <i>Ania</i></b>\n<u>5+</u> &amp; <code>x</code> <i>stan z 10:30</i>"
    sent = await bot.send_message(1, text, parse_mode="HTML")
    assert sent.text == "😀 Oceny – Ania\n5+ & x stan z 10:30"
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [
        ("bold", 3, 12),  # the emoji is two UTF-16 code units
        ("italic", 11, 4),
        ("underline", 16, 2),
        ("code", 21, 1),
        ("italic", 23, 12),
    ]
    assert sent.html_text == text  # what the bot compares before editing a message in place
    edited = await bot.edit_message_text(
        "<b>Oceny</b>", chat_id=1, message_id=sent.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, Message) and edited.html_text == "<b>Oceny</b>"
    with pytest.raises(TelegramBadRequest, match="not modified"):
        await bot.edit_message_text(
            "<b>Oceny</b>", chat_id=1, message_id=sent.message_id, parse_mode="HTML"
        )
    await bot.edit_message_text(
        "<i>Oceny</i>", chat_id=1, message_id=sent.message_id, parse_mode="HTML"
    )


async def test_flood_control_answers_429_with_retry_after(fake: FakeTelegram, bot: Bot) -> None:
    for _ in range(3):  # a short burst is tolerated
        await bot.send_message(1, "ok")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(1, "too fast")
    assert caught.value.retry_after >= 1
    assert len(fake.flood.violations) == 1
    fake.group(-100, members={1: "administrator"})
    fake.add_bot_to_group(-100, 1)
    fake.flood.chat_per_second = 1000.0
    fake.flood.chat_burst = 1000
    fake.flood._chats.clear()
    for _ in range(20):
        await bot.send_message(-100, "group")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(-100, "the 21st in a minute")


async def test_blocked_user_and_removed_bot_give_403(fake: FakeTelegram, bot: Bot) -> None:
    fake.block_bot(1)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(1, "hello?")
    fake.group(-200, members={1: "member"})
    fake.add_bot_to_group(-200, 1)
    await bot.send_message(-200, "hi")
    fake.remove_bot_from_group(-200, 1)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(-200, "still here?")


async def test_group_upgrade_answers_with_the_new_id(fake: FakeTelegram, bot: Bot) -> None:
    fake.group(-300, members={1: "creator"})
    fake.add_bot_to_group(-300, 1)
    fake.migrate_group(-300, -1000300, 1)
    with pytest.raises(TelegramMigrateToChat) as caught:
        await bot.send_message(-300, "hi")
    assert caught.value.migrate_to_chat_id == -1000300
    await bot.send_message(-1000300, "hi again")
    kinds = [u for u in fake.updates if "message" in u]
    assert any(u["message"].get("migrate_to_chat_id") == -1000300 for u in kinds)


async def test_edits_deletions_and_callbacks_are_in_the_transcript(
    fake: FakeTelegram, bot: Bot
) -> None:
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Tak", callback_data="yes")]]
    )
    sent = await bot.send_message(1, "Pytanie?", reply_markup=markup)
    query = fake.press(1, 1, text="Tak")
    assert fake.updates[-1]["callback_query"]["data"] == "yes"
    assert await bot.answer_callback_query(query)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query)
    await bot.edit_message_text("Odpowiedź", chat_id=1, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="not modified"):
        await bot.edit_message_text("Odpowiedź", chat_id=1, message_id=sent.message_id)
    user_message = fake.send_text(1, 1, "hasło")
    await bot.delete_message(1, user_message)
    entries = fake.transcript(1)
    assert [e.text for e in entries if e.from_bot] == ["Odpowiedź"]
    assert entries[0].edits == [("Pytanie?", markup.model_dump(exclude_none=True))]
    assert next(e for e in entries if e.message_id == user_message).deleted


async def test_get_chat_member_roles(fake: FakeTelegram, bot: Bot) -> None:
    fake.user(2, "Piotr")
    fake.group(-400, members={1: "administrator", 2: "member"})
    assert (await bot.get_chat_member(-400, 1)).status == "administrator"
    assert (await bot.get_chat_member(-400, 2)).status == "member"
    fake.set_member(-400, 2, "left")
    assert (await bot.get_chat_member(-400, 2)).status == "left"


async def test_injected_faults(fake: FakeTelegram, bot: Bot) -> None:
    fake.faults.append(TelegramFault("rate_limited", retry_after=2))
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(1, "x")
    fake.faults.append(TelegramFault("server_error"))
    with pytest.raises(Exception, match="Internal Server Error"):
        await bot.send_message(1, "x")
    await bot.send_message(1, "after the faults")
    assert fake.stats()["injected"] == 2 and fake.stats()["violations"] == 0


async def test_driver_over_http(fake: FakeTelegram) -> None:
    async with aiohttp.ClientSession(base_url=fake.api_base) as http:
        async with http.post("/driver/text", json={"user_id": 7, "text": "/start"}) as resp:
            assert resp.status == 200
        update = fake.updates[-1]["message"]
        assert update["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        async with http.get("/driver/transcript/7") as resp:
            messages = (await resp.json())["messages"]
        assert messages[0]["text"] == "/start" and not messages[0]["from_bot"]
        async with http.get("/driver/stats") as resp:
            assert (await resp.json())["violations"] == 0
        steps: list[tuple[str, dict[str, Any]]] = [
            ("user", {"user_id": 8, "first_name": "Piotr", "language_code": "uk"}),
            ("group", {"chat_id": -500, "members": {"7": "creator", "8": "member"}}),
            ("add_bot", {"chat_id": -500, "user_id": 7, "as_admin": True}),
            ("sticker", {"user_id": 8}),
            ("photo", {"chat_id": -500, "user_id": 8}),
            ("set_member", {"chat_id": -500, "user_id": 8, "status": "administrator"}),
            ("block", {"user_id": 8}),
            ("migrate", {"chat_id": -500, "user_id": 7, "new_chat_id": -1000500}),
        ]
        for action, payload in steps:
            async with http.post(f"/driver/{action}", json=payload) as resp:
                assert resp.status == 200, (action, await resp.text())
        async with http.post("/driver/fly", json={"user_id": 7}) as resp:
            assert resp.status == 400 and "unknown action" in (await resp.json())["error"]
    kinds = [next(k for k in u if k != "update_id") for u in fake.updates]
    assert kinds.count("my_chat_member") == 2  # added to the group, blocked by user 8
    assert fake.users[8].language_code == "uk"
    assert fake.chats[-500].members[8] == "administrator"
    assert fake.chats[-1000500].type == "supergroup"
    assert fake.transcript(8)[0].kind == "sticker"


async def test_edits_and_callback_answers_are_flood_limited_and_the_bot_waits_them_out(
    fake: FakeTelegram,
) -> None:
    # One message per chat each quarter of an hour: the edit right after the send is refused
    # however slow this machine is.
    fake.flood = FloodControl(global_per_second=30, chat_per_second=0.001, chat_burst=1)
    keyboard = {"inline_keyboard": [[{"text": "b", "callback_data": "x"}]]}
    status, body = await raw(fake, "sendMessage", chat_id=1, text="a", reply_markup=keyboard)
    message_id = body["result"]["message_id"]
    status, body = await raw(fake, "editMessageText", chat_id=1, message_id=message_id, text="b")
    assert status == 429 and body["parameters"]["retry_after"] >= 1
    assert fake.last_bot_message(1).text == "a"
    # The bot's own session answers a limited press once more and waits an edit's turn.
    settings = Settings.model_validate(
        {"telegram": {"token": fake.token, "api_base": fake.api_base}}
    )
    bot = create_bot(settings)
    try:
        fake.flood = FloodControl(answers_per_second=1, chat_per_second=100.0, chat_burst=50)
        first = fake.press(1, 1, data="x")
        second = fake.press(1, 1, data="y")
        await bot.answer_callback_query(first)
        await bot.answer_callback_query(second)  # refused while within the second, waited out
        assert {first, second} <= set(fake.callback_answers)
        fake.flood = FloodControl(global_per_second=30, chat_per_second=1.0, chat_burst=1)
        await bot.edit_message_text("c", chat_id=1, message_id=message_id)
        await bot.edit_message_text("d", chat_id=1, message_id=message_id)
        assert fake.last_bot_message(1).text == "d"  # a refusal on the way was waited out
    finally:
        await bot.session.close()


async def test_ephemeral_messages_as_the_spec_describes_them(fake: FakeTelegram, bot: Bot) -> None:
    """Groups only, for a member, with a press of that member's; seen by the receiver
    alone; edited and deleted by their own methods, never by the public ones."""
    fake.user(2, "Babcia")
    fake.user(3, "Obcy")
    fake.group(-50, members={1: "creator", 2: "member"})
    fake.add_bot_to_group(-50, 1)
    with pytest.raises(TelegramBadRequest, match="only to groups"):
        await bot.send_message(1, "x", ephemeral_message_parameters=Ephemeral(receiver_user_id=1))
    with pytest.raises(TelegramBadRequest, match="receiver user not found"):
        await bot.send_message(-50, "x", ephemeral_message_parameters=Ephemeral(receiver_user_id=3))
    sent = await bot.send_message(
        -50, "5 z fizyki", ephemeral_message_parameters=Ephemeral(receiver_user_id=2)
    )
    assert sent.ephemeral_message_id is not None
    assert [e.text for e in fake.seen_by(-50, 2)] == ["5 z fizyki"]
    assert fake.seen_by(-50, 1) == [] and fake.public(-50) == []
    # A press of another member's cannot carry a message to someone else.
    fake.send_text(-50, 1, "/start")
    public = await bot.send_message(
        -50,
        "wybierz",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]
        ),
    )
    press = fake.press(-50, 1, public.message_id, text="A")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.send_message(
            -50,
            "x",
            ephemeral_message_parameters=Ephemeral(receiver_user_id=2, callback_query_id=press),
        )
    with pytest.raises(TelegramBadRequest, match="not found"):
        await bot.edit_message_text("y", chat_id=-50, message_id=sent.message_id)
    assert await bot.edit_ephemeral_message_text(
        chat_id=-50, receiver_user_id=2, ephemeral_message_id=sent.ephemeral_message_id, text="y"
    )
    with pytest.raises(TelegramBadRequest, match="not found"):
        await bot.edit_ephemeral_message_text(
            chat_id=-50,
            receiver_user_id=1,
            ephemeral_message_id=sent.ephemeral_message_id,
            text="z",
        )
    assert await bot.delete_ephemeral_message(
        chat_id=-50, receiver_user_id=2, ephemeral_message_id=sent.ephemeral_message_id
    )
    assert [e.text for e in fake.seen_by(-50, 2)] == ["wybierz"]  # the public one only
    # A server older than 10.2: the parameters dropped, the message for everyone.
    fake.ephemeral_mode = "ignored"
    old = await bot.send_message(
        -50, "dla wszystkich", ephemeral_message_parameters=Ephemeral(receiver_user_id=2)
    )
    assert (
        old.ephemeral_message_id is None
        and [e.text for e in fake.public(-50)][-1] == "dla wszystkich"
    )
