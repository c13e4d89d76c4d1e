"""Page furniture: where the article ends and the page around it begins.

Saved pages and copied text carry a tail of "Related news", headline lists with
date stamps, share buttons and copyright lines, and above them lines that read like
prose but are the page's, not the story's: credits, update notes, an author's bio
(furniture_lines.py). Nothing after `furniture_start` is read for events, and no
publication date is taken from it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .cues import FurnitureLineCues
from .dates import find_dates, is_date_stamp
from .decoding import non_blank_lines
from .furniture_lines import inline_link, trailing_start

_WORD = re.compile(r"\w+")
# "18:12  Putin holds talks in Sochi", "31.10.2022  Kremlin: ...": a list item led by its stamp.
_LEADING_CLOCK = re.compile(r"^\s*[0-2]?\d:[0-5]\d\s")
# "3 comments", "12 thoughts on ...", "2 responses": the head of a page's comment section.
_COMMENT_COUNT = re.compile(r"^\d+\s+(?:comments?|responses?|replies|thoughts on)\b")
_STAMP_KINDS = ("iso", "dotted", "slashed", "month_day_year", "day_month_year")


def furniture_start(
    text: str, markers: Iterable[str], headings: Iterable[str] = (), line_cues: FurnitureLineCues | None = None
) -> int:
    """Where trailing page furniture begins: a list of headlines with date stamps,
    a "Related news"-style marker (a line opening) or a heading standing alone on its
    line ("Latest") in the second half, and with `line_cues` the run of credit, note and
    bio lines just above it; len(text) when there is none. With `line_cues`, a link
    marker over one headline with the story going on below it ("Read also" in the body)
    is passed over, so the story after it is kept."""
    lines = non_blank_lines(text)
    cut = len(text)
    alone = {h.lower() for h in headings}
    openers = tuple(markers)  # one C-level startswith per line instead of a Python loop over the markers
    for n, (offset, line) in enumerate(lines):
        lowered = line.strip().lower()
        short = len(_WORD.findall(lowered)) <= 6
        marked = lowered.startswith(openers) or lowered.rstrip(":").strip() in alone
        if offset > len(text) * 0.4 and ((short and marked) or _COMMENT_COUNT.match(lowered)):
            if line_cues is not None and inline_link(lines, n, line_cues):
                continue  # "Read also" over one headline inside the story, which goes on below
            cut = min(cut, offset)
            break
    # A run of headlines closing the page is a list of other stories: six of them, or
    # `line_cues.min_list_lines` where the page's furniture lines are known.
    min_list = line_cues.min_list_lines if line_cues is not None else 6
    block: list[tuple[int, str]] = []
    below_is_stamp = False
    for offset, line in reversed(lines):
        words = len(_WORD.findall(line))
        stamp = is_date_stamp(line)
        # A headline over a date stamp may end in "U.S."; elsewhere a period ends prose.
        headline = words <= 16 and (below_is_stamp or not line.rstrip().endswith((".", ".\u201d", '."', ":")))
        if stamp or headline or _stamped_headline(line):
            block.append((offset, line))
            below_is_stamp = stamp
        else:
            break
    stamps = sum(1 for _, line in block if is_date_stamp(line) or _stamped_headline(line))
    if block and (stamps >= 2 or len(block) >= min_list):
        block.reverse()
        # The list starts at the first headline that is followed by a stamp (bylines above it stay).
        start = block[0][0]
        if stamps >= 2:
            for (offset, line), (_, following) in itertools.pairwise(block):
                if not is_date_stamp(line) and is_date_stamp(following):
                    start = offset
                    break
        cut = min(cut, start)
    return trailing_start(text, cut, line_cues, markers) if line_cues is not None else cut


def _stamped_headline(line: str) -> bool:
    """A headline led by its time or date stamp, as in "latest news" lists."""
    if len(_WORD.findall(line)) > 20:
        return False
    if _LEADING_CLOCK.match(line):
        return True
    first = next(iter(find_dates(line[:20])), None)
    return first is not None and first.kind in _STAMP_KINDS and not line[: first.start].strip()
