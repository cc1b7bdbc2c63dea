"""/prognoza through the real bot: the forecast per subject as the stored grades give it,
its line in /oceny, the school's thresholds set by command and in /ustawienia, groups
(admins only for the setting) and English."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from storage.uow import Store
from sync import kinds as K
from sync import payloads as P
from sync.averages import Grading
from sync.forecast import DEFAULT_THRESHOLDS, Forecast, current_semester, forecast
from tests.e2e.harness import running_bot
from tests.e2e.test_groups import GROUP, MEMBER, PARENT, family, in_group, share_code

USER = 601
TODAY = date(2026, 11, 25)  # the simulated school day


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


async def stored_forecast(
    store: Store, user_id: int, thresholds: tuple[float, ...] = DEFAULT_THRESHOLDS
) -> Forecast:
    async with store.reading() as uow:
        (child,) = await uow.links.children(user_id)
        grades = await uow.snapshots.get(child.account_id, K.GRADES)
        reference = await uow.snapshots.get(child.account_id, K.REFERENCE)
    ref = reference.data if reference else {}
    return forecast(
        P.grades_in(grades.data if grades else None),
        current_semester(ref, TODAY),
        TODAY,
        thresholds=thresholds,
        grading=Grading.from_reference(ref),
    )


def shown_grades(text: str) -> dict[str, int]:
    """Subject → the grade its line says the average points to."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"^(.+?): (?:propozycja nauczyciela: \S+ \()?średnia [\d,]+ → (\d)", line)
        if match:
            found[match.group(1)] = int(match.group(2))
    return found


async def test_the_forecast_is_what_the_stored_grades_give(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        await h.link(USER, h.account())
        answer = await h.say(USER, "/prognoza", expect=has("Prognoza"))
        assert "To prognoza" in answer.text and "nie ocena" in answer.text
        assert "1,75 · 2,75 · 3,75 · 4,75 · 5,50" in answer.text
        expected = await stored_forecast(h.store, USER)
        assert expected.subjects, "the simulated child has grades"
        shown = shown_grades(answer.text)
        assert shown == {
            s.subject: s.points_to for s in expected.subjects if s.points_to is not None
        }
        assert "Średnia prognozowanych ocen" in answer.text
        if any(s.up for s in expected.subjects):
            assert "⬆️ jedna " in answer.text and " podniesie do " in answer.text
        grades = await h.say(USER, "/oceny", expect=has("Oceny"))
        assert "🔮 Prognoza: średnia" in grades.text


async def test_the_schools_own_thresholds_by_command_and_in_settings(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        await h.link(USER, h.account())
        wrong = await h.say(USER, "/prognoza progi 5 4 3 2 1", expect=has("pięć"))
        assert "rosnących" in wrong.text
        saved = await h.say(USER, "/prognoza progi 1,5 2,5 3,5 4,5 5,5", expect=has("Zapisane"))
        assert "1,50 · 2,50 · 3,50 · 4,50 · 5,50" in saved.text
        answer = await h.say(USER, "/prognoza", expect=has("Prognoza"))
        assert "1,50 · 2,50 · 3,50 · 4,50 · 5,50" in answer.text
        custom = await stored_forecast(h.store, USER, (1.5, 2.5, 3.5, 4.5, 5.5))
        assert shown_grades(answer.text) == {
            s.subject: s.points_to for s in custom.subjects if s.points_to is not None
        }
        assert "Szkoła ma inne progi" not in answer.text  # the hint is for the defaults

        settings = await h.say(USER, "/ustawienia", expect=has("Progi prognozy"))
        assert "1,50 · 2,50" in settings.text
        section = await h.press(USER, "Progi prognozy", expect=has("statutu szkoły"))
        assert "✅ 1,50 · 2,50 · 3,50 · 4,50 · 5,50" in section.button_texts()
        back = await h.press(USER, "1,75 · 2,75 · 3,75 · 4,75 · 5,50", expect=has("1,75 · 2,75"))
        assert "✅ 1,75 · 2,75 · 3,75 · 4,75 · 5,50" in back.button_texts()
        async with h.store.reading() as uow:
            chat = await uow.chats.get(USER)
        assert chat is not None and chat.grade_thresholds is None  # the defaults again


async def test_in_a_group_everyone_sees_it_and_only_admins_set_it(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await family(h)
        code = await share_code(h)
        await in_group(h, PARENT, f"/start@dzwonek_bot {code}")
        seen = await in_group(h, MEMBER, "/prognoza@dzwonek_bot")
        assert "Prognoza" in seen.text
        refused = await in_group(h, MEMBER, "/prognoza@dzwonek_bot progi 1,5 2,5 3,5 4,5 5,5")
        assert "administratorzy" in refused.text
        done = await in_group(h, PARENT, "/prognoza@dzwonek_bot progi 1,5 2,5 3,5 4,5 5,5")
        assert "Zapisane" in done.text
        async with h.store.reading() as uow:
            group = await uow.chats.get(GROUP)
        assert group is not None and group.grade_thresholds == (1.5, 2.5, 3.5, 4.5, 5.5)


async def test_in_english(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna", language_code="en")
        await h.link(USER, h.account())
        answer = await h.say(USER, "/prognoza", expect=has("Forecast"))
        assert "not a grade" in answer.text and "1.75 · 2.75" in answer.text
        assert "średnia" not in answer.text


BEHAVIOUR_LINES = {
    # language: (behaviour named beside an average short of honours, honours held back)
    "pl": ("Zachowanie w Librusie: dobre.", "ale zachowanie jest ocenione jako dobre"),
    "en": ("Behaviour in Librus: good.", "but behaviour is graded good"),
    "uk": ("Поведінка в Librus: добра.", "але поведінка оцінена як добра"),
}


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
async def test_the_behaviour_grade_in_librus_decides_the_honours_line(
    tmp_path: Path, language: str
) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna", language_code=language)
        account = h.account()
        login = str(account["login"])
        # the teacher's "bardzo dobre" first, then "dobre": the newer word counts
        h.librus.edit.add_behaviour_grade(login, scale=2, visible_from=h.librus.clock.now())
        later = h.librus.clock.now() + timedelta(seconds=1)
        h.librus.edit.add_behaviour_grade(login, scale=3, visible_from=later)
        h.librus.clock.set(later + timedelta(seconds=1), frozen=True)
        await h.link(USER, account)
        expected = await stored_forecast(h.store, USER)
        answer = await h.say(USER, "/prognoza", expect=has("🔮"))
        short, held_back = BEHAVIOUR_LINES[language]
        if expected.average_honours:
            assert held_back in answer.text and "🎉" not in answer.text
        else:
            assert short in answer.text


async def test_a_points_behaviour_entry_leaves_the_condition_named(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        account = h.account()
        h.librus.edit.add_behaviour_grade(str(account["login"]), scale=None, value=5.0)
        await h.link(USER, account)
        answer = await h.say(USER, "/prognoza", expect=has("Prognoza"))
        assert "Zachowanie w Librusie" not in answer.text
        assert "bardzo dobre" in answer.text  # the condition, not a judgement


async def test_a_falling_forecast_is_told_where_it_was_asked_for(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=("bot", "poller", "sender")) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        h.telegram.user(USER + 1, "Piotr")
        await h.link(USER + 1, account)  # the other parent did not ask
        settings = await h.say(USER, "/ustawienia", expect=has("Gdy prognoza spadnie"))
        assert "Gdy prognoza spadnie o całą ocenę: nie piszę" in settings.text
        await h.press(USER, "Progi prognozy", expect=has("statutu szkoły"))
        done = await h.press(USER, "📉 Pisz, gdy prognoza spadnie", expect=has(": piszę"))
        assert "Nie pisz o spadku prognozy" in done.button_texts()

        before = await stored_forecast(h.store, USER)
        best = max(
            (s for s in before.subjects if s.proposal is None and s.points_to),
            key=lambda s: s.points_to or 0,
        )
        for _ in range(6):
            h.librus.edit.add_grade(login, value="1", subject=best.subject, category="Sprawdzian")
        starts = {chat: h.last_id(chat) for chat in (USER, USER + 1)}
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        after = await stored_forecast(h.store, USER)
        now = next(s for s in after.subjects if s.subject == best.subject)
        assert now.points_to is not None and best.points_to is not None
        assert now.points_to < best.points_to
        told = [e for e in h.news(USER, starts[USER]) if "📉" in e.text]
        assert len(told) == 1, [e.text for e in h.news(USER, starts[USER])]
        assert f"{best.subject}: prognoza spadła z {best.points_to} na {now.points_to}" in (
            told[0].text
        )
        assert not [e for e in h.news(USER + 1, starts[USER + 1]) if "📉" in e.text]
        h.clock.advance(timedelta(minutes=13))  # nothing new: nothing told again
        await h.deliver()
        assert len([e for e in h.news(USER, starts[USER]) if "📉" in e.text]) == 1
