"""The files of a build, turned into outcomes in their order: from the cache, or from the runner.

`Source.outcomes` reads each file's bytes here (the only file access of the
per-article work), looks its key up in the cache, sends the rest to the runner in
batches, and yields every file's outcome in the files' order, with a bounded number
of batches in flight: the build streams, whatever the number of files, and its
result does not depend on how many workers there are or which finishes first.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .cache import ArticleCache, codebook_fingerprint, key_of_content
from .codebook import Codebook
from .decoding import file_bytes, skip_reason
from .errors import UnreadableFile
from .manifest import ManifestRow
from .outcomes import Outcome, Task
from .reading import check_file_name, manifest_entry
from .running import Runner

BATCH = 8  # articles sent to a worker at once (a few tens of milliseconds of work)
CHUNK = 64  # files read and looked up in the cache at once


@dataclass
class _Slot:
    number: int
    path: Path
    key: str | None = None
    outcome: Outcome | None = None
    task: Task | None = None


@dataclass
class Source:
    files: list[Path]
    input_dir: Path
    doc_ids: Mapping[Path, str]
    manifest_rows: Mapping[str, ManifestRow]
    codebook: Codebook
    as_of: date
    _spill: str | None = None
    _local: bool = True

    @cached_property
    def fingerprint(self) -> str:
        """The codebook's fingerprint (part of every cache key)."""
        return codebook_fingerprint(self.codebook)

    def outcomes(
        self, runner: Runner, cache: ArticleCache | None = None, spill: str | None = None
    ) -> Iterator[tuple[int, Path, str | None, Outcome]]:
        """(number from 1, path, cache key or None, outcome) for every file, in order.

        Workers on this machine put the rows in the cache entry, or else in the `spill`
        folder, and the outcome says where (`ref`); a cluster's workers send them back."""
        self._spill = spill if runner.local else None
        self._local = runner.local
        in_flight: deque[tuple[list[_Slot], list[tuple[list[_Slot], Any]]]] = deque()
        window = max(2, 4 * runner.workers)  # chunks whose work may be under way at once
        for first in range(0, len(self.files), CHUNK):
            slots = [self._prepare(n, p, cache) for n, p in enumerate(self.files[first : first + CHUNK], first + 1)]
            waiting = [s for s in slots if s.task is not None]
            batches = [waiting[k : k + BATCH] for k in range(0, len(waiting), BATCH)]
            submitted = [(batch, runner.submit([s.task for s in batch if s.task])) for batch in batches]
            in_flight.append((slots, submitted))
            while len(in_flight) > window:
                yield from self._collect(*in_flight.popleft(), cache)
        while in_flight:
            yield from self._collect(*in_flight.popleft(), cache)

    def _prepare(self, number: int, path: Path, cache: ArticleCache | None) -> _Slot:
        """Its outcome from the cache, else a task for the runner with the file's bytes.

        A file whose stat is the one the cache saw is not read at all: its digest is known."""
        slot = _Slot(number, path)
        doc_id = self.doc_ids[path]
        raw: bytes | None = None
        content: bytes | None = None  # the sha256 digest of the bytes, when there is a cache
        try:
            check_file_name(doc_id)
            if cache is not None:
                stat = os.stat(path)
                content = cache.files.digest(str(path), stat)
                if content is None:
                    raw = file_bytes(path)
                    content = hashlib.sha256(raw).digest()
                    cache.files.remember(str(path), stat, content)
            else:
                raw = file_bytes(path)
        except (UnreadableFile, OSError) as error:
            slot.outcome = Outcome(skipped=skip_reason(error))
            return slot
        meta = manifest_entry(self.manifest_rows, doc_id, path, self.input_dir)
        entry = None
        if cache is not None and content is not None:
            slot.key = key_of_content(content, path.suffix, doc_id, meta, self.fingerprint)
            slot.outcome = cache.get(slot.key, self.as_of)
            if slot.outcome is None and raw is None:
                try:  # known, but its entry is gone or was made on another build date
                    raw = file_bytes(path)
                except (UnreadableFile, OSError) as error:
                    slot.outcome = Outcome(skipped=skip_reason(error))
                    return slot
            entry = cache.entry_file(slot.key)
            if slot.outcome is not None and slot.outcome.summary is not None:
                slot.outcome = replace(slot.outcome, ref=(entry, str(path)))
        if slot.outcome is None:
            assert raw is not None, "a file whose outcome is not cached has been read"
            if self._local:
                slot.task = Task(doc_id, path, raw, meta, self.as_of, entry, None if entry else self._spill)
            else:
                slot.task = Task(doc_id, path, raw, meta, self.as_of)
        return slot

    def _collect(
        self,
        slots: list[_Slot],
        submitted: list[tuple[list[_Slot], Future[list[Outcome]] | Any]],
        cache: ArticleCache | None,
    ) -> Iterator[tuple[int, Path, str | None, Outcome]]:
        for batch, future in submitted:
            for slot, outcome in zip(batch, future.result()):
                if outcome.rows is not None and cache is not None and slot.key is not None:
                    cache.put(slot.key, outcome, self.as_of)  # rows sent back by a cluster's worker
                    outcome = replace(outcome, rows=None, ref=(cache.entry_file(slot.key), str(slot.path)))
                elif cache is not None and slot.key is not None:
                    cache.note(slot.key, outcome, self.as_of)  # a worker here wrote its entry
                slot.outcome, slot.task = outcome, None
        for slot in slots:
            assert slot.outcome is not None
            yield slot.number, slot.path, slot.key, slot.outcome
