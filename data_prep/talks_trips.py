"""Whether a refused trip is a boycotted round: a helper of `find_talks` (talks.py).

"Azerbaijani state media reported on Wednesday that Aliyev would not travel to Granada"
tells of the round he stayed away from, when the story is about rounds (`find_talks`
asks for a round reported within `talks.reference_sentences` before, or both sides in
the sentence) and nothing else is said to be the trip's purpose. The phrases are codebook
data (`talks.refused_trips`, `talks.purpose_words` in cues.json).
"""

from __future__ import annotations

from .codebook import Codebook
from .record import Sentence, Span


def refused_trip_to_a_round(sentence: Sentence, noun: Span, codebook: Codebook) -> bool:
    """Whether a refused trip ("Aliyev would not travel to Granada", "Baku declined to go to
    Granada in October") stands for a round boycotted there: not when another talks word
    names the round ("refused to come to a Brussels meeting"), nor when the trip has another
    purpose ("would not travel to Moscow for the Victory Day parade": a `talks.purpose_words`
    word right after the place) or the sentence names an organisation's own meeting ("to
    Minsk for the CSTO summit")."""
    cues = codebook.cues.talks
    purpose = cues.purpose_words
    places = [p for p in sentence.places if p.start >= noun.end]
    if not places or any(w in purpose for w in sentence.token_after(places[0].end, 1)):
        return False
    if any(n.start != noun.start for n in sentence.cue("talks:nouns")):
        return False  # "refused to go to Granada for a meeting": the meeting is the round
    organisations = [
        a for a in sentence.actors if codebook.kind(a.key) == "organization" and codebook.side(a.key) is None
    ]
    return not any(
        a.start >= noun.end for a in organisations if (a.start, a.end) not in {(p.start, p.end) for p in places}
    )
