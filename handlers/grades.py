"""/oceny: grades of the current semester per subject, and one subject in detail."""

from __future__ import annotations

from datetime import date, datetime

from aiogram import Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import GradesCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render import grades as render
from bot.render import tables
from bot.render.forecast import line as forecast_line
from bot.render.rich import Block
from bot.render.rich import footer as rich_footer
from bot.render.rich import message as rich_message
from handlers.charts import chart_button
from handlers.common import ChildData, freshness, load, pressed_child, refresh_button
from handlers.forecast import child_forecast
from handlers.privately import link_payload, respond
from handlers.views import Rendered, View, ViewContext, add_command, register
from storage.records import ChatRecord
from sync import kinds as K
from sync import payloads as P
from sync.clock import WARSAW
from sync.forecast import current_semester

router = Router(name="grades")


def _semester(data: ChildData, context: ViewContext, wanted: int = 0) -> int:
    return wanted or current_semester(data.reference, context.today)


def _outlook(t: Translator, data: ChildData, context: ViewContext, semester: int) -> str:
    """The forecast's line, under the current semester only."""
    if semester != current_semester(data.reference, context.today):
        return ""
    key = ("outlook", data.child.account_id)
    if key not in context.memo:  # the text and the table of one answer share it
        context.memo[key] = forecast_line(t, child_forecast(data, context.chat, context.today))
    line: str = context.memo[key]
    return line


def summary_rich(t: Translator, data: ChildData, context: ViewContext) -> list[Block] | None:
    semester = _semester(data, context, int(context.arg or 0))
    items = P.grades_in(data.data(K.GRADES))
    outlook = _outlook(t, data, context, semester)
    return tables.grades_blocks(t, data.child.child_name, items, data.reference, semester, outlook)


def summary(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    semester = _semester(data, context, int(context.arg or 0))
    items = P.grades_in(data.data(K.GRADES))
    text = render.summary(t, data.child.child_name, items, data.reference, semester)
    outlook = _outlook(t, data, context, semester)
    text += f"\n\n{outlook}" if outlook else ""
    ids = render.subject_ids(items)
    subjects = list(render.by_subject(items, semester))
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for subject in subjects:
        if subject not in ids:
            continue
        row.append(
            InlineKeyboardButton(
                text=subject[:30],
                callback_data=GradesCb(
                    account=data.child.account_id, subject=ids[subject], semester=semester
                ).pack(),
            )
        )
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    other = 2 if semester == 1 else 1
    rows.append(
        [
            InlineKeyboardButton(
                text=t("grades-semester-button", semester=other),
                callback_data=GradesCb(account=data.child.account_id, semester=other).pack(),
            ),
            chart_button(t, "g", data.child.account_id, semester),
        ]
    )
    return text, rows


VIEW = register(
    View(
        "oceny",
        (K.GRADES,),
        summary,
        module_key="module-missing-grades",
        private=True,
        rich=summary_rich,
    )
)


add_command(router, VIEW, "oceny", "grades")


@router.callback_query(GradesCb.filter())
async def grades_button(
    query: CallbackQuery,
    callback_data: GradesCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    await query.answer()
    data = await load(app, child, (K.GRADES,))
    items = P.grades_in(data.data(K.GRADES))
    now = app.clock.now()
    today = now.astimezone(WARSAW).date()
    semester = callback_data.semester or current_semester(data.reference, today)
    back = InlineKeyboardButton(
        text=t("button-back"),
        callback_data=GradesCb(account=child.account_id, semester=semester).pack(),
    )
    footer = f"\n\n<i>{freshness(t, data.fetched_at((K.GRADES,)), now)}</i>"
    link = link_payload(VIEW.command, chat_record.id, child.account_id)
    if callback_data.subject:
        grades = [
            g
            for g in items
            if g["subject_id"] == callback_data.subject and g["semester"] in (semester, None)
        ]
        subject = (grades[0]["subject"] if grades else None) or "?"
        text = render.detail(t, child.child_name, subject, grades, data.reference, semester)
        markup = InlineKeyboardMarkup(inline_keyboard=[[back]])
        await respond(query, t, app, chat_record, text + footer, markup, link=link)
        return
    context = _context(app, now, today, str(semester), chat_record)
    context_text, rows = summary(t, data, context)
    rows.append([refresh_button(t, VIEW.command, child.account_id, str(semester))])
    markup = InlineKeyboardMarkup(inline_keyboard=rows)
    blocks = summary_rich(t, data, context)
    rich = rich_message([*blocks, rich_footer(footer.strip())]) if blocks else None
    await respond(query, t, app, chat_record, context_text + footer, markup, link=link, rich=rich)


def _context(
    app: AppContext, now: datetime, today: date, arg: str, chat: ChatRecord
) -> ViewContext:
    return ViewContext(app=app, now=now, today=today, arg=arg, many=False, chat=chat)
