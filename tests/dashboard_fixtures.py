"""A small, realistic synthetic build for the dashboard tests, and the fixtures that open the app on it.

Four articles about the mediation tracks (Washington, Brussels, Granada, Moscow),
written to disk with their tables through data_prep's own `write_tables`, so the
fixture obeys the same contract as a real build; the display tables are derived
by `data_prep.display`, as the build does. One article carries raw HTML to prove
the reader escapes it. The optional tables come too: quotes (accusations of bias
against mediators, one of them repeating an accusation event, one against France)
and rounds (the Washington round's two sources disagree on its date; one round is
known only from an article's publication date, so it has none). One venue is a
country (the United States, whose coordinates are the middle of the country).

`open_app(**query_params)` opens the app on `app_tables` (the synthetic build;
a test module overrides `app_tables` to use another, e.g. `seed_table_dir`).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from data_prep import display
from data_prep.tables import frame, write_tables

# A long stretch of background far above an event's sentence: the reader must open at the sentence.
BACKGROUND = "".join(
    f"Background paragraph {i}: the region has seen years of conflict and negotiation.\n\n" for i in range(40)
)

ARTICLES = {
    "d1": dict(
        title="Azerbaijan snubs US talks with Armenia",
        source="Azerbaijan in Focus",
        published="2023-11-17",
        text=(
            "Azerbaijan snubs US talks with Armenia\n\n"
            "Azerbaijan's Foreign Ministry said on Thursday that it would not participate in a November 20 "
            "meeting in Washington between the Azerbaijani and Armenian foreign ministers.\n\n"
            'It accused James O\'Brien of "a one-sided approach by the US" after his remarks to Congress.\n\n'
            "Meanwhile, Nikol Pashinyan said Armenia intended to sign a peace treaty with Azerbaijan.\n\n"
            '"The approach of the United States is one-sided and biased," the Azerbaijani Foreign Ministry said.\n'
        ),
    ),
    "d2": dict(
        title="Aliyev wants US to consider new realities",
        source="Daily Sabah",
        published="2023-12-06",
        text=(
            "Aliyev wants US to consider new realities\n\n"
            "Ilham Aliyev refused to attend the October meeting in Granada with Nikol Pashinyan, "
            "where the European Union was to mediate.\n\n"
            "A planned round in Brussels in October was also called off.\n\n"
            "Azerbaijan also turned down talks in Washington on November 21.\n\n"
            "Aliyev said the peace process should return to the region.\n\n"
            '"The European Union is biased and cannot mediate," Aliyev said.\n\n'
            "Officials met in the United States in November.\n\n"
            '"France is biased towards Armenia," Aliyev said.\n'
        ),
    ),
    "d3": dict(
        title="Moscow hosts Armenian and Azerbaijani leaders",
        source="TURAN",
        published="2023-09-12",
        text=(
            "Moscow hosts Armenian and Azerbaijani leaders\n\n"
            "Nikol Pashinyan and Ilham Aliyev held talks in Moscow on May 25, 2023, mediated by Russia.\n\n"
            "Armenia accused Azerbaijan of blocking the Lachin corridor.\n\n"
            "In 2023 aid convoys waited for weeks at the checkpoint.\n\n"
            'Pashinyan said: "Azerbaijan must lift its one-sided blockade of the Lachin corridor."\n\n'
            'Aliyev said: "Russia has been a fair mediator."\n\n'
            + BACKGROUND
            + "Further talks were expected, officials said.\n"
        ),
    ),
    "d4": dict(
        title=None,
        source="PanARMENIAN.Net",
        published=None,
        text=(
            "Armenia ready for Brussels round\n\n"
            "Armenia said it was ready for a new round of talks in Brussels in January 2024.\n\n"
            "Comments: <b>great</b> <script>alert('x')</script> & more\n\n"
            '"Brussels remains the right place for <b>talks</b>," a diplomat said.\n'
        ),
    ),
}

ACTORS = [
    ("armenia", "Armenia", "state", None, None, ["Armenian"]),
    ("azerbaijan", "Azerbaijan", "state", None, None, ["Azerbaijani"]),
    ("nikol-pashinyan", "Nikol Pashinyan", "person", "armenia", "Prime Minister", ["Pashinyan"]),
    ("ilham-aliyev", "Ilham Aliyev", "person", "azerbaijan", "President", ["Aliyev"]),
    ("james-obrien", "James O'Brien", "person", "united-states", "Assistant Secretary of State", ["O'Brien"]),
    ("united-states", "United States", "state", None, None, ["US", "U.S."]),
    ("european-union", "European Union", "organization", None, None, ["EU"]),
    ("russia", "Russia", "state", None, None, []),
    ("france", "France", "state", None, None, ["French"]),
]

VENUES = [
    ("washington", "Washington", "united-states", 38.9072, -77.0369, "united-states"),
    ("brussels", "Brussels", None, 50.8503, 4.3517, "european-union"),
    ("granada", "Granada", None, 37.1773, -3.5986, "european-union"),
    ("moscow", "Moscow", "russia", 55.7558, 37.6173, "russia"),
    ("united-states", "United States", "united-states", 39.8283, -98.5795, None),  # the country's middle: Kansas
]

# event_id, doc, type, status, date, precision, venue, mediator, evidence fragment, round_id, [(actor, role)]
EVENTS = [
    (
        "e1",
        "d1",
        "talks",
        "cancelled",
        "2023-11-20",
        "day",
        "washington",
        "united-states",
        "it would not participate in a November 20 meeting in Washington",
        "washington-2023-11-20",
        [("armenia", "participant"), ("azerbaijan", "participant"), ("united-states", "mediator")],
    ),
    (
        "e2",
        "d1",
        "accusation",
        None,
        "2023-11-16",
        "day",
        None,
        "united-states",
        'It accused James O\'Brien of "a one-sided approach by the US"',
        None,
        [("azerbaijan", "initiator"), ("james-obrien", "target")],
    ),
    (
        "e3",
        "d1",
        "statement",
        None,
        None,
        None,
        None,
        None,
        "Nikol Pashinyan said Armenia intended to sign a peace treaty",
        None,
        [("nikol-pashinyan", "speaker"), ("armenia", "participant")],
    ),
    (
        "e4",
        "d2",
        "talks",
        "cancelled",
        "2023-10",
        "month",
        "granada",
        "european-union",
        "Ilham Aliyev refused to attend the October meeting in Granada",
        "granada-2023-10",
        [("ilham-aliyev", "participant"), ("nikol-pashinyan", "participant"), ("european-union", "mediator")],
    ),
    (
        "e5",
        "d2",
        "talks",
        "cancelled",
        "2023-10",
        "month",
        "brussels",
        "european-union",
        "A planned round in Brussels in October was also called off.",
        "brussels-2023-10",
        [("armenia", "participant"), ("azerbaijan", "participant")],
    ),
    (
        "e6",
        "d2",
        "talks",
        "cancelled",
        "2023-11-21",
        "day",
        "washington",
        "united-states",
        "Azerbaijan also turned down talks in Washington on November 21.",
        "washington-2023-11-20",
        [("azerbaijan", "participant"), ("armenia", "participant")],
    ),
    (
        "e7",
        "d2",
        "refusal",
        None,
        "2023-10",
        "month",
        "granada",
        None,
        "Ilham Aliyev refused to attend",
        None,
        [("ilham-aliyev", "initiator")],
    ),
    (
        "e8",
        "d3",
        "talks",
        "held",
        "2023-05-25",
        "day",
        "moscow",
        "russia",
        "Nikol Pashinyan and Ilham Aliyev held talks in Moscow on May 25, 2023",
        "moscow-2023-05-25",
        [("nikol-pashinyan", "participant"), ("ilham-aliyev", "participant"), ("russia", "mediator")],
    ),
    (
        "e9",
        "d3",
        "accusation",
        None,
        "2023-09",
        "month",
        None,
        None,
        "Armenia accused Azerbaijan of blocking the Lachin corridor.",
        None,
        [("armenia", "initiator"), ("azerbaijan", "target")],
    ),
    (
        "e10",
        "d3",
        "humanitarian",
        None,
        "2023",
        "year",
        None,
        None,
        "In 2023 aid convoys waited for weeks at the checkpoint.",
        None,
        [],
    ),
    (
        "e11",
        "d4",
        "talks",
        "planned",
        "2024-01",
        "month",
        "brussels",
        None,
        "Armenia said it was ready for a new round of talks in Brussels in January 2024.",
        "brussels-2024-01",
        [("armenia", "participant")],
    ),
    (
        "e12",
        "d3",
        "talks",
        "planned",
        "2023-09-12",
        "day",
        None,
        None,
        "Further talks were expected, officials said.",
        "d3-e12",
        [("armenia", "participant"), ("azerbaijan", "participant")],
    ),
    (
        "e13",
        "d2",
        "meeting",
        None,
        "2023-11",
        "month",
        "united-states",
        None,
        "Officials met in the United States in November.",
        None,
        [],
    ),
]
DATE_BASIS = {"e12": "publication"}  # the text gives no date: the article's stands in

N_EVENTS = len(EVENTS)

# quote_id, doc, speaker, quoted words (with their marks), about, mediators, accusation
QUOTES = [
    (
        "q1",
        "d1",
        "azerbaijan",
        '"The approach of the United States is one-sided and biased,"',
        ["united-states"],
        ["united-states"],
        True,
    ),
    # inside the evidence sentence of accusation event e2: the same accusation, counted once
    ("q2", "d1", "azerbaijan", '"a one-sided approach by the US"', ["united-states"], ["united-states"], True),
    (
        "q3",
        "d2",
        "ilham-aliyev",
        '"The European Union is biased and cannot mediate,"',
        ["european-union"],
        ["european-union"],
        True,
    ),
    # an accusation, but not against a mediator
    (
        "q4",
        "d3",
        "nikol-pashinyan",
        '"Azerbaijan must lift its one-sided blockade of the Lachin corridor."',
        ["azerbaijan"],
        [],
        True,
    ),
    # about a mediator, but no accusation
    ("q5", "d3", "ilham-aliyev", '"Russia has been a fair mediator."', ["russia"], ["russia"], False),
    # unattributed, in the article with raw HTML and no publication date
    ("q6", "d4", None, '"Brussels remains the right place for <b>talks</b>,"', [], [], False),
    ("q7", "d2", "ilham-aliyev", '"France is biased towards Armenia,"', ["armenia", "france"], ["france"], True),
]
ACCUSATIONS_BY_MEDIATOR = {"united-states": {"e2", "q1"}, "european-union": {"q3"}, "france": {"q7"}}

# round_id, date, venue, mediator, status, parties, n_sources, disagreement (None: the sources agree)
ROUNDS = [
    (
        "washington-2023-11-20",
        "2023-11-20",
        "washington",
        "united-states",
        "cancelled",
        ["armenia", "azerbaijan"],
        2,
        "date: 2023-11-20, 2023-11-21",
    ),
    (
        "granada-2023-10",
        "2023-10",
        "granada",
        "european-union",
        "cancelled",
        ["ilham-aliyev", "nikol-pashinyan"],
        1,
        None,
    ),
    ("brussels-2023-10", "2023-10", "brussels", "european-union", "cancelled", ["armenia", "azerbaijan"], 1, None),
    ("moscow-2023-05-25", "2023-05-25", "moscow", "russia", "held", ["ilham-aliyev", "nikol-pashinyan"], 1, None),
    ("brussels-2024-01", "2024-01", "brussels", None, "planned", ["armenia"], 1, None),
    ("d3-e12", None, None, None, "planned", ["armenia", "azerbaijan"], 1, None),  # dated only by publication
]
CANCELLED_BY = {"washington-2023-11-20": ["azerbaijan"]}
ROUNDS_BY_MEDIATOR = {"european-union": {"Brussels", "Granada"}, "united-states": {"Washington"}, "russia": {"Moscow"}}


def _mentions(doc_id: str, text: str) -> list[dict]:
    rows = []
    for entity_type, items in (
        ("actor", [(a[0], [a[1], *a[5]]) for a in ACTORS]),
        ("venue", [(v[0], [v[1]]) for v in VENUES]),
    ):
        for entity_id, names in items:
            for name in names:
                for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                    rows.append(
                        dict(
                            doc_id=doc_id,
                            entity_type=entity_type,
                            entity_id=entity_id,
                            char_start=match.start(),
                            char_end=match.end(),
                            text=match.group(),
                        )
                    )
    # Longer names win where aliases overlap ("Azerbaijani" vs "Azerbaijan"): keep non-overlapping.
    rows.sort(key=lambda r: (r["char_start"], -(r["char_end"] - r["char_start"])))
    kept, until = [], -1
    for row in rows:
        if row["char_start"] >= until:
            kept.append(row)
            until = row["char_end"]
    return kept


def build_synthetic_tables(
    out_dir: Path, *, with_report: bool = True, with_optional: bool = True, with_display: bool = True
) -> Path:
    """Write the articles under out_dir/articles and the tables under out_dir/tables.

    `with_optional=False` leaves out the quotes and rounds tables, `with_display=False`
    the display tables, like older builds.
    """
    out_dir = Path(out_dir)
    articles = out_dir / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    documents, mentions, events, event_actors = [], [], [], []
    texts = {}
    for doc_id, article in ARTICLES.items():
        path = articles / f"{doc_id}.txt"
        path.write_text(article["text"], encoding="utf-8")
        texts[doc_id] = article["text"]
        documents.append(
            dict(
                doc_id=doc_id,
                title=article["title"],
                source=article["source"],
                published=article["published"],
                published_basis="manifest" if article["published"] else "none",
                url=f"https://example.org/{doc_id}",
                path=str(path),
                n_words=len(article["text"].split()),
                sha256=hashlib.sha256(article["text"].encode()).hexdigest(),
            )
        )
        mentions += _mentions(doc_id, article["text"])
    for event_id, doc_id, etype, status, date, precision, venue, mediator, fragment, round_id, links in EVENTS:
        start = texts[doc_id].index(fragment)
        events.append(
            dict(
                event_id=event_id,
                doc_id=doc_id,
                event_type=etype,
                plover="CONSULT" if etype == "talks" else "ACCUSE",
                status=status,
                date=date,
                date_precision=precision,
                date_text=date,
                date_basis=DATE_BASIS.get(event_id, "explicit") if date else None,
                venue_id=venue,
                mediator_id=mediator,
                sentence=fragment,
                char_start=start,
                char_end=start + len(fragment),
                format="bilateral" if etype == "talks" else None,
                round_id=round_id,
                confidence=0.9,
            )
        )
        event_actors += [dict(event_id=event_id, actor_id=a, role=r) for a, r in links]
    tables = {
        "documents": frame("documents", documents),
        "actors": frame(
            "actors", [dict(actor_id=a, name=n, kind=k, country=c, title=t, aliases=al) for a, n, k, c, t, al in ACTORS]
        ),
        "venues": frame(
            "venues",
            [
                dict(venue_id=v, name=n, country=c, lat=la, lon=lo, mediator_id=m, aliases=[])
                for v, n, c, la, lo, m in VENUES
            ],
        ),
        "events": frame("events", events),
        "event_actors": frame("event_actors", event_actors),
        "mentions": frame("mentions", mentions),
    }
    table_dir = out_dir / "tables"
    extra = _optional_tables(texts) if with_optional else {}
    if with_display:
        extra |= display.derive(tables, extra)
    write_tables(tables, table_dir, extra=extra or None)
    if with_report:
        (table_dir / "build_report.json").write_text(
            json.dumps(
                {
                    "documents_read": 5,
                    "skipped": [{"path": "seeds/broken.html", "reason": "no article text found"}],
                }
            ),
            encoding="utf-8",
        )
    return table_dir


def _optional_tables(texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    """The quotes, rounds and review_names tables, in the columns data_prep writes them."""
    quotes = []
    for quote_id, doc_id, speaker, words, about, mediators, accusation in QUOTES:
        start = texts[doc_id].index(words)
        quotes.append(
            dict(
                quote_id=quote_id,
                doc_id=doc_id,
                speaker_id=speaker,
                text=words,
                char_start=start,
                char_end=start + len(words),
                about=about,
                mediators=mediators,
                accusation=accusation,
            )
        )
    rounds = [
        dict(
            round_id=r,
            date=d,
            venue_id=v,
            mediator_id=m,
            status=st,
            parties=p,
            n_sources=n,
            cancelled_by=CANCELLED_BY.get(r, []),
            disagree=disagreement is not None,
            disagreement=disagreement,
        )
        for r, d, v, m, st, p, n, disagreement in ROUNDS
    ]
    review = pd.DataFrame(
        [
            dict(
                actor_id="yuri-kim",
                name="Yuri Kim",
                title="Assistant Secretary",
                country="united-states",
                n_documents=1,
                first_doc_id="d1",
            )
        ]
    )
    return {"quotes": pd.DataFrame(quotes), "rounds": pd.DataFrame(rounds), "review_names": review}


@pytest.fixture(scope="session")
def dashboard_tables(tmp_path_factory) -> Path:
    """Folder of synthetic tables (shared, read-only: do not modify in tests)."""
    return build_synthetic_tables(tmp_path_factory.mktemp("dashboard_synthetic"))


@pytest.fixture(scope="session")
def dashboard_data(dashboard_tables):
    """The synthetic build, loaded and prepared as the app does."""
    from dashboard.loading import load
    from dashboard.model import prepare

    return prepare(load(dashboard_tables))


REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def seed_table_dir(seed_build) -> Path:
    """The seeds' tables, from the one build of the seeds per session (conftest's `seed_build`)."""
    return seed_build[0]


@pytest.fixture
def app_tables(dashboard_tables) -> Path:
    """The tables `open_app` opens; a test module overrides this fixture to open others."""
    return dashboard_tables


@pytest.fixture
def open_app(app_tables, monkeypatch):
    """open_app(**query_params) -> the app after its first run, as opened from that link (offline)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PEACETRACK_TABLES", str(app_tables))
    monkeypatch.setenv("PEACETRACK_OFFLINE", "1")  # test machines have no network: do not probe the tile server

    def run(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(params)
        return at.run()

    return run
