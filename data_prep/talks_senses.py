"""Whether a talks word names a round between the parties at all: a helper of `find_talks`.

"had not met its obligations" is meet in another sense, "a CSTO summit" an
organisation's meeting, "separate meetings with Aliyev and Pashinyan" each party on
its own, "his talks with Aliyev" a third state's (`talks_owners`). The words are
codebook data (`talks` in cues.json).
"""

from __future__ import annotations

from .codebook import Codebook
from .cues import TalksCues
from .record import Sentence, Span
from .talks_non_rounds import arranged_elsewhere, denied, objects_after, organisation_holds
from .talks_owners import outsiders_own_talks
from .talks_reception import welcome_of_both_parties
from .talks_signing import joint_signing
from .talks_trips import refused_trip_to_a_round


def bilateral(sentence: Sentence, noun: Span, cues: TalksCues) -> bool:
    """ "a bilateral meeting": the parties on their own."""
    return any(w in cues.bilateral_words for w in sentence.token_before(noun.start, 3))


def said_bilateral(sentence: Sentence, noun: Span, cues: TalksCues) -> bool:
    """ "met in Abu Dhabi, in talks both governments described as bilateral", "the talks
    were strictly bilateral, and ...": the round's own sentence calls it bilateral after
    its talks word, as a predicate (no noun follows: "bilateral meetings with Blinken"
    names other meetings)."""
    tokens = [t for t in sentence.tokens if t[0] >= noun.end]
    for i, token in enumerate(tokens):
        if token[2].lower() not in cues.bilateral_words:
            continue
        following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if not following[:1].isalnum():
            return True
    return False


def other_sense(sentence: Sentence, noun: Span, codebook: Codebook) -> bool:
    """ "had not met its obligations": meet in another sense; "a CSTO summit", "the
    meeting of CSTO leaders": an organisation's meeting, not a round between the parties;
    "separate meetings with Aliyev and Pashinyan": each party on its own."""
    cues = codebook.cues.talks
    word = noun.text.lower()
    before = sentence.token_before(noun.start, 3)
    words_before = sentence.text[: noun.start - sentence.start].lower().split()[-3:]
    if any(w in cues.negation_before_nouns for w in words_before) and not sentence.cue("status:cancelled"):
        return True  # "no three-way meeting was planned"
    if denied(sentence, noun, cues) or arranged_elsewhere(sentence, noun, cues):
        return True  # "the meeting on 9 May is not planned", "The Granada meeting was agreed in Chisinau"
    if word in cues.reception_verbs:
        return not welcome_of_both_parties(sentence, noun, codebook)  # "welcomed the agreement"
    if word in cues.signing_verbs:
        return not joint_signing(sentence, noun, codebook)  # "Armenia and Azerbaijan signed in 1991"
    if word in cues.refused_trips:
        return not refused_trip_to_a_round(sentence, noun, codebook)  # "would not travel to Moscow for the parade"
    near = [*before[-2:], *sentence.token_after(noun.end, 1)]
    if any(w in cues.separate_words for w in near):
        return True  # "held separate meetings with Aliyev and Pashinyan", "met separately"
    if bilateral(sentence, noun, cues) and sentence.token_after(noun.end, 1) == ["with"]:
        return True  # "a bilateral meeting with Armenia's foreign minister": a mediator and one party
    if outsiders_own_talks(sentence, noun, codebook):
        return True  # "Putin called Pashinyan to brief him on his talks with Aliyev"
    if set(before[-1:]) & cues.participle_leads and word in cues.participle_meet_words:
        # ", meeting the 15 May deadline": a participle of meet, not "the meeting"
        return any(w in cues.not_talks_objects for w in objects_after(sentence, noun, 3))
    if word in cues.summit_nouns:
        places = {(p.start, p.end) for p in sentence.places}
        # "the Brussels meeting": a name that is also a place is the venue, not the organisation.
        organisations = [
            a for a in sentence.actors if codebook.kind(a.key) == "organization" and (a.start, a.end) not in places
        ]
        owned = [a for a in organisations if 0 <= noun.start - a.end <= cues.organisation_before_summit_chars]
        after = [
            a
            for a in organisations
            if 0 <= a.start - noun.end <= cues.organisation_after_summit_chars
            and any(w in cues.organisation_link_words for w in sentence.token_after(noun.end, 1))
        ]
        return bool(owned or after) or organisation_holds(sentence, noun, codebook, organisations)
    if word not in cues.meet_verbs:
        return False
    return any(w in cues.not_talks_objects for w in objects_after(sentence, noun, 3))
