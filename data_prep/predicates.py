"""Checks on one predicate of a sentence, apart from the clause walk (event_reading.py):
what a speech verb does here (speaks, hosts, calls), whether a predicate names a
document rather than reports an act, is a standing stance, is a news outlet's sourcing
or a meeting that is really a round, and whether an accusing word stands undismissed.
"""

from __future__ import annotations

from .clauses import Clauses, clauses_of, negated
from .codebook import Codebook
from .record import Mention, Sentence, Span
from .subjects import possessive, referring, referring_before, subject_of

__all__ = [
    "a_meeting",
    "accuses",
    "accusing",
    "names_a_document",
    "one_party",
    "sourcing",
    "spoken",
    "standing_verb",
]


def names_a_document(s: Clauses, cue: Span) -> bool:
    """A participle right after a document's noun ("the protocol signed", "The document,
    signed") says which document, not that it was signed now; "the deal was signed" is an act,
    and so is a verb with the document as its subject ("The statement carries the signatures")."""
    if not cue.text.split()[0].lower().endswith("ed"):
        return False  # not a participle
    at = s.index(cue.start)
    before = s.words[max(0, at - 2) : at]
    if before[-1:] == [","]:
        before = before[:-1]
    return bool(before) and before[-1] in s.reading.document_nouns


def spoken(s: Clauses, cue: Span, actors: list[Mention], codebook: Codebook) -> str | None:
    reading = s.reading
    i = s.index(cue.start)
    if i > 0 and s.words[i - 1] in reading.passive_auxiliaries:
        return None  # "it must be said that": nobody speaks
    verb = cue.text.lower()
    if verb in reading.host_verbs | reading.phone_verbs:
        guest = _object(s, cue, actors)
        if guest is not None and verb in reading.phone_verbs:
            return "call"  # "called Prime Minister Nikol Pashinyan"
        if guest is not None or (
            verb in reading.host_verbs and s.near_after(s.spans.get("talks:generic_parties", []), cue, 1)
        ):
            return None  # "welcomed Aliyev to the White House", "welcomed the ministers to" hosts a meeting
    return "statement"


def _object(s: Clauses, cue: Span, actors: list[Mention]) -> Mention | None:
    """The actor the verb takes as its object, titles between allowed ("called Prime
    Minister Nikol Pashinyan"), unless a possessive makes it a modifier ("welcomed
    Putin's offer")."""
    after = next((m for m in actors if m.start >= cue.end), None)
    if after is None or possessive(s, after):
        return None
    between = s.sentence.tokens[s.index(cue.end - 1) + 1 : s.index(after.start)]
    return after if all(token[2][:1].isupper() for token in between) else None


def one_party(s: Clauses, cue: Span, actors: list[Mention]) -> bool:
    """One actor named in the act's clauses, and no plural subject ("they", "the sides")."""
    if len({m.entity_id for m in actors}) > 1 or s.spans.get("talks:generic_parties"):
        return False  # two named, or "the sides", "both leaders"
    return not any(w in ("they", "both") or w.endswith("s") for _, w in referring_before(s, cue, 0))


def standing_verb(s: Clauses, cue: Span, actors: list[Mention], codebook: Codebook) -> bool:
    """A present-tense stance ("says", "insists", "argues") whose subject is a state or
    a government: a standing position rather than something said today ("the
    statement says" is a document quoted, and stays a statement)."""
    if not any(v.start <= cue.start and cue.end <= v.end for v in s.named("standing_verbs")):
        return False
    at = s.index(cue.start)
    head = next((w for w in s.words[s.clause_start(at) : at] if w not in s.reading.determiners), None)
    if head in s.reading.document_nouns:
        return False  # "A statement from the Armenian government says": a document quoted, not a stance
    subject = subject_of(s, cue, actors, codebook)
    if subject is not None:
        return codebook.kind(subject.entity_id) == "state"
    word = referring(s, cue)
    kinds = codebook.cues.other_events.referring_subjects
    # "the government argues", "both countries have said": standing; "the statement says": a document quoted.
    return word is None or word in kinds.get("organization", frozenset()) | kinds.get("parties", frozenset())


def sourcing(s: Clauses, cue: Span, actors: list[Mention], media: list[Mention]) -> bool:
    """The speech verb's subject is a news outlet ("APA reported", "media in both
    countries reported"): the sentence's source, not a statement of its own."""
    clause = s.sentence.tokens[s.clause_start(s.index(cue.start))][0]
    outlets = [m.start for m in media if clause <= m.start and m.end <= cue.start]
    words = [at for at, w in referring_before(s, cue, clause) if w in s.reading.sourcing_words]
    if not outlets and not words:
        return False
    named = [m.start for m in actors if clause <= m.start and m.end <= cue.start]
    return not named or max(outlets + words) > max(named)


def a_meeting(s: Clauses, cue: Span, actors: list[Mention], codebook: Codebook) -> bool:
    """A meeting that is not a round of talks: not both parties together (unless they
    met "separately"), and not a look back at one ("last met", "had met")."""
    separately = any(not s.in_background(w) for w in s.named("separately_words"))
    if separately:
        return True
    i = s.index(cue.start)
    if any(w in s.reading.back_references for w in s.words[max(0, i - 2) : i]):
        return False
    if any(not s.in_background(p) for p in s.spans.get("talks:generic_parties", [])):
        return False  # "the two leaders are due in Chisinau", "will receive the teams of both countries"
    parties = codebook.cues.other_events.referring_subjects.get("parties", frozenset())
    if any(w in parties for _, w in referring_before(s, cue, 0)):
        return False  # "The three then met together": the parties
    present = [
        m
        for m in actors
        if not s.background[s.index(m.start)] and s.sentence.quote_of(m.start) is None and not _absent(s, m)
    ]
    return len({codebook.side(m.entity_id) for m in present} - {None}) < 2


def _absent(s: Clauses, mention: Mention) -> bool:
    """Named as missing: "met the three European leaders without his Azerbaijani counterpart"."""
    at = s.index(mention.start)
    window = s.reading.absence_window_tokens
    return any(0 <= at - s.index(w.end - 1) - 1 < window for w in s.named("absence_words") if w.end <= mention.start)


def accuses(sentence: Sentence, codebook: Codebook) -> bool:
    """Whether the sentence holds an accusing word that is not dismissed or negated:
    "called the approach one-sided" accuses, "rejected the accusations of bias" and
    "dismissed the accusation" do not. The quotes stage flags its quotations with it."""
    if not any(c.key in ("event:accusation", "reading:accusatory_words") for c in sentence.cues):
        return False
    s = clauses_of(sentence, codebook.cues.event_reading)
    words = s.spans.get("event:accusation", []) + s.named("accusatory_words")
    return any(_not_dismissed(s, word) for word in words)


def accusing(s: Clauses, word: Span) -> bool:
    """An accusing word ("biased") that is not dismissed ("rejected the claims of bias",
    "called the accusations baseless") and not in a background clause."""
    return not s.in_background(word) and _not_dismissed(s, word)


def _not_dismissed(s: Clauses, word: Span) -> bool:
    if negated(s, word):
        return False
    reading = s.reading
    if s.near_before(s.named("dismissals"), word, reading.dismissal_window_tokens, same_clause=False):
        return False
    return not s.near_after(s.named("baseless_words"), word, 3)
