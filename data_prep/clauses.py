"""A sentence read clause by clause: which tokens stand in background clauses, what
stands near what, and which lines report nothing at all.

The event reader (event_reading.py) asks these questions of every predicate: is it
in a background clause ("after Baku refused", "which killed 286 people"), is it
negated ("have not agreed", "Neither side announced"), does a given word stand
within a few tokens of it, inside its clause. The words that open a background
clause, negate or end a clause are codebook data (`event_reading` in cues.json);
spans come from the cue matcher, so this module only walks tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property

from .reading_cues import EventReadingCues
from .record import Sentence, Span


def reports_nothing(line: str, reading: EventReadingCues) -> bool:
    """A headline, deck, caption, list item, "Original headline:" or reporters' credit line: it reports no event.

    >>> from data_prep.codebook import load
    >>> cues = load(world=False).cues.event_reading
    >>> reports_nothing("Aliyev and Pashinyan meet in Abu Dhabi", cues)
    True
    >>> reports_nothing("Aliyev and Pashinyan met in Abu Dhabi on Thursday.", cues)
    False
    >>> reports_nothing("Huseynova reported from Baku, Azerbaijan.", cues)
    True
    """
    text = line.strip().rstrip("\"'\u201d\u2019)]*")
    if not text or text[-1] not in reading.sentence_end_marks:
        return True
    low = line.strip().lower()
    if any(low.startswith(opener) for opener in reading.page_line_openers):
        return True
    # A short line crediting the reporters ("Huseynova reported from Baku, Azerbaijan.") is the byline.
    return len(low.split()) <= reading.credit_line_max_words and any(
        _credit(text, phrase) for phrase in reading.credit_phrases
    )


def _credit(text: str, phrase: str) -> bool:
    """The phrase ends its sentence, or only names follow it there ("reported from Baku,
    Azerbaijan."): "Tass reported from Moscow that Lavrov met Bayramov" is a report, not a credit."""
    at = text.lower().find(phrase)
    if at < 0:
        return False
    rest = re.split(r"[.!?]", text[at + len(phrase) :], maxsplit=1)[0]
    return all(word[:1].isupper() or word == "and" for word in rest.replace(",", " ").split())


def clauses_of(sentence: Sentence, reading: EventReadingCues) -> Clauses:
    """The sentence's `Clauses`, made once however many readers ask.

    The talks reader, its status and aggregate checks and the event reader each read
    the same sentence clause by clause, and making `Clauses` (a walk over every token)
    was a tenth of the per-article work; a `Clauses` depends on nothing but the
    sentence and the cues, and nobody changes one once made. Up to a few hundred
    are kept by the sentence's identity (the entry holds the sentence, so its id
    cannot be reused while kept), more than an article has sentences.
    """
    made = _RECENT.get(id(sentence))
    if made is not None and made.sentence is sentence and made.reading is reading:
        return made
    made = Clauses(sentence, reading)
    if len(_RECENT) >= _KEEP:
        _RECENT.clear()  # earlier articles' sentences (dropping only the oldest would rescan the dict each time)
    _RECENT[id(sentence)] = made
    return made


class Clauses:
    """One sentence's tokens with what the reading needs to know about each of them:
    the cue spans by key, where clauses break, which tokens are background.
    Read-only once made: get one with `clauses_of`, which shares it between readers."""

    def __init__(self, sentence: Sentence, reading: EventReadingCues):
        self.sentence = sentence
        self.reading = reading
        self.starts = [t[0] for t in sentence.tokens]
        self.words = [t[2].lower() for t in sentence.tokens]
        self.spans: dict[str, list[Span]] = {}
        for cue in sentence.cues:
            self.spans.setdefault(cue.key, []).append(cue)
        # A clause ends at a break word, or at a dash with a space before it (a hyphen inside a word goes on).
        words, text, offset = reading.clause_breaks, sentence.text, sentence.start
        self.breaks = [
            word in words or (word == "-" and start > offset and text[start - offset - 1] == " ")
            for word, start in zip(self.words, self.starts)
        ]
        self.relative: list[bool] = []  # per token: in a relative or content clause ("a format that Baku denounced")
        # per token: in a clause that says which place ("the hall where the declaration was signed")
        self.restrictive: list[bool] = []
        self.background = self._background()

    def named(self, name: str) -> list[Span]:
        return self.spans.get(f"reading:{name}", [])

    def index(self, position: int) -> int:
        """The token a character position falls in."""
        return max(0, bisect_right(self.starts, position) - 1)

    def _background(self) -> list[bool]:
        """Per token: does it stand in a background clause? One opens at a background
        word ("after", "which", "followed") or, at the start of the sentence, a
        counterfactual inversion ("Had Moscow said ..."), and runs to the end of its
        clause or, unless it is a relative clause ("which provided ... but stressed",
        "the format that Baku denounced"), to a coordinator right before a predicate
        ("before it began and received ..."); a participle after the clause's comma
        goes on with it."""
        reading = self.reading
        acts = {self.index(c.start) for k, cs in self.spans.items() if k.startswith("act:") for c in cs}
        # An opener right before a predicate is an adverb ("have since fled"), not a clause;
        # a relative pronoun is one all the same ("who accused"); after a determiner it is
        # an adjective ("the following morning"). "where" right after a comma goes on with the
        # story ("flew to Brussels, where he met Michel"); without one it says which place.
        openers = {
            self.index(s.start)
            for s in self.named("background_openers")
            if (s.text.lower() in reading.relative_openers or self.index(s.end - 1) + 1 not in acts)
            and not (self.index(s.start) > 0 and self.words[self.index(s.start) - 1] in reading.determiners)
            and not (s.text.lower() in reading.restrictive_openers and self._after_break(self.index(s.start)))
        }
        speech = {self.index(c.end - 1) for k in ("act:statement", "act:accusation") for c in self.spans.get(k, [])}
        attributions = {self.index(c.start) for c in self.named("attributions")}
        if self.words and self.words[0] in reading.counterfactual_openers:
            openers.add(0)
        phrase_ends = self._phrase_ends(openers, acts)
        flags, inside, relative, restrictive = [], False, False, False
        for i, word in enumerate(self.words):
            if i in phrase_ends:
                inside = relative = restrictive = False  # "after the talks | Baerbock wrote"
            if self.breaks[i]:
                # A participle after the comma goes on with the clause before it ("after Baku
                # refused to attend, accusing Washington ...").
                following = self.words[i + 1] if i + 1 < len(self.words) else ""
                inside = inside and following.endswith("ing") and i + 1 in acts | attributions
            elif i in openers or (word in reading.complementizers and not self._after_speech(i, speech)):
                inside, relative = True, word in reading.relative_openers | reading.complementizers
                restrictive = word in reading.restrictive_openers
            elif inside and not relative and word in reading.coordinators and i + 1 in acts:
                inside = False
            flags.append(inside)
            self.relative.append(inside and relative)
            self.restrictive.append(inside and restrictive)
        return flags

    def _phrase_ends(self, openers: set[int], acts: set[int]) -> set[int]:
        """Where a prepositional opener's phrase ends with no comma: "After the talks Baerbock
        wrote", "after three hours of talks the three men put their names to": the opener
        (`prepositional_openers`) governs a noun phrase ending in a talks word, and the
        main clause starts right after it, with a name or a subject word
        (`phrase_end_subjects`), not with a verb or a preposition ("after talks between
        the leaders ended" stays one clause)."""
        reading = self.reading
        nouns = {self.index(c.end - 1) for c in self.spans.get("talks:nouns", [])}
        ends = set()
        for i in openers:
            if self.words[i] not in reading.prepositional_openers:
                continue
            for j in range(i + 1, min(i + 1 + reading.prepositional_phrase_tokens, len(self.words) - 1)):
                if self.breaks[j] or j in acts:
                    break
                if j in nouns:
                    following = self.sentence.tokens[j + 1][2]
                    name = following[:1].isupper() and following.lower() not in reading.clause_breaks
                    if (name or following.lower() in reading.phrase_end_subjects) and j + 1 not in acts:
                        ends.add(j + 1)
                    break
        return ends

    @cached_property
    def subject_pronouns(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of the tokens outside background clauses that are subject
        pronouns ("he", "they"): the subject finder asks for them before each predicate."""
        pronouns = self.reading.subject_pronouns
        return [
            (start, end, word)
            for (start, end, _), word, background in zip(self.sentence.tokens, self.words, self.background)
            if not background and word in pronouns
        ]

    def _after_break(self, i: int) -> bool:
        """Whether a clause break stands right before token `i` (", where he met Michel")."""
        return i > 0 and self.breaks[i - 1]

    def _after_speech(self, i: int, speech: set[int]) -> bool:
        """ "said that", "told the committee that", "complained that": a content clause, not a relative one
        ("a format that Azerbaijan had denounced")."""
        window = self.reading.complementizer_window_tokens
        start = self.clause_start(i)
        return any(start <= j < i and i - j <= window for j in speech)

    def in_background(self, span: Span) -> bool:
        return self.background[self.index(span.start)]

    def clause_start(self, i: int) -> int:
        """The first token of the clause token `i` stands in."""
        while i > 0 and not self.breaks[i - 1]:
            i -= 1
        return i

    def near_before(self, spans: Iterable[Span], cue: Span, window: int, same_clause: bool = True) -> bool:
        """Whether one of `spans` ends within `window` tokens before the cue (in its clause)."""
        first = self.index(cue.start)
        low = self.clause_start(first) if same_clause else 0
        for span in spans:
            if span.end > cue.start:
                continue
            last = self.index(span.end - 1)
            if low <= last and first - last - 1 < window:
                return True
        return False

    def near_after(self, spans: Iterable[Span], cue: Span, window: int, same_clause: bool = False) -> bool:
        """Whether one of `spans` starts within `window` tokens after the cue (in its clause)."""
        last = self.index(cue.end - 1)
        for span in spans:
            first = self.index(span.start)
            if span.start < cue.end or first - last - 1 >= window:
                continue
            if not same_clause or not any(self.breaks[last + 1 : first]):
                return True
        return False

    def quoted_at(self, position: int) -> bool:
        """Inside quotation marks, unless the quotation is a few words woven into the
        sentence ('agreed to "stay in close contact"'): the quoted speaker's words."""
        quote = self.sentence.quote_of(position)
        if quote is None:
            return False
        words = self.sentence.text[max(quote[0] - self.sentence.start, 0) : quote[1] - self.sentence.start].split()
        return len(words) > self.reading.partial_quote_max_words

    def quoted(self, span: Span) -> bool:
        return self.quoted_at(span.start)


_KEEP = 512  # sentences whose Clauses clauses_of keeps (an article has a few dozen)
_RECENT: dict[int, Clauses] = {}


def negated(s: Clauses, cue: Span) -> bool:
    """ "did not sign", "have not agreed", "never met"; or a clause that opens with
    "Neither", "No" or "Nothing"."""
    start = s.clause_start(s.index(cue.start))
    if start < len(s.words) and s.words[start] in s.reading.clause_negations:
        return True
    return s.near_before(s.named("negations"), cue, s.reading.negation_window_tokens)


def own_clauses(s: Clauses) -> tuple[tuple[int, int], ...]:
    """Character ranges of the runs of tokens outside background clauses."""
    runs: list[tuple[int, int]] = []
    previous = False
    for (start, end, _), background in zip(s.sentence.tokens, s.background):
        if background:
            previous = False
            continue
        if previous:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        previous = True
    return tuple(runs)
