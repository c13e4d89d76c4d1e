"""The build: a folder of articles in, validated tables out. Read this file first.

    files --read--> Article --STAGES--> Record --cross-article steps--> tables

1. Reading (reading.py, I/O): each file becomes an `Article`; a file that cannot be
   read is skipped with the reason, a duplicate of another is skipped too.
2. The per-article stages, in order (`STAGES`): each is a function
   `(Record, Knowledge) -> Record` that fills its own fields of the record and
   changes nothing else. `analyse_article` runs them; it depends only on the
   article and the read-only `Knowledge` (codebook and matchers), so its result
   can be cached by the article's content or computed in another process.
3. The cross-article steps, at the end of `build`: rounds linked across articles
   and every table made (`assemble.build_tables`, with linking.py), then validated
   against the contract and written atomically (`tables.write_tables`, with
   schemas.py).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from . import tables
from .assemble import build_tables
from .codebook import Codebook
from .dating import date_sentences
from .decoding import skip_reason
from .errors import NothingToBuild, UnreadableFile
from .language import find_names
from .manifest import ManifestRow, read_manifest
from .matchers import Knowledge
from .other_events import credit_cancellations, drop_repeated_events, find_other_events
from .quotes import find_quotes
from .reading import doc_ids_for, iter_input_files, manifest_keys, read_article
from .record import Article, Record
from .resolution import resolve_names
from .talks import find_talks

Stage = Callable[[Record, Knowledge], Record]
Progress = Callable[[int, int, Path], None]


def check_offsets(record: Record, knowledge: Knowledge) -> Record:
    """Raise ValueError unless the record fits the table contract on its own (unique
    event ids, offsets inside the text), so that a fault shows as this article
    skipped, not as the whole build failing validation."""
    ids = Counter(e.event_id for e in record.events)
    repeated = [i for i, n in ids.items() if n > 1]
    if repeated:
        raise ValueError(f"event extraction gave {len(repeated)} duplicate event id(s), e.g. {repeated[0]}")
    n = len(record.article.text)
    spans = [(e.start, e.end) for e in record.events] + [(m.start, m.end) for ms in record.mentions for m in ms]
    if any(not 0 <= start <= end <= n for start, end in spans):
        raise ValueError("an event or mention lies outside the text")
    return record


STAGES: tuple[Stage, ...] = (
    find_names,  # language.py: sentences, codebook names, cue words, new people, world places
    resolve_names,  # resolution.py: what each name means in its sentence (actor or venue); the dateline's venue
    date_sentences,  # dating.py: each sentence's dates, resolved against the publication date
    find_talks,  # talks.py: rounds of talks, one per round per article, with status, date, venue, mediator
    find_other_events,  # other_events.py: one other event per sentence at most, with its actors' roles
    credit_cancellations,  # other_events.py: who called a cancelled round off
    drop_repeated_events,  # other_events.py: a sentence printed twice reports one event
    find_quotes,  # quotes.py: who said what about whom
    check_offsets,  # here: unique event ids, every offset inside the text
)


def analyse_article(article: Article, knowledge: Knowledge, stages: Sequence[Stage] = STAGES) -> Record:
    """Run the per-article stages over one article: a pure function of its arguments."""
    record = Record(article)
    for stage in stages:
        record = stage(record, knowledge)
    return record


@dataclass
class BuildReport:
    input_dir: str
    out_dir: str
    documents_read: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

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

    def skip(self, path: Path, reason: str) -> None:
        """List a skipped file; its name is made printable (a name in a foreign
        encoding must not break the JSON report or the terminal)."""
        shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        self.skipped.append({"path": shown, "reason": reason})


def build(
    input_dir: Path | str = "seeds",
    out_dir: Path | str = "data/processed",
    manifest: Path | str | None = None,
    codebook: Codebook | None = None,
    progress: Progress | None = None,
    knowledge: Knowledge | None = None,
) -> BuildReport:
    """Read `input_dir`, analyse each article, validate and write the tables to `out_dir`.

    `knowledge` (the codebook and its compiled matchers) can be shared between builds
    in one process; by default it is made from `codebook`, else the default codebook.

    Raises NothingToBuild when no document could be read (nothing is written then),
    CodebookError for a broken codebook, SchemaViolation or IntegrityError when the
    tables break their contract (the previous tables stay as they were).
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
    knowledge = knowledge or Knowledge.load(codebook)
    files = iter_input_files(input_dir)
    doc_ids = doc_ids_for(files, input_dir)
    articles = read_articles(files, input_dir, doc_ids, manifest_rows, knowledge, report, progress)
    records = []
    for article in articles:
        try:
            records.append(analyse_article(article, knowledge))
        except Exception as error:  # one article's fault costs only that article
            report.skip(article.path, f"analysis failed ({error.__class__.__name__}: {str(error)[:200]})")
    report.notes.extend(_unmatched_manifest_rows(manifest_rows, manifest_keys(files, doc_ids, input_dir)))
    report.documents_read = len(records)
    if not records:
        reasons = "".join(f"\n  - {s['path']}: {s['reason']}" for s in report.skipped[:10])
        more = f"\n  ... and {len(report.skipped) - 10} more" if len(report.skipped) > 10 else ""
        raise NothingToBuild(
            f"no readable article in {input_dir} ({len(files)} files, {len(report.skipped)} skipped){reasons}{more}"
        )
    # The cross-article steps: link rounds and make the tables, then validate and write them.
    frames = build_tables(records, knowledge.codebook)
    report.counts = _counts(frames)
    report.seconds = round(time.perf_counter() - started, 2)
    tables.write_tables(frames, out_dir, files={"build_report.json": report.as_json()})
    return report


def read_articles(
    files: list[Path],
    input_dir: Path,
    doc_ids: Mapping[Path, str],
    manifest_rows: Mapping[str, ManifestRow],
    knowledge: Knowledge,
    report: BuildReport,
    progress: Progress | None = None,
) -> Iterator[Article]:
    """Each file read on its own, so that one bad file costs only itself: it goes to
    `report.skipped` with the reason and the others carry on. A file with the same
    text as one read before is skipped as its duplicate.

    `progress` hears of each file once it is done with: read, and analysed by
    whoever consumed the article before asking for the next."""
    by_hash: dict[str, str] = {}
    for number, path in enumerate(files, start=1):
        try:
            article = read_article(path, input_dir, manifest_rows, knowledge.cues, doc_ids[path])
        except (UnreadableFile, OSError) as error:
            report.skip(path, skip_reason(error))
        else:
            if article.sha256 in by_hash:
                report.skip(path, f"duplicate of {by_hash[article.sha256]} (same text)")
            else:
                by_hash[article.sha256] = article.doc_id
                yield article
        if progress:
            progress(number, len(files), path)


def _unmatched_manifest_rows(manifest_rows: Mapping[str, ManifestRow], known: set[str]) -> list[str]:
    """Manifest rows that name no file: usually a typo, so the metadata was not used."""
    unmatched = sorted(set(manifest_rows) - known)
    if not unmatched:
        return []
    shown = ", ".join(repr(u) for u in unmatched[:5]) + (", ..." if len(unmatched) > 5 else "")
    return [f"manifest: {len(unmatched)} row(s) match no input file: {shown}"]


def _counts(frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    events = frames["events"]
    return {
        "events": len(events),
        "talks": int((events["event_type"] == "talks").sum()) if len(events) else 0,
        "rounds": len(frames["rounds"]),
        "actors": len(frames["actors"]),
        "venues": len(frames["venues"]),
        "mentions": len(frames["mentions"]),
        "new_names": len(frames["review_names"]),
        "quotes": len(frames["quotes"]),
    }
