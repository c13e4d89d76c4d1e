"""How a page's date stamps are written, and which of them dates the article itself.

News pages print their date in many house styles, and copied or saved text mangles
some of them: agencies set the month in capitals ("YEREVAN, MAY 26, ARMENPRESS.",
"NOVEMBER 7, 2022" in a readout's header), a page's text run together loses a space
("Published April 23,2024", "March 12, 20245:05 PM"). `normalise` restores what the
date patterns read, changing only those characters ("12-03-2024" and "2024/03/12" are
read as the dotted and ISO dates they are, "12.03.24" beside a clock as 2024). Offsets
move only where a year ran into a clock or a two-digit year is written out.

Translated copy can keep the original's month names ("12 марта 2024", "12 Mart 2024");
`translate_months` puts the English name in their place (`page.month_names`). A web
address filed by date (".../2024/03/12/slug") dates its article too (`url_date`).

Not every stamp at the top of a page is the article's date:
- "Updated 13 March 2024" dates an edit; "Published 12 March 2024 | Updated ..." holds
  both, and the published one is wanted;
- "Reposted: 27.11.2021" dates a copy, when the original's header below it gives the
  date the article was written;
- "Today: Tuesday, 7 June 2025" beside the weather is the day the page was saved.
`stamp_date` says which date a stamp line gives and whether it is only a fallback; what
marks each kind is data (`page` in cues.json).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .cues import PageCues
from .dates import find_dates, resolve

_FULL_DATES = ("iso", "dotted", "slashed", "month_day_year", "day_month_year")
_CAPS_MONTH = re.compile(
    r"\b(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\b(?=\.?\s*\d)"
)
# "April 23,2024": a comma between day and year with its space lost.
_TIGHT_COMMA = re.compile(r"(?<=\b[0-3]\d),(?=(?:19|20)\d\d\b)|(?<=\b\d),(?=(?:19|20)\d\d\b)")
# "20245:05 PM": a year run into the clock time after it.
_YEAR_CLOCK = re.compile(r"\b((?:19|20)\d\d)(?=[0-2]?\d:[0-5]\d\b)")
# "12-03-2024": a day-first date with dashes, as some agencies print it (read as 12.03.2024).
_DASHED = re.compile(r"\b([0-3]?\d)-([01]?\d)-((?:19|20)\d\d)\b")
# "2024/03/12": a year-first date with slashes (read as 2024-03-12).
_YEAR_FIRST = re.compile(r"\b((?:19|20)\d\d)/([01]\d)/([0-3]\d)\b")
# "12.03.24 14:05": a two-digit year, read only beside a clock time.
_SHORT_YEAR = re.compile(r"\b([0-3]\d)\.([01]\d)\.(\d\d)\b(?!\.\d)")
_CLOCK = re.compile(r"\b[0-2]?\d:[0-5]\d\b")
# "12. März 2024" once translated: a day with a period before its month (read as 12 March 2024).
_DAY_DOT = re.compile(r"\b([0-3]?\d)\.(?=\s+[A-Z][a-z]+\.?\s+(?:19|20)\d\d\b)")
# ".../2024/03/12/slug", ".../2024-03-12-slug": the day a web address files its article under.
_URL_DATE = re.compile(r"\b\S*\w\.\w\S*?/((?:19|20)\d\d)[/-]([01]\d)[/-]([0-3]\d)(?=[/\-_.?#]|\s|$)")
# "21.2 C", "-3°C", "68 °F": a weather reading in a page's top bar.
_TEMPERATURE = re.compile(r"^\s*[-+]?\d{1,2}(?:[.,]\d)?\s*\u00b0?\s*[CF]\b", re.I)


@dataclass(frozen=True)
class Stamp:
    """The date a stamp line gives; `fallback` when it dates an edit or a copy, not the article."""

    value: str
    fallback: bool = False


def normalise(line: str) -> str:
    """`line` with its date written as the date patterns read it, at the same offsets.

    >>> normalise("YEREVAN, MAY 26, ARMENPRESS.")
    'YEREVAN, May 26, ARMENPRESS.'
    >>> normalise("Published April 23,2024")
    'Published April 23 2024'
    >>> normalise("March 12, 20245:05 PM")
    'March 12, 2024 5:05 PM'
    >>> normalise("12-03-2024 | 14:05"), normalise("2024/03/12"), normalise("14:05 12.03.24")
    ('12.03.2024 | 14:05', '2024-03-12', '14:05 12.03.2024')
    """
    line = _CAPS_MONTH.sub(lambda m: m.group(1).title(), line)
    line = _TIGHT_COMMA.sub(" ", line).replace("\u00a0", " ")
    line = _YEAR_CLOCK.sub(r"\1 ", line)
    line = _YEAR_FIRST.sub(r"\1-\2-\3", _DASHED.sub(r"\1.\2.\3", _DAY_DOT.sub(r"\1 ", line)))
    return _SHORT_YEAR.sub(r"\1.\2.20\3", line) if _CLOCK.search(line) else line


def translate_months(line: str, names: Mapping[str, str]) -> str:
    """`line` with the month names of other languages (`page.month_names`) in English,
    where they stand next to a number.

    >>> translate_months("12 марта 2024, 14:05", {"марта": "March"})
    '12 March 2024, 14:05'
    """
    if not names:
        return line
    return _month_pattern(tuple(names)).sub(lambda m: names.get(_fold(m.group(0)), m.group(0)), line)


def _fold(word: str) -> str:
    return word.lower().replace("\u0307", "")  # "İyun".lower() keeps a combining dot


@lru_cache(maxsize=4)
def _month_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    word = rf"(?:{alternatives})(?!\w)"
    return re.compile(rf"(?:(?<=\d\s)|(?<=\d\.\s)){word}|(?<!\w){word}(?=\.?\s*\d)", re.I)


def full_dates(line: str) -> list[tuple[int, str]]:
    """(start, YYYY-MM-DD) of every full date in `line`, read after `normalise`."""
    return [(start, value) for start, value, _ in _dates(line)]


def _dates(line: str) -> list[tuple[int, str, bool]]:
    """(start, YYYY-MM-DD, ambiguous) of every full date in `line`: "03/12/2024" is
    ambiguous (12 March or 3 December, as the outlet writes it); "12/25/2024" is not."""
    found = []
    for mention in find_dates(normalise(line)):
        if mention.kind in _FULL_DATES:
            resolved = resolve(mention, None)
            if resolved:
                g = mention.groups
                ambiguous = mention.kind == "slashed" and g["a"] != g["b"] and max(int(g["a"]), int(g["b"])) <= 12
                found.append((mention.start, resolved.value, ambiguous))
    return found


def stamp_date(line: str, page: PageCues) -> Stamp | None:
    """The date a stamp line gives the article, or None (no date, or the day the page was saved).

    >>> from data_prep.codebook import DEFAULT_DIR
    >>> from data_prep.cues import load_cues
    >>> page = load_cues(DEFAULT_DIR / "cues.json").page
    >>> stamp_date("Updated: 13.03.2024 09:00 | Published: 12.03.2024 14:05", page)
    Stamp(value='2024-03-12', fallback=False)
    >>> stamp_date("Reposted: 27.11.2021 09:02", page)
    Stamp(value='2021-11-27', fallback=True)
    >>> stamp_date("03/12/2024", page)  # 3 December or 12 March: only if nothing else dates the page
    Stamp(value='2024-12-03', fallback=True)
    """
    low = line.lower()
    if any(word in low for word in page.masthead_words):
        return None
    dates = _dates(line)
    if not dates:
        return None
    if any(word in low for word in page.repost_stamp_words):
        return Stamp(dates[0][1], fallback=True)
    spaced = normalise(line).lower()
    previous, doubtful = 0, None
    for start, value, ambiguous in dates:
        if not any(word in spaced[previous:start] for word in page.update_words):
            if not ambiguous:
                return Stamp(value)
            doubtful = doubtful or value
        previous = start
    return Stamp(doubtful or dates[0][1], fallback=True)


def beside_weather(lines: list[str], index: int) -> bool:
    """Whether the line at `index` sits next to a weather reading: a top bar's date is today's."""
    return any(_TEMPERATURE.match(lines[i]) for i in (index - 2, index - 1, index + 1) if 0 <= i < len(lines))


def url_date(line: str) -> str | None:
    """The day a web address in `line` files its article under, or None.

    >>> url_date("Source: https://news.example.am/en/2024/03/12/leaders-meet/")
    '2024-03-12'
    >>> url_date("https://news.example.am/en/article/20240312") is None
    True
    """
    match = _URL_DATE.search(line)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None
