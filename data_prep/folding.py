"""How gold names and sentences are compared with extracted ones: folded, so that
spelling, case, accents, quote marks and a few standard equivalents do not count."""

from __future__ import annotations

import re
import unicodedata

_EQUIVALENTS = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "state department": "us department of state",
    "department of state": "us department of state",
    "eu": "european union",
    "russian federation": "russia",
    "turkey": "turkiye",
    "uk": "united kingdom",
}


def fold(name: str | None) -> str:
    """'James O’Brien' -> 'james obrien'; 'U.S.' -> 'united states'."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019\u2018`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"\bu s\b", "us", text)
    return _EQUIVALENTS.get(text, text)


def words(text: str) -> str:
    """Text as compared for event items: one space between words, straight quotes, no case.

    >>> words("Baku  \\n rejected  the “offer”")
    'baku rejected the "offer"'
    """
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019`]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    return re.sub(r"\s+", " ", text).strip().casefold()
