"""The demo: Dzwonek without a Telegram account or a school.

`./run` with no bot token lands here. One process starts the Librus simulator, the
fake Bot API, the whole bot (updates, pollers, sender) on a throwaway SQLite database,
and a terminal chat: what the parent types goes to the bot as a Telegram message, the
bot's answers are printed with their buttons numbered, and typing `#N` presses one
(plain digits go to the bot: a parent's login is digits only). `/sim ...` changes the
simulated Librus for any linked child (grades, messages, absences and excuses, plan
changes, homework, tests, announcements, a changed password or a captcha) so a
notification can be watched arriving (demo_sim). /koniec, Ctrl-C or Ctrl-D ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from babel.numbers import format_decimal

from bot.config import Settings
from dzwonek.app import Runtime
from dzwonek.demo_sim import SIM_HELP, SimCommands, pick_child, what_happens_next
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from simulator.telegram.server import Entry, FakeTelegram
from storage.crypto import KeyRing, new_key

PARENT = 1001
PARENT_NAME = "Rodzic"


def demo_settings(telegram: FakeTelegram, librus: LibrusSimulator, folder: Path) -> Settings:
    """Settings for the demo: the simulators' addresses, a fresh key, fast ticks."""
    ring = KeyRing(keys={"demo": new_key()}, primary="demo")
    return Settings.model_validate(
        {
            "telegram": {"token": telegram.token, "api_base": telegram.api_base},
            "database": {"url": f"sqlite+aiosqlite:///{folder / 'demo.sqlite3'}"},
            "crypto": {"keyring": ring.to_json()},
            "librus": {"connect_to": librus.connect_to, "ca_file": str(librus.ca_file)},
            "polling": {"tick_seconds": 1.0},
            "logging": {"level": "WARNING"},
            "health": {"enabled": False},
        }
    )


@dataclass
class TerminalChat:
    """The parent's side of the private chat, drawn as text."""

    telegram: FakeTelegram
    out: TextIO
    user_id: int = PARENT
    shown: dict[int, int] = field(default_factory=dict)  # message id -> edits printed
    last_buttons: Entry | None = None
    pressed: list[str] = field(default_factory=list)  # presses whose answer is not shown
    gone: set[int] = field(default_factory=set)  # the parent's messages the bot deleted

    def refresh(self) -> None:
        """Print the bot's new messages and edits since the last call, the pop-up
        answers of presses, and the parent's messages the bot deleted."""
        for query_id in list(self.pressed):
            answer = self.telegram.callback_answers.get(query_id)
            if answer is None:
                continue
            self.pressed.remove(query_id)
            if answer.get("text"):
                kind = "okienko" if answer.get("show_alert") else "dymek"
                self.note(f"({kind}) {answer['text']}")
        for entry in self.telegram.transcript(self.user_id):
            if not entry.from_bot:
                if entry.deleted and entry.message_id not in self.gone:
                    self.gone.add(entry.message_id)
                    self.note("Bot usunął Twoją wiadomość (tak znika hasło z rozmowy).")
                continue
            edits = len(entry.edits)
            if self.shown.get(entry.message_id) == edits and not entry.deleted:
                continue
            if entry.deleted:
                self.shown.pop(entry.message_id, None)
                continue
            first = entry.message_id not in self.shown
            self.shown[entry.message_id] = edits
            self._print(entry, edited=not first)

    def _print(self, entry: Entry, *, edited: bool) -> None:
        head = "🔔 Dzwonek (poprawił wiadomość):" if edited else "🔔 Dzwonek:"
        lines = ["", head]
        lines += ["  " + line for line in entry.text.splitlines()]
        if entry.document is not None:
            name, body = entry.document
            size = format_decimal(len(body) / 1024, "0.0", locale="pl_PL")
            lines.append(f"  [plik: {name}, {size} KB]")
        buttons = entry.button_texts()
        if buttons:
            self.last_buttons = entry
            numbered = [f"[#{n}] {text}" for n, text in enumerate(buttons, start=1)]
            lines.append("  " + "   ".join(numbered))
            lines.append("  (wpisz #numer, np. #1, aby nacisnąć przycisk)")
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()

    def say(self, text: str) -> None:
        """The parent's line: `#N` presses button N; anything else, digits included (a
        parent's login is digits only), is a message to the bot."""
        if text.startswith("#") and text[1:].isdigit() and self.last_buttons is not None:
            self.press(int(text[1:]))
            return
        self.telegram.send_text(self.user_id, self.user_id, text)

    def press(self, number: int) -> None:
        entry = self.last_buttons
        assert entry is not None
        buttons = [button for row in entry.buttons for button in row]
        if not 1 <= number <= len(buttons):
            self.note(f"Nie ma przycisku {number} (są 1–{len(buttons)}).")
            return
        button = buttons[number - 1]
        if button.get("url"):
            self.note(f"Ten przycisk otwiera link: {button['url']}")
            return
        query_id = self.telegram.press(
            self.user_id, self.user_id, entry.message_id, index=number - 1
        )
        self.pressed.append(query_id)

    def note(self, text: str) -> None:
        self.out.write(f"  · {text}\n")
        self.out.flush()


class Demo:
    """The simulators, the bot and the terminal chat, started and stopped together."""

    def __init__(self, out: TextIO, *, students: int = 4, seed: int = 2026) -> None:
        self.out = out
        self.telegram = FakeTelegram()
        # A real school's volume of grades and messages, as a parent would see it.
        self.librus = LibrusSimulator(
            seed=seed, students=students, clock=SimClock(), density="dense"
        )
        # A family's youngest is often in kindergarten: its plan has no lesson numbers.
        self.librus.edit.add_kindergarten(1)
        self.folder = Path(tempfile.mkdtemp(prefix="dzwonek-demo-"))
        self.runtime: Runtime | None = None
        self.chat = TerminalChat(self.telegram, out)
        self.sim = SimCommands(self.librus, random.Random())

    async def start(self) -> None:
        await self.telegram.start()
        await self.librus.start()
        settings = demo_settings(self.telegram, self.librus, self.folder)
        from storage import schema
        from storage.db import Database

        db = Database(settings.database.url)
        await schema.upgrade(db)
        await db.dispose()
        self.runtime = Runtime(settings)
        await self.runtime.start()
        self.telegram.user(self.user_id, PARENT_NAME, language_code="pl")
        async with self.runtime.store.transaction() as uow:
            await uow.users.ensure(self.user_id, "pl")
            # No quiet hours: a demo at 22:00 should still show its notifications now.
            await uow.chats.ensure(self.user_id, "private", quiet_start=None, quiet_end=None)

    @property
    def user_id(self) -> int:
        return self.chat.user_id

    async def stop(self) -> None:
        if self.runtime is not None:
            await self.runtime.stop()
        await self.librus.stop()
        await self.telegram.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def banner(self) -> str:
        logins = [a for a in self.librus.accounts() if not a["missing_modules"]]
        lines = [
            "Dzwonek – wersja demonstracyjna (bez Telegrama i bez prawdziwego Librusa).",
            "Piszesz jako rodzic w prywatnej rozmowie z botem. Zacznij od /start.",
            "Przyciski naciskasz, wpisując #numer (np. #1); same cyfry idą do bota jako tekst.",
            "",
            "Konta w udawanym Librusie (login / hasło – dziecko, klasa):",
        ]
        for account in logins:
            if account["kindergarten"]:  # only a parent's login: no pupil's of its own
                lines.append(
                    f"  {account['login']} / {account['password']} – rodzic: "
                    f"{account['parent']}; dziecko: {account['student']}, przedszkole, "
                    f"grupa {account['class']}"
                )
                continue
            # Most parents sign in with their own login; a pupil's login reaches the
            # same child (the bot treats the two as one).
            if account["parent_login"]:
                lines.append(
                    f"  {account['parent_login']} / {account['parent_password']} – rodzic: "
                    f"{account['parent']}; dziecko: {account['student']}, {account['class']}"
                )
            lines.append(
                f"  {account['login']} / {account['password']} – uczeń: {account['student']}, "
                f"{account['class']}"
            )
        lines += ["", SIM_HELP, "", "/koniec, Ctrl-C albo Ctrl-D kończy demo.", ""]
        return "\n".join(lines)

    async def handle(self, line: str) -> None:
        text = line.strip()
        if not text:
            return
        if text.startswith("/sim"):
            await self.simulate(text.split()[1:])
            return
        self.chat.say(text[:10_000])

    async def simulate(self, args: list[str]) -> None:
        """Change the simulated Librus for one linked child (see demo_sim)."""
        if not args or args[0] in ("pomoc", "help"):
            self.chat.note(SIM_HELP.replace("\n", "\n    "))
            return
        assert self.runtime is not None
        async with self.runtime.store.reading() as uow:
            children = await uow.links.children(self.user_id)
        if not children:
            self.chat.note("Najpierw dodaj dziecko: /dodaj (login i hasło są wyżej).")
            return
        child, rest = pick_child(children, args)
        if child is None:
            self.chat.note(f"Nie ma dziecka {args[0]} – w /dzieci jest ich {len(children)}.")
            return
        if not rest:
            self.chat.note("Co zmienić? " + SIM_HELP.splitlines()[1].strip())
            return
        try:
            change = self.sim.perform(rest[0], child, rest[1:])
        except KeyError:
            self.chat.note(f"Nie znam „/sim {rest[0]}”. Lista: /sim pomoc")
            return
        except (ValueError, LookupError) as err:  # the simulator names what it refused
            self.chat.note(f"Symulator tego nie zrobił: {err}")
            return
        now = self.runtime.clock.now()
        async with self.runtime.store.transaction() as uow:
            await uow.sync.poll_soon(child.account_id, now)
        next_step = await what_happens_next(
            self.runtime.store, child, self.user_id, change.category, now
        )
        self.chat.note(f"Librus ({child.child_name}): {change.said}. {next_step}")


async def run_demo(
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    *,
    students: int = 4,
    seed: int = 2026,
) -> int:
    """Run until Ctrl-C, Ctrl-D or /koniec (`[demo]` in the config sets the school)."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    # The chat is the output, not the logs (aiogram's "Start polling" included).
    for name in ("", "aiogram", "aiogram.dispatcher", "dzwonek"):
        logging.getLogger(name).setLevel(logging.WARNING)
    demo = Demo(out, students=students, seed=seed)
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    stop = asyncio.Event()

    def readable() -> None:
        line = stdin.readline()
        lines.put_nowait(line if line else None)

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await demo.start()
    out.write(demo.banner())
    out.flush()
    loop.add_reader(stdin.fileno(), readable)
    try:
        while not stop.is_set():
            demo.chat.refresh()
            with contextlib.suppress(TimeoutError):
                line = await asyncio.wait_for(lines.get(), timeout=0.2)
                if line is None or line.strip() in ("/koniec", "/quit"):
                    break
                await demo.handle(line)
    finally:
        loop.remove_reader(stdin.fileno())
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        out.write("\nKończę demo…\n")
        out.flush()
        await demo.stop()
        out.write("Do zobaczenia!\n")
        out.flush()
    return 0
