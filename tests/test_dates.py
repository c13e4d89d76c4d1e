"""Date expressions are found in text and resolved against the publication date."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_prep.dates import find_dates, is_date_stamp, parse_partial, resolve

FRIDAY_17_NOV_2023 = date(2023, 11, 17)


def resolved(text, base=FRIDAY_17_NOV_2023, anchor=None, future=False):
    mentions = find_dates(text)
    assert mentions, f"no date found in {text!r}"
    value = resolve(mentions[0], base, anchor, future)
    return (value.value, value.precision, value.basis) if value else None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("said on Thursday", ("2023-11-16", "day", "relative")),
        ("said Friday", ("2023-11-17", "day", "relative")),
        ("last Monday", ("2023-11-13", "day", "relative")),
        ("last month", ("2023-10", "month", "relative")),
        ("in September", ("2023-09", "month", "relative")),
        ("In October, Aliyev refused", ("2023-10", "month", "relative")),
        ("last November", ("2022-11", "month", "relative")),
        ("a November 20 meeting", ("2023-11-20", "day", "relative")),
        ("on Nov. 20", ("2023-11-20", "day", "relative")),
        ("at the end of June 2023", ("2023-06", "month", "explicit")),
        ("Dec. 6, 2023", ("2023-12-06", "day", "explicit")),
        ("18 November 2023", ("2023-11-18", "day", "explicit")),
        ("the fall of 2020", ("2020", "year", "explicit")),
        ("in 2020", ("2020", "year", "explicit")),
        ("two months ago", ("2023-09", "month", "relative")),
        ("yesterday", ("2023-11-16", "day", "relative")),
        ("2023-11-18", ("2023-11-18", "day", "explicit")),
        ("10.05.2024 | 14:22", ("2024-05-10", "day", "explicit")),
        ("08/12/2023 - 15:40", ("2023-12-08", "day", "explicit")),
        ("12/25/2023", ("2023-12-25", "day", "explicit")),
    ],
)
def test_resolve_common_news_expressions(text, expected):
    assert resolved(text) == expected


def test_resolve_offset_counts_from_the_previous_date_not_publication():
    assert resolved("Three weeks earlier, talks failed", anchor=date(2023, 10, 25)) == ("2023-10-04", "day", "relative")


def test_resolve_year_less_date_far_in_the_past_stays_in_the_past():
    # Published 26 Nov 2021: "talks in Moscow on 11 January" were in January 2021.
    assert resolved("their talks in Moscow on 11 January", base=date(2021, 11, 26)) == ("2021-01-11", "day", "relative")


def test_resolve_year_less_date_looking_ahead_takes_the_nearest_year():
    assert resolved("will meet on March 3", base=date(2023, 11, 20), future=True)[0] == "2024-03-03"


def test_resolve_weekday_looking_ahead_is_the_next_one():
    assert resolved("will meet on Monday", future=True)[0] == "2023-11-20"


def test_resolve_needs_a_base_for_relative_expressions():
    assert resolved("on Thursday", base=None) is None
    assert resolved("Dec. 6, 2023", base=None) == ("2023-12-06", "day", "explicit")


@pytest.mark.parametrize("text", ["we met", "it may happen", "Mayor of Paris", "March on Washington is a march"])
def test_find_dates_ignores_words_that_only_look_like_dates(text):
    assert [m.text for m in find_dates(text) if m.kind not in ("month_day", "day_month")] == []


def test_find_dates_reads_a_full_date_as_one_expression():
    assert [m.text for m in find_dates("Baku, Azerbaijan, Dec. 6, 2023. (AA Photo)")] == ["Dec. 6, 2023"]


@pytest.mark.parametrize(
    "line, stamp",
    [
        ("November 18, 2023 - 13:12 AMT", True),
        ("19 July 2024 / 14:01", True),
        ("Friday, 10 May 2024 11:03", True),
        ("Published: 12 May 2024", True),
        ("2024-05-12T14:22:00Z", True),
        ("By Jane Doe | 18 November 2023", True),
        ("Updated 18/11/2023 at 13:12 GMT", True),
        ("The talks were held on 12 May 2024 in Almaty.", False),
        ("Armenian FM to travel to Washington", False),
    ],
)
def test_is_date_stamp(line, stamp):
    assert is_date_stamp(line) is stamp


@pytest.mark.parametrize(
    "value, expected", [("2024-07", date(2024, 7, 1)), ("2023-11-17", date(2023, 11, 17)), (None, None), ("July", None)]
)
def test_parse_partial(value, expected):
    assert parse_partial(value) == expected


def _every_pattern(text):
    """find_dates without its gates: every pattern run over the whole text, as it was first written."""
    from data_prep.dates import PATTERNS, _plausible

    taken, found = [], []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if _plausible(kind, groups):
                taken.append((start, end))
                found.append((start, kind, match.group(0), groups))
    return sorted(found, key=lambda m: m[0])


_DATE_WORDS = [
    "in",
    "by",
    "of",
    "last",
    "next",
    "this",
    "on",
    "On",
    "Last",
    "May",
    "March",
    "Dec.",
    "Sept.",
    "12",
    "2023",
    "3",
    "three",
    "weeks",
    "ago",
    "earlier",
    "later",
    "yesterday",
    "Tonight",
    "spring",
    "the",
    "mid-",
    "early",
    "late",
    "Monday",
    "Friday",
    "weekend",
    "2023-11-05",
    "5.11.2023",
    "12/25/2023",
    ",",
    "-",
    "past",
    "month",
    "year",
    "ſpring",
    "laſt",
    "TODAY",
    "Ago",
    "tonıght",
    "İN",
    "wınter",
    "WEEK",
    "Kelvin",
    "7th",
    "of",
]


@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=14), st.sampled_from([" ", "", "-", "  "]))
def test_the_gated_scan_finds_exactly_what_every_pattern_finds(words, separator):
    text = separator.join(words)
    assert [(m.start, m.kind, m.text, m.groups) for m in find_dates(text)] == _every_pattern(text)


@given(
    st.text(
        alphabet="0123456789 -./,:TJanFebMayDecSeptmondayMondayweekagolateryearYesterday\u017f\u0130\u0131\u212a",
        max_size=40,
    )
)
def test_the_gated_scan_finds_exactly_what_every_pattern_finds_in_any_text(text):
    assert [(m.start, m.kind, m.text, m.groups) for m in find_dates(text)] == _every_pattern(text)


@pytest.mark.parametrize(
    "text, base, expected",
    [
        # Nothing of this month lies before its first day: the month meant is the one just ended.
        ("Earlier this month, the envoys met", date(2025, 6, 1), "2025-05"),
        ("earlier this year the envoys met", date(2025, 1, 1), "2024"),
        # From the second day on, the month is still the current one.
        ("Earlier this month, the envoys met", date(2025, 6, 2), "2025-06"),
        ("later this month the envoys meet", date(2025, 6, 1), "2025-06"),
    ],
)
def test_resolve_earlier_this_period_on_its_first_day_is_the_period_just_ended(text, base, expected):
    assert resolved(text, base=base)[0] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("met in May and June", ["in May", "and June"]),
        ("in March or April", ["in March", "or April"]),
        ("Armenia and June", []),  # only a month right before makes "and June" a date
        ("in May and June 2023", ["in May", "June 2023"]),
    ],
)
def test_find_dates_reads_the_second_month_of_a_list(text, expected):
    assert [m.text for m in find_dates(text)] == expected


def test_a_month_listed_after_another_resolves_as_in_that_month():
    assert [resolve(m, FRIDAY_17_NOV_2023).value for m in find_dates("met in May and June")] == ["2023-05", "2023-06"]
