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

import gc
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from .assemble import TABLE_ORDER, Assembly
from .cache import ArticleCache, compiled_codebook
from .codebook import Codebook, load
from .dating import date_sentences
from .decoding import skip_reason
from .display_runs import DisplayTables
from .errors import NothingToBuild, UnreadableFile
from .language import find_names
from .manifest import ManifestRow, read_manifest
from .matchers import Knowledge, Matchers
from .other_events import credit_cancellations, drop_repeated_events, find_other_events
from .quotes import find_quotes
from .reading import doc_ids_for, iter_input_files, manifest_keys, read_article
from .record import Article, Record
from .resolution import resolve_names
from .running import CLUSTER_VARIABLE, Lazy, default_workers, runner_for
from .source import Source
from .spill import Spill, load_refs
from .summaries import long_lived
from .talks import find_talks
from .writing import Run, plan_runs, travelled, write_in_runs

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
    run: dict[str, Any] = field(default_factory=dict)  # how it ran (workers, cache): not part of the result

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
            *self._run_lines(),
        ]
        return "\n".join(lines)

    def _run_lines(self) -> list[str]:
        run = self.run
        where = f"cluster {run['cluster']}" if run.get("cluster") else f"{run.get('workers', 1)} process(es)"
        lines = [f"ran on: {where}"]
        if "cache_hits" in run:
            lines.append(f"cache: {run['cache_hits']} article(s) reused, {run['cache_misses']} analysed")
        if "cache" in run:
            lines.append(f"cache: {run['cache']}")
        return lines

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
    *,
    workers: int | None = None,
    cluster: str | None = None,
    cache: Path | str | None = None,
    as_of: date | None = None,
) -> BuildReport:
    """Read `input_dir`, analyse each article, validate and write the tables to `out_dir`.

    `knowledge` (the codebook and its compiled matchers) can be shared between builds
    in one process; by default it is made from `codebook`, else the default codebook.
    The per-article work runs on `workers` processes (by default every core for a
    build of a few hundred files or more, else this process), or on the Dask cluster
    whose scheduler is at `cluster` (else at $PEACETRACK_CLUSTER); the tables are
    the same wherever it runs. With `cache` (a folder), articles already analysed
    with this codebook and extractor are not analysed again. `as_of` is the build's
    date (default: today): it bounds the year of a wire dateline that gives none.

    Raises NothingToBuild when no document could be read (nothing is written then),
    CodebookError for a broken codebook, SchemaViolation or IntegrityError when the
    tables break their contract (the previous tables stay as they were),
    ClusterUnavailable when the cluster cannot be reached.
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
    if knowledge is not None:
        codebook = knowledge.codebook
    elif codebook is None:
        codebook = compiled_codebook(Path(cache)) if cache else load()
    files = iter_input_files(input_dir)
    doc_ids = doc_ids_for(files, input_dir)
    source = Source(files, input_dir, doc_ids, manifest_rows, codebook, as_of or date.today())
    article_cache = ArticleCache(cache) if cache else None
    if article_cache is not None and article_cache.codebook_changed(source.fingerprint):
        report.run["cache"] = "the codebook changed since the last build: every article is analysed again"
    if article_cache is not None and article_cache.summaries.problem:
        report.run["cache"] = "; ".join(filter(None, (report.run.get("cache"), article_cache.summaries.problem)))
    cluster = cluster or os.environ.get(CLUSTER_VARIABLE) or None
    matchers = Lazy(lambda: knowledge or Knowledge(codebook, Matchers(codebook)))
    how_many = workers or default_workers(len(files))
    runner = runner_for(matchers, analyse_article, codebook, how_many, cluster, source.fingerprint)
    report.run.update({"workers": runner.workers, "cluster": cluster, "as_of": source.as_of.isoformat()})
    assembly = Assembly(codebook)
    with Spill() as spill, long_lived():  # the summaries read above last the whole build
        articles: list[tuple[str | None, str, tuple[str, ...]]] = []  # (cache key, path, talks ids) per article
        try:
            by_hash: dict[str, str] = {}
            for number, path, key, outcome in source.outcomes(runner, article_cache, spill.folder):
                summary = outcome.summary
                if outcome.sha256 is not None and outcome.sha256 in by_hash:
                    report.skip(path, f"duplicate of {by_hash[outcome.sha256]} (same text)")
                elif summary is None:
                    report.skip(path, outcome.skipped or "unreadable")
                else:
                    by_hash[outcome.sha256 or ""] = summary.doc_id
                    assembly.add(summary)
                    spill.add(outcome.ref or travelled(outcome))
                    articles.append((key, str(path), tuple(e.event_id for e in summary.talks)))
                if progress:
                    progress(number, len(files), path)
        except BaseException:
            runner.close()
            raise
        report.notes.extend(_unmatched_manifest_rows(manifest_rows, manifest_keys(files, doc_ids, input_dir)))
        report.documents_read = spill.count
        gc.freeze()  # and so do the summaries' outcomes and what linking gathered of them
        if not spill.count:
            runner.close()
            reasons = "".join(f"\n  - {s['path']}: {s['reason']}" for s in report.skipped[:10])
            more = f"\n  ... and {len(report.skipped) - 10} more" if len(report.skipped) > 10 else ""
            raise NothingToBuild(
                f"no readable article in {input_dir} ({len(files)} files, {len(report.skipped)} skipped){reasons}{more}"
            )
        # The cross-article steps: link rounds and make the tables, validate and write them a run at a time.
        try:
            small = assemble_tables(assembly)
        except BaseException:
            runner.close()
            raise

        def runs() -> Iterator[Run]:
            for start, stop, key in plan_runs(articles, assembly.round_ids):
                stored = article_cache.stored_run(key) if article_cache is not None and key else None
                if stored is not None:
                    yield Run(stored=stored)
                else:
                    keep = article_cache.run_folder(key) if article_cache is not None and key else None
                    talks = {t for _, _, ids in articles[start:stop] for t in ids}
                    round_ids = {t: r for t, r in assembly.round_ids.items() if t in talks}
                    yield Run(rows=partial(load_refs, spill.refs(start, stop)), round_ids=round_ids, keep=keep)

        def files_last(totals: Counter[str]) -> dict[str, str]:
            report.counts = _counts(small, totals)
            report.seconds = round(time.perf_counter() - started, 2)
            if article_cache is not None:
                report.run.update({"cache_hits": article_cache.hits, "cache_misses": article_cache.misses})
            return {"build_report.json": report.as_json()}

        try:
            write_in_runs(
                small,
                runs(),
                out_dir,
                files_last,
                TABLE_ORDER,
                _run_counts,
                runner.pool_for_writing(),
                derive=DisplayTables(codebook),  # the dashboard's tables, run by run (display_runs.py)
            )
        finally:
            runner.close()
    if article_cache is not None:
        article_cache.prune()
    return report


def assemble_tables(assembly: Assembly) -> dict[str, pd.DataFrame]:
    """The cross-article step: rounds linked across the articles, the actors, venues,
    rounds and review_names tables (the per-article tables follow a run at a time)."""
    return assembly.finish()


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


def _run_counts(frames: Mapping[str, pd.DataFrame]) -> Counter[str]:
    events = frames["events"]
    return Counter(
        {
            "events": len(events),
            "talks": int((events["event_type"] == "talks").sum()) if len(events) else 0,
            "mentions": len(frames["mentions"]),
            "quotes": len(frames["quotes"]),
        }
    )


def _counts(small: Mapping[str, pd.DataFrame], runs: Counter[str]) -> dict[str, int]:
    return {
        "events": runs["events"],
        "talks": runs["talks"],
        "rounds": len(small["rounds"]),
        "actors": len(small["actors"]),
        "venues": len(small["venues"]),
        "mentions": runs["mentions"],
        "new_names": len(small["review_names"]),
        "quotes": runs["quotes"],
    }
