"""The matchers: a blank spaCy pipeline and phrase matchers compiled from the codebook.

No statistical model is needed (none may be downloaded at run time): a tokenizer,
a sentencizer and phrase matchers built from the codebook's aliases and cue words
find everything the later stages reason about. Compiling them takes a moment, so a
build does it once (`Knowledge.load`) and every article reuses them; they are only
ever read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import spacy
from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # a Cython module without stubs
from spacy.tokens import Doc

from .codebook import Codebook, load
from .cues import Cues

# Curly quotes become straight ones one character for one, so offsets hold.
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u2032": "'"}
)


_MEMO_LIMIT = 200_000  # words remembered by `Matchers.misspelt_surname` (a few MB)


def normalise(text: str) -> str:
    """Straight quotes for curly ones, keeping every character's position."""
    return text.translate(_QUOTES)


class Matchers:
    """The spaCy pipeline and phrase matchers for one codebook; build once, read many times."""

    def __init__(self, codebook: Codebook):
        self.nlp = spacy.blank("en")
        sentencizer: Sentencizer = self.nlp.add_pipe("sentencizer")
        self.punct_chars = frozenset(sentencizer.punct_chars)  # what ends a sentence
        vocab = self.nlp.vocab
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.cues = PhraseMatcher(vocab, attr="LOWER")
        self.titles = PhraseMatcher(vocab, attr="LOWER")
        self._entries: dict[int, tuple[str, str, str]] = {}  # by match id: the hash of "label|key|how"
        self._add_names(codebook)
        self._add_cues(codebook.cues)
        self.titles.add("title", [self.nlp.make_doc(t.lower()) for t in codebook.cues.titles])
        self.surnames = _surnames(codebook)
        self._similarity = codebook.cues.names.misspelling_similarity
        self._misspelt: dict[str, str | None] = {}

    def entry(self, match_id: int) -> tuple[str, str, str]:
        """(label, key, how) of a match: what the matched phrase stands for."""
        return self._entries[match_id]

    def misspelt_surname(self, word: str) -> str | None:
        """The codebook surname `word` is a misspelling of ("Pashinian" -> "Pashinyan"),
        by edit similarity, or None. Remembered per word: names recur in every article."""
        if word not in self._misspelt:
            if len(self._misspelt) >= _MEMO_LIMIT:
                self._misspelt.clear()
            hit = process.extractOne(word, self.surnames.keys(), scorer=fuzz.ratio, score_cutoff=self._similarity)
            self._misspelt[word] = hit[0] if hit else None
        return self._misspelt[word]

    def _add(self, matcher: PhraseMatcher, label: str, key: str, how: str, phrases: Iterable[str]) -> None:
        entry = f"{label}|{key}|{how}"
        docs = [self.nlp.make_doc(normalise(p)) for p in phrases if p]
        if docs:
            matcher.add(entry, docs)
            self._entries[self.nlp.vocab.strings[entry]] = (label, key, how)

    def _add_names(self, codebook: Codebook) -> None:
        for actor in codebook.actors.values():
            self._add(self.names, "actor", actor.actor_id, "alias", {actor.name, *actor.aliases})
            self._add(self.names, "actor", actor.actor_id, "demonym", set(actor.demonyms))
            self._add(self.names, "actor", actor.actor_id, "metonym", set(actor.metonyms))
        for venue in codebook.venues.values():
            self._add(self.names, "venue", venue.venue_id, venue.kind, {venue.name, *venue.aliases})

    def _add_cues(self, cues: Cues) -> None:
        for event_type, phrases in cues.event_cues.items():
            self._add(self.cues, "cue", f"event:{event_type}", "", phrases)
        for event_type, phrases in cues.event_predicates.items():
            self._add(self.cues, "cue", f"act:{event_type}", "", phrases)
        for name, phrases in cues.event_reading.matched_phrases().items():
            self._add(self.cues, "cue", f"reading:{name}", "", phrases)
        talks = cues.talks
        for subtype, phrases in (
            ("nouns", talks.nouns),
            ("strong", talks.strong),
            ("generic_parties", talks.generic_parties),
            ("anaphora", talks.anaphora),
            ("new_round", talks.new_round),
        ):
            self._add(self.cues, "cue", f"talks:{subtype}", "", phrases)
        for status, phrases in cues.status_cues.items():
            self._add(self.cues, "cue", f"status:{status}", "", phrases)
        self._add(self.cues, "cue", "hosting", "", cues.hosting_cues)
        self._add(self.cues, "cue", "future", "", cues.future_cues)
        self._add(self.cues, "cue", "modal", "", cues.modal_cues)

    def pipe(self, lines: Iterable[str]) -> Iterable[Doc]:
        """The lines tokenised, without sentences: `tokens.Line.of(doc, text, offset,
        matchers.punct_chars)` finds them as the sentencizer would, without making a
        Python object per token."""
        tokenizer: Tokenizer = self.nlp.tokenizer
        docs: Iterable[Doc] = tokenizer.pipe(lines)
        return docs


def _surnames(codebook: Codebook) -> dict[str, str]:
    """Last names of codebook people, for catching misspellings ("Pashinian")."""
    out = {}
    for actor in codebook.actors.values():
        if actor.kind == "person":
            for name in (actor.name, *actor.aliases):
                last = name.split()[-1]
                if len(last) >= codebook.cues.names.min_surname_chars:
                    out[normalise(last)] = actor.actor_id
    return out


@dataclass(frozen=True)
class Knowledge:
    """What every stage may read and none may change: the codebook and its matchers.

    >>> knowledge = Knowledge.load()
    >>> knowledge.cues is knowledge.codebook.cues
    True
    """

    codebook: Codebook
    matchers: Matchers

    @classmethod
    def load(cls, codebook: Codebook | None = None) -> Knowledge:
        codebook = codebook or load()
        return cls(codebook, Matchers(codebook))

    @property
    def cues(self) -> Cues:
        return self.codebook.cues
