"""What to revise before a test and what was missed during an absence, through the real
bot: a button per test in /sprawdziany, the line in /jutro and the evening brief, the
catch-up the day a child is back (once, in every chat that hears of the child, never
where it is turned off), in Polish and English."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync import kinds as K
from sync import payloads as P
from sync import revision as R
from tests.e2e.harness import running_bot

PARENT, SECOND, GROUP = 611, 612, -100611
PIPELINE = ("bot", "poller", "sender")
TODAY = date(2026, 11, 25)  # the simulated school day, a Wednesday, 10:30 in Warsaw
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


def lessons_of(librus: LibrusSimulator, login: str, day: date) -> list[tuple[int, str]]:
    """(lesson number, subject) of the child's plan on `day`."""
    student = librus.edit.student(login)
    world = librus.world
    return sorted(
        (slot.lesson_no, world.subjects[world.lessons[slot.lesson_id].subject_id].name)
        for slot in world.class_plan(student.class_id)
        if slot.weekday == day.isoweekday()
    )


def subjects_tested_lately(librus: LibrusSimulator, login: str) -> set[str]:
    """Subjects with a test in the week up to tomorrow: nothing taught since to revise."""
    world = librus.world
    student = librus.edit.student(login)
    return {
        world.subjects[e.subject_id].name
        for e in world.agenda.owned_by(student.class_id)
        if e.subject_id is not None and TODAY - timedelta(days=7) <= e.day <= TODAY
    }


async def stored(store: Store, user_id: int, kind: str) -> dict | None:  # type: ignore[type-arg]
    async with store.reading() as uow:
        (child,) = await uow.links.children(user_id)
        snap = await uow.snapshots.get(child.account_id, kind)
    return snap.data if snap else None


async def test_a_button_per_test_lists_the_topics_since_the_last_one(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        subject = lessons_of(h.librus, login, TUESDAY)[0][1]
        # A test on Friday; a lesson of its subject missed last week; a 'kartkówka'
        # a teacher filed under 'inne' for tomorrow.
        h.librus.edit.add_agenda(
            login, content="Dział 3", day=TODAY + timedelta(days=2), subject=subject
        )
        missed_no = lessons_of(h.librus, login, TUESDAY)[0][0]
        h.librus.edit.add_attendance(login, day=TUESDAY - timedelta(days=7), lesson_no=missed_no)
        busy = subjects_tested_lately(h.librus, login)
        other = next(
            s for _, s in lessons_of(h.librus, login, TODAY) if s != subject and s not in busy
        )
        h.librus.edit.add_agenda(
            login,
            content="Kartkówka z ostatnich lekcji",
            day=TODAY + timedelta(days=1),
            category="inne",
            subject=other,
        )
        await h.link(PARENT, account)

        listing = await h.say(PARENT, "/sprawdziany", expect=has("Najbliższe"))
        labels = listing.button_texts()
        assert any(label.startswith(f"📚 {subject}") for label in labels), labels
        assert any(label.startswith(f"📚 {other}") for label in labels), labels  # the 'inne'
        button = next(label for label in labels if label.startswith(f"📚 {subject}"))
        shown = await h.press(PARENT, button, expect=has("Tematy"))

        agenda = P.agenda_in(await stored(h.store, PARENT, K.AGENDA))
        test = next(e for e in agenda if e["content"] == "Dział 3")
        expected = R.revision(
            test,
            agenda,
            P.topics_in(await stored(h.store, PARENT, K.TOPICS)),
            P.absences_in(await stored(h.store, PARENT, K.ATTENDANCE)),
        )
        assert expected.topics, "the simulated class had lessons of the subject"
        for found in expected.topics:
            assert found.topic in shown.text
        assert expected.missed >= 1
        assert "❗ nieobecność" in shown.text and "Nieobecność na" in shown.text
        assert "« Wróć" in shown.button_texts()

        # Tomorrow's 'kartkówka' under 'inne' gets its line in /jutro.
        tomorrow = await h.say(PARENT, "/jutro", expect=has("Jutro"))
        assert "Kartkówka z ostatnich lekcji" in tomorrow.text
        assert "📚 Do powtórki:" in tomorrow.text

        # Only the subjects with a test and the days away are kept of Librus's list.
        topics = P.topics_in(await stored(h.store, PARENT, K.TOPICS))
        attendance = await stored(h.store, PARENT, K.ATTENDANCE)
        wanted = R.need(agenda, P.absences_in(attendance), P.present_days_in(attendance), TODAY)
        assert {subject.casefold(), other.casefold()} <= wanted.subjects
        assert topics and R.keep(topics, wanted) == topics
        planned = {
            s.casefold()
            for day in (MONDAY, TUESDAY, TODAY)
            for _, s in lessons_of(h.librus, login, day)
        }
        left_out = planned - wanted.subjects
        assert left_out, "some subject has no test coming"
        assert not [
            t
            for t in topics
            if (t["subject"] or "").casefold() in left_out and t["date"] not in wanted.days
        ]


async def test_the_evening_before_a_test_says_what_to_revise_in_english(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        subject = lessons_of(h.librus, login, TUESDAY)[0][1]
        h.librus.edit.add_agenda(
            login, content="Chapter 2", day=TODAY + timedelta(days=1), subject=subject
        )
        await h.link(PARENT, account)
        async with h.store.transaction() as uow:
            await uow.chats.update_settings(PARENT, evening_brief_enabled=True, language="en")
        start = h.last_id(PARENT)
        h.clock.set(h.clock.now().replace(hour=18, minute=5))  # 19:05 in Warsaw
        assert await h.runtime.queue_briefs() == 1
        await h.runtime.sender.drain()
        [brief] = h.news(PARENT, start)
        assert "Chapter 2" in brief.text
        assert "📚 To revise:" in brief.text


async def test_back_after_two_days_away_the_catch_up_comes_once(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        for day in (MONDAY, TUESDAY):
            for no, _ in lessons_of(h.librus, login, day):
                h.librus.edit.add_attendance(login, day=day, lesson_no=no)
        subject = lessons_of(h.librus, login, TUESDAY)[0][1]
        h.librus.edit.add_homework(
            login, topic="Zadania 4–6 ze str. 80", subject=subject, day=TUESDAY, due=TODAY
        )
        h.telegram.user(SECOND, "Piotr")
        async with h.store.transaction() as uow:  # this parent turned the catch-up off
            await uow.chats.ensure(SECOND, "private")
            await uow.chats.update_settings(SECOND, muted_categories=[K.CATCH_UP])
        start = h.last_id(PARENT)
        await h.link(PARENT, account)
        second_start = h.last_id(SECOND)
        await h.link(SECOND, account)
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        caught = [e for e in h.news(PARENT, start) if "wraca do szkoły" in e.text]
        assert len(caught) == 1, [e.text for e in h.news(PARENT, start)]
        text = caught[0].text
        assert "po 2 dniach nieobecności" in text and "pon. 23.11" in text and "wt. 24.11" in text
        topics = P.topics_in(await stored(h.store, PARENT, K.TOPICS))
        taught = [t for t in topics if t["date"] in (MONDAY.isoformat(), TUESDAY.isoformat())]
        assert taught, "the simulated class had lessons on both days"
        for item in taught:
            assert item["topic"] in text
        assert "Zadania 4–6 ze str. 80 – termin: śr. 25.11" in text
        assert not [e for e in h.news(SECOND, second_start) if "wraca do szkoły" in e.text]

        h.clock.advance(timedelta(minutes=13))  # more polls the same day: told once
        await h.deliver()
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        again = [e for e in h.news(PARENT, start) if "wraca do szkoły" in e.text]
        assert len(again) == 1
