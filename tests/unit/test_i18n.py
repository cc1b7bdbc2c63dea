"""Every text exists in Polish, English and Ukrainian, and formats without errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.runtime import FluentBundle, FluentResource

from bot.i18n import LANGUAGES, LOCALES_DIR, message_ids, pick_language, translate, translator

ROOT = Path(__file__).resolve().parents[2]
# Literals that look like text keys but are something else.
NOT_TEXTS = {"telegram-updates", "link-password", "children-password", "tg-spoiler"}


def key_like_literals() -> set[str]:
    literal = re.compile(r'"([a-z]+(?:-[a-z0-9]+)+)"')
    found: set[str] = set()
    for folder in ("dzwonek", "bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            found.update(literal.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_language_has_the_same_keys() -> None:
    polish = message_ids("pl")
    assert len(polish) > 150
    for language in LANGUAGES:
        ids = message_ids(language)
        assert ids == polish, (
            f"{language}: missing {sorted(polish - ids)}, extra {sorted(ids - polish)}"
        )


def test_every_key_the_code_uses_exists() -> None:
    polish = message_ids("pl")
    prefixes = {key.split("-")[0] for key in polish}
    used = {k for k in key_like_literals() if k.split("-")[0] in prefixes}
    assert used - polish - NOT_TEXTS == set()
    # Keys built at run time.
    from bot.commands import GROUP, PRIVATE

    built = {f"cmd-{name}" for name in PRIVATE + GROUP}
    built |= {f"refresh-{outcome}" for outcome in ("busy", "unavailable", "paused", "failed")}
    assert built - polish == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_formats(language: str) -> None:
    bundle = FluentBundle([language], use_isolating=False)
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        resource = FluentResource(path.read_text(encoding="utf-8"))
        bundle.add_resource(resource)
    args = {
        "name": "Ania",
        "count": 3,
        "value": "4,5",
        "date": "śr. 25.11",
        "time": "10:42",
        "semester": 1,
        "subject": "Matematyka",
        "weight": "3",
        "login": "1234567u",
        "student": "Anna Nowak",
        "holder": "Ewa Nowak",
        "klass": "klasa 4b",
        "hours": "10:30–11:30",
        "school": "SP 12",
        "link": "https://t.me/x",
        "max": 32,
        "room": "12",
        "old": "11",
        "days": 14,
        "n": 1,
        "topic": "Zebranie",
        "names": "plik.pdf",
        "number": 13,
        "grades": 1,
        "absences": 0,
        "messages": 2,
        "language": "Polski",
        "bot": "dzwonek_bot",
        "command": "/xyz",
        "lessons": "1, 2",
        "text": "Wzorowa postawa",
        "type": "zw",
        "lesson": 3,
        "when": "śr. 25.11, lekcja 3",
        "label": "spóźnienie",
        "sender": "Anna Nowak",
        "content": "Ułamki",
        "category": "Sprawdzian",
        "status": "new",
        "teacher": "Anna Nowak",
        "before": "4",
        "after": "3",
        "topics": "Ułamki; Procenty",
        "scale": 2,
        "scope": "Ania",
        "title": "Rodzina Nowaków",
        "fetched": "dziś 08:10",
        "summary": "Sprawdzian – Matematyka",
        "child": "Ania",
        "url": "https://dzwonek.example.pl/calendar/x.ics",
        "no": 2,
        "delta": "0,25",
        "from": "23.11",
        "to": "27.11",
        "to_no": "4",
        "from_no": "2",
        "thresholds": "1,75 · 2,75 · 3,75 · 4,75 · 5,50",
        "missing": "0,63",
        "bar": "4,75",
        "grade": 4,
        "page": 1,
        "pages": 3,
        "lates": "1 spóźnienie",
        "children": 2,
        "minutes": 10,
        "start": "21:00",
        "end": "07:00",
        "parents": 3,
        "chats": 3,
        "groups": 1,
        "polls": 40,
        "sent": 12,
        "due": 0,
        "held": 4,
        "alive": 1,
        "known": 1,
        "until": "14:35",
        "words": "Proszę zaznaczyć pole „Nie jestem robotem”.",
        "who": "Piotr (@piotr)",
        "trips": 2,
        "since": "03.11",
        "group": "Rodzina Nowaków",
        "items": "3 oceny, 1 wiadomość",
        "size": "63,2 MB",
        "limit": "50 MB",
        "seconds": 40,
        "length": 2400,
    }
    for key in message_ids(language):
        message = bundle.get_message(key)
        assert message.value is not None, key
        text, errors = bundle.format_pattern(message.value, args)
        assert not errors, (language, key, errors)
        assert isinstance(text, str) and text.strip(), (language, key)


def test_polish_plurals() -> None:
    t = translator("pl")
    assert t("att-absences", count=1) == "1 nieobecność"
    assert t("att-absences", count=2) == "2 nieobecności"
    assert t("att-lates", count=5) == "5 spóźnień"
    assert t("att-lates", count=22) == "22 spóźnienia"
    uk = translator("uk")
    assert uk("att-absences", count=1) == "1 пропуск"
    assert uk("att-absences", count=3) == "3 пропуски"
    assert uk("att-absences", count=11) == "11 пропусків"


COUNTS = (0, 1, 2, 5, 12, 22, 25, 1.5)
EXPECTED_FORMS = {
    "pl": ["0 ocen", "1 ocena", "2 oceny", "5 ocen", "12 ocen", "22 oceny", "25 ocen", "1,5 oceny"],
    "en": [
        "0 grades",
        "1 grade",
        "2 grades",
        "5 grades",
        "12 grades",
        "22 grades",
        "25 grades",
        "1.5 grades",
    ],
    "uk": [
        "0 оцінок",
        "1 оцінка",
        "2 оцінки",
        "5 оцінок",
        "12 оцінок",
        "22 оцінки",
        "25 оцінок",
        "1,5 оцінки",
    ],
}


def _counted_keys(language: str) -> list[str]:
    """The texts whose words change with `$count` (a plural selector on it)."""
    keys: set[str] = set()
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        current = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if found := re.match(r"([a-z][a-z0-9-]*) =", line):
                current = found.group(1)
            if "{ $count ->" in line and current:
                keys.add(current)
    return sorted(keys & message_ids(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_form_for_whole_and_fractional_counts(language: str) -> None:
    t = translator(language)
    assert [t("summary-grades", count=n) for n in COUNTS] == EXPECTED_FORMS[language]
    keys = _counted_keys(language)
    assert len(keys) >= 15
    decimal = "1.5" if language == "en" else "1,5"
    # Texts that say the count in words ("Wszystkie przeczytane.") or not at all.
    wordless = {("msg-unread", 0)} | {
        (key, n) for key in ("msg-attachments", "msg-attachments-offered") for n in COUNTS
    }
    for key in keys:
        for n in COUNTS:
            text = t(key, count=n, names="plik.pdf")
            assert text != key and "{" not in text, (language, key, n)
            if (key, n) not in wordless:
                shown = decimal if isinstance(n, float) else str(n)
                assert shown in text, (language, key, n, text)


def test_polish_texts_have_no_english_leftovers() -> None:
    english_words = re.compile(r"\b(the|and|you|your|please|error|button|failed)\b", re.I)
    for key in message_ids("pl"):
        text = translate("pl", key, {"name": "Ania", "count": 2})
        assert not english_words.search(re.sub(r"<[^>]+>", "", text)), (key, text)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (None, "pl"),
        ("pl", "pl"),
        ("pl-PL", "pl"),
        ("en", "en"),
        ("en-GB", "en"),
        ("uk", "uk"),
        ("ru", "uk"),
        ("de", "en"),
    ],
)
def test_first_language_comes_from_telegram(code: str | None, expected: str) -> None:
    assert pick_language(code) == expected


def test_unknown_key_falls_back_to_the_key_not_a_crash() -> None:
    assert translate("pl", "no-such-key") == "no-such-key"
    assert translate("xx", "cancelled") == translate("pl", "cancelled")
