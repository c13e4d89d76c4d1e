"""Whether a talks word reports several rounds counted together, not one round.

"We've had three rounds of meetings that we've hosted here", "Brussels has hosted six
such meetings since 2021", "a series of meetings": a count governs a plural talks noun
(`talks.counted_nouns`) in the clause of the round's own talks word, at most
`talks.count_reach_tokens` tokens from it. Such an event is an aggregate: it stays in
`events` with its evidence but is never a round (see `round_clusters.assign_round_ids`).

What is not counted: an ordinal ("the third round" is one round: ordinals are not
count words), a count of people ("two leaders met": "leaders" is no talks noun), and
a count after a determiner ("the two rounds in Brussels and Granada" names rounds
that may each be reported on their own), all as the cues define them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import Clauses, clauses_of
from .cues import Cues, TalksCues
from .record import Event, Sentence


def mark_aggregate(events: list[Event], sentence: Sentence, cues: Cues) -> list[Event]:
    """Mark a sentence's one talks event that counts several rounds. Rounds listed by
    place or month ("two rounds, in Brussels in May and in Granada in October") are
    separate events of the sentence and stay rounds."""
    if len(events) == 1:
        events[0].aggregate = counts_rounds(clauses_of(sentence, cues.event_reading), events[0].cue_start, cues.talks)
    return events


def counts_rounds(clauses: Clauses, cue_start: int, cues: TalksCues) -> bool:
    """Whether a count governs a talks noun within reach of the talks word at
    `cue_start`, in its clause."""
    words, reach = clauses.words, cues.count_reach_tokens
    count = _Count(cues.count_words, cues.count_phrases, cues.count_modifiers, cues.count_determiners)
    at = clauses.index(cue_start)
    for i, word in enumerate(words):
        if word not in cues.counted_nouns:
            continue
        end = i + 2 if words[i + 1 : i + 2] == ["of"] else i  # "three rounds of meetings"
        if not i - reach <= at <= end + reach:
            continue
        low, high = sorted((i, at))
        if any(clauses.breaks[low:high]):
            continue  # another clause: "after three rounds, they met in Washington"
        if count.governs(words, i):
            return True
    return False


@dataclass(frozen=True)
class _Count:
    """The count vocabulary, read once per talks word."""

    words: frozenset[str]
    phrases: tuple[str, ...]
    modifiers: frozenset[str]
    determiners: frozenset[str]

    def governs(self, words: list[str], noun: int) -> bool:
        """ "three rounds", "six such meetings", "a series of meetings", "12 sessions";
        not "the two rounds" (a determiner names the rounds, which may be single ones)."""
        before = noun - 1
        if before >= 0 and words[before] in self.modifiers:
            before -= 1  # "six such meetings"
        if before < 0:
            return False
        preceding = " " + " ".join(words[max(0, before - 3) : before + 1])
        if any(preceding.endswith(" " + phrase) for phrase in self.phrases):
            return True  # "a series of meetings"
        word = words[before]
        if not (word in self.words or (word.isdigit() and 2 <= int(word) < 100)):
            return False
        return before == 0 or words[before - 1] not in self.determiners
