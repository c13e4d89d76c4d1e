"""Which of the date patterns (dates.PATTERNS) can match a text at all, found in three quick scans.

`dates.find_dates` runs fifteen regular expressions; most sentences name no date, and
most that do need two or three of them. Each pattern needs something a cheap scan
can see (a digit, a capitalised month or weekday name, one of a few words), so
`gates_in(text)` looks for those first and `find_dates` skips the patterns whose
gate is shut. What a pattern finds, and so what a date means, does not change.
"""

from __future__ import annotations

import re

# What each pattern cannot match without: a digit, a month name (capitalised, as the
# patterns want it), a weekday name, or one of the words its pattern requires. Three
# quick scans for all of them (`gates_in`) tell which patterns need to run over a text
# at all; most sentences name no date, and most that do need two or three of the fifteen.
# A scan consumes what it finds, yet hides nothing a pattern needs: every gate word a
# pattern matches starts at a word boundary, and what a scan consumes is a run of
# word characters, with no two gate words of different kinds starting alike.
_MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_GATE_WORDS = {
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "direction": ("ago", "earlier", "later", "before", "after", "prior"),
    "period": ("week", "month", "year"),
    "word": ("yesterday", "today", "tonight", "tomorrow"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
}
_CASELESS = ("direction", "period", "word", "season")
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile("|".join(_MONTH_PREFIXES + _GATE_WORDS["weekday"]))
_LOWER_CASE = re.compile("|".join(w for kind in _CASELESS for w in _GATE_WORDS[kind]))
# The letters the patterns' IGNORECASE equates with a, ..., z beyond str.lower(): dotless
# and dotted i, long s (str.lower() already turns the Kelvin sign into k).
_FOLD = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s"})
_GATE_KIND = {m: "month" for m in _MONTH_PREFIXES} | {w: "weekday" for w in _GATE_WORDS["weekday"]}
_GATE_KIND |= {w: kind for kind in _CASELESS for w in _GATE_WORDS[kind]}
GATES: dict[str, frozenset[str]] = {
    "iso": frozenset({"digit"}),
    "dotted": frozenset({"digit"}),
    "slashed": frozenset({"digit"}),
    "month_day_year": frozenset({"month", "digit"}),
    "day_month_year": frozenset({"month", "digit"}),
    "month_year": frozenset({"month", "digit"}),
    "month_day": frozenset({"month", "digit"}),
    "day_month": frozenset({"month", "digit"}),
    "season_year": frozenset({"season", "digit"}),
    "relative_month": frozenset({"month"}),
    "year": frozenset({"digit"}),
    "weekday": frozenset({"weekday"}),
    "ago": frozenset({"direction"}),
    "relative_period": frozenset({"period"}),
    "day_word": frozenset({"word"}),
}


def gates_in(text: str) -> set[str]:
    """The gates (`GATES`) present somewhere in `text`: three quick scans, the words
    that IGNORECASE patterns need looked for in the text folded to lower case."""
    present = {"digit"} if _DIGIT.search(text) else set()
    present.update(_GATE_KIND[token] for token in set(_CAPITALISED.findall(text)))
    folded = text.translate(_FOLD) if ("\u0131" in text or "\u0130" in text or "\u017f" in text) else text
    present.update(_GATE_KIND[token] for token in set(_LOWER_CASE.findall(folded.lower())))
    return present
