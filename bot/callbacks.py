"""Callback data of every inline button: short, versioned prefixes, typed fields.

Callback data comes from the client and is never trusted: handlers check that the
account in it belongs to the chat (and the user) before doing anything.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class LinkCb(CallbackData, prefix="l1"):
    """The linking dialogue: start | cancel | accept | retry."""

    action: str


class ChildCb(CallbackData, prefix="k1"):
    """/dzieci: menu | rename | pause | resume | password | unlink | unlink_yes | back."""

    action: str
    account: int


class PickCb(CallbackData, prefix="c1"):
    """A child picked for a command (command name, its argument, account)."""

    command: str
    account: int
    arg: str = ""


class RefreshCb(CallbackData, prefix="r1"):
    """Fetch live from Librus and show the command again."""

    command: str
    account: int
    arg: str = ""


class GradesCb(CallbackData, prefix="g1"):
    """Grades of one child: a subject (0 = the list) in a semester."""

    account: int
    subject: int = 0
    semester: int = 0


class PlanCb(CallbackData, prefix="p1"):
    """The plan of one child for a day (YYYYMMDD) or `week`."""

    account: int
    day: str


class MessageCb(CallbackData, prefix="m1"):
    """A message preview: ask (warn it marks read) | open | keep."""

    account: int
    message: str
    step: str


class SettingsCb(CallbackData, prefix="s1"):
    """/ustawienia: a setting and its new value."""

    key: str
    value: str = ""


class MuteCb(CallbackData, prefix="x1"):
    """'Wycisz: <kategoria>' under a notification (and 'Przywróć' to undo it)."""

    account: int
    category: str
    undo: bool = False


class TimelineCb(CallbackData, prefix="t1"):
    """/ostatnie: a page of the chat's timeline (0 = the newest)."""

    page: int


class ShareCb(CallbackData, prefix="h1"):
    """Sharing children into a group: pick (toggle) | create; `mask` is a hex bit set
    over the parent's children ordered by account."""

    action: str
    mask: str = "0"


class GroupCb(CallbackData, prefix="u1"):
    """In a group: unshare a child."""

    action: str
    account: int


class PrivacyCb(CallbackData, prefix="d1"):
    """/usun: erase (after the confirmation) | keep."""

    action: str
