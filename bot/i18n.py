"""Texts for parents in Polish (the default), English and Ukrainian, from Fluent files.

`locales/<lang>/*.ftl` hold every text; Fluent gives each language its own plural
rules (Polish and Ukrainian have one/few/many). A missing key in any language fails a
test, and at run time falls back to Polish rather than showing a key name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource

log = logging.getLogger("dzwonek.i18n")

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
LANGUAGES = ("pl", "en", "uk")
DEFAULT_LANGUAGE = "pl"
LANGUAGE_NAMES = {"pl": "Polski", "en": "English", "uk": "Українська"}


def pick_language(code: str | None) -> str:
    """A chat's first language, from Telegram's language code (Polish if unknown)."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.split("-")[0].lower()
    if base in LANGUAGES:
        return base
    # Families from Ukraine and Belarus often run Telegram in Russian.
    return "uk" if base in ("ru", "be") else "en"


@cache
def _bundle(language: str) -> FluentBundle:
    bundle = FluentBundle([language], use_isolating=False)
    folder = LOCALES_DIR / language
    for path in sorted(folder.glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


def message_ids(language: str) -> set[str]:
    """Every message id of a language (for the completeness test)."""
    ids: set[str] = set()
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line[0].isspace() and not line.startswith(("#", "-")) and "=" in line:
                ids.add(line.split("=", 1)[0].strip())
    return ids


@dataclass(frozen=True)
class Translator:
    """Texts of one language. `t("key", name=...)`; values are inserted as given, so
    callers pass already-escaped HTML where the text is HTML."""

    language: str

    def __call__(self, key: str, **args: Any) -> str:
        return translate(self.language, key, args)

    def date(self, day: Date | datetime, pattern: str = "EEEE, d MMMM") -> str:
        return format_date(day, pattern, locale=_babel_locale(self.language))

    def short_date(self, day: Date | datetime) -> str:
        return format_date(day, "EEE d.MM", locale=_babel_locale(self.language))

    def number(self, value: float, digits: int = 2) -> str:
        return format_decimal(value, "0." + "0" * digits, locale=_babel_locale(self.language))


def _babel_locale(language: str) -> str:
    return {"pl": "pl_PL", "en": "en_GB", "uk": "uk_UA"}.get(language, "pl_PL")


def translate(language: str, key: str, args: Mapping[str, Any] | None = None) -> str:
    for lang in (language, DEFAULT_LANGUAGE):
        bundle = _bundle(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
        if bundle.has_message(key):
            message = bundle.get_message(key)
            if message.value is None:
                break
            text, errors = bundle.format_pattern(message.value, dict(args or {}))
            if errors:
                log.warning("text formatting problem", extra={"key": key, "lang": lang})
            return str(text)
        log.error("missing text", extra={"key": key, "lang": lang})
    return key


def translator(language: str | None) -> Translator:
    return Translator(language if language in LANGUAGES else DEFAULT_LANGUAGE)
