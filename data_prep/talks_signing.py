"""Whether a signing is a round: a helper of `find_talks` (talks.py).

"The leaders of Armenia and Azerbaijan signed a joint declaration at the White House on
Friday" reports the two sides meeting to sign: a round held there and then. A signing
counts only when its signers stand before the verb, in active voice, and name both
sides with people among them (a leader or minister of each, or a phrase such as "the
two leaders"): "Armenia and Azerbaijan signed the Alma-Ata Declaration in 1991" names
states, not people at a table; "the statement signed by Putin" and "Baku signed a deal
with Ankara" are no round of these parties. The words are codebook data
(`talks.signing_verbs`, `talks.signer_words`, `talks.signer_reach_chars`,
`talks.passive_auxiliaries` in cues.json).
"""

from __future__ import annotations

from .codebook import Codebook
from .record import Sentence, Span


def joint_signing(sentence: Sentence, noun: Span, codebook: Codebook) -> bool:
    """Whether signing verb `noun` has both sides' people as its signers (see the module)."""
    cues = codebook.cues.talks
    if any(w in cues.passive_auxiliaries for w in sentence.token_before(noun.start, 1)):
        return False  # "the statement was signed in Moscow": the signers are not said here
    low = noun.start - cues.signer_reach_chars
    signers = [a for a in sentence.actors if low <= a.start and a.end <= noun.start and codebook.side(a.key)]
    people = {codebook.side(a.key) for a in signers if codebook.kind(a.key) == "person"}
    generic = [
        g
        for g in sentence.cue("talks:generic_parties")
        if low <= g.start and g.end <= noun.start and any(w in cues.signer_words for w in g.text.lower().split())
    ]
    sides = {codebook.side(a.key) for a in signers}
    if generic:
        return len(sides) != 1 or bool(people)  # "the two leaders signed", "the leaders of Armenia and Azerbaijan"
    return len(people) >= 2
