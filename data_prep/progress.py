"""Progress of a build for a person watching: a tqdm bar on a terminal, plain lines in a log.

`build(progress=...)` calls the progress function once per file, when it is done
with it, with (number, total, path); this module makes one that suits where the
output goes. A log gets
a line at every tenth of the way, never a carriage return.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Never, TextIO

from tqdm import tqdm

from .pipeline import Progress


def progress_for(stream: TextIO | None = None) -> Progress:
    """A tqdm bar when `stream` (stderr by default) is a terminal, else plain lines."""
    stream = stream if stream is not None else sys.stderr
    return TerminalProgress(stream) if stream.isatty() else LogProgress(stream)


class TerminalProgress:
    """A tqdm bar over the files, with the file being read."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.bar: tqdm[Never] | None = None

    def __call__(self, number: int, total: int, path: Path) -> None:
        bar = self.bar
        if bar is None:
            bar = self.bar = tqdm(total=total, unit="file", desc="articles", file=self.stream, leave=True)
        bar.set_postfix_str(path.name[:40], refresh=False)
        bar.update(1)
        if number == total:
            bar.close()


class LogProgress:
    """One line per tenth of the files (and the first and last), for logs and CI."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = -1

    def __call__(self, number: int, total: int, path: Path) -> None:
        tenth = number * 10 // max(total, 1)
        if number in (1, total) or tenth > self.shown:
            self.shown = tenth
            print(f"read {number}/{total} {path.name}", file=self.stream, flush=True)
