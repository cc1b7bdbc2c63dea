"""/eksport, /usun and /prywatnosc: what the bot keeps about a parent, a copy of all of
it, and erasing all of it. Private chat only for the first two: the data is one
parent's, and a group is not the place to hand it out or to confirm its deletion."""

from __future__ import annotations

import json
import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import PrivacyCb
from bot.context import AppContext
from bot.i18n import Translator
from handlers.common import reply
from storage.records import ChatRecord
from sync.family import erase_parent

log = logging.getLogger("handlers.privacy")
router = Router(name="privacy")


@router.message(Command("prywatnosc", "privacy"))
async def privacy_command(message: Message, t: Translator, app: AppContext) -> None:
    await message.answer(t("privacy-notice", days=app.settings.notifications.retention_days))


@router.message(Command("eksport", "export"))
async def export_command(
    message: Message, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    if not chat_record.is_private or message.from_user is None:
        await message.answer(t("privacy-private-only"))
        return
    async with app.store.reading() as uow:
        data = await uow.privacy.export(message.from_user.id)
    data["exported_at"] = app.clock.now().isoformat()
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(body, filename="dzwonek-moje-dane.json"),
        caption=t("export-caption", children=len(data["children"])),
    )


@router.message(Command("usun", "delete"))
async def erase_command(message: Message, t: Translator, chat_record: ChatRecord) -> None:
    if not chat_record.is_private:
        await message.answer(t("privacy-private-only"))
        return
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-erase-yes"), callback_data=PrivacyCb(action="erase"))
    builder.button(text=t("button-cancel"), callback_data=PrivacyCb(action="keep"))
    builder.adjust(1)
    await message.answer(t("erase-confirm"), reply_markup=builder.as_markup())


@router.callback_query(PrivacyCb.filter())
async def erase_button(
    query: CallbackQuery,
    callback_data: PrivacyCb,
    state: FSMContext,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    if not chat_record.is_private or chat_record.id != query.from_user.id:
        await query.answer(t("button-stale"), show_alert=True)
        return
    if callback_data.action == "keep":
        await query.answer()
        await reply(query, t("erase-kept"))
        return
    if callback_data.action != "erase":
        await query.answer(t("button-stale"), show_alert=True)
        return
    await state.clear()
    gone = await erase_parent(app.store, app.upstream, query.from_user.id)
    log.info("parent erased", extra={"accounts_deleted": gone})
    await query.answer()
    await reply(query, t("erase-done"))
