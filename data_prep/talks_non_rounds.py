"""Talks words that report no round of their own: a helper of `talks_senses.other_sense`.

Unseen writing names rounds in sentences about something else: a denial ("the
trilateral meeting on 9 May is not planned"), the arranging or announcing of a round
reported elsewhere ("The Granada meeting was agreed in Chisinau on June 1", "The Almaty
talks were announced last month"), whose place and date are the arrangement's, or an
organisation's own session ("the CSTO was holding an extraordinary session of its
council"), or meet in another sense ("meeting the 15 May deadline"). Each would otherwise
become a round with the wrong place, date or status.
The words are codebook data (`talks` in cues.json).
"""

from __future__ import annotations

from .clauses import clauses_of
from .codebook import Codebook
from .cues import TalksCues
from .dates import MONTHS
from .record import Sentence, Span


def denied(sentence: Sentence, noun: Span, cues: TalksCues) -> bool:
    """ "Trilateral meeting ... on 9 May is not planned": a round said in its own clause, after
    its talks word, not to be planned at all (a call-off is a cancellation, not a denial; "the
    talks were held, but a follow-up is not planned" denies another round)."""
    clause = []
    for token in (t[2].lower() for t in sentence.tokens if t[0] >= noun.end):
        if token in cues.place_relative_breaks:
            break
        clause.append(token)
    after = " ".join(clause)
    return any(phrase in after for phrase in cues.denial_phrases)


def arranged_elsewhere(sentence: Sentence, noun: Span, cues: TalksCues) -> bool:
    """ "The Granada meeting was agreed in Chisinau on June 1", "The Vienna talks of the two
    ministers were announced on Monday": a round already named (a definite determiner before
    its talks word) that is the subject of an arranging or announcing passive, the first verb
    of its clause; what follows is the arrangement's place and date, not the round's."""
    if not set(sentence.token_before(noun.start, 3)) & cues.definite_determiners:
        return False
    auxiliaries = {phrase.split()[0] for phrase in cues.arrangement_passives}
    after = [t[2].lower() for t in sentence.tokens if t[0] >= noun.end]
    for i, word in enumerate(after):
        if word in cues.place_relative_breaks:
            return False
        if word in auxiliaries:
            following = " ".join(after[i : i + 4]) + " "
            return any(following.startswith(phrase + " ") for phrase in cues.arrangement_passives)
    return False


def organisation_holds(sentence: Sentence, noun: Span, codebook: Codebook, organisations: list[Span]) -> bool:
    """ "NATO was holding a summit", "the CSTO was holding an extraordinary session of its
    council": an organisation that is the subject of a holding verb a few words before the
    summit word holds its own meeting. One that can mediate may hold a round ("the White
    House convened a meeting of the two ministers"), so for it the meeting must be of its
    own body ("of its council"); with someone ("held a meeting with the ministers") it never
    is its own."""
    cues = codebook.cues.talks
    if clauses_of(sentence, codebook.cues.event_reading).in_background(noun):
        # "will receive the leaders in Moscow next Thursday, when the EAEU holds its summit
        # there": a summit in a background clause times the sentence's own round.
        return False
    after = " ".join(sentence.token_after(noun.end, cues.organisation_subject_words))
    if "with" in after.split():
        return False
    own_body = any(after.startswith(link + " ") for link in cues.own_body_links)
    for organisation in organisations:
        between = [t[2].lower() for t in sentence.tokens if organisation.end <= t[0] and t[1] <= noun.start]
        holds = 0 < len(between) <= cues.organisation_subject_words and set(between) & cues.organisation_holding_verbs
        if holds and (own_body or codebook.mediator_of(organisation.key) is None):
            return True
    return False


def objects_after(sentence: Sentence, noun: Span, n: int) -> list[str]:
    """The n tokens after a talks word, over a date between ("meeting the 15 May deadline")."""
    tokens = [t for t in sentence.token_after(noun.end, n + 3) if not (t.isdigit() or t in MONTHS)]
    return tokens[:n]
