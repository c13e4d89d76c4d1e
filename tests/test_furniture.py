"""Page furniture: where the article ends and the page around it begins."""

from __future__ import annotations

import pytest
from conftest import BODY, CUES

from data_prep.furniture import furniture_start

# --- furniture ----------------------------------------------------------------------

HEADLINE_LIST = (
    "Armenian FM to travel to Washington\n09 July 2024 / 13:33\n"
    "Reformist Pezeshkian wins Iran's presidential race\n08 July 2024 / 13:14\n"
    "Armenia-Azerbaijan talks a priority for U.S. \u2013 State Dept\n04 July 2024 / 13:37\n"
)


def test_trailing_list_of_headlines_with_stamps_is_furniture():
    text = BODY + "\n" + HEADLINE_LIST
    assert furniture_start(text, CUES.furniture_markers) == len(BODY) + 1


def test_related_news_marker_starts_the_furniture():
    text = BODY + "\nRelated news\nPashinyan meets Macron\nAliyev visits Ankara\n"
    assert text[furniture_start(text, CUES.furniture_markers) :].startswith("Related news")


def test_related_marker_in_the_first_part_of_the_text_is_not_furniture():
    text = "Read more about the talks below.\n\n" + BODY
    assert furniture_start(text, CUES.furniture_markers) == len(text)


def test_article_without_furniture_keeps_everything():
    assert furniture_start(BODY, CUES.furniture_markers) == len(BODY)


def test_article_ending_in_a_quote_keeps_everything():
    text = BODY + '\n"We are ready for the next round," he said.\n'
    assert furniture_start(text, CUES.furniture_markers) == len(text)


def test_a_heading_alone_on_its_line_starts_the_furniture():
    text = BODY + "\nLatest\nMinisters meet in Astana\nLeaders talk in Tirana\n"
    start = furniture_start(text, CUES.furniture_markers, CUES.furniture_headings)
    assert text[start:].startswith("Latest")


def test_a_heading_word_opening_a_longer_line_is_not_a_heading():
    text = BODY + "\nLatest talks ended without a deal.\n"
    assert furniture_start(text, CUES.furniture_markers, CUES.furniture_headings) == len(text)


@pytest.mark.parametrize(
    "marker", ["RELATED COVERAGE", "Related press releases", "Read Next", "Also on The Daily Paper", "More from us"]
)
def test_related_headline_lists_under_their_own_wording_are_furniture(marker):
    text = BODY + f"\n{marker}\nLeaders to meet in Vienna\nMinisters meet in Tbilisi\n"
    assert text[furniture_start(text, CUES.furniture_markers) :].startswith(marker)


def test_a_list_of_headlines_led_by_time_or_date_stamps_is_furniture():
    listing = "18:12  Leaders meet in Vienna\n17:40  Ministers to meet in Tbilisi\n02.11.2022  A round ends\n"
    text = BODY + "\n" + listing
    assert furniture_start(text, CUES.furniture_markers) == len(BODY) + 1
