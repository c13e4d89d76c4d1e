"""Page furniture: where the article ends and the page around it begins."""

from __future__ import annotations

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
