"""'Wycisz: <kategoria>' under a notification, and 'Przywróć' to undo it.

It mutes one category of news about one child in this chat. The button's data is
untrusted: the child must be followed by this chat (and, in a private chat, linked by
this parent), and in a group only its admins may change what the group hears.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MuteCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render.text import esc
from handlers.common import is_group_admin, pressed_child
from storage.records import ChatRecord
from sync import kinds as K

router = Router(name="mute")


@router.callback_query(MuteCb.filter())
async def mute(
    query: CallbackQuery,
    callback_data: MuteCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
    bot: Bot,
) -> None:
    category = callback_data.category
    if category not in K.CATEGORIES:
        await query.answer(t("button-stale"), show_alert=True)
        return
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    if not chat_record.is_private and not await is_group_admin(
        bot, chat_record.id, query.from_user.id
    ):
        await query.answer(t("mute-admins-only"), show_alert=True)
        return
    async with app.store.transaction() as uow:
        subscription = await uow.subscriptions.get(chat_record.id, child.account_id)
        if subscription is None:
            await query.answer(t("button-stale"), show_alert=True)
            return
        muted = set(subscription.muted_categories)
        if callback_data.undo:
            muted.discard(category)
        else:
            muted.add(category)
        await uow.subscriptions.set_muted(chat_record.id, child.account_id, sorted(muted))
    label = t(f"category-{category}")
    key = "unmute-done" if callback_data.undo else "mute-done"
    await query.answer(t(key, name=child.child_name, category=label), show_alert=True)
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        await _flip_button(query.message, callback_data, t)


async def _flip_button(message: Message, pressed: MuteCb, t: Translator) -> None:
    """The pressed button becomes its opposite, so a mistaken tap is undone in place."""
    assert message.reply_markup is not None
    packed = pressed.pack()
    flipped = MuteCb(account=pressed.account, category=pressed.category, undo=not pressed.undo)
    key = "button-mute" if pressed.undo else "button-unmute"
    rows = [
        [
            InlineKeyboardButton(
                text=t(key, category=esc(t(f"category-{pressed.category}"))),
                callback_data=flipped.pack(),
            )
            if button.callback_data == packed
            else button
            for button in row
        ]
        for row in message.reply_markup.inline_keyboard
    ]
    try:
        await message.edit_reply_markup(reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
    except Exception:  # noqa: BLE001 - too old to edit: the setting stands anyway
        return
