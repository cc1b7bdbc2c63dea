"""The floors of the house, as imports: each package uses only the ones below it.

Checked by reading every module's imports (no import is executed), so a new arrow
upwards fails here in CI rather than being remembered in review. The floors, top down:

    bot (composition root: app, cli, dispatcher, health, runtime, demo)
    handlers
    bot's toolkit for the handlers (config, render, i18n, callbacks, context, ...)
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
# bot's composition root: the modules above the handlers.
ROOT_MODULES = {
    "bot.__main__",
    "bot.app",
    "bot.cli",
    "bot.demo",
    "bot.demo_sim",
    "bot.dispatcher",
    "bot.health",
    "bot.preflight",
    "bot.runtime",
}
OURS = ("bot", "handlers", "sync", "storage", "simulator")


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
    if module.startswith("bot"):
        return "root" if module in ROOT_MODULES else "toolkit"
    return module.split(".", maxsplit=1)[0]


# Which floors each floor may import (itself included).
ALLOWED = {
    "root": {"root", "handlers", "toolkit", "sync", "storage", "simulator"},
    "handlers": {"handlers", "toolkit", "sync", "storage"},
    "toolkit": {"toolkit", "sync", "storage"},
    "sync": {"sync", "storage"},
    "storage": {"storage"},
    "simulator": {"simulator"},
}


def _ours(name: str) -> bool:
    return name.split(".", maxsplit=1)[0] in OURS


def _target_floor(name: str) -> str:
    if name == "bot" or name.startswith("bot."):
        module = name if name in ROOT_MODULES else name.rsplit(".", 1)[0]
        return "root" if name in ROOT_MODULES or module in ROOT_MODULES else "toolkit"
    return name.split(".", maxsplit=1)[0]


def test_every_import_goes_down_or_stays_on_its_floor() -> None:
    wrong = []
    for module, imports in _modules().items():
        floor = _floor(module)
        for name in imports:
            if _ours(name) and _target_floor(name) not in ALLOWED[floor]:
                wrong.append(f"{module} ({floor}) imports {name}")
    assert wrong == []


@pytest.mark.parametrize(
    ("outside", "allowed_in"),
    [
        ("librus_synergia", ("sync.upstream",)),
        ("aiogram", ("bot", "handlers")),
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
