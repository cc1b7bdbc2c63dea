"""Everything no feature took: unknown commands, stray text, stickers, stale buttons.

Each gets a short, helpful answer in the chat's language, never silence and never an
error (in groups, plain chatter is left alone: the bot only sees it when addressed)."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.render.text import esc, shorten
from storage.records import ChatRecord

log = logging.getLogger("handlers.fallback")
router = Router(name="fallback")


@router.message(F.text.startswith("/"))
async def unknown_command(message: Message, t: Translator) -> None:
    command = (message.text or "").split()[0].split("@")[0]
    await message.answer(t("unknown-command", command=esc(shorten(command, 40))))


@router.message(F.text)
async def stray_text(
    message: Message,
    t: Translator,
    chat_record: ChatRecord,
    conversation_expired: str | None = None,
) -> None:
    if not chat_record.is_private:
        return
    if conversation_expired:
        if conversation_expired.endswith(":password"):
            # It was a password step: this text may well be the password.
            try:
                await message.delete()
            except Exception:  # noqa: BLE001 - the parent is told either way
                log.warning("could not delete a late password message")
            await message.answer(t("conversation-expired-password"))
            return
        await message.answer(t("conversation-expired"))
        return
    await message.answer(t("stray-text"))


@router.message()
async def stray_media(message: Message, t: Translator, chat_record: ChatRecord) -> None:
    if chat_record.is_private and (
        message.sticker
        or message.photo
        or message.document
        or message.voice
        or message.video
        or message.animation
        or message.location
        or message.contact
    ):
        await message.answer(t("stray-media"))


@router.callback_query()
async def stale_button(query: CallbackQuery, t: Translator) -> None:
    await query.answer(t("button-stale"), show_alert=True)
