"""Stages for the events other than rounds of talks: at most one per sentence.

`find_other_events` reads what each sentence reports of its own (event_reading.py:
predicates in its own clauses, with polarity and a subject) and gives the actors
of those clauses their roles; `credit_cancellations` says who
called a round off; `drop_repeated_events` keeps one event where a sentence is
printed twice (a headline repeated in the body).
"""

from __future__ import annotations

from dataclasses import replace

from .codebook import Codebook, Places
from .dates import ResolvedDate
from .event_reading import Reading, read_event, refusers, reports_nothing
from .matchers import Knowledge
from .mediators import mediator_involved
from .record import Event, Findings, Mention, Record, Sentence
from .talks_merge import fill_publication_date

_TARGETED = ("accusation", "refusal", "sanction")  # the actors after the cue are on the receiving end


def find_other_events(record: Record, knowledge: Knowledge) -> Record:
    """At most one event per sentence, read from the sentence's own clauses
    (event_reading.py); a sentence that reported a round can report a statement,
    an agreement or a refusal besides ("Michel said they would meet again")."""
    codebook = knowledge.codebook
    places = record.places(codebook)
    text = record.article.text
    dateline = (
        (record.dateline_venue, record.article.dateline[1])
        if record.dateline_venue and record.article.dateline
        else None
    )
    others: list[Event] = []
    for index, item in enumerate(record.findings()):
        if reports_nothing(_line_of(text, item.sentence), codebook.cues.event_reading):
            continue
        event = _event_of(record, index, item, others, dateline=dateline, codebook=codebook, places=places)
        if event is not None:
            others.append(event)
    fill_publication_date(others, record.article.published)
    return replace(record, other_events=tuple(others))


def _line_of(text: str, sentence: Sentence) -> str:
    """The line (paragraph) a sentence stands in: a headline or caption is a line of its own."""
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    return text[start : end if end >= 0 else len(text)]


def _event_of(
    record: Record,
    index: int,
    item: Findings,
    others: list[Event],
    dateline: tuple[str, int] | None,
    codebook: Codebook,
    places: Places,
) -> Event | None:
    reading = read_event(item.sentence, item.mentions, codebook)
    if reading is None:
        return None
    event_type, cue = reading.event_type, reading.cue
    actors = [m for m in _involved(item.mentions, codebook) if reading.holds(m.start)]
    lead = "speaker" if event_type == "statement" else "initiator"
    subject = reading.subject
    if subject is not None:
        leads = [subject.entity_id]
    else:
        leads = [] if reading.unnamed else _referents(reading.referring, index, record, others, codebook)
    referring = codebook.cues.other_events.referring_subjects.values()
    anonymous = not any(reading.referring in words for words in referring)  # "officials said"
    if reading.unnamed and (
        index in record.round_sentences or reading.cue.text.lower() in codebook.cues.event_reading.standing_verbs
    ):
        return None  # "..., officials said" of a round (its source); "diplomats say" (commentary): nobody named
    if not leads and anonymous and event_type == "statement" and index in record.round_sentences:
        return None  # "..., it was said" of a round: the source of its report, not a statement of its own
    roles = {actor_id: lead for actor_id in leads}
    other_role = "target" if event_type in _TARGETED else "participant"
    for mention in actors:
        if reading.mutual and mention.start < cue.start:
            roles[mention.entity_id] = "initiator"  # "Baku and Yerevan accused each other"
        roles.setdefault(mention.entity_id, other_role if mention.start >= cue.start else "participant")
    named = [*roles, *(m.entity_id for m in _involved(item.mentions, codebook))]
    if not any(codebook.side(a) or codebook.mediator_of(a) for a in named) and not _on_the_ground(
        event_type, item, places, codebook, bool(named)
    ):
        return None  # nobody of this peace process is in the sentence
    venue = _venue(item, reading, places, allow_country=event_type in ("meeting", "call"))
    if venue is None and dateline and item.sentence.end <= dateline[1]:
        venue = dateline[0]  # "Baku, 13 March (Agency) – ... told journalists"
    when = _date(item, reading, codebook)
    weights = codebook.cues.confidence.other
    return Event(
        record.article.doc_id,
        event_type,
        item.sentence.start,
        item.sentence.end,
        index,
        round(
            min(
                weights.max,
                weights.base
                + weights.actor_before_cue * bool(subject and subject.start < cue.start)
                + weights.date * bool(when)
                + weights.venue * bool(venue),
            ),
            2,
        ),
        date=when,
        venue_id=venue,
        mediator_id=mediator_involved(roles, event_type, codebook),
        roles=roles,
    )


def _on_the_ground(event_type: str, item: Findings, places: Places, codebook: Codebook, named: bool) -> bool:
    """Fighting or displacement in a place of the parties ("Heavy fighting broke out
    along the line of contact in Karabakh") belongs to the process with no actor named;
    so does fighting with no actor and no place named at all ("Clashes along the border
    left 280 dead"): in an article about this process, nothing points elsewhere."""
    if event_type not in ("military_action", "humanitarian"):
        return False
    venues = [m for m in item.mentions if m.entity_type == "venue"]
    if not venues and not named:
        return True
    return any(codebook.side(places[m.entity_id].country or "") for m in venues)


def _date(item: Findings, reading: Reading, codebook: Codebook) -> ResolvedDate | None:
    """The event's date from its own clauses: the nearest before its predicate, else the
    nearest after it; a statement's date stands right after the speech verb ("said on
    Friday"), never in what was said ("said the talks would be held on 20 November")."""
    cue = reading.cue
    own = [d for d in item.dates if reading.holds(d.start)]
    before = [d for d in own if d.end <= cue.start]
    if before:
        return before[-1]
    after = [d for d in own if d.start >= cue.end]
    if reading.event_type == "statement":
        after = [d for d in after if d.start - cue.end <= codebook.cues.event_reading.date_after_speech_chars]
    return after[0] if after else None


def _referents(word: str | None, index: int, record: Record, others: list[Event], codebook: Codebook) -> list[str]:
    """Who an unnamed subject stands for (`other_events.referring_subjects`): "he" or
    "the Secretary" is the last person who led an event in the sentences just before
    (else the last person named there); "it" or "the ministry" the last state or
    organisation that did; "they" or "the leaders" the parties of the last round
    reported (else of the last event with both sides in it)."""
    if word is None:
        return []
    config = codebook.cues.other_events
    kind = next((k for k, words in config.referring_subjects.items() if word in words), None)
    earliest = index - config.reference_sentences
    recent = [e for e in reversed(others) if earliest <= e.sentence_index < index]
    if kind == "parties":
        rounds = [t for t in reversed(record.talks) if t.sentence_index < index]
        for event in rounds + recent:
            parties = [a for a in event.roles if codebook.side(a)]
            if len({codebook.side(a) for a in parties}) >= 2:
                return parties
        return []
    kinds = ("person",) if kind == "person" else ("state", "organization")

    titles = {w for a in codebook.actors.values() if a.title for w in a.title.lower().split()}

    def fits(actor_id: str) -> bool:
        # "the Secretary" is not the spokesperson who reads the readout: where the word is a
        # title and the candidate's title is known, the title must hold it.
        actor = codebook.actors.get(actor_id)
        title = (actor.title or "").lower() if actor else ""
        return codebook.kind(actor_id) in kinds and (word not in titles or not title or word in title.split())

    for event in recent:
        lead = next((a for a, r in event.roles.items() if r in ("speaker", "initiator")), None)
        if lead is not None and fits(lead):
            return [lead]
    for mentions in reversed(record.mentions[max(earliest, 0) : index]):
        named = [m.entity_id for m in mentions if m.entity_type == "actor" and fits(m.entity_id)]
        if named:
            return [named[0]]
    return []


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


def _venue(item: Findings, reading: Reading, places: Places, allow_country: bool) -> str | None:
    """The place of the event, in its own clauses: the nearest city or region, else a
    country if allowed."""
    cue = reading.cue
    venues = [m for m in item.mentions if m.entity_type == "venue" and reading.holds(m.start)]
    if not allow_country:
        venues = [m for m in venues if not places.is_country(m.entity_id)]
    if not venues:
        return None
    return min(venues, key=lambda m: (places.is_country(m.entity_id), abs(m.start - cue.start))).entity_id


def credit_cancellations(record: Record, knowledge: Knowledge) -> Record:
    """Who called a round off: the initiator of a refusal in the round's own evidence
    ("Azerbaijan said it would not participate") becomes the round's initiator; failing
    one, whoever refuses in a background clause of that evidence ("collapsed after
    Aliyev declined to travel")."""
    credited = []
    for round_ in record.talks:
        if round_.status == "cancelled":
            roles = dict(round_.roles)
            callers = [
                actor_id
                for other in record.other_events
                if other.event_type in ("refusal", "accusation") and round_.start <= other.start < round_.end
                for actor_id, role in other.roles.items()
                if role == "initiator"
            ]
            if not callers:  # "collapsed after Aliyev declined to travel": the refusal is the reason given
                for index, sentence in enumerate(record.sentences):
                    if round_.start <= sentence.start < round_.end:
                        callers += refusers(sentence, record.mentions[index], knowledge.codebook)
            for actor_id in callers:
                if roles.get(actor_id) in (None, "participant"):
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
