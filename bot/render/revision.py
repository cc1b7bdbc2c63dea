"""What to revise before a test (its button in /sprawdziany, a line in the evening
brief and /jutro) and what a child missed while away (the catch-up message)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import Translator
from bot.render.text import bold, esc, short_day, shorten
from sync.payloads import AgendaItem
from sync.revision import Away, MissedSubject, Revision

LINE_TOPICS = 4  # topics named in the one-line form; the button shows them all


def view(t: Translator, name: str, revision: Revision | None, *, fetched: bool) -> str:
    """The whole list for one test. `revision` None: the entry names no subject."""
    if revision is None:
        return t("revision-no-subject")
    test = revision.test
    lines = [
        t(
            "revision-title",
            category=esc(test["category"] or t("agenda-entry")),
            subject=esc(test["subject"] or ""),
            date=short_day(t, test["date"]),
            name=esc(name),
        )
    ]
    if test["content"]:
        lines.append(f"<i>{esc(shorten(test['content'], 300))}</i>")
    lines.append("")
    if not fetched:
        lines.append(t("revision-not-yet"))
        return "\n".join(lines)
    if not revision.topics:
        key = "revision-none-since" if revision.since else "revision-none"
        lines.append(t(key, date=short_day(t, revision.since)))
        return "\n".join(lines)
    if revision.since:
        lines.append(t("revision-since", date=short_day(t, revision.since)))
    else:
        lines.append(t("revision-recent"))
    if revision.earlier:
        lines.append(t("revision-earlier", count=revision.earlier))
    for topic in revision.topics:
        days = ", ".join(dict.fromkeys(short_day(t, d) for d in topic.dates))
        mark = " " + t("revision-missed-mark") if topic.missed else ""
        lines.append(f"• {esc(topic.topic)} <i>({days})</i>{mark}")
    if revision.missed:
        lines.append("")
        lines.append(t("revision-missed", count=revision.missed, name=esc(name)))
    return "\n".join(lines)


def line(t: Translator, revision: Revision) -> str:
    """One line under a test in the evening brief and /jutro ('' when nothing is known)."""
    if not revision.topics:
        return ""
    named = [esc(shorten(x.topic, 60)) for x in revision.topics[-LINE_TOPICS:]]
    rest = len(revision.topics) - len(named) + revision.earlier
    text = t("revision-line", topics="; ".join(named))
    if rest:
        text += " " + t("revision-line-more", count=rest)
    if revision.missed:
        text += " " + t("revision-line-missed", count=revision.missed)
    return f"  {text}"


def button(t: Translator, test: AgendaItem) -> str:
    subject = shorten(test["subject"] or test["category"] or "", 24)
    return t("revision-button", subject=subject, date=short_day(t, test["date"]))


def catch_up(
    t: Translator, name: str, away: Away, subjects: Sequence[MissedSubject], *, fetched: bool
) -> str:
    """The message on the day the child is back: per subject, topics and homework."""
    lines = [
        t(
            "catch-up-title",
            name=esc(name),
            days=away.days,
            **{"from": t.short_date(away.first), "to": t.short_date(away.last)},
        )
    ]
    if not subjects:
        lines.append("")
        lines.append(t("catch-up-nothing" if fetched else "catch-up-not-yet"))
        return "\n".join(lines)
    for subject in subjects:
        lines.append("")
        lines.append(bold(esc(subject.subject or t("catch-up-other"))))
        for topic in subject.topics:
            lines.append(f"• {esc(shorten(topic, 120))}")
        for work in subject.homework:
            what = esc(shorten(work["topic"] or work["text"] or "", 120))
            due = short_day(t, work["due"])
            lines.append("📝 " + (t("catch-up-homework", topic=what, due=due) if due else what))
    lines.append("")
    lines.append(f"<i>{t('catch-up-footer')}</i>")
    return "\n".join(lines)
