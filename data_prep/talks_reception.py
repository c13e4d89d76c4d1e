"""Whether a host's welcome is a round: a helper of `find_talks` (talks.py).

"Trump welcomed the leaders of Armenia and Azerbaijan to the White House" is a host
receiving both parties at a place, a round held there; "Michel welcomed Pashinyan to
Brussels" (one party) and "Baku welcomed the Armenia-Azerbaijan agreement in Washington"
(no one received) are not. A welcome counts only when its object, ending right before
a link word ("to", "at", "in"), is both parties or a plural party phrase and ends with
one of them. The words are codebook data (`talks.reception_*` in cues.json).
"""

from __future__ import annotations

from .codebook import Codebook
from .record import Sentence, Span


def welcome_of_both_parties(sentence: Sentence, noun: Span, codebook: Codebook) -> bool:
    """Whether welcome word `noun` receives both parties at a place (see the module)."""
    cues = codebook.cues.talks
    after = [t for t in sentence.tokens if t[0] >= noun.end][: cues.reception_object_tokens + 1]
    link = next((t for t in after if t[2].lower() in cues.reception_links), None)
    if link is None or link is after[0]:
        return False
    start, end = noun.end, link[0]
    words = [t[2] for t in after if t[0] < end]
    if any("'" in w or "\u2019" in w for w in words):
        return False  # "welcomed the leaders' commitment to": a possessive, no one received
    parties = [a for a in sentence.actors if start <= a.start and a.end <= end and codebook.side(a.key)]
    generic = [g for g in sentence.cue("talks:generic_parties") if start <= g.start and g.end <= end]
    both = len({codebook.side(a.key) for a in parties}) >= 2 or bool(generic)
    last = max((s.end for s in [*parties, *generic]), default=-1)
    object_end = max(t[1] for t in after if t[0] < end)
    return both and last == object_end
