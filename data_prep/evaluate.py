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

Thresholds live in `thresholds.json` beside the gold file, one bound per figure.
Whether a bound is a floor or a ceiling is a property of the figure (`FIGURES`):
rows per real round, rounds merged and furniture events must stay at or below
theirs, every other figure at or above. `verdict` is the one place that compares.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .dates import parse_partial


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


def words(text: str) -> str:
    """Text as compared for event items: one space between words, straight quotes, no case.

    >>> words("Baku  \\n rejected  the “offer”")
    'baku rejected the "offer"'
    """
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019`]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    return re.sub(r"\s+", " ", text).strip().casefold()


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
        return _f1(self.precision, self.recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class LinkedEvent:
    """A matched talks event whose gold round has a key: one item of the linking score."""

    doc_id: str
    round_id: str | None
    key: str


@dataclass(frozen=True)
class Linking:
    """How the extracted `round_id`s group the reports of real rounds."""

    precision: float
    recall: float
    rows_per_real_round: float
    merged: int

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def b_cubed(clusters: Sequence[Hashable], classes: Sequence[Hashable]) -> tuple[float, float]:
    """B-cubed precision and recall of item clusters against their true classes.

    Each item's precision is the share of its cluster that is of its class, its
    recall the share of its class that is in its cluster; both are averaged over items.

    >>> b_cubed(["a", "a", "b"], ["x", "x", "x"])  # one real round split in two
    (1.0, 0.5555555555555555)
    """
    if len(clusters) != len(classes):
        raise ValueError("one class per item")
    if not clusters:
        raise ValueError("no items to score")
    pairs = list(zip(clusters, classes, strict=True))
    in_cluster, in_class, in_both = Counter(c for c, _ in pairs), Counter(k for _, k in pairs), Counter(pairs)
    precision = sum(in_both[p] / in_cluster[p[0]] for p in pairs) / len(pairs)
    recall = sum(in_both[p] / in_class[p[1]] for p in pairs) / len(pairs)
    return precision, recall


def round_linking(items: Sequence[LinkedEvent]) -> Linking | None:
    """Score how `round_id`s group the items; None when there is nothing to score.

    An event without a `round_id` is a row of its own.
    """
    if not items:
        return None
    clusters = [i.round_id if i.round_id is not None else ("no round_id", n) for n, i in enumerate(items)]
    precision, recall = b_cubed(clusters, [i.key for i in items])
    keys_per_cluster: dict[Hashable, set[str]] = defaultdict(set)
    for cluster, item in zip(clusters, items, strict=True):
        keys_per_cluster[cluster].add(item.key)
    return Linking(
        precision=precision,
        recall=recall,
        rows_per_real_round=len(keys_per_cluster) / len({i.key for i in items}),
        merged=sum(1 for keys in keys_per_cluster.values() if len(keys) > 1),
    )


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


def score(gold: list[dict], tables: dict[str, pd.DataFrame], texts: dict[str, str] | None = None) -> Scores:
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
    for doc_id, lines in _linking_misses(scores.linked).items():
        misses_by_doc.setdefault(doc_id, []).extend(lines)
    scores.misses = {doc_id: lines for doc_id, lines in misses_by_doc.items() if lines}
    return scores


def _score_names(
    tally: Tally, extracted_ids: set[str], names: dict[str, set[str]], gold: dict, what: str, misses: list[str]
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


def _venue_ok(venue_id, gold_round: dict, venue_names: dict[str, set[str]]) -> bool:
    options = [gold_round.get("venue"), *gold_round.get("alt_venues", [])]
    if venue_id is None or pd.isna(venue_id):
        return any(o is None for o in options)
    return any(o is not None and _matches(venue_names.get(venue_id, set()), o) for o in options)


def _round_matches(event, gold_round: dict, venue_names) -> bool:
    if event["status"] != gold_round.get("status") or not _venue_ok(event["venue_id"], gold_round, venue_names):
        return False
    if gold_round.get("date"):
        return isinstance(event["date"], str) and event["date"][:7] == gold_round["date"][:7]
    return True


def _mediator_ok(mediator_id, gold: str | list[str | None] | None, actor_names: dict[str, set[str]]) -> bool:
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
    gold_rounds: list[dict],
    venue_names,
    actor_names,
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


def _link(scores: Scores, doc_id: str, event, gold_round: dict) -> None:
    if gold_round.get("round"):
        round_id = event.get("round_id")
        round_id = None if round_id is None or pd.isna(round_id) else str(round_id)
        scores.linked.append(LinkedEvent(doc_id, round_id, gold_round["round"]))


def _linking_misses(items: list[LinkedEvent]) -> dict[str, list[str]]:
    """Per document: the real rounds it reports that the tables split, and the
    round_ids that hold more than one real round, with where the other parts are."""
    docs_by_key_id: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    docs_by_id_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows_by_key: dict[str, int] = Counter()
    for item in items:
        if item.round_id is None:
            rows_by_key[item.key] += 1  # a row of its own
            continue
        if item.round_id not in docs_by_key_id[item.key]:
            rows_by_key[item.key] += 1
        docs_by_key_id[item.key][item.round_id].add(item.doc_id)
        docs_by_id_key[item.round_id][item.key].add(item.doc_id)
    out: dict[str, list[str]] = defaultdict(list)
    for item in dict.fromkeys(items):  # each (document, round_id, key) once, in order
        if rows_by_key[item.key] > 1:
            elsewhere = [
                f"{rid} in {', '.join(sorted(d))}"
                for rid, d in docs_by_key_id[item.key].items()
                if rid != item.round_id
            ]
            out[item.doc_id].append(
                f"round split: {item.key!r} is {item.round_id or 'a row without round_id'} here"
                + (f"; also {'; '.join(elsewhere)}" if elsewhere else "")
            )
        keys = docs_by_id_key[item.round_id] if item.round_id is not None else {}
        if len(keys) > 1:
            others = "; ".join(f"{k!r} from {', '.join(sorted(d))}" for k, d in keys.items() if k != item.key)
            out[item.doc_id].append(f"rounds merged: {item.round_id} holds {item.key!r} here and {others}")
    return out


def _item_types(item: dict) -> set[str]:
    return {item["type"], *item.get("alt_types", [])}


def _score_event_types(tally: Tally, events: pd.DataFrame, items: list[dict], misses: list[str]) -> None:
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
            failures.append(f"{name} {_show(name, value)} > {bound:g}")
        elif not lower and value + 1e-9 < bound:
            failures.append(f"{name} {_show(name, value)} < {bound:.2f}")
    return Verdict(tuple(failures))


def _show(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return str(int(value)) if FIGURES[name].count else f"{value:.3f}"


def format_report(scores: Scores, result: Verdict | None = None) -> str:
    """Per-document misses first, then one figure per line, a summary line and the verdict."""
    lines = []
    for doc_id, misses in scores.misses.items():
        lines.append(f"{doc_id}:")
        lines.extend(f"  {m}" for m in misses)
    figures = scores.figures()
    lines.extend(f"{name} {_show(name, value)}" for name, value in figures.items())
    lines.append(
        "summary: " + " · ".join(f"{FIGURES[name].summary} {_short(name, figures[name])}" for name in SUMMARY_FIGURES)
    )
    if result is not None:
        lines.append(str(result))
    return "\n".join(lines)


def _short(name: str, value: float | None) -> str:
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
