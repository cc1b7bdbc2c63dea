"""The private-chat link under an answer a group keeps to the asker (handlers/privately.py).

`/start v_<what>_<group>_<account>[_<message>]` in the private chat shows the same
answer there. The link sits in the group for everyone, so it proves nothing by
itself: each time, Telegram is asked whether whoever opened it is a member of that
group now, and the child must be shared there now. The answer is what the group's
command would show, without its buttons (those act within the group's scope). A
message body is shown only if the message was already opened: a link never marks a
message read.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import Message

from bot.context import AppContext
from bot.i18n import Translator
from bot.render import messages as render
from bot.render.text import esc
from handlers.common import children_in_scope
from handlers.messages import already_read, read_body
from handlers.privately import LINK_PREFIX
from handlers.views import VIEWS, compose
from storage.records import ChatRecord, ChildRecord
from sync.metrics import PRIVATE_ANSWERS

MEMBERS = ("creator", "administrator", "member")


def parse(payload: str) -> tuple[str, int, int, str] | None:
    """(what, group id, account id, message id) from a link's payload, or None."""
    parts = payload.removeprefix(LINK_PREFIX).split("_", 3)
    if len(parts) < 3:
        return None
    what, group, account = parts[:3]
    try:
        group_id, account_id = int(group), int(account)
    except ValueError:
        return None
    if group_id >= 0 or (what != "m" and what not in VIEWS) or (what == "m") != (len(parts) == 4):
        return None
    return what, group_id, account_id, parts[3] if len(parts) == 4 else ""


async def _is_member(bot: Bot, chat_id: int, user_id: int) -> bool:
    """Asked of Telegram each time: a member who left keeps the link, not the access."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except Exception:  # noqa: BLE001 - when in doubt, not a member
        return False
    if member.status == "restricted":
        return bool(getattr(member, "is_member", False))
    return member.status in MEMBERS


async def open_link(
    message: Message, t: Translator, chat_record: ChatRecord, app: AppContext, payload: str
) -> None:
    """`/start v_…` from the link: the group's answer, here, for a member of it."""
    parsed = parse(payload)
    user = message.from_user
    if parsed is None or user is None or message.bot is None or not chat_record.is_private:
        await message.answer(t("private-link-stale"))
        return
    what, group_id, account_id, message_id = parsed
    async with app.store.reading() as uow:
        group = await uow.chats.get(group_id)
    children = await children_in_scope(app, group, 0) if group is not None else []
    wanted = [c for c in children if account_id in (0, c.account_id)]
    if group is None or not wanted or not await _is_member(message.bot, group_id, user.id):
        await message.answer(t("private-link-stale"))
        return
    if what == "m" and not await already_read(app, wanted[0].account_id, message_id):
        await message.answer(t("private-link-stale"))
        return
    title = t("private-link-title", title=esc(group.title or ""))
    if what == "m":
        text = await _body(t, app, wanted[0], message_id)
    else:
        text = (await compose(VIEWS[what], t, app, wanted, chat=group)).text
    PRIVATE_ANSWERS.labels("opened").inc()
    await message.answer(f"{title}\n\n{text}")


async def _body(t: Translator, app: AppContext, child: ChildRecord, message_id: str) -> str:
    body = await read_body(app, child, message_id)
    if isinstance(body, str):
        return t(body, name=esc(child.child_name))
    names = tuple(a.name for a in body.attachments)
    return render.body(t, body.sender, body.topic, body.sent, body.content, names, ())
