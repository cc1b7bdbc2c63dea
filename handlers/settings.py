"""/ustawienia: per-chat settings, changed with buttons only."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SettingsCb
from bot.context import AppContext
from bot.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, translator
from handlers.common import reply
from storage.records import ChatRecord

router = Router(name="settings")


def settings_view(t: Translator, chat: ChatRecord) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        mark = "✅ " if chat.language == code else ""
        builder.button(
            text=f"{mark}{LANGUAGE_NAMES[code]}",
            callback_data=SettingsCb(key="language", value=code),
        )
    builder.adjust(3)
    text = (
        t("settings-title") + "\n" + t("settings-language", language=LANGUAGE_NAMES[chat.language])
    )
    return text, builder.as_markup()


@router.message(Command("ustawienia", "settings"))
async def settings_command(message: Message, t: Translator, chat_record: ChatRecord) -> None:
    text, markup = settings_view(t, chat_record)
    await message.answer(text, reply_markup=markup)


@router.callback_query(SettingsCb.filter())
async def settings_button(
    query: CallbackQuery,
    callback_data: SettingsCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    if callback_data.key != "language" or callback_data.value not in LANGUAGES:
        await query.answer(t("button-stale"), show_alert=True)
        return
    async with app.store.transaction() as uow:
        chat = await uow.chats.update_settings(chat_record.id, language=callback_data.value)
    new_t = translator(chat.language)
    await query.answer(new_t("settings-saved"))
    text, markup = settings_view(new_t, chat)
    await reply(query, text, markup)
