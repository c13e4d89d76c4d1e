"""Page furniture: where the article ends and the page around it begins.

Saved pages and copied text carry a tail of "Related news", headline lists with
date stamps, share buttons and copyright lines. Nothing after `furniture_start` is
read for events, and no publication date is taken from it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .dates import is_date_stamp
from .decoding import non_blank_lines

_WORD = re.compile(r"\w+")


def furniture_start(text: str, markers: Iterable[str]) -> int:
    """Where trailing page furniture begins: a list of headlines with date stamps,
    or a "Related news"-style marker in the second half; len(text) when there is none."""
    lines = non_blank_lines(text)
    cut = len(text)
    for offset, line in lines:
        lowered = line.strip().lower()
        if (
            offset > len(text) * 0.4
            and len(_WORD.findall(lowered)) <= 6
            and any(lowered.startswith(m) for m in markers)
        ):
            cut = min(cut, offset)
            break
    block: list[tuple[int, str]] = []
    below_is_stamp = False
    for offset, line in reversed(lines):
        words = len(_WORD.findall(line))
        stamp = is_date_stamp(line)
        # A headline over a date stamp may end in "U.S."; elsewhere a period ends prose.
        headline = words <= 16 and (below_is_stamp or not line.rstrip().endswith((".", ".\u201d", '."', ":")))
        if stamp or headline:
            block.append((offset, line))
            below_is_stamp = stamp
        else:
            break
    stamps = sum(1 for _, line in block if is_date_stamp(line))
    if block and (stamps >= 2 or len(block) >= 6):
        block.reverse()
        # The list starts at the first headline that is followed by a stamp (bylines above it stay).
        start = block[0][0]
        if stamps >= 2:
            for (offset, line), (_, following) in itertools.pairwise(block):
                if not is_date_stamp(line) and is_date_stamp(following):
                    start = offset
                    break
        cut = min(cut, start)
    return cut
