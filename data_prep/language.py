"""Stage `find_names`: an article's sentences with the names, places and cue words in them.

The codebook's matchers (matchers.py) find codebook names and cue words; people the
codebook lacks are found from their titles (people.py) and places it lacks from the
world gazetteer. Each line is analysed on its own (headlines and captions have no
full stop), and every offset is into the article's text, so the stages after this
one never touch spaCy objects.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc
from spacy.util import filter_spans

from .codebook import Codebook, Venue
from .matchers import Knowledge, Matchers, normalise
from .people import corefer, covered_tokens, is_name_token, misspelt_people, title_people, token_span, without_namesakes
from .record import NewPerson, Record, Sentence, Span


def find_names(record: Record, knowledge: Knowledge) -> Record:
    """Sentences of the article's body (up to its page furniture), new people, and the
    places found in the world gazetteer."""
    text = record.article.text
    sentences, people, found = analyse(text, record.article.body_end, knowledge)
    return replace(
        record, sentences=tuple(sentences), people=tuple(people), found_venues={**record.found_venues, **found}
    )


def analyse(
    text: str, end: int | None, knowledge: Knowledge
) -> tuple[list[Sentence], list[NewPerson], dict[str, Venue]]:
    """Sentences of text[:end] with their names, places and cues; the people found from
    titles; the world places found (by venue_id)."""
    matchers, codebook = knowledge.matchers, knowledge.codebook
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
    found: dict[str, Venue] = {}
    for (offset, _line), doc in zip(paragraphs, matchers.pipe(line for _, line in paragraphs)):
        names = without_namesakes(doc, _name_spans(doc, matchers), codebook)
        names += title_people(doc, names, people, matchers, codebook)
        names += misspelt_people(doc, names, matchers, codebook)
        names += _world_places(doc, names, codebook, found)
        cues = [_span(doc, s, e, m, matchers) for m, s, e in matchers.cues(doc)]
        sentences.extend(_sentences(doc, offset, text, names, cues))
    if people:
        sentences = corefer(sentences, people)
    return sentences, list(people.values()), found


def _sentences(doc: Doc, offset: int, original: str, names: list[Span], cues: list[Span]) -> list[Sentence]:
    """The sentences of one line, offsets shifted from the line into the whole text."""
    quotes = _quote_regions(doc.text)
    out = []
    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char

        def inside(sp: Span, s_start: int = s_start, s_end: int = s_end) -> bool:
            return s_start <= sp.start and sp.end <= s_end

        out.append(
            Sentence(
                start=offset + s_start,
                end=offset + s_end,
                text=original[offset + s_start : offset + s_end],
                tokens=tuple((offset + t.idx, offset + t.idx + len(t.text), t.text) for t in sent),
                actors=tuple(_shift(sp, offset) for sp in names if sp.label == "actor" and inside(sp)),
                places=tuple(_shift(sp, offset) for sp in names if sp.label == "venue" and inside(sp)),
                cues=tuple(_shift(sp, offset) for sp in cues if inside(sp)),
                quotes=tuple((offset + a, offset + b) for a, b in quotes if a < s_end and b > s_start),
            )
        )
    return out


def _span(doc: Doc, start: int, end: int, match_id: int, matchers: Matchers) -> Span:
    label, key, how = matchers.entry(match_id)
    span = doc[start:end]
    return Span(span.start_char, span.end_char, span.text, label, key, how, start, end)


def _name_spans(doc: Doc, matchers: Matchers) -> list[Span]:
    """Codebook names, longest first: "Azerbaijan's Foreign Ministry" beats "Azerbaijan".

    Actor and venue readings of one word (Washington) are both kept; resolution
    decides by context which one the sentence means.
    """
    matches = matchers.names(doc)
    actor = [(m, s, e) for m, s, e in matches if matchers.entry(m)[0] == "actor"]
    venue = [(m, s, e) for m, s, e in matches if matchers.entry(m)[0] == "venue"]
    out = []
    for group in (actor, venue):
        spans = [doc[s:e] for _, s, e in group]
        ids = {(s, e): m for m, s, e in group}
        for span in filter_spans(spans):
            out.append(_span(doc, span.start, span.end, ids[(span.start, span.end)], matchers))
    return out


def _world_places(doc: Doc, known: list[Span], codebook: Codebook, found: dict[str, Venue]) -> list[Span]:
    """Places the codebook lacks ("in Dushanbe", "in Malta"), from the world gazetteer.

    Only capitalised names right after a place preposition are looked up, so
    ordinary capitalised words are never taken for towns. A place found is added to
    `found` (the article's), unless the codebook has a venue of that id.
    """
    names = codebook.cues.names
    covered = covered_tokens(known)
    spans = []
    for token in doc[1:]:
        if (
            token.i in covered
            or doc[token.i - 1].lower_ not in names.world_place_prepositions
            or not is_name_token(token)
        ):
            continue
        run = [token]
        while (
            len(run) < names.max_place_words
            and run[-1].i + 1 < len(doc)
            and is_name_token(doc[run[-1].i + 1])
            and run[-1].i + 1 not in covered
        ):
            run.append(doc[run[-1].i + 1])
        for size in range(len(run), 0, -1):
            words = run[:size]
            if any(t.text in codebook.cues.not_name_words for t in words):
                continue
            venue = codebook.world_place(" ".join(t.text for t in words))
            if venue is not None:
                if venue.venue_id not in codebook.venues:
                    found.setdefault(venue.venue_id, venue)
                spans.append(token_span(doc, words, "venue", venue.venue_id, venue.kind))
                covered.update(t.i for t in words)
                break
    return spans


def _shift(span: Span, offset: int) -> Span:
    """The span with offsets into the whole text (built directly: `replace` costs more per span)."""
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
