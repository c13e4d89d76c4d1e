"""Offsets that point past a round to another event: a helper of `find_talks`.

"The Munich meeting took place four days after Azerbaijani troops opened fire near a
village in Syunik province": what follows "four days after" is the event the offset
counts from, so the places named there are that event's, not the round's, and where
that event has no day of its own in the sentence, the offset dates nothing (counted
from the publication date it would give the round a day that is simply wrong).
"""

from __future__ import annotations

from .cues import TalksCues
from .dates import ResolvedDate
from .record import Mention, Span


def _points_forward(d: ResolvedDate, cues: TalksCues) -> bool:
    """ "four days after", "a week before": an offset whose reference point follows it."""
    words = d.text.lower().split()
    return bool(words) and words[-1] in cues.reference_offset_words


def anchored_dates(
    dates: tuple[ResolvedDate, ...], noun: Span, cues: TalksCues, anchors: tuple[ResolvedDate, ...]
) -> tuple[ResolvedDate, ...]:
    """The `dates` without an offset after the talks word whose reference point has no day
    among the sentence's dates `anchors` ("took place four days after the shelling"): that
    offset dates nothing."""
    return tuple(
        d
        for d in dates
        if not (
            d.start >= noun.end
            and _points_forward(d, cues)
            and not any(e.start >= d.end and e.precision == "day" and not _points_forward(e, cues) for e in anchors)
        )
    )


def beyond_offset(place: Mention, noun: Span, dates: tuple[ResolvedDate, ...], cues: TalksCues) -> bool:
    """Whether a place after the talks word stands after an offset that points past the round
    ("met four days after the shelling in Syunik"): then it is the other event's place."""
    return any(noun.end <= d.start and d.end <= place.start and _points_forward(d, cues) for d in dates)
