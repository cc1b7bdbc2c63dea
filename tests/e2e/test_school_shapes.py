"""School data as real Librus serves it, through the real bot: parents' own logins,
one child reached through two logins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from simulator.telegram.server import Entry
from storage.models import SynergiaAccount
from tests.e2e.harness import Harness, running_bot

PARENT, OTHER = 801, 802
PIPELINE = ("bot", "poller", "sender")


def _says(words: str) -> Callable[[Entry], bool]:
    return lambda entry: words in entry.text


def _with_parent_login(h: Harness) -> dict[str, Any]:
    return next(a for a in h.librus.accounts() if a["parent_login"] and not a["missing_modules"])


async def _typed(h: Harness, user: int, login: str, password: str) -> str:
    """/dodaj with this login and password, up to the screen that follows the check."""
    await h.say(user, "/dodaj", expect=lambda e: "Synergii" in e.text)
    await h.say(user, login, expect=lambda e: "hasło" in e.text)
    screen = await h.say(
        user, password, expect=lambda e: "zalogować" in e.text or "Dzwonku" in e.text
    )
    return screen.text


async def test_a_parents_login_names_the_parent_and_the_child(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = _with_parent_login(h)
        h.telegram.user(PARENT, "Ewa")
        found = await _typed(h, PARENT, account["parent_login"], account["parent_password"])
        assert f"Konto rodzica: {account['parent']} – dziecko: {account['student']}" in found
        assert f"klasa {account['class']}" in found
        assert "konto ucznia" not in found
        first = str(account["student"]).split()[0]
        assert f"dodanie dziecka: {first}?" in found
        await h.press(PARENT, "✅", expect=lambda e: "🎉" in e.text)
        listing = await h.say(PARENT, "/dzieci", expect=lambda e: first in e.text)
        assert account["parent"] not in listing.text  # the child is named, not the parent


async def test_a_pupils_login_says_so(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = _with_parent_login(h)
        h.telegram.user(PARENT, "Ewa")
        found = await _typed(h, PARENT, account["login"], account["password"])
        assert f"To konto ucznia:\n{account['student']}, klasa {account['class']}" in found


async def test_one_child_through_two_logins_is_one_child(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = _with_parent_login(h)
        h.telegram.user(PARENT, "Ewa")
        await _typed(h, PARENT, account["parent_login"], account["parent_password"])
        await h.press(PARENT, "✅", expect=lambda e: "🎉" in e.text)
        await h.settled(account["parent_login"])
        first = str(account["student"]).split()[0]
        # The same parent tries the pupil's login too: refused as the same child.
        again = await _typed(h, PARENT, account["login"], account["password"])
        assert f"{first} już jest w Dzwonku" in again and account["parent_login"] in again
        # Another member of the family links the pupil's login: they join the same
        # account, and their password is not stored.
        h.telegram.user(OTHER, "Piotr")
        await _typed(h, OTHER, account["login"], account["password"])
        done = await h.press(OTHER, "✅", expect=lambda e: "Gotowe" in e.text)
        assert "nie zapisałem" in done.text
        async with h.store.reading() as uow:
            count = await uow.session.scalar(select(func.count()).select_from(SynergiaAccount))
            stored = await uow.accounts.by_login(account["parent_login"])
            assert stored is not None
            followers = {link.user_id for link in await uow.links.for_account(stored.id)}
            assert await uow.accounts.by_login(account["login"]) is None
        assert count == 1 and followers == {PARENT, OTHER}
        # A new grade reaches both parents once.
        marks = {chat: h.last_id(chat) for chat in (PARENT, OTHER)}
        h.librus.edit.add_grade(account["login"], value="5", subject="Matematyka")
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        for chat in (PARENT, OTHER):
            news = [e.text for e in h.news(chat, marks[chat]) if "Matematyka" in e.text]
            assert len(news) == 1, (chat, news)


async def test_a_first_graders_descriptive_grades_are_told_and_listed_by_area(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = _with_parent_login(h)
        login = str(account["login"])
        # The class moved to the new descriptive grading: Grades is empty from now on,
        # and two grades are there when the parent links the child.
        h.librus.edit.add_partial_grade(
            login, area="Edukacja polonistyczna", value="Wspaniale", subject="Język polski"
        )
        h.librus.edit.add_partial_grade(
            login,
            area="Edukacja matematyczna",
            value="Dobrze",
            subject="Matematyka",
            comment="Liczy do 20.",
        )
        h.telegram.user(PARENT, "Ewa")
        await h.link(PARENT, {"login": login, "password": account["password"]})
        listing = await h.say(PARENT, "/oceny", expect=lambda e: "Oceny" in e.text)
        assert "Edukacja polonistyczna: Wspaniale" in listing.text
        assert "Edukacja matematyczna: Dobrze" in listing.text
        assert "średnia" not in listing.text.lower()
        # A new one, and a changed one, reach the parent; nothing is announced twice.
        mark = h.last_id(PARENT)
        added = h.librus.edit.add_partial_grade(
            login, area="Edukacja przyrodnicza", value="Bardzo dobrze", subject="Biologia"
        )
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        news = [e.text for e in h.news(PARENT, mark)]
        assert len(news) == 1 and "Bardzo dobrze" in news[0], news
        assert "Edukacja przyrodnicza" in news[0]
        mark = h.last_id(PARENT)
        h.librus.edit.edit("partial_grade", added, {"value": "Wspaniale"})
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        changed = [e.text for e in h.news(PARENT, mark)]
        assert len(changed) == 1 and "Wspaniale" in changed[0], changed
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        assert len(h.news(PARENT, mark)) == 1


def _school_days(h: Harness, login: str, count: int) -> list[date]:
    """The next school days of the child's class (from tomorrow) that have lesson 1."""
    world = h.librus.world
    student = world.student_by_login(login)
    assert student is not None
    klass = world.class_of(student)
    weekdays = {s.weekday for s in world.class_plan(klass.id) if s.lesson_no == 1}
    day = h.librus.clock.now().date()
    found: list[date] = []
    while len(found) < count:
        day += timedelta(days=1)
        if world.is_school_day(klass.school_id, klass.id, day) and day.isoweekday() in weekdays:
            found.append(day)
    return found


async def test_a_lesson_moved_to_another_day_is_told_as_moved(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        mark = h.last_id(PARENT)
        first, second = _school_days(h, login, 2)
        h.librus.edit.add_plan_change(
            login, day=first, lesson_no=1, kind="moved", new_day=second, new_lesson_no=8
        )
        h.clock.advance(timedelta(hours=3))
        await h.deliver()
        told = " ".join(e.text for e in h.news(PARENT, mark))
        assert "Lekcja przeniesiona:" in told and "Nowy termin" in told and "lekcja 8" in told
        assert "Lekcja przeniesiona na" in told and "lekcja 1)" in told
        assert "Odwołana" not in told and "Zastępstwo" not in told


async def test_a_message_from_a_librus_group_sender_names_the_sender(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        mark = h.last_id(PARENT)
        h.librus.edit.add_message(
            login,
            topic="Usprawiedliwienie przyjęte",
            body="Wychowawca przyjął usprawiedliwienie z 24.11.",
            sender="e-Usprawiedliwienia",
        )
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        news = [e.text for e in h.news(PARENT, mark)]
        assert len(news) == 1, news
        assert "Nowa wiadomość – e-Usprawiedliwienia: Usprawiedliwienie przyjęte" in news[0]
        inbox = await h.say(PARENT, "/wiadomosci", expect=lambda e: "Wiadomości" in e.text)
        assert "e-Usprawiedliwienia ·" in inbox.text


async def test_a_substitution_without_a_classroom_is_told_and_shown(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        mark = h.last_id(PARENT)
        (day,) = _school_days(h, login, 1)
        h.librus.edit.add_plan_change(
            login, day=day, lesson_no=1, kind="substitution", classroom=False
        )
        h.clock.advance(timedelta(hours=3))
        await h.deliver()
        news = [e.text for e in h.news(PARENT, mark)]
        assert len(news) == 1 and "Zastępstwo" in news[0] and "lekcja 1" in news[0], news
        assert "Zmiana sali" not in news[0] and "None" not in news[0]
        plan = await h.say(PARENT, f"/plan {day:%Y%m%d}", expect=lambda e: "Plan" in e.text)
        first = next(line for line in plan.text.splitlines() if line.startswith("1."))
        assert "sala" not in first.lower() and "None" not in first and "?" not in first


async def test_every_screen_of_a_busy_childs_year_is_whole_and_well_formed(
    tmp_path: Path,
) -> None:
    """The dense seed (a real school's volume): every command's answer, in every
    language, is accepted by the fake Bot API whole, with its formatting intact."""
    async with running_bot(tmp_path, density="dense") as h:
        account = max(
            (a for a in h.librus.accounts() if not a["missing_modules"]),
            key=lambda a: int(str(a["class"])[0]),  # an older class: the most lessons
        )
        await h.link(PARENT, account)
        commands = (
            "/start",
            "/oceny",
            "/plan tydzień",
            "/jutro",
            "/frekwencja",
            "/wiadomosci",
            "/sprawdziany",
            "/zadania",
            "/ogloszenia",
            "/uwagi",
            "/numerek",
        )
        titles = {"pl": "Oceny", "en": "Grades", "uk": "Оцінки"}
        for language in ("pl", "en", "uk"):
            async with h.store.transaction() as uow:
                await uow.chats.update_settings(PARENT, language=language)
            mark = h.last_id(PARENT)
            await h.say(PARENT, "/oceny", expect=_says(titles[language]))
            grades = " ".join(e.text for e in h.news(PARENT, mark))
            assert grades.count(",") >= 15  # a busy year: many grades listed
            for command in commands:
                mark = h.last_id(PARENT)
                await h.say(PARENT, command, expect=lambda e: "stan z" in e.text or bool(e.text))
                shown = [e.text for e in h.news(PARENT, mark)]
                assert shown, (language, command)
                for text in shown:
                    assert "None" not in text and "{" not in text, (language, command, text)
        assert h.telegram.entities_dropped == 0
        assert not [r for r in h.telegram.refusals if "not modified" not in r[1]]


def _kindergarten_day(h: Harness, login: str) -> date:
    """The next day the child's kindergarten is open (from tomorrow)."""
    world = h.librus.world
    student = world.student_by_login(login)
    assert student is not None
    klass = world.class_of(student)
    day = h.librus.clock.now().date() + timedelta(days=1)
    while not world.is_school_day(klass.school_id, klass.id, day):
        day += timedelta(days=1)
    return day


async def test_a_kindergarten_child_is_followed_by_its_blocks_not_lessons(tmp_path: Path) -> None:
    """A kindergarten account (its plan from the kindergarten service, no lesson
    numbers, most modules refused): linked with its group named, its plan shown by
    hours, both halves of a split substitution told, its refused grades said in a
    kindergarten's words and never taken for a block of Librus."""
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        (login,) = h.librus.edit.add_kindergarten(1)
        account = next(a for a in h.librus.accounts() if a["login"] == login)
        assert account["kindergarten"] and account["parent_login"] == login
        h.telegram.user(PARENT, "Anna")
        found = await _typed(h, PARENT, login, str(account["password"]))
        group = str(account["class"])
        assert (
            f"Konto rodzica: {account['parent']} – dziecko: {account['student']}, grupa {group}"
            in found
        ), found
        await h.press(PARENT, "✅", expect=lambda e: "🎉" in e.text)
        await h.settled(login)
        day = _kindergarten_day(h, login)
        plan = await h.say(PARENT, f"/plan {day:%Y%m%d}", expect=lambda e: "Plan" in e.text)
        lines = plan.text.splitlines()
        assert any(line.startswith("07:00–08:30 Zajęcia opiekuńcze") for line in lines), lines
        assert not any(line.startswith(("·", "None", "?")) for line in lines), lines
        mark = h.last_id(PARENT)
        h.librus.edit.add_plan_change(login, day=day, lesson_no=4, kind="split")
        h.librus.edit.add_plan_change(login, day=day, lesson_no=3, kind="cancelled")
        h.clock.advance(timedelta(hours=3))
        await h.deliver()
        # One message or several (the sender groups one child's news): line by line.
        news = [line for e in h.news(PARENT, mark) for line in e.text.splitlines()]
        substitutions = [n for n in news if "Zastępstwo" in n and "Zajęcia dydaktyczne" in n]
        assert len(substitutions) == 2, news
        assert any("10:30–11:30" in n for n in substitutions), substitutions
        assert any("11:30–13:00" in n for n in substitutions), substitutions
        assert any("Odwołane zajęcia" in n and "10:00–10:30" in n for n in news), news
        assert not any("lekcja" in n or "None" in n for n in news), news
        h.clock.advance(timedelta(hours=3))
        await h.deliver()
        again = [line for e in h.news(PARENT, mark) for line in e.text.splitlines()]
        assert again == news  # told once
        grades = await h.say(PARENT, "/oceny", expect=lambda e: "ocen" in e.text)
        assert "przedszkole nie wystawia ocen w Librusie" in grades.text
        # Refused grades and attendance are a kindergarten's missing modules: no block
        # of Librus, nothing toward the circuit breaker.
        upstream = h.runtime.upstream
        assert upstream is not None
        assert upstream.breaker.trips == 0 and upstream.breaker.open_until is None
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(login)
            assert stored is not None
            states = await uow.sync.kinds(stored.id)
        assert states["grades"].absent_until is not None
        # The child was found by the library's search at the check and at the first
        # poll, and is kept: the school timetable is never asked, nor searched again
        # after the connection is rebuilt.
        requests = h.librus.requests_for(login)
        searches = requests["Auth/TokenInfo"]
        assert requests["Timetables"] == 0 and searches <= 2, dict(requests)
        await upstream.forget(stored.id)
        h.clock.advance(timedelta(hours=3))
        await h.deliver()
        assert h.librus.requests_for(login)["Auth/TokenInfo"] == searches


async def test_a_kindergarten_filed_as_class_zero_is_named_by_its_group(tmp_path: Path) -> None:
    """The other shape `Classes` may have for a kindergarten (a class numbered 0)."""
    async with running_bot(tmp_path) as h:
        (login,) = h.librus.edit.add_kindergarten(1)
        student = h.librus.world.student_by_login(login)
        assert student is not None
        klass = h.librus.world.class_of(student)
        klass.classes_shape = "zero"
        account = next(a for a in h.librus.accounts() if a["login"] == login)
        h.telegram.user(PARENT, "Anna")
        found = await _typed(h, PARENT, login, str(account["password"]))
        assert f"grupa {klass.group_name}" in found and "klasa" not in found, found
