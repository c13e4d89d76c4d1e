"""A deterministic corpus of realistic articles, any size, for the build benchmarks.

Every article is drawn from the codebook (people with their titles, states and their
demonyms, venues, the talks, status and event cue words, the page's caption words
and furniture markers) with a random generator seeded by the article's number, so
`articles(n)` gives the same texts on every machine, and article k is the same
whatever n. The shapes follow real house styles: a headline, sometimes a byline and
a date stamp, sometimes a wire dateline ("BRUSSELS, Nov 7 (Agency) -"), paragraphs
of one to four sentences with names, titles, dates of every kind the date patterns
know (full dates, "November 20", "on Thursday", "three weeks earlier", "last
month"), quotations, and sometimes page furniture after the body (a "Related news"
list with date stamps, share lines, a copyright line). Lengths vary from about 150
to 1,500 words (median about 450, as in eval/reporting). No two texts are alike: each
carries figures made from its own number.

    python -m benchmarks.corpus 2000 /tmp/corpus2000     # writes the files and a manifest.csv
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from data_prep.codebook import Codebook, load

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
SHORT_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
AGENCIES = ("Reuters", "AFP", "AP", "Interfax", "Anadolu", "Trend", "Armenpress", "APA", "TASS", "News.am")
OUTLETS = ("Agency Wire", "Caucasus Daily", "Eurasia Monitor", "Baku Observer", "Yerevan Times", "Global Desk")
SUBJECTS = (
    "The document",
    "The draft",
    "The process",
    "The border question",
    "The agenda",
    "Public opinion",
    "The economy",
    "The transit route",
    "The commission",
    "The working group",
    "Civil society",
)
PREDICATES = (
    "remained the main sticking point",
    "was discussed at length behind closed doors",
    "has dominated the debate for months",
    "was barely mentioned in the final text",
    "is likely to take years to settle",
    "drew criticism from opposition parties at home",
    "has changed little since the last session",
    "was described as a priority by both delegations",
)
TAILS = (
    "",
    " according to people familiar with the matter",
    " analysts said",
    " local media reported",
    " in the view of most observers",
    " several diplomats noted",
)
FILLER = (
    "The statement gave no further details.",
    "Observers described the atmosphere as businesslike but tense.",
    "Neither side commented on the length of the session.",
    "Analysts said the border question remained the hardest issue.",
    "The two countries have no diplomatic relations.",
    "Negotiators worked late into the night on the wording of the draft.",
    "Officials declined to say when the text could be finalised.",
    "Local media carried the news prominently on their front pages.",
)


@dataclass(frozen=True)
class Article:
    """A generated article: its file name, its text and the manifest row that goes with it."""

    name: str
    text: str
    published: date
    in_manifest: bool  # False: the date is only in the text (stamp or dateline), as on a saved page
    source: str


@dataclass(frozen=True)
class _Vocabulary:
    people: list[tuple[str, str, str]]  # (title, full name, surname)
    states: list[tuple[str, str]]  # (name, demonym)
    venues: list[str]
    talks_nouns: list[str]
    held: list[str]
    planned: list[str]
    cancelled: list[str]
    event_words: list[str]
    hosting: list[str]
    markers: list[str]
    captions: list[str]


@cache
def _vocabulary() -> _Vocabulary:
    codebook: Codebook = load()
    people = sorted(
        (a.title or "official", a.name, a.name.split()[-1])
        for a in codebook.actors.values()
        if a.kind == "person" and len(a.name.split()) >= 2
    )
    states = sorted(
        (a.name, a.demonyms[0]) for a in codebook.actors.values() if a.kind == "state" and a.demonyms and a.aliases
    )
    venues = sorted({v.name for v in codebook.venues.values() if v.kind == "city"})
    cues = codebook.cues
    # Plural nouns and past-tense verbs, so that every sentence reads as English.
    plural = {"talks", "negotiations", "consultations", "meetings", "rounds", "discussions"}
    nouns = sorted(n for n in cues.talks.nouns if n in plural)
    event_words = sorted(
        {p for phrases in cues.event_cues.values() for p in phrases if " " not in p and p.endswith("ed")}
    )
    return _Vocabulary(
        people=people,
        states=states,
        venues=venues,
        talks_nouns=nouns or ["talks"],
        held=[w for w in cues.status_cues["held"] if " " not in w and w.endswith(("ed", "held", "met"))] or ["held"],
        planned=[w for w in cues.status_cues["planned"] if " " not in w and w != "will"] or ["planned"],
        cancelled=[w for w in cues.status_cues["cancelled"] if w.endswith("ed")] or ["cancelled"],
        event_words=event_words,
        hosting=[w for w in cues.hosting_cues if w.endswith("ed")] or ["hosted"],
        markers=[m for m in cues.furniture_markers if m.isascii()],
        captions=[w for w in cues.page.caption_words if w[0].isupper() and " " not in w],
    )


def _date_expression(rng: random.Random, day: date) -> str:
    """A date as newspapers write it: explicit, year-less, relative or counted."""
    choice = rng.randrange(10)
    if choice == 0:
        return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
    if choice == 1:
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
    if choice == 2:
        return f"on {SHORT_MONTHS[day.month - 1]} {day.day}"
    if choice == 3:
        return f"on {WEEKDAYS[day.weekday()]}"
    if choice == 4:
        return f"in {MONTHS[day.month - 1]} {day.year}"
    if choice == 5:
        return f"{rng.choice(('two', 'three', 'four', 'several'))} {rng.choice(('days', 'weeks', 'months'))} earlier"
    if choice == 6:
        return rng.choice(("last month", "next week", "earlier this year", "last week", "this month"))
    if choice == 7:
        return rng.choice(("yesterday", "today", "tomorrow"))
    if choice == 8:
        return f"early {MONTHS[day.month - 1]}"
    return f"next {WEEKDAYS[day.weekday()]}"


def _sentence(rng: random.Random, v: _Vocabulary, published: date, number: int) -> str:
    """One sentence of news: a round of talks, a statement, an accusation, a call, background."""
    title, person, surname = rng.choice(v.people)
    other_title, other, _ = rng.choice(v.people)
    (state, demonym), (state2, demonym2) = rng.sample(v.states, 2)
    venue = rng.choice(v.venues)
    when = _date_expression(rng, published - timedelta(days=rng.randrange(-40, 120)))
    noun = rng.choice(v.talks_nouns)
    kind = rng.randrange(22)  # about half the sentences name no one: the density of real reporting
    if kind == 0:
        return f"{demonym} {title} {person} and {other_title} {other} {rng.choice(v.held)} {noun} in {venue} {when}."
    if kind == 1:
        return f"A new round of {noun} between {state} and {state2} is {rng.choice(v.planned)} in {venue} {when}."
    if kind == 2:
        return f"{state} {rng.choice(v.cancelled)} the {noun} in {venue} {when}, citing the {demonym2} position."
    if kind == 3:
        return f'"We are ready to continue the {noun}," {surname} told reporters in {venue} {when}.'
    if kind == 4:
        return f"{demonym} officials accused {state2} of {rng.choice(('shelling', 'provocations', 'stalling'))} near the border {when}."
    if kind == 5:
        return f"{person} spoke by phone with {other} {when}, the {demonym} foreign ministry said."
    if kind == 6:
        return f"The meeting, {rng.choice(v.hosting)} by {state}, followed talks in {venue} {when}."
    if kind == 7:
        return f"{surname} said the sides {rng.choice(v.event_words)} a number of points, according to a readout."
    if kind == 8:
        return f"Some {1000 + number * 7 % 9000:,} people were displaced in the region, the {demonym} ombudsman said {when}."
    if kind == 9:
        return f"{demonym2} {other_title.lower()} {other} called the {noun} {rng.choice(('constructive', 'difficult', 'frank'))}."
    if kind == 10:
        return f"It was the {rng.choice(('first', 'second', 'third', 'fifth'))} such meeting since {MONTHS[rng.randrange(12)]} {published.year - 1}."
    if kind == 11:
        return rng.choice(FILLER)
    tail = rng.choice(TAILS)
    return f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}{',' if tail else ''}{tail}."


def _furniture(rng: random.Random, v: _Vocabulary, published: date) -> list[str]:
    """The page around the article: a related-news list with date stamps, share lines, a copyright."""
    lines = []
    if rng.random() < 0.5:
        lines.append(rng.choice(v.markers).title())
        for k in range(rng.randrange(3, 6)):
            stamp = published - timedelta(days=3 * k + 1)
            _, person, _ = rng.choice(v.people)
            lines += [
                f"{person} meets counterpart in {rng.choice(v.venues)}",
                f"{stamp.day} {MONTHS[stamp.month - 1]} {stamp.year}",
            ]
    if rng.random() < 0.4:
        lines += ["Share this article", "Facebook  Twitter  Email"]
    if rng.random() < 0.5:
        lines.append(f"© {published.year} {rng.choice(OUTLETS)}. All rights reserved.")
    return lines


def article(number: int) -> Article:
    """Article `number` of the corpus: always the same text for the same number."""
    rng = random.Random(f"peacetrack-benchmark-{number}")
    v = _vocabulary()
    published = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    source = rng.choice(OUTLETS)
    _, person, _ = rng.choice(v.people)
    state, _ = rng.choice(v.states)
    head = [f"{person} on {rng.choice(v.talks_nouns)} with {state} ({number})"]
    in_manifest = rng.random() < 0.6
    if rng.random() < 0.4:
        head.append(
            f"By {rng.choice(('Anna', 'David', 'Leyla', 'Armen', 'Sophie'))} {rng.choice(('Petrosyan', 'Mammadov', 'Smith', 'Laurent'))}"
        )
    if not in_manifest or rng.random() < 0.3:
        head.append(
            f"{published.day} {MONTHS[published.month - 1]} {published.year} {rng.randrange(24):02d}:{rng.randrange(60):02d}"
        )
    paragraphs = rng.choice((3, 4, 5, 6, 8, 10, 12, 16, 22))
    body = []
    for p in range(paragraphs):
        sentences = [_sentence(rng, v, published, number + 31 * p + k) for k in range(rng.randrange(1, 5))]
        body.append(" ".join(sentences))
    if rng.random() < 0.3:
        venue = rng.choice(v.venues).upper()
        body[0] = f"{venue}, {SHORT_MONTHS[published.month - 1]} {published.day} ({rng.choice(AGENCIES)}) - {body[0]}"
    if rng.random() < 0.2:
        body.insert(1, f"{rng.choice(v.captions)}: {person} in {rng.choice(v.venues)} ({number})")
    body.append(f"Report {number}: {paragraphs} paragraphs filed from {rng.choice(v.venues)}.")
    text = "\n\n".join([*head, *body, *_furniture(rng, v, published)]) + "\n"
    return Article(f"article_{number:06d}.txt", text, published, in_manifest, source)


def articles(n: int, start: int = 0) -> Iterator[Article]:
    """The first `n` articles of the corpus (from number `start`)."""
    for number in range(start, start + n):
        yield article(number)


def write_corpus(n: int, folder: Path | str) -> Path:
    """Write `n` articles and their manifest.csv into `folder` (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "published", "source", "url", "title"])
        for a in articles(n):
            (folder / a.name).write_text(a.text, encoding="utf-8")
            stem = a.name.removesuffix(".txt")
            writer.writerow([stem, a.published.isoformat() if a.in_manifest else "", a.source, "", ""])
    return folder


if __name__ == "__main__":  # pragma: no cover
    count, target = int(sys.argv[1]), sys.argv[2]
    write_corpus(count, target)
    print(f"{count} articles in {target}")
