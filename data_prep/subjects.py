"""Who does an act a sentence reports: the subject of its predicate, named or not.

A predicate needs someone to do it: a named actor, a pronoun, a speaking noun ("the
ministry", "the Secretary") or a name the codebook lacks. Where the subject is
named, it is the first actor of the predicate's clause ("Azerbaijani President Ilham
Aliyev said": the person, not the adjective before the name); where it is a word that
refers back ("he", "the Secretary", "the leaders"), the event stage resolves that
word from the sentences before (other_events.py).
"""

from __future__ import annotations

from .clauses import Clauses
from .codebook import Codebook
from .record import Mention, Span


def has_subject(s: Clauses, cue: Span, actors: list[Mention], speech: bool) -> bool:
    """Someone to do it: an actor, a pronoun, a speaking noun ("the ministry") or a
    capitalised word past the first before the predicate in the sentence's own clauses, or, for speech, right after it
    ("said Lavrov", "said a spokesman")."""
    first = s.index(cue.start)
    own = [i for i in range(first) if not s.background[i]]
    if any(s.words[i] in s.reading.subject_pronouns for i in own):
        return True
    if any(i > 0 and s.sentence.tokens[i][2][:1].isupper() for i in own):
        return True  # a name the codebook lacks ("Hikmet Hajiyev accused ...")
    if speech and any(s.words[i].isalpha() for i in own):
        return True  # "the presidential aide added": whoever speaks, someone does
    starts = set(own)
    sources = s.named("speech_sources") + s.spans.get("talks:generic_parties", [])
    places = [(m.start, m.end) for m in actors] + [(c.start, c.end) for c in sources]
    if any(end <= cue.start and s.index(start) in starts for start, end in places):
        return True
    if speech:
        after = [start for start, _ in places if start >= cue.end]
        return bool(after) and s.index(min(after)) - s.index(cue.end - 1) <= 3
    return False


def subject_of(s: Clauses, cue: Span, actors: list[Mention], codebook: Codebook) -> Mention | None:
    """Who does it, when named: the first actor before the predicate in its clause (a
    person rather than the adjective before their name: "Azerbaijani President Ilham
    Aliyev said"); failing a word that refers back ("he", "the ministry"), the nearest
    actor before it; else, for speech, the one right after it ("said Lavrov")."""
    clause = s.sentence.tokens[s.clause_start(s.index(cue.start))][0]
    mine = [m for m in actors if clause <= m.start and m.end <= cue.start]
    # A title right before a name is part of it ("Foreign Minister Jeyhun Bayramov told").
    named = [s.index(m.start) for m in actors if m.end <= cue.start]
    words = [
        (at, w)
        for at, w in referring_before(s, cue, clause)
        if w in s.reading.subject_pronouns or not any(0 < n - s.index(at) <= 4 for n in named)
    ]
    if words and (not mine or words[0][0] < mine[0].start):
        return None  # "The Secretary commended President Aliyev": the word before the name is the subject
    if mine:
        people = [m for m in mine if codebook.kind(m.entity_id) == "person"]
        if people and s.index(people[0].start) - s.index(mine[0].end - 1) <= 4:
            return people[0]
        return mine[0]
    if referring(s, cue, clause) is not None:
        return None
    # "Lavrov, Russia's foreign minister, said": the sentence's subject, never the object of
    # a preposition ("blocked the road to Georgia, arguing").
    before = [m for m in actors if m.end <= cue.start and not _after_preposition(s, m)]
    if before:
        return before[0]
    if not _opens_clause(s, cue):
        return None  # "Huseynova reported from Baku": someone unnamed stands before the verb
    after = [m for m in actors if m.start >= cue.end]
    return after[0] if after and s.index(after[0].start) - s.index(cue.end - 1) <= 3 else None


def _after_preposition(s: Clauses, mention: Mention) -> bool:
    at = s.index(mention.start)
    return at > 0 and s.words[at - 1] in s.reading.object_prepositions


def _opens_clause(s: Clauses, cue: Span) -> bool:
    """Whether the predicate opens its clause, quotation marks aside: '"...," said Lavrov'."""
    at = s.index(cue.start)
    return all(not any(ch.isalnum() for ch in s.words[i]) for i in range(s.clause_start(at), at))


def referring_before(s: Clauses, cue: Span, since: int) -> list[tuple[int, str]]:
    """(position, last word) of the pronouns and speaking nouns between `since` and the
    predicate, outside background clauses, in order."""
    words = [(start, word) for start, end, word in s.subject_pronouns if since <= start and end <= cue.start]
    words += [
        (span.start, span.text.lower().split()[-1])
        for span in s.named("speech_sources")
        if since <= span.start and span.end <= cue.start and not s.in_background(span)
    ]
    return sorted(words)


def referring(s: Clauses, cue: Span, since: int = 0) -> str | None:
    """The last word of the pronoun or speaking noun nearest before the predicate
    (from character `since`), else right after it ("said a spokesman", "according to
    him"): what the caller resolves from the sentences before ("he", "secretary")."""
    found = _referring_at(s, cue, since)
    return found[1] if found else None


def unnamed(s: Clauses, cue: Span) -> bool:
    """Whether the predicate's subject is a bare plural that names nobody ("officials
    said", "diplomats say", "analysts say"); "the officials" refers back to someone named."""
    found = _referring_at(s, cue, 0)
    if found is None or found[1] not in s.reading.unnamed_speakers:
        return False
    at = s.index(found[0])
    since = max(s.clause_start(at), at - 3)
    return not any(w in s.reading.determiners for w in s.words[since:at])  # "the three officials"


def person_before(s: Clauses, cue: Span, actors: list[Mention], codebook: Codebook) -> Mention | None:
    """The person a pronoun subject stands for when named earlier in the same sentence,
    outside background clauses: "Erdogan is absent: he announced ..." is Erdogan."""
    found = _referring_at(s, cue, 0)
    persons = codebook.cues.other_events.referring_subjects.get("person", frozenset())
    if found is None or found[1] not in s.reading.subject_pronouns or found[1] not in persons:
        return None
    people = [
        m
        for m in actors
        if m.end <= found[0] and codebook.kind(m.entity_id) == "person" and not s.background[s.index(m.start)]
    ]
    return people[0] if people else None


def _referring_at(s: Clauses, cue: Span, since: int) -> tuple[int, str] | None:
    before = [(at, word) for at, word in referring_before(s, cue, since) if not _object_of_act(s, at, cue)]
    if before:
        return before[-1]
    last = s.index(cue.end - 1)
    after = [(span.start, span.text.lower().split()[-1]) for span in s.named("speech_sources") if span.start >= cue.end]
    if cue.key == "reading:attributions":  # "according to him"; "said it would" is what was said
        after += [
            (t[0], w) for t, w in zip(s.sentence.tokens, s.words) if t[0] >= cue.end and w in s.reading.subject_pronouns
        ]
    after = [(start, word) for start, word in after if s.index(start) - last <= 3]
    return min(after) if after else None


def _object_of_act(s: Clauses, position: int, cue: Span) -> bool:
    """A word after another predicate of the cue's clause is that predicate's object, not the
    cue's subject: "His Highness welcomed the two leaders ... and expressed" (not "leaders"),
    unless a content clause opens between them ("said that the leaders agreed")."""
    at = s.index(position)
    start = s.clause_start(s.index(cue.start))
    acts = [s.index(c.start) for k, cs in s.spans.items() if k.startswith("act:") for c in cs if c.end <= position]
    return any(start <= a < at and not any(w in s.reading.complementizers for w in s.words[a:at]) for a in acts)


def nearest_before(cue: Span, actors: list[Mention]) -> Mention | None:
    before = [m for m in actors if m.end <= cue.start]
    return before[-1] if before else None


def possessive(s: Clauses, mention: Mention) -> bool:
    """ "Putin's offer", whether the name was matched with its "'s" or without."""
    if s.sentence.text[mention.end - s.sentence.start - 2 : mention.end - s.sentence.start] in ("'s", "\u2019s"):
        return True
    i = s.index(mention.end)
    return i < len(s.words) and s.sentence.tokens[i][0] == mention.end and s.words[i] in ("'s", "'", "\u2019s")
