"""Language: a blank spaCy pipeline assembled from the codebook.

No statistical model is needed (none may be downloaded at run time): a tokenizer,
a sentencizer and phrase matchers built from the codebook's aliases and cue words
find everything the later stages reason about. `analyse` turns a text into plain
`Sentence` records carrying character offsets into the original text, so the
stages after it never touch spaCy objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import spacy
from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from . import gazetteer
from .codebook import Codebook, slug

# Curly quotes become straight ones one character for one, so offsets hold.
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u2032": "'"}
)
_CONNECTORS = {"and", "of", "the", "for", "on"}
_PLACE_PREPOSITIONS = {"in", "at", "near", "to", "of"}
_NAME_PARTICLES = {"bin", "von", "der", "de", "al", "van", "ibn", "el"}


def normalise(text: str) -> str:
    """Straight quotes for curly ones, keeping every character's position."""
    return text.translate(_QUOTES)


@dataclass(frozen=True)
class Span:
    """A matched stretch of text: `label` says what it is, `key` which entry."""

    start: int
    end: int
    text: str
    label: str  # actor, venue, cue
    key: str  # actor_id / venue_id / cue category
    how: str = ""  # alias, demonym, metonym, title, fuzzy, coref; or the cue's subtype
    token_start: int = 0
    token_end: int = 0


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    tokens: list[tuple[int, int, str]]  # (start, end, text) per token
    actors: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    cues: list[Span] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)

    def cue(self, key: str) -> list[Span]:
        return [c for c in self.cues if c.key == key]

    def token_before(self, position: int, n: int = 1) -> list[str]:
        """The n tokens ending before character `position`, lower-cased, nearest last."""
        before = [t[2].lower() for t in self.tokens if t[1] <= position]
        return before[-n:]

    def token_after(self, position: int, n: int = 1) -> list[str]:
        return [t[2].lower() for t in self.tokens if t[0] >= position][:n]

    def quote_of(self, position: int) -> tuple[int, int] | None:
        return next((q for q in self.quotes if q[0] <= position < q[1]), None)


@dataclass
class NewPerson:
    """A person found from title cues but unknown to the codebook."""

    name: str
    title: str
    country: str | None

    @property
    def actor_id(self) -> str:
        return slug(self.name)


class Language:
    """The matchers for one codebook; build once, `analyse` many texts."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        vocab = self.nlp.vocab
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.cue_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.titles = PhraseMatcher(vocab, attr="LOWER")
        self._entries: dict[str, tuple[str, str, str]] = {}
        self._add_names()
        self._add_cues()
        self.titles.add("title", [self.nlp.make_doc(t.lower()) for t in codebook.cues["titles"]])
        self.not_name_words = set(codebook.cues["not_name_words"])
        self.surnames = self._surnames()

    # -- building -------------------------------------------------------------

    def _add(self, matcher: PhraseMatcher, label: str, key: str, how: str, phrases) -> None:
        entry = f"{label}|{key}|{how}"
        docs = [self.nlp.make_doc(normalise(p)) for p in phrases if p]
        if docs:
            matcher.add(entry, docs)
            self._entries[entry] = (label, key, how)

    def _add_names(self) -> None:
        for actor in self.codebook.actors.values():
            self._add(self.names, "actor", actor.actor_id, "alias", {actor.name, *actor.aliases})
            self._add(self.names, "actor", actor.actor_id, "demonym", set(actor.demonyms))
            self._add(self.names, "actor", actor.actor_id, "metonym", set(actor.metonyms))
        for venue in self.codebook.venues.values():
            self._add(self.names, "venue", venue.venue_id, venue.kind, {venue.name, *venue.aliases})

    def _add_cues(self) -> None:
        cues = self.codebook.cues
        for event_type, phrases in cues["event_cues"].items():
            self._add(self.cue_matcher, "cue", f"event:{event_type}", "", phrases)
        for subtype in ("nouns", "strong", "generic_parties", "anaphora", "new_round"):
            self._add(self.cue_matcher, "cue", f"talks:{subtype}", "", cues["talks"][subtype])
        for status, phrases in cues["status_cues"].items():
            self._add(self.cue_matcher, "cue", f"status:{status}", "", phrases)
        self._add(self.cue_matcher, "cue", "hosting", "", cues["hosting_cues"])
        self._add(self.cue_matcher, "cue", "future", "", cues["future_cues"])
        self._add(self.cue_matcher, "cue", "modal", "", cues["modal_cues"])

    def _surnames(self) -> dict[str, str]:
        """Last names of codebook people, for catching misspellings ("Pashinian")."""
        out = {}
        for actor in self.codebook.actors.values():
            if actor.kind == "person":
                for name in (actor.name, *actor.aliases):
                    last = name.split()[-1]
                    if len(last) >= 5:
                        out[normalise(last)] = actor.actor_id
        return out

    # -- analysing ------------------------------------------------------------

    def analyse(self, text: str, end: int | None = None) -> tuple[list[Sentence], list[NewPerson]]:
        """Sentences of text[:end] with their names, places and cues.

        Each line is analysed on its own (headlines and captions have no full stop),
        and offsets are into `text`.
        """
        end = len(text) if end is None else end
        clean = normalise(text[:end])
        paragraphs = []
        offset = 0
        for line in clean.split("\n"):
            if line.strip():
                paragraphs.append((offset, line))
            offset += len(line) + 1
        sentences: list[Sentence] = []
        people: dict[str, NewPerson] = {}
        for (offset, _line), doc in zip(paragraphs, self.nlp.pipe(line for _, line in paragraphs)):
            sentences.extend(self._sentences(doc, offset, text, people))
        if people:
            self._corefer(sentences, people)
        return sentences, list(people.values())

    def _sentences(self, doc, offset: int, original: str, people: dict[str, NewPerson]) -> list[Sentence]:
        names = self._without_namesakes(doc, self._name_spans(doc))
        names += self._title_people(doc, names, people)
        names += self._fuzzy_people(doc, names)
        names += self._world_places(doc, names)
        cues = [self._span(doc, s, e, m) for m, s, e in self.cue_matcher(doc)]
        quotes = _quote_regions(doc.text)
        out = []
        for sent in doc.sents:
            s_start, s_end = sent.start_char, sent.end_char

            def inside(sp, s_start=s_start, s_end=s_end):
                return s_start <= sp.start and sp.end <= s_end

            sentence = Sentence(
                start=offset + s_start,
                end=offset + s_end,
                text=original[offset + s_start : offset + s_end],
                tokens=[(offset + t.idx, offset + t.idx + len(t.text), t.text) for t in sent],
                actors=[_shift(sp, offset) for sp in names if sp.label == "actor" and inside(sp)],
                places=[_shift(sp, offset) for sp in names if sp.label == "venue" and inside(sp)],
                cues=[_shift(sp, offset) for sp in cues if inside(sp)],
                quotes=[(offset + a, offset + b) for a, b in quotes if a < s_end and b > s_start],
            )
            out.append(sentence)
        return out

    def _span(self, doc, start: int, end: int, match_id, how: str | None = None) -> Span:
        label, key, entry_how = self._entries[self.nlp.vocab.strings[match_id]]
        span = doc[start:end]
        return Span(span.start_char, span.end_char, span.text, label, key, how or entry_how, start, end)

    def _name_spans(self, doc) -> list[Span]:
        """Codebook names, longest first: "Azerbaijan's Foreign Ministry" beats "Azerbaijan".

        Actor and venue readings of one word (Washington) are both kept; resolution
        decides by context which one the sentence means.
        """
        matches = self.names(doc)
        actor = [(m, s, e) for m, s, e in matches if self._entries[self.nlp.vocab.strings[m]][0] == "actor"]
        venue = [(m, s, e) for m, s, e in matches if self._entries[self.nlp.vocab.strings[m]][0] == "venue"]
        out = []
        for group in (actor, venue):
            spans = [doc[s:e] for _, s, e in group]
            ids = {(s, e): m for m, s, e in group}
            for span in filter_spans(spans):
                out.append(self._span(doc, span.start, span.end, ids[(span.start, span.end)]))
        return out

    def _without_namesakes(self, doc, spans: list[Span]) -> list[Span]:
        """A bare surname after another first name ("Kamran Aliyev") is a namesake, not
        the codebook's person; a misspelt first name ("Nkil Pashinyan") still counts."""
        kept = []
        for span in spans:
            actor = self.codebook.actors.get(span.key) if span.label == "actor" else None
            if (
                actor is not None
                and actor.kind == "person"
                and span.token_end - span.token_start == 1
                and span.token_start > 0
            ):
                previous = doc[span.token_start - 1]
                first_name = actor.name.split()[0]
                covered = any(o.token_start <= previous.i < o.token_end for o in spans)
                if (
                    _is_name_token(previous)
                    and not covered
                    and previous.text not in self.not_name_words
                    and fuzz.ratio(previous.text, first_name) < 60
                ):
                    continue
            kept.append(span)
        return kept

    def _title_people(self, doc, known: list[Span], people: dict[str, NewPerson]) -> list[Span]:
        """People the codebook lacks, found from the title before their name:
        "Russian political scientist Sergei Markedonov", "EU Special Representative
        for the South Caucasus Toivo Klaar"."""
        covered = {i for sp in known for i in range(sp.token_start, sp.token_end)}
        found = []
        for title in filter_spans([doc[s:e] for _, s, e in self.titles(doc)]):
            name_tokens, domain_end = self._name_after_title(doc, title.end)
            if not name_tokens or any(t.i in covered for t in name_tokens):
                continue
            surname = process.extractOne(name_tokens[-1].text, self.surnames.keys(), scorer=fuzz.ratio, score_cutoff=85)
            if surname:
                # "Foreign Minister Ararat Mirzoyn": a misspelt codebook person, not a new one.
                found.append(_token_span(doc, name_tokens, "actor", self.surnames[surname[0]], "fuzzy"))
                covered.update(t.i for t in name_tokens)
                continue
            name = " ".join(t.text for t in name_tokens)
            country = self._country_before(title.start, known)
            title_text = doc[title.start : domain_end].text
            person = people.setdefault(slug(name), NewPerson(name, title_text, country))
            found.append(_token_span(doc, name_tokens, "actor", person.actor_id, "title"))
            covered.update(t.i for t in name_tokens)
        return found

    def _name_after_title(self, doc, i: int):
        """The name tokens after a title ending at token i, and where the title's domain ends."""
        if i >= len(doc):
            return [], i
        if doc[i].lower_ in self.codebook.cues["title_domain_openers"]:
            j = i + 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            run = []
            while j < len(doc) and (_is_name_token(doc[j]) or (doc[j].lower_ in _CONNECTORS and run)) and len(run) < 10:
                run.append(doc[j])
                j += 1
            while run and not _is_name_token(run[-1]):
                run.pop()
            capitalised = [t for t in run if _is_name_token(t)]
            if len(capitalised) < 3:
                return [], i
            name = capitalised[-2:]
            domain_end = name[0].i
        else:
            j = i
            name = []
            while (
                j < len(doc)
                and (_is_name_token(doc[j]) or (doc[j].lower_ in _NAME_PARTICLES and name))
                and len(name) < 4
            ):
                name.append(doc[j])
                j += 1
            while name and not _is_name_token(name[-1]):
                name.pop()
            domain_end = i
        if len(name) < 2 or any(t.text in self.not_name_words for t in name):
            return [], i
        return name, domain_end

    def _country_before(self, token_index: int, known: list[Span]) -> str | None:
        """The state named just before a title: "Russian political scientist ..." -> russia."""
        for span in known:
            if span.label == "actor" and token_index - 2 <= span.token_end <= token_index:
                actor = self.codebook.actors.get(span.key)
                if actor and actor.kind in ("state", "organization") and actor.country is None:
                    return actor.actor_id
        return None

    def _fuzzy_people(self, doc, known: list[Span]) -> list[Span]:
        """Misspelt surnames of codebook people ("Pashinian", "Aliev") by edit similarity."""
        covered = {i for sp in known for i in range(sp.token_start, sp.token_end)}
        found = []
        for token in doc:
            if (
                token.i in covered
                or not token.is_title
                or len(token.text) < 6
                or token.text in self.not_name_words
                or token.text in self.surnames
            ):
                continue
            hit = process.extractOne(token.text, self.surnames.keys(), scorer=fuzz.ratio, score_cutoff=85)
            if hit:
                found.append(
                    Span(
                        token.idx,
                        token.idx + len(token.text),
                        token.text,
                        "actor",
                        self.surnames[hit[0]],
                        "fuzzy",
                        token.i,
                        token.i + 1,
                    )
                )
        return found

    def _world_places(self, doc, known: list[Span]) -> list[Span]:
        """Places the codebook lacks ("in Dushanbe", "in Malta"), from the world gazetteer.

        Only capitalised names right after a place preposition are looked up, so
        ordinary capitalised words are never taken for towns.
        """
        covered = {i for sp in known for i in range(sp.token_start, sp.token_end)}
        found = []
        for token in doc[1:]:
            if token.i in covered or doc[token.i - 1].lower_ not in _PLACE_PREPOSITIONS or not _is_name_token(token):
                continue
            run = [token]
            while (
                len(run) < 3
                and run[-1].i + 1 < len(doc)
                and _is_name_token(doc[run[-1].i + 1])
                and run[-1].i + 1 not in covered
            ):
                run.append(doc[run[-1].i + 1])
            for size in range(len(run), 0, -1):
                words = run[:size]
                if any(t.text in self.not_name_words for t in words):
                    continue
                venue = gazetteer.lookup(" ".join(t.text for t in words), self.codebook)
                if venue is not None:
                    self.codebook.add_found_venue(venue)
                    found.append(_token_span(doc, words, "venue", venue.venue_id, venue.kind))
                    covered.update(t.i for t in words)
                    break
        return found

    def _corefer(self, sentences: list[Sentence], people: dict[str, NewPerson]) -> None:
        """Later bare surnames of newly found people ("Markedonov said") point to them."""
        by_surname = {p.name.split()[-1]: p for p in people.values()}
        for sentence in sentences:
            taken = [(a.start, a.end) for a in sentence.actors]
            for start, end, text in sentence.tokens:
                person = by_surname.get(text)
                if person and not any(s <= start < e for s, e in taken):
                    sentence.actors.append(Span(start, end, text, "actor", person.actor_id, "coref"))
            sentence.actors.sort(key=lambda sp: sp.start)


def _is_name_token(token) -> bool:
    text = token.text
    return bool(re.match(r"^[A-Z][\w'\-]*[a-z][\w'\-]*$", text)) or bool(re.match(r"^[A-Z]'[A-Z][a-z]+$", text))


def _token_span(doc, tokens, label: str, key: str, how: str) -> Span:
    """A Span over consecutive tokens, with character and token offsets."""
    first, last = tokens[0], tokens[-1]
    return Span(
        first.idx, last.idx + len(last.text), doc[first.i : last.i + 1].text, label, key, how, first.i, last.i + 1
    )


def _shift(span: Span, offset: int) -> Span:
    return Span(
        span.start + offset,
        span.end + offset,
        span.text,
        span.label,
        span.key,
        span.how,
        span.token_start,
        span.token_end,
    )


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Stretches inside double quotes; an unclosed quote runs to the end of the line."""
    marks = [i for i, ch in enumerate(text) if ch == '"']
    regions = []
    for k in range(0, len(marks), 2):
        start = marks[k]
        end = marks[k + 1] + 1 if k + 1 < len(marks) else len(text)
        regions.append((start, end))
    return regions
