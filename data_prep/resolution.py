"""Resolution: decide what each matched name means in its sentence.

"Washington" is a government in "Washington said" and a place in "a meeting in
Washington"; "Spain" in "talks in Spain" is a venue, not an actor. This stage
reads the words around each name and settles it, producing the actor and venue
mentions of a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codebook import Codebook
from .language import Sentence, Span

_ATTRIBUTIVE_NOUNS = {"meeting", "meetings", "talks", "summit", "round", "negotiations", "format", "process", "declaration", "statement", "-based", "based"}
_PLACE_FILLERS = {"the", "capital", "city", "here", "there", "of", "nearby", "southern", "northern", "eastern", "western", "central", "resort", "town", "region", "province"}


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

    def place_context(self, sentence: Sentence, span: Span) -> str | None:
        """'locative' ("in Baku", "return to Washington"), 'attributive' ("a Brussels
        meeting"), or None when the words around a name do not make it a place."""
        before = sentence.token_before(span.start, 5)
        after = sentence.token_after(span.end, 2)
        if _hyphen_joined(sentence, span):
            return None
        # Skip "the", "capital", "here" etc. between the preposition and the name.
        words = list(before)
        while words and words[-1] in _PLACE_FILLERS:
            words.pop()
        if words:
            word = words[-1]
            if word in self.locative:
                return "locative"
            if word == "to" and len(words) >= 2 and words[-2] in self.motion:
                return "locative"
        if after and after[0] in _ATTRIBUTIVE_NOUNS and (not before or before[-1] in ("a", "the", "an")):
            return "attributive"
        return None

    def resolve(self, sentence: Sentence) -> list[Mention]:
        """The sentence's actor and venue mentions, one reading per stretch of text."""
        mentions: list[Mention] = []
        places_at = {(p.start, p.end): p for p in sentence.places}
        place_reading: set[tuple[int, int]] = set()
        for place in sentence.places:
            venue = self.codebook.venues[place.key]
            context = self.place_context(sentence, place)
            if context is None:
                continue
            if venue.kind == "country" and context == "attributive":
                continue
            mentions.append(Mention("venue", venue.venue_id, place.start, place.end, context))
            place_reading.add((place.start, place.end))
        for actor in sentence.actors:
            if (actor.start, actor.end) in place_reading:
                continue  # "in Spain": a place, not an actor
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
        previous_word = text[:local_start - 1].split()[-1:] or [""]
        return previous_word[0][:1].isupper()
    return False
