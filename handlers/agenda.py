"""/sprawdziany, /zadania, /ogloszenia, /numerek and /uwagi: the school's calendar and board."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import InlineKeyboardButton

from bot.callbacks import PickCb
from bot.i18n import Translator
from bot.render import revision as revision_text
from bot.render import school as render
from bot.render.files import HOMEWORK as HOMEWORK_FILES
from bot.render.files import MAX_BUTTONS as MAX_FILE_BUTTONS
from bot.render.files import file_rows
from bot.render.text import shorten
from handlers.common import ChildData
from handlers.views import Rendered, View, ViewContext, add_command, register
from sync import kinds as K
from sync import payloads as P
from sync import revision

router = Router(name="agenda")


MAX_BUTTONS = 8  # tests with a revision button, soonest first


def agenda_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    """The next two weeks, and a button per test that shows what to revise for it."""
    agenda = P.agenda_in(data.data(K.AGENDA))
    text = render.agenda(t, data.child.child_name, agenda, context.today)
    rows = []
    for test in revision.upcoming_tests(agenda, context.today)[:MAX_BUTTONS]:
        if not test["subject"]:
            continue
        label = revision_text.button(t, test)
        if context.many:
            label = f"{shorten(data.child.child_name, 12)}: {label}"
        pick = PickCb(command=REVISION.command, account=data.child.account_id, arg=test["id"])
        rows.append([InlineKeyboardButton(text=label, callback_data=pick.pack())])
    return text, rows


def revision_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    """One test: the topics taught since the previous test of its subject."""
    agenda = P.agenda_in(data.data(K.AGENDA))
    test = next((e for e in agenda if e["id"] == context.arg), None)
    back = [
        InlineKeyboardButton(
            text=t("button-back"),
            callback_data=PickCb(command=AGENDA.command, account=data.child.account_id).pack(),
        )
    ]
    if test is None:
        return t("revision-gone"), [back]
    if K.TOPICS in data.absent:
        return t("revision-module-missing"), [back]
    found = (
        revision.revision(
            test,
            agenda,
            P.topics_in(data.data(K.TOPICS)),
            P.absences_in(data.data(K.ATTENDANCE)),
        )
        if test["subject"]
        else None
    )
    text = revision_text.view(t, data.child.child_name, found, fetched=K.TOPICS in data.snapshots)
    return text, [back]


def homework_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    items = P.homework_in(data.data(K.HOMEWORK))
    rows: list[list[InlineKeyboardButton]] = []
    if context.app.settings.downloads.enabled:
        for item in render.upcoming_homework(items, context.today):
            offer = file_rows(
                data.child.account_id,
                HOMEWORK_FILES,
                item["id"],
                ((f["id"], f["name"] or t("file-unnamed")) for f in item["files"]),
                child=data.child.child_name if context.many else "",
                room=MAX_FILE_BUTTONS - len(rows),
            )
            rows += offer.rows
    return render.homework(t, data.child.child_name, items, context.today), rows


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
# The revision button's target: no command of its own, the test's id as its argument.
REVISION = register(
    View(
        "powtorka",
        (K.AGENDA, K.TOPICS, K.ATTENDANCE),
        revision_view,
        module_key="module-missing-agenda",
    )
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
NOTES = register(
    View("uwagi", (K.NOTES,), notes_view, module_key="module-missing-notes", private=True)
)

COMMANDS = {
    ("sprawdziany", "tests"): AGENDA,
    ("zadania", "homework"): HOMEWORK,
    ("ogloszenia", "announcements"): NOTICES,
    ("numerek", "lucky"): LUCKY,
    ("uwagi", "notes"): NOTES,
}


for names, view in COMMANDS.items():
    add_command(router, view, *names)
