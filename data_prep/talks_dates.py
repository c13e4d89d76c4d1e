"""Which of a sentence's dates is a round's: a helper of `find_talks` (talks.py).

The date closest to the talks word wins, but a date of a statement about the round
("said on Friday that a meeting ...") or an offset ("three weeks after") only
failing any other.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from .clauses import Clauses
from .cues import TalksCues
from .dates import ResolvedDate, find_dates, resolve
from .record import Sentence, Span
from .talks_slots import is_reference_offset


@lru_cache(maxsize=8)
def _offset_date(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")$", re.I)


def reported_between(sentence: Sentence, when: ResolvedDate, cue: Span, cues: TalksCues) -> bool:
    """The date belongs to a statement about the round: a speech verb stands between
    the date and the talks word, or right beside the date ("said on Friday that"), or
    before it with "that" between the date and the talks word ("told Blinken in a
    call on Sunday that the ministers would meet")."""
    low, high = sorted((when.end, cue.start))
    speech = sentence.cue("event:statement")
    statuses = [c for c in sentence.cues if c.key.startswith("status:")]
    # "the meeting, which he said would take place on July 21": the date after the
    # speech verb and a talks verb is the round's.
    between = any(low <= c.start < high and not any(c.end <= st.start < when.start for st in statuses) for c in speech)
    beside = any(0 <= when.start - c.end <= cues.speech_beside_date_chars for c in speech)
    that = any(when.end <= t[0] < cue.start and t[2].lower() in cues.complementizers for t in sentence.tokens) and any(
        c.end <= when.start for c in speech
    )
    return between or beside or that


def outside_place_clauses(dates: tuple[ResolvedDate, ...], cue: Span, clauses: Clauses) -> tuple[ResolvedDate, ...]:
    """The dates not in a clause that says which place ("in the hall where the declaration was
    signed in 1991": that date is the hall's story), unless the round stands in that clause,
    nor in a relative clause that dates a speech about the round (`_announced_in_relative`)
    or the story of a named actor (`_actors_story`)."""
    if not clauses.restrictive[clauses.index(cue.start)]:
        dates = tuple(d for d in dates if not clauses.restrictive[clauses.index(d.start)])
    return tuple(d for d in dates if not _announced_in_relative(d, cue, clauses) and not _actors_story(d, cue, clauses))


def _actors_story(d: ResolvedDate, cue: Span, clauses: Clauses) -> bool:
    """ "Russia, which withdrew its peacekeepers last year, took no part in the talks": a
    relative clause set off after a named actor dates the actor's story, not the round."""
    sentence, words = clauses.sentence, clauses.words
    at, here = clauses.index(d.start), clauses.index(cue.start)
    for actor in sentence.actors:
        opener = clauses.index(actor.end - 1) + 1
        if (
            opener + 1 >= len(words)
            or words[opener] != ","
            or words[opener + 1] not in clauses.reading.relative_openers
        ):
            continue
        end = next((k for k in range(opener + 1, len(words)) if clauses.breaks[k]), len(words))
        if opener < at < end and not opener < here < end:
            return True
    return False


def _announced_in_relative(d: ResolvedDate, cue: Span, clauses: Clauses) -> bool:
    """ "the meeting that Michel announced in Chisinau in June": a relative clause about the
    round whose speech verb stands before the date dates the speech, not the round; a
    status word after the speech verb gives the date back to the round ("the meeting,
    which he said would take place on 21 July")."""
    at = clauses.index(d.start)
    if not clauses.relative[at]:
        return False
    # The clause opens at the first token of its run of relative tokens, with or without
    # a comma before it ("the meeting that Michel announced in June was called off").
    start = at
    while start > 0 and clauses.relative[start - 1] and not clauses.breaks[start - 1]:
        start -= 1
    if start <= clauses.index(cue.start) <= at:
        return False
    low = clauses.starts[start]
    speech = [c for c in clauses.spans.get("event:statement", []) if low <= c.start and c.end <= d.start]
    statuses = [c for key, spans in clauses.spans.items() if key.startswith("status:") for c in spans]
    return any(not any(s.end <= st.start < d.start for st in statuses) for s in speech)


def nearest_date(
    dates: tuple[ResolvedDate, ...], cue: Span, sentence: Sentence, cues: TalksCues, after: int | None = None
) -> ResolvedDate | None:
    """The date of a round: the one closest to its talks word, but a named date before
    "three weeks after", a date of the round before the date of a statement about
    it ("said on Friday that a meeting planned for December 7 ..."), and, for a place
    of a list (`after` is where it stands), a date after the place before one before it."""
    offset_date = _offset_date(cues.offset_date_words)

    def rank(d: ResolvedDate) -> tuple[bool, bool, bool, int]:
        # An offset right after the talks word is the round's ("had met two months earlier").
        right_after = 0 <= d.start - cue.end <= cues.offset_after_noun_chars
        return (
            bool(offset_date.search(d.text)) and not right_after,
            reported_between(sentence, d, cue, cues),
            after is not None and d.start < after,
            abs(d.start - cue.start),
        )

    return min(dates, key=rank) if dates else None


def before_the_offset(
    sentence: Sentence, dates: tuple[ResolvedDate, ...], cue: Span, cues: TalksCues, published: date | None
) -> ResolvedDate | None:
    """ "The announcement on 10 March came three days after they met": the round lies
    the offset before the day of what the offset dates (7 March). What "came three
    days after" it without a day in the sentence is the article's news: the round lies
    the offset before the article's date, but only its month is sure (the news may be
    a day old). Otherwise nothing says when it was ("Aliyev recalled that a week after
    the meeting, Macron had ..."), and the round keeps no date of the offset's."""
    offset = next((d for d in dates if is_reference_offset(d, cue, cues)), None)
    if offset is None:
        return None
    earlier = [d for d in dates if d.end <= offset.start and d.precision == "day"]
    news = bool(set(sentence.token_before(offset.start, 1)) & set(cues.news_offset_verbs))
    start = earlier[-1].as_date() if earlier else published if news else None
    mention = next(iter(find_dates(offset.text)), None)
    if start is None or mention is None or "dir" not in mention.groups:
        return None
    backwards = "after" if mention.groups["dir"].lower() in ("before", "prior") else "before"
    when = resolve(replace(mention, groups={**mention.groups, "dir": backwards}), start, start)
    if when is None:
        return None
    when = replace(when, text=offset.text, start=offset.start, end=offset.end)
    return when if earlier or when.precision != "day" else replace(when, value=when.value[:7], precision="month")
