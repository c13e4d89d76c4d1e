"""Stage `find_talks`: the rounds of talks an article reports, one event per round.

A sentence yields a round for each talks word with a venue of its own (else one).
A round needs a talks word, evidence that the conflict parties are the ones talking,
and something that pins it down (a status, a venue or a date): "the peace talks
have seen little progress" is no round. Sentences that only refer back to a round
("those talks", "the expected negotiations") update that round instead of making a
new one, and the mentions of one round within the article are merged
(`merge_rounds`), so each round appears once per article. A sentence that counts
several rounds together ("three rounds hosted here") gives one event marked as an
aggregate (`talks_aggregates`): evidence, never a round.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .clauses import clauses_of
from .codebook import Codebook
from .cues import TalksCues
from .dates import parse_partial
from .matchers import Knowledge
from .mediators import add_mediators, listed_mediator, no_mediator_said, round_mediator
from .record import Event, Findings, Mention, Record, Sentence, Span
from .talks_aggregates import mark_aggregate
from .talks_dates import before_the_offset, nearest_date, outside_place_clauses, reported_between
from .talks_focus import on_the_border, place_in_focus
from .talks_merge import absorb, dated_rounds, merge_rounds, recent_round
from .talks_senses import bilateral, other_sense, said_bilateral
from .talks_slots import Slot, chained, own_dates, places_by_noun, slots_of, stretch_of
from .talks_status import last_round_since, mere_proposal, status_of


def find_talks(record: Record, knowledge: Knowledge) -> Record:
    finder = _TalksFinder(record, knowledge.codebook)
    talks: list[Event] = []
    round_sentences = set()
    window = knowledge.cues.talks
    declined: set[str] = set()  # would-be mediators the article says took no part
    strength = knowledge.cues.mediators.strength
    for index, item in enumerate(record.findings()):
        found = []
        said, who = no_mediator_said(item.sentence, item.mentions, knowledge.codebook)
        events = finder.rounds_in(index, item)
        finder.previous_places = finder.cities_named(item.sentence)
        if said and who:
            declined.add(who)
        elif said:
            # "held without any mediator": this sentence's rounds, or the round it continues.
            target = recent_round(talks, index, window.reference_sentences)
            if target is None and len(talks) == 1:
                target = talks[0]  # "the summit was held without any third party": the article's one round
            for event in events or ([target] if target else []):
                _without_mediator(event)
        same_format = any(p in item.sentence.text.lower() for p in window.same_format_phrases)
        for event in events:
            earlier = talks[-1] if talks else None
            if (
                same_format
                and earlier
                and earlier.mediator_id
                and strength(event.mediator_how) < strength("participant")
            ):
                # "had met in the same format in Moldova": the format's mediator was there too.
                event.mediator_id, event.mediator_how = earlier.mediator_id, "participant"
                event.roles.setdefault(earlier.mediator_id, "mediator")
            target = recent_round(talks, index, window.reference_sentences)
            adjacent = target is not None and index - target.sentence_index <= window.adjacent_sentences
            if event.anaphoric or (event.places_back_reference and adjacent and target and not target.venue_id):
                if target is not None:
                    absorb(target, event, adjacent, knowledge.cues)
                    finder.recent = index  # "The meeting was chaired by ...": the story is still on the round
                continue
            found.append(event)
        talks.extend(found)
        finder.border_rounds |= any(e.venue_id == window.border_venue for e in found)
        if found:
            finder.recent = index
            round_sentences.add(index)
    rounds = merge_rounds(dated_rounds(talks, record, knowledge.cues.talks), knowledge.cues, finder.places)
    for event in rounds:
        venue = finder.places[event.venue_id] if event.venue_id else None
        if (
            event.mediator_id in declined
            and venue is not None
            and event.mediator_id in (venue.country, venue.mediator_id)
        ):
            _without_mediator(event)  # "Kazakhstan provided a venue but was not mediating"
    return replace(record, talks=tuple(rounds), round_sentences=frozenset(round_sentences))


def _without_mediator(event: Event) -> None:
    """The round had no mediator, on the article's word: that outranks any other evidence."""
    event.mediator_id, event.mediator_how = None, "declined"
    event.roles = {actor: role for actor, role in event.roles.items() if role != "mediator"}


class _TalksFinder:
    """The rounds of one article; remembers the last sentence that reported one."""

    def __init__(self, record: Record, codebook: Codebook):
        self.codebook = codebook
        self.cues: TalksCues = codebook.cues.talks
        self.places = record.places(codebook)
        self.doc_id = record.article.doc_id
        self.base: date | None = parse_partial(record.article.published)
        self.dateline = self._dateline(record, codebook)
        self.headline_venue = self._headline_venue(record)
        self.recent: int | None = None  # sentence index of the last round reported so far
        self.previous_places: set[str] = set()  # the venues the sentence before names
        self.border_rounds = False  # whether a round so far was on the parties' border

    def _dateline(self, record: Record, codebook: Codebook) -> tuple[str, int, int] | None:
        """The dateline's venue and the stretch of its paragraph. A party's own capital
        ("YEREVAN, January 15. /Agency/.") is where an agency files from, not a venue."""
        if not record.dateline_venue or not record.article.dateline:
            return None
        venue = self.places[record.dateline_venue]
        if venue.country and codebook.side(venue.country):
            return None
        end = record.article.dateline[1]
        return record.dateline_venue, record.article.text.rfind("\n", 0, end) + 1, end

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

    def cities_named(self, sentence: Sentence) -> set[str]:
        """The cities a sentence names, as places or for their governments ("back to Brussels")."""
        known = [p.key for p in sentence.places if p.key in self.codebook.venues or p.key in self.places.found]
        return {key for key in known if self.places[key].kind == "city"}

    def rounds_in(self, index: int, item: Findings) -> list[Event]:
        """The rounds a sentence reports: one per talks word that has its own venue
        ("the Berlin round was set up at a meeting ... in Munich") and one per further
        place or month of a list after it (`talks_slots.slots_of`), else one."""
        sentence = item.sentence
        nouns = [n for n in sentence.cue("talks:nouns") if not other_sense(sentence, n, self.codebook)]
        if not nouns:
            return []
        slots = slots_of(item, nouns, places_by_noun(item, nouns, self.places, self.cues), self.places, self.cues)
        if not slots:
            single = self._round(index, item, Slot(nouns[0], None, None), [], item.mentions)
            return mark_aggregate([single] if single else [], sentence, self.codebook.cues)
        placed_nouns = list({slot.noun.start: slot.noun for slot in slots}.values())
        events = []
        for n, slot in enumerate(slots):
            mentions = stretch_of(item, slots, n) if len(slots) > 1 else item.mentions
            event = self._round(index, item, slot, placed_nouns, mentions)
            if event is None:
                continue
            if sum(s.noun.start == slot.noun.start for s in slots) > 1:
                listed_mediator(event, mentions, self.codebook, self.places)
            if n and slot.noun.start == slots[n - 1].noun.start and slot.place:
                event.cue_start = slot.place.start  # another place of one list: another round
            events.append(event)
            events.extend(self._chained(item, slot, event))
        return mark_aggregate(events, sentence, self.codebook.cues)

    def _chained(self, item: Findings, slot: Slot, event: Event) -> list[Event]:
        """ "in May and June 2023": the months listed after a round's date are rounds too."""
        if event.date is None or event.date.basis == "publication":
            return []
        sentence = item.sentence
        candidates = (
            list(slot.dates)
            if slot.dates is not None
            else own_dates(sentence, item.dates, slot.noun, slot.place, self.cues)
        )
        dates = chained(candidates, event.date, sentence)
        if dates and event.date.precision == "year" and all(d.value[:4] == event.date.value for d in dates):
            event.date, dates = dates[0], dates[1:]  # "twice in 2023 - in early May and at the end of June"
        return [replace(event, date=d, roles=dict(event.roles), cue_start=d.start) for d in dates]

    def _round(
        self, index: int, item: Findings, slot: Slot, placed_nouns: list[Span], mentions: tuple[Mention, ...]
    ) -> Event | None:
        codebook, cues, places = self.codebook, self.cues, self.places
        confidence = codebook.cues.confidence.talks
        sentence = item.sentence
        cue, place = slot.noun, slot.place
        region = sentence.quote_of(cue.start)
        actors = [m for m in item.mentions if m.entity_type == "actor" and sentence.quote_of(m.start) == region]
        near = [m for m in actors if abs(m.start - cue.start) <= cues.party_window_chars]
        clauses = clauses_of(sentence, codebook.cues.event_reading)
        own = [m for m in near if not clauses.relative[clauses.index(m.start)]]
        if not clauses.in_background(cue) and any(codebook.side(m.entity_id) for m in own):
            # "Pashinyan met Blinken in Brussels, in a format that Azerbaijan had denounced":
            # where the round's own clause names who sat at the table, a party named in a
            # relative clause did not ("the meeting which Scholz held with Aliyev and
            # Pashinyan" names them nowhere else, so there they count).
            near = own
        sides = {codebook.side(m.entity_id) for m in near} - {None}
        # "skipped a Brussels meeting because Macron was to attend": a third party named in a
        # background clause did not sit at the table.
        outsiders = [
            m
            for m in near
            if codebook.side(m.entity_id) is None
            and codebook.kind(m.entity_id) != "media"
            and not (clauses.background[clauses.index(m.start)] and not clauses.relative[clauses.index(m.start)])
        ]
        generic = bool(sentence.cue("talks:generic_parties"))
        strong = bool(sentence.cue("talks:strong"))
        anaphora = [a for a in sentence.cue("talks:anaphora") if a.start <= cue.start and cue.end <= a.end]
        venue = place.entity_id if place else None
        if venue is None:  # "The leaders last met there in August": the place just named
            venue = place_in_focus(sentence, cue, cues, self.previous_places)
        # "... back to Brussels. The leaders last met there in August.": a sentence without a
        # place of its own that follows one naming another place is not the headline's.
        headline_place = (
            venue is None
            and self.headline_venue is not None
            and index > 0
            and not self.previous_places - {self.headline_venue}
        )
        # A refused trip's words ("refused to come to a Brussels meeting") are the status of the round it names.
        nouns = [n for n in sentence.cue("talks:nouns") if n.text.lower() not in cues.refused_trips or n is cue]
        status = status_of(sentence, codebook.cues, cue, nouns, placed_nouns, slot.own_words)
        if venue is None and on_the_border(sentence, cue, codebook, self.border_rounds):
            venue = cues.border_venue
        if self.dateline and self.dateline[1] <= sentence.start < self.dateline[2] and status != "planned":
            # The dateline city is where the talks in its own paragraph were, unless the
            # sentence names a place other than the country it lies in ("in Kazakhstan's
            # largest city"); a round still to come may be anywhere.
            dateline_city = places[self.dateline[0]]
            if venue is None or (places[venue].kind == "country" and dateline_city.country == venue):
                venue = dateline_city.venue_id
        if headline_place and status in ("held", "cancelled"):
            # "LIVE | Eastern Partnership summit in Brussels": what happened, happened there;
            # a round still to come may be anywhere.
            venue = self.headline_venue
        dates = slot.dates if slot.dates is not None else tuple(own_dates(sentence, item.dates, cue, place, cues))
        dates = outside_place_clauses(dates, cue, clauses)
        when = nearest_date(dates, cue, sentence, cues, place.start if place and slot.dates is not None else None)
        when = when or before_the_offset(sentence, item.dates, cue, cues, self.base)  # "came three days after they met"
        if status == "cancelled" and (lapse := last_round_since(sentence, codebook.cues, when)) is not None:
            if not lapse:
                return None  # "have not held talks in Brussels since": held once, when unknown
            status = "held"  # "have not held a sit-down since last July": the last round was then
        mediator, how = round_mediator(sentence, mentions, cue, venue, codebook, places)
        if bilateral(sentence, cue, cues) or said_bilateral(sentence, cue, cues):
            mediator, how = None, "declined"  # "their bilateral meeting in Abu Dhabi"
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
        # "the meeting took place on the border": an undated back-reference that names a
        # place gives it to a placeless round reported just before (see `find_talks`).
        event.places_back_reference = bool(anaphora) and not event.fresh and when is None
        # One party walking out of talks at a mediation venue ("Baku pulled out of talks in
        # Washington", "turned down a fourth Washington round") names the other by
        # implication, if no one else is named.
        at_track_venue = bool(
            place
            and places[place.entity_id].mediator_id
            and (
                place.how == "locative"
                or cue.text.lower() in cues.round_nouns
                # "skipped a Brussels meeting", not "the Moscow meeting of CIS leaders"
                or (status == "cancelled" and not set(sentence.token_after(cue.end, 1)) & cues.organisation_link_words)
            )
            and not bilateral(sentence, cue, cues)  # "Bayramov will hold bilateral meetings in Washington"
        )
        # "On 6 October they held talks in Prague", "The previous meeting was held in Vienna":
        # a pronoun or a round counted in a sequence, for the parties of a round just reported.
        continuing = (
            self.recent is not None
            and index - self.recent <= cues.reference_sentences
            and (
                any(t[2].lower() in cues.party_pronouns for t in sentence.tokens)
                or any(w in cues.sequence_words for w in sentence.token_before(cue.start, 2))
                or any(w in cues.repetition_words for w in sentence.token_after(cue.end, 1))  # "will convene again"
            )
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
        in_story = self.recent is not None and index - self.recent <= cues.reference_sentences
        if cue.text.lower() in cues.refused_trips and len(sides) < 2 and not in_story:
            return None  # "Pashinyan will not travel to Moscow": a boycotted round only where the story has rounds
        if status == "planned" and (
            any(c.text.lower() in cues.conditional_words for c in sentence.cue("modal"))
            or mere_proposal(sentence, codebook.cues)
        ):
            return None  # "if the U.S. ..., Baku could restore talks", "Putin proposed talks" plan nothing
        if when is not None and when.precision == "day" and reported_between(sentence, when, cue, cues):
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
        add_mediators(event, [m for m in actors if m in mentions], codebook)
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
