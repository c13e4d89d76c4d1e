"""A line's tokens as plain Python lists, read once from spaCy's `Doc` arrays.

Walking a `Doc` token by token makes a Python `Token` object per token and per
look, which was most of the time `find_names` took. `Line.of(doc)` reads the
offsets and sentence starts in one call (`Doc.to_array`) and slices the words out
of the text, so the name finders (language.py, people.py) work on lists of
strings and integers: the same tokens and offsets spaCy made, and the sentences its
sentencizer makes, but that an opening quote begins the sentence it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

_NAME = re.compile(r"^[A-Z][\w'\-]*[a-z][\w'\-]*$")
_IRISH_NAME = re.compile(r"^[A-Z]'[A-Z][a-z]+$")


def is_name_text(text: str) -> bool:
    """A capitalised word with a lower-case letter ("Pashinyan", "O'Brien"), or "O'Neil"-like."""
    return bool(_NAME.match(text)) or bool(_IRISH_NAME.match(text))


@dataclass(frozen=True)
class Line:
    """One line of an article as spaCy tokenised it: token offsets into `text`, the
    words, and the token index where each sentence begins."""

    text: str
    offset: int  # where the line begins in the article
    starts: list[int]
    ends: list[int]
    words: list[str]
    sentence_starts: list[int]

    @classmethod
    def of(cls, doc: Doc, text: str, offset: int = 0, punct_chars: frozenset[str] | None = None) -> Line:
        """The line `text` that spaCy tokenised into `doc` (`doc.text` would rebuild it token
        by token), starting at character `offset` of the article.

        With `punct_chars`, the sentences are found here, as spaCy's sentencizer with those
        characters finds them but that an opening quote begins the sentence it opens
        (`_sentencize`), from the arrays instead of Token objects; without,
        they are read from the Doc (which a sentencizer must then have annotated)."""
        if not len(doc):
            return cls(text, offset, [], [], [], [])
        if punct_chars is None:
            starts, lengths, sent_start = doc.to_array(["IDX", "LENGTH", "SENT_START"]).T.tolist()
        else:
            starts, lengths, is_punct = doc.to_array(["IDX", "LENGTH", "IS_PUNCT"]).T.tolist()
        ends = [s + n for s, n in zip(starts, lengths)]
        words = [text[s:e] for s, e in zip(starts, ends)]
        if punct_chars is None:
            # SENT_START is 1 where a sentence begins (unsigned -1 elsewhere); the first token always begins one.
            sentence_starts = [0, *(i for i, flag in enumerate(sent_start) if flag == 1 and i)]
        else:
            sentence_starts = _sentencize(words, is_punct, punct_chars, starts, ends)
        return cls(text, offset, starts, ends, words, sentence_starts)

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def lowers(self) -> list[str]:
        """Each word lower-cased, as spaCy's `Token.lower_` gives it."""
        return [w.lower() for w in self.words]

    @cached_property
    def names(self) -> list[bool]:
        """Whether each word looks like a name (`is_name_text`)."""
        return [is_name_text(w) for w in self.words]

    def char_span(self, start: int, end: int) -> tuple[int, int, str]:
        """(first character, end character, text) of tokens start..end-1; the characters
        counted from the start of the article."""
        first, last = self.starts[start], self.ends[end - 1]
        return first + self.offset, last + self.offset, self.text[first:last]

    def sentences(self) -> list[tuple[int, int]]:
        """(first token, end token) of every sentence, in order."""
        bounds = [*self.sentence_starts, len(self.words)]
        return [(bounds[k], bounds[k + 1]) for k in range(len(self.sentence_starts))]


# Quote marks that only ever open a quotation; a straight one opens when it stands
# before a word with a space (or the line's start) before it.
_OPENING_QUOTES = frozenset({"\u201c", "\u2018"})
_STRAIGHT_QUOTES = frozenset({'"', "'"})


def _sentencize(
    words: list[str], is_punct: list[int], punct_chars: frozenset[str], starts: list[int], ends: list[int]
) -> list[int]:
    """Where sentences begin: spaCy's `Sentencizer.predict`, over plain lists, but for
    opening quotes. A sentence ends after a sentence-final character ("." "!" "?" ...)
    and the punctuation that follows it (closing quotes, brackets); the next other token
    begins the next one. spaCy gives an opening quote after the end to the sentence that
    ends (`said. "` | `We are ready`); here it begins the next sentence, whose words it
    opens (`_opens_quote`), while one glued to the full stop (`said."`) still closes."""
    sentence_starts = [0]
    seen_final = False
    for i, word in enumerate(words):
        final = word in punct_chars
        if seen_final and ((not is_punct[i] and not final) or _opens_quote(words, starts, ends, i)):
            sentence_starts.append(i)
            seen_final = False
        elif final:
            seen_final = True
    return sentence_starts


def _opens_quote(words: list[str], starts: list[int], ends: list[int], i: int) -> bool:
    """Whether token i is a quote mark that opens a quotation: a curly opening quote, or
    a straight one with a space (or nothing) before it and a word glued after it
    (`said. "We`), not one glued to the word before (`said."`)."""
    if words[i] in _OPENING_QUOTES:
        return True
    if words[i] not in _STRAIGHT_QUOTES or i + 1 == len(words):
        return False
    space_before = i == 0 or starts[i] > ends[i - 1]
    glued_after = starts[i + 1] == ends[i]
    return space_before and glued_after


def longest_first(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy's `filter_spans` on (start, end) token pairs: of overlapping spans the
    (first) longest wins, duplicates go, the rest sorted by start."""
    ordered = sorted(pairs, key=lambda p: (p[1] - p[0], -p[0]), reverse=True)
    kept = []
    seen: set[int] = set()
    for start, end in ordered:
        if start not in seen and end - 1 not in seen:
            kept.append((start, end))
            seen.update(range(start, end))
    return sorted(kept, key=lambda p: p[0])
