"""Lines of trailing page furniture that read like prose: credits, notes, bios, notices.

A news page's text does not stop at its last paragraph. Wire copy ends with its credit
line ("Reporting by ...; Editing by ...", "<Name> reported from Baku.", "... contributed
to this report."), a story with its update note ("This story has been updated to include
..."), an op-ed with its author's bio ("<Name> is a researcher based in Yerevan."), an
outlet with its appeals and disclaimers ("Support independent journalism ...", "The views
expressed are the author's own"). These lines end in a full stop and name people and
places, so the readers would take them for news: "X reported from Baku" becomes a report.

`trailing_start` walks up from the end of the body over such lines (and the short,
sentence-less lines between them: sign-offs, wire slugs, an author's name) and returns
where the run begins. It stops at the first line that reads like the article's own prose,
so a body sentence is never dropped: only a run of furniture that reaches the end counts.
What each kind of line looks like is data (`furniture_lines` in cues.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .cues import FurnitureLineCues
from .decoding import non_blank_lines

_WORD = re.compile(r"\w+")
# "___", "* * *", "-----", "###": a rule between the story and what follows it.
_SEPARATOR = re.compile(r"^[\s_*=~#\-\u2013\u2014\u00b7\u2022.]{3,}$")
# "(The briefing ended at 2:14 p.m.)", "[Questions on other topics follow.]": an editor's aside.
_ASIDE = re.compile(r"^\s*(\(.*\)|\[.*\])\s*$")
# "-- Emirates News Agency --": an agency's sign-off between dashes.
_SIGN_OFF = re.compile(r"^\s*[-\u2013\u2014]{1,3}\s*[^.!?]{2,60}?\s*[-\u2013\u2014]{1,3}\s*$")
# "Jane Doe is a journalist ...", "Jane Doe and John Roe are researchers ...": an author's bio.
_BIO = re.compile(r"^[A-Z][\w'\u2019.-]+(?:\s+(?:[A-Z][\w'\u2019.-]+|and|&))*\s+(?:is\s+(?:a|an|the)|are)\s+")
_BULLETS = ("-", "\u2013", "\u2022", "*", "\u00b7", "\u25aa")
# An e-mail address, a web address or a telephone number: a contact line.
_CONTACT = re.compile(r"\S@\S|\bwww\.|https?://|\btel\b|\+\d{2}", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")
_NAMES = r"[A-Z][\w'\u2019.-]+(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w'\u2019.-]+){0,7}"


@lru_cache(maxsize=4)
def _reporter(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """'<Names> reported from <Place>.': a wire's closing credit, names and places only."""
    verbs = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"^{_NAMES}\s+(?:{verbs})\s+{_NAMES}\.?$")


def trailing_start(text: str, end: int, cues: FurnitureLineCues, markers: Iterable[str] = ()) -> int:
    """Where the run of furniture lines that ends the body (text[:end]) begins; `end` if none.

    Walks up from `end` over furniture lines (and lines led by one of the furniture
    `markers` that hold no sentence: "Tags: ...", "Read next: ...") and short
    sentence-less lines, stopping at
    the first line of prose or at `cues.min_position` of the text. A few short lines just
    above the run (an author's name over the bio, a sign-off) go with it. A credit opened
    in parentheses at the end of the last paragraph ("... said. (Reporting by ...)") starts
    the furniture where its parenthesis opens.
    """
    start = end
    openers = tuple(m.lower() for m in markers)
    pending: list[int] = []  # short, sentence-less lines above the furniture found so far
    for offset, line in reversed(non_blank_lines(text[:end])):
        if offset < len(text) * cues.min_position:
            break
        if is_furniture_line(line, cues) or _marked(line, openers):
            start, pending = offset, []
        elif _neutral(line, cues):
            pending.append(offset)
        else:
            if not pending:
                start = _inline_credit(line, offset, cues, start)
            break
    if (start < end or end < len(text)) and pending and len(pending) <= cues.max_absorbed_lines:
        start = pending[-1]
    return start


def is_furniture_line(line: str, cues: FurnitureLineCues) -> bool:
    """A credit, note, bio, notice, separator, aside or sign-off line of a page.

    >>> from data_prep.cues import load_cues
    >>> from data_prep.codebook import DEFAULT_DIR
    >>> cues = load_cues(DEFAULT_DIR / "cues.json").furniture_lines
    >>> is_furniture_line("Doe reported from Baku, Azerbaijan.", cues)
    True
    >>> is_furniture_line("Aliyev said the talks in Baku had gone well.", cues)
    False
    """
    stripped = line.strip()
    if _SEPARATOR.match(stripped) or _SIGN_OFF.match(stripped):
        return True
    if len(_WORD.findall(stripped)) > cues.max_line_words:
        return False
    if _ASIDE.match(stripped) or _notice(stripped.lower(), cues) or _bio(stripped, cues):
        return True
    sentences = [s for s in _SENTENCE.split(stripped) if s.strip()]
    return bool(sentences) and all(_credit(s, cues) for s in sentences)


def _credit(sentence: str, cues: FurnitureLineCues) -> bool:
    """'Reporting by ...', '(Editing by ...)', '... contributed to this report.', '<Name> reported from <Place>.'"""
    low = sentence.strip().lstrip("([-\u2013\u2014 ").lower()
    if low.startswith(cues.credit_openers) or low.startswith(cues.note_openers):
        return True
    if any(ending in low for ending in cues.credit_endings):
        return True
    return bool(_reporter(cues.reporter_phrases).match(sentence.strip()))


def _notice(low: str, cues: FurnitureLineCues) -> bool:
    """A disclaimer, appeal or notice: 'The views expressed are the author's own', 'Sign up for ...'."""
    return any(phrase in low for phrase in cues.notice_phrases)


def _bio(line: str, cues: FurnitureLineCues) -> bool:
    """'<Name> is a researcher based in Yerevan.': a name, 'is a', and a writer's role right after."""
    roles, window = cues.bio_roles, cues.bio_role_window
    match = _BIO.match(line)
    if not match:
        return False
    return any(w.lower() in roles for w in _WORD.findall(line[match.end() :])[:window])


def _neutral(line: str, cues: FurnitureLineCues) -> bool:
    """A line with no sentence in it: a name, a sign-off, a wire slug, a heading, a list
    item, a contact line ("Tel.: +32 ...", an address)."""
    stripped = line.strip().rstrip("\"'\u201d\u2019)]*")
    if stripped.endswith((".", "!", "?", ":")):
        return False
    short = len(_WORD.findall(stripped)) <= cues.max_neutral_words
    return short or stripped.startswith(_BULLETS) or bool(_CONTACT.search(stripped))


def _marked(line: str, openers: tuple[str, ...]) -> bool:
    """A line led by a furniture marker that holds no sentence: "Tags: Armenia · Azerbaijan"."""
    stripped = line.strip().lstrip("*_#> ").lower()
    return stripped.startswith(openers) and not stripped.rstrip("*_ ").endswith((".", "!", "?"))


def _inline_credit(line: str, offset: int, cues: FurnitureLineCues, start: int) -> int:
    """Where a parenthesised credit closing the body's last line opens ("... said. (Reporting
    by ...)"); `start` when the line ends with none."""
    if not line.rstrip().endswith(")"):
        return start
    low = line.lower()
    at = max((low.rfind("(" + opener) for opener in cues.credit_openers), default=-1)
    return offset + at if at > 0 else start


def inline_link(lines: list[tuple[int, str]], n: int, cues: FurnitureLineCues) -> bool:
    """Whether the marker line `lines[n]` is a link inside the story: a link marker ("Read
    also") with at most one headline under it, and then two paragraphs of the story's prose.
    A list of other stories has headlines, not paragraphs, below its marker; a comment
    section is under a heading, not a link marker, so it is never passed over."""
    markers, words, low = cues.link_markers, cues.min_prose_words, lines[n][1].strip().lower()
    if not low.startswith(markers) or words <= 0:
        return False
    after = [line for _, line in lines[n + 1 : n + 4]]
    if low.rstrip(":").strip() in markers and after and not _prose(after[0], cues):
        after = after[1:]  # the linked headline on its own line
    return len(after) >= 2 and _prose(after[0], cues) and _prose(after[1], cues)


def _prose(line: str, cues: FurnitureLineCues) -> bool:
    """A paragraph of a story: long, and ending as a sentence ends."""
    stripped = line.strip().rstrip("\"'\u201d\u2019)")
    return len(_WORD.findall(stripped)) >= cues.min_prose_words and stripped.endswith((".", "!", "?"))
