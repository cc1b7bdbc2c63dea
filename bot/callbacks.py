"""Callback data of every inline button: short, versioned prefixes, typed fields.

Callback data comes from the client and is never trusted: handlers check that the
account in it belongs to the chat (and the user) before doing anything.
"""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Every number in callback data is checked for its range when the press is read: a
# forged one (18446744073709551616) does not match the button, and the press gets the
# "stale button" answer instead of reaching the database.
Id = Annotated[int, Field(ge=0, le=2**63 - 1)]
Small = Annotated[int, Field(ge=0, le=10_000)]


class LinkCb(CallbackData, prefix="l1"):
    """The linking dialogue: start | cancel | accept | retry."""

    action: str


class ChildCb(CallbackData, prefix="k1"):
    """/dzieci: menu | rename | pause | resume | password | groups | unlink | unlink_yes |
    back."""

    action: str
    account: Id


class PickCb(CallbackData, prefix="c1"):
    """A child picked for a command (command name, its argument, account)."""

    command: str
    account: Id
    arg: str = ""


class RefreshCb(CallbackData, prefix="r1"):
    """Fetch live from Librus and show the command again."""

    command: str
    account: Id
    arg: str = ""


class GradesCb(CallbackData, prefix="g1"):
    """Grades of one child: a subject (0 = the list) in a semester."""

    account: Id
    subject: Id = 0
    semester: Small = 0


class PlanCb(CallbackData, prefix="p1"):
    """The plan of one child for a day (YYYYMMDD) or `week`."""

    account: Id
    day: str


class MessageCb(CallbackData, prefix="m1"):
    """A message preview: ask (warn it marks read) | open | keep."""

    account: Id
    message: str
    step: str


class FileCb(CallbackData, prefix="f1"):
    """An attachment to send into the chat: of a message (kind `m`, `item` the
    message id) or of a homework (`h`); `file` is Librus's id of the file."""

    kind: str
    account: Id
    item: str
    file: str


class ReplyCb(CallbackData, prefix="y1"):
    """A reply to a teacher's message: start (ask for the text) | send | drop; `nonce`
    names the draft a confirmation is for (one confirmation sends at most once)."""

    step: str
    account: Id
    message: str
    nonce: str = ""


class SettingsCb(CallbackData, prefix="s1"):
    """/ustawienia: a setting and its new value."""

    key: str
    value: str = ""


class MuteCb(CallbackData, prefix="x1"):
    """'Wycisz: <kategoria>' under a notification (and 'Przywróć' to undo it)."""

    account: Id
    category: str
    undo: bool = False


class TimelineCb(CallbackData, prefix="t1"):
    """/ostatnie: a page of the chat's timeline (0 = the newest)."""

    page: Small


class ShareCb(CallbackData, prefix="h1"):
    """Sharing children into a group: pick (toggle) | create; `mask` is a hex bit set
    over the parent's children ordered by account."""

    action: str
    mask: str = "0"


class GroupCb(CallbackData, prefix="u1"):
    """In a group: unshare a child."""

    action: str
    account: Id


class PrivacyCb(CallbackData, prefix="d1"):
    """/usun: erase (after the confirmation) | keep."""

    action: str


class UnshareCb(CallbackData, prefix="w1"):
    """/dzieci → a child's groups: stop sharing it into one (from the private chat)."""

    account: Id
    chat: Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class CalendarCb(CallbackData, prefix="a1"):
    """/kalendarz: make | ask_renew | renew | ask_off | off | homework | changes | back,
    for a child's link (`account`) or all the chat's children (0); `feed` is the live
    link a renewal replaces (0: none), so a second press does not replace the new one."""

    action: str
    account: Id = 0
    feed: Id = 0


class ChartCb(CallbackData, prefix="z1"):
    """'📈 Wykres': `kind` g (grades of `semester`) | a (attendance), for `account`."""

    kind: str
    account: Id
    semester: Annotated[int, Field(ge=0, le=2)] = 0
