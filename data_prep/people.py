"""People in a spaCy `Doc` beyond the codebook's exact names: namesakes to ignore,
people the codebook lacks (found from the title before their name), misspelt
codebook people, and later bare surnames of the people found.

Helpers of the `find_names` stage (language.py); they read the matchers and the
codebook and return spans, never changing either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from .codebook import Codebook, slug
from .matchers import Matchers
from .record import NewPerson, Sentence, Span


def is_name_token(token: Token) -> bool:
    """A capitalised word with a lower-case letter ("Pashinyan", "O'Brien"), or "O'Neil"-like."""
    text = token.text
    return bool(re.match(r"^[A-Z][\w'\-]*[a-z][\w'\-]*$", text)) or bool(re.match(r"^[A-Z]'[A-Z][a-z]+$", text))


def token_span(doc: Doc, tokens: list[Token], label: str, key: str, how: str) -> Span:
    """A Span over consecutive tokens, with character and token offsets."""
    first, last = tokens[0], tokens[-1]
    return Span(
        first.idx, last.idx + len(last.text), doc[first.i : last.i + 1].text, label, key, how, first.i, last.i + 1
    )


def covered_tokens(spans: Iterable[Span]) -> set[int]:
    return {i for sp in spans for i in range(sp.token_start, sp.token_end)}


def without_namesakes(doc: Doc, spans: list[Span], codebook: Codebook) -> list[Span]:
    """A bare surname after another first name ("Kamran Aliyev") is a namesake, not
    the codebook's person; a misspelt first name ("Nkil Pashinyan") still counts."""
    names = codebook.cues.names
    kept = []
    for span in spans:
        actor = codebook.actors.get(span.key) if span.label == "actor" else None
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
                is_name_token(previous)
                and not covered
                and previous.text not in codebook.cues.not_name_words
                and fuzz.ratio(previous.text, first_name) < names.namesake_similarity
            ):
                continue
        kept.append(span)
    return kept


def title_people(
    doc: Doc, known: list[Span], people: dict[str, NewPerson], matchers: Matchers, codebook: Codebook
) -> list[Span]:
    """People the codebook lacks, found from the title before their name:
    "Russian political scientist Sergei Markedonov", "EU Special Representative
    for the South Caucasus Toivo Klaar". New people go into `people` (the caller's)."""
    covered = covered_tokens(known)
    similarity = codebook.cues.names.misspelling_similarity
    found = []
    for title in filter_spans([doc[s:e] for _, s, e in matchers.titles(doc)]):
        name_tokens, domain_end = _name_after_title(doc, title.end, codebook)
        if not name_tokens or any(t.i in covered for t in name_tokens):
            continue
        surname = process.extractOne(
            name_tokens[-1].text, matchers.surnames.keys(), scorer=fuzz.ratio, score_cutoff=similarity
        )
        if surname:
            # "Foreign Minister Ararat Mirzoyn": a misspelt codebook person, not a new one.
            found.append(token_span(doc, name_tokens, "actor", matchers.surnames[surname[0]], "fuzzy"))
            covered.update(t.i for t in name_tokens)
            continue
        name = " ".join(t.text for t in name_tokens)
        country = _country_before(title.start, known, codebook)
        title_text = doc[title.start : domain_end].text
        person = people.setdefault(slug(name), NewPerson(name, title_text, country))
        found.append(token_span(doc, name_tokens, "actor", person.actor_id, "title"))
        covered.update(t.i for t in name_tokens)
    return found


def _name_after_title(doc: Doc, i: int, codebook: Codebook) -> tuple[list[Token], int]:
    """The name tokens after a title ending at token i, and where the title's domain ends."""
    cues, names = codebook.cues, codebook.cues.names
    if i >= len(doc):
        return [], i
    if doc[i].lower_ in cues.title_domain_openers:
        # "Special Representative for the South Caucasus Toivo Klaar": the last two capitals.
        j = i + 1
        if j < len(doc) and doc[j].lower_ in names.domain_articles:
            j += 1
        run: list[Token] = []
        while (
            j < len(doc)
            and (is_name_token(doc[j]) or (doc[j].lower_ in names.connectors and run))
            and len(run) < names.max_domain_words
        ):
            run.append(doc[j])
            j += 1
        while run and not is_name_token(run[-1]):
            run.pop()
        capitalised = [t for t in run if is_name_token(t)]
        if len(capitalised) < names.min_domain_capitals:
            return [], i
        name = capitalised[-2:]
        domain_end = name[0].i
    else:
        j = i
        name = []
        while (
            j < len(doc)
            and (is_name_token(doc[j]) or (doc[j].lower_ in names.particles and name))
            and len(name) < names.max_name_words
        ):
            name.append(doc[j])
            j += 1
        while name and not is_name_token(name[-1]):
            name.pop()
        domain_end = i
    if len(name) < 2 or any(t.text in cues.not_name_words for t in name):
        return [], i
    return name, domain_end


def _country_before(token_index: int, known: list[Span], codebook: Codebook) -> str | None:
    """The state named just before a title: "Russian political scientist ..." -> russia."""
    for span in known:
        if span.label == "actor" and token_index - 2 <= span.token_end <= token_index:
            actor = codebook.actors.get(span.key)
            if actor and actor.kind in ("state", "organization") and actor.country is None:
                return actor.actor_id
    return None


def misspelt_people(doc: Doc, known: list[Span], matchers: Matchers, codebook: Codebook) -> list[Span]:
    """Misspelt surnames of codebook people ("Pashinian", "Aliev") by edit similarity."""
    names = codebook.cues.names
    covered = covered_tokens(known)
    found = []
    for token in doc:
        if (
            token.i in covered
            or not token.is_title
            or len(token.text) < names.min_misspelt_chars
            or token.text in codebook.cues.not_name_words
            or token.text in matchers.surnames
        ):
            continue
        hit = process.extractOne(
            token.text, matchers.surnames.keys(), scorer=fuzz.ratio, score_cutoff=names.misspelling_similarity
        )
        if hit:
            found.append(token_span(doc, [token], "actor", matchers.surnames[hit[0]], "fuzzy"))
    return found


def corefer(sentences: list[Sentence], people: dict[str, NewPerson]) -> list[Sentence]:
    """Later bare surnames of newly found people ("Markedonov said") point to them."""
    by_surname = {p.name.split()[-1]: p for p in people.values()}
    out = []
    for sentence in sentences:
        actors = list(sentence.actors)
        taken = [(a.start, a.end) for a in sentence.actors]
        for start, end, text in sentence.tokens:
            person = by_surname.get(text)
            if person and not any(s <= start < e for s, e in taken):
                actors.append(Span(start, end, text, "actor", person.actor_id, "coref"))
        actors.sort(key=lambda sp: sp.start)
        out.append(replace(sentence, actors=tuple(actors)))
    return out
