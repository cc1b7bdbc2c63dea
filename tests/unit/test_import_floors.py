"""The floors of the house, as imports: each package uses only the ones below it.

Checked by reading every module's imports (no import is executed), so a new arrow
upwards fails here in CI rather than being remembered in review. One folder is one
floor; top down:

    dzwonek (the composition root: cli, app, runtime, dispatcher, health, the demo)
    handlers (one aiogram router per feature)
    bot (the handlers' Telegram edge: settings, render, i18n, callbacks, context, sender)
    sync (sync.upstream alone talks to librus-synergia)
    storage

The simulator is a stand-in for the outside world: only the demo, tests and benchmarks
start it, and it uses nothing of the bot's.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("dzwonek", "handlers", "bot", "sync", "storage", "simulator")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = _module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against this module's package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base]).strip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _modules() -> dict[str, set[str]]:
    found = {}
    for top in OURS:
        for path in sorted((ROOT / top).rglob("*.py")):
            found[_module_name(path)] = _imports(path)
    return found


def _floor(module: str) -> str:
    return module.split(".", maxsplit=1)[0]


# Which floors each floor may import (itself included).
ALLOWED = {
    "dzwonek": {"dzwonek", "handlers", "bot", "sync", "storage", "simulator"},
    "handlers": {"handlers", "bot", "sync", "storage"},
    "bot": {"bot", "sync", "storage"},
    "sync": {"sync", "storage"},
    "storage": {"storage"},
    "simulator": {"simulator"},
}


def _ours(name: str) -> bool:
    return name.split(".", maxsplit=1)[0] in OURS


def test_every_import_goes_down_or_stays_on_its_floor() -> None:
    wrong = []
    for module, imports in _modules().items():
        floor = _floor(module)
        for name in imports:
            if _ours(name) and _floor(name) not in ALLOWED[floor]:
                wrong.append(f"{module} ({floor}) imports {name}")
    assert wrong == []


@pytest.mark.parametrize(
    ("outside", "allowed_in"),
    [
        ("librus_synergia", ("sync.upstream",)),
        ("aiogram", ("dzwonek", "handlers", "bot")),
    ],
)
def test_outside_libraries_are_used_on_their_floor_only(
    outside: str, allowed_in: tuple[str, ...]
) -> None:
    wrong = [
        module
        for module, imports in _modules().items()
        if any(n == outside or n.startswith(f"{outside}.") for n in imports)
        and not module.startswith(allowed_in)
        and not module.startswith("simulator")
    ]
    assert wrong == []
