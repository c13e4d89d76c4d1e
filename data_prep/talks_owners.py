"""Whose talks a talks word names: a helper of `find_talks` (talks.py).

"Putin called Pashinyan to brief him on his talks with Aliyev in Baku" names both
parties, but the talks were a third state's with one of them: no round between the
parties. The possessive and the partner word are codebook data (`talks` in cues.json).
"""

from __future__ import annotations

from .codebook import Codebook
from .record import Sentence, Span


def outsiders_own_talks(sentence: Sentence, noun: Span, codebook: Codebook) -> bool:
    """ "his talks with Aliyev", where the sentence's subject, the first actor named
    outside the partner's side ("Putin called Pashinyan ...", "after his talks with
    Aliyev, he said Moscow ..."), is no party: a third state's talks with one party
    are no round between the parties, whoever else the sentence names."""
    cues = codebook.cues.talks
    possessive = set(sentence.token_before(noun.start, 1)) & set(cues.one_person_possessives)
    held_with = set(sentence.token_after(noun.end, 1)) & set(cues.partner_words)
    if not (possessive and held_with):
        return False
    actors = sorted((a for a in sentence.actors if codebook.kind(a.key) != "media"), key=lambda a: a.start)
    partner = next((codebook.side(a.key) for a in actors if a.start >= noun.end), None)
    subject = next((a for a in actors if codebook.side(a.key) != partner), None)
    return partner is not None and subject is not None and codebook.side(subject.key) is None
