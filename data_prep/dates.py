"""Dates: find date expressions in text, then resolve them against a base date.

Finding is done with explicit patterns (capitalised month and weekday names only,
so "may" and "we" are never dates); resolving uses dateutil's calendar arithmetic
with the article's publication date as the base for relative expressions ("on
Thursday", "last month") and the previous explicit date as the anchor for
"three weeks earlier". Every resolved date keeps its precision: a month is never
padded out to a made-up day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .date_gates import GATES, gates_in

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Full names and three-letter abbreviations ("Nov"), and "Sept".
MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)} | {name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1)}
MONTHS["sept"] = 9
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": None, "few": None,
}  # fmt: skip

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?P<num>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# The second month of a list ("in May and June", "in May or June"): right after a month name.
_LISTED = "(?:" + "|".join(f"(?<={name.capitalize()} )" for name in _MONTH_NAMES) + r")(?:and|or)\s+"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PERIOD = r"(?P<period>week|month|year|weekend)"

# Order matters: the first pattern that matches at a position wins, so longer
# forms come before the shorter forms they contain.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>\d{{2}})-(?P<day>\d{{2}})(?=T\d|\b)")),
    ("dotted", re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<m>[01]?\d)\.{_YEAR}\b")),
    ("slashed", re.compile(rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    (
        "month_year",
        re.compile(
            rf"\b(?:(?P<part>(?i:end|beginning|start|middle|mid|late|early))(?:\s+of|-)?\s+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"
        ),
    ),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![:\d])")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b")),
    ("season_year", re.compile(rf"\b(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+{_YEAR}\b", re.I)),
    (
        "relative_month",
        re.compile(
            rf"(?:\b(?P<rel>(?i:last|next|this|that|in|early|late|mid|since|by|until|during|from|of|for))[\s-]+|{_LISTED})"
            rf"{_MONTH}\b(?!\s+\d)"
        ),
    ),
    ("year", re.compile(rf"\b(?:in|during|of|by)\s+{_YEAR}\b")),
    ("weekday", re.compile(rf"\b(?:(?P<wrel>last|this|next|on|On|Last|This|Next)\s+)?{_WEEKDAY}\b")),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|later|before|after|prior)\b", re.I)),
    ("relative_period", re.compile(rf"\b(?P<rel>last|next|this|earlier this|later this|past)\s+{_PERIOD}\b", re.I)),
    ("day_word", re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", re.I)),
]

_STAMP_WORDS = {
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "am",
    "pm",
    "gmt",
    "utc",
    "z",
    "last",
    "modified",
    "date",
    "by",
}
# A date stamp: a line that is little more than a date and a time ("19 July 2024 / 14:01").
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\b")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text; `kind` names the pattern that found it."""

    kind: str
    text: str
    start: int
    end: int
    groups: dict[str, str]


@dataclass(frozen=True)
class ResolvedDate:
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, month, year
    basis: str  # explicit, relative
    text: str
    start: int
    end: int

    def as_date(self) -> date:
        """The first day the value covers, for arithmetic and ordering."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


_Make = Callable[[date | None, str, str], "ResolvedDate | None"]


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, left to right, none overlapping.

    >>> [m.text for m in find_dates("On Thursday they set a November 20 meeting; see Dec. 6, 2023.")]
    ['On Thursday', 'November 20', 'Dec. 6, 2023']
    """
    present = gates_in(text)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        if not present.issuperset(GATES[kind]):
            continue  # a word or a digit this pattern cannot match without is absent
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if not _plausible(kind, groups):
                continue
            taken.append((start, end))
            found.append(DateMention(kind, match.group(0), start, end, groups))
    return sorted(found, key=lambda m: m.start)


def _plausible(kind: str, groups: dict[str, str]) -> bool:
    if "day" in groups and not 1 <= int(groups["day"]) <= 31:
        return False
    if "m" in groups and not 1 <= int(groups["m"]) <= 12:
        return False
    return not (kind == "weekday" and groups.get("wrel", "").lower() not in ("", "last", "this", "next", "on"))


def _month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _nearest_year(month: int, day: int, base: date, future: bool = False) -> date | None:
    """The year for a year-less "November 20": the nearest one when it lies within a
    month of the base date or the sentence looks ahead, else the last one before it."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    nearest = min(candidates, key=lambda d: abs((d - base).days))
    if future or abs((nearest - base).days) <= 31:
        return nearest
    return max((d for d in candidates if d <= base), default=nearest)


def resolve(
    mention: DateMention,
    base: date | None,
    anchor: date | None = None,
    future: bool = False,
) -> ResolvedDate | None:
    """Turn a date mention into a value with precision, or None if it cannot be placed.

    `base` is the publication date (for "on Thursday", "last month"); `anchor` the
    previous explicit date in the text (for "three weeks earlier"); `future` says the
    sentence speaks of what is to come, so a bare weekday or month looks forward.

    >>> m = find_dates("said on Thursday")[0]
    >>> resolve(m, date(2023, 11, 17)).value
    '2023-11-16'
    """
    g, kind = mention.groups, mention.kind

    def made(d: date | None, precision: str, basis: str) -> ResolvedDate | None:
        if d is None:
            return None
        value = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]
        return ResolvedDate(value, precision, basis, mention.text, mention.start, mention.end)

    try:
        if kind == "slashed":
            # 08/12/2023: day first, as in most of the world's press; 12/25/2023 can only be US order.
            first, second = int(g["a"]), int(g["b"])
            day, month = (second, first) if second > 12 else (first, second)
            return made(date(int(g["year"]), month, day), "day", "explicit")
        if kind in ("iso", "dotted"):
            month, day = int(g["m"]), int(g["day"])
            return made(date(int(g["year"]), month, day), "day", "explicit")
        if kind in ("month_day_year", "day_month_year"):
            return made(date(int(g["year"]), _month_number(g["month"]), int(g["day"])), "day", "explicit")
        if kind == "month_year":
            return made(date(int(g["year"]), _month_number(g["month"]), 1), "month", "explicit")
        if kind == "season_year":
            return made(date(int(g["year"]), 1, 1), "year", "explicit")
        if kind == "year":
            return made(date(int(g["year"]), 1, 1), "year", "explicit")
        if base is None:
            return None
        if kind in ("month_day", "day_month"):
            return made(_nearest_year(_month_number(g["month"]), int(g["day"]), base, future), "day", "relative")
        if kind == "relative_month":  # a month listed after another ("in May and June") is "in June"
            return made(
                _resolve_month(_month_number(g["month"]), g.get("rel", "in").lower(), base, future), "month", "relative"
            )
        if kind == "weekday":
            return made(
                _resolve_weekday(WEEKDAYS[g["weekday"].lower()], g.get("wrel", "").lower(), base, future),
                "day",
                "relative",
            )
        if kind == "ago":
            return _resolve_offset(mention, base, anchor, made)
        if kind == "relative_period":
            return _resolve_period(g["rel"].lower(), g["period"].lower(), base, made)
        if kind == "day_word":
            shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
            return made(base + timedelta(days=shift), "day", "relative")
    except (ValueError, KeyError):
        return None
    return None


def _resolve_month(month: int, rel: str, base: date, future: bool) -> date:
    this_year = date(base.year, month, 1)
    base_month = date(base.year, base.month, 1)
    if rel == "last":
        return this_year if this_year < base_month else this_year - relativedelta(years=1)
    if rel == "next":
        return this_year if this_year > base_month else this_year + relativedelta(years=1)
    if rel == "this":
        return this_year
    if future:
        return this_year if this_year >= base_month else this_year + relativedelta(years=1)
    return this_year if this_year <= base_month else this_year - relativedelta(years=1)


def _resolve_weekday(weekday: int, rel: str, base: date, future: bool) -> date:
    back = (base.weekday() - weekday) % 7
    ahead = (weekday - base.weekday()) % 7
    if rel == "last":
        return base - timedelta(days=back or 7)
    if rel == "next":
        return base + timedelta(days=ahead or 7)
    return base + timedelta(days=ahead) if future else base - timedelta(days=back)


def _resolve_offset(mention: DateMention, base: date, anchor: date | None, made: _Make) -> ResolvedDate | None:
    g = mention.groups
    number = NUMBER_WORDS.get(g["num"].lower()) if not g["num"].isdigit() else int(g["num"])
    if not number:
        return None
    unit, direction = g["unit"].lower(), g["dir"].lower()
    delta = {
        "day": relativedelta(days=number),
        "week": relativedelta(weeks=number),
        "month": relativedelta(months=number),
        "year": relativedelta(years=number),
    }[unit]
    start = base if direction == "ago" else (anchor or base)
    moved = start + delta if direction in ("later", "after") else start - delta
    precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    return made(moved, precision, "relative")


def _resolve_period(rel: str, period: str, base: date, made: _Make) -> ResolvedDate | None:
    if period == "weekend":
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        if rel == "next":
            saturday += timedelta(days=7)
        return made(saturday, "day", "relative")
    step = {"week": relativedelta(weeks=1), "month": relativedelta(months=1), "year": relativedelta(years=1)}[period]
    shift = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
    if rel == "earlier this" and _first_day_of(period, base):
        shift = -1  # nothing of the period lies before its first day: the one just ended is meant
    moved = base + step * shift
    precision = {"week": "month", "month": "month", "year": "year"}[period]
    return made(moved, precision, "relative")


def _first_day_of(period: str, day: date) -> bool:
    return day.day == 1 and (period == "month" or (period == "year" and day.month == 1))


def is_date_stamp(line: str) -> bool:
    """A line that is only a date (and perhaps a time, weekday or zone), like a header or list stamp."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60:
        return False
    mentions = [
        m for m in find_dates(stripped) if m.kind in ("iso", "dotted", "slashed", "month_day_year", "day_month_year")
    ]
    if not mentions:
        return False
    rest = stripped
    for m in mentions:
        rest = rest.replace(m.text, " ")
    rest = _TIME.sub(" ", re.sub(r"T(?=\d)", " ", rest))
    words = re.findall(r"[A-Za-z]+", rest)
    leftovers = [w for w in words if w.lower() not in WEEKDAYS and w.lower() not in _STAMP_WORDS]
    # "By Jane Doe | 18 November 2023": a byline may share the line with the date.
    byline = stripped.lower().startswith("by ") or "|" in stripped or "\u00b7" in stripped
    return len(leftovers) <= (4 if byline else 1)


def parse_partial(value: str | None) -> date | None:
    """'2024-07' -> date(2024, 7, 1); None or junk -> None."""
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
