"""Where in its sentence each round stands: its talks word, its place, its dates.

A helper of `find_talks` (talks.py). A sentence can report several rounds: one per
talks word with a place of its own ("the Berlin round was prepared at the meeting
in Munich"), and one per place of a list after one talks word ("the leaders met in
Brussels on 14 May, in Moscow on 25 May and in Chisinau on 1 June"), or per month
of one place ("at Blair House in November 2022 and in Arlington in May and June
2023"). Each round owns the stretch of the sentence from its place to the next
round's place, and takes its dates from there; dates that belong to something
else are never a round's: the date of a document ("the statement of 9 November
2020"), a date in a "since" clause after the talks word ("the first meeting since
the text was agreed in March"), and an offset that the talks word is the reference
point of ("less than a week after the meeting in Prague, Macron ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .codebook import Places
from .cues import TalksCues
from .dates import ResolvedDate
from .record import Findings, Mention, Sentence, Span
from .talks_offsets import anchored_dates, beyond_offset


@dataclass(frozen=True)
class Slot:
    """One round's share of a sentence: its talks word, its place and the dates it owns
    (`dates` is None when the round may take any date of the sentence). `own_words`, for
    a later place of one talks word's list, is the stretch from the place before it to
    its own place: a status word there is this round's ("met in Brussels in May, and are
    expected in Chisinau next week")."""

    noun: Span
    place: Mention | None
    dates: tuple[ResolvedDate, ...] | None
    own_words: tuple[int, int] | None = None


@lru_cache(maxsize=8)
def _words_before(words: tuple[str, ...], link: str) -> re.Pattern[str]:
    """One of `words`, then `link`, right before a position: "the statement of "."""
    either = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?:{either})\s+{link}\s*$", re.I)


def own_dates(
    sentence: Sentence, dates: tuple[ResolvedDate, ...], noun: Span, place: Mention | None, cues: TalksCues
) -> list[ResolvedDate]:
    """The dates of the sentence that can be the round's of talks word `noun` at `place`.
    A "since" clause that names the round's place is about the round ("the first
    meeting since 22 May, when they gathered in Brussels"), not about something else."""
    text, base = sentence.text, sentence.start
    document = _words_before(tuple(cues.document_nouns), "of")
    background = [
        t[0]
        for t in sentence.tokens
        if t[0] > noun.end and t[2].lower() in cues.background_words and (place is None or place.start < t[0])
    ]
    # "the announcement on 10 March came three days after the meeting": the meeting is
    # the offset's reference point, and the dates before the offset are the announcement's.
    reference = [d for d in dates if is_reference_offset(d, noun, cues)]
    kept = []
    for d in dates:
        if any(d.end <= r.start for r in reference):
            continue
        if document.search(text[: d.start - base]) or _document_after(text[d.end - base :], cues):
            continue  # "the trilateral statement of November 9, 2020", "the April 19 document"
        if any(b < d.start for b in background):
            continue  # "... their first meeting since the text was agreed in March"
        if is_reference_offset(d, noun, cues):
            continue  # "less than a week after the meeting in Prague": the meeting is the reference
        kept.append(d)
    return list(anchored_dates(tuple(kept), noun, cues, dates))  # not "a week after" what has no day


def is_reference_offset(d: ResolvedDate, noun: Span, cues: TalksCues) -> bool:
    """ "three days after" before the talks word: an offset whose reference point is the round."""
    words = d.text.lower().split()
    return d.end <= noun.start and bool(words) and words[-1] in cues.reference_offset_words


@lru_cache(maxsize=8)
def _statement_place(prepositions: tuple[str, ...], articles: tuple[str, ...], max_words: int) -> re.Pattern[str]:
    """What lies between a speech verb and the place it was said in: "told reporters in"."""
    either = "|".join(re.escape(p) for p in prepositions)
    article = "|".join(re.escape(a) for a in articles)
    return re.compile(rf"^\s*(?:\w+\s+){{0,{max_words}}}?(?:{either})(?:\s+(?:{article}))?\s*$")


def places_by_noun(item: Findings, nouns: list[Span], venues: Places, cues: TalksCues) -> dict[int, list[Mention]]:
    """Each talks word's places (by the word's start): the first place after it, before
    the next talks word ("a meeting ... in Munich"), else a place named right before it
    ("the Brussels meeting"), else, for the first talks word, the nearest place before
    it; a place after it comes first with the places that follow it (a list).

    A place that belongs to something else is no venue of talks: a statement ("as
    agreed in Prague", "told reporters in Baku"), fighting ("a flare-up in Karabakh") or
    the event an offset counts from ("four days after the shelling in Syunik")."""
    sentence = item.sentence
    text, base = sentence.text, sentence.start
    # "signed a joint declaration at the White House": where a signing is the round, the
    # place of what was signed is the round's, not a statement's.
    signings = [n for n in nouns if n.text.lower() in cues.signing_verbs]
    said = [
        c
        for c in sentence.cues
        if c.key in ("event:statement", "event:agreement")
        and not (
            c.key == "event:agreement" and any(n.start <= c.start < n.end + cues.signer_reach_chars for n in signings)
        )
    ]
    other_events = [c for c in sentence.cues if c.key in ("event:military_action", "event:humanitarian")]
    statement_place = _statement_place(
        cues.statement_place_prepositions, cues.statement_place_articles, cues.statement_place_max_words
    )

    def of_statement(place: Mention) -> bool:
        return any(
            0 <= place.start - c.end <= cues.statement_to_place_chars
            and statement_place.match(text[c.end - base : place.start - base])
            for c in said
        )

    places = _without_seats(
        sorted((m for m in item.mentions if m.entity_type == "venue" and not of_statement(m)), key=lambda m: m.start),
        sentence,
        cues,
    )
    ordered = sorted(nouns, key=lambda n: n.start)
    event_reach = cues.event_to_place_chars
    pairs: dict[int, list[Mention]] = {}
    for i, noun in enumerate(ordered):
        limit = ordered[i + 1].start if i + 1 < len(ordered) else sentence.end
        after = [
            p
            for p in places
            if p.how != "attributive"
            and noun.end <= p.start < limit
            and not any(noun.end <= c.start < p.start for c in other_events)
            and not beyond_offset(p, noun, item.dates, cues)
        ]
        before = [
            p for p in places if p.how == "attributive" and 0 <= noun.start - p.end <= cues.attributive_place_chars
        ]
        if not after and not before and i == 0:
            # "invited them to Brussels for talks": a place before the first talks word,
            # unless it is the place of something else ("the crisis in Karabakh").
            before = [
                p
                for p in places
                if p.end <= noun.start
                and p.how != "attributive"
                and not any(0 <= p.start - c.end <= event_reach for c in other_events)
            ][-1:]
        # Cities and regions before countries.
        candidates = sorted(after + before, key=lambda p: venues.is_country(p.entity_id))
        if candidates:
            best = candidates[0]
            pairs[noun.start] = [best, *(p for p in after if p.start > best.end)] if best in after else [best]
    return pairs


def _without_seats(places: list[Mention], sentence: Sentence, cues: TalksCues) -> list[Mention]:
    """The places that are not the seat of the people a sentence cites: "officials in Baku
    and Yerevan confirmed" names where the officials sit, and the list after the first such
    place ("and Yerevan") shares its sense."""
    seat, links = _words_before(tuple(cues.seat_nouns), "in"), cues.seat_links
    text, base = sentence.text, sentence.start
    kept: list[Mention] = []
    previous: Mention | None = None  # the last seat found
    for place in places:
        before = text[: place.start - base]
        listed = previous is not None and text[previous.end - base : place.start - base].strip() in links
        if seat.search(before) or listed:
            previous = place
            continue
        kept.append(place)
    return kept


def _document_after(after: str, cues: TalksCues) -> bool:
    words = after.split()
    return bool(words) and words[0].lower().strip(",.;:") in cues.document_nouns


def slots_of(
    item: Findings,
    nouns: list[Span],
    places_of: dict[int, list[Mention]],
    places: Places,
    cues: TalksCues,
) -> list[Slot]:
    """The rounds of a sentence, one per talks word with a place (`places_of` gives each
    talks word's places, by its start, in order of the text) and one per further
    place or month of a list after it."""
    sentence = item.sentence
    ordered = [n for n in sorted(nouns, key=lambda n: n.start) if places_of.get(n.start)]
    stops = [t[0] for t in sentence.tokens if t[2].lower() in cues.list_stop_words]
    listed: list[tuple[Span, Mention]] = []
    for noun in ordered:
        first, *rest = places_of[noun.start]
        listed.append((noun, first))
        previous = first
        for place in rest:
            between = sentence.text[previous.end - sentence.start : place.start - sentence.start]
            if any(previous.end <= s < place.start for s in stops):
                break
            if _VICINITY.match(between):
                continue  # "in Arlington, outside Washington": the city places the town, no round of its own
            if not _LIST_LINK.search(between):
                if _LOCATES.search(between) and not places.is_country(place.entity_id):
                    # "at the State Department's training centre in Arlington": the town locates the building
                    listed[-1] = (noun, place)
                    previous = place
                    continue
                break
            if place.entity_id != previous.entity_id and _within(previous.entity_id, place.entity_id, places):
                continue  # "in Granada, Spain"; the same place again is another round of the list
            listed.append((noun, place))
            previous = place
    if len(listed) <= 1:
        return [Slot(noun, place, None) for noun, place in listed]
    slots = []
    for k, (noun, place) in enumerate(listed):
        if k == 0:
            start = sentence.start
        elif listed[k - 1][0] is noun:
            start = place.start  # the next place of one list
        else:
            start = min(noun.start, place.start)
        end = listed[k + 1][1].start if k + 1 < len(listed) and listed[k + 1][0] is noun else _next_noun(listed, k)
        mine = tuple(
            d
            for d in own_dates(sentence, item.dates, noun, place, cues)
            if start <= d.start < end and (k == 0 or d.start >= noun.start)
        )
        listed_after = k > 0 and listed[k - 1][0] is noun
        slots.append(Slot(noun, place, mine, (listed[k - 1][1].end, place.start) if listed_after else None))
    return _shared_dates(slots, sentence.text, sentence.start)


def _shared_dates(slots: list[Slot], text: str, offset: int) -> list[Slot]:
    """ "encounters in Granada and Brussels in October": places joined by a bare "and"
    share the date that follows the last of them."""
    for k in range(len(slots) - 2, -1, -1):
        here, after = slots[k], slots[k + 1]
        if here.dates or not after.dates or here.noun is not after.noun or here.place is None or after.place is None:
            continue
        if _BARE_AND.match(text[here.place.end - offset : after.place.start - offset]):
            slots[k] = replace(here, dates=after.dates)
    return slots


def chained(dates: list[ResolvedDate], first: ResolvedDate, sentence: Sentence) -> list[ResolvedDate]:
    """The dates that follow `first` as a list ("in May and June 2023", "on 14 December
    2021 and on 6 April 2022"), each in a month of its own: each is a round of its own.
    A date that opens another talks word's clause after a comma ("in Almaty in May, and
    last month Blinken brought them together in New York") is that round's, and ends the
    list; a month joined by a bare "and" ("sessions in May and June produced more than any
    summit") stays in it."""
    text, offset = sentence.text, sentence.start
    nouns = sentence.cue("talks:nouns")
    out, months, last = [], {first.value[:7]}, first
    for d in sorted(dates, key=lambda d: d.start):
        if d.start < last.end:
            continue
        if not _DATE_LINK.match(text[last.end - offset : d.start - offset]):
            break
        link = text[last.end - offset : d.start - offset]
        if _CLAUSE_BREAK.search(link) and any(
            n.start >= d.end and not _CLAUSE_BREAK.search(text[d.end - offset : n.start - offset]) for n in nouns
        ):
            break
        if d.value[:7] not in months and d.precision in ("day", "month"):
            out.append(d)
            months.add(d.value[:7])
        last = d
    return out


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
_LOCATES = re.compile(r"^[^,;:]{0,60}\b(?:in|at|near|outside)\s+(?:the\s+)?$", re.I)
# What places a town by a bigger place nearby: "Arlington, outside Washington".
_VICINITY = re.compile(
    r"^\s*,?\s*(?:just\s+|not\s+far\s+)?(?:outside|near|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?$", re.I
)
_BARE_AND = re.compile(r"^\s*(?:,\s*)?(?:and|or)\s+(?:in\s+|at\s+)?$", re.I)
_LIST_LINK = re.compile(r"(,|;|:|\band\b|\bor\b|\bthen\b)", re.I)
# What joins the dates of a list: "in May and June 2023", "on 14 December 2021 and on 6 April 2022",
# "in May and at the end of June" (the date found is "of June"), "in 2023 - in May and in June".
_DATE_LINK = re.compile(
    r"^\s*(?:[,:\u2013\u2014-]\s*)?(?:and|or)?\s*(?:again\s+)?(?:on|in|at)?\s*(?:the\s+(?:end|start|beginning|middle|close)\s*)?$",
    re.I,
)


def _next_noun(listed: list[tuple[Span, Mention]], k: int) -> int:
    """Where the next talks word's stretch begins: at that word, or at its place when
    the place comes first ("the Berlin round")."""
    noun = listed[k][0]
    later = [(n, p) for n, p in listed[k + 1 :] if n is not noun]
    if not later:
        return 10**12
    n, p = later[0]
    return min(n.start, p.start) if p.start > listed[k][1].end else n.start


def _within(first: str, second: str, places: Places) -> bool:
    """One place lies in the other ("Chisinau" and "Moldova")."""
    a, b = places[first], places[second]
    return (a.kind == "country" and b.country == a.country) or (b.kind == "country" and a.country == b.country)


def stretch_of(item: Findings, slots: list[Slot], n: int) -> tuple[Mention, ...]:
    """The names that belong to one round of several in a sentence: from the end of
    the round before it (its place, when the place follows its talks word) to the
    start of the round after it."""
    slot = slots[n]
    low, high = item.sentence.start, item.sentence.end
    if n:
        before = slots[n - 1]
        low = before.noun.end
        if before.place is not None and before.place.start > before.noun.start:
            low = max(low, before.place.end)
    if n + 1 < len(slots):
        after = slots[n + 1]
        high = after.noun.start if after.noun.start != slot.noun.start else after.place.start  # type: ignore[union-attr]
        if after.place is not None and after.place.start < after.noun.start:
            high = min(high, after.place.start)
    if slot.place is not None:
        low, high = min(low, slot.place.start), max(high, slot.place.end)
    return tuple(m for m in item.mentions if low <= m.start < high)
