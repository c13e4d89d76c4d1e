"""Stage `find_talks`: the rounds of talks an article reports, one event per round.

A sentence yields a round for each talks word with a venue of its own (else one).
A round needs a talks word, evidence that the conflict parties are the ones talking,
and something that pins it down (a status, a venue or a date): "the peace talks
have seen little progress" is no round. Sentences that only refer back to a round
("those talks", "the expected negotiations") update that round instead of making a
new one, and the mentions of one round within the article are merged
(`merge_rounds`), so each round appears once per article.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from .codebook import Codebook
from .cues import TalksCues
from .dates import ResolvedDate, parse_partial
from .matchers import Knowledge
from .mediators import add_mediators, round_mediator
from .record import Event, Findings, Mention, Record, Sentence, Span
from .talks_merge import absorb, fill_publication_date, merge_rounds, recent_round
from .talks_status import status_of


def find_talks(record: Record, knowledge: Knowledge) -> Record:
    finder = _TalksFinder(record, knowledge.codebook)
    talks: list[Event] = []
    round_sentences = set()
    window = knowledge.cues.talks
    for index, item in enumerate(record.findings()):
        found = []
        for event in finder.rounds_in(index, item):
            if event.anaphoric:
                target = recent_round(talks, index, window.reference_sentences)
                if target is not None:
                    absorb(target, event, index - target.sentence_index <= window.adjacent_sentences, knowledge.cues)
                continue
            found.append(event)
        talks.extend(found)
        if found:
            finder.recent = index
            round_sentences.add(index)
    fill_publication_date(talks, record.article.published)
    rounds = merge_rounds(talks, knowledge.cues, finder.places)
    return replace(record, talks=tuple(rounds), round_sentences=frozenset(round_sentences))


@lru_cache(maxsize=8)
def _statement_place(prepositions: tuple[str, ...], articles: tuple[str, ...], max_words: int) -> re.Pattern[str]:
    """What lies between a speech verb and the place it was said in: "told reporters in"."""
    either = "|".join(re.escape(p) for p in prepositions)
    article = "|".join(re.escape(a) for a in articles)
    return re.compile(rf"^\s*(?:\w+\s+){{0,{max_words}}}?(?:{either})(?:\s+(?:{article}))?\s*$")


@lru_cache(maxsize=8)
def _offset_date(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")$", re.I)


class _TalksFinder:
    """The rounds of one article; remembers the last sentence that reported one."""

    def __init__(self, record: Record, codebook: Codebook):
        self.codebook = codebook
        self.cues: TalksCues = codebook.cues.talks
        self.places = record.places(codebook)
        self.doc_id = record.article.doc_id
        self.base: date | None = parse_partial(record.article.published)
        self.dateline = (
            (record.dateline_venue, record.article.dateline[1])
            if record.dateline_venue and record.article.dateline
            else None
        )
        self.headline_venue = self._headline_venue(record)
        self.recent: int | None = None  # sentence index of the last round reported so far

    def _headline_venue(self, record: Record) -> str | None:
        """The one city a headline names as a place, if it names exactly one."""
        if not record.mentions:
            return None
        cities = {
            m.entity_id
            for m in record.mentions[0]
            if m.entity_type == "venue" and self.places[m.entity_id].kind == "city"
        }
        return cities.pop() if len(cities) == 1 else None

    def rounds_in(self, index: int, item: Findings) -> list[Event]:
        """The rounds a sentence reports: one per talks word that has its own venue
        ("the Berlin round was set up at a meeting ... in Munich" is two), else one."""
        sentence = item.sentence
        nouns = [n for n in sentence.cue("talks:nouns") if not self._other_sense(sentence, n)]
        if not nouns:
            return []
        placed = self._venues_by_noun(item, nouns)
        if not placed:
            return [e for e in [self._round(index, item, nouns[0], None)] if e]
        nouns_with_places = [noun for noun, _ in placed]
        return [e for e in (self._round(index, item, noun, venue, nouns_with_places) for noun, venue in placed) if e]

    def _other_sense(self, sentence: Sentence, noun: Span) -> bool:
        """ "had not met its obligations": meet in another sense; "a CSTO summit": an
        organisation's summit, not a round between the parties."""
        cues = self.cues
        word = noun.text.lower()
        if word in cues.summit_nouns:
            organisations = [a for a in sentence.actors if self.codebook.kind(a.key) == "organization"]
            before = [a for a in organisations if 0 <= noun.start - a.end <= cues.organisation_before_summit_chars]
            after = [
                a
                for a in organisations
                if 0 <= a.start - noun.end <= cues.organisation_after_summit_chars
                and any(w in cues.organisation_link_words for w in sentence.token_after(noun.end, 1))
            ]
            return bool(before or after)
        if word not in cues.meet_verbs:
            return False
        return any(w in cues.not_talks_objects for w in sentence.token_after(noun.end, 3))

    def _venues_by_noun(self, item: Findings, nouns: list[Span]) -> list[tuple[Span, Mention]]:
        """Each talks word with its own place: the first place after it, before the next
        talks word ("a meeting ... in Munich"), else a place named right before it ("the
        Brussels meeting"), else, for the first talks word, the nearest place before it.

        A place that belongs to something else is no venue of talks: a statement ("as
        agreed in Prague", "told reporters in Baku") or fighting ("a flare-up in Karabakh")."""
        cues = self.cues
        sentence = item.sentence
        text, base = sentence.text, sentence.start
        said = [c for c in sentence.cues if c.key in ("event:statement", "event:agreement")]
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

        places = sorted(
            (m for m in item.mentions if m.entity_type == "venue" and not of_statement(m)), key=lambda m: m.start
        )
        ordered = sorted(nouns, key=lambda n: n.start)
        pairs = []
        for i, noun in enumerate(ordered):
            limit = ordered[i + 1].start if i + 1 < len(ordered) else sentence.end
            after = [
                p
                for p in places
                if p.how != "attributive"
                and noun.end <= p.start < limit
                and not any(noun.end <= c.start < p.start for c in other_events)
            ]
            before = [
                p for p in places if p.how == "attributive" and 0 <= noun.start - p.end <= cues.attributive_place_chars
            ]
            if not after and not before and i == 0:
                # "invited them to Brussels for talks": a place before the first talks word.
                before = [p for p in places if p.end <= noun.start and p.how != "attributive"][-1:]
            # Cities and regions before countries.
            candidates = sorted(after + before, key=lambda p: self.places.is_country(p.entity_id))
            if candidates:
                pairs.append((noun, candidates[0]))
        return pairs

    def _round(
        self, index: int, item: Findings, cue: Span, place: Mention | None, placed_nouns: list[Span] | None = None
    ) -> Event | None:
        codebook, cues, places = self.codebook, self.cues, self.places
        confidence = codebook.cues.confidence.talks
        sentence = item.sentence
        region = sentence.quote_of(cue.start)
        actors = [m for m in item.mentions if m.entity_type == "actor" and sentence.quote_of(m.start) == region]
        near = [m for m in actors if abs(m.start - cue.start) <= cues.party_window_chars]
        sides = {codebook.side(m.entity_id) for m in near} - {None}
        outsiders = [m for m in near if codebook.side(m.entity_id) is None and codebook.kind(m.entity_id) != "media"]
        generic = bool(sentence.cue("talks:generic_parties"))
        strong = bool(sentence.cue("talks:strong"))
        anaphora = [a for a in sentence.cue("talks:anaphora") if a.start <= cue.start and cue.end <= a.end]
        venue = place.entity_id if place else None
        headline_place = venue is None and self.headline_venue is not None and index > 0
        if self.dateline and sentence.end <= self.dateline[1]:
            # The dateline city is where the talks are, unless the sentence names a place
            # other than the country it lies in ("in Kazakhstan's largest city").
            dateline_city = places[self.dateline[0]]
            if venue is None or (places[venue].kind == "country" and dateline_city.country == venue):
                venue = dateline_city.venue_id
        status = status_of(sentence, codebook.cues, cue, sentence.cue("talks:nouns"), placed_nouns or [])
        if headline_place and status != "planned":
            # "LIVE | Eastern Partnership summit in Brussels": what happened, happened there;
            # a round still to come may be anywhere.
            venue = self.headline_venue
        when = self._nearest(item.dates, cue, sentence)
        mediator, how = round_mediator(sentence, item.mentions, cue, venue, codebook, places)
        event = Event(
            self.doc_id,
            "talks",
            sentence.start,
            sentence.end,
            index,
            confidence.base,
            status=status,
            date=when,
            venue_id=venue,
            mediator_id=mediator,
            mediator_how=how,
            cue_start=cue.start,
        )
        event.fresh = bool(sentence.cue("talks:new_round"))
        if anaphora and place is None and not event.fresh:
            event.anaphoric = True
            return event
        # One party walking out of talks at a mediation venue ("Baku pulled out of talks in
        # Washington") names the other by implication, if no one else is named.
        at_track_venue = bool(place and place.how == "locative" and places[place.entity_id].mediator_id)
        # "On 6 October they held talks in Prague": a pronoun for the parties of a round
        # this article has just reported.
        continuing = (
            self.recent is not None
            and index - self.recent <= cues.reference_sentences
            and any(t[2].lower() in cues.party_pronouns for t in sentence.tokens)
        )
        has_parties = (
            len(sides) >= 2
            or generic
            or (strong and not outsiders)
            or (len(sides) == 1 and at_track_venue and not outsiders)
            or (continuing and len(sides) != 1)
        )
        if not has_parties or not (status or venue or when):
            return None
        if status == "planned" and any(c.text.lower() in cues.conditional_words for c in sentence.cue("modal")):
            return None  # "if the U.S. ..., Baku could restore talks" plans nothing
        if when is not None and when.precision == "day" and self._reported_between(sentence, when, cue):
            # "On October 25, X said that a meeting will not take place": the 25th is
            # the day of the statement; the round is only known to the month.
            when = replace(when, value=when.value[:7], precision="month")
            event.date = when
        if status is None:
            if not (venue and when) or when.basis == "publication":
                return None
            # No status word: a dated round before the article is held, after it planned.
            status = "planned" if self.base and when.as_date() > self.base else "held"
            event.confidence += confidence.no_status_word
        event.status = status
        parties = {m.entity_id for m in near if codebook.side(m.entity_id)}
        if len(sides) < 2:
            parties |= {members[0] for members in codebook.sides.values()}
        event.roles = {actor_id: "participant" for actor_id in sorted(parties)}
        add_mediators(event, actors, codebook)
        event.confidence = round(
            min(
                confidence.max,
                event.confidence
                + confidence.venue * bool(venue)
                + confidence.date * bool(when)
                + confidence.both_sides * bool(len(sides) >= 2)
                + confidence.mediator * bool(mediator),
            ),
            2,
        )
        return event

    def _reported_between(self, sentence: Sentence, when: ResolvedDate, cue: Span) -> bool:
        """The date belongs to a statement about the round: a speech verb stands between
        the date and the talks word, or right beside the date ("said on Friday that")."""
        low, high = sorted((when.end, cue.start))
        speech = sentence.cue("event:statement")
        between = any(low <= c.start < high for c in speech)
        beside = any(0 <= when.start - c.end <= self.cues.speech_beside_date_chars for c in speech)
        return between or beside

    def _nearest(self, dates: tuple[ResolvedDate, ...], cue: Span, sentence: Sentence) -> ResolvedDate | None:
        """The date of a round: the one closest to its talks word, but a named date before
        "three weeks after", and a date of the round before the date of a statement about
        it ("said on Friday that a meeting planned for December 7 ...")."""
        offset_date = _offset_date(self.cues.offset_date_words)

        def rank(d: ResolvedDate) -> tuple[bool, bool, int]:
            return bool(offset_date.search(d.text)), self._reported_between(sentence, d, cue), abs(d.start - cue.start)

        return min(dates, key=rank) if dates else None
