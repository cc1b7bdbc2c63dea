"""/frekwencja: attendance rate, absences and lates by subject, unexcused absences."""

from __future__ import annotations

from aiogram import Router

from bot.i18n import Translator
from bot.render import attendance as render
from handlers.common import ChildData
from handlers.views import Rendered, View, ViewContext, add_command, register
from sync import kinds as K

router = Router(name="attendance")


def attendance_view(t: Translator, data: ChildData, _context: ViewContext) -> Rendered:
    return render.view(t, data.child.child_name, data.data(K.ATTENDANCE) or {}), []


VIEW = register(
    View("frekwencja", (K.ATTENDANCE,), attendance_view, module_key="module-missing-attendance")
)


add_command(router, VIEW, "frekwencja", "attendance")
