"""'📈 Wykres' under /oceny and /frekwencja: the chart as a photo in the same chat.

Drawing takes a few hundred milliseconds of CPU, so it runs in a worker thread, one
chart at a time per process (a second press meanwhile is asked to wait). The photo
goes where the press was: the private chat (the child's topic there), the group for
everyone, or, where the group keeps such answers to the asker, only to the asker; if
Telegram will not show it to the asker alone, it is not sent at all.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    EphemeralMessageParameters,
    InlineKeyboardButton,
    Message,
)

from bot import ephemeral
from bot.callbacks import ChartCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render import charts
from handlers.common import load, pressed_child
from handlers.privately import asker_only
from storage.records import ChatRecord
from sync import kinds as K
from sync import payloads as P
from sync.averages import Grading
from sync.metrics import CHARTS

log = logging.getLogger("handlers.charts")
router = Router(name="charts")


class _Drawing:
    """One chart at a time in this process (a plain flag: the event loop is one thread)."""

    busy = False


def chart_button(t: Translator, kind: str, account: int, semester: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t("button-chart"),
        callback_data=ChartCb(kind=kind, account=account, semester=semester).pack(),
    )


@router.callback_query(ChartCb.filter())
async def chart(
    query: CallbackQuery,
    callback_data: ChartCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    if callback_data.kind not in ("g", "a") or (callback_data.kind == "g") != bool(
        callback_data.semester
    ):
        await query.answer(t("button-stale"), show_alert=True)
        return
    name = child.child_name
    if callback_data.kind == "g":
        data = await load(app, child, (K.GRADES,))
        grading = Grading.from_reference(data.reference)
        semester = callback_data.semester
        trends = charts.trends(P.grades_in(data.data(K.GRADES)), grading, semester)
        shown = [trend for trend in trends if len(trend.points) >= 2]
        if not shown:
            await query.answer(t("chart-none-grades"), show_alert=True)
            return
        caption = t("chart-caption-grades", name=name, semester=semester)
        draw = partial(charts.grades_png, t, name, shown, semester)
    else:
        data = await load(app, child, (K.ATTENDANCE,))
        weeks = charts.weeks(data.data(K.ATTENDANCE))
        if not weeks:
            await query.answer(t("chart-none-attendance"), show_alert=True)
            return
        caption = t("chart-caption-attendance", name=name)
        draw = partial(charts.attendance_png, t, name, weeks)
    if _Drawing.busy:
        await query.answer(t("chart-busy"), show_alert=True)
        CHARTS.labels(callback_data.kind, "busy").inc()
        return
    _Drawing.busy = True
    try:
        png = await asyncio.to_thread(draw)
    finally:
        _Drawing.busy = False
    sent = await _send(query, chat_record, png, caption)
    CHARTS.labels(callback_data.kind, "sent" if sent else "refused").inc()
    if sent:
        await query.answer()
    else:
        await query.answer(t("chart-private-failed"), show_alert=True)


async def _send(query: CallbackQuery, chat: ChatRecord, png: bytes, caption: str) -> bool:
    message = query.message
    if query.bot is None or not isinstance(message, Message):
        return False
    private = None
    if asker_only(chat):
        private = EphemeralMessageParameters(
            receiver_user_id=query.from_user.id, callback_query_id=query.id
        )
    thread = message.message_thread_id if message.is_topic_message else None
    try:
        sent = await query.bot.send_photo(
            chat.id,
            BufferedInputFile(png, filename="wykres.png"),
            caption=caption,
            message_thread_id=thread,
            ephemeral_message_parameters=private,
        )
    except TelegramAPIError as err:
        log.info("a chart was not sent", extra={"error": str(err)[:120]})
        return False
    return private is None or not await ephemeral.taken_back(query.bot, sent)
