"""The build: a folder of articles in, validated tables out.

`build()` reads every file it can, reports every file it cannot (with the reason)
and goes on; the tables are written only when all are complete and valid.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import display, tables
from .codebook import Codebook, load
from .events import Event, EventExtractor
from .language import Language, NewPerson
from .linking import assign_round_ids, rounds_table_rows
from .quotes import QUOTE_COLUMNS, extract_quotes
from .reading import (
    Article,
    UnreadableFile,
    doc_id_for,
    doc_ids_for,
    iter_input_files,
    read_article,
    read_manifest,
    skip_reason,
)

Progress = Callable[[int, int, Path], None]


@dataclass
class BuildReport:
    input_dir: str
    out_dir: str
    documents_read: int = 0
    skipped: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, ensure_ascii=False)

    def summary(self) -> str:
        lines = [
            f"documents read: {self.documents_read}",
            f"skipped: {len(self.skipped)}",
            *(f"  - {s['path']}: {s['reason']}" for s in self.skipped),
            *(f"note: {n}" for n in self.notes),
            "events: {events} ({talks} talks in {rounds} rounds), actors: {actors}, venues: {venues}".format(
                **self.counts
            ),
            f"time: {self.seconds:.1f} s",
        ]
        return "\n".join(lines)


class NothingToBuild(RuntimeError):
    """No document in the input could be read; the previous tables are left as they were."""


@dataclass
class Extraction:
    """What the build extracted from one article."""

    article: Article
    events: list[Event]
    mentions: list[dict]
    people: list[NewPerson]
    seen_names: dict[str, set[str]]
    quotes: list[dict] = field(default_factory=list)


class Builder:
    """Holds the codebook and its matchers so many articles reuse them."""

    def __init__(self, codebook: Codebook | None = None):
        self.codebook = codebook or load()
        self.language = Language(self.codebook)
        self.extractor = EventExtractor(self.codebook)

    def extract(self, article: Article) -> Extraction:
        sentences, people = self.language.analyse(article.text, article.body_end)
        events, dated = self.extractor.extract(article.doc_id, sentences, article.published, article.dateline)
        mentions, seen = [], {}
        for item in dated:
            for m in item.mentions:
                text = article.text[m.start : m.end]
                mentions.append(
                    {
                        "doc_id": article.doc_id,
                        "entity_type": m.entity_type,
                        "entity_id": m.entity_id,
                        "char_start": m.start,
                        "char_end": m.end,
                        "text": text,
                    }
                )
                seen.setdefault(m.entity_id, set()).add(text)
        quotes = extract_quotes(article.doc_id, article.text, dated, self.codebook)
        return Extraction(article, events, mentions, people, seen, quotes)


def build(
    input_dir: Path | str = "seeds",
    out_dir: Path | str = "data/processed",
    manifest: Path | str | None = None,
    codebook: Codebook | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Read `input_dir`, extract, validate and write the tables to `out_dir`.

    Raises NothingToBuild when no document could be read (nothing is written then).
    """
    started = time.perf_counter()
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    report = BuildReport(str(input_dir), str(out_dir))
    if not input_dir.is_dir():
        raise NothingToBuild(f"input folder not found: {input_dir}")
    manifest_path = Path(manifest) if manifest else input_dir / "manifest.csv"
    if manifest and not manifest_path.exists():
        report.notes.append(f"manifest not found: {manifest_path}")
    manifest_rows, problems = read_manifest(manifest_path)
    report.notes.extend(problems)
    builder = Builder(codebook)
    files = iter_input_files(input_dir)
    extractions = _read_and_extract(files, input_dir, manifest_rows, builder, report, progress)
    report.documents_read = len(extractions)
    if not extractions:
        reasons = "".join(f"\n  - {s['path']}: {s['reason']}" for s in report.skipped[:10])
        more = f"\n  ... and {len(report.skipped) - 10} more" if len(report.skipped) > 10 else ""
        raise NothingToBuild(
            f"no readable article in {input_dir} ({len(files)} files, {len(report.skipped)} skipped){reasons}{more}"
        )
    frames, extra = assemble(extractions, builder.codebook)
    extra |= display.derive(frames, extra, builder.codebook)  # what the dashboard shows, once per build
    report.counts = {
        "events": len(frames["events"]),
        "talks": int((frames["events"]["event_type"] == "talks").sum()) if len(frames["events"]) else 0,
        "rounds": len(extra["rounds"]),
        "actors": len(frames["actors"]),
        "venues": len(frames["venues"]),
        "mentions": len(frames["mentions"]),
        "new_names": len(extra["review_names"]),
        "quotes": len(extra["quotes"]),
    }
    report.seconds = round(time.perf_counter() - started, 2)
    tables.write_tables(frames, out_dir, extra=extra, files={"build_report.json": report.as_json()})
    return report


def _read_and_extract(
    files: list[Path],
    input_dir: Path,
    manifest_rows: dict[str, dict],
    builder: Builder,
    report: BuildReport,
    progress: Progress | None,
) -> list[Extraction]:
    """Read and analyse each file on its own, so that one bad file costs only itself:
    it goes to `report.skipped` with the reason and the others carry on."""
    markers = builder.codebook.cues["furniture_markers"]
    doc_ids = doc_ids_for(files, input_dir)
    extractions: list[Extraction] = []
    by_hash: dict[str, str] = {}
    for number, path in enumerate(files, start=1):
        if progress:
            progress(number, len(files), path)
        try:
            article = read_article(path, input_dir, manifest_rows, markers, doc_ids[path])
        except (UnreadableFile, OSError) as error:
            _skip(report, path, skip_reason(error))
            continue
        if article.sha256 in by_hash:
            _skip(report, path, f"duplicate of {by_hash[article.sha256]} (same text)")
            continue
        try:
            extraction = builder.extract(article)
            check_extraction(extraction)
        except Exception as error:
            _skip(report, path, f"analysis failed ({error.__class__.__name__}: {str(error)[:200]})")
            continue
        by_hash[article.sha256] = article.doc_id
        extractions.append(extraction)
    report.notes.extend(_unmatched_manifest_rows(manifest_rows, files, doc_ids, input_dir))
    return extractions


def check_extraction(x: Extraction) -> None:
    """Raise ValueError unless one article's output fits the table contract on its own:
    unique event ids and offsets inside the text. Checked per article so that a fault
    shows as that article skipped, not as the whole build failing validation."""
    ids = Counter(e.event_id for e in x.events)
    repeated = [i for i, n in ids.items() if n > 1]
    if repeated:
        raise ValueError(f"event extraction gave {len(repeated)} duplicate event id(s), e.g. {repeated[0]}")
    n = len(x.article.text)
    spans = [(e.start, e.end) for e in x.events] + [(m["char_start"], m["char_end"]) for m in x.mentions]
    if any(not 0 <= start <= end <= n for start, end in spans):
        raise ValueError("an event or mention lies outside the text")


def _skip(report: BuildReport, path: Path, reason: str) -> None:
    """List a skipped file; its name is made printable (a name in a foreign encoding
    must not break the JSON report or the terminal)."""
    shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    report.skipped.append({"path": shown, "reason": reason})


def _unmatched_manifest_rows(
    manifest_rows: dict[str, dict], files: list[Path], doc_ids: dict[Path, str], input_dir: Path
) -> list[str]:
    """Manifest rows that name no file: usually a typo, so the metadata was not used."""
    known = {key for f in files for key in (doc_ids[f], doc_id_for(f, input_dir), f.stem)}
    unmatched = sorted(set(manifest_rows) - known)
    if not unmatched:
        return []
    shown = ", ".join(repr(u) for u in unmatched[:5]) + (", ..." if len(unmatched) > 5 else "")
    return [f"manifest: {len(unmatched)} row(s) match no input file: {shown}"]


def assemble(
    extractions: list[Extraction], codebook: Codebook
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """Tidy tables from the per-article extractions, only with actors and venues in use."""
    plover = {name: spec["plover"] for name, spec in codebook.cues["event_types"].items()}
    all_events = [e for x in extractions for e in x.events]
    talks = [e for e in all_events if e.event_type == "talks"]
    round_ids = assign_round_ids(talks, codebook)
    documents, events, event_actors, mentions = [], [], [], []
    for x in extractions:
        a = x.article
        documents.append(
            {
                "doc_id": a.doc_id,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "published_basis": a.published_basis,
                "url": a.url,
                "path": str(a.path),
                "n_words": len(a.text.split()),
                "sha256": a.sha256,
            }
        )
        mentions.extend(x.mentions)
        for e in x.events:
            events.append(_event_row(e, a.text, plover, round_ids))
            event_actors.extend(
                {"event_id": e.event_id, "actor_id": actor_id, "role": role} for actor_id, role in e.roles.items()
            )
    people = {p.actor_id: p for x in extractions for p in x.people}
    seen: dict[str, set[str]] = {}
    for x in extractions:
        for entity_id, texts in x.seen_names.items():
            seen.setdefault(entity_id, set()).update(texts)
    actor_ids = (
        {m["entity_id"] for m in mentions if m["entity_type"] == "actor"}
        | {r["actor_id"] for r in event_actors}
        | {e["mediator_id"] for e in events if e["mediator_id"]}
    )
    venue_ids = {m["entity_id"] for m in mentions if m["entity_type"] == "venue"} | {
        e["venue_id"] for e in events if e["venue_id"]
    }
    venues = [_venue_row(codebook, v, seen) for v in sorted(venue_ids)]
    actor_ids |= {v["mediator_id"] for v in venues if v["mediator_id"]} | {v["country"] for v in venues if v["country"]}
    actor_ids |= {codebook.actors[a].country for a in actor_ids if a in codebook.actors and codebook.actors[a].country}
    actor_ids |= {p.country for p in people.values() if p.country}
    actors = [_actor_row(codebook, people, a, seen) for a in sorted(actor_ids)]
    published = {x.article.doc_id: x.article.published for x in extractions}
    frames = {
        "documents": tables.frame("documents", documents),
        "actors": tables.frame("actors", actors),
        "venues": tables.frame("venues", venues),
        "events": tables.frame("events", events),
        "event_actors": tables.frame("event_actors", event_actors),
        "mentions": tables.frame("mentions", mentions),
    }
    extra = {
        "rounds": pd.DataFrame(rounds_table_rows(talks, round_ids, published, codebook), columns=ROUND_COLUMNS),
        "review_names": _review_names(extractions),
        "quotes": pd.DataFrame([q for x in extractions for q in x.quotes], columns=QUOTE_COLUMNS),
    }
    return frames, extra


ROUND_COLUMNS = [
    "round_id",
    "date",
    "venue_id",
    "mediator_id",
    "status",
    "parties",
    "cancelled_by",
    "n_sources",
    "disagree",
    "disagreement",
]


def _event_row(e: Event, text: str, plover: dict[str, str], round_ids: dict[str, str]) -> dict:
    mediators = sum(1 for role in e.roles.values() if role == "mediator")
    fmt = None
    if e.event_type in ("talks", "meeting"):
        states = {a for a, r in e.roles.items() if r in ("participant", "mediator", "initiator", "target")}
        fmt = (
            "bilateral"
            if len(states) <= 2 and not e.mediator_id
            else ("trilateral" if mediators <= 1 else "multilateral")
        )
    return {
        "event_id": e.event_id,
        "doc_id": e.doc_id,
        "event_type": e.event_type,
        "plover": plover[e.event_type],
        "status": e.status,
        "date": e.date.value if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "date_text": (e.date.text or None) if e.date else None,
        "date_basis": e.date.basis if e.date else None,
        "venue_id": e.venue_id,
        "mediator_id": e.mediator_id,
        "sentence": text[e.start : e.end],
        "char_start": e.start,
        "char_end": e.end,
        "format": fmt,
        "round_id": round_ids.get(e.event_id),
        "confidence": float(e.confidence),
    }


def _actor_row(codebook: Codebook, people: dict[str, NewPerson], actor_id: str, seen: dict[str, set[str]]) -> dict:
    if actor_id in codebook.actors:
        a = codebook.actors[actor_id]
        aliases = sorted({*a.aliases, *seen.get(actor_id, set())} - {a.name})
        return {
            "actor_id": a.actor_id,
            "name": a.name,
            "kind": a.kind,
            "country": a.country,
            "title": a.title,
            "aliases": aliases,
        }
    p = people[actor_id]
    return {
        "actor_id": actor_id,
        "name": p.name,
        "kind": "person",
        "country": p.country,
        "title": p.title,
        "aliases": sorted(seen.get(actor_id, set()) - {p.name}),
    }


def _venue_row(codebook: Codebook, venue_id: str, seen: dict[str, set[str]]) -> dict:
    v = codebook.venue(venue_id)
    return {
        "venue_id": v.venue_id,
        "name": v.name,
        "country": v.country,
        "lat": v.lat,
        "lon": v.lon,
        "mediator_id": v.mediator_id,
        "aliases": sorted({*v.aliases, *seen.get(venue_id, set())} - {v.name}),
    }


def _review_names(extractions: list[Extraction]) -> pd.DataFrame:
    """Names found from title cues that the codebook lacks: candidates for an analyst to add."""
    counts: Counter = Counter()
    first: dict[str, tuple[NewPerson, str]] = {}
    for x in extractions:
        for p in x.people:
            counts[p.actor_id] += 1
            first.setdefault(p.actor_id, (p, x.article.doc_id))
    rows = [
        {
            "actor_id": a,
            "name": first[a][0].name,
            "title": first[a][0].title,
            "country": first[a][0].country,
            "n_documents": n,
            "first_doc_id": first[a][1],
        }
        for a, n in counts.most_common()
    ]
    return pd.DataFrame(rows, columns=["actor_id", "name", "title", "country", "n_documents", "first_doc_id"])
