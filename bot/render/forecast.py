"""/prognoza: the report-card forecast per subject, and its one line in /oceny and the
weekly summary. Always said to be a forecast; a teacher's proposal comes first."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import Translator
from bot.render.text import bold, esc
from sync.forecast import HONOURS, Forecast, SubjectForecast


def thresholds_text(t: Translator, thresholds: Sequence[float]) -> str:
    """'1,75 · 2,75 · 3,75 · 4,75 · 5,50' in the chat's number format."""
    return " · ".join(t.number(value) for value in thresholds)


def view(t: Translator, name: str, result: Forecast, *, custom: bool) -> str:
    lines = [t("forecast-title", name=esc(name), semester=result.semester)]
    key = "forecast-basis-year" if result.semester == 2 else "forecast-basis-semester"
    lines.append(t(key, thresholds=thresholds_text(t, result.thresholds)))
    if not custom:
        lines.append(t("forecast-thresholds-hint"))
    if not result.subjects:
        lines += ["", t("forecast-none")]
        return "\n".join(lines)
    for subject in result.subjects:
        lines.append("")
        lines.append(_subject(t, subject))
    lines.append("")
    lines.append(_overall(t, result))
    return "\n".join(lines)


def _subject(t: Translator, subject: SubjectForecast) -> str:
    head = bold(subject.subject) + ": "
    average = (
        t("forecast-average", value=t.number(subject.average), grade=subject.points_to)
        if subject.average is not None and subject.points_to is not None
        else ""
    )
    if subject.proposal:
        head += t("forecast-proposal", grade=esc(subject.proposal))
        if average:
            head += f" ({average})"
    else:
        head += average
    if subject.at_risk:
        head += " " + t("forecast-at-risk")
    lines = [head]
    if subject.falling:
        lines.append("   " + t("forecast-falling"))
    if subject.proposal is None and subject.points_to is not None:
        if subject.up is not None:
            step = subject.up
            lines.append(
                "   " + t("forecast-up", value=step.value, weight=step.weight, grade=step.to)
            )
        elif subject.points_to < 6:
            lines.append("   " + t("forecast-up-many", grade=subject.points_to + 1))
        if subject.down is not None:
            step = subject.down
            lines.append(
                "   " + t("forecast-down", value=step.value, weight=step.weight, grade=step.to)
            )
    return "\n".join(lines)


def _overall(t: Translator, result: Forecast) -> str:
    overall = result.overall
    if overall is None:
        return ""
    value, behaviour = t.number(overall), result.behaviour
    if result.average_honours and behaviour is None:
        text = t("forecast-honours", value=value)
    elif result.honours:
        text = t("forecast-honours-behaviour", value=value, scale=behaviour)
    elif result.average_honours:
        text = t("forecast-honours-short", value=value, scale=behaviour)
    else:
        text = t(
            "forecast-overall",
            value=value,
            missing=t.number(HONOURS - overall),
            bar=t.number(HONOURS),
        )
        if behaviour is not None:
            text += " " + t("forecast-behaviour", scale=behaviour)
    risky = result.at_risk
    if risky:
        text += "\n" + t("forecast-risk-list", names=", ".join(esc(s.subject) for s in risky))
    return text


def line(t: Translator, result: Forecast) -> str:
    """One line for /oceny and the weekly summary ('' when there is nothing to forecast)."""
    overall = result.overall
    if overall is None:
        return ""
    text = t("forecast-line", value=t.number(overall))
    risky = result.at_risk
    if risky:
        text += " · " + t("forecast-line-risk", names=", ".join(esc(s.subject) for s in risky))
    return text
