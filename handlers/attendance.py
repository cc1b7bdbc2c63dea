"""/frekwencja: attendance rate, absences and lates by subject, unexcused absences."""

from __future__ import annotations

from aiogram import Router

from bot.i18n import Translator
from bot.render import attendance as render
from bot.render import tables
from bot.render.rich import Block
from handlers.charts import chart_button
from handlers.common import ChildData
from handlers.views import Rendered, View, ViewContext, add_command, register
from sync import kinds as K
from sync import payloads as P
from sync.payloads import ExcuseItem

router = Router(name="attendance")


def _excuses(data: ChildData) -> list[ExcuseItem] | None:
    """The parent's e-excuses; None where the school gives none (or not fetched yet)."""
    excuses = data.data(K.EXCUSES)
    return P.excuses_in(excuses) if excuses is not None else None


def attendance_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    attendance = data.data(K.ATTENDANCE) or {}
    name, excuses = data.child.child_name, _excuses(data)
    text = render.view(t, name, attendance, today=context.today, excuses=excuses)
    return text, [[chart_button(t, "a", data.child.account_id)]]


def attendance_rich(t: Translator, data: ChildData, context: ViewContext) -> list[Block] | None:
    attendance = data.data(K.ATTENDANCE) or {}
    name, excuses = data.child.child_name, _excuses(data)
    return tables.attendance_blocks(t, name, attendance, today=context.today, excuses=excuses)


VIEW = register(
    View(
        "frekwencja",
        (K.ATTENDANCE, K.EXCUSES),
        attendance_view,
        module_key="module-missing-attendance",
        private=True,
        rich=attendance_rich,
    )
)


add_command(router, VIEW, "frekwencja", "attendance")
