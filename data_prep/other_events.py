"""Stages for the events other than rounds of talks: at most one per sentence.

`find_other_events` types each sentence by its cue words (`event_cues`, ranked by
`event_priority`) and gives the actors their roles; `credit_cancellations` says who
called a round off; `drop_repeated_events` keeps one event where a sentence is
printed twice (a headline repeated in the body).
"""

from __future__ import annotations

from dataclasses import replace

from .codebook import Codebook, Places
from .matchers import Knowledge
from .mediators import mediator_involved
from .record import Event, Findings, Mention, Record, Sentence, Span
from .talks_merge import fill_publication_date

_TARGETED = ("accusation", "refusal", "sanction")  # the actors after the cue are on the receiving end


def find_other_events(record: Record, knowledge: Knowledge) -> Record:
    """At most one event per sentence; where the sentence reported a round of its own,
    only a refusal or an accusation."""
    codebook = knowledge.codebook
    places = record.places(codebook)
    dateline = (
        (record.dateline_venue, record.article.dateline[1])
        if record.dateline_venue and record.article.dateline
        else None
    )
    others: list[Event] = []
    for index, item in enumerate(record.findings()):
        event = _event_of(
            record.article.doc_id,
            index,
            item,
            talks_found=index in record.round_sentences,
            previous=others[-1] if others else None,
            dateline=dateline,
            codebook=codebook,
            places=places,
        )
        if event is not None:
            others.append(event)
    fill_publication_date(others, record.article.published)
    return replace(record, other_events=tuple(others))


def _event_of(
    doc_id: str,
    index: int,
    item: Findings,
    talks_found: bool,
    previous: Event | None,
    dateline: tuple[str, int] | None,
    codebook: Codebook,
    places: Places,
) -> Event | None:
    cues = codebook.cues
    sentence = item.sentence
    hedged = bool(sentence.cue("modal"))
    # What the sentence itself reports outranks what a quotation inside it mentions.
    outside = [c for c in sentence.cues if c.key.startswith("event:") and sentence.quote_of(c.start) is None]
    inside = [c for c in sentence.cues if c.key.startswith("event:") and sentence.quote_of(c.start) is not None]
    types: list[str] = []
    for pool in (outside, inside):
        keys = {c.key.split(":", 1)[1] for c in pool}
        types += [t for t in cues.event_priority if t in keys and t not in types]
    if talks_found:
        types = [t for t in types if t in ("refusal", "accusation")]
    if hedged:
        types = [t for t in types if t != "agreement"]
    if not types:
        return None
    event_type = types[0]
    cue = next(c for c in [*outside, *inside] if c.key == f"event:{event_type}")
    actors = _involved(item.mentions, codebook)
    before = [a for a in actors if a.start < cue.start]
    after = [a for a in actors if a.start >= cue.start]
    roles: dict[str, str] = {}
    lead = "speaker" if event_type == "statement" else "initiator"
    referent = _pronoun_referent(sentence, previous, codebook) if not before else None
    if referent:
        roles[referent] = lead  # "It complained that ...": the actor the last sentence was about
    if not actors and not referent:
        return None
    other_role = "target" if event_type in _TARGETED else "participant"
    # "Azerbaijani Prime Minister Ali Asadov told": the person, not the adjective, speaks.
    people = [m for m in before if codebook.kind(m.entity_id) == "person"]
    if people:
        roles[people[0].entity_id] = lead
    for mention in before:
        roles.setdefault(mention.entity_id, lead if not roles else "participant")
    for mention in after:
        roles.setdefault(mention.entity_id, other_role)
    venue = _venue(item, cue, places, allow_country=event_type in ("meeting", "call"))
    if venue is None and dateline and sentence.end <= dateline[1]:
        venue = dateline[0]  # "Baku, 13 March (Agency) – ... told journalists"
    weights = cues.confidence.other
    return Event(
        doc_id,
        event_type,
        sentence.start,
        sentence.end,
        index,
        round(
            min(
                weights.max,
                weights.base
                + weights.actor_before_cue * bool(before)
                + weights.date * bool(item.dates)
                + weights.venue * bool(venue),
            ),
            2,
        ),
        date=item.dates[0] if item.dates else None,
        venue_id=venue,
        mediator_id=mediator_involved(roles, event_type, codebook),
        roles=roles,
    )


def _pronoun_referent(sentence: Sentence, previous: Event | None, codebook: Codebook) -> str | None:
    """The lead actor of the previous event, when this sentence opens with a pronoun
    that fits it (`other_events.opening_pronouns`): "It" for a state or organisation,
    "He"/"She" for a person."""
    if previous is None or not sentence.tokens:
        return None
    lead = next((a for a, r in previous.roles.items() if r in ("initiator", "speaker")), None)
    if lead is None:
        return None
    kinds = codebook.cues.other_events.opening_pronouns.get(sentence.tokens[0][2])
    return lead if kinds is not None and codebook.kind(lead) in kinds else None


def _involved(mentions: tuple[Mention, ...], codebook: Codebook) -> list[Mention]:
    """Actors taking part, in order; news outlets cited as sources are not participants."""
    out, seen = [], set()
    for m in mentions:
        actor = codebook.actors.get(m.entity_id)
        if m.entity_type != "actor" or (actor is not None and actor.kind == "media") or m.entity_id in seen:
            continue
        seen.add(m.entity_id)
        out.append(m)
    return out


def _venue(item: Findings, cue: Span, places: Places, allow_country: bool) -> str | None:
    """The place of the event: the nearest city or region, else a country if allowed."""
    venues = [m for m in item.mentions if m.entity_type == "venue"]
    if not allow_country:
        venues = [m for m in venues if not places.is_country(m.entity_id)]
    if not venues:
        return None
    return min(venues, key=lambda m: (places.is_country(m.entity_id), abs(m.start - cue.start))).entity_id


def credit_cancellations(record: Record, knowledge: Knowledge) -> Record:
    """Who called a round off: the initiator of a refusal in the round's own evidence
    ("Azerbaijan said it would not participate") becomes the round's initiator."""
    credited = []
    for round_ in record.talks:
        if round_.status == "cancelled":
            roles = dict(round_.roles)
            for other in record.other_events:
                if other.event_type in ("refusal", "accusation") and round_.start <= other.start < round_.end:
                    for actor_id, role in other.roles.items():
                        if role == "initiator" and roles.get(actor_id) in (None, "participant"):
                            roles[actor_id] = "initiator"
            round_ = replace(round_, roles=roles)
        credited.append(round_)
    return replace(record, talks=tuple(credited))


def drop_repeated_events(record: Record, knowledge: Knowledge) -> Record:
    """The same sentence repeated (a headline printed twice) reports one event."""
    seen, kept = set(), []
    for event in record.other_events:
        key = (event.event_type, " ".join(record.sentences[event.sentence_index].text.split()).lower())
        if key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return replace(record, other_events=tuple(kept))
