"""/sprawdziany, /zadania, /ogloszenia, /numerek and /uwagi: the school's calendar and board."""

from __future__ import annotations

from aiogram import Router

from bot.i18n import Translator
from bot.render import school as render
from handlers.common import ChildData
from handlers.views import Rendered, View, ViewContext, add_command, register
from sync import kinds as K
from sync import payloads as P

router = Router(name="agenda")


def agenda_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    return render.agenda(
        t, data.child.child_name, P.agenda_in(data.data(K.AGENDA)), context.today
    ), []


def homework_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    return render.homework(
        t, data.child.child_name, P.homework_in(data.data(K.HOMEWORK)), context.today
    ), []


def notices_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    items = P.announcements_in(data.data(K.ANNOUNCEMENTS))
    return render.announcements(t, data.child.child_name, items, context.today), []


def lucky_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    number = (data.reference.get("student") or {}).get("register_number")
    lucky = data.data(K.LUCKY_NUMBER)
    return render.lucky(t, data.child.child_name, lucky, number, many=context.many), []


def notes_view(t: Translator, data: ChildData, _context: ViewContext) -> Rendered:
    return render.notes(t, data.child.child_name, P.notes_in(data.data(K.NOTES))), []


AGENDA = register(
    View("sprawdziany", (K.AGENDA,), agenda_view, together=True, module_key="module-missing-agenda")
)
HOMEWORK = register(
    View(
        "zadania", (K.HOMEWORK,), homework_view, together=True, module_key="module-missing-homework"
    )
)
NOTICES = register(
    View(
        "ogloszenia",
        (K.ANNOUNCEMENTS,),
        notices_view,
        together=True,
        module_key="module-missing-announcements",
    )
)
LUCKY = register(
    View("numerek", (K.LUCKY_NUMBER,), lucky_view, together=True, module_key="module-missing-lucky")
)
NOTES = register(View("uwagi", (K.NOTES,), notes_view, module_key="module-missing-notes"))

COMMANDS = {
    ("sprawdziany", "tests"): AGENDA,
    ("zadania", "homework"): HOMEWORK,
    ("ogloszenia", "announcements"): NOTICES,
    ("numerek", "lucky"): LUCKY,
    ("uwagi", "notes"): NOTES,
}


for names, view in COMMANDS.items():
    add_command(router, view, *names)
