"""Unexcused absences in /frekwencja with their age and, where the school uses
e-Usprawiedliwienia, the e-excuse's state as Librus gives it (read only); where it
does not, the ages alone."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sync import kinds as K
from tests.e2e.harness import running_bot

PARENT = 621
TODAY = date(2026, 11, 25)  # the simulated school day, a Wednesday


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


def day_line(text: str, day: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"• {day}"))


async def test_each_unexcused_day_says_its_age_and_its_e_excuse(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        rejected, waiting, bare = (TODAY - timedelta(days=n) for n in (7, 2, 13))
        for day in (rejected, waiting, bare):
            h.librus.edit.add_attendance(login, day=day, lesson_no=1)
        h.librus.edit.add_justification(login, date_from=rejected, status="rejected")
        h.librus.edit.add_justification(login, date_from=waiting, status="new")
        h.librus.edit.add_justification(login, date_from=bare, status="w trakcie")
        await h.link(PARENT, account)
        answer = await h.say(PARENT, "/frekwencja", expect=has("Frekwencja"))
        text = answer.text
        assert "7 dni temu · ❗ e-usprawiedliwienie odrzucone" in day_line(text, "śr. 18.11")
        assert "2 dni temu · e-usprawiedliwienie czeka na decyzję" in day_line(text, "pon. 23.11")
        # A state Librus words its own way is shown in its words.
        assert "13 dni temu · e-usprawiedliwienie: „w trakcie”" in day_line(text, "czw. 12.11")


async def test_without_e_usprawiedliwienia_only_the_ages(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        school = h.librus.world.school_of(h.librus.edit.student(login))
        school.missing_modules.add("justifications")
        h.librus.edit.add_attendance(login, day=TODAY - timedelta(days=7), lesson_no=1)
        await h.link(PARENT, account)
        answer = await h.say(PARENT, "/frekwencja", expect=has("Frekwencja"))
        line = day_line(answer.text, "śr. 18.11")
        assert "7 dni temu" in line and "usprawiedliwienie" not in line
        async with h.store.reading() as uow:
            (child,) = await uow.links.children(PARENT)
            state = (await uow.sync.kinds(child.account_id))[K.EXCUSES]
        assert state.absent_until is not None  # a module the school lacks, asked again later
