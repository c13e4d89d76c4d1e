"""Stage `date_sentences`: the dates each sentence names, resolved to calendar values.

Relative dates ("on Thursday", "last month") count from the publication date;
"three weeks earlier" counts from the last day-precise date before it in the
article ("ten days after the clashes on 16 November" from the date it names).
A bare weekday or month looks ahead or back as the tense of its own clause says:
the nearest tense word before it decides ("will meet on Friday" ahead, "met on
Friday" back, "cancelled the talks scheduled for 20 November" back), else the
nearest one after it ("On Friday the leaders will meet" ahead), never across a
speech verb ("said on Friday that they will meet" is said in the past).

A month without a year takes the year its sentence gives it ("in May and June
2023", "on 24 May that year"); an article without a publication date places such
dates by the last explicit date it named, never by the calendar of today.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from dateutil.relativedelta import relativedelta

from .cues import Cues
from .dates import WEEKDAYS, DateMention, ResolvedDate, find_dates, parse_partial, resolve
from .matchers import Knowledge
from .record import Record, Sentence, Span

# Relative dates that an article dated only to a month cannot place on a day.
_DAY_FROM_BASE = ("weekday", "day_word", "relative_period")
# Dates with a year of their own, which set the narrative's year.
_WITH_YEAR = ("iso", "dotted", "slashed", "month_day_year", "day_month_year", "month_year")
# Year-less calendar dates, which can take the year of the narrative.
_YEARLESS = ("month_day", "day_month", "relative_month")
_LINK = re.compile(r"^\s*(?:and|or|to|through|until|till|-|\u2013|\u2014|,)\s*(?:in\s+)?$", re.I)
_HALF_UNIT = {
    "day": relativedelta(),
    "week": relativedelta(days=3),
    "month": relativedelta(days=15),
    "year": relativedelta(months=6),
}


def date_sentences(record: Record, knowledge: Knowledge) -> Record:
    published = record.article.published
    base = parse_partial(published)
    base_is_month = bool(published) and len(published or "") == 7
    anchor = base
    narrative: date | None = None  # the last explicit date the article named
    dates = []
    for sentence in record.sentences:
        found, anchor, narrative = _dates_of(sentence, base, base_is_month, anchor, narrative, knowledge.cues)
        dates.append(tuple(found))
    return replace(record, dates=tuple(_last_weekdays_apart(dates, knowledge.cues, None if base_is_month else base)))


def _last_weekdays_apart(
    dates: list[tuple[ResolvedDate, ...]], cues: Cues, base: date | None
) -> list[tuple[ResolvedDate, ...]]:
    """ "last Thursday" in an article that already calls yesterday "Thursday" is the week before.
    Only a weekday of the publication's own week makes "last" reach back further: written on a
    Tuesday, "on Friday" and "last Friday" are both the Friday four days before."""
    lasts = tuple(w.lower() for w in cues.dating.last_weekday_words)
    week = base.isocalendar()[:2] if base else None
    bare = {
        d.value
        for sentence in dates
        for d in sentence
        if d.precision == "day"
        and _weekday_word(d.text)
        and not d.text.lower().startswith(lasts)
        and (week is None or d.as_date().isocalendar()[:2] == week)
    }
    out = []
    for sentence in dates:
        moved = []
        for d in sentence:
            if d.precision == "day" and _weekday_word(d.text) and d.text.lower().startswith(lasts) and d.value in bare:
                d = replace(d, value=(d.as_date() - relativedelta(weeks=1)).isoformat())
            moved.append(d)
        out.append(tuple(moved))
    return out


def _weekday_word(text: str) -> bool:
    return text.split()[-1].lower() in WEEKDAYS


def _dates_of(
    sentence: Sentence, base: date | None, base_is_month: bool, anchor: date | None, narrative: date | None, cues: Cues
) -> tuple[list[ResolvedDate], date | None, date | None]:
    """The sentence's dates, offsets into the article; the anchor for the next
    sentence's "three weeks later", and the narrative's last explicit date."""
    mentions = find_dates(sentence.text)
    own_years = [m for m in mentions if m.kind in _WITH_YEAR]
    resolved: dict[int, ResolvedDate] = {}
    # Calendar dates first, so that "ten days after ... on 16 November" can count from them.
    for i, mention in enumerate(mentions):
        if mention.kind == "ago":
            continue
        value = _calendar_date(sentence, mentions, i, base, narrative, own_years, cues)
        if value is not None:
            resolved[i] = value
    for i, mention in enumerate(mentions):
        if mention.kind != "ago" or base is None:
            continue
        later_day = next(
            (resolved[j] for j in range(i + 1, len(mentions)) if j in resolved and resolved[j].precision == "day"),
            None,
        )
        own_anchor = (
            later_day.as_date()
            if later_day and mention.groups.get("dir", "").lower() in cues.dating.reference_offsets
            else anchor
        )
        value = resolve(mention, base, own_anchor)
        if value is not None:
            resolved[i] = _approximate(value, sentence.text[: mention.start], mention, cues)
    out = []
    for i in sorted(resolved):
        value = resolved[i]
        mention = mentions[i]
        value = replace(value, start=value.start + sentence.start, end=value.end + sentence.start)
        if base_is_month and value.basis == "relative" and value.precision == "day" and mention.kind in _DAY_FROM_BASE:
            value = replace(value, value=value.value[:7], precision="month")
        out.append(value)
        if value.precision == "day":
            anchor = value.as_date()
        if mention.kind in _WITH_YEAR:
            narrative = value.as_date()
    return out, anchor, narrative


def _calendar_date(
    sentence: Sentence,
    mentions: list[DateMention],
    i: int,
    base: date | None,
    narrative: date | None,
    own_years: list[DateMention],
    cues: Cues,
) -> ResolvedDate | None:
    mention = mentions[i]
    if mention.kind in _YEARLESS:
        year = _year_given(sentence.text, mentions, i, narrative, cues)
        if year is not None:
            return _in_year(mention, year, "explicit")
        if narrative_month(mention, cues):
            return None  # "that November" with no year named: which November is not known
    at = sentence.start + mention.start
    ahead = _looks_ahead(sentence, at, sentence.start + mention.end, cues)
    if base is None:
        if mention.kind not in _YEARLESS:
            return resolve(mention, None)
        # No publication date: the narrative's own dates place "on 10 July", never today's calendar.
        nearest = min(own_years, key=lambda m: abs(m.start - mention.start), default=None)
        place_by = resolve(nearest, None) if nearest is not None else None
        own_base = place_by.as_date() if place_by is not None else narrative
        return _in_year(mention, own_base.year, "relative") if own_base is not None else None
    return resolve(mention, base, None, ahead)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# What lies between a year and the months it sets off: a colon or dash, then a list.
_SET_OFF = re.compile(r"^\s*[:\u2013\u2014-][^;.]*$")


def _year_given(text: str, mentions: list[DateMention], i: int, narrative: date | None, cues: Cues) -> int | None:
    """The year a year-less date takes from its own words: the next date of a pair
    ("in May and June 2023"), or the narrative's ("on 24 May that year")."""
    mention = mentions[i]
    following = mentions[i + 1] if i + 1 < len(mentions) else None
    if following is not None and following.kind in _WITH_YEAR and _LINK.match(text[mention.end : following.start]):
        return int(following.groups["year"])
    # "twice in 2023 - in early May and again at the end of June": the months a year sets off.
    years = [m for m in mentions[:i] if m.kind == "year"]
    if years and _SET_OFF.match(text[years[-1].end : mention.start]):
        return int(years[-1].groups["year"])
    after = text[mention.end : mention.end + 20].lower().lstrip(" ,")
    if not (narrative_month(mention, cues) or any(after.startswith(w) for w in cues.dating.narrative_year_words)):
        return None
    # "during the 2020 war: in October of that year": the year the sentence itself named last.
    own = _YEAR.findall(text[: mention.start])
    if own:
        return int(own[-1])
    return narrative.year if narrative is not None else None


def narrative_month(mention: DateMention, cues: Cues) -> bool:
    """ "that November": the month of the year the narrative has just named."""
    return (mention.groups.get("rel") or "").lower() in cues.dating.narrative_month_words


def _in_year(mention: DateMention, year: int, basis: str) -> ResolvedDate | None:
    g = mention.groups
    month = resolve(mention, date(year, 12, 31))
    if month is None:
        return None
    day = int(g["day"]) if "day" in g else None
    try:
        value = date(year, month.as_date().month, day or 1)
    except ValueError:
        return None
    text = value.isoformat() if day else value.isoformat()[:7]
    return ResolvedDate(text, "day" if day else "month", basis, mention.text, mention.start, mention.end)


def _approximate(value: ResolvedDate, before: str, mention: DateMention, cues: Cues) -> ResolvedDate:
    """ "more than two months earlier" lies beyond two months, "less than a week after"
    within one: the value moves half a unit further or nearer."""
    said = before.lower().rstrip()
    more = any(said.endswith(w) for w in cues.dating.more_than_words)
    less = any(said.endswith(w) for w in cues.dating.less_than_words)
    if not (more or less):
        return value
    unit = mention.groups["unit"].lower()
    backwards = mention.groups["dir"].lower() in ("ago", "earlier", "before", "prior")
    step = _HALF_UNIT[unit] if more else -_HALF_UNIT[unit]
    moved = value.as_date() - step if backwards else value.as_date() + step
    text = {"day": moved.isoformat(), "month": moved.isoformat()[:7], "year": str(moved.year)}[value.precision]
    return replace(value, value=text)


def _looks_ahead(sentence: Sentence, start: int, end: int, cues: Cues) -> bool:
    """Whether a year-less date in `sentence` (at start..end) speaks of what is to come:
    the nearest tense word before it decides, else the nearest after it; a speech verb
    ends the search, and planning words alone ("scheduled for Friday") look ahead."""
    window = cues.dating.future_cue_to_date_chars
    words = _tense_words(sentence, cues)
    neutral_seen = False
    for cue, tense in sorted((w for w in words if w[0].end <= start), key=lambda w: -w[0].end):
        if start - cue.end > window:
            break
        if tense == "speech":
            return neutral_seen  # "said on Friday that ...": the date of the saying
        if tense == "neutral":
            neutral_seen = True
            continue
        return tense == "future"
    for cue, tense in sorted((w for w in words if w[0].start >= end), key=lambda w: w[0].start):
        if cue.start - end > window or tense == "speech":
            break
        if tense != "neutral":
            return tense == "future"  # "expected in Brussels at the end of October did not take place"
    return neutral_seen


def _tense_words(sentence: Sentence, cues: Cues) -> list[tuple[Span, str]]:
    """The sentence's cue words that tell tense: future, past, neutral (planning words
    that can be past or future) and speech (a clause of its own). Of overlapping cues
    the longest counts ("to be held" is future, not "held")."""
    kinds = {"future": "future", "status:planned": "future", "status:held": "past", "status:cancelled": "past"}
    # "media reported on Wednesday that he would not travel": a report verb is speech too.
    reports = [c for c in sentence.cues if c.key == "act:statement" and c.text.lower() in cues.dating.report_verbs]
    found = [c for c in sentence.cues if c.key in kinds or c.key == "event:statement"] + reports
    longest = [
        c
        for c in found
        if not any(o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in found)
    ]
    out = []
    for c in longest:
        first = c.text.lower().split()[0]
        if c.key in ("event:statement", "act:statement"):
            tense = "speech"
        elif first in cues.planning_words or sentence.token_after(c.end, 1) == ["by"]:
            # "scheduled for", "a session chaired by": planning words and participles tell no tense
            tense = "neutral"
        elif kinds[c.key] == "past" and any(
            w in cues.talks.future_auxiliaries for w in [first, *sentence.token_before(c.start, 2)]
        ):
            tense = "future"  # "will be held", "will not travel"
        else:
            tense = kinds[c.key]
        out.append((c, tense))
    return out
