"""Charts as PNG pictures: the running weighted average per subject over a semester,
and absences by week. Drawn with matplotlib's object API on the Agg canvas (no pyplot,
no display, one figure per call, so calls in threads do not share state).

Telegram shows a photo as it is in either theme, so each picture carries its own
light background with dark text and colours that keep their contrast in print and on
a dark chat screen. The words come from the chat's language; DejaVu Sans (bundled with
matplotlib) has Polish and Ukrainian letters. Librus gives parents no class average
(Grades/CategoriesAverages answers 403), so there is no class line to draw.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.i18n import Translator
from sync import payloads as P
from sync.averages import Grading, grade_value
from sync.payloads import GradeItem

WIDTH_IN = 7.2  # at 150 dpi, 1080 px: a phone's width without scaling
DPI = 150
MAX_SUBJECTS = 12
BACKGROUND = "#FFFFFF"
INK = "#1F2328"
GRID = "#D0D7DE"
LINE = "#0969DA"
POINT = "#8250DF"
ABSENT = "#CF222E"
EXCUSED = "#9A6700"
LATE = "#57606A"


# Where an absence record counts in a week's bar: unexcused, excused, late.
SLOTS = {"absent": 0, "excused": 1, "late": 2}


@dataclass(frozen=True)
class Trend:
    subject: str
    points: list[tuple[date, float, float]]  # (day, the grade, the average with it)


def trends(items: list[GradeItem], grading: Grading, semester: int) -> list[Trend]:
    """Per subject with a counted grade in the semester: each grade in date order with
    the weighted average as it stood after it (the subjects with most grades first)."""
    by_subject: dict[str, list[tuple[date, float, float]]] = defaultdict(list)
    totals: dict[str, tuple[float, float]] = defaultdict(lambda: (0.0, 0.0))
    dated = []
    for grade in items:
        if grade["semester"] not in (semester, None) or grade["type"] != "normal":
            continue
        if grade["scale"] != "standard" or not grade["counts"]:
            continue
        value = grade_value(str(grade["value"] or ""), grading)
        weight = float(grade["weight"] or 0)
        day = _day(grade["date"] or grade["added"])
        if value is None or weight <= 0 or day is None:
            continue
        dated.append((day, str(grade["id"]), grade["subject"] or "?", value, weight))
    for day, _, subject, value, weight in sorted(dated):
        total, weights = totals[subject]
        total, weights = total + value * weight, weights + weight
        totals[subject] = (total, weights)
        by_subject[subject].append((day, value, total / weights))
    ordered = sorted(by_subject.items(), key=lambda s: (-len(s[1]), s[0].lower()))
    return [Trend(subject, points) for subject, points in ordered[:MAX_SUBJECTS]]


def weeks(data: Mapping[str, Any] | None) -> list[tuple[date, int, int, int]]:
    """(Monday, unexcused, excused, late) for every week from the first record on."""
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in P.absences_in(data):
        day = _day(item["date"])
        if day is None:
            continue
        slot = SLOTS.get(str(item["status"]))
        if slot is not None:
            counts[day - timedelta(days=day.weekday())][slot] += 1
    if not counts:
        return []
    first, last = min(counts), max(counts)
    out = []
    monday = first
    while monday <= last:
        a, e, lt = counts.get(monday, [0, 0, 0])
        out.append((monday, a, e, lt))
        monday += timedelta(days=7)
    return out


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def grades_png(t: Translator, name: str, shown: list[Trend], semester: int) -> bytes:
    """Small multiples, two across: each subject's grades as dots, its running
    average as a line, on the 1–6 scale."""
    from matplotlib.figure import Figure  # imported here: ~0.3 s, only when drawing

    rows = (len(shown) + 1) // 2
    height = 1.2 + 2.1 * rows
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, facecolor=BACKGROUND)
    title = t("chart-grades-title", name=name, semester=semester)
    figure.suptitle(title, color=INK, fontsize=13, x=0.02, ha="left")
    axes = figure.subplots(rows, 2, squeeze=False)
    for n, ax in enumerate(axes.flat):
        if n >= len(shown):
            ax.set_visible(False)
            continue
        trend = shown[n]
        days = [p[0].toordinal() for p in trend.points]
        ax.plot(days, [p[2] for p in trend.points], color=LINE, linewidth=2.2)
        ax.plot(days, [p[1] for p in trend.points], "o", color=POINT, markersize=3.5, zorder=3)
        last = trend.points[-1][2]
        ax.set_title(f"{trend.subject}: {t.number(last)}", color=INK, fontsize=10, loc="left")
        _style(ax, t)
        ax.set_ylim(0.8, 6.2)
        ax.set_yticks([1, 2, 3, 4, 5, 6])
    figure.text(
        0.02, 0.005, t("chart-grades-legend"), color=INK, fontsize=8, ha="left", va="bottom"
    )
    # Fixed margins (in inches turned into fractions): tight_layout would measure every
    # label and take most of the drawing time.
    figure.subplots_adjust(
        left=0.07, right=0.98, top=1 - 0.75 / height, bottom=0.55 / height, hspace=0.55
    )
    return _png(figure)


def attendance_png(t: Translator, name: str, by_week: list[tuple[date, int, int, int]]) -> bytes:
    """Stacked bars a week wide: unexcused, excused, late."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH_IN, 4.2), dpi=DPI, facecolor=BACKGROUND)
    ax = figure.subplots()
    mondays = [w[0].toordinal() for w in by_week]
    absent = [w[1] for w in by_week]
    excused = [w[2] for w in by_week]
    late = [w[3] for w in by_week]
    stacked = [a + e for a, e in zip(absent, excused, strict=True)]
    for values, bottom, colour, key in (
        (absent, None, ABSENT, "chart-absent"),
        (excused, absent, EXCUSED, "chart-excused"),
        (late, stacked, LATE, "chart-late"),
    ):
        ax.bar(mondays, values, 5.0, bottom, align="edge", color=colour, label=t(key))
    ax.set_title(t("chart-attendance-title", name=name), color=INK, fontsize=13, loc="left")
    ax.legend(frameon=False, labelcolor=INK, fontsize=9, loc="upper left")
    _style(ax, t)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.subplots_adjust(left=0.07, right=0.98, top=0.9, bottom=0.1)
    return _png(figure)


def _style(ax: Any, t: Translator) -> None:
    """Days on the x axis are ordinals (`date.toordinal`), written as the chat's
    language writes dates ('12.11'), not as matplotlib's English."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.set_facecolor(BACKGROUND)
    ax.grid(True, color=GRID, linewidth=0.6)
    ax.tick_params(colors=INK, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: t.date(date.fromordinal(max(1, int(x))), "d.MM"))
    )


def _png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor=BACKGROUND)
    return out.getvalue()
