"""Articles' rows kept on disk while a build runs, so that memory stays flat.

The per-article tables are written after rounds are linked across all articles, so
every article's rows must wait for the last article. They wait on disk: in the
article cache when there is one, else in a spill folder of the build, where each
process appends the rows it made to a file of its own (`append_rows`). The build
keeps only where each article's rows are (a `Ref`), and whoever writes a run of
articles reads them back (`load_refs`), in any process of this machine.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from types import TracebackType
from typing import BinaryIO

from .outcomes import Ref
from .rows import ArticleRows

_appending: dict[tuple[int, str], BinaryIO] = {}  # this process's open spill file, by (pid, folder)


def append_rows(folder: str, rows: ArticleRows) -> Ref:
    """Append `rows` to this process's file in the spill `folder`; where they are."""
    key = (os.getpid(), folder)
    handle = _appending.get(key)
    if handle is None:
        name = os.path.join(folder, f"rows-{os.getpid()}.pickles")
        handle = _appending[key] = open(name, "ab")  # noqa: SIM115 (kept open while the build runs)
    offset = handle.seek(0, 2)
    pickle.dump(rows, handle, protocol=5)
    handle.flush()  # read back by another process
    return (handle.name, offset)


def load_refs(refs: list[Ref]) -> list[ArticleRows]:
    """The rows at `refs`, in order (in any process of this machine)."""
    from .cache import rows_of_entry

    out = []
    handles: dict[str, BinaryIO] = {}
    try:
        for where, at in refs:
            if isinstance(at, int):
                handle = handles.get(where) or handles.setdefault(where, open(where, "rb"))  # noqa: SIM115
                handle.seek(at)
                out.append(pickle.load(handle))
            else:
                out.append(rows_of_entry(where, at))
    finally:
        for handle in handles.values():
            handle.close()
    return out


class Spill:
    """The build's spill folder and where each article's rows are; removed when closed."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="peacetrack-rows-")
        self._refs: list[Ref] = []

    @property
    def count(self) -> int:
        return len(self._refs)

    def add(self, where: Ref | ArticleRows) -> None:
        """Note where an article's rows are (or append rows that came back from elsewhere)."""
        self._refs.append(append_rows(self.folder, where) if isinstance(where, ArticleRows) else where)

    def refs(self, start: int, stop: int) -> list[Ref]:
        """Where the rows of articles start..stop-1 are."""
        return self._refs[start:stop]

    def load(self, start: int, stop: int) -> list[ArticleRows]:
        """The rows of articles start..stop-1, in the order they were added."""
        return load_refs(self.refs(start, stop))

    def close(self) -> None:
        for key in [k for k in _appending if k[1] == self.folder]:
            _appending.pop(key).close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
