"""Stage find_talks: one event per round of talks per article, with status, date, venue and mediator."""

from dataclasses import replace

import pytest
from conftest import make_article

from data_prep.pipeline import analyse_article
from data_prep.talks import find_talks


def talks_of(extraction):
    return [e for e in extraction.events if e.event_type == "talks"]


def only_round(extraction):
    rounds = talks_of(extraction)
    assert len(rounds) == 1, [(r.venue_id, r.status, r.date) for r in rounds]
    r = rounds[0]
    return r.venue_id, r.status, r.date.value if r.date else None, r.mediator_id


@pytest.mark.parametrize(
    "text, published, expected",
    [
        (
            "Azerbaijan's Foreign Ministry said on Thursday that they would not participate in a November 20 meeting in Washington between Azerbaijani and Armenian foreign ministers.",
            "2023-11-17",
            ("washington", "cancelled", "2023-11-20", "united-states"),
        ),
        (
            "Azerbaijan has refused to participate in talks with Armenia that were planned in the U.S. on Nov. 20.",
            "2023-12-06",
            ("united-states", "cancelled", "2023-11-20", "united-states"),
        ),
        (
            "The foreign ministers of the two Caucasian states met in the US capital at the end of June 2023.",
            "2023-11-18",
            ("washington", "held", "2023-06", "united-states"),
        ),
        (
            "The foreign ministers of Armenia and Azerbaijan will meet in Almaty next Friday.",
            "2024-05-06",
            ("almaty", "planned", "2024-05-10", "kazakhstan"),  # Almaty's track, as the codebook says
        ),
        (
            "Putin hosted Aliyev and Pashinyan for trilateral talks in Sochi on Friday.",
            "2021-11-29",
            ("sochi", "held", "2021-11-26", "russia"),
        ),
        (
            "Aliyev and Pashinyan held talks in Tbilisi on Monday.",
            "2022-07-20",
            ("tbilisi", "held", "2022-07-18", None),  # the state a venue lies in is no evidence of mediation
        ),
    ],
)
def test_a_round_of_talks_with_status_date_venue_and_mediator(extract, text, published, expected):
    assert only_round(extract(text, published)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The United States\u2019 stance on peace talks with Armenia has angered Azerbaijan.",
        "Both countries have said a peace agreement could be signed, but peace talks have seen little progress.",
        "He said the U.S. had canceled high-level bilateral meetings and engagements with Azerbaijan.",
        "If the U.S. changes course, Baku could restore U.S.-led talks with Armenia.",
        "Pashinyan said the alliance had not met its security obligations towards Armenia and Azerbaijan.",
        "In November 2022, at a CSTO summit in Yerevan, Pashinyan refused to sign a declaration on Azerbaijan.",
        'O\'Brien was expected in Baku for talks aimed at "supporting the peace between Azerbaijan and Armenia."',
    ],
)
def test_sentences_that_report_no_round(extract, text):
    assert talks_of(extract(text)) == []


def test_a_later_sentence_about_the_same_round_updates_it(extract):
    x = extract(
        "A meeting of the foreign ministers of Armenia and Azerbaijan was slated for November 20 in Washington. "
        "But 4 days before the expected negotiations, the Azerbaijani side said it would not participate in them.",
        "2023-11-18",
    )
    assert only_round(x) == ("washington", "cancelled", "2023-11-20", "united-states")
    event = talks_of(x)[0]
    evidence = x.article.text[event.start : event.end]
    assert evidence.startswith("A meeting of") and evidence.endswith("would not participate in them.")


def test_one_round_mentioned_twice_is_one_event(extract):
    x = extract(
        "Azerbaijan snubs US talks with Armenia over Washington\u2019s bias\n\n"
        "Azerbaijan said it would not participate in a November 20 meeting in Washington between Azerbaijani and Armenian foreign ministers."
    )
    assert only_round(x)[:2] == ("washington", "cancelled")


def test_two_rounds_in_one_sentence(extract):
    x = extract(
        "The Berlin round was set up at a meeting between Scholz, Pashinyan and Aliyev on February 17 on the sidelines "
        "of the Munich Security Conference. The Berlin round between the foreign ministers was held on February 28 at Villa Borsig.",
        "2024-03-01",
    )
    assert {(r.venue_id, r.status, r.date.value) for r in talks_of(x)} == {
        ("munich", "held", "2024-02-17"),
        ("berlin", "held", "2024-02-28"),
    }


def test_a_back_reference_to_another_round_gives_its_date_to_that_round_only(extract):
    """ "The Vienna summit took place five weeks after the two leaders had met in Tbilisi
    on 4 May": 4 May is the Tbilisi round's; the Vienna summit is five weeks later."""
    x = extract(
        "The Vienna summit took place five weeks after the two leaders had met in Tbilisi on 4 May.", "2024-07-01"
    )
    assert {(r.venue_id, r.date.value) for r in talks_of(x)} == {("tbilisi", "2024-05-04"), ("vienna", "2024-06-08")}


@pytest.mark.parametrize(
    "text, expected",
    [
        # A clause that says which place tells that place's story, not the round's date.
        (
            "Mirzoyan and Bayramov met in Almaty, in the palace where the charter was signed in March 1995.",
            ("almaty", "held", "2024-05-10", "kazakhstan"),
        ),
        # Where the round itself stands in that clause, its date is the round's.
        (
            "Officials returned to Almaty, the city where Mirzoyan and Bayramov had met on 7 May.",
            ("almaty", "held", "2024-05-07", "kazakhstan"),
        ),
    ],
)
def test_a_date_in_a_clause_that_says_which_place_is_not_the_rounds(extract, text, expected):
    assert only_round(extract(text, published="2024-05-10")) == expected


def test_the_date_of_a_statement_is_not_the_date_of_the_round(extract):
    x = extract(
        "Aliyev said on Friday that a meeting with Pashinyan planned for December 7 in Brussels would not go ahead.",
        "2022-11-26",
    )
    assert only_round(x) == ("brussels", "cancelled", "2022-12-07", "european-union")


def test_host_named_in_the_sentence_is_the_mediator(extract):
    x = extract(
        "Two days of talks between the foreign ministers of Armenia and Azerbaijan, hosted by German Foreign Minister Annalena Baerbock in Berlin, ended on Thursday.",
        "2024-03-01",
    )
    assert only_round(x)[3] == "germany"


def test_a_wire_dateline_gives_the_place_of_talks_in_its_paragraph(knowledge):
    text = "Ministers meet\n\nALMATY, May 10 (Agency) – The foreign ministers of Azerbaijan and Armenia began two days of negotiations in Kazakhstan's largest city on Friday."
    article = make_article(text, knowledge.cues, "2024-05-10", dateline=("Almaty", len(text)))
    x = analyse_article(article, knowledge)
    assert [(e.venue_id, e.status) for e in x.events if e.event_type == "talks"] == [("almaty", "held")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Armenia and Azerbaijan's foreign ministers will hold talks in Washington next week.",
            ("washington", "planned"),
        ),
        ("Baku pulled out of talks in Washington scheduled for November 20.", ("washington", "cancelled")),
        ("Lavrov met Bayramov and Mirzoyan in Moscow on Friday.", ("moscow", "held")),
        (
            "The meeting in Moscow between the Armenian and Azerbaijani foreign ministers was postponed.",
            ("moscow", "cancelled"),
        ),
    ],
)
def test_status_of_a_round_from_its_wording(extract, text, expected):
    assert only_round(extract(text))[:2] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pashinyan said Armenia would not attend the Moscow meeting of CIS leaders.",
        "Armenia, he said, remained ready to meet on December 7 as agreed in Prague.",
    ],
)
def test_one_party_and_a_place_of_something_else_make_no_round(extract, text):
    assert [r.venue_id for r in talks_of(extract(text))] in ([], [None])


def test_a_mediator_listed_with_the_parties_mediates(extract):
    x = extract(
        "The Russian, Armenian and Azerbaijani foreign ministers last met together in the Kazakh capital Astana in October 2022.",
        "2023-05-19",
    )
    assert only_round(x) == ("astana", "held", "2022-10", "russia")


def test_they_continues_the_parties_of_a_round_just_reported(extract):
    x = extract(
        "The summit was the second time in a month that the two leaders met with foreign mediation. "
        "On 6 October they held talks in Prague with Charles Michel and Emmanuel Macron.",
        "2022-11-01",
    )
    assert only_round(x) == ("prague", "held", "2022-10-06", "european-union")


def test_a_round_without_a_place_happened_where_the_headline_says(extract):
    x = extract(
        "LIVE | Eastern Partnership summit in Brussels\nCharles Michel hosted Aliyev and Pashinyan on Tuesday evening for four hours of talks.",
        "2021-12-15",
    )
    assert only_round(x)[:3] == ("brussels", "held", "2021-12-14")


def test_a_place_of_fighting_is_not_the_place_of_a_round(extract):
    x = extract(
        "Michel hosted Aliyev and Pashinyan in Brussels on Wednesday. The meeting comes four weeks after a flare-up in Karabakh on 1-3 August.",
        "2022-08-31",
    )
    assert {r.venue_id for r in talks_of(x)} == {"brussels"}


def test_meeting_again_is_another_round(extract):
    x = extract(
        "Michel said the border commissions would hold their first meeting on the inter-state border. The leaders agreed to meet again in July in Brussels.",
        "2022-05-23",
    )
    assert {(r.venue_id, r.status) for r in talks_of(x)} == {
        ("armenia-azerbaijan-border", "planned"),
        ("brussels", "planned"),
    }


def test_a_host_named_for_another_round_is_not_this_rounds_mediator(extract):
    x = extract(
        '"We have had three rounds of talks that we hosted here in Washington. '
        'There have been others that have hosted, say, in Europe, and even the Russians have hosted a couple of their sets of talks," an official said.',
        "2023-09-12",
    )
    europe = next(r for r in talks_of(x) if r.venue_id == "europe")
    assert europe.mediator_id is None


def test_find_talks_fills_only_its_own_fields_and_leaves_its_input_alone(through, knowledge):
    before = through("date_sentences", "Aliyev and Pashinyan held talks in Tbilisi on Monday.", "2022-07-20")
    after = find_talks(before, knowledge)
    assert before.talks == () and before.round_sentences == frozenset()
    assert [(e.venue_id, e.status, e.date.value) for e in after.talks] == [("tbilisi", "held", "2022-07-18")]
    assert after.round_sentences == {0}
    assert replace(after, talks=(), round_sentences=frozenset()) == before


def test_find_talks_reads_dates_from_the_record_not_the_text(through, knowledge):
    """A stage works on what earlier stages put in the record: with the dates taken
    away, the round falls back to no date and, with neither day nor status, is none."""
    record = through("date_sentences", "Aliyev and Pashinyan held talks in Tbilisi on Monday.", "2022-07-20")
    undated = replace(record, dates=tuple(() for _ in record.dates), article=replace(record.article, published=None))
    assert [(e.venue_id, e.date) for e in find_talks(undated, knowledge).talks] == [("tbilisi", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan stayed away from the talks with Armenia in Vienna on Monday.",
        "Baku backed out of a meeting with Armenia's foreign minister in Vienna set for Monday.",
        "Yerevan walked away from the round of talks with Azerbaijan in Vienna on Monday.",
        "Azerbaijan will not take part in the meeting with Armenia in Vienna on Monday, its ministry said.",
        "Armenia's foreign minister will not travel to Vienna for Monday's meeting with his Azerbaijani counterpart.",
        "Aliyev decided against attending Monday's meeting with Pashinyan in Vienna.",
    ],
)
def test_boycott_verbs_are_cancellations(extract, text):
    assert only_round(extract(text, "2024-03-06"))[:2] == ("vienna", "cancelled")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Austrian chancellor will invite Aliyev and Pashinyan to Vienna in the spring.", ("vienna", "planned")),
        ("The Armenian and Azerbaijani delegations spent a week negotiating outside Vienna.", ("vienna", "held")),
        ("Aliyev and Pashinyan will sit down in Vienna next month.", ("vienna", "planned")),
        ("The two leaders had a trilateral meeting with the chancellor in Vienna.", ("vienna", "held")),
        ("Aliyev and Pashinyan came to Vienna for a summit with the chancellor.", ("vienna", "held")),
    ],
)
def test_talks_verbs_and_idioms(extract, text, expected):
    assert only_round(extract(text, "2024-03-06"))[:2] == expected


def test_a_meeting_on_the_border_between_the_two_countries_is_held_there(extract):
    x = extract(
        "The tenth meeting of the border commissions was held on the border between the two countries on 3 March.",
        "2024-03-06",
    )
    assert only_round(x)[:3] == ("armenia-azerbaijan-border", "held", "2024-03-03")


def rounds_of(extraction):
    return sorted((r.venue_id, r.status, r.date.value if r.date else None) for r in talks_of(extraction))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The two leaders met in Vienna on 3 March, in Tbilisi on 12 April and in Tirana on 5 May.",
            [("tbilisi", "held", "2024-04-12"), ("tirana", "held", "2024-05-05"), ("vienna", "held", "2024-03-03")],
        ),
        (
            "Since then the ministers have met twice more: in Vienna on 3 March and in Tbilisi on 12 April.",
            [("tbilisi", "held", "2024-04-12"), ("vienna", "held", "2024-03-03")],
        ),
        (
            "The leaders had met in Vienna on 3 March 2023 and on 12 April 2024.",
            [("vienna", "held", "2023-03"), ("vienna", "held", "2024-04-12")],
        ),
        (
            "Earlier rounds brought the foreign ministers to Vienna in May and June 2023.",
            [("vienna", "held", "2023-05"), ("vienna", "held", "2023-06")],
        ),
    ],
)
def test_a_list_of_places_or_months_after_one_talks_word_is_a_list_of_rounds(extract, text, expected):
    got = rounds_of(extract(text, "2024-07-01"))
    assert [(v, s, d[: len(e)]) for (v, s, d), (_, _, e) in zip(got, expected)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministers held talks in Vienna on Wednesday and Thursday.",
        "The ministers met in Vienna, Austria, on 3 March.",
        "The ministers met in Vienna on 3 March, after talks in Tbilisi had failed.",
    ],
)
def test_days_of_one_round_or_a_place_of_something_else_are_no_list(extract, text):
    assert [r.venue_id for r in talks_of(extract(text, "2024-07-01"))][:1] == ["vienna"]
    assert len([r for r in talks_of(extract(text, "2024-07-01")) if r.venue_id == "vienna"]) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        # The date of a "since" clause, after the talks word, belongs to another event.
        (
            "The Vienna meeting of the two leaders on Monday was their first since the text was agreed in March.",
            ("vienna", "held", "2024-07-01"),
        ),
        # ... and so does its status.
        (
            "This will be the first meeting of the two ministers in Vienna since Baku cancelled a round in March.",
            ("vienna", "planned", "2024-07-01"),
        ),
        # A document's date is not a round's.
        (
            "The leaders of Armenia and Azerbaijan met in Vienna to review the statement of November 9, 2020.",
            ("vienna", "held", "2024-07-01"),
        ),
        # The talks word after "a week after" is the reference point, not the event dated.
        (
            "Less than a week after the meeting of Aliyev and Pashinyan in Vienna on 3 June, Moscow protested.",
            ("vienna", "held", "2024-06-03"),
        ),
    ],
)
def test_dates_and_statuses_of_other_clauses_are_not_the_rounds(extract, text, expected):
    assert only_round(extract(text, "2024-07-01"))[:3] == expected


def test_a_city_hosting_the_parties_is_the_venue(extract):
    x = extract(
        "Vienna hosted the two sides in October, and the two foreign ministers talked for ten hours.", "2024-12-01"
    )
    assert only_round(x)[:3] == ("vienna", "held", "2024-10")


def test_convened_is_a_talks_verb(extract):
    x = extract("The chancellor convened the two foreign ministers in Vienna in September.", "2024-12-01")
    assert only_round(x)[:3] == ("vienna", "held", "2024-09")


def mediators_of(extraction):
    return {r.venue_id: r.mediator_id for r in talks_of(extraction)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # What the article says against a mediator outranks every other evidence.
        ("Aliyev and Pashinyan met on their own in Vienna on Monday.", {"vienna": None}),
        (
            "The UAE president hosted Aliyev and Pashinyan in Abu Dhabi on Monday. The talks were held without any mediator.",
            {"abu-dhabi": None},
        ),
        (
            "Aliyev and Pashinyan met in Kazan on Monday on the sidelines of the summit. "
            "Putin, who hosted the summit, did not take part in the conversation.",
            {"kazan": None},
        ),
        (
            "The foreign ministers of Armenia and Azerbaijan opened talks in Almaty on Monday. "
            "Kazakhstan stressed that it was providing a venue and was not mediating.",
            {"almaty": None},
        ),
        # ... but a party that stays away is no mediator standing aside, and a named mediator
        # meeting one party "on their own" says nothing of the round.
        (
            "Aliyev stayed away from the talks with Pashinyan in Granada on Monday, leaving Michel and Macron to meet "
            "the Armenian leader on their own.",
            {"granada": "european-union"},
        ),
        # A bilateral round has no mediator; the state a venue lies in is not one.
        ("Bayramov and Mirzoyan held a bilateral meeting in Geneva on Monday.", {"geneva": None}),
        # A mediator the parties met, or who convened them, sat at the table.
        (
            "Aliyev and Pashinyan held talks in Vienna on Monday with European Council President Charles Michel.",
            {"vienna": "european-union"},
        ),
        (
            "Russian Foreign Minister Sergey Lavrov held a trilateral meeting with Bayramov and Mirzoyan in Astana on Monday.",
            {"astana": "russia"},
        ),
        # An outlet reporting a round never mediates it.
        ("Bayramov and Mirzoyan met in Geneva on Monday, Russia's Tass news agency reported.", {"geneva": None}),
        # Each place of a list has its own mediator.
        (
            "The two leaders have met six times in Brussels under Charles Michel, twice with Vladimir Putin in Sochi "
            "and once in Tirana.",
            {"brussels": "european-union", "sochi": "russia", "tirana": None},
        ),
    ],
)
def test_mediator_evidence(extract, text, expected):
    assert mediators_of(extract(text, "2024-07-02")) == expected


def test_welcoming_a_meeting_is_a_reaction_not_hosting(extract):
    x = extract(
        "The foreign ministers of Armenia and Azerbaijan met in Almaty on Monday. "
        "Moscow welcomed the meeting, the Russian Foreign Ministry said.",
        "2024-07-02",
    )
    assert mediators_of(x) == {"almaty": "kazakhstan"}


@pytest.mark.parametrize(
    "text",
    [
        "Blinken held separate meetings with Aliyev and Pashinyan in Munich on Monday.",
        "Baerbock will first hold a bilateral meeting with Armenian Foreign Minister Mirzoyan in Berlin on Monday.",
        "Bayramov flew to Washington on Monday; he will hold several bilateral meetings there.",
        # A third state's own talks with one party, told to the other party in a call.
        "Macron phoned Aliyev on Tuesday to inform him of his talks with Pashinyan in Paris last week.",
        "Erdogan called Pashinyan on Friday to brief him on her talks with Aliyev in Ankara.",
    ],
)
def test_a_mediator_meeting_each_party_apart_is_no_round(extract, text):
    assert talks_of(extract(text, "2024-07-02")) == []


def test_a_round_in_the_same_format_had_the_earlier_rounds_parties_and_mediator(extract):
    x = extract(
        "Lavrov hosted Bayramov and Mirzoyan in Astana on Monday. The previous meeting in this format was held in Dushanbe in May.",
        "2022-10-14",
    )
    assert mediators_of(x) == {"astana": "russia", "dushanbe": "russia"}


def test_the_two_leaders_due_in_a_city_is_a_planned_round(extract):
    x = extract("On 1 June the two leaders are due in Vienna, where the chancellor is to join them.", "2023-05-26")
    assert only_round(x)[:3] == ("vienna", "planned", "2023-06-01")


def test_a_party_capitals_dateline_is_where_the_agency_files_from_not_a_venue(knowledge):
    text = (
        "Commissions to meet again\n\n"
        "YEREVAN, January 15 (Agency) - The border commissions of Armenia and Azerbaijan met on Monday, the government said.\n"
    )
    article = make_article(text, knowledge.cues, "2024-01-15", dateline=("Yerevan", len(text) - 1))
    x = analyse_article(article, knowledge)
    assert [e.venue_id for e in x.events if e.event_type == "talks"] in ([], [None])


def test_a_dateline_places_only_the_rounds_of_its_own_paragraph(knowledge):
    text = (
        "The two foreign ministers will meet again next month.\n\n"
        "VIENNA, March 4 (Agency) - The foreign ministers of Armenia and Azerbaijan held talks on Monday.\n"
    )
    article = make_article(text, knowledge.cues, "2024-03-04", dateline=("Vienna", len(text) - 1))
    x = analyse_article(article, knowledge)
    assert [(e.venue_id, e.status) for e in x.events if e.event_type == "talks"] == [("vienna", "held")]


def test_a_round_that_was_not_held_is_cancelled(extract):
    x = extract(
        "The tripartite meeting planned in Vienna on 7 December between Aliyev and Pashinyan was not held.",
        "2024-01-10",
    )
    assert only_round(x)[:3] == ("vienna", "cancelled", "2023-12-07")


def test_the_border_commissions_meeting_on_the_border_meet_at_the_border(extract):
    x = extract("The ninth meeting of the state border commissions was held on the border on 15 May.", "2024-05-20")
    assert only_round(x)[:3] == ("armenia-azerbaijan-border", "held", "2024-05-15")


def test_on_the_border_without_commissions_is_no_venue(extract):
    x = extract("The two foreign ministers met on Monday to discuss the shelling on the border.", "2024-05-20")
    assert [r.venue_id for r in talks_of(x)] in ([], [None])


def test_a_boycott_in_an_until_clause_is_another_rounds_status(extract):
    x = extract(
        "Vienna had hosted their foreign ministers twice, in May and June 2023, until Baku boycotted the track.",
        "2025-08-11",
    )
    assert rounds_of(x) == [("vienna", "held", "2023-05"), ("vienna", "held", "2023-06")]


def test_a_place_after_an_indefinite_article_is_still_a_place(extract):
    x = extract(
        "Blinken hosted the Armenian and Azerbaijani foreign ministers at a Vienna hotel on Monday.", "2024-05-20"
    )
    assert only_round(x)[:2] == ("vienna", "held")


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # "no <talks word>" reports no round.
        ("An aide said that no three-way meeting of the leaders was planned in Vienna.", "2024-10-24", []),
        # A date told with a statement is the statement's: the round is known to the month only.
        (
            "Aliyev told Blinken in a call on Sunday that the foreign ministers would meet in Vienna soon.",
            "2024-04-30",
            [("vienna", "planned", "2024-04")],
        ),
        # The date of a document is not the round's.
        (
            "Bayramov cited the April 19 document when he opened talks with Mirzoyan in Vienna on May 10.",
            "2024-05-15",
            [("vienna", "held", "2024-05-10")],
        ),
        # An offset right after the talks word dates the round; a year in a clause before it does not.
        (
            "Opening the talks in the hall where a declaration was signed in 1991, Bayramov recalled that the "
            "delegations had last met more than two months earlier, in Vienna.",
            "2024-05-10",
            [("vienna", "held", "2024-02")],
        ),
        # A participle in a planned round is no tense: Wednesday is the coming one.
        (
            "The negotiations between the two foreign ministers will take place in Vienna, with a session chaired by "
            "the minister on Wednesday.",
            "2024-02-27",
            [("vienna", "planned", "2024-02-28")],
        ),
        # ... and a round "expected at the end of October" that "did not take place" lies in the past.
        (
            "A meeting of Aliyev and Pashinyan that was expected in Vienna at the end of October did not take place.",
            "2023-11-16",
            [("vienna", "cancelled", "2023-10")],
        ),
        # The same place twice in a list is two rounds.
        (
            "Earlier rounds between the two foreign ministers included talks near Vienna in May and June 2023 and in Vienna in July 2024.",
            "2025-08-08",
            [("vienna", "held", "2023-05"), ("vienna", "held", "2023-06"), ("vienna", "held", "2024-07")],
        ),
    ],
)
def test_which_round_and_which_date_a_clause_reports(extract, text, published, expected):
    got = rounds_of(extract(text, published))
    assert [(v, s, d[:7] if d and len(expected) and len(expected[0][2]) == 7 else d) for v, s, d in got] == expected


def test_a_town_after_a_building_locates_it(extract):
    x = extract(
        "The foreign ministers of Armenia and Azerbaijan met at the State Department's training centre in Arlington, "
        "Virginia, in May and June 2023.",
        "2024-07-16",
    )
    assert rounds_of(x) == [("arlington", "held", "2023-05"), ("arlington", "held", "2023-06")]


def test_a_mediator_named_in_one_breath_with_the_parties_sat_at_the_table(extract):
    x = extract(
        "Aliyev, Pashinyan, Michel and Macron last sat at one table on 1 June in Vienna, at a summit.", "2023-10-05"
    )
    assert mediators_of(x) == {"vienna": "european-union"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Parties named outside the round's own sentence.
        (
            "Aliyev and Pashinyan met in Vienna on 3 April. The previous meeting was held at the Hofburg in Vienna on 3 March.",
            [("vienna", "held", "2024-03-03"), ("vienna", "held", "2024-04-03")],
        ),
        (
            "Aliyev and Pashinyan met Macron and Scholz in Vienna on Monday. All four leaders intend to reconvene in "
            "Tirana in the autumn.",
            [("tirana", "planned", "2024-04-10"), ("vienna", "held", "2024-04-08")],
        ),
        # Reported future plans the round.
        (
            "Pashinyan told parliament on Tuesday that talks with Aliyev in Tehran would come next.",
            [("tehran", "planned", "2024-04")],
        ),
        # The date after a speech verb and a talks verb is the round's.
        (
            "Michel said his next meeting with Aliyev and Pashinyan in Vienna, which he said would take place on "
            "21 July, would be prepared by advisers.",
            [("vienna", "planned", "2024-07-21")],
        ),
    ],
)
def test_issue_patterns(extract, text, expected):
    got = rounds_of(extract(text, "2024-04-10"))
    assert [(v, s, d[: len(e[2])]) for (v, s, d), e in zip(got, expected)] == expected and len(got) == len(expected)


def test_a_capital_naming_a_document_is_no_government(extract):
    x = extract("The two leaders recalled the Prague statement.", "2024-04-10")
    assert not any(m.entity_id == "czech-republic" for ms in x.mentions for m in ms)


@pytest.mark.parametrize(
    "text, expected",
    [
        # A bigger place "outside" which a town lies places the town; it is no round of its own.
        (
            "The two foreign ministers last negotiated in May 2023 at a training centre in Arlington, outside Washington.",
            [("arlington", "held", "2023-05")],
        ),
        # "of that year" takes the year the sentence itself named, not the article's.
        (
            "Vienna hosted the two sides during the 2020 war: in October of that year, the chancellor kept the "
            "Armenian and Azerbaijani foreign ministers at the table for hours.",
            [("vienna", "held", "2020-10")],
        ),
        # A party named only in a relative clause did not sit at a table whose own clause names who did.
        (
            "Pashinyan met the chancellor and the NATO secretary general in Vienna on Friday, in a format that "
            "Azerbaijan had criticised as one-sided.",
            [],
        ),
        # ... but where the relative clause is the only place the parties are named, they count.
        (
            "The Tirana round was prepared at the meeting which the chancellor held with Aliyev and Pashinyan in "
            "Vienna on 17 February.",
            [("vienna", "held", "2024-02-17")],
        ),
    ],
)
def test_places_years_and_parties_from_the_rounds_own_clause(extract, text, expected):
    assert [r for r in rounds_of(extract(text, "2024-06-20")) if r[0] != "tirana"] == expected


@pytest.mark.parametrize(
    "text",
    [
        # An analyst quoted saying there was no third party speaks of the round; he is no would-be mediator.
        "Aliyev and Pashinyan met in Abu Dhabi on Thursday. Political analyst Tomas Verhagen told a news site that the most notable "
        "feature of the summit was the absence of any third party.",
        # ... and so does a remark far from the article's one round.
        "Aliyev and Pashinyan met in Abu Dhabi on Thursday. The talks lasted five hours. The sides agreed to "
        "continue. Both readouts were brief. Neither side gave details. Officials said little more. An analyst "
        "said the most notable feature of the summit was the absence of any third party.",
    ],
)
def test_no_third_party_said_of_the_round_leaves_it_without_mediator(extract, text):
    assert only_round(extract(text, "2024-06-20"))[::3] == ("abu-dhabi", None)


def test_a_partys_own_talks_with_the_other_party_are_a_round(extract):
    x = extract("Pashinyan told reporters about his talks with Aliyev in Prague on Thursday.", "2024-07-05")
    assert only_round(x)[:3] == ("prague", "held", "2024-07-04")


def test_a_third_states_own_talks_told_in_the_next_sentence_are_no_round(extract):
    x = extract(
        "Macron paid a visit to Baku on Monday. After his talks with Aliyev, he said Paris was ready to help.",
        "2024-07-05",
    )
    assert talks_of(x) == []


def test_an_offset_from_the_round_dates_something_else_and_the_round_before_it(extract):
    # The offset dates the announcement from the round: the round came three days before it.
    x = extract("The announcement on 10 March came three days after Pashinyan and Aliyev met in Sochi.", "2024-03-12")
    assert only_round(x)[:3] == ("sochi", "held", "2024-03-07")


@pytest.mark.parametrize(
    "text",
    [
        "After calls with both leaders, Macron proposed consultations in Paris under French mediation.",
        "Kazakhstan offered to host the next meeting of Mirzoyan and Bayramov in Almaty.",
    ],
)
def test_a_proposal_nobody_accepted_plans_no_round(extract, text):
    assert talks_of(extract(text, "2024-07-02")) == []


def test_a_proposal_the_parties_accepted_plans_a_round(extract):
    x = extract(
        "Mirzoyan and Bayramov accepted a Kazakh offer to meet in Almaty, and talks will be held there.", "2024-07-02"
    )
    assert only_round(x)[:2] == ("almaty", "planned")


def test_a_round_some_news_came_days_after_lies_before_the_articles_date(extract):
    # The news the article reports came three days after the round: the round came first,
    # and only its month is sure, the news having no day but the article's.
    x = extract("The minister's announcement came three days after Pashinyan and Aliyev met in Sochi.", "2024-03-02")
    assert only_round(x)[:3] == ("sochi", "held", "2024-02")
