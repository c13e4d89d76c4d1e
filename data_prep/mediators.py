"""Mediators: who mediates a round, and which mediator another event concerns.

Helpers of the event stages (talks.py, other_events.py). The evidence for a round's
mediator is ranked (`mediators.evidence_strength` in cues.json): a declared host
beats a mediator seated with the parties, which beats the venue's track, and so on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .codebook import Codebook, Places
from .record import Event, Mention, Sentence, Span


@lru_cache(maxsize=8)
def _agent_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")


def round_mediator(
    sentence: Sentence,
    mentions: tuple[Mention, ...],
    cue: Span,
    venue_id: str | None,
    codebook: Codebook,
    places: Places,
) -> tuple[str | None, str | None]:
    """Who mediates a round, and how that is known: its declared host, else a mediator
    listed with the parties, else its venue's track, else the mediator named right
    before the talks word ("US talks"), else a mediating country named as the venue,
    else the state hosting the venue."""
    cues = codebook.cues.mediators
    candidates = [
        (m, codebook.mediator_of(m.entity_id))
        for m in mentions
        if m.entity_type == "actor" and codebook.side(m.entity_id) is None
    ]
    named = [(m, med) for m, med in candidates if med]
    text, base = sentence.text, sentence.start
    agent_words = _agent_pattern(cues.agent_words)
    # Another round's host is not this one's.
    own = [h for h in sentence.cue("hosting") if abs(h.start - cue.start) <= cues.hosting_window_chars]
    for host in sorted(own, key=lambda h: abs(h.start - cue.start)):
        # The host is the subject right before the verb ("the Russians have hosted",
        # "Michel hosted") or the agent after it ("hosted by", "under the auspices of").
        subject = [(host.start - m.end, med) for m, med in named if 0 <= host.start - m.end <= cues.host_distance_chars]
        agent = [
            (m.start - host.end, med)
            for m, med in named
            if 0 <= m.start - host.end <= cues.host_distance_chars
            and agent_words.search(text[host.end - base : m.start - base])
        ]
        if subject or agent:
            return min(subject or agent)[1], "host"
    # "The Russian, Armenian and Azerbaijani foreign ministers met": a mediator named
    # in one breath with the parties, before the talks word, sits at the table.
    parties = [m for m in mentions if m.entity_type == "actor" and codebook.side(m.entity_id) and m.start < cue.start]
    if parties:
        low, high = min(p.start for p in parties), max(p.end for p in parties)
        listed = [
            med for m, med in named if low - cues.listed_before_parties_chars <= m.start <= high and m.end <= cue.start
        ]
        if listed:
            return listed[0], "participant"
    venue = places[venue_id] if venue_id else None
    if venue is not None and venue.kind != "country" and venue.mediator_id:
        return venue.mediator_id, "venue"
    for m, med in named:
        if 0 <= cue.start - m.end <= cues.adjacent_chars:
            return med, "adjacent"
    if venue is not None and venue.kind == "country" and venue.country in codebook.mediators:
        return venue.country, "country"
    hosting_state = codebook.host_country(venue)
    if hosting_state:
        return hosting_state, "country"
    return None, None


def add_mediators(event: Event, actors: list[Mention], codebook: Codebook) -> None:
    """The round's mediator, and the people speaking for it, take the mediator role."""
    if not event.mediator_id:
        return
    event.roles.setdefault(event.mediator_id, "mediator")
    for m in actors:
        if codebook.mediator_of(m.entity_id) == event.mediator_id and codebook.side(m.entity_id) is None:
            event.roles.setdefault(m.entity_id, "mediator")


def mediator_involved(roles: dict[str, str], event_type: str, codebook: Codebook) -> str | None:
    """The mediator an event concerns: a mediating actor dealing with a conflict party.
    For accusations and refusals only the mediator on the receiving end counts, so
    that "who accused which mediator" never lists a mediator accusing itself."""
    if not any(codebook.side(a) for a in roles):
        return None
    receiving = event_type in ("accusation", "refusal")
    for actor_id, role in roles.items():
        mediator = codebook.mediator_of(actor_id)
        if mediator and codebook.side(actor_id) is None and (role == "target" or not receiving):
            return mediator
    return None
