"""What non-talks event a sentence itself reports, read clause by clause.

A sentence reports an act when one of the codebook's predicates (`event_predicates`:
"said", "accused", "signed", "met") stands in its own clauses with someone to do
it, and nothing cancels it. What cancels a predicate is data too (`event_reading`):

- the line is a headline, a deck, a photo caption or a list item (no sentence ends
  it, or it opens like one): page furniture reports nothing;
- the predicate stands in a background clause ("after Baku refused", "which
  killed 286 people", "the summit followed clashes");
- it is negated ("have not agreed", "Neither side announced"), hypothetical
  ("would sign", "is to be signed") or a standing position ("Baku continues to
  insist", "Yerevan says");
- its object turns it round: "rejected the claims" is a statement, not a refusal;
  "lifted the sanctions" no sanction; "dismissed the accusation" no accusation;
- a meeting of both parties together is a round of talks, not a `meeting`, unless
  they met "separately"; "last met" refers back to a round.

Of the types whose predicates survive, the first in `event_priority` wins. That
order puts what a speech reports (a call, an accusation, a refusal, a sanction)
before the speech itself, and the speech before any deed it mentions: "Michel said
the leaders would meet again" is Michel's statement, not a meeting. Accusing words
("biased", "one-sided") make an accusation only inside someone's speech.

The result names the predicate, its subject and the clauses the event lives in, so
that its actors, date and place come from its own clauses, not from a background
clause of the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import Clauses, clauses_of, negated, own_clauses, reports_nothing
from .codebook import Codebook
from .dates import MONTHS
from .predicates import a_meeting, accuses, accusing, names_a_document, one_party, sourcing, spoken, standing_verb
from .record import Mention, Sentence, Span
from .subjects import has_subject, person_before, referring, subject_of, unnamed

__all__ = ["Reading", "accuses", "read_event", "refusers", "reports_nothing"]

_DEEDS_NEVER_HYPOTHETICAL = ("refusal",)
_PASSIVE_OPENERS = frozenset({"is", "are", "was", "were", "has", "have", "had"})  # "was reached", "has been reached"
_SPOKEN = ("statement", "accusation")  # words need someone named to say them: not "diplomats say"


@dataclass(frozen=True)
class Reading:
    """The event a sentence reports: its type, the words it was read from, and the
    actor doing it (None when the subject is a pronoun or a noun like "the ministry")."""

    event_type: str
    cue: Span
    subject: Mention | None
    own: tuple[tuple[int, int], ...]  # character ranges of the sentence's own (not background) clauses
    referring: str | None = None  # the word that stands for an unnamed subject: "he", "ministry", "leaders"
    unnamed: bool = False  # the subject names nobody: "officials said", "diplomats say"
    mutual: bool = False  # "accused each other": each party before the predicate does it

    def holds(self, position: int) -> bool:
        """Whether a character position lies in the event's own clauses."""
        return any(start <= position < end for start, end in self.own)


def read_event(sentence: Sentence, mentions: tuple[Mention, ...], codebook: Codebook) -> Reading | None:
    """The non-talks event `sentence` reports of its own, or None (see the module doc)."""
    if not any(c.key.startswith(("act:", "reading:attributions", "reading:agreement_frames")) for c in sentence.cues):
        return None  # nothing that could report an act: no need to read the clauses
    cues = codebook.cues
    reading = cues.event_reading
    s = clauses_of(sentence, reading)
    acts = _predicates(s)
    actors = [
        m
        for m in mentions
        if m.entity_type == "actor" and codebook.kind(m.entity_id) != "media" and not _dateline(s, m)
    ]
    media = [m for m in mentions if m.entity_type == "actor" and codebook.kind(m.entity_id) == "media"]
    found: list[tuple[str, Span]] = []
    unquoted = [m for m in actors if not s.quoted_at(m.start)]
    recalled = False  # after "recalled that", deeds are the past recalled, not news
    for event_type, cue in acts:
        if s.quoted(cue) and not _quoted_deed(s, cue, actors):
            continue  # a quoted speaker's opinion, not something done
        if recalled and event_type != "statement":
            continue  # "The paper recalled that Aliyev had refused to attend": a back-reference
        kind = _valid(s, event_type, cue, actors if s.quoted(cue) else unquoted, codebook)
        recalled = recalled or (kind == "statement" and cue.text.lower() in reading.recall_verbs)
        if kind == "statement" and sourcing(s, cue, unquoted, media):
            continue  # "APA reported that ...": where a report comes from, not a statement
        if kind:
            found.append((kind, cue))
    speech = any(kind == "statement" for kind, _ in found)
    deals = s.named("agreement_frames")
    # "According to the protocol, ... agreed": a frame that names the deal, not a speaker.
    sources = [f for f in s.named("attributions") if not any(d.start <= f.start < d.end for d in deals)]
    for kind, frames in (("statement", sources), ("agreement", deals)):
        for frame in frames:
            if _opens(s, frame, found) and not s.quoted(frame) and not negated(s, frame):
                found.append((kind, frame))
                speech = speech or kind == "statement"
    if speech or any(kind == "refusal" for kind, _ in found):
        found += [("accusation", word) for word in s.named("accusatory_words") if accusing(s, word)]
    if not found:
        return None
    rank = {t: n for n, t in enumerate(cues.event_priority)}
    event_type = min((kind for kind, _ in found), key=lambda k: rank.get(k, len(rank)))
    cue = min((c for kind, c in found if kind == event_type), key=lambda c: c.start)
    if event_type == "accusation" and cue.key == "reading:accusatory_words":
        # The accusation is the speech (or refusal) that holds the accusing word: its subject accuses.
        cue = min((c for kind, c in found if kind in ("statement", "refusal")), key=lambda c: c.start, default=cue)
    own = own_clauses(s)
    mine = [m for m in actors if any(a <= m.start < b for a, b in own)]
    if event_type == "agreement" and cue.text.lower() in reading.promise_verbs and one_party(s, cue, mine):
        event_type = "statement"  # "Pashinyan has pledged to ...": a promise, not an agreement
    speakers = mine if s.quoted(cue) else [m for m in mine if not s.quoted_at(m.start)]
    # What a speech reports is done by its speaker: "Baku, which hosted the forum, said it
    # would not attend" is Baku's refusal.
    speech_verbs = [c for kind, c in found if kind == "statement" and c.key == "act:statement"]
    before = [c for c in speech_verbs if c.start < cue.start]
    doer = before[0] if event_type != "statement" and before else cue
    # "In a statement, the ministry said", "Under the declaration, the ministers initialed":
    # the predicate after an opening frame has the subject.
    acts_after = [c for kind, c in found if kind == event_type and c.key.startswith("act:") and c.start > cue.start]
    if cue.key in ("reading:attributions", "reading:agreement_frames") and acts_after:
        doer = acts_after[0]
    subject = subject_of(s, doer, speakers, codebook) or person_before(s, doer, speakers, codebook)
    # "accused each other", "traded blame": everyone before the predicate accuses.
    mutual = event_type == "accusation" and (
        s.near_after(s.named("reciprocal_words"), cue, 1) or cue.text.lower() in reading.mutual_predicates
    )
    if subject is None and event_type in _SPOKEN and unnamed(s, doer):
        return Reading(event_type, cue, None, own, referring(s, doer), unnamed=True, mutual=mutual)
    return Reading(event_type, cue, subject, own, None if subject else referring(s, doer), mutual=mutual)


def refusers(sentence: Sentence, mentions: tuple[Mention, ...], codebook: Codebook) -> list[str]:
    """Who refuses in the sentence, background clauses included: "the meeting collapsed
    after Aliyev declined to travel" reports no refusal of its own, but says who called
    the round off. Negated, dismissed and quoted refusals name nobody."""
    if not any(c.key == "act:refusal" for c in sentence.cues):
        return []
    s = clauses_of(sentence, codebook.cues.event_reading)
    actors = [m for m in mentions if m.entity_type == "actor" and codebook.kind(m.entity_id) != "media"]
    found = []
    for event_type, cue in _predicates(s):
        if event_type != "refusal" or s.quoted(cue) or negated(s, cue):
            continue
        if s.near_after(s.named("dismissed_objects"), cue, s.reading.dismissal_window_tokens):
            continue
        before = [m for m in actors if m.end <= cue.start and s.background[s.index(m.start)] == s.in_background(cue)]
        if before:
            found.append(before[-1].entity_id)
    return found


def _predicates(s: Clauses) -> list[tuple[str, Span]]:
    """The sentence's predicates, the longest where two overlap ("agreed to continue"
    over "agreed", "called off" over "called"); phrases that are no act themselves
    (`non_events`: "agreed to meet", "prisoners of war") hide what they contain."""
    spans = [c for k, cs in s.spans.items() if k.startswith("act:") for c in cs] + s.named("non_events")
    spans.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Span] = []
    for span in spans:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    kept.sort(key=lambda c: c.start)
    return [(c.key.split(":", 1)[1], c) for c in kept if c.key.startswith("act:")]


def _valid(s: Clauses, event_type: str, cue: Span, actors: list[Mention], codebook: Codebook) -> str | None:
    """The type the predicate reports here, or None when nothing is reported by it."""
    reading = s.reading
    if s.in_background(cue) or negated(s, cue):
        return None
    if event_type not in _DEEDS_NEVER_HYPOTHETICAL and s.near_before(
        s.named("hypothetical_words"), cue, reading.hypothetical_window_tokens
    ):
        return None  # "would sign", "is to be signed", "ready to meet"
    at = s.index(cue.start)
    if event_type != "call" and at > 0 and s.words[at - 1] in reading.determiners:
        return None  # "the initialled agreement": a word that names, not an act
    window = reading.standing_window_tokens
    after = s.named("standing_markers_after")
    if s.near_before(s.named("standing_markers"), cue, window) or s.near_after(after, cue, window, same_clause=True):
        return None  # "Baku continues to insist", "have said several times": a standing position
    if standing_verb(s, cue, actors, codebook):
        return None  # "Baku says it will sign only once ...", "the government argues"
    happening = event_type in ("military_action", "humanitarian")  # "fighting broke out": no doer needed
    if not happening and not has_subject(s, cue, actors, speech=event_type == "statement") and not _deal_done(s, cue):
        return None
    if event_type == "statement":
        return spoken(s, cue, actors, codebook)
    if event_type == "refusal" and s.near_after(s.named("dismissed_objects"), cue, reading.dismissal_window_tokens):
        return "statement"  # "rejected the claims", "declined to comment": words, not a refusal
    if event_type == "military_action" and s.named("memorial_words"):
        return None  # "laid a wreath for the soldiers killed in 2020": a memorial, not fighting now
    if event_type == "agreement" and names_a_document(s, cue):
        return None  # "the protocol signed on 19 April", "The document, signed in May, sets out": no new act
    if event_type == "sanction" and s.near_before(s.named("reversals"), cue, 3):
        return None  # "lifted the sanctions"
    if event_type == "meeting" and (
        not a_meeting(s, cue, actors, codebook)
        or s.near_after(s.named("gatherings"), cue, reading.gathering_window_tokens, same_clause=True)
    ):
        return None  # a round of talks, or "attended the funeral": a gathering, not a meeting
    return event_type


def _deal_done(s: Clauses, cue: Span) -> bool:
    """ "The deal was reached at the eighth meeting": a passive agreement predicate whose
    subject is a document's noun reports the deal, done by the parties of the round."""
    at = s.index(cue.start)
    if s.words[at] not in _PASSIVE_OPENERS:
        return False
    start = s.clause_start(at)
    return any(w in s.reading.document_nouns and not s.background[i] for i, w in enumerate(s.words[start:at], start))


def _dateline(s: Clauses, mention: Mention) -> bool:
    """ "Yerevan /Mediamax/.", "BAKU, Nov 16 (APA) -": a capital opening the sentence as a
    wire dateline names where the story was filed, not who acted."""
    if mention.start != s.sentence.start or mention.how != "metonym":
        return False
    nxt = s.index(mention.end - 1) + 1
    after = s.words[nxt : nxt + 2]
    if not after or after[0] == "'s":
        return False
    if after[0][:1] in "/(\u2014\u2013-":
        return True
    return after[0] == "," and len(after) > 1 and (after[1][:1].isdigit() or after[1].rstrip(".") in MONTHS)


def _quoted_deed(s: Clauses, cue: Span, actors: list[Mention]) -> bool:
    """A predicate inside a long quotation counts when its doer is named before it in
    the same quotation and clause (an expert recounting that "Klaar said the meeting
    would not take place"); quoted opinion without a named doer reports nothing."""
    quote = s.sentence.quote_of(cue.start)
    clause = s.sentence.tokens[s.clause_start(s.index(cue.start))][0]
    return any(s.sentence.quote_of(m.start) == quote and clause <= m.start and m.end <= cue.start for m in actors)


def _opens(s: Clauses, frame: Span, found: list[tuple[str, Span]]) -> bool:
    """A frame ("according to", "under the document") that opens its clause, outside the
    background, before any act found: "According to Aliyev, ..." frames what follows;
    ", according to Yerevan" after an act only says where the news came from."""
    at = s.index(frame.start)
    return not s.in_background(frame) and s.clause_start(at) == at and all(c.start > frame.start for _, c in found)
