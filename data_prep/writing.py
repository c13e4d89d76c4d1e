"""Writing the tables a run of articles at a time, validated, atomically.

`tables.write_tables` validates and writes whole frames. A large build cannot hold
its per-article tables (documents, events, event_actors, mentions, quotes) in
memory at once, so `write_in_runs` takes the small tables whole and the per-article
ones as a stream of runs. Each run is validated against the contract (its schema,
and its foreign keys into the small tables and into its own documents and events:
an article's rows only point at its own document and events), ids that must be
unique are checked across runs, and the run is written as a Parquet part and
appended to the CSV twin. At the end the parts of each table become one Parquet
file (a single part is simply renamed, so a build of one run writes exactly what
`tables.write_tables` would), and the folder replaces the old one only when all of
it is complete.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import tables
from .assemble import article_tables
from .display_runs import INPUT_OF, ROW_COLUMN, ROWS
from .errors import IntegrityError
from .joining import append_csv, join_parts, read_like
from .outcomes import Outcome
from .rows import ArticleRows
from .schemas import FOREIGN_KEYS
from .spreadsheet import to_csv_text

# Ids unique across the whole table, not just within a run.
_UNIQUE = {"documents": "doc_id", "events": "event_id", "quotes": "quote_id"}
_DEFERRED = "review_names"  # points at documents of any run: checked once all are seen
_RUN_META = "run.pickle"


RUN_ARTICLES = 500  # articles whose per-article tables are made and written at once (on average)
# What else a run's files depend on: the versions of the libraries that write them.
_RUN_FORMAT = f"pandas={pd.__version__} pyarrow={pa.__version__} display=runs"


def travelled(outcome: Outcome) -> ArticleRows:
    assert outcome.rows is not None, "an outcome with a summary has its rows somewhere"
    return outcome.rows


def plan_runs(
    articles: Sequence[tuple[str | None, str, tuple[str, ...]]], round_ids: Mapping[str, str]
) -> Iterator[tuple[int, int, str | None]]:
    """(start, stop, key) of each run of articles whose per-article tables are written together.

    With cache keys, a run ends where an article's key says so (one in RUN_ARTICLES on
    average, at most three times that many articles in a run), so that changing,
    adding or removing an article changes its own run only; the key of a run names
    its articles, their paths and the rounds their talks were linked to, so a run
    with the same key has the same tables. Without keys, runs are RUN_ARTICLES long."""
    start = 0
    digest = hashlib.sha256(_RUN_FORMAT.encode())
    keyed = all(key is not None for key, _, _ in articles)
    for i, (key, path, talks) in enumerate(articles):
        if keyed:
            digest.update(f"{key}\0{path}\0{'|'.join(round_ids.get(t, '') for t in talks)}\n".encode())
            ends = int((key or "0")[:8], 16) % RUN_ARTICLES == 0 or i + 1 - start >= 3 * RUN_ARTICLES
        else:
            ends = i + 1 - start >= RUN_ARTICLES
        if ends or i + 1 == len(articles):
            yield start, i + 1, digest.hexdigest() if keyed else None
            start, digest = i + 1, hashlib.sha256(_RUN_FORMAT.encode())


@dataclass(frozen=True)
class Run:
    """One run of per-article tables to write: its `frames`, or the articles' `rows` and
    the `round_ids` linking gave their talks (the frames are then made where the run is
    written, in a worker process if there is one), or a run an earlier build stored
    (`stored`: a folder `keep` filled then). With `keep`, a run made now is stored
    there too, so that the next build can reuse it unchanged."""

    frames: Mapping[str, pd.DataFrame] | None = None
    rows: Sequence[ArticleRows] | Callable[[], Sequence[ArticleRows]] | None = None  # or how to load them
    round_ids: Mapping[str, str] | None = None
    stored: Path | None = None
    keep: Path | None = None


Count = Callable[[Mapping[str, pd.DataFrame]], Mapping[str, int]]


def write_in_runs(
    small: Mapping[str, pd.DataFrame],
    runs: Iterable[Mapping[str, pd.DataFrame] | Run],
    out_dir: Path | str,
    files: Callable[[Counter[str]], Mapping[str, str]] | None = None,
    order: Iterable[str] | None = None,
    count: Count | None = None,
    pool: Executor | None = None,
    derive: Derive | None = None,
) -> Counter[str]:
    """Validate and write `small` (whole tables) and `runs` (per-article tables, run by run),
    then the text `files` (asked for once every run is written, with the totals below),
    replacing `out_dir` atomically.

    `order` is the order the tables are written in (the small ones first, anyway).
    `count` gives figures of a run's frames; their totals over the runs are returned
    (a stored run keeps the figures it was stored with). With a process `pool`, runs
    given as rows are made, validated and written by its workers, a few at a time.
    `derive` makes the dashboard's display tables (display_runs.py): its `per_run` gives
    each run's `event_actor_rows` (written and joined like the run's other tables, its
    rows shifted by the events before the run) and the few rows the others read; once
    every run is joined, it makes the others from those rows and the small tables, and
    they are validated (with their foreign keys) and written beside them."""
    checked = {k: v for k, v in small.items() if k != _DEFERRED}
    tables.validate_tables(checked, require_core=False)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    totals: Counter[str] = Counter()
    try:
        names = [n for n in (order or small) if n in small]
        for name in names:
            small[name].to_parquet(staging / f"{name}.parquet", index=False)
            (staging / f"{name}.csv").write_text(to_csv_text(small[name]), encoding="utf-8")
        parts: dict[str, list[Path]] = {}
        inputs: dict[str, list[tuple[Path, int]]] = {name: [] for name in INPUT_OF}
        offsets: list[int] = []  # of each run's event rows in the whole events table
        unique: dict[str, set[bytes]] = {name: set() for name in _UNIQUE}
        pending: deque[tuple[int, Run, Future[_Made] | _Made]] = deque()
        window = 2 * (getattr(pool, "_max_workers", 1) or 1)
        per_run = derive.per_run if derive is not None else None

        def finish(number: int, run: Run, made: _Made) -> None:
            _check_unique(made.ids, unique, made.values)
            if run.keep is not None:
                _keep(made, run.keep)
            totals.update(made.figures)
            offset = len(unique["events"]) - len(made.ids.get("events", ()))
            offsets.append(offset)
            for name, part in made.parts.items():
                parts.setdefault(name, []).append(part)
                shift = offset if name == ROWS else 0
                append_csv(made.csv[name], staging / f"{name}.csv", header=not number, offset=shift)
            for name, path in made.inputs.items():
                inputs[name].append((path, offset))

        for number, given in enumerate(runs):
            run = given if isinstance(given, Run) else Run(frames=given)
            if run.stored is not None:
                made: Future[_Made] | _Made = _stored_run(run.stored, staging, number)
            elif run.frames is not None:
                made = _fresh_run(run.frames, checked, staging, number, count, per_run)
            elif pool is not None:
                args = (run.rows or (), run.round_ids or {}, checked, staging, number, count, per_run)
                made = pool.submit(_run_from_rows, *args)
            else:
                made = _run_from_rows(run.rows or (), run.round_ids or {}, checked, staging, number, count, per_run)
            pending.append((number, run, made))
            while pending and (len(pending) > window or not isinstance(pending[0][2], Future)):
                done_number, done_run, done = pending.popleft()
                finish(done_number, done_run, done.result() if isinstance(done, Future) else done)
        while pending:
            done_number, done_run, done = pending.popleft()
            finish(done_number, done_run, done.result() if isinstance(done, Future) else done)
        if _DEFERRED in small:
            _check_first_documents(small[_DEFERRED], unique["documents"])
        for name, table_parts in parts.items():
            shifts = offsets if name == ROWS else ()
            join_parts(table_parts, staging / f"{name}.parquet", shifts, ROW_COLUMN)
        if derive is not None:
            _write_derived(derive, small, staging, inputs)
        for name, content in (files(totals) if files else {}).items():
            (staging / name).write_text(content, encoding="utf-8")
        tables.swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return totals


PerRun = Callable[[Mapping[str, pd.DataFrame]], Mapping[str, pd.DataFrame]]


class Derive(Protocol):
    """The display tables: `per_run` parts of each run, the rest from the runs' inputs (display_runs.py)."""

    @property
    def per_run(self) -> PerRun: ...

    def __call__(
        self, small: Mapping[str, pd.DataFrame], inputs: Mapping[str, pd.DataFrame]
    ) -> Mapping[str, pd.DataFrame]: ...


def _write_derived(
    derive: Derive, small: Mapping[str, pd.DataFrame], staging: Path, inputs: Mapping[str, list[tuple[Path, int]]]
) -> None:
    read = {
        name: read_like(parts, pq.read_schema(staging / f"{INPUT_OF[name]}.parquet"), _row_column(name))
        for name, parts in inputs.items()
    }
    for path, _ in (part for parts in inputs.values() for part in parts):
        if path.parent == staging:  # a stored run's are read where they are kept
            path.unlink()
    made = dict(derive(small, read))
    # The runs' tables were validated run by run; only the derived ones, and the keys from them, are new.
    # Their keys into events, quotes and documents are checked against the rows they were made from.
    for name, df in made.items():
        tables.check_schema(name, df)
    within = {table: read[name] for name, table in INPUT_OF.items()}
    tables.check_keys({**small, **within, **made}, touching=made)
    for name, df in made.items():
        df.to_parquet(staging / f"{name}.parquet", index=False)
        (staging / f"{name}.csv").write_text(to_csv_text(df), encoding="utf-8")


def _row_column(name: str) -> str:
    return ROW_COLUMN if INPUT_OF[name] == "events" else ""


@dataclass
class _Made:
    """A run as written: its Parquet and CSV parts, ids (digests, and values to name a
    repeated one) and figures; `inputs`: its rows the display tables read (Parquet)."""

    parts: dict[str, Path]
    csv: dict[str, Path]
    ids: dict[str, list[bytes]]
    figures: dict[str, int]
    values: dict[str, list[object]] | None = None
    inputs: dict[str, Path] = field(default_factory=dict)


def _run_from_rows(
    rows: Sequence[ArticleRows] | Callable[[], Sequence[ArticleRows]],
    round_ids: Mapping[str, str],
    small: Mapping[str, pd.DataFrame],
    staging: Path,
    number: int,
    count: Count | None,
    per_run: PerRun | None = None,
) -> _Made:
    articles = rows() if callable(rows) else rows
    return _fresh_run(article_tables(articles, round_ids), small, staging, number, count, per_run)


def _fresh_run(
    frames: Mapping[str, pd.DataFrame],
    small: Mapping[str, pd.DataFrame],
    staging: Path,
    number: int,
    count: Count | None,
    per_run: PerRun | None = None,
) -> _Made:
    values = _validate_run(frames, small)
    ids = {name: [_digest(value) for value in column] for name, column in values.items()}
    made = _Made({}, {}, ids, dict(count(frames)) if count else {}, values)
    display = dict(per_run(frames)) if per_run is not None else {}
    if ROWS in display:  # its rows count within the run (checked against it here, then shifted)
        tables.check_schema(ROWS, display[ROWS])
        tables.check_keys({**small, ROWS: display[ROWS]}, touching=[ROWS])
    for name, df in {**frames, **display}.items():
        part = staging / f".{name}.{number:06d}.parquet"
        df.to_parquet(part, index=False)
        if name in INPUT_OF:
            made.inputs[name] = part
            continue
        made.parts[name] = part
        made.csv[name] = staging / f".{name}.{number:06d}.csv"
        made.csv[name].write_text(to_csv_text(df), encoding="utf-8")
    return made


def _stored_run(folder: Path, staging: Path, number: int) -> _Made:
    """A run an earlier build stored (its ids are still checked against the other runs')."""
    with (folder / _RUN_META).open("rb") as handle:
        meta = pickle.load(handle)
    made = _Made({}, {}, meta["ids"], meta["figures"])
    for name in meta["tables"]:
        made.parts[name] = staging / f".{name}.{number:06d}.parquet"
        shutil.copyfile(folder / f"{name}.parquet", made.parts[name])
        made.csv[name] = folder / f"{name}.csv"
    made.inputs = {name: folder / f"{name}.parquet" for name in meta["inputs"]}  # read where they are
    return made


def _keep(made: _Made, folder: Path) -> None:
    """Store a run for the next build, atomically (a half-stored run is never read)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".run-", dir=folder.parent))
    try:
        for name, part in made.parts.items():
            shutil.copyfile(part, staging / f"{name}.parquet")
            shutil.copyfile(made.csv[name], staging / f"{name}.csv")
        for name, part in made.inputs.items():
            shutil.copyfile(part, staging / f"{name}.parquet")
        meta = {"tables": list(made.parts), "inputs": list(made.inputs), "ids": made.ids, "figures": made.figures}
        with (staging / _RUN_META).open("wb") as handle:
            pickle.dump(meta, handle, protocol=5)
        shutil.rmtree(folder, ignore_errors=True)
        staging.replace(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _digest(value: object) -> bytes:
    return hashlib.blake2b(str(value).encode("utf-8", "surrogateescape"), digest_size=12).digest()


def _validate_run(run: Mapping[str, pd.DataFrame], small: Mapping[str, pd.DataFrame]) -> dict[str, list[object]]:
    """Check a run against the contract; the values of its ids that must be unique across runs."""
    for name, df in run.items():
        tables.check_schema(name, df)
    everything = {**small, **run}
    for key in FOREIGN_KEYS:
        if key.table in run and key.target in everything:
            tables.check_key(key, everything[key.table], everything[key.target])
    return {name: run[name][column].tolist() for name, column in _UNIQUE.items() if name in run}


def _check_unique(
    ids: Mapping[str, list[bytes]], unique: dict[str, set[bytes]], values: Mapping[str, list[object]] | None = None
) -> None:
    for name, digests in ids.items():
        seen = unique[name]
        for k, digest in enumerate(digests):
            if digest in seen:
                shown = repr(values[name][k]) if values else f"(digest {digest.hex()})"
                raise IntegrityError(f"table {name}: {_UNIQUE[name]} {shown} appears more than once")
            seen.add(digest)


def _check_first_documents(review: pd.DataFrame, documents: set[bytes]) -> None:
    missing = [d for d in review["first_doc_id"] if _digest(d) not in documents]
    if missing:
        raise IntegrityError(
            f"review_names.first_doc_id -> documents.doc_id: {len(missing)} id(s) not found, e.g. {missing[:5]}"
        )
