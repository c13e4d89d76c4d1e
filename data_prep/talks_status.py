"""The status of a round of talks: held, planned or cancelled, from the sentence's words.

A helper of `find_talks` (talks.py). Status words are cues (`status_cues` in
cues.json); when several stand in a sentence, `status_precedence` says which wins.
"""

from __future__ import annotations

from .clauses import Clauses, clauses_of
from .cues import Cues
from .dates import ResolvedDate
from .record import Sentence, Span


def status_of(
    sentence: Sentence,
    cues: Cues,
    cue: Span | None,
    nouns: list[Span],
    placed: list[Span],
    own_words: tuple[int, int] | None = None,
) -> str | None:
    """The firmest status the sentence states for the talks word `cue`; "held" inside
    "to be held" does not count, and where several talks words stand in the sentence
    each status word goes to the nearest one ("Brussels talks: commissions to meet").

    `nouns` are the sentence's talks words, `placed` those that have a place of their own.
    `own_words`, for a later place of a list, is the stretch between the place before it
    and its own: status words there are its own ("met in Brussels on 14 May, and are
    expected in Chisinau next week" plans the Chisinau round).
    """
    found = [c for c in sentence.cues if c.key.startswith("status:")]
    if own_words is not None and (own := _after_a_new_clause(sentence, cues, found, own_words)):
        found = own
    if cue is not None:
        # "... first meeting since Azerbaijan cancelled a trilateral": the since clause
        # tells of another round.
        since = [t[0] for t in sentence.tokens if t[0] > cue.end and t[2].lower() in cues.talks.background_words]
        found = [c for c in found if not any(b < c.start for b in since)]
    if cue is not None and set(sentence.token_before(cue.start, 3)) & cues.talks.since_words:
        # "the first in this format since the summit in Sochi": a round after "since" is past;
        # the status words before the "since" are the new round's.
        since_at = max(t[0] for t in sentence.tokens if t[1] <= cue.start and t[2].lower() in cues.talks.since_words)
        found = [c for c in found if c.start > since_at]
        if not found:
            return "held"
    if cue is not None:
        # "... hosted three rounds, before Baku walked away from the US track": a status word in an
        # adverbial background clause tells of something else, unless the round stands there too
        # (a relative clause about the round, "the meeting that was called off", still counts).
        clauses = clauses_of(sentence, cues.event_reading)
        if not clauses.in_background(cue):
            found = [c for c in found if not _adverbial_background(clauses, c)]
    if cue is not None:
        # "Russia, which withdrew its peacekeepers, was not involved in the talks": an aside
        # that ends before the talks word is about its antecedent, not the round.
        asides = _asides_before(sentence, cues, cue)
        found = [c for c in found if not any(a <= c.start < b for a, b in asides)]
    if cue is not None and placed:
        found = [
            c for c in found if _overlaps(c, cue) or not any(_overlaps(c, n) for n in nouns if n.start != cue.start)
        ]
    if cue is not None and len(placed) > 1:
        found = [c for c in found if min(placed, key=lambda n: _distance(c, n)).start == cue.start]
    kept = [
        c
        for c in found
        if not any(
            o is not c and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
            for o in found
        )
    ]
    # "a session chaired by Baerbock on Wednesday" in a sentence that plans it: a participle, not a tense.
    if any(c.key == "status:planned" for c in kept):
        kept = [c for c in kept if not (c.key == "status:held" and sentence.token_after(c.end, 1) == ["by"])]
    present = {c.key.split(":", 1)[1] for c in kept}
    # "will hold talks", "would meet": a held-sounding verb under a future auxiliary plans.
    if "held" in present and all(
        any(word in cues.talks.future_auxiliaries for word in sentence.token_before(c.start, 1)[-1:])
        for c in kept
        if c.key == "status:held"
    ):
        present = (present - {"held"}) | {"planned"}
    return next((s for s in cues.status_precedence if s in present), None)


def last_round_since(sentence: Sentence, cues: Cues, when: ResolvedDate | None) -> bool | None:
    """ "have not held a formal sit-down since last July": a lapse (`lapse_phrases`) up to a
    date after "since" says the last round was held then. None where no lapse is said;
    True where the round's date `when` follows the "since", False where it does not (held
    once, but when is not known)."""
    talks = cues.talks
    lapses = [c for c in sentence.cue("status:cancelled") if c.text.lower() in talks.lapse_phrases]
    since = [t[0] for t in sentence.tokens if t[2].lower() in talks.lapse_since_words]
    after = [s for s in since if any(c.end <= s for c in lapses)]
    if not after:
        return None
    return when is not None and when.basis != "publication" and when.start > after[0]


def mere_proposal(sentence: Sentence, cues: Cues) -> bool:
    """ "Putin proposed consultations in Moscow", "Kazakhstan offered to host the
    meeting": a round only one side of it, or a third state, has put forward plans
    nothing until the parties accept it ("accepted a Kazakh offer to meet in Almaty"); nor
    does a readiness told in the past tense (`unrealised`)."""
    talks = cues.talks
    planned = [c.text.lower() for c in sentence.cue("status:planned")]
    accepted = any(t[2].lower() in talks.acceptance_words for t in sentence.tokens)
    proposed_only = bool(planned) and all(p in talks.proposal_words for p in planned) and not accepted
    return proposed_only or unrealised(sentence, cues)


def unrealised(sentence: Sentence, cues: Cues) -> bool:
    """ "we were prepared to host the two ministers here on the 20th": a readiness told in
    the past tense is a plan that did not come about; the round, if any, is reported
    as called off elsewhere."""
    talks = cues.talks
    return any(
        c.text.lower() in talks.unrealised_plans and set(sentence.token_before(c.start, 2)) & talks.past_auxiliaries
        for c in sentence.cue("status:planned")
    )


def _after_a_new_clause(sentence: Sentence, cues: Cues, found: list[Span], stretch: tuple[int, int]) -> list[Span]:
    """The status words of `stretch` that follow a new coordinate clause opened in it by a
    comma and a conjunction (`talks.clause_conjunctions`): ", and they are expected in";
    a status word in an aside of the earlier round ("met in Prague, as planned, and in
    Sochi") stays that round's."""
    tokens = [t for t in sentence.tokens if stretch[0] <= t[0] < stretch[1]]
    opens = [
        tokens[i + 1][1]
        for i in range(len(tokens) - 1)
        if tokens[i][2] in (",", ";") and tokens[i + 1][2].lower() in cues.talks.clause_conjunctions
    ]
    return [c for c in found if opens and opens[0] <= c.start < stretch[1]]


def _asides_before(sentence: Sentence, cues: Cues, cue: Span) -> list[tuple[int, int]]:
    """The stretches of the sentence from a relative pronoun right after a comma (", which",
    ", who") to the next clause break, where that break stands before the talks word.
    "where" is left out: ", where they met" goes on with the story."""
    reading = cues.event_reading
    openers = reading.relative_openers - reading.restrictive_openers
    tokens = sentence.tokens
    asides = []
    for i, (start, _, word) in enumerate(tokens):
        if i == 0 or word.lower() not in openers or tokens[i - 1][2] != ",":
            continue
        end = next((t[0] for t in tokens[i + 1 :] if t[2] in reading.clause_breaks), None)
        if end is not None and end <= cue.start:
            asides.append((start, end))
    return asides


def _adverbial_background(clauses: Clauses, span: Span) -> bool:
    i = clauses.index(span.start)
    return clauses.background[i] and not clauses.relative[i]


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _distance(c: Span, n: Span) -> int:
    return 0 if _overlaps(c, n) else min(abs(c.start - n.end), abs(n.start - c.end))
