"""'📎 <file>': an attachment of a message or a homework, downloaded from Librus on a
parent's press and sent into the chat as a document.

Nothing is marked read: a message's file is asked for by its id, without opening the
message (the button exists only on a body the parent already opened), and a homework
file comes through the sandbox's key flow, which Librus does not count as reading.
The press is checked like every other (the child must be in this chat's scope), the
file must be one the stored data lists, and `bot.downloads` keeps one child's
downloads apart. A homework file can take minutes: a message in the chat says so and
counts the seconds while it lasts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramEntityTooLarge
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import FileCb
from bot.context import AppContext
from bot.downloads import Refusal
from bot.i18n import Translator
from bot.render import files as render
from bot.render.text import esc
from handlers.common import pressed_child
from storage.records import ChatRecord, ChildRecord
from sync import kinds as K
from sync import payloads as P
from sync.clock import WARSAW
from sync.errors import AuthProblem, FileNotFound, UpstreamError
from sync.metrics import FILE_DOWNLOADS
from sync.notices import pause_refused
from sync.upstream.contract import DownloadedFile

log = logging.getLogger("handlers.files")
router = Router(name="files")
KINDS = {render.MESSAGE: "message", render.HOMEWORK: "homework"}


@router.callback_query(FileCb.filter())
async def pressed(
    query: CallbackQuery,
    callback_data: FileCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    kind = KINDS.get(callback_data.kind)
    if kind is None or not isinstance(query.message, Message):
        await query.answer(t("button-stale"), show_alert=True)
        return
    if not app.settings.downloads.enabled:
        await query.answer(t("file-off"), show_alert=True)
        return
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    if child.is_paused:
        await query.answer(t("file-paused", name=child.child_name), show_alert=True)
        return
    name = await _listed(app, child, callback_data, _label(query))
    if name is None:
        FILE_DOWNLOADS.labels(kind, "gone").inc()
        await query.answer(t("file-gone"), show_alert=True)
        return
    refusal = app.downloads.claim(child.account_id)
    if refusal is not None:
        FILE_DOWNLOADS.labels(kind, "held").inc()
        await query.answer(_held(t, refusal), show_alert=True)
        return
    try:
        await query.answer(t("file-starting"))
        outcome = await _deliver(query.message, t, app, child, callback_data, name)
    finally:
        app.downloads.release(child.account_id)
    FILE_DOWNLOADS.labels(kind, outcome).inc()


def _label(query: CallbackQuery) -> str | None:
    """The pressed button's file name (its text, without the clip and the child)."""
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    for row in markup.inline_keyboard if markup else []:
        for button in row:
            if button.callback_data == query.data:
                return button.text.removeprefix("📎 ").split(" · ")[0]
    return None


async def _listed(
    app: AppContext, child: ChildRecord, data: FileCb, label: str | None
) -> str | None:
    """The file's name if the stored data lists it for this child, else None (a forged
    or stale press). A homework's files are in the homework snapshot; a message's only
    in its body, so a message file is accepted for a message the parent has opened
    (read in the inbox, or older than the inbox keeps) and never for an unread one."""
    kind = K.HOMEWORK if data.kind == render.HOMEWORK else K.MESSAGES
    async with app.store.reading() as uow:
        snapshot = await uow.snapshots.get(child.account_id, kind)
    stored = snapshot.data if snapshot else None
    if data.kind == render.HOMEWORK:
        for item in P.homework_in(stored):
            if item["id"] == data.item:
                for listed in item["files"]:
                    if listed["id"] == data.file:
                        return listed["name"] or label or data.file
        return None
    for message in P.messages_in(stored):
        if str(message["id"]) == data.item and not message["read"]:
            return None
    return label or data.file


def _held(t: Translator, refusal: Refusal) -> str:
    if refusal.reason == "busy":
        return t("file-busy")
    until = refusal.until.astimezone(WARSAW).strftime("%H:%M") if refusal.until else ""
    return t("file-hour" if refusal.reason == "hour" else "file-wait", until=until)


async def _deliver(
    message: Message,
    t: Translator,
    app: AppContext,
    child: ChildRecord,
    data: FileCb,
    name: str,
) -> str:
    """Download, then send; the progress message tells what happened. The outcome
    is the metric's label."""
    bot = message.bot
    assert bot is not None
    chat_id = message.chat.id
    slow = data.kind == render.HOMEWORK
    key = "file-progress-slow" if slow else "file-progress"
    progress = await bot.send_message(chat_id, t(key, name=esc(name), seconds=0))
    download = asyncio.create_task(
        app.upstream.download(child.account_id, child.login, data.kind, data.item, data.file)
    )
    every = app.settings.downloads.progress_seconds
    await _count_seconds(
        bot, progress, download, lambda s: t(key, name=esc(name), seconds=s), every
    )
    try:
        found = download.result()
    except FileNotFound:
        await _tell(bot, progress, t("file-not-found", name=esc(name)))
        return "not_found"
    except AuthProblem as err:
        await pause_refused(app.store, child.account_id, err, app.clock.now())
        await _tell(bot, progress, t("file-paused", name=esc(child.child_name)))
        return "paused"
    except UpstreamError:
        log.warning("could not download a file", extra={"account": child.account_id})
        await _tell(bot, progress, t("file-failed", name=esc(name)))
        return "failed"
    return await _send(bot, progress, t, app, child, found, name)


async def _count_seconds(
    bot: Bot,
    progress: Message,
    download: asyncio.Task[DownloadedFile],
    text: Callable[[int], str],
    every: float,
) -> None:
    """Edit 'Pobieram… 40 s' in place every few seconds until the download ends."""
    started = time.monotonic()
    while not download.done():
        done, _ = await asyncio.wait({download}, timeout=every)
        if not done:
            await _tell(bot, progress, text(int(time.monotonic() - started)))


async def _send(
    bot: Bot,
    progress: Message,
    t: Translator,
    app: AppContext,
    child: ChildRecord,
    found: DownloadedFile,
    name: str,
) -> str:
    limit = app.settings.downloads.max_mb * render.MB
    length = len(found.content)
    too_large = t(
        "file-too-large",
        name=esc(name),
        size=render.size(t, length),
        limit=f"{app.settings.downloads.max_mb} MB",
    )
    if length > limit:
        await _tell(bot, progress, too_large)
        return "too_large"
    document = BufferedInputFile(found.content, filename=_file_name(name, found.name))
    caption = t("file-caption", name=esc(name), child=esc(child.child_name))
    try:
        await bot.send_document(progress.chat.id, document, caption=caption)
    except TelegramEntityTooLarge:
        await _tell(bot, progress, too_large)
        return "too_large"
    except TelegramAPIError:
        log.warning("could not send a file", extra={"account": child.account_id})
        await _tell(bot, progress, t("file-send-failed", name=esc(name)))
        return "send_failed"
    with contextlib.suppress(TelegramAPIError):
        await bot.delete_message(progress.chat.id, progress.message_id)
    return "sent"


def _file_name(listed: str, given: str) -> str:
    """The name the parent saw on the button, unless it was a stand-in and Librus
    gave a real one; never a path."""
    chosen = given if listed.isdigit() and given else listed
    return chosen.replace("\\", "/").rsplit("/", 1)[-1] or "plik"


async def _tell(bot: Bot, progress: Message, text: str) -> None:
    with contextlib.suppress(TelegramAPIError):
        await bot.edit_message_text(text, chat_id=progress.chat.id, message_id=progress.message_id)
