"""Page furniture: where the article ends and the page around it begins."""

from __future__ import annotations

from data_prep.codebook import load
from data_prep.furniture import furniture_start

CUES = load().cues
MARKERS = CUES.furniture_markers
PAGE = CUES.page

BODY = (
    "Armenia and Azerbaijan resume talks in Washington\n\n"
    "The foreign ministers of Armenia and Azerbaijan met in Washington on Tuesday for a new round of talks.\n\n"
    "Both sides said progress had been made on the text of a peace treaty, according to a statement.\n\n"
    "The next round is expected in the coming weeks, officials said after the meeting ended.\n"
)


def write(path, content, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return path


# --- furniture ----------------------------------------------------------------------

HEADLINE_LIST = (
    "Armenian FM to travel to Washington\n09 July 2024 / 13:33\n"
    "Reformist Pezeshkian wins Iran's presidential race\n08 July 2024 / 13:14\n"
    "Armenia-Azerbaijan talks a priority for U.S. \u2013 State Dept\n04 July 2024 / 13:37\n"
)


def test_trailing_list_of_headlines_with_stamps_is_furniture():
    text = BODY + "\n" + HEADLINE_LIST
    assert furniture_start(text, MARKERS) == len(BODY) + 1


def test_related_news_marker_starts_the_furniture():
    text = BODY + "\nRelated news\nPashinyan meets Macron\nAliyev visits Ankara\n"
    assert text[furniture_start(text, MARKERS) :].startswith("Related news")


def test_related_marker_in_the_first_part_of_the_text_is_not_furniture():
    text = "Read more about the talks below.\n\n" + BODY
    assert furniture_start(text, MARKERS) == len(text)


def test_article_without_furniture_keeps_everything():
    assert furniture_start(BODY, MARKERS) == len(BODY)


def test_article_ending_in_a_quote_keeps_everything():
    text = BODY + '\n"We are ready for the next round," he said.\n'
    assert furniture_start(text, MARKERS) == len(text)
