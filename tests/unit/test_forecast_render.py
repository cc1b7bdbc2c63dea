"""The forecast's honours line in words, for each thing Librus may say of behaviour."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.i18n import translator
from bot.render.forecast import view
from sync import payloads as P
from sync.forecast import Forecast, forecast

TODAY = date(2026, 11, 25)


def _result(*values: str) -> Forecast:
    grades = [
        P.grade(
            {
                "value": v,
                "weight": 1,
                "subject": f"Przedmiot {n}",
                "semester": 1,
                "added": "2026-11-20",
                "type": "normal",
            }
        )
        for n, v in enumerate(values)
    ]
    return forecast(grades, 1, TODAY)


@pytest.mark.parametrize(
    ("values", "behaviour", "says", "never"),
    [
        (("6", "5"), None, "jeśli zachowanie będzie co najmniej bardzo dobre 🎉", "Zachowanie w"),
        (("6", "5"), 1, "zachowanie: wzorowe – to poziom świadectwa z wyróżnieniem 🎉", "jeśli"),
        (("6", "5"), 3, "wystarcza do wyróżnienia, ale zachowanie jest ocenione jako dobre", "🎉"),
        (
            ("4", "3"),
            2,
            "brakuje 1,25 (potrzeba 4,75 i co najmniej bardzo dobrego zachowania). "
            "Zachowanie w Librusie: bardzo dobre.",
            "🎉",
        ),
        (("4", "3"), None, "brakuje 1,25", "Zachowanie w"),
    ],
)
def test_the_honours_line_says_what_librus_says_of_behaviour(
    values: tuple[str, ...], behaviour: int | None, says: str, never: str
) -> None:
    text = view(
        translator("pl"), "Ola", replace(_result(*values), behaviour=behaviour), custom=True
    )
    assert says in text and never not in text


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
@pytest.mark.parametrize("scale", [1, 2, 3, 4, 5, 6])
def test_every_behaviour_grade_has_its_word(language: str, scale: int) -> None:
    text = view(
        translator(language), "Ola", replace(_result("6", "5"), behaviour=scale), custom=True
    )
    assert "{" not in text and "behaviour-grade" not in text
