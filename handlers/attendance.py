"""/frekwencja: attendance rate, absences and lates by subject, unexcused absences."""

from __future__ import annotations

from aiogram import Router

from bot.i18n import Translator
from bot.render import attendance as render
from handlers.common import ChildData
from handlers.views import Rendered, View, ViewContext, add_command, register
from sync import kinds as K
from sync import payloads as P

router = Router(name="attendance")


def attendance_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    excuses = data.data(K.EXCUSES)
    return render.view(
        t,
        data.child.child_name,
        data.data(K.ATTENDANCE) or {},
        today=context.today,
        excuses=P.excuses_in(excuses) if excuses is not None else None,
    ), []


VIEW = register(
    View(
        "frekwencja",
        (K.ATTENDANCE, K.EXCUSES),
        attendance_view,
        module_key="module-missing-attendance",
        private=True,
    )
)


add_command(router, VIEW, "frekwencja", "attendance")
