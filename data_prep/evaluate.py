"""Evaluate: score built tables against a gold annotation (see eval/seeds/GOLD_FORMAT.md).

Scores are micro-averaged over documents: every actor, venue, round and event item
of every document counts once. Names are compared folded (case, accents, quote
marks, punctuation), with a few standard equivalents ("US" = "United States").

Round linking is scored over the whole set, because linking is what joins the
reports of one round across documents: every extracted talks event that matches a
gold round with a `round` key is an item, its cluster is its `round_id` and its
class the gold key (B-cubed). Events that match an optional round count too when
that round has a key: the key says the round is identifiable, so linking it wrongly
is a real error.

A figure is `None` (printed "n/a") when the set gives nothing to measure it on: no
matched talks event with a round key, or no document with an `events` list.

The figures and their bounds are in `figures.py`, the linking score in `round_linking.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .dates import parse_partial
from .figures import (
    FIGURES,
    SUMMARY_FIGURES,
    Verdict,
    short,
    show,
)
from .folding import fold, words
from .round_linking import LinkedEvent, Linking, f1, linking_misses, round_linking


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
        return f1(self.precision, self.recall)


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
    linked: list[LinkedEvent] = field(default_factory=list)
    event_types: Tally = field(default_factory=Tally)
    event_documents: int = 0  # documents with an `events` list
    misses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def linking(self) -> Linking | None:
        return round_linking(self.linked)

    def figures(self) -> dict[str, float | None]:
        """Every figure of `FIGURES`, by name; None where the set gives nothing to measure."""
        linking = self.linking
        typed = self.event_documents > 0
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
            "round_linking_precision": linking.precision if linking else None,
            "round_linking_recall": linking.recall if linking else None,
            "round_linking_f1": linking.f1 if linking else None,
            "rows_per_real_round": linking.rows_per_real_round if linking else None,
            "rounds_merged": float(linking.merged) if linking else None,
            "event_type_precision": self.event_types.precision if typed else None,
            "event_type_recall": self.event_types.recall if typed else None,
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
    misses_by_doc: dict[str, list[str]] = {}
    for g in gold:
        doc_id = g["doc_id"]
        misses = misses_by_doc[doc_id] = []
        if doc_id not in docs.index:
            misses.append("document missing from the tables")
            continue
        doc_mentions = mentions[(mentions["doc_id"] == doc_id) & (mentions["entity_type"] == "actor")]
        doc_events = events[events["doc_id"] == doc_id]
        _score_names(scores.actors, set(doc_mentions["entity_id"]), actor_names, g["actors"], "actor", misses)
        _score_names(scores.venues, set(doc_events["venue_id"].dropna()), venue_names, g["venues"], "venue", misses)
        is_talks = doc_events["event_type"] == "talks"
        _score_talks(scores, doc_id, doc_events[is_talks], g.get("talks", []), venue_names, actor_names, misses)
        if "events" in g:
            scores.event_documents += 1
            _score_event_types(scores.event_types, doc_events[~is_talks], g["events"], misses)
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
    for doc_id, lines in linking_misses(scores.linked).items():
        misses_by_doc.setdefault(doc_id, []).extend(lines)
    scores.misses = {doc_id: lines for doc_id, lines in misses_by_doc.items() if lines}
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


def _mediator_ok(mediator_id: Any, gold: str | list[str | None] | None, actor_names: dict[str, set[str]]) -> bool:
    """Right when the extracted mediator is one the gold names; a gold `null` (a round the
    parties held on their own, a host that took no part, a border commission) is right
    only when no mediator was extracted."""
    options = gold if isinstance(gold, list) else [gold]
    if mediator_id is None or pd.isna(mediator_id):
        return any(m is None for m in options)
    return any(m is not None and _matches(actor_names.get(mediator_id, set()), m) for m in options)


def _score_talks(
    scores: Scores,
    doc_id: str,
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
            vague = next((r for r in optional if _round_matches(event, r, venue_names)), None)
            if vague is not None:
                _link(scores, doc_id, event, vague)
                continue
            scores.talks.extracted += 1
            misses.append(
                f"extra talks: {event['venue_id']} {event['date']} {event['status']}: {event['sentence'][:90]!r}"
            )
            continue
        scores.talks.extracted += 1
        scores.talks.hits += 1
        _link(scores, doc_id, event, matched)
        scores.mediator_total += 1
        if _mediator_ok(event["mediator_id"], matched.get("mediator"), actor_names):
            scores.mediator_hits += 1
        else:
            misses.append(f"wrong mediator for {matched.get('venue')} {matched.get('date')}: {event['mediator_id']}")
    for r in required:
        scores.talks.required += 1
        if any(_round_matches(e, r, venue_names) for _, e in talks.iterrows()):
            scores.talks.found += 1
        else:
            misses.append(f"missing talks: {r.get('venue')} {r.get('date')} {r.get('status')}")


def _link(scores: Scores, doc_id: str, event: Any, gold_round: dict[str, Any]) -> None:
    if gold_round.get("round"):
        round_id = event.get("round_id")
        round_id = None if round_id is None or pd.isna(round_id) else str(round_id)
        scores.linked.append(LinkedEvent(doc_id, round_id, gold_round["round"]))


def _item_types(item: dict[str, Any]) -> set[str]:
    return {item["type"], *item.get("alt_types", [])}


def _score_event_types(tally: Tally, events: pd.DataFrame, items: list[dict[str, Any]], misses: list[str]) -> None:
    """Each extracted non-talks event against the gold item whose first words its sentence holds."""
    openings = [words(item["sentence"]) for item in items]
    found: set[int] = set()
    typed: set[int] = set()  # items some event was drawn from, right type or not
    for _, event in events.iterrows():
        tally.extracted += 1
        sentence, kind = words(event["sentence"]), event["event_type"]
        candidates = [n for n, opening in enumerate(openings) if opening in sentence]
        if not candidates:
            misses.append(f"extra event: {kind} from a sentence that reports none: {event['sentence'][:90]!r}")
            continue
        typed.update(candidates)
        right = next((n for n in candidates if kind in _item_types(items[n])), None)
        if right is not None:
            tally.hits += 1
            found.add(right)
            continue
        item = items[candidates[0]]
        alts = f" (alt {', '.join(item['alt_types'])})" if item.get("alt_types") else ""
        misses.append(f"wrong event type: {kind} for {item['sentence']!r}, gold {item['type']}{alts}")
    for n, item in enumerate(items):
        tally.required += 1
        if n in found:
            tally.found += 1
        elif n not in typed:
            misses.append(f"missing event: {item['type']}: {item['sentence']!r}")


def _published_ok(extracted: str | None, gold: str | None, tolerance_days: int) -> bool:
    """A null gold date means the text gives none: only no date is right."""
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


def format_report(scores: Scores, result: Verdict | None = None) -> str:
    """Per-document misses first, then one figure per line, a summary line and the verdict."""
    lines = []
    for doc_id, misses in scores.misses.items():
        lines.append(f"{doc_id}:")
        lines.extend(f"  {m}" for m in misses)
    figures = scores.figures()
    lines.extend(f"{name} {show(name, value)}" for name, value in figures.items())
    lines.append(
        "summary: " + " · ".join(f"{FIGURES[name].summary} {short(name, figures[name])}" for name in SUMMARY_FIGURES)
    )
    if result is not None:
        lines.append(str(result))
    return "\n".join(lines)


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
