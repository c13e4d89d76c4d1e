"""Mediators: who mediates a round, and which mediator another event concerns.

Helpers of the event stages (talks.py, other_events.py). The evidence for a round's
mediator is ranked (`mediators.evidence_strength` in cues.json): a declared host
beats a mediator seated with the parties, which beats the venue's track, and so on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .codebook import Codebook, Places
from .cues import MediatorCues
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
    at the table (listed with the parties, met by them, or named after "with"), else
    its venue's track, else the mediator named right before the talks word ("US
    talks"), else a mediating country named as the venue. The state a venue lies in
    is no evidence: hosting is not mediating. An outlet reporting the round never
    mediates it, whatever its country."""
    cues = codebook.cues.mediators
    candidates = [
        (m, codebook.mediator_of(m.entity_id))
        for m in mentions
        if m.entity_type == "actor" and codebook.side(m.entity_id) is None and codebook.kind(m.entity_id) != "media"
    ]
    named = [(m, med) for m, med in candidates if med]
    text, base = sentence.text, sentence.start
    agent_words = _agent_pattern(cues.agent_words)
    parties = [m for m in mentions if m.entity_type == "actor" and codebook.side(m.entity_id)]
    guest_reach = cues.guest_distance_chars
    # Another round's host is not this one's, nor is the host of a summit ("who hosted the summit").
    own = [
        h
        for h in sentence.cue("hosting")
        if abs(h.start - cue.start) <= cues.hosting_window_chars
        and not _hosts_something_else(sentence, h, cues)
        and not (h.text.lower() in cues.guest_verbs and not _guest_follows(h, parties, sentence, guest_reach))
    ]
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
    gatherer = _gathering_subject(sentence, cue, named, parties, cues)
    if gatherer is not None:
        return gatherer, "host"
    # "The Russian, Armenian and Azerbaijani foreign ministers met", "Aliyev, Pashinyan,
    # Michel and Macron last sat at one table": a mediator named in one breath with the
    # parties, before the talks word with no other verb between, sits at the table.
    before = [p for p in parties if p.start < cue.start]
    verbs_and_speech = [
        c for c in sentence.cues if c.key.startswith("status:") or c.key == "event:statement" if c.start != cue.start
    ]
    if before:
        low, high = min(p.start for p in before), max(p.end for p in before)
        listed = [
            med
            for m, med in named
            if low - cues.listed_before_parties_chars <= m.start
            and m.end <= cue.start
            and (
                m.start <= high
                or (
                    cue.start - m.end > cues.adjacent_chars  # "US talks" is said of the talks, not the table
                    and not any(m.end <= c.start < cue.start for c in verbs_and_speech)
                )
            )
        ]
        if listed:
            return listed[0], "participant"
    # "held talks in Vienna with Charles Michel", "met Macron and Michel at Prague Castle",
    # "with the participation of Antony Blinken": a mediator the parties met.
    with_words = _with_pattern(cues.with_words, cues.with_max_words)
    met = [
        med
        for m, med in named
        if 0 <= m.start - cue.end <= cues.with_distance_chars
        and (m.start - cue.end <= 1 or with_words.search(text[cue.end - base : m.start - base]))
        and not any(cue.end <= p.start < m.start for p in parties)
    ]
    if met:
        return met[0], "participant"
    # "Lavrov held a trilateral meeting with Bayramov and Mirzoyan": a mediator as the
    # subject of a talks verb whose object the parties are ("let Turkey join the talks" is not).
    speech = sentence.cue("event:statement")
    verbs = [
        c
        for c in sentence.cues
        if c.key in ("status:held", "status:planned") and c.text.lower() not in cues.guest_verbs
    ]
    subject_of = [
        (cue.start - m.end, med)
        for m, med in named
        if cues.adjacent_chars < cue.start - m.end <= cues.subject_distance_chars
        and any(m.end <= v.start <= cue.start for v in verbs)
        and not any(m.end <= p.start < cue.start for p in parties)
        and not any(m.end <= c.start < cue.start for c in speech)
    ]
    if subject_of and any(p.start > cue.end for p in parties):
        return min(subject_of)[1], "participant"
    venue = places[venue_id] if venue_id else None
    if venue is not None and venue.kind != "country" and venue.mediator_id:
        return venue.mediator_id, "venue"
    for m, med in named:
        if 0 <= cue.start - m.end <= cues.adjacent_chars:
            return med, "adjacent"
    if venue is not None and venue.kind == "country" and venue.country in codebook.mediators:
        return venue.country, "country"
    return None, None


def _gathering_subject(
    sentence: Sentence, cue: Span, named: list[tuple[Mention, str]], parties: list[Mention], cues: MediatorCues
) -> str | None:
    """The mediator who gathers the parties when the talks word is the gathering verb itself
    ("Blinken had also convened the two ministers in New York ... and brought the two
    leaders together in Munich"): the nearest mediator before it, with no party, other
    mediator or speech verb between, is its subject, however far the verb stands."""
    if cue.text.lower() not in cues.gathering_verbs:
        return None
    before = [(m, med) for m, med in named if m.end <= cue.start]
    if not before:
        return None
    subject, mediator = before[-1]
    speech = sentence.cue("event:statement")
    if any(subject.end <= p.start < cue.start for p in parties) or any(
        subject.end <= c.start < cue.start for c in speech
    ):
        return None
    return mediator


def _hosts_something_else(sentence: Sentence, host: Span, cues: MediatorCues) -> bool:
    """ "who hosted the summit", "was hosting the second summit of the EPC": the host of
    a gathering around the round, not of the round."""
    return any(w in cues.not_hosted_objects for w in sentence.token_after(host.end, 3))


def _guest_follows(verb: Span, parties: list[Mention], sentence: Sentence, reach: int) -> bool:
    """ "welcomed both leaders", "welcomed Aliyev": a guest after the verb makes it a host's;
    "welcomed the meeting" is a reaction to the round."""
    starts = [p.start for p in parties] + [g.start for g in sentence.cue("talks:generic_parties")]
    return any(0 <= start - verb.end <= reach for start in starts)


@lru_cache(maxsize=8)
def _with_pattern(words: tuple[str, ...], max_words: int) -> re.Pattern[str]:
    """What lies between a talks word and a mediator the parties met ("in Vienna with")."""
    either = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?:{either})\b(?:\s+\S+){{0,{max_words}}}\s*$", re.I)


def no_mediator_said(sentence: Sentence, mentions: tuple[Mention, ...], codebook: Codebook) -> tuple[bool, str | None]:
    """What a sentence says against a mediator: (True, None) when it says its round had
    none ("held without any mediator", "met on their own"), (True, actor) when it says
    that a would-be mediator took no part ("Putin, who hosted the summit, did not take
    part", "Astana does not claim the role of a mediator"); (False, None) otherwise."""
    cues = codebook.cues.mediators
    lowered = sentence.text.lower()
    match = _phrase_pattern(cues.no_mediator_phrases).search(lowered) or _negated_mediator(cues).search(lowered)
    alone = _phrase_pattern(cues.on_their_own_phrases).search(lowered)
    found = match or alone
    if found is None:
        return False, None
    at = sentence.start + found.start()
    # Who the sentence says stood aside: the nearest party or would-be mediator before the
    # phrase; an analyst or outlet quoted ("X told Y that ... no third party") is neither.
    before = [
        m
        for m in mentions
        if m.entity_type == "actor"
        and m.end <= at
        and codebook.kind(m.entity_id) != "media"
        and (codebook.side(m.entity_id) or codebook.mediator_of(m.entity_id))
    ]
    named = [
        m
        for m in mentions
        if m.entity_type == "actor" and codebook.mediator_of(m.entity_id) and not codebook.side(m.entity_id)
    ]
    if match is None:
        # "met on their own": only when no would-be mediator is named ("leaving Michel to meet him on their own").
        return (not named), None
    if before:
        nearest = before[-1]
        if codebook.side(nearest.entity_id):
            # "Azerbaijan did not take part": a boycott, not a host standing aside; but "Aliyev
            # and Pashinyan met in Abu Dhabi, without mediators": both sides, then no mediator.
            sides = {codebook.side(m.entity_id) for m in before} - {None}
            # "without mediators", not "did not accept Russia as a mediator"
            bare = len(found.group(0).split()) <= cues.bare_negation_words
            return (len(sides) >= 2 and bare and not named and found.group(0) not in cues.abstention_phrases), None
        mediator = codebook.mediator_of(nearest.entity_id)
        return (True, mediator) if mediator else (False, None)
    return True, None


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(p.lower()) for p in phrases) + r")\b")


def _negated_mediator(cues: MediatorCues) -> re.Pattern[str]:
    """ "does not claim the role of a mediator", "without assuming the role of a mediator",
    "not mediating", "good offices, not mediation"."""
    return _negation_pattern(tuple(cues.negation_words), cues.negation_reach_words)


@lru_cache(maxsize=8)
def _negation_pattern(words: tuple[str, ...], reach: int) -> re.Pattern[str]:
    either = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?:{either})\b(?:\s+\S+){{0,{reach}}}?\s+mediat\w*")


def listed_mediator(event: Event, mentions: tuple[Mention, ...], codebook: Codebook, places: Places) -> None:
    """A place of a list ("six times in Brussels under Michel, twice with Putin in
    Sochi"): its venue's track, else a mediator named beside it."""
    if event.mediator_how == "declined":
        return
    venue = places[event.venue_id] if event.venue_id else None
    beside = [
        med
        for m in mentions
        if m.entity_type == "actor"
        and codebook.kind(m.entity_id) != "media"
        and (med := codebook.mediator_of(m.entity_id))
    ]
    mediator: str | None
    how: str | None
    if venue is not None and venue.mediator_id:
        mediator, how = venue.mediator_id, "venue"
    elif beside:
        mediator, how = beside[0], "participant"
    else:
        mediator, how = None, None
    event.roles = {a: r for a, r in event.roles.items() if r != "mediator"}
    event.mediator_id, event.mediator_how = mediator, how
    if mediator:
        event.roles.setdefault(mediator, "mediator")


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
