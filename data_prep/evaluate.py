"""Evaluate: score built tables against a gold annotation (see eval/seeds/GOLD_FORMAT.md).

Scores are micro-averaged over documents: every actor, venue and round of every
document counts once. Names are compared folded (case, accents, quote marks,
punctuation), with a few standard equivalents ("US" = "United States").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .dates import parse_partial

THRESHOLDS = {
    "actor_f1": 0.90,
    "venue_f1": 0.90,
    "talks_f1": 0.90,
    "mediator_accuracy": 0.90,
    "published_accuracy": 1.00,
}

_EQUIVALENTS = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "state department": "us department of state",
    "department of state": "us department of state",
    "eu": "european union",
    "russian federation": "russia",
    "turkey": "turkiye",
    "uk": "united kingdom",
}


def fold(name: str | None) -> str:
    """'James O’Brien' -> 'james obrien'; 'U.S.' -> 'united states'."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019\u2018`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"\bu s\b", "us", text)
    return _EQUIVALENTS.get(text, text)


@dataclass
class Tally:
    hits: int = 0
    extracted: int = 0
    found: int = 0
    required: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    actors: Tally = field(default_factory=Tally)
    venues: Tally = field(default_factory=Tally)
    talks: Tally = field(default_factory=Tally)
    mediator_hits: int = 0
    mediator_total: int = 0
    published_hits: int = 0
    published_total: int = 0
    furniture_events: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def figures(self) -> dict[str, float]:
        return {
            "actor_precision": self.actors.precision,
            "actor_recall": self.actors.recall,
            "actor_f1": self.actors.f1,
            "venue_precision": self.venues.precision,
            "venue_recall": self.venues.recall,
            "venue_f1": self.venues.f1,
            "talks_precision": self.talks.precision,
            "talks_recall": self.talks.recall,
            "talks_f1": self.talks.f1,
            "mediator_accuracy": self.mediator_hits / self.mediator_total if self.mediator_total else 1.0,
            "published_accuracy": self.published_hits / self.published_total if self.published_total else 1.0,
            "furniture_events": float(self.furniture_events),
        }


def _names(table: pd.DataFrame, id_column: str) -> dict[str, set[str]]:
    return {row[id_column]: {fold(row["name"]), *(fold(a) for a in row["aliases"])} for _, row in table.iterrows()}


def _matches(names: set[str], gold: str | None) -> bool:
    return fold(gold) in names


def score(gold: list[dict[str, Any]], tables: dict[str, pd.DataFrame], texts: dict[str, str] | None = None) -> Scores:
    """Compare built tables with gold documents; `texts` (doc_id -> text) locates furniture."""
    scores = Scores()
    actor_names = _names(tables["actors"], "actor_id")
    venue_names = _names(tables["venues"], "venue_id")
    docs = tables["documents"].set_index("doc_id")
    events, mentions = tables["events"], tables["mentions"]
    for g in gold:
        doc_id, misses = g["doc_id"], []
        if doc_id not in docs.index:
            misses.append("document missing from the tables")
            scores.misses[doc_id] = misses
            continue
        doc_mentions = mentions[(mentions["doc_id"] == doc_id) & (mentions["entity_type"] == "actor")]
        doc_events = events[events["doc_id"] == doc_id]
        _score_names(scores.actors, set(doc_mentions["entity_id"]), actor_names, g["actors"], "actor", misses)
        _score_names(scores.venues, set(doc_events["venue_id"].dropna()), venue_names, g["venues"], "venue", misses)
        _score_talks(
            scores,
            doc_events[doc_events["event_type"] == "talks"],
            g.get("talks", []),
            venue_names,
            actor_names,
            misses,
        )
        scores.published_total += 1
        extracted = docs.loc[doc_id, "published"]
        if _published_ok(
            None if pd.isna(extracted) else extracted, g.get("published"), g.get("published_tolerance_days", 0)
        ):
            scores.published_hits += 1
        else:
            misses.append(f"published: extracted {extracted!r}, gold {g.get('published')!r}")
        if g.get("no_events_after") and texts and doc_id in texts:
            zone = texts[doc_id].find(g["no_events_after"])
            if zone >= 0:
                bad = doc_events[doc_events["char_start"] >= zone]
                scores.furniture_events += len(bad)
                misses.extend(f"event from page furniture: {s!r}" for s in bad["sentence"])
        if misses:
            scores.misses[doc_id] = misses
    return scores


def _score_names(
    tally: Tally,
    extracted_ids: set[str],
    names: dict[str, set[str]],
    gold: dict[str, Any],
    what: str,
    misses: list[str],
) -> None:
    accepted = [*gold.get("required", []), *gold.get("allowed", [])]
    for entity_id in sorted(extracted_ids):
        tally.extracted += 1
        if any(_matches(names.get(entity_id, set()), a) for a in accepted):
            tally.hits += 1
        else:
            misses.append(f"extra {what}: {entity_id}")
    for required in gold.get("required", []):
        tally.required += 1
        if any(_matches(names.get(e, set()), required) for e in extracted_ids):
            tally.found += 1
        else:
            misses.append(f"missing {what}: {required}")


def _venue_ok(venue_id: Any, gold_round: dict[str, Any], venue_names: dict[str, set[str]]) -> bool:
    options = [gold_round.get("venue"), *gold_round.get("alt_venues", [])]
    if venue_id is None or pd.isna(venue_id):
        return any(o is None for o in options)
    return any(o is not None and _matches(venue_names.get(venue_id, set()), o) for o in options)


def _round_matches(event: Any, gold_round: dict[str, Any], venue_names: dict[str, set[str]]) -> bool:
    if event["status"] != gold_round.get("status") or not _venue_ok(event["venue_id"], gold_round, venue_names):
        return False
    if gold_round.get("date"):
        return isinstance(event["date"], str) and event["date"][:7] == gold_round["date"][:7]
    return True


def _score_talks(
    scores: Scores,
    talks: pd.DataFrame,
    gold_rounds: list[dict[str, Any]],
    venue_names: dict[str, set[str]],
    actor_names: dict[str, set[str]],
    misses: list[str],
) -> None:
    required = [r for r in gold_rounds if not r.get("optional")]
    optional = [r for r in gold_rounds if r.get("optional")]
    for _, event in talks.iterrows():
        matched = next((r for r in required if _round_matches(event, r, venue_names)), None)
        if matched is None:
            if any(_round_matches(event, r, venue_names) for r in optional):
                continue
            scores.talks.extracted += 1
            misses.append(
                f"extra talks: {event['venue_id']} {event['date']} {event['status']}: {event['sentence'][:90]!r}"
            )
            continue
        scores.talks.extracted += 1
        scores.talks.hits += 1
        mediators = matched.get("mediator")
        mediators = mediators if isinstance(mediators, list) else [mediators]
        scores.mediator_total += 1
        if any(_matches(actor_names.get(event["mediator_id"], set()), m) for m in mediators if m):
            scores.mediator_hits += 1
        else:
            misses.append(f"wrong mediator for {matched.get('venue')} {matched.get('date')}: {event['mediator_id']}")
    for r in required:
        scores.talks.required += 1
        if any(_round_matches(e, r, venue_names) for _, e in talks.iterrows()):
            scores.talks.found += 1
        else:
            misses.append(f"missing talks: {r.get('venue')} {r.get('date')} {r.get('status')}")


def _published_ok(extracted: str | None, gold: str | None, tolerance_days: int) -> bool:
    if gold is None:
        return extracted is None
    if extracted is None:
        return False
    if len(gold) == 7:
        return extracted[:7] == gold
    if len(extracted) != 10:
        return False
    a, b = parse_partial(extracted), parse_partial(gold)
    return isinstance(a, date) and isinstance(b, date) and abs((a - b).days) <= tolerance_days


def format_report(scores: Scores, thresholds: dict[str, float] = THRESHOLDS) -> str:
    """Per-document misses first, then one figure per line; the last lines sum up."""
    lines = []
    for doc_id, misses in scores.misses.items():
        lines.append(f"{doc_id}:")
        lines.extend(f"  {m}" for m in misses)
    figures = scores.figures()
    lines.extend(
        f"{name} {value:.3f}" if name != "furniture_events" else f"{name} {int(value)}"
        for name, value in figures.items()
    )
    failing = [f"{k} {figures[k]:.2f} < {v:.2f}" for k, v in thresholds.items() if figures[k] + 1e-9 < v]
    if figures["furniture_events"]:
        failing.append(f"furniture_events {int(figures['furniture_events'])} > 0")
    lines.append(
        "summary: actors F1 {actor_f1:.2f} · venues F1 {venue_f1:.2f} · talks F1 {talks_f1:.2f} · mediator {mediator_accuracy:.2f} · published {published_accuracy:.2f} · furniture events {furniture_events:.0f}".format(
            **figures
        )
    )
    lines.append("thresholds: " + ("all met" if not failing else "NOT met: " + "; ".join(failing)))
    return "\n".join(lines)


def thresholds_for(gold_path: Path | str) -> dict[str, float]:
    """The quality a gold set demands: `thresholds.json` beside it, else the defaults."""
    beside = Path(gold_path).with_name("thresholds.json")
    return json.loads(beside.read_text(encoding="utf-8")) if beside.exists() else dict(THRESHOLDS)


def evaluate(gold_path: Path | str, table_dir: Path | str) -> Scores:
    """Load the gold file and the tables in `table_dir` and score them."""
    from .reading import document_text
    from .tables import read_tables

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    tables = read_tables(Path(table_dir))
    texts = {}
    for _, row in tables["documents"].iterrows():
        try:
            texts[row["doc_id"]] = document_text(Path(row["path"]))
        except (OSError, ValueError):
            continue
    return score(gold, tables, texts)
