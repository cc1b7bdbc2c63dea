"""The demo's `/sim`: change the simulated Librus for one linked child, as a teacher (or
the school, or Librus itself) would, and say what the bot will do about it.

`/sim [#N | name] what [details]`: the child by its number in /dzieci or by the name
the parent gave it (the first child when neither is given). Every change makes the
child due for a poll at once; the answer says when the news will come, or why it
will not (a muted category, quiet hours, paused notifications, a paused account).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from simulator.librus.faults import FaultRule
from simulator.librus.server import LibrusSimulator
from storage.records import AudienceRecord, ChildRecord
from storage.uow import Store
from sync import kinds as K
from sync.clock import WARSAW
from sync.quiet import quiet_until

SUBJECTS = ("Matematyka", "Język polski", "Historia", "Biologia", "Fizyka", "Język angielski")
GRADES = ("1", "2", "3", "3+", "4", "4-", "5", "5+", "6")

SIM_HELP = """\
Polecenia symulatora (zmieniają dane w udawanym Librusie):
  /sim ocena [wartość] [przedmiot]   nowa ocena, np. /sim ocena 5 Fizyka
  /sim zmien-ocene [wartość]         ostatnia ocena zmieniona
  /sim usun-ocene                    ostatnia ocena usunięta
  /sim wiadomosc [temat]             wiadomość od wychowawcy
  /sim nieobecnosc                   nieobecność na 1. lekcji dzisiaj
  /sim usprawiedliwienie             ostatnia nieobecność usprawiedliwiona
  /sim zastepstwo | odwolana         jutrzejsza 1. lekcja: zastępstwo albo odwołana
  /sim zadanie [temat]               zadanie domowe na za tydzień
  /sim sprawdzian [temat]            sprawdzian za trzy dni
  /sim ogloszenie [temat]            ogłoszenie szkoły
  /sim haslo | captcha               szkoła zmieniła hasło / Librus chce captchy
  /sim napraw                        captcha rozwiązana w przeglądarce
  /sim #2 ocena 4                    to samo dla drugiego dziecka (albo: /sim Ania ocena 4)
  /sim pomoc                         ta lista"""


@dataclass(frozen=True)
class Change:
    """What was done in Librus, and which category of news the bot will push for it."""

    said: str
    category: str | None  # None: no notification is expected (a fault, say)


def pick_child(
    children: Sequence[ChildRecord], args: list[str]
) -> tuple[ChildRecord | None, list[str]]:
    """The child the command names (`#2` or a name) and the rest of the command."""
    if not children:
        return None, args
    if args and args[0].startswith("#") and args[0][1:].isdigit():
        number = int(args[0][1:])
        return (children[number - 1] if 1 <= number <= len(children) else None), args[1:]
    if args:
        for child in children:
            if child.child_name.casefold() == args[0].casefold():
                return child, args[1:]
    return children[0], args


# What a kindergarten has not in Librus (its grades, attendance and homework are
# refused): the demo says so instead of promising a notification.
NOT_IN_KINDERGARTEN = {
    "ocena": "ocen",
    "zmien-ocene": "ocen",
    "usun-ocene": "ocen",
    "nieobecnosc": "frekwencji",
    "nieobecność": "frekwencji",
    "usprawiedliwienie": "frekwencji",
    "zadanie": "zadań domowych",
}


class SimCommands:
    def __init__(self, librus: LibrusSimulator, rng: random.Random) -> None:
        self.librus = librus
        self.rng = rng
        self.actions: dict[str, Callable[[ChildRecord, list[str]], Change]] = {
            "ocena": self.grade,
            "zmien-ocene": self.change_grade,
            "usun-ocene": self.delete_grade,
            "wiadomosc": self.message,
            "wiadomość": self.message,
            "nieobecnosc": self.absence,
            "nieobecność": self.absence,
            "usprawiedliwienie": self.excuse,
            "zastepstwo": lambda child, _rest: self.plan_change(child, "substitution"),
            "zastępstwo": lambda child, _rest: self.plan_change(child, "substitution"),
            "odwolana": lambda child, _rest: self.plan_change(child, "cancelled"),
            "odwołana": lambda child, _rest: self.plan_change(child, "cancelled"),
            "zadanie": self.homework,
            "sprawdzian": self.test,
            "ogloszenie": self.notice,
            "ogłoszenie": self.notice,
            "haslo": self.password_changed,
            "hasło": self.password_changed,
            "captcha": self.captcha,
            "napraw": self.repair,
        }

    def perform(self, what: str, child: ChildRecord, rest: list[str]) -> Change:
        """Raises KeyError for an unknown command, ValueError for one Librus refused."""
        action = self.actions[what]
        if self._kindergarten(child) and what in NOT_IN_KINDERGARTEN:
            raise ValueError(f"w przedszkolu nie ma {NOT_IN_KINDERGARTEN[what]} w Librusie")
        return action(child, rest)

    def _kindergarten(self, child: ChildRecord) -> bool:
        student = self.librus.world.student_by_login(child.login)
        return student is not None and self.librus.world.class_of(student).kindergarten

    # ------------------------------------------------------------------ grades

    def grade(self, child: ChildRecord, rest: list[str]) -> Change:
        value = rest[0] if rest else self.rng.choice(GRADES)
        subject = " ".join(rest[1:]) or self.rng.choice(SUBJECTS)
        self.librus.edit.add_grade(child.login, value=value, subject=subject)
        return Change(f"nowa ocena {value} ({subject})", K.GRADES)

    def _last_grade(self, child: ChildRecord) -> dict[str, object]:
        now = self.librus.clock.now().isoformat()
        shown = [
            g for g in self.librus.edit.list("grade", child.login) if str(g["visible_from"]) <= now
        ]
        if not shown:
            raise ValueError("to dziecko nie ma jeszcze ocen")
        return max(shown, key=lambda g: str(g["visible_from"]))

    def change_grade(self, child: ChildRecord, rest: list[str]) -> Change:
        grade = self._last_grade(child)
        value = rest[0] if rest else self.rng.choice([v for v in GRADES if v != grade["value"]])
        self.librus.edit.edit("grade", str(grade["id"]), {"value": value})
        return Change(f"ocena {grade['value']} zmieniona na {value}", K.GRADES)

    def delete_grade(self, child: ChildRecord, _rest: list[str]) -> Change:
        grade = self._last_grade(child)
        self.librus.edit.delete("grade", str(grade["id"]))
        return Change(f"ocena {grade['value']} usunięta", K.GRADES)

    # ------------------------------------------------------------------ the rest

    def message(self, child: ChildRecord, rest: list[str]) -> Change:
        topic = " ".join(rest) or "Wycieczka do muzeum"
        self.librus.edit.add_message(
            child.login,
            topic=topic,
            body="Szanowni Państwo,<br>szczegóły w załączniku.",
            attachments=["zgoda_wycieczka.pdf"],
        )
        return Change(f"nowa wiadomość „{topic}”", K.MESSAGES)

    def absence(self, child: ChildRecord, _rest: list[str]) -> Change:
        self.librus.edit.add_attendance(child.login, lesson_no=1)
        return Change("nieobecność na 1. lekcji dzisiaj", K.ATTENDANCE)

    def excuse(self, child: ChildRecord, _rest: list[str]) -> Change:
        absences = [
            a for a in self.librus.edit.list("attendance", child.login) if a.get("type_id") == 1
        ]
        if not absences:
            raise ValueError("brak nieusprawiedliwionej nieobecności")
        last = max(absences, key=lambda a: (str(a["day"]), int(a["lesson_no"])))
        self.librus.edit.excuse(str(last["id"]))
        return Change(f"nieobecność z {last['day']} usprawiedliwiona", K.ATTENDANCE)

    def plan_change(self, child: ChildRecord, kind: str) -> Change:
        day = self._next_school_day(self.librus.clock.today())
        if self._kindergarten(child):
            # A kindergarten's long block, split between two substitutes as seen live.
            split = "split" if kind == "substitution" else kind
            self.librus.edit.add_plan_change(child.login, day=day, lesson_no=4, kind=split)
            said = "zastępstwo dwóch nauczycielek" if kind == "substitution" else "odwołane zajęcia"
            return Change(f"{said}: {day:%d.%m}, 10:30–13:00", K.TIMETABLE)
        self.librus.edit.add_plan_change(child.login, day=day, lesson_no=1, kind=kind)
        said = "zastępstwo" if kind == "substitution" else "odwołana lekcja"
        return Change(f"{said}: {day:%d.%m}, 1. lekcja", K.TIMETABLE)

    def _next_school_day(self, day: date) -> date:
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    def homework(self, child: ChildRecord, rest: list[str]) -> Change:
        topic = " ".join(rest) or "Ćwiczenia 3–5, strona 42"
        due = self.librus.clock.today() + timedelta(days=7)
        self.librus.edit.add_homework(child.login, topic=topic, due=due, files=["karta_pracy.pdf"])
        return Change(f"zadanie domowe „{topic}” na {due:%d.%m}", K.HOMEWORK)

    def test(self, child: ChildRecord, rest: list[str]) -> Change:
        content = " ".join(rest) or "Sprawdzian z ułamków"
        day = self.librus.clock.today() + timedelta(days=3)
        self.librus.edit.add_agenda(child.login, content=content, day=day)
        return Change(f"sprawdzian „{content}” {day:%d.%m}", K.AGENDA)

    def notice(self, child: ChildRecord, rest: list[str]) -> Change:
        subject = " ".join(rest) or "Dzień otwarty szkoły"
        self.librus.edit.add_notice(
            child.login, subject=subject, content="Zapraszamy w sobotę od 10:00."
        )
        return Change(f"ogłoszenie „{subject}”", K.ANNOUNCEMENTS)

    def password_changed(self, child: ChildRecord, _rest: list[str]) -> Change:
        new = f"nowe-{self.rng.randint(1000, 9999)}"
        self.librus.set_password(child.login, new)
        self.librus.kill_sessions(child.login)
        return Change(
            f"szkoła zmieniła hasło (nowe: {new}); bot wstrzyma powiadomienia i poprosi o nie",
            None,
        )

    def captcha(self, child: ChildRecord, _rest: list[str]) -> Change:
        self.librus.faults.add(
            FaultRule("captcha", endpoint="login", login=child.login, count=None)
        )
        self.librus.kill_sessions(child.login)
        return Change("Librus żąda captchy przy logowaniu; bot wstrzyma powiadomienia", None)

    def repair(self, child: ChildRecord, _rest: list[str]) -> Change:
        self.librus.faults.clear(login=child.login)
        self.librus.clear_captcha(child.login)
        return Change("captcha rozwiązana w przeglądarce; podaj hasło w /dzieci", None)


async def what_happens_next(
    store: Store, child: ChildRecord, user_id: int, category: str | None, now: datetime
) -> str:
    """When the parent will see the news, in the words of the chat (Polish)."""
    if category is None:
        return "Zobaczysz to przy następnym sprawdzeniu Librusa, za kilka sekund."
    async with store.reading() as uow:
        audience: list[AudienceRecord] = await uow.subscriptions.audience(child.account_id)
        account = await uow.accounts.get(child.account_id)
    mine = next((a for a in audience if a.chat_id == user_id), None)
    if account is not None and account.is_paused:
        return "To dziecko jest wstrzymane (Librus nie przyjmuje hasła): powiadomienia nie będzie."
    if mine is None:
        return "Powiadomienia dla tego dziecka są wstrzymane w /dzieci: zobaczysz to w poleceniach."
    if category in mine.muted:
        return "Ta kategoria jest wyciszona: powiadomienia nie będzie, zobaczysz to w poleceniach."
    held = quiet_until(now, mine.timezone, mine.quiet_start, mine.quiet_end)
    if held is not None:
        return f"Cisza nocna do {held.astimezone(WARSAW):%H:%M}: powiadomienie przyjdzie rano."
    return "Powiadomienie przyjdzie za kilka sekund."
