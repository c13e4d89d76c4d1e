"""Stage `date_sentences`: the dates each sentence names, resolved to calendar values.

Relative dates ("on Thursday", "last month") count from the publication date;
"three weeks earlier" counts from the last day-precise date before it in the
article. A bare weekday or month looks ahead when a future or planning cue stands
just before it ("will meet on Friday"), and back otherwise ("said on Friday").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .dates import ResolvedDate, find_dates, parse_partial, resolve
from .matchers import Knowledge
from .record import Record, Sentence

# Relative dates that an article dated only to a month cannot place on a day.
_DAY_FROM_BASE = ("weekday", "day_word", "relative_period")


def date_sentences(record: Record, knowledge: Knowledge) -> Record:
    published = record.article.published
    base = parse_partial(published)
    base_is_month = bool(published) and len(published or "") == 7
    window = knowledge.cues.dating.future_cue_to_date_chars
    anchor = base
    dates = []
    for sentence in record.sentences:
        found, anchor = _dates_of(sentence, base, base_is_month, anchor, window)
        dates.append(tuple(found))
    return replace(record, dates=tuple(dates))


def _dates_of(
    sentence: Sentence, base: date | None, base_is_month: bool, anchor: date | None, window: int
) -> tuple[list[ResolvedDate], date | None]:
    """The sentence's dates, offsets into the article, and the anchor for the next sentence."""
    resolved = []
    ahead = sentence.cue("future") + sentence.cue("status:planned")
    for mention in find_dates(sentence.text):
        # "will meet on Friday" looks ahead; "said on Friday that ... will" does not.
        at = sentence.start + mention.start
        future = any(0 <= at - c.end <= window for c in ahead)
        value = resolve(mention, base, anchor, future)
        if value is None:
            continue
        value = replace(value, start=value.start + sentence.start, end=value.end + sentence.start)
        if base_is_month and value.basis == "relative" and value.precision == "day" and mention.kind in _DAY_FROM_BASE:
            value = replace(value, value=value.value[:7], precision="month")
        resolved.append(value)
        if value.precision == "day":
            anchor = value.as_date()
    return resolved, anchor
