"""The place a round's "there" stands for: "The leaders last met there in August".

A helper of `find_talks` (talks.py). A sentence without a place of its own that says
where its round was with a back-reference ("met there", "the talks there") points at
the place the sentence before it has just named. Only one such place will do: with
two ("from Moscow to Brussels") the reference is ambiguous, and a wrong venue is worse
than none. An existential "there" ("after the talks there was a dinner") places nothing.

"On the border" is a place only where the story is about the border commissions or has
already placed a round there (`on_the_border`).

A talks word in a clause opened by "where" ("agreed in Chisinau on June 1, where the
five leaders met") is at the place named last before that word, in its own sentence.
"""

from __future__ import annotations

from .codebook import Codebook
from .cues import TalksCues
from .record import Sentence, Span


def place_in_focus(sentence: Sentence, cue: Span, cues: TalksCues, previous_places: set[str]) -> str | None:
    """The one place the sentence before named, when the talks word `cue` is followed,
    within `place_back_reference_tokens` tokens, by a back-reference to a place."""
    reach, references, existential = (
        cues.place_back_reference_tokens,
        cues.place_back_references,
        cues.existential_followers,
    )
    relative = where_place(sentence, cue, cues)
    if relative is not None:
        return relative
    if len(previous_places) != 1:
        return None
    after = sentence.token_after(cue.end, reach + 1)
    for i, word in enumerate(after[:reach]):
        if word in references and not set(after[i + 1 : i + 2]) & existential:
            return next(iter(previous_places))
    return None


def on_the_border(sentence: Sentence, noun: Span, codebook: Codebook, border_rounds: bool) -> bool:
    """ "The ninth meeting of the border commissions was held on the border": the
    commissions' own border, wherever a plain "on the border" would be too vague; in an
    article that has placed a round there (`border_rounds`), "their fifth meeting was held
    on the border" too."""
    cues = codebook.cues.talks
    after = sentence.text[noun.end - sentence.start :].lower()
    return (
        cues.border_venue in codebook.venues
        and (border_rounds or any(t[2].lower() in cues.commission_words for t in sentence.tokens))
        and any(p in after for p in cues.border_phrases)
    )


def where_place(sentence: Sentence, cue: Span, cues: TalksCues) -> str | None:
    """ "... in Chisinau on June 1, where the five leaders met": the place named last before
    a place relative word (`place_relative_words`) that opens the talks word's clause."""
    before = [t for t in sentence.tokens if t[1] <= cue.start]
    for token in reversed(before):
        if token[2] in cues.place_relative_breaks:
            return None
        if token[2].lower() in cues.place_relative_words:
            named = [p for p in sentence.places if p.end <= token[0]]
            return named[-1].key if named else None
    return None
