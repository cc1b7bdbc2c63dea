"""Notifications: outbox rows → one message in the chat's language, with buttons.

Rows for one chat that are due together become one message: grouped by child when the
chat follows several children, headed as the morning digest when quiet hours held
them. Every value from Librus goes through `esc`; long texts are shortened here and
the whole message is split by the sender if it is still too long.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, cast

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import ChildCb, MessageCb, MuteCb
from bot.i18n import Translator
from bot.render.files import HOMEWORK as HOMEWORK_FILES
from bot.render.files import file_rows
from bot.render.grades import TYPE_KEYS
from bot.render.librus_text import librus_text
from bot.render.text import esc, shorten
from storage.records import OutboxRecord
from sync import events as E
from sync import kinds as K
from sync import payloads as P
from sync.clock import WARSAW
from sync.fanout import SUMMARY
from sync.notices import FIX_LOGIN, NOTICE, NOTICE_PREFIX
from sync.payloads import (
    AbsenceItem,
    EventPayload,
    GradeItem,
    LessonChange,
    NoticePayload,
    SummaryPayload,
    read_outbox,
)

PREVIEW = 300  # characters of a message preview or announcement shown
MAX_BODY_BUTTONS = 3
MAX_MUTE_BUTTONS = 3


def _day(t: Translator, value: Any) -> str:
    try:
        return t.short_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return esc(value or "?")


def _subject(value: Any) -> str:
    return esc(value) if value else "—"


def _grade(t: Translator, p: EventPayload) -> str:
    data, old = P.grade(p.get("data")), P.grade(p.get("old"))
    kind = p["type"]
    item = old if kind == E.GRADE_DELETED else data
    value = esc(item["value"] or "?")
    subject = _subject(item["subject"])
    if kind == E.GRADE_NEW:
        head = t("notif-grade-new", value=value, subject=subject)
    elif kind == E.GRADE_CHANGED:
        head = t("notif-grade-changed", old=esc(old["value"] or "?"), value=value, subject=subject)
    else:
        head = t("notif-grade-deleted", value=value, subject=subject)
    facts = []
    grade_type = item["type"]
    if grade_type in TYPE_KEYS:
        facts.append(esc(t(TYPE_KEYS[grade_type])))
    if item["category"]:
        facts.append(esc(item["category"]))
    if item["scale"] == "standard" and grade_type == "normal":
        weight = item["weight"]
        if item["counts"] and weight not in (None, 0, "0"):
            number = float(weight or 0)
            facts.append(
                t("notif-weight", weight=str(int(number) if number.is_integer() else number))
            )
    lines = [head + (f" · {' · '.join(facts)}" if facts else "")]
    if kind != E.GRADE_DELETED:
        about = _grade_details(t, item)
        if about:
            lines.append(f"   {about}")
        for comment in (item["comments"] or [])[:2]:
            lines.append(f"   💬 {esc(shorten(comment, 200))}")
    return "\n".join(lines)


def _grade_details(t: Translator, item: GradeItem) -> str:
    """Who gave it, on which day, and what the subject's average is now."""
    parts = []
    if item["teacher"]:
        parts.append(esc(item["teacher"]))
    if item["date"]:
        parts.append(_day(t, item["date"]))
    average = item.get("subject_average")
    if isinstance(average, (int, float)):
        parts.append(t("notif-grade-average", value=t.number(float(average))))
    return " · ".join(parts)


ATTENDANCE_LABELS: dict[str, str] = {
    P.AttendanceStatus.ABSENT: "notif-att-absent",
    P.AttendanceStatus.LATE: "notif-att-late",
    P.AttendanceStatus.EXCUSED: "notif-att-excused",
    P.AttendanceStatus.RELEASED: "notif-att-released",
}


def _attendance_label(t: Translator, item: AbsenceItem) -> str:
    key = ATTENDANCE_LABELS.get(str(item["status"]))
    return t(key) if key else t("notif-att-other", type=esc(item["type"] or "?"))


def _attendance(t: Translator, p: EventPayload) -> str:
    item = P.absence(p.get("data"))
    when = t("notif-att-lesson", date=_day(t, item["date"]), lesson=esc(item["lesson_no"] or "?"))
    if item["subject"]:
        when += f" ({esc(item['subject'])})"
    if p["type"] == E.ABSENCE_EXCUSED:
        return t("notif-absence-excused", when=when)
    label = _attendance_label(t, item)
    if p["type"] == E.ABSENCE_CHANGED:
        plain = label.split(" ", 1)[-1]  # without its emoji, inside a sentence
        return t("notif-absence-changed", when=when, label=plain.lower())
    return f"{label}: {when}"


def _message(t: Translator, p: EventPayload) -> str:
    item = P.message(p.get("data"))
    head = t(
        "notif-message-new",
        sender=esc(item["sender"] or "?"),
        topic=esc(item["topic"] or t("msg-no-topic")),
    )
    preview = shorten(librus_text(item["preview"]), PREVIEW)
    return f"{head}\n   <i>{esc(preview)}</i>" if preview else head


def _announcement(t: Translator, p: EventPayload) -> str:
    item = P.announcement(p.get("data"))
    head = t("notif-announcement-new", subject=esc(item["subject"] or "?"))
    content = shorten(librus_text(item["content"]), PREVIEW)
    return f"{head}\n   {esc(content)}" if content else head


def _homework(t: Translator, p: EventPayload) -> str:
    item = P.homework(p.get("data"))
    head = t(
        "notif-homework-new",
        subject=_subject(item["subject"]),
        topic=esc(shorten(librus_text(item["topic"] or item["text"] or "?"), 200)),
    )
    if item["due"]:
        head += f" · {t('notif-homework-due', date=_day(t, item['due']))}"
    return head


def _agenda(t: Translator, p: EventPayload) -> str:
    item, old = P.agenda(p.get("data")), P.agenda(p.get("old"))
    category = esc(item["category"] or t("agenda-entry"))
    if item["subject"]:
        category += f" – {esc(item['subject'])}"
    if p["type"] == E.AGENDA_MOVED:
        return t(
            "notif-agenda-moved",
            category=category,
            old=_day(t, old["date"]),
            date=_day(t, item["date"]),
        )
    day = _day(t, item["date"])
    text = shorten(librus_text(item["content"]), 200)
    if not text or text.casefold() == str(item["category"] or "").casefold():
        # 'Zebranie z rodzicami' filed under 'zebranie z rodzicami' says it once.
        return t("notif-agenda-new-bare", category=category, date=day)
    return t("notif-agenda-new", category=category, date=day, content=esc(text))


def _lesson(t: Translator, p: EventPayload) -> str:
    item = P.lesson(p.get("data"))
    original = P.original(item["original"])
    if item["no"] is None and item["from"]:
        return _activity(t, item, item["from"])
    args = {
        "date": _day(t, item["date"]),
        "no": esc(item["no"] or "?"),
        "subject": _subject(item["subject"] or original["subject"]),
    }
    moved_to = P.place(item.get("moved_to"))
    moved_from = P.place(item.get("moved_from"))
    if item["canceled"] and moved_to["date"]:
        to = {"to": _day(t, moved_to["date"]), "to_no": esc(moved_to["no"] or "?")}
        return t("notif-lesson-moved-to", **args, **to)
    if item["canceled"]:
        return t("notif-lesson-canceled", **args)
    if moved_from["date"]:
        came = {"from": _day(t, moved_from["date"]), "from_no": esc(moved_from["no"] or "?")}
        return t("notif-lesson-moved-from", **args, **came)
    if item["substitution"]:
        text = t("notif-lesson-substitution", **args)
        return text + (f" ({esc(item['teacher'])})" if item["teacher"] else "")
    return t("notif-lesson-room", room=esc(item["room"] or "?"), **args)


def _activity(t: Translator, item: LessonChange, start: str) -> str:
    """A kindergarten's block, told by its hours (it has no lesson number)."""
    original = P.original(item["original"])
    hours = esc(start + (f"–{item['to']}" if item["to"] else ""))
    args = {
        "date": _day(t, item["date"]),
        "hours": hours,
        "subject": _subject(item["subject"] or original["subject"]),
    }
    if item["canceled"]:
        return t("notif-activity-canceled", **args)
    if item["substitution"]:
        text = t("notif-activity-substitution", **args)
        return text + (f" ({esc(item['teacher'])})" if item["teacher"] else "")
    return t("notif-activity-room", room=esc(item["room"] or "?"), **args)


def _lucky(t: Translator, p: EventPayload) -> str:
    item = P.lucky(p.get("data"))
    return t(
        "notif-lucky",
        name=esc(p.get("child") or ""),
        date=_day(t, item.get("day")),
        number=item.get("number", "?"),
    )


NOTE_KEYS = {"positive": "notif-note-positive", "negative": "notif-note-negative"}


def _note(t: Translator, p: EventPayload) -> str:
    item = P.note(p.get("data"))
    key = NOTE_KEYS.get(str(item["sentiment"]), "notif-note-neutral")
    text = esc(shorten(librus_text(item["text"]), 400))
    who = " · ".join(esc(v) for v in (item["teacher"], item["category"]) if v)
    return t(key, text=text) + (f"\n   <i>{who}</i>" if who else "")


def _notice(t: Translator, p: NoticePayload) -> str:
    key = str(p.get("key") or "")
    if not key.startswith(NOTICE_PREFIX):
        return ""
    given = p.get("args")
    args: Mapping[str, Any] = given if isinstance(given, dict) else {}
    text = t(key, **{str(k): esc(str(v)) for k, v in args.items()})
    counts = p.get("counts")
    if isinstance(counts, dict) and any(int(v or 0) for v in counts.values()):
        text += "\n" + t("notice-caught-up", items=_items(t, counts))
    if p.get("said"):
        text += "\n" + t("link-librus-said", words=esc(str(p["said"])))
    return text


# Categories in the order a summary names them.
SUMMARY_ORDER = (
    K.GRADES,
    K.ATTENDANCE,
    K.MESSAGES,
    K.NOTES,
    K.AGENDA,
    K.HOMEWORK,
    K.TIMETABLE,
    K.ANNOUNCEMENTS,
    K.LUCKY_NUMBER,
)


def _summary(t: Translator, p: SummaryPayload) -> str:
    """'Leon: podczas przerwy od 03.11 przyszło: 3 oceny, 1 wiadomość, …'."""
    given = p.get("counts")
    items = _items(t, given if isinstance(given, dict) else {})
    name = esc(str(p.get("child") or ""))
    since = p.get("since")
    if since:
        day = datetime.fromisoformat(str(since)).astimezone(WARSAW).strftime("%d.%m")
        return t("notif-summary-gap", name=name, since=day, items=items)
    return t("notif-summary-many", name=name, items=items)


def _items(t: Translator, counts: Mapping[str, Any]) -> str:
    """'3 oceny, 1 wiadomość' from counts of news by category."""
    return ", ".join(
        t(f"summary-{kind}", count=int(counts[kind]))
        for kind in SUMMARY_ORDER
        if int(counts.get(kind) or 0) > 0
    )


EVENT_RENDERERS: dict[str, Callable[[Translator, EventPayload], str]] = {
    E.GRADE_NEW: _grade,
    E.GRADE_CHANGED: _grade,
    E.GRADE_DELETED: _grade,
    E.ABSENCE_NEW: _attendance,
    E.ABSENCE_CHANGED: _attendance,
    E.ABSENCE_EXCUSED: _attendance,
    E.MESSAGE_NEW: _message,
    E.ANNOUNCEMENT_NEW: _announcement,
    E.HOMEWORK_NEW: _homework,
    E.AGENDA_NEW: _agenda,
    E.AGENDA_MOVED: _agenda,
    E.TIMETABLE_CHANGE: _lesson,
    E.LUCKY_NUMBER: _lucky,
    E.NOTE_NEW: _note,
}


def event_text(t: Translator, payload: Mapping[str, Any]) -> str:
    """The lines one outbox row contributes; "" for a type this version does not know."""
    p = read_outbox(payload)
    kind = str(p.get("type"))
    if kind == NOTICE:
        return _notice(t, cast(NoticePayload, p))
    if kind == SUMMARY:
        return _summary(t, cast(SummaryPayload, p))
    renderer = EVENT_RENDERERS.get(kind)
    return renderer(t, cast(EventPayload, p)) if renderer else ""


def notification(
    t: Translator,
    rows: Sequence[OutboxRecord],
    *,
    names: dict[int, str],
    many_children: bool,
    local_hour: int = 7,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One message for rows due together in one chat (`names`: account id → the name
    the chat knows the child by). Rows held over quiet hours open with a greeting
    when they go out in the morning (`local_hour`, the chat's own time), and with a
    plain heading at any other hour (quiet hours switched off in the evening)."""
    blocks: list[str] = []
    if any(r.held_for_quiet_hours for r in rows):
        blocks.append(t("notif-digest" if 4 <= local_hour < 12 else "notif-digest-later"))
    by_child: dict[int, list[OutboxRecord]] = {}
    for row in rows:
        by_child.setdefault(row.account_id or 0, []).append(row)
    for account_id, child_rows in by_child.items():
        lines = [event_text(t, _with_name(r, names)) for r in child_rows]
        lines = [line for line in lines if line]
        if many_children and account_id:
            name = names.get(account_id) or str(child_rows[0].payload.get("child") or "")
            lines.insert(0, t("notif-child", name=esc(name)))
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b), _keyboard(t, rows, names)


def _with_name(row: OutboxRecord, names: dict[int, str]) -> dict[str, Any]:
    payload = dict(row.payload)
    if row.account_id in names:
        payload["child"] = names[row.account_id]
    return payload


def _homework_files(
    t: Translator, rows: Sequence[OutboxRecord], names: dict[int, str]
) -> list[list[InlineKeyboardButton]]:
    """'📎 <file>' under news of homework that came with files."""
    found: list[list[InlineKeyboardButton]] = []
    several = len({r.account_id for r in rows if r.account_id is not None}) > 1
    for row in rows:
        if row.payload.get("type") != E.HOMEWORK_NEW or row.account_id is None:
            continue
        item = P.homework(row.payload.get("data"))
        offer = file_rows(
            row.account_id,
            HOMEWORK_FILES,
            item["id"],
            ((f["id"], f["name"] or t("file-unnamed")) for f in item["files"]),
            child=names.get(row.account_id, "") if several else "",
            room=MAX_BODY_BUTTONS - len(found),
        )
        found += offer.rows
    return found


def _keyboard(
    t: Translator, rows: Sequence[OutboxRecord], names: dict[int, str]
) -> InlineKeyboardMarkup | None:
    buttons: list[list[InlineKeyboardButton]] = []
    for row in rows:
        if row.payload.get("type") != E.MESSAGE_NEW or row.account_id is None:
            continue
        if len(buttons) == MAX_BODY_BUTTONS:
            break
        data = P.message(row.payload.get("data"))
        callback = MessageCb(account=row.account_id, message=str(data["id"]), step="ask")
        topic = shorten(str(data["topic"] or t("msg-no-topic")), 30)
        buttons.append(
            [
                InlineKeyboardButton(
                    text=t("button-show-body", topic=topic), callback_data=callback.pack()
                )
            ]
        )
    buttons += _homework_files(t, rows, names)
    for row in rows:
        button = row.payload.get("button") if row.payload.get("type") == NOTICE else None
        if isinstance(button, dict) and button.get("kind") == FIX_LOGIN:
            fix = ChildCb(action="password", account=int(button.get("account") or 0))
            buttons.append(
                [InlineKeyboardButton(text=t("button-enter-password"), callback_data=fix.pack())]
            )
    mutes: dict[tuple[int, str], None] = {}
    for row in rows:
        if row.account_id is not None and row.category:
            mutes.setdefault((row.account_id, row.category), None)
    several = len({account for account, _ in mutes}) > 1
    for account_id, category in list(mutes)[:MAX_MUTE_BUTTONS]:
        mute = MuteCb(account=account_id, category=category)
        label = t("button-mute", category=t(f"category-{category}"))
        if several and names.get(account_id):
            label += f" ({shorten(names[account_id], 20)})"
        buttons.append([InlineKeyboardButton(text=label, callback_data=mute.pack())])
    return InlineKeyboardMarkup(inline_keyboard=buttons) if buttons else None
