"""Resolution: decide what each matched name means in its sentence.

"Washington" is a government in "Washington said" and a place in "a meeting in
Washington"; "Spain" in "talks in Spain" is a venue, not an actor. This stage
reads the words around each name and settles it, producing the actor and venue
mentions of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codebook import Codebook, Venue
from .language import Sentence, Span

_ATTRIBUTIVE_NOUNS = {"meeting", "meetings", "talks", "summit", "round", "negotiations", "session", "-based", "based"}
_EDGE_WORDS = {
    "edge",
    "outskirts",
    "sidelines",
    "margins",
    "margin",
    "sideline",
    "suburbs",
    "centre",
    "center",
    "heart",
}
_PLACE_FILLERS = {
    "the",
    "and",
    "or",
    ",",
    "capital",
    "city",
    "here",
    "there",
    "of",
    "nearby",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "resort",
    "town",
    "region",
    "province",
}


@dataclass(frozen=True)
class Mention:
    """One resolved name in a sentence: an actor or a place where something happens."""

    entity_type: str  # actor or venue
    entity_id: str
    start: int
    end: int
    how: str  # alias, demonym, metonym, title, fuzzy, coref, locative, attributive

    @property
    def is_place_reading(self) -> bool:
        return self.entity_type == "venue"


class Resolver:
    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        cues = codebook.cues
        self.locative = set(cues["locative_prepositions"])
        self.motion = set(cues["motion_words"])
        self.planning = set(cues["planning_words"])

    def place_context(self, sentence: Sentence, span: Span) -> str | None:
        """'locative' ("in Baku", "in the Black Sea resort of Sochi", "return to
        Washington"), 'attributive' ("a Brussels meeting"), or None when the words
        around a name do not make it a place."""
        if _hyphen_joined(sentence, span):
            return None
        if span.text.split()[0].lower() in self.locative | {"on", "along"}:
            return "locative"  # an alias that carries its preposition: "on the inter-state border"
        before = [t[2] for t in sentence.tokens if t[1] <= span.start][-8:]
        after = sentence.token_after(span.end, 2)
        i, edge = len(before) - 1, False
        # Walk back over "the", "capital", "edge of", and names ("the Russian city of").
        while i >= 0 and len(before) - i <= 7:
            word = before[i]
            low = word.lower()
            if low in self.locative:
                return "locative"
            if low in _PLACE_FILLERS or low in _EDGE_WORDS or (word[:1].isupper() and low not in ("on", "to")):
                edge = edge or low in _EDGE_WORDS
                i -= 1
                continue
            break
        if i >= 0:
            low = before[i].lower()
            if low == "on" and edge:
                return "locative"  # "on the sidelines of the Munich Security Conference"
            if low == "to" and any(w.lower() in self.motion for w in before[max(0, i - 6) : i]):
                return "locative"
            if low == "for" and any(w.lower() in self.planning for w in before[max(0, i - 4) : i]):
                return "locative"  # "a meeting floated for Moscow"
        if after and after[0] in _ATTRIBUTIVE_NOUNS:
            return "attributive"
        return None

    def capital_of(self, venue: Venue, sentence: Sentence, span: Span) -> Venue:
        """ "the capital of the United Arab Emirates" is the city, not the country."""
        before = " ".join(sentence.token_before(span.start, 3))
        if venue.kind != "country" or not re.search(r"capital of( the)?$", before):
            return venue
        actor = self.codebook.actors.get(venue.country or "")
        for capital in actor.metonyms if actor else ():
            match = next((v for v in self.codebook.venues.values() if v.name == capital), None)
            if match:
                return match
        return venue

    def resolve(self, sentence: Sentence) -> list[Mention]:
        """The sentence's actor and venue mentions, one reading per stretch of text."""
        mentions: list[Mention] = []
        places_at = {(p.start, p.end): p for p in sentence.places}
        place_reading: set[tuple[int, int]] = set()
        for place in sentence.places:
            context = self.place_context(sentence, place)
            if context is None:
                continue
            venue = self.capital_of(self.codebook.venue(place.key), sentence, place)
            if venue.kind == "country" and context == "attributive":
                continue
            mentions.append(Mention("venue", venue.venue_id, place.start, place.end, context))
            place_reading.add((place.start, place.end))
        for actor in sentence.actors:
            if any(start <= actor.start and actor.end <= end for start, end in place_reading):
                continue  # "in Spain", "in the Belgian capital": a place, not an actor
            if actor.how == "metonym":
                if (actor.start, actor.end) in places_at and _hyphen_joined(sentence, actor):
                    continue  # "the Baku-Tbilisi-Kars railway" names a route, not a government
                if sentence.token_after(actor.end, 1)[:1] in (["based"], ["-"]):
                    continue
            mentions.append(Mention("actor", actor.key, actor.start, actor.end, actor.how))
        return sorted(mentions, key=lambda m: m.start)


def _hyphen_joined(sentence: Sentence, span: Span) -> bool:
    """Names joined by hyphens to other capitalised names ("Baku-Tbilisi-Kars") form a compound."""
    text = sentence.text
    local_start, local_end = span.start - sentence.start, span.end - sentence.start
    after = text[local_end : local_end + 2]
    if after[:1] == "-" and after[1:2].isupper():
        return True
    if local_start >= 2 and text[local_start - 1] == "-":
        previous_word = text[: local_start - 1].split()[-1:] or [""]
        return previous_word[0][:1].isupper()
    return False
