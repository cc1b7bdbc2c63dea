"""/plan [dziś|jutro|tydzień] and /jutro (tomorrow for every child in one message)."""

from __future__ import annotations

from datetime import date, timedelta

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message

from bot.callbacks import PlanCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render import plan as render
from bot.render import tables
from bot.render.rich import Block
from bot.render.school import tomorrow as tomorrow_view
from handlers.common import ChildData, pressed_child
from handlers.views import Rendered, View, ViewContext, add_command, register, show, start
from storage.records import ChatRecord
from sync import kinds as K
from sync import payloads as P

router = Router(name="plan")

WORDS = {
    "today": ("dziś", "dzis", "dzisiaj", "today", "сьогодні"),
    "tomorrow": ("jutro", "tomorrow", "завтра"),
    "week": ("tydzień", "tydzien", "week", "тиждень"),
}


def parse_when(text: str) -> str:
    word = text.strip().lower()
    for key, words in WORDS.items():
        if word in words:
            return key
    if len(word) == 8 and word.isdigit():
        return word
    return "today" if not word else "unknown"


def _day(context: ViewContext) -> date | None:
    when = context.arg or "today"
    if when == "today":
        return context.today
    if when == "tomorrow":
        return context.today + timedelta(days=1)
    if when == "week" or when.startswith("w"):
        return None
    try:
        return date(int(when[:4]), int(when[4:6]), int(when[6:8]))
    except ValueError:
        return context.today


def _monday(context: ViewContext) -> date:
    """The Monday of the week shown: this school week (the next one at the weekend), or
    the one a ◀/▶ press asked for ('wYYYYMMDD')."""
    arg = context.arg or ""
    if arg.startswith("w"):
        try:
            asked = date(int(arg[1:5]), int(arg[5:7]), int(arg[7:9]))
            return asked - timedelta(days=asked.weekday())
        except ValueError:
            pass
    monday = context.today - timedelta(days=context.today.weekday())
    if context.today.weekday() >= 5:
        monday += timedelta(days=7)
    return monday


def plan_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    timetable = data.data(K.TIMETABLE)
    day = _day(context)
    account = data.child.account_id
    if day is None:
        monday = _monday(context)
        text = render.week_view(t, data.child.child_name, timetable, data.reference, monday)
        # In the week view the arrows move a week.
        back, ahead = monday - timedelta(days=7), monday + timedelta(days=7)
        previous_arg, following_arg = f"w{back:%Y%m%d}", f"w{ahead:%Y%m%d}"
    else:
        text = render.day_view(t, data.child.child_name, timetable, data.reference, day)
        previous_arg = f"{day - timedelta(days=1):%Y%m%d}"
        following_arg = f"{day + timedelta(days=1):%Y%m%d}"
    rows = [
        [
            InlineKeyboardButton(
                text="◀", callback_data=PlanCb(account=account, day=previous_arg).pack()
            ),
            InlineKeyboardButton(
                text=t("button-today"), callback_data=PlanCb(account=account, day="today").pack()
            ),
            InlineKeyboardButton(
                text="▶", callback_data=PlanCb(account=account, day=following_arg).pack()
            ),
        ],
        [
            InlineKeyboardButton(
                text=t("button-week"), callback_data=PlanCb(account=account, day="week").pack()
            )
        ],
    ]
    return text, rows


def tomorrow_render(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    day = context.today + timedelta(days=1)
    text = tomorrow_view(
        t,
        data.child.child_name if context.many else "",
        day,
        timetable=data.data(K.TIMETABLE),
        reference=data.reference,
        agenda_items=P.agenda_in(data.data(K.AGENDA)),
        homework_items=P.homework_in(data.data(K.HOMEWORK)),
        lucky_data=data.data(K.LUCKY_NUMBER),
        missing=data.absent,
        topics=P.topics_in(data.data(K.TOPICS)),
        absences=P.absences_in(data.data(K.ATTENDANCE)),
        teacher_absences=P.teacher_absences_in(data.data(K.TEACHER_ABSENCES)),
    )
    return text, []


def plan_rich(t: Translator, data: ChildData, context: ViewContext) -> list[Block] | None:
    """The week as a table (days across, lessons down); a day stays a list."""
    if _day(context) is not None:
        return None
    return tables.week_blocks(
        t, data.child.child_name, data.data(K.TIMETABLE), data.reference, _monday(context)
    )


PLAN = register(
    View(
        "plan",
        (K.TIMETABLE,),
        plan_view,
        module_key="module-missing-timetable-named",
        rich=plan_rich,
    )
)


def tomorrow_header(t: Translator, context: ViewContext) -> str:
    return t("tomorrow-title", date=t.date(context.today + timedelta(days=1)))


TOMORROW = register(
    View(
        "jutro",
        (
            K.TIMETABLE,
            K.AGENDA,
            K.HOMEWORK,
            K.LUCKY_NUMBER,
            K.TOPICS,
            K.ATTENDANCE,
            K.TEACHER_ABSENCES,
        ),
        tomorrow_render,
        together=True,
        header=tomorrow_header,
    )
)


@router.message(Command("plan"))
async def plan_command(
    message: Message,
    command: CommandObject,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    when = parse_when(command.args or "")
    if when == "unknown":
        await message.answer(t("plan-usage"))
        return
    await start(
        message,
        PLAN,
        t,
        chat_record,
        app,
        message.from_user.id if message.from_user else 0,
        arg=when,
    )


add_command(router, TOMORROW, "jutro", "tomorrow")


@router.callback_query(PlanCb.filter())
async def plan_button(
    query: CallbackQuery,
    callback_data: PlanCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    await query.answer()
    await show(query, PLAN, t, app, [child], chat=chat_record, arg=callback_data.day)
