"""What the tables and their fields mean, for the "About the data" panel."""

from __future__ import annotations

TABLES = {
    "documents": (
        "One row per article read.",
        {
            "doc_id": "file name of the article without extension",
            "title / source / url": "headline, outlet and address (from the text or seeds/manifest.csv)",
            "published": "publication date, YYYY-MM-DD or YYYY-MM; `published_basis` says whether it came from the text, the manifest or nowhere",
            "path / sha256 / n_words": "where the text is, its checksum and its length",
        },
    ),
    "events": (
        "One row per thing that happened or was said, with the sentence that says so.",
        {
            "event_type": "talks, meeting, call, statement, accusation, refusal, sanction, agreement, military_action, humanitarian, report",
            "status": "for talks only: held, planned or cancelled (a boycotted or called-off round is cancelled)",
            "date / date_precision": "YYYY-MM-DD, YYYY-MM or YYYY and how precise that is; `date_basis` says whether the text gave it, it was worked out from a relative phrase, or the publication date was used",
            "venue_id / mediator_id": "where it happened and who mediated (the mediation track)",
            "sentence / char_start / char_end": "the evidence: the sentence and its position in the article",
            "round_id": "the same round of talks reported by several articles shares one id",
            "confidence": "the extractor's confidence, 0 to 1",
            "aggregate": 'for talks: the sentence counts several rounds together ("three rounds hosted here"); kept as evidence, never a round',
        },
    ),
    "event_actors": (
        "Who took part in each event, and how.",
        {"role": "initiator, target, participant, mediator or speaker"},
    ),
    "actors": (
        "People, states, organisations, groups and media, one row each.",
        {
            "kind": "person, state, organization, group or media",
            "country / title": "for people: their state (an actor_id) and office",
            "aliases": "other names matched in the text",
        },
    ),
    "venues": (
        "Places where something reported happened or was meant to happen.",
        {
            "lat / lon": "coordinates for the map",
            "mediator_id": "the mediator whose track the venue belongs to (Washington: United States; Brussels, Granada: European Union; Moscow: Russia)",
        },
    ),
    "quotes": (
        "Quotations in the articles: who said what about whom (optional table).",
        {
            "speaker_id": "the actor credited with the quote, or empty when the article names nobody",
            "text / char_start / char_end": "the quoted words and their position in the article",
            "about / mediators": "the actors named in the quote, and the mediators among them",
            "accusation": 'an accusation cue ("biased", "one-sided", "double standards") in the quote\'s sentence',
        },
    ),
    "mentions": (
        "Every place in an article where an actor or venue is named; used to mark entities in the reader.",
        {
            "entity_type / entity_id": "actor or venue, and which one",
            "char_start / char_end / text": "where, and the words used",
        },
    ),
}

HOW_COUNTED = """\
- **Rounds** are the build's `rounds` table: several articles reporting the same round count once (the tracks
  chart sizes a marker by its number of sources). A round is in view when one of the talks events that report it
  is; its status, date, venue and mediator are the build's, reconciled across its sources, and the status,
  mediator and venue filters apply to them too. A black outline marks a round whose sources disagree.
- **Dates** have a precision (day, month, year) and a basis: *explicit* (the text states the date), *relative*
  (worked out from a phrase such as "last Thursday" and the article's date) or *publication* (the text gives no
  date; the article's own date stands in). Tables show both in "Dated by"; the Timeline hatches events dated by
  publication; a round is never dated by publication ("date not given"). Filter on the basis in the sidebar.
- **Mediation track** of an event: its own mediator, else the mediator whose venue it took place in.
- **Actor filter** keeps events where the actor is initiator, target, participant, speaker or mediator.
  Within one filter the choices are alternatives (OR); different filters combine (AND).
- **Date range** keeps an event whose date (a day, a month or a year) overlaps the range; undated events
  are kept only while the range is the full span.
- **Sources disagree** when the articles reporting one round give it different statuses or dates (a
  publication date is not counted as a claim); the rounds table says on what.
- **Accusations** against a mediator come from accusation events that name a mediator (the initiator is the
  accuser) and from quotes flagged as accusations about a mediator (the speaker is the accuser). A quote inside
  the sentence of an accusation event against the same mediator is the same accusation and counts once.
  Quotes are dated by their article's publication date.
- On the tracks chart a circle is a round dated to the day, a diamond to the month and a square to the year
  (drawn in the middle of that period).
- **Chart selections** (click, or box / lasso from the chart's toolbar) narrow the table under the chart and are
  kept in the link. Changing a filter or the tab clears them; an open article closes when it leaves the view.
- **Tables** show 100 rows a page; **charts** show at most 2,000 points (the best-sourced rounds first, and say so).
"""

COLOURS = """\
One colour per mediator, event type and talks status, the same in every view. Mediators take their colour from
their place in the conflict's list of mediators (`data_prep/codebook/conflict.json`), the others after them;
grey is "no mediator". Statuses: held teal, planned amber, cancelled red.
"""
