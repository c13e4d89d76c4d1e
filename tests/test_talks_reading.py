"""How find_talks reads a round's status, date, place and mediator from idioms of unseen writing."""

import pytest


def rounds(record):
    return [
        (e.venue_id, e.status, e.date.value if e.date else None, e.mediator_id)
        for e in record.events
        if e.event_type == "talks"
    ]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        (  # a hope of a host is a plan, and "later this month" lies ahead
            "Michel said he hoped to host the two leaders in Brussels later this month.",
            "2023-10-05",
            ("brussels", "planned", "2023-10", "european-union"),
        ),
        (  # "hosting" is a talks word like "hosted"
            "Baerbock spent Tuesday hosting the foreign ministers of Armenia and Azerbaijan in Berlin.",
            "2024-03-01",
            ("berlin", "held", "2024-02-27", "germany"),
        ),
        (  # the month of the announcement is not the round's: it was to be now
            "The Vienna meeting of the two leaders, which Michel announced in March, will not go ahead.",
            "2023-10-05",
            ("vienna", "cancelled", "2023-10-05", None),
        ),
        (  # so is the month of a relative clause without commas round it ("that ... announced in")
            "The Vienna meeting of the two leaders that Michel announced in Chisinau in March will not go ahead.",
            "2023-10-05",
            ("vienna", "cancelled", "2023-10-05", None),
        ),
    ],
)
def test_idioms_of_status_and_date(extract, text, published, expected):
    assert rounds(extract(text, published)) == [expected]


def test_an_undated_back_reference_places_the_round_just_reported(extract):
    record = extract(
        "The border commissions of Armenia and Azerbaijan held their sixth session last Thursday. "
        "The meeting took place on the Armenian-Azerbaijani border.",
        "2024-03-12",
    )
    assert rounds(record) == [("armenia-azerbaijan-border", "held", "2024-03-07", None)]


@pytest.mark.parametrize(
    "text, mediator",
    [
        (
            "Aliyev and Pashinyan met in Abu Dhabi on Monday, in talks that both governments described as bilateral.",
            None,
        ),
        (  # "bilateral meetings with the hosts" are other meetings: the venue's track stands
            "Aliyev and Pashinyan met in Abu Dhabi on Monday, before bilateral meetings with the hosts.",
            "united-arab-emirates",
        ),
    ],
)
def test_talks_called_bilateral_have_no_mediator(extract, text, mediator):
    assert rounds(extract(text, "2024-03-12")) == [("abu-dhabi", "held", "2024-03-11", mediator)]


def test_a_sentence_after_one_naming_another_city_does_not_take_the_headline_city(extract):
    record = extract(
        "Talks near Washington end with progress\n\n"
        "The foreign ministers of Armenia and Azerbaijan ended four days of talks outside Washington on Thursday. "
        "Michel wants to see Pashinyan and Aliyev in Brussels again soon. "
        "The leaders last met there in August.",
        "2023-05-04",
    )
    assert ("washington", "held", "2022-08", "united-states") not in rounds(record)


@pytest.mark.parametrize(
    "text, published, expected",
    [
        (  # one party boycotts a track's meeting; the third state in the "because" clause was not at the table
            "In March Pashinyan stayed away from a Washington meeting because Erdogan was to attend.",
            "2023-10-05",
            [("washington", "cancelled", "2023-03", "united-states")],
        ),
        (  # a reported future: "would see each other" plans, and October lies ahead
            "Michel added that the two leaders would see each other in Granada in October.",
            "2023-07-18",
            [("granada", "planned", "2023-10", "european-union")],
        ),
        (  # the status word of a "before" clause is not the round's
            "Washington hosted the talks between Armenia and Azerbaijan, before Baku walked away from the US track.",
            "2025-08-08",
            [("washington", "held", "2025-08-08", "united-states")],
        ),
        (  # places joined by a bare "and" share the month after the last of them
            "The planned encounters of Aliyev and Pashinyan in Vienna and Geneva in October fell through.",
            "2024-02-17",
            [("vienna", "cancelled", "2023-10", None), ("geneva", "cancelled", "2023-10", None)],
        ),
    ],
)
def test_boycotts_reported_futures_and_other_clauses(extract, text, published, expected):
    assert rounds(extract(text, published)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Aliyev and Pashinyan will meet in Vienna on Friday, officials in Tbilisi and Ankara confirmed on Thursday.",
        "Aliyev and Pashinyan will meet in Vienna on Friday, diplomatic sources in Tbilisi said on Thursday.",
    ],
)
def test_the_seat_of_officials_cited_is_no_venue(extract, text):
    assert rounds(extract(text, "2024-03-13")) == [("vienna", "planned", "2024-03-15", None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # "there" is the one city the sentence before named
            "Michel wants to see Pashinyan and Aliyev in Vienna again soon. The leaders last met there in August.",
            [("vienna", "held", "2023-08", None)],
        ),
        (  # two cities before: "there" is ambiguous, and a round without a place or a day is dropped
            "Pashinyan flew from Vienna to Geneva on Monday. The leaders last met there in August.",
            [],
        ),
        (  # an existential "there" places nothing
            "Michel wants to see Pashinyan and Aliyev in Vienna again soon. After the leaders met there was a dinner.",
            [],
        ),
    ],
)
def test_there_refers_to_the_one_place_just_named(extract, text, expected):
    assert rounds(extract("Diplomacy roundup\n\n" + text, "2024-03-12")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a lapse since a date: the last round was held then
            "Aliyev and Pashinyan have not held a formal sit-down since last July in Vienna.",
            [("vienna", "held", "2023-07", None)],
        ),
        (  # a lapse with no date after "since": held once, when unknown, so no round
            "Aliyev and Pashinyan have not held talks in Vienna since the war.",
            [],
        ),
        (  # without "since" the round stays called off
            "The meeting of Aliyev and Pashinyan in Vienna was not held in October.",
            [("vienna", "cancelled", "2023-10", None)],
        ),
    ],
)
def test_a_lapse_since_a_date_is_a_round_held_then(extract, text, expected):
    assert rounds(extract(text, "2024-02-17")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the status word of an aside before the talks word is about its antecedent
            "Turkey, which withdrew its observers last year, was not involved in the Vienna talks "
            "between Aliyev and Pashinyan on Monday.",
            [("vienna", "held", "2024-02-12", None)],
        ),
        (  # an aside about the round itself still counts
            "The meeting of Aliyev and Pashinyan in Vienna, which was called off, was to be held on 12 February.",
            [("vienna", "cancelled", "2024-02-12", None)],
        ),
    ],
)
def test_an_aside_about_something_else_gives_the_round_no_status(extract, text, expected):
    assert rounds(extract(text, "2024-02-17")) == expected


def test_bringing_the_leaders_to_a_city_places_the_round_there(extract):
    record = extract("Michel plans to bring Pashinyan and Aliyev back to Vienna later this month.", "2023-05-04")
    assert rounds(record) == [("vienna", "planned", "2023-05", "european-union")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a host receiving both parties at a place holds a round there
            "Macron welcomed the leaders of Armenia and Azerbaijan to the Elysee Palace in Paris on Tuesday.",
            [("paris", "held", "2024-03-05")],
        ),
        (  # a welcome of one party alone is no round
            "Macron welcomed Pashinyan to Paris on Tuesday.",
            [],
        ),
        (  # a welcome of a thing is no round
            "Macron welcomed the Armenia-Azerbaijan agreement in Paris on Tuesday.",
            [],
        ),
        (  # nor of the parties' words
            "Macron welcomed the leaders' commitment to peace in Paris on Tuesday.",
            [],
        ),
    ],
)
def test_a_welcome_of_both_parties_at_a_place_is_a_round(extract, text, expected):
    found = [(venue, status, when) for venue, status, when, _ in rounds(extract(text, "2024-03-08"))]
    assert found == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a plural party phrase brought to a place makes the place a venue
            "Michel said he intended to bring both leaders back to Brussels for another round.",
            [("brussels", "planned")],
        ),
        (  # a thing brought to a place places nothing
            "Michel said he hoped to bring peace to the South Caucasus soon.",
            [],
        ),
        (
            "Macron welcomed both leaders to the Elysee Palace in Paris on Tuesday.",
            [("paris", "held")],
        ),
    ],
)
def test_both_parties_brought_or_welcomed_to_a_place(extract, text, expected):
    found = [(venue, status) for venue, status, _, _ in rounds(extract(text, "2024-03-08"))]
    assert found == expected
