"""One event per round per article: later references and repeated mentions of a
round are folded into one event. Helpers of `find_talks` (talks.py).
"""

from __future__ import annotations

from .codebook import Places
from .cues import Cues, TalksCues
from .dates import ResolvedDate, parse_partial
from .record import Event, Record


def recent_round(talks: list[Event], index: int, window: int) -> Event | None:
    """The last round reported, if it was reported at most `window` sentences back."""
    return talks[-1] if talks and index - talks[-1].sentence_index <= window else None


def absorb(target: Event, anaphor: Event, adjacent: bool, cues: Cues) -> None:
    """A sentence that refers back to a round adds what it knows to it; when the two
    sentences are adjacent, the evidence grows to cover both."""
    precedence = cues.status_precedence
    if anaphor.status and (target.status is None or precedence.index(anaphor.status) < precedence.index(target.status)):
        target.status = anaphor.status
        if adjacent:
            target.end = max(target.end, anaphor.end)
    if target.date is None and anaphor.date is not None:
        target.date = anaphor.date
    if target.venue_id is None and anaphor.venue_id is not None:
        target.venue_id = anaphor.venue_id  # only ever given by an adjacent sentence (find_talks)
        if adjacent:
            target.end = max(target.end, anaphor.end)
    if cues.mediators.strength(anaphor.mediator_how) > cues.mediators.strength(target.mediator_how):
        target.mediator_id, target.mediator_how = anaphor.mediator_id, anaphor.mediator_how
        if adjacent:
            target.end = max(target.end, anaphor.end)
    if target.mediator_id:
        target.roles.setdefault(target.mediator_id, "mediator")


def fill_publication_date(events: list[Event], published: str | None) -> None:
    """Events whose sentence names no date happened, as far as anyone can tell, when the
    article was published; `date_basis` says so."""
    if parse_partial(published) is None or published is None:
        return
    precision = "month" if len(published) == 7 else "day"
    for event in events:
        if event.date is None:
            event.date = ResolvedDate(published, precision, "publication", "", event.start, event.start)


def dated_rounds(talks: list[Event], record: Record, cues: TalksCues) -> list[Event]:
    """The rounds with the dates the article gives them. The undated rounds of news take
    the publication date, not those of narrative: a round told in a sentence that sets
    its own time elsewhere ("That same autumn, Aliyev skipped a meeting in Granada";
    "later that month") happened at a time the article does not give, so it stays
    undated rather than taking a wrong date."""
    text = record.article.text.lower()
    news = [e for e in talks if not any(p in text[e.start : e.end] for p in cues.narrative_time_phrases)]
    fill_publication_date(news, record.article.published)
    return talks


def merge_rounds(talks: list[Event], cues: Cues, places: Places) -> list[Event]:
    """One talks event per round per article: the most specific mention absorbs the rest."""
    precedence = cues.status_precedence

    def specificity(e: Event) -> tuple[bool, bool, float]:
        return bool(e.venue_id), bool(e.date and e.date.basis != "publication"), e.confidence

    merged: list[Event] = []
    for event in sorted(talks, key=specificity, reverse=True):
        home = next((m for m in merged if _compatible(m, event, places)), None)
        if home is None:
            merged.append(event)
            continue
        if precedence.index(event.status or "") < precedence.index(home.status or ""):
            home.status = event.status
        if home.venue_id is None or (
            event.venue_id and places.is_country(home.venue_id) and not places.is_country(event.venue_id)
        ):
            home.venue_id = event.venue_id or home.venue_id
        if (home.date is None or home.date.basis == "publication") and event.date is not None:
            home.date = event.date
        if cues.mediators.strength(event.mediator_how) > cues.mediators.strength(home.mediator_how):
            home.mediator_id, home.mediator_how = event.mediator_id, event.mediator_how
        for actor_id, role in event.roles.items():
            home.roles.setdefault(actor_id, role)
    # A round with neither place nor day is a process ("negotiations were completed"), not a round.
    kept = [e for e in merged if e.venue_id or (e.date and e.date.basis != "publication" and e.date.precision == "day")]
    return sorted(kept, key=lambda e: e.start)


def _within(first: str, second: str, places: Places) -> bool:
    """One venue is the country the other lies in ("Kazakhstan" and "Almaty")."""
    a, b = places[first], places[second]
    return (a.kind == "country" and b.country == a.country) or (b.kind == "country" and a.country == b.country)


def _compatible(a: Event, b: Event, places: Places) -> bool:
    """Two talks mentions in one article that can be the same round ("meet again"
    announces another one)."""
    if (a.fresh or b.fresh) and a.sentence_index != b.sentence_index:
        return False
    if a.aggregate != b.aggregate:
        return False  # "three rounds hosted here" is not one of them, nor they it
    if a.venue_id and b.venue_id and a.venue_id != b.venue_id and not _within(a.venue_id, b.venue_id, places):
        return False
    if a.mediator_id and b.mediator_id and a.mediator_id != b.mediator_id:
        return False
    dated = [e.date for e in (a, b) if e.date is not None and e.date.basis != "publication"]
    if len(dated) == 2 and dated[0].value[:7] != dated[1].value[:7]:
        return False
    if a.status == b.status:
        return True
    both_dated = len(dated) == 2
    return both_dated and {a.status, b.status} == {"planned", "cancelled"}
