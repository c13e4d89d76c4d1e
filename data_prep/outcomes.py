"""What the per-article work is given (`Task`) and what it gives back (`Outcome`): small and picklable.

A `Task` carries everything about one file that the work needs: its bytes, its id
and path, its manifest row and the build's date, and, on this machine, where the
rows go. An `Outcome` says what became of the file. See work.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .manifest import ManifestRow
from .rows import ArticleRows, Summary

# Where one article's rows are: (spill file, offset), or (cache entry file, the article's path).
Ref = tuple[str, int | str]


@dataclass(frozen=True)
class Task:
    """One file to read and analyse."""

    doc_id: str
    path: Path
    raw: bytes
    meta: ManifestRow
    as_of: date  # the build's date: it bounds the year of a dateline that gives none
    entry: str | None = None  # the cache entry file to write the outcome to, on this machine
    spill: str | None = None  # else the folder to put the rows in, on this machine


@dataclass(frozen=True)
class Outcome:
    """What became of one file: its summary and rows, or why it was skipped.

    The rows are in `rows` (when they travel back), or at `ref` (where the worker put
    them on this machine). `sha256` is the text's (for duplicates), `dated` says
    whether the build's date was read (only then can the outcome differ on another day)."""

    summary: Summary | None = None
    rows: ArticleRows | None = None
    ref: Ref | None = None
    sha256: str | None = None
    skipped: str | None = None
    dated: bool = False
