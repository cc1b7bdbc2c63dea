"""The demo through a pseudo-terminal, as a newcomer meets it: `dzwonek run` with no
token, link a demo child, /oceny, a grade added with /sim arrives, Ctrl-C ends it."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

TIMEOUT = 30.0


class Terminal:
    def __init__(self, config: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DZWONEK_")}
        env["DZWONEK_CONFIG"] = str(config)
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dzwonek", "run"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = ""
        self.everything = ""  # all that was shown, matched or not

    def expect(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        """Read until `pattern` shows up after what was already matched."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.screen)
            if match:
                self.screen = self.screen[match.end() :]
                return match
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"{pattern!r} never appeared; the screen ends with:\n{self.screen[-1500:]}"
                )
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    shown = os.read(self.master, 65536).decode("utf-8", "replace")
                    self.screen += shown
                    self.everything += shown
                except OSError:  # the other side closed
                    time.sleep(0.05)

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def test_the_demo_in_a_terminal(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("# no token: the demo\n")
    term = Terminal(config)
    try:
        term.expect("Zacznij od /start")
        # The banner comes first: no log line before it.
        assert term.everything.lstrip().startswith("Dzwonek – wersja demonstracyjna"), (
            term.everything[:300]
        )
        # A parent's own login: digits only, typed as text, not taken for a button.
        login, password = term.expect(r"(\d+) / (\S+) – rodzic").groups()
        term.expect("/koniec, Ctrl-C albo Ctrl-D kończy demo")
        term.type("/start")
        term.expect(r"\[#1\] ➕ Dodaj dziecko")
        term.type("#1")
        term.expect("Podaj login do Synergii")
        term.type("jan.kowalski@example.com")  # an e-mail instead of a login
        term.expect("To wygląda na adres e-mail")
        term.type(login)
        term.expect("Teraz hasło")
        term.type(password)
        term.expect("Bot usunął Twoją wiadomość")  # the password, gone from the chat
        consent = term.expect(r"\[#(\d)\] ✅ Zgadzam się")
        term.type("#" + consent.group(1))
        term.expect("🎉")
        term.type("/oceny")
        term.expect("Oceny")
        term.type("/sim ocena 5 Fizyka")
        term.expect("Powiadomienie przyjdzie za kilka sekund")
        term.expect("Nowa ocena: 5 – Fizyka", timeout=45)
        term.type("/sim #2 ocena 4")
        term.expect("Nie ma dziecka #2")
        term.type("/sim zmien-ocene 2")
        term.expect("ocena 5 zmieniona na 2")
        term.expect("Zmiana oceny: 5 → 2", timeout=45)
        os.killpg(term.process.pid, signal.SIGINT)
        term.expect("Do zobaczenia!")
        assert term.process.wait(timeout=TIMEOUT) == 0
    finally:
        term.close()
