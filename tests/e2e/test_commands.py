"""Every command, for one child and for several, against the simulated Librus."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from simulator.telegram.server import Entry
from tests.e2e.harness import Harness, running_bot

USER = 601


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


async def one_child(h: Harness) -> dict[str, object]:
    account = h.account()
    h.telegram.user(USER, "Anna")
    await h.link(USER, account)
    return account


async def test_every_command_for_one_child(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = await one_child(h)
        first = str(account["student"]).split()[0]
        student = h.librus.world.student_by_login(str(account["login"]))
        assert student is not None

        grades = await h.say(USER, "/oceny", expect=has("Oceny"))
        assert first in grades.text and "średnia" in grades.text and "stan z" in grades.text
        subject = grades.button_texts()[0]
        detail = await h.press(USER, subject, expect=has(subject))
        assert any(w in detail.text for w in ("waga", "nie liczy się", "opisowa"))
        back = await h.press(USER, "Wróć", expect=has("Oceny"))
        assert "Semestr 2" in back.button_texts()

        plan = await h.say(USER, "/plan", expect=has("Plan"))
        assert "środa, 25 listopada" in plan.text and "08:00" in plan.text
        tomorrow = await h.say(USER, "/plan jutro", expect=has("czwartek"))
        assert "Plan" in tomorrow.text
        week = await h.say(USER, "/plan tydzień", expect=has("tydzień od"))
        # A table: the days across (as a rich message; the text fallback has its own test).
        assert week.kind == "rich" and "pon. 23.11" in week.text and "pt. 27.11" in week.text
        # In the week view the arrows move a week (the message is edited in place).
        this_week = week.text.splitlines()[0]
        nav = await h.press(USER, "▶", expect=has("tydzień od"))
        assert "30 listopada" in nav.text.splitlines()[0] != this_week
        back = await h.press(USER, "◀", expect=has("tydzień od"))
        assert back.text.splitlines()[0] == this_week
        usage = await h.say(USER, "/plan wczoraj")
        assert "/plan jutro" in usage.text

        jutro = await h.say(USER, "/jutro", expect=has("Jutro"))
        assert "czwartek" in jutro.text

        attendance = await h.say(USER, "/frekwencja", expect=has("Frekwencja"))
        assert "Obecność:" in attendance.text and "%" in attendance.text

        inbox = await h.say(USER, "/wiadomosci", expect=has("Wiadomości"))
        assert "nieprzeczyt" in inbox.text
        assert inbox.button_texts()[0].startswith("📖 1.")

        for command, title in (
            ("/ogloszenia", "Ogłoszenia"),
            ("/zadania", "Zadania domowe"),
            ("/sprawdziany", "Najbliższe 14 dni"),
            ("/numerek", "numerek"),
            ("/uwagi", "Uwagi"),
        ):
            answer = await h.say(USER, command, expect=has(title))
            assert "stan z" in answer.text, command

        help_text = await h.say(USER, "/pomoc", expect=has("Co potrafię"))
        assert "/oceny" in help_text.text
        desk = await h.say(USER, "/start", expect=has("Biurko"))
        assert first in desk.text and "Dziś:" in desk.text


async def test_message_body_needs_a_confirmation_and_is_read_once(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = await one_child(h)
        login = str(account["login"])
        inbox = await h.say(USER, "/wiadomosci", expect=has("Wiadomości"))
        unread_button = next(b for b in inbox.button_texts() if b.startswith("📖"))
        warning = await h.press(USER, unread_button, expect=has("przeczytana"))
        assert "Otworzyć?" in warning.text
        assert h.librus.side_effects(login) == []
        kept = await h.press(USER, "Anuluj", expect=has("nieprzeczytaną"))
        assert kept.text
        assert h.librus.side_effects(login) == []
        again = await h.press(USER, unread_button, expect=has("Otworzyć?"))
        assert again.message_id != warning.message_id
        body = await h.press(USER, "Otwórz", expect=has("✉️"))
        assert body.text.count("\n") >= 2
        effects = h.librus.side_effects(login)
        assert [e["kind"] for e in effects] == ["message_opened"]


async def test_several_children_get_a_picker_or_one_message(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        first, second = h.account(0), h.account(1)
        h.telegram.user(USER, "Anna")
        await h.link(USER, first)
        await h.link(USER, second)
        picker = await h.say(USER, "/oceny", expect=has("Którego dziecka"))
        names = picker.button_texts()
        assert names == [str(first["student"]).split()[0], str(second["student"]).split()[0]]
        chosen = await h.press(USER, names[1], expect=has("Oceny"))
        assert names[1] in chosen.text and names[0] not in chosen.text
        together = await h.say(USER, "/jutro", expect=has("Jutro"))
        assert names[0] in together.text and names[1] in together.text
        lucky = await h.say(USER, "/numerek", expect=has("numerek"))
        assert lucky.text.count("🍀") == 2
        lines = [line for line in lucky.text.splitlines() if "🍀" in line]
        assert [line.split()[1] for line in lines] == names  # one line each, whose it is
        for command in ("/plan", "/frekwencja", "/wiadomosci", "/uwagi"):
            asked = await h.say(USER, command, expect=has("Którego dziecka"))
            assert asked.button_texts() == names, command
            shown = await h.press(USER, names[0], expect=has(names[0]))
            assert "stan z" in shown.text and names[1] not in shown.text, command
        for command in ("/ogloszenia", "/zadania", "/sprawdziany"):
            both = await h.say(USER, command, expect=has("stan z"))
            assert "Którego dziecka" not in both.text, command


async def test_refresh_fetches_live(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = await one_child(h)
        grades = await h.say(USER, "/oceny", expect=has("Oceny"))
        h.librus.edit.add_grade(
            str(account["login"]), value="1+", subject="Muzyka", comment="Brak <nut> & zeszytu"
        )
        assert "Muzyka" not in grades.text or "1+" not in grades.text
        h.clock.advance(timedelta(minutes=2))  # past the refresh cooldown since linking
        refreshed = await h.press(USER, "Odśwież", expect=has("1+"))
        assert "Muzyka" in refreshed.text
        detail = await h.press(USER, "Muzyka", expect=has("Brak"))
        assert "Brak <nut> & zeszytu" in detail.text  # escaped on the way, shown as written


async def test_school_without_a_module_gets_a_sentence(tmp_path: Path) -> None:
    async with running_bot(tmp_path, students=12, seed=77) as h:
        no_messages = next(a for a in h.librus.accounts() if a["missing_modules"] == ["messages"])
        no_plan = next(a for a in h.librus.accounts() if "timetable" in a["missing_modules"])
        h.telegram.user(USER, "Anna")
        await h.link(USER, no_messages)
        inbox = await h.say(USER, "/wiadomosci", expect=has("wiadomości"))
        assert "szkoła nie korzysta z wiadomości" in inbox.text
        h.telegram.user(USER + 1, "Ola")
        await h.link(USER + 1, no_plan)
        plan = await h.say(USER + 1, "/plan", expect=has("plan"))
        assert "nie opublikowała planu" in plan.text
        lucky = await h.say(USER + 1, "/numerek", expect=has("numerk"))
        assert "nie losuje" in lucky.text


async def test_children_menu_rename_pause_unlink(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = await one_child(h)
        first = str(account["student"]).split()[0]
        overview = await h.say(USER, "/dzieci", expect=has("Twoje dzieci"))
        assert first in overview.text
        menu = await h.press(USER, first)
        assert "Wstrzymaj" in " ".join(menu.button_texts())
        await h.press(USER, "Zmień nazwę", expect=has("nową nazwę"))
        renamed = await h.say(USER, "Córcia")
        assert "Córcia" in renamed.text
        grades = await h.say(USER, "/oceny", expect=has("Oceny"))
        assert "Córcia" in grades.text
        overview = await h.say(USER, "/dzieci", expect=has("Twoje dzieci"))
        await h.press(USER, "Córcia")
        paused = await h.press(USER, "Wstrzymaj", expect=has("wstrzymane"))
        assert "Wznów" in " ".join(paused.button_texts())
        async with h.store.reading() as uow:
            subscription = await uow.subscriptions.get(
                USER, (await uow.links.children(USER))[0].account_id
            )
        assert subscription is not None and subscription.paused
        # A new password for a child whose notifications never stopped says only that.
        await h.press(USER, "Podaj nowe hasło", expect=has("nowe hasło"))
        saved = await h.say(USER, str(account["password"]), expect=has("Hasło zapisane"))
        assert "wracają" not in saved.text
        await h.say(USER, "/dzieci", expect=has("Twoje dzieci"))
        await h.press(USER, "Córcia")
        await h.press(USER, "Usuń", expect=has("odłączyć od Dzwonka"))
        gone = await h.press(USER, "Tak, usuń", expect=has("Usunięte"))
        assert "Córcia" in gone.text
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(str(account["login"])) is None


async def test_language_switch_and_command_menu(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await one_child(h)
        settings = await h.say(USER, "/ustawienia", expect=has("Ustawienia"))
        assert "Polski" in settings.text
        await h.press(USER, "Język", expect=lambda e: "English" in e.button_texts())
        english = await h.press(USER, "English", expect=has("Settings"))
        assert "✅ English" in english.button_texts()
        help_text = await h.say(USER, "/pomoc", expect=has("What I can do"))
        assert "/oceny" in help_text.text
        await h.press(USER, "Українська", expect=has("Налаштування"))
        grades = await h.say(USER, "/oceny", expect=has("Оцінки"))
        assert "середня" in grades.text
        commands = h.telegram.commands
        assert {lang for _, lang in commands} == {"", "pl", "en", "uk"}
        assert commands[("all_private_chats", "uk")][1]["description"] == "Оцінки та середні бали"


async def test_unknown_input_gets_an_answer(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        unknown = await h.say(USER, "/xyz")
        assert "Nie znam polecenia /xyz" in unknown.text
        stray = await h.say(USER, "dzień dobry")
        assert "/pomoc" in stray.text
        no_children = await h.say(USER, "/oceny")
        assert "/dodaj" in no_children.text
        last = max(e.message_id for e in h.telegram.transcript(USER))
        h.telegram.send_photo(USER, USER, caption="zobacz")
        photo: Entry = await h.telegram.wait_for(USER, after=last)
        assert "/pomoc" in photo.text
