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
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import tables
from .assemble import article_tables
from .errors import IntegrityError
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
_RUN_FORMAT = f"pandas={pd.__version__} pyarrow={pa.__version__}"


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
    `derive` makes tables from the whole written ones (the dashboard's display tables):
    it gets the tables it names, read back once every run is joined, and its tables are
    validated (with their foreign keys into those) and written beside them."""
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
        unique: dict[str, set[bytes]] = {name: set() for name in _UNIQUE}
        pending: deque[tuple[int, Run, Future[_Made] | _Made]] = deque()
        window = 2 * (getattr(pool, "_max_workers", 1) or 1)

        def finish(number: int, run: Run, made: _Made) -> None:
            _check_unique(made.ids, unique, made.values)
            if run.keep is not None:
                _keep(made, run.keep)
            totals.update(made.figures)
            for name, part in made.parts.items():
                parts.setdefault(name, []).append(part)
                _append_csv(made.csv[name], staging / f"{name}.csv", header=not number)

        for number, given in enumerate(runs):
            run = given if isinstance(given, Run) else Run(frames=given)
            if run.stored is not None:
                made: Future[_Made] | _Made = _stored_run(run.stored, staging, number)
            elif run.frames is not None:
                made = _fresh_run(run.frames, checked, staging, number, count)
            elif pool is not None:
                made = pool.submit(_run_from_rows, run.rows or (), run.round_ids or {}, checked, staging, number, count)
            else:
                made = _run_from_rows(run.rows or (), run.round_ids or {}, checked, staging, number, count)
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
            _join_parts(table_parts, staging / f"{name}.parquet")
        if derive is not None:
            _write_derived(derive, small, staging)
        for name, content in (files(totals) if files else {}).items():
            (staging / name).write_text(content, encoding="utf-8")
        tables.swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return totals


class Derive(Protocol):
    """Tables made from the whole written tables; `needs` names the tables it reads."""

    @property
    def needs(self) -> tuple[str, ...]: ...

    def __call__(self, tables: Mapping[str, pd.DataFrame]) -> Mapping[str, pd.DataFrame]: ...


def _write_derived(derive: Derive, small: Mapping[str, pd.DataFrame], staging: Path) -> None:
    read = {
        name: small[name] if name in small else pd.read_parquet(staging / f"{name}.parquet") for name in derive.needs
    }
    made = dict(derive(read))
    # The tables read back were validated run by run; only the derived ones, and the keys into them, are new.
    for name, df in made.items():
        tables.check_schema(name, df)
    tables.check_keys({**read, **made}, touching=made)
    for name, df in made.items():
        df.to_parquet(staging / f"{name}.parquet", index=False)
        (staging / f"{name}.csv").write_text(to_csv_text(df), encoding="utf-8")


@dataclass
class _Made:
    """A run as written: its Parquet and CSV parts, ids (digests, and values to name a
    repeated one) and figures."""

    parts: dict[str, Path]
    csv: dict[str, Path]
    ids: dict[str, list[bytes]]
    figures: dict[str, int]
    values: dict[str, list[object]] | None = None


def _run_from_rows(
    rows: Sequence[ArticleRows] | Callable[[], Sequence[ArticleRows]],
    round_ids: Mapping[str, str],
    small: Mapping[str, pd.DataFrame],
    staging: Path,
    number: int,
    count: Count | None,
) -> _Made:
    articles = rows() if callable(rows) else rows
    return _fresh_run(article_tables(articles, round_ids), small, staging, number, count)


def _fresh_run(
    frames: Mapping[str, pd.DataFrame],
    small: Mapping[str, pd.DataFrame],
    staging: Path,
    number: int,
    count: Count | None,
) -> _Made:
    values = _validate_run(frames, small)
    ids = {name: [_digest(value) for value in column] for name, column in values.items()}
    made = _Made({}, {}, ids, dict(count(frames)) if count else {}, values)
    for name, df in frames.items():
        made.parts[name] = staging / f".{name}.{number:06d}.parquet"
        df.to_parquet(made.parts[name], index=False)
        made.csv[name] = staging / f".{name}.{number:06d}.csv"
        made.csv[name].write_text(to_csv_text(df), encoding="utf-8")
    return made


def _append_csv(part: Path, target: Path, header: bool) -> None:
    """Append a run's CSV to the table's, its header only at the top; the part goes."""
    text = part.read_text(encoding="utf-8")
    if not header:
        text = text.split("\n", 1)[1]
    with target.open("a", encoding="utf-8") as handle:
        handle.write(text)
    if part.parent == target.parent:
        part.unlink()


def _stored_run(folder: Path, staging: Path, number: int) -> _Made:
    """A run an earlier build stored (its ids are still checked against the other runs')."""
    with (folder / _RUN_META).open("rb") as handle:
        meta = pickle.load(handle)
    made = _Made({}, {}, meta["ids"], meta["figures"])
    for name in meta["tables"]:
        made.parts[name] = staging / f".{name}.{number:06d}.parquet"
        shutil.copyfile(folder / f"{name}.parquet", made.parts[name])
        made.csv[name] = folder / f"{name}.csv"
    return made


def _keep(made: _Made, folder: Path) -> None:
    """Store a run for the next build, atomically (a half-stored run is never read)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".run-", dir=folder.parent))
    try:
        for name, part in made.parts.items():
            shutil.copyfile(part, staging / f"{name}.parquet")
            shutil.copyfile(made.csv[name], staging / f"{name}.csv")
        meta = {"tables": list(made.parts), "ids": made.ids, "figures": made.figures}
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


def _join_parts(parts: list[Path], target: Path) -> None:
    """The parts of one table as one Parquet file, their row groups in order.

    A column that is empty in one part (all nulls, typed `null`) takes the type the
    other parts give it, as it would had the table been written whole."""
    if len(parts) == 1:
        parts[0].replace(target)
        return
    schemas = [pq.read_schema(p) for p in parts]
    unified = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    metadata = next((s.metadata for s in schemas if s.remove_metadata().equals(unified)), schemas[0].metadata)
    schema = unified.with_metadata(metadata)
    with pq.ParquetWriter(target, schema) as writer:
        for part in parts:
            source = pq.ParquetFile(part)
            for group in range(source.num_row_groups):
                batch = source.read_row_group(group)
                writer.write_table(batch if batch.schema.equals(schema) else batch.cast(schema))
            part.unlink()
