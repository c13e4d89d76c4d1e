"""The figures `evaluate` reports, and the one place they are held to their bounds.

Thresholds live in `thresholds.json` beside a gold file, one bound per figure.
Whether a bound is a floor or a ceiling is a property of the figure (`FIGURES`):
rows per real round, rounds merged and furniture events must stay at or below
theirs, every other figure at or above. `verdict` is the one place that compares;
the command line only prints its answer and sets the exit status.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """How one figure reads: a rate, a ratio or a count, and which way is better."""

    summary: str
    lower_is_better: bool = False
    count: bool = False


FIGURES: dict[str, Figure] = {
    "actor_precision": Figure("actors P"),
    "actor_recall": Figure("actors R"),
    "actor_f1": Figure("actors F1"),
    "venue_precision": Figure("venues P"),
    "venue_recall": Figure("venues R"),
    "venue_f1": Figure("venues F1"),
    "talks_precision": Figure("talks P"),
    "talks_recall": Figure("talks R"),
    "talks_f1": Figure("talks F1"),
    "mediator_accuracy": Figure("mediator"),
    "published_accuracy": Figure("published"),
    "furniture_events": Figure("furniture events", lower_is_better=True, count=True),
    "round_linking_precision": Figure("round linking P"),
    "round_linking_recall": Figure("round linking R"),
    "round_linking_f1": Figure("round linking F1"),
    "rows_per_real_round": Figure("rows per real round", lower_is_better=True),
    "rounds_merged": Figure("rounds merged", lower_is_better=True, count=True),
    "event_type_precision": Figure("event types P"),
    "event_type_recall": Figure("event types R"),
}

# The summary line names these, in this order (the full list is printed above it).
SUMMARY_FIGURES = (
    "actor_f1",
    "venue_f1",
    "talks_f1",
    "mediator_accuracy",
    "published_accuracy",
    "furniture_events",
    "round_linking_f1",
    "rows_per_real_round",
    "rounds_merged",
    "event_type_precision",
    "event_type_recall",
)

# For a gold file with no thresholds.json beside it: the targets of issue 8 for a set
# nobody has tuned on.
TARGETS: dict[str, float] = {
    "actor_f1": 0.90,
    "venue_f1": 0.90,
    "talks_f1": 0.90,
    "mediator_accuracy": 0.95,
    "published_accuracy": 0.97,
    "furniture_events": 0,
    "round_linking_f1": 0.95,
    "rows_per_real_round": 1.10,
    "event_type_precision": 0.85,
    "event_type_recall": 0.70,
}


class ThresholdError(ValueError):
    """A thresholds file names a figure that does not exist or gives a bound that is not a number."""


@dataclass(frozen=True)
class Verdict:
    """Whether the figures meet the thresholds; `failures` says which do not and why."""

    failures: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        return "thresholds: " + ("all met" if self.met else "NOT met: " + "; ".join(self.failures))


def verdict(figures: dict[str, float | None], thresholds: dict[str, float]) -> Verdict:
    """Compare figures with their bounds: a floor, or a ceiling for lower-is-better figures.

    A figure the set cannot measure (None) fails its threshold: a bound asked for must be checked.

    >>> verdict({"talks_f1": 0.8}, {"talks_f1": 0.9}).failures
    ('talks_f1 0.800 < 0.90',)
    """
    failures = []
    for name, bound in thresholds.items():
        value, lower = figures.get(name), FIGURES[name].lower_is_better
        if value is None:
            failures.append(f"{name} n/a (threshold {'≤' if lower else '≥'} {bound:g})")
        elif lower and value > bound + 1e-9:
            failures.append(f"{name} {show(name, value)} > {bound:g}")
        elif not lower and value + 1e-9 < bound:
            failures.append(f"{name} {show(name, value)} < {bound:.2f}")
    return Verdict(tuple(failures))


def show(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return str(int(value)) if FIGURES[name].count else f"{value:.3f}"


def short(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return str(int(value)) if FIGURES[name].count else f"{value:.2f}"


def thresholds_for(gold_path: Path | str) -> dict[str, float]:
    """The bounds a gold set demands: `thresholds.json` beside it, else `TARGETS`.

    Page furniture never yields events unless the file says otherwise.
    """
    beside = Path(gold_path).with_name("thresholds.json")
    if not beside.exists():
        return dict(TARGETS)
    try:
        loaded = json.loads(beside.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ThresholdError(f"{beside}: not valid JSON ({error})") from error
    if not isinstance(loaded, dict):
        raise ThresholdError(f"{beside}: expected an object of figure: bound")
    unknown = sorted(set(loaded) - set(FIGURES))
    if unknown:
        raise ThresholdError(f"{beside}: no such figure: {', '.join(unknown)} (figures: {', '.join(FIGURES)})")
    bad = sorted(k for k, v in loaded.items() if isinstance(v, bool) or not isinstance(v, (int, float)))
    if bad:
        raise ThresholdError(f"{beside}: bounds must be numbers: {', '.join(bad)}")
    return {"furniture_events": 0, **loaded}
