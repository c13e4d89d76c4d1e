"""Events: what each sentence reports, with type, status, date, venue, actors and mediator.

A sentence yields its rounds of talks (one per talks word with a venue of its
own) and at most one other event. Talks need a talks word, evidence that the
conflict parties are the ones talking, and something that pins the round down (a
status, a venue or a date): "the peace talks have seen little progress" is no round. Sentences that only refer back to a round
("those talks", "the expected negotiations") update that round instead of making
a new one, and mentions of one round within an article are merged, so each
round appears once per document.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from .codebook import Codebook
from .dates import ResolvedDate, find_dates, parse_partial, resolve
from .language import Sentence, Span
from .resolution import Mention, Resolver

_PARTY_PRONOUNS = {"they", "them", "their", "both"}
_STATEMENT_PLACE = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:in|at)(?:\s+the)?\s*$")
STRENGTH = {"host": 4, "participant": 3, "venue": 2, "adjacent": 2, "country": 1, None: 0}


@dataclass
class Event:
    doc_id: str
    event_type: str
    start: int
    end: int
    sentence_index: int
    status: str | None = None
    date: ResolvedDate | None = None
    venue_id: str | None = None
    mediator_id: str | None = None
    mediator_how: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # actor_id -> role
    confidence: float = 0.5
    anaphoric: bool = False
    cue_start: int = 0  # where its talks word stands: one sentence can report two rounds
    fresh: bool = False  # announced as another round ("meet again", "the next round")

    @property
    def event_id(self) -> str:
        """Derived from content, so a rebuild gives the same ids."""
        raw = f"{self.doc_id}|{self.event_type}|{self.start}|{self.end}|{self.cue_start}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass
class Document:
    """What the extraction of one article needs to know about it as a whole."""

    doc_id: str
    published: str | None
    base: date | None  # the publication date, the base of relative dates
    base_is_month: bool
    dateline: tuple[str, int] | None  # (venue_id, end of the dateline paragraph)
    headline_venue: str | None = None  # the one place the headline names, for rounds that name none
    recent: int | None = None  # sentence index of the last round reported so far


@dataclass
class DatedSentence:
    sentence: Sentence
    mentions: list[Mention]
    dates: list[ResolvedDate]


class EventExtractor:
    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.resolver = Resolver(codebook)
        self.priority = codebook.cues["event_priority"]
        self.precedence = codebook.cues["status_precedence"]

    # -- per document -----------------------------------------------------------

    def extract(
        self,
        doc_id: str,
        sentences: list[Sentence],
        published: str | None,
        dateline: tuple[str, int] | None = None,
    ) -> tuple[list[Event], list[DatedSentence]]:
        """All events of one document, talks merged per round, duplicates dropped.

        `dateline` is the (place, paragraph end) of a wire dateline: talks in that
        paragraph that name no venue took place there.
        """
        base = parse_partial(published)
        base_is_month = bool(published) and len(published) == 7
        dateline_venue = self.codebook.find_venue(dateline[0]) if dateline else None
        doc = Document(
            doc_id, published, base, base_is_month, (dateline_venue.venue_id, dateline[1]) if dateline_venue else None
        )
        dated = self._date_sentences(sentences, base, base_is_month)
        doc.headline_venue = self._headline_venue(dated)
        talks: list[Event] = []
        others: list[Event] = []
        for index, item in enumerate(dated):
            found = []
            for event in self._talks(doc, index, item):
                if event.anaphoric:
                    target = _recent_talks(talks, index)
                    if target is not None:
                        self._absorb(target, event, adjacent=index - target.sentence_index <= 1)
                    continue
                found.append(event)
            talks.extend(found)
            if found:
                doc.recent = index
            other = self._other(
                doc_id, index, item, talks_found=bool(found), previous=others[-1] if others else None, doc=doc
            )
            if other is not None:
                others.append(other)
        for event in [*talks, *others]:
            if event.date is None and base is not None:
                event.date = ResolvedDate(
                    published, "month" if base_is_month else "day", "publication", "", event.start, event.start
                )
        rounds = _merge_rounds(talks, self.precedence, self.codebook)
        _credit_cancellations(rounds, others)
        return rounds + _dedupe(others, sentences), dated

    def _date_sentences(self, sentences: list[Sentence], base: date | None, base_is_month: bool) -> list[DatedSentence]:
        anchor = base
        out = []
        for sentence in sentences:
            resolved = []
            for mention in find_dates(sentence.text):
                # "will meet on Friday" looks ahead; "said on Friday that ... will" does not.
                at = sentence.start + mention.start
                ahead = sentence.cue("future") + sentence.cue("status:planned")
                future = any(0 <= at - c.end <= 40 for c in ahead)
                value = resolve(mention, base, anchor, future)
                if value is None:
                    continue
                value = replace(value, start=value.start + sentence.start, end=value.end + sentence.start)
                if (
                    base_is_month
                    and value.basis == "relative"
                    and value.precision == "day"
                    and mention.kind in ("weekday", "day_word", "relative_period")
                ):
                    value = replace(value, value=value.value[:7], precision="month")
                resolved.append(value)
                if value.precision == "day":
                    anchor = value.as_date()
            out.append(DatedSentence(sentence, self.resolver.resolve(sentence), resolved))
        return out

    def _headline_venue(self, dated: list[DatedSentence]) -> str | None:
        """The one city a headline names as a place, if it names exactly one."""
        if not dated:
            return None
        places = {
            m.entity_id
            for m in dated[0].mentions
            if m.entity_type == "venue" and self.codebook.venue(m.entity_id).kind == "city"
        }
        return places.pop() if len(places) == 1 else None

    # -- talks ------------------------------------------------------------------

    def _talks(self, doc: Document, index: int, item: DatedSentence) -> list[Event]:
        """The rounds a sentence reports: one per talks word that has its own venue
        ("the Berlin round was set up at a meeting ... in Munich" is two), else one."""
        sentence = item.sentence
        nouns = [n for n in sentence.cue("talks:nouns") if not self._other_sense(sentence, n)]
        if not nouns:
            return []
        placed = self._venues_by_noun(item, nouns)
        if not placed:
            return [e for e in [self._round(doc, index, item, nouns[0], None)] if e]
        nouns_with_places = [noun for noun, _ in placed]
        return [
            e for e in (self._round(doc, index, item, noun, venue, nouns_with_places) for noun, venue in placed) if e
        ]

    def _other_sense(self, sentence: Sentence, noun: Span) -> bool:
        """ "had not met its obligations": meet in another sense; "a CSTO summit": an
        organisation's summit, not a round between the parties."""
        if noun.text.lower() in ("summit", "summits"):
            organisations = [a for a in sentence.actors if self._kind(a.key) == "organization"]
            before = [a for a in organisations if 0 <= noun.start - a.end <= 2]
            after = [
                a for a in organisations if 0 <= a.start - noun.end <= 12 and "of" in sentence.token_after(noun.end, 1)
            ]
            return bool(before or after)
        if noun.text.lower() not in ("met", "meet", "meets"):
            return False
        following = sentence.token_after(noun.end, 3)
        return any(word in self.codebook.cues["talks"]["not_talks_objects"] for word in following)

    def _venues_by_noun(self, item: DatedSentence, nouns: list[Span]) -> list[tuple[Span, Mention]]:
        """Each talks word with its own place: the first place after it, before the next
        talks word ("a meeting ... in Munich"), else a place named right before it ("the
        Brussels meeting"), else, for the first talks word, the nearest place before it.

        A place that belongs to something else is no venue of talks: a statement ("as
        agreed in Prague", "told reporters in Baku") or fighting ("a flare-up in Karabakh")."""
        sentence = item.sentence
        text, base = sentence.text, sentence.start
        said = [c for c in sentence.cues if c.key in ("event:statement", "event:agreement")]
        other_events = [c for c in sentence.cues if c.key in ("event:military_action", "event:humanitarian")]

        def of_statement(place: Mention) -> bool:
            return any(
                0 <= place.start - c.end <= 30 and _STATEMENT_PLACE.match(text[c.end - base : place.start - base])
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
            before = [p for p in places if p.how == "attributive" and 0 <= noun.start - p.end <= 2]
            if not after and not before and i == 0:
                # "invited them to Brussels for talks": a place before the first talks word.
                before = [p for p in places if p.end <= noun.start and p.how != "attributive"][-1:]
            candidates = sorted(after + before, key=lambda p: _rank_place(self.codebook, p))
            if candidates:
                pairs.append((noun, candidates[0]))
        return pairs

    def _round(
        self,
        doc: Document,
        index: int,
        item: DatedSentence,
        cue: Span,
        place: Mention | None,
        placed_nouns: list[Span] = (),
    ) -> Event | None:
        sentence = item.sentence
        region = sentence.quote_of(cue.start)
        window = self.codebook.cues["talks"]["party_window_chars"]
        actors = [m for m in item.mentions if m.entity_type == "actor" and sentence.quote_of(m.start) == region]
        near = [m for m in actors if abs(m.start - cue.start) <= window]
        sides = {self.codebook.side(m.entity_id) for m in near} - {None}
        outsiders = [m for m in near if self.codebook.side(m.entity_id) is None and self._kind(m.entity_id) != "media"]
        generic = bool(sentence.cue("talks:generic_parties"))
        strong = bool(sentence.cue("talks:strong"))
        anaphora = [a for a in sentence.cue("talks:anaphora") if a.start <= cue.start and cue.end <= a.end]
        venue = place.entity_id if place else None
        headline_place = venue is None and doc.headline_venue is not None and index > 0
        if doc.dateline and sentence.end <= doc.dateline[1]:
            # The dateline city is where the talks are, unless the sentence names a place
            # other than the country it lies in ("in Kazakhstan's largest city").
            dateline_city = self.codebook.venue(doc.dateline[0])
            if venue is None or (self.codebook.venue(venue).kind == "country" and dateline_city.country == venue):
                venue = dateline_city.venue_id
        status = self._status(sentence, cue, sentence.cue("talks:nouns"), placed_nouns)
        if headline_place and status != "planned":
            # "LIVE | Eastern Partnership summit in Brussels": what happened, happened there;
            # a round still to come may be anywhere.
            venue = doc.headline_venue
        when = _nearest(item.dates, cue, sentence)
        mediator, how = self._mediator(sentence, item.mentions, cue, venue)
        event = Event(
            doc.doc_id,
            "talks",
            sentence.start,
            sentence.end,
            index,
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
        at_track_venue = bool(place and place.how == "locative" and self.codebook.venue(place.entity_id).mediator_id)
        # "On 6 October they held talks in Prague": a pronoun for the parties of a round
        # this article has just reported.
        continuing = (
            doc.recent is not None
            and index - doc.recent <= 3
            and any(t[2].lower() in _PARTY_PRONOUNS for t in sentence.tokens)
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
        if status == "planned" and any(c.text.lower() == "if" for c in sentence.cue("modal")):
            return None  # "if the U.S. ..., Baku could restore talks" plans nothing
        if when is not None and when.precision == "day" and _reported_between(sentence, when, cue):
            # "On October 25, X said that a meeting will not take place": the 25th is
            # the day of the statement; the round is only known to the month.
            when = replace(when, value=when.value[:7], precision="month")
            event.date = when
        if status is None:
            if not (venue and when) or when.basis == "publication":
                return None
            # No status word: a dated round before the article is held, after it planned.
            status = "planned" if doc.base and when.as_date() > doc.base else "held"
            event.confidence -= 0.15
        event.status = status
        parties = {m.entity_id for m in near if self.codebook.side(m.entity_id)}
        if len(sides) < 2:
            parties |= {members[0] for members in self.codebook.sides.values()}
        event.roles = {actor_id: "participant" for actor_id in sorted(parties)}
        self._add_mediators(event, actors)
        event.confidence = round(
            min(
                0.95,
                event.confidence
                + 0.15 * bool(venue)
                + 0.15 * bool(when)
                + 0.1 * bool(len(sides) >= 2)
                + 0.05 * bool(mediator),
            ),
            2,
        )
        return event

    def _status(
        self, sentence: Sentence, cue: Span | None = None, nouns: list[Span] = (), placed: list[Span] = ()
    ) -> str | None:
        """The firmest status the sentence states for the talks word `cue`; "held" inside
        "to be held" does not count, and where several talks words stand in the sentence
        each status word goes to the nearest one ("Brussels talks: commissions to meet")."""
        cues = [c for c in sentence.cues if c.key.startswith("status:")]
        if cue is not None and placed:
            overlaps = lambda c, n: c.start < n.end and n.start < c.end  # noqa: E731
            cues = [
                c for c in cues if overlaps(c, cue) or not any(overlaps(c, n) for n in nouns if n.start != cue.start)
            ]
        if cue is not None and len(placed) > 1:

            def distance(c, n):
                return 0 if c.start < n.end and n.start < c.end else min(abs(c.start - n.end), abs(n.start - c.end))

            cues = [c for c in cues if min(placed, key=lambda n: distance(c, n)).start == cue.start]
        kept = [
            c
            for c in cues
            if not any(
                o is not c and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
                for o in cues
            )
        ]
        present = {c.key.split(":", 1)[1] for c in kept}
        # "will hold talks", "would meet": a held-sounding verb under a future auxiliary plans.
        if "held" in present and all(
            sentence.token_before(c.start, 1)[-1:] in (["will"], ["would"], ["to"], ["shall"])
            for c in kept
            if c.key == "status:held"
        ):
            present = (present - {"held"}) | {"planned"}
        return next((s for s in self.precedence if s in present), None)

    def _venue(self, item: DatedSentence, cue: Span, allow_country: bool) -> tuple[str | None, Mention | None]:
        """The place of the event: the nearest city or region, else a country if allowed."""
        places = [m for m in item.mentions if m.entity_type == "venue"]
        if not allow_country:
            places = [m for m in places if self.codebook.venue(m.entity_id).kind != "country"]
        if not places:
            return None, None
        rank = lambda m: (self.codebook.venue(m.entity_id).kind == "country", abs(m.start - cue.start))  # noqa: E731
        best = min(places, key=rank)
        return best.entity_id, best

    def _mediator(
        self, sentence: Sentence, mentions: list[Mention], cue: Span, venue_id: str | None
    ) -> tuple[str | None, str | None]:
        """Who mediates a round: its declared host, else a mediator listed with the
        parties, else its venue's track, else the mediator named right before the talks
        word ("US talks"), else a mediating country named as the venue, else the state
        hosting the venue."""
        candidates = [
            (m, self.codebook.mediator_of(m.entity_id))
            for m in mentions
            if m.entity_type == "actor" and self.codebook.side(m.entity_id) is None
        ]
        candidates = [(m, med) for m, med in candidates if med]
        text, base = sentence.text, sentence.start
        own = [
            h for h in sentence.cue("hosting") if abs(h.start - cue.start) <= 40
        ]  # another round's host is not this one's
        for host in sorted(own, key=lambda h: abs(h.start - cue.start)):
            # The host is the subject right before the verb ("the Russians have hosted",
            # "Michel hosted") or the agent after it ("hosted by", "under the auspices of").
            subject = [(host.start - m.end, med) for m, med in candidates if 0 <= host.start - m.end <= 25]
            agent = [
                (m.start - host.end, med)
                for m, med in candidates
                if 0 <= m.start - host.end <= 25 and re.search(r"\b(by|of)\b", text[host.end - base : m.start - base])
            ]
            if subject or agent:
                return min(subject or agent)[1], "host"
        # "The Russian, Armenian and Azerbaijani foreign ministers met": a mediator named
        # in one breath with the parties, before the talks word, sits at the table.
        parties = [
            m for m in mentions if m.entity_type == "actor" and self.codebook.side(m.entity_id) and m.start < cue.start
        ]
        if parties:
            low, high = min(p.start for p in parties), max(p.end for p in parties)
            listed = [med for m, med in candidates if low - 40 <= m.start <= high and m.end <= cue.start]
            if listed:
                return listed[0], "participant"
        venue = self.codebook.venue(venue_id) if venue_id else None
        if venue is not None and venue.kind != "country" and venue.mediator_id:
            return venue.mediator_id, "venue"
        for m, med in candidates:
            if 0 <= cue.start - m.end <= 6:
                return med, "adjacent"
        if venue is not None and venue.kind == "country" and venue.country in self.codebook.mediators:
            return venue.country, "country"
        host = self.codebook.host_country(venue_id)
        if host:
            return host, "country"
        return None, None

    def _add_mediators(self, event: Event, actors: list[Mention]) -> None:
        if not event.mediator_id:
            return
        event.roles.setdefault(event.mediator_id, "mediator")
        for m in actors:
            if self.codebook.mediator_of(m.entity_id) == event.mediator_id and self.codebook.side(m.entity_id) is None:
                event.roles.setdefault(m.entity_id, "mediator")

    def _absorb(self, target: Event, anaphor: Event, adjacent: bool) -> None:
        """A sentence that refers back to a round adds what it knows to it."""
        if anaphor.status and (
            target.status is None or self.precedence.index(anaphor.status) < self.precedence.index(target.status)
        ):
            target.status = anaphor.status
            if adjacent:
                target.end = max(target.end, anaphor.end)
        if target.date is None and anaphor.date is not None:
            target.date = anaphor.date
        if STRENGTH[anaphor.mediator_how] > STRENGTH[target.mediator_how]:
            target.mediator_id, target.mediator_how = anaphor.mediator_id, anaphor.mediator_how
            if adjacent:
                target.end = max(target.end, anaphor.end)
        if target.mediator_id:
            target.roles.setdefault(target.mediator_id, "mediator")

    # -- other events -----------------------------------------------------------

    def _pronoun_referent(self, sentence: Sentence, previous: Event | None) -> str | None:
        """The lead actor of the previous event, when this sentence opens with a pronoun
        that fits it: "It" for a state or organisation, "He"/"She" for a person."""
        if previous is None or not sentence.tokens:
            return None
        first = sentence.tokens[0][2]
        lead = next((a for a, r in previous.roles.items() if r in ("initiator", "speaker")), None)
        if lead is None:
            return None
        kind = self._kind(lead)
        fits = (first == "It" and kind in ("state", "organization")) or (first in ("He", "She") and kind == "person")
        return lead if fits else None

    def _other(
        self,
        doc_id: str,
        index: int,
        item: DatedSentence,
        talks_found: bool,
        previous: Event | None = None,
        doc: Document | None = None,
    ) -> Event | None:
        sentence = item.sentence
        hedged = bool(sentence.cue("modal"))
        # What the sentence itself reports outranks what a quotation inside it mentions.
        outside = [c for c in sentence.cues if c.key.startswith("event:") and sentence.quote_of(c.start) is None]
        inside = [c for c in sentence.cues if c.key.startswith("event:") and sentence.quote_of(c.start) is not None]
        types: list[str] = []
        for pool in (outside, inside):
            keys = {c.key.split(":", 1)[1] for c in pool}
            types += [t for t in self.priority if t in keys and t not in types]
        if talks_found:
            types = [t for t in types if t in ("refusal", "accusation")]
        if hedged:
            types = [t for t in types if t != "agreement"]
        if not types:
            return None
        event_type = types[0]
        cue = next(c for c in [*outside, *inside] if c.key == f"event:{event_type}")
        actors = self._involved(item.mentions)
        before = [a for a in actors if a.start < cue.start]
        after = [a for a in actors if a.start >= cue.start]
        roles: dict[str, str] = {}
        lead = "speaker" if event_type == "statement" else "initiator"
        referent = self._pronoun_referent(sentence, previous) if not before else None
        if referent:
            roles[referent] = lead  # "It complained that ...": the actor the last sentence was about
        if not actors and not referent:
            return None
        other_role = "target" if event_type in ("accusation", "refusal", "sanction") else "participant"
        # "Azerbaijani Prime Minister Ali Asadov told": the person, not the adjective, speaks.
        people = [m for m in before if self._kind(m.entity_id) == "person"]
        if people:
            roles[people[0].entity_id] = lead
        for mention in before:
            roles.setdefault(mention.entity_id, lead if not roles else "participant")
        for mention in after:
            roles.setdefault(mention.entity_id, other_role)
        allow_country = event_type in ("meeting", "call")
        venue, _ = self._venue(item, cue, allow_country=allow_country)
        if venue is None and doc is not None and doc.dateline and sentence.end <= doc.dateline[1]:
            venue = doc.dateline[0]  # "Baku, 13 March (Agency) – ... told journalists"
        event = Event(
            doc_id,
            event_type,
            sentence.start,
            sentence.end,
            index,
            date=item.dates[0] if item.dates else None,
            venue_id=venue,
            roles=roles,
        )
        event.mediator_id = self._mediator_involved(roles, event_type)
        event.confidence = round(min(0.9, 0.5 + 0.1 * bool(before) + 0.1 * bool(item.dates) + 0.1 * bool(venue)), 2)
        return event

    def _kind(self, actor_id: str) -> str:
        actor = self.codebook.actors.get(actor_id)
        return actor.kind if actor else "person"

    def _involved(self, mentions: list[Mention]) -> list[Mention]:
        """Actors taking part, in order; news outlets cited as sources are not participants."""
        out, seen = [], set()
        for m in mentions:
            actor = self.codebook.actors.get(m.entity_id)
            if m.entity_type != "actor" or (actor is not None and actor.kind == "media") or m.entity_id in seen:
                continue
            seen.add(m.entity_id)
            out.append(m)
        return out

    def _mediator_involved(self, roles: dict[str, str], event_type: str) -> str | None:
        """The mediator an event concerns: a mediating actor dealing with a conflict party.
        For accusations and refusals only the mediator on the receiving end counts, so
        that "who accused which mediator" never lists a mediator accusing itself."""
        if not any(self.codebook.side(a) for a in roles):
            return None
        receiving = event_type in ("accusation", "refusal")
        for actor_id, role in roles.items():
            mediator = self.codebook.mediator_of(actor_id)
            if mediator and self.codebook.side(actor_id) is None and (role == "target" or not receiving):
                return mediator
        return None


def _credit_cancellations(rounds: list[Event], others: list[Event]) -> None:
    """Who called a round off: the initiator of a refusal in the round's own evidence
    ("Azerbaijan said it would not participate") becomes the round's initiator."""
    for round_ in rounds:
        if round_.status != "cancelled":
            continue
        for other in others:
            if other.event_type in ("refusal", "accusation") and round_.start <= other.start < round_.end:
                for actor_id, role in other.roles.items():
                    if role == "initiator" and round_.roles.get(actor_id) in (None, "participant"):
                        round_.roles[actor_id] = "initiator"


def _reported_between(sentence: Sentence, when: ResolvedDate, cue: Span) -> bool:
    """The date belongs to a statement about the round: a speech verb stands between
    the date and the talks word, or right beside the date ("said on Friday that")."""
    low, high = sorted((when.end, cue.start))
    speech = sentence.cue("event:statement")
    between = any(low <= c.start < high for c in speech)
    beside = any(0 <= when.start - c.end <= 2 for c in speech)
    return between or beside


def _nearest(dates: list[ResolvedDate], cue: Span, sentence: Sentence) -> ResolvedDate | None:
    """The date of a round: the one closest to its talks word, but a named date before
    "three weeks after", and a date of the round before the date of a statement about
    it ("said on Friday that a meeting planned for December 7 ...")."""
    offset = lambda d: bool(re.search(r"\b(ago|earlier|later|before|after|prior)$", d.text, re.I))  # noqa: E731
    reported = lambda d: _reported_between(sentence, d, cue)  # noqa: E731
    return min(dates, key=lambda d: (offset(d), reported(d), abs(d.start - cue.start))) if dates else None


def _rank_place(codebook: Codebook, mention: Mention) -> bool:
    """Cities and regions (False) sort before countries (True)."""
    return codebook.venue(mention.entity_id).kind == "country"


def _recent_talks(talks: list[Event], index: int, window: int = 3) -> Event | None:
    return talks[-1] if talks and index - talks[-1].sentence_index <= window else None


def _within(first: str, second: str, codebook: Codebook) -> bool:
    """One venue is the country the other lies in ("Kazakhstan" and "Almaty")."""
    a, b = codebook.venue(first), codebook.venue(second)
    return (a.kind == "country" and b.country == a.country) or (b.kind == "country" and a.country == b.country)


def _compatible(a: Event, b: Event, precedence: list[str], codebook: Codebook) -> bool:
    """Two talks mentions in one article that can be the same round ("meet again"
    announces another one)."""
    if (a.fresh or b.fresh) and a.sentence_index != b.sentence_index:
        return False
    if a.venue_id and b.venue_id and a.venue_id != b.venue_id and not _within(a.venue_id, b.venue_id, codebook):
        return False
    if a.mediator_id and b.mediator_id and a.mediator_id != b.mediator_id:
        return False
    dated = [e.date for e in (a, b) if e.date is not None and e.date.basis != "publication"]
    if len(dated) == 2 and dated[0].value[:7] != dated[1].value[:7]:
        return False
    if a.status == b.status:
        return True
    both_dated = len(dated) == 2
    return both_dated and {a.status, b.status} == {"planned", "cancelled"}


def _merge_rounds(talks: list[Event], precedence: list[str], codebook: Codebook) -> list[Event]:
    """One talks event per round per document: the most specific mention absorbs the rest."""
    specificity = lambda e: (bool(e.venue_id), bool(e.date and e.date.basis != "publication"), e.confidence)  # noqa: E731
    merged: list[Event] = []
    for event in sorted(talks, key=specificity, reverse=True):
        home = next((m for m in merged if _compatible(m, event, precedence, codebook)), None)
        if home is None:
            merged.append(event)
            continue
        if precedence.index(event.status) < precedence.index(home.status):
            home.status = event.status
        if home.venue_id is None or (
            event.venue_id
            and codebook.venue(home.venue_id).kind == "country"
            and codebook.venue(event.venue_id).kind != "country"
        ):
            home.venue_id = event.venue_id or home.venue_id
        if (home.date is None or home.date.basis == "publication") and event.date is not None:
            home.date = event.date
        if STRENGTH[event.mediator_how] > STRENGTH[home.mediator_how]:
            home.mediator_id, home.mediator_how = event.mediator_id, event.mediator_how
        for actor_id, role in event.roles.items():
            home.roles.setdefault(actor_id, role)
    # A round with neither place nor day is a process ("negotiations were completed"), not a round.
    kept = [e for e in merged if e.venue_id or (e.date and e.date.basis != "publication" and e.date.precision == "day")]
    return sorted(kept, key=lambda e: e.start)


def _dedupe(events: list[Event], sentences: list[Sentence]) -> list[Event]:
    """The same sentence repeated (a headline printed twice) reports one event."""
    seen, out = set(), []
    for event in events:
        key = (event.event_type, " ".join(sentences[event.sentence_index].text.split()).lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(event)
    return out
