"""/start (what the bot does, or the desk), deep links, /pomoc, and the shared buttons
that re-show a command: the child picker and 'Odśwież'."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import LinkCb, PickCb, RefreshCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render import desk as render
from bot.render.text import esc
from handlers import groups, link, private_link
from handlers.common import child_in_scope, children_in_scope, load
from handlers.privately import LINK_PREFIX
from handlers.views import VIEWS, child_problem, show
from storage.records import ChatRecord
from sync import kinds as K
from sync.clock import WARSAW

router = Router(name="start")
DESK_KINDS = (K.TIMETABLE, K.GRADES, K.ATTENDANCE, K.MESSAGES, K.AGENDA)


def intro_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-add-child"), callback_data=LinkCb(action="start"))
    return builder.as_markup()


@router.message(CommandStart())
async def start_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    payload = (command.args or "").strip()
    if payload == "add":
        await link.begin(message, state, t, chat_record, app)
        return
    if payload.startswith(groups.CODE_PREFIX):
        await groups.redeem(message, t, chat_record, app, payload)
        return
    if payload.startswith(LINK_PREFIX):
        await private_link.open_link(message, t, chat_record, app, payload)
        return
    if not chat_record.is_private:
        await message.answer(t("group-intro", bot=esc(app.bot_username)))
        return
    user_id = message.from_user.id if message.from_user else 0
    children = await children_in_scope(app, chat_record, user_id)
    if not children:
        await message.answer(t("start-intro"), reply_markup=intro_keyboard(t))
        return
    await message.answer(await desk(t, app, chat_record, user_id), reply_markup=intro_keyboard(t))


async def desk(t: Translator, app: AppContext, chat_record: ChatRecord, user_id: int) -> str:
    now_local = app.clock.now().astimezone(WARSAW)
    blocks = []
    for child in await children_in_scope(app, chat_record, user_id):
        data = await load(app, child, DESK_KINDS)
        snapshots = {kind: data.data(kind) for kind in DESK_KINDS}
        blocks.append(
            render.child_block(
                t,
                esc(child.child_name),
                snapshots,
                data.reference,
                now_local,
                child_problem(t, child),
            )
        )
    return render.desk(t, blocks, now_local)


@router.message(Command("pomoc", "help"))
async def help_command(message: Message, t: Translator, chat_record: ChatRecord) -> None:
    await message.answer(t("help") if chat_record.is_private else t("help-group"))


@router.callback_query(PickCb.filter())
async def picked(
    query: CallbackQuery,
    callback_data: PickCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    arg = callback_data.arg
    view = VIEWS.get(callback_data.command)
    child = await child_in_scope(app, chat_record, query.from_user.id, callback_data.account)
    if view is None or child is None:
        await query.answer(t("button-stale"), show_alert=True)
        return
    await query.answer()
    await show(query, view, t, app, [child], chat=chat_record, arg=arg)


@router.callback_query(RefreshCb.filter())
async def refreshed(
    query: CallbackQuery,
    callback_data: RefreshCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    view = VIEWS.get(callback_data.command)
    if view is None:
        await query.answer(t("button-stale"), show_alert=True)
        return
    if callback_data.account:
        child = await child_in_scope(app, chat_record, query.from_user.id, callback_data.account)
        children = [child] if child is not None else []
    else:
        children = await children_in_scope(app, chat_record, query.from_user.id)
    if not children:
        await query.answer(t("button-stale"), show_alert=True)
        return
    await query.answer(t("refreshing"))
    await show(query, view, t, app, children, chat=chat_record, arg=callback_data.arg, force=True)
