"""All the cache's summaries in one file, so that a rebuild opens one file, not one entry per article.

Round linking needs every article's summary at every build, and a rebuild used to
open and unpickle each article's cache entry for it (most of a rebuild's time at
10,000 articles). The build now also keeps every summary it used in one file,
`DIR/summaries.pickle`, keyed by the entry's key, written atomically at the end of a
successful build (with the entries it used and no others).

A summary kept there stands for its entry only while the entry file is the one it
was taken from: same size, modification time and inode (entries are replaced whole,
never edited, so a new entry has a new inode). Otherwise, and for every key it does
not hold, the entry itself is read, as before. A summaries file that cannot be read
(truncated, damaged, of another format) is passed over with a message saying so:
the build reads every entry instead and gives the same tables, only more slowly.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .outcomes import Outcome
from .rows import Summary

FILE_NAME = "summaries.pickle"
_FORMAT = "peacetrack summaries 2"  # changes when what is kept changes

Stat = tuple[int, int, int]  # the entry file's size, modification time (ns) and inode


@dataclass(frozen=True)
class Kept:
    """The part of an entry a build needs for every article, and the stat of its entry file."""

    stat: Stat
    summary: Summary | None
    sha256: str | None
    skipped: str | None
    dated: bool
    as_of: date | None  # the build date the outcome was made with, when it read it

    def outcome(self) -> Outcome:
        return Outcome(self.summary, None, None, self.sha256, self.skipped, self.dated)


def stat_of(result: os.stat_result) -> Stat:
    return (result.st_size, result.st_mtime_ns, result.st_ino)


def kept_of(outcome: Outcome, as_of: date | None, stat: os.stat_result) -> Kept:
    """What to keep of `outcome`, whose entry file has the stat `stat`."""
    return Kept(stat_of(stat), outcome.summary, outcome.sha256, outcome.skipped, outcome.dated, as_of)


class Summaries:
    """The summaries file of a cache: read once when the build starts, written when it ends.

    Each summary is stored pickled on its own, beside its entry's stat, so that writing
    the file back copies the bytes of the summaries read from it and pickles only the
    new ones (pickling all 10,000 again cost a rebuild half a second)."""

    def __init__(self, path: Path):
        self.path = path
        self.known: dict[str, Kept] = {}
        self.used: dict[str, Kept] = {}
        self.problem: str | None = None  # why the file was passed over, when it was damaged
        self._pickled: dict[str, bytes] = {}  # each known summary's bytes, written back as they are
        collecting = gc.isenabled()
        gc.disable()  # 10,000 summaries are ~290,000 containers: collecting as they come was most of the time
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == _FORMAT):
                raise ValueError("not a summaries file of this version")
            for key, (stat, pickled) in loaded[1].items():
                self.known[key] = Kept(stat, *pickle.loads(pickled))
                self._pickled[key] = pickled
        except FileNotFoundError:
            pass  # a first build with this cache: nothing to say
        except Exception as error:  # any damage: the entries are still there
            self.known, self._pickled = {}, {}
            self.problem = _passed_over(path, f"{error.__class__.__name__}: {str(error)[:100]}")
        finally:
            if collecting:
                gc.enable()

    def get(self, key: str, entry_file: str) -> Kept | None:
        """The summary kept for `key`, if its entry file is still the one it was taken from."""
        kept = self.known.get(key)
        if kept is None:
            return None
        try:
            if stat_of(os.stat(entry_file)) != kept.stat:
                return None
        except OSError:
            return None
        self.used[key] = kept
        return kept

    def keep(self, key: str, kept: Kept) -> None:
        """Keep `kept` for `key` (read from its entry, or just made)."""
        self.used[key] = kept
        self._pickled.pop(key, None)

    def content(self, keys: set[str]) -> tuple[str, dict[str, tuple[Stat, bytes]]]:
        """What the file is to hold: the summaries of the entries `keys` (those the build used)."""
        held = {}
        for key, kept in self.used.items():
            if key in keys:
                pickled = self._pickled.get(key)
                if pickled is None:
                    fields = (kept.summary, kept.sha256, kept.skipped, kept.dated, kept.as_of)
                    pickled = pickle.dumps(fields, protocol=5)
                held[key] = (kept.stat, pickled)
        return (_FORMAT, held)


def _passed_over(path: Path, why: str) -> str:
    return f"the summaries file {path} could not be read ({why}): every article's entry was read instead"


@contextmanager
def long_lived() -> Iterator[None]:
    """Leave what exists now out of the collector's scans until the block ends (`gc.freeze`).

    A rebuild holds every article's summary (some 290,000 small containers at 10,000
    articles) from the start of the build to its end, and the full collections that the
    build's other allocations set off scanned them all again each time: about a seventh
    of a rebuild. Objects frozen are still freed when their last reference goes; only
    reference cycles among them wait for the block's end."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
