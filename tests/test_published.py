"""The publication date and dateline a page shows in its own text."""

from __future__ import annotations

import pytest
from conftest import BODY, CUES

from data_prep.furniture import furniture_start
from data_prep.published import dateline_place, published_from_text

HEADLINE_LIST = (
    "Armenian FM to travel to Washington\n09 July 2024 / 13:33\n"
    "Reformist Pezeshkian wins Iran's presidential race\n08 July 2024 / 13:14\n"
    "Armenia-Azerbaijan talks a priority for U.S. \u2013 State Dept\n04 July 2024 / 13:37\n"
)

# --- publication date -----------------------------------------------------------------


def test_header_stamp_with_time_zone_is_the_publication_date():
    text = "November 18, 2023 - 13:12 AMT\nRussian expert: Azerbaijan doesn't mind Western mediation\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2023-11-18"


def test_dotted_header_stamp_with_bar_and_time_is_the_publication_date():
    text = "Talks resume in Washington\n10.05.2024 | 14:22\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2024-05-10"


def test_photo_caption_date_is_the_publication_date():
    text = (
        "Azerbaijan wants US to consider new realities\n"
        "Azerbaijani President Ilham Aliyev speaks at an event in Baku, Azerbaijan, Dec. 6, 2023. (AA Photo)\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) == "2023-12-06"


def test_wire_dateline_without_a_year_is_placed_by_its_weekday():
    text = (
        "Armenia, Azerbaijan leaders to meet\n\n"
        "WASHINGTON, Nov 7 (Reuters) - Armenia and Azerbaijan said on Monday their foreign ministers would meet.\n\n"
        "The talks follow a meeting in Prague in October 2022, the State Department said in 2022.\n"
    )
    assert published_from_text(text, CUES.page) == "2022-11-07"  # 7 November was a Monday in 2022


def test_wire_dateline_without_year_or_weekday_takes_the_latest_year_the_article_mentions():
    text = (
        "Ceasefire\n\n"
        "MOSCOW, November 10. /Agency/. Armenia, Azerbaijan and Russia signed a statement ending the fighting.\n\n"
        "The fighting began on 27 September 2020.\n"
    )
    assert published_from_text(text, CUES.page) == "2020-11-10"


def test_wire_dateline_with_a_full_date_is_the_publication_date():
    text = "Talks\n\nYEREVAN, 18 November 2023 (ARKA) \u2014 Armenia's prime minister said talks would go on.\n"
    assert published_from_text(text, CUES.page) == "2023-11-18"


def test_a_date_in_the_body_is_not_the_publication_date():
    text = BODY + "\nThe previous round was held on March 3, 2021 in Moscow.\n"
    assert published_from_text(text, CUES.page) is None


def test_a_date_in_an_opening_sentence_that_is_not_a_dateline_is_not_the_publication_date():
    text = (
        "Talks resume\n\n"
        "Armenia, which last met Azerbaijan in Moscow on March 3, 2021, says the talks will resume in Washington.\n\n"
        + BODY
    )
    assert published_from_text(text, CUES.page) is None


def test_dates_in_trailing_furniture_are_not_used():
    text = BODY + "\n" + HEADLINE_LIST
    body_end = furniture_start(text, CUES.furniture_markers)
    assert published_from_text(text, CUES.page, body_end) is None


def test_a_short_article_with_only_a_stamp_list_takes_no_date_from_it():
    text = "Talks resume in Washington.\n" + HEADLINE_LIST
    assert published_from_text(text, CUES.page, furniture_start(text, CUES.furniture_markers)) is None


def test_a_caption_word_from_the_cues_marks_a_caption(knowledge):
    """`page.caption_words`: a line naming a photo agency is a caption, so its date is the article's."""
    text = "Talks resume\nPicture: ministers in Almaty, 10 May 2024 (AA).\nThe ministers met again."
    assert published_from_text(text, CUES.page) == "2024-05-10"
    no_captions = CUES.page.model_copy(update={"caption_words": ("nothing-like-this",)})
    assert published_from_text(text, no_captions) is None


def test_the_dateline_place_and_the_end_of_its_paragraph():
    text = "Talks\nGRANADA, Spain, Oct 5 (Agency) – The leaders met.\nMore text."
    assert dateline_place(text, CUES.page) == ("Granada", text.index("\nMore"))
    assert dateline_place("Talks in Granada went on.", CUES.page) is None


def test_a_short_line_with_a_full_date_and_a_clock_time_is_a_stamp():
    text = "Regional digest | Item 2 of 7\nSource: a news agency, 14.03.2023, 09:05\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2023-03-14"
    filed = "Monitor\nItem filed 2 Feb 2022, 17:40 local time\n\n" + BODY
    assert published_from_text(filed, CUES.page) == "2022-02-02"


def test_a_long_sentence_with_a_date_and_a_time_is_not_a_stamp():
    text = (
        "Talks resume\n\n"
        "The ceasefire that the ministers agreed on 3 March 2021 was to hold from 12:00 on the following "
        "Saturday across the whole line of contact, officials in both capitals said.\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) is None


def test_a_repost_note_gives_the_original_date_before_the_repost_stamp():
    text = (
        "Weekly review\n12.09.2024 | 10:00\n"
        "This article originally appeared in a regional daily on 9 September 2024.\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) == "2024-09-09"


def test_a_capitals_dateline_below_the_masthead_and_menus_is_found():
    text = (
        "Agency name\nPolitics | World | Business\nSection title\n"
        "Ministers meet in the capital\nA one-line summary of the story\n\n"
        "BAKU, March 14. /Agency/. The ministers met on Tuesday, the ministry said.\n"
    )
    assert published_from_text(text, CUES.page) == "2023-03-14"  # 14 March was a Tuesday in 2023
    assert dateline_place(text, CUES.page) == ("Baku", text.index("\n", text.index("BAKU")))


def test_a_sentence_deep_in_the_page_that_opens_like_a_dateline_is_not_one():
    text = "Talks\nMenu\nMore\nAbout\nContact\n\nYesterday, 3 March 2021 was recalled by the minister.\n"
    assert published_from_text(text, CUES.page) is None


# --- house styles of page stamps ------------------------------------------------------------


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Readout\nOFFICE OF THE SPOKESPERSON\nNOVEMBER 7, 2022\n", "2022-11-07"),  # a readout's header in capitals
        ("Politics\nPublished April 23,2024\n", "2024-04-23"),  # the space after the comma lost
        ("World\nMarch 12, 20245:05 PM GMT+4 Updated 2 hours ago\n", "2024-03-12"),  # year run into the clock
        ("Diplomacy\n- 21 October, 2022\n- 09:51\n", "2022-10-21"),  # an agency: the date, then the time
        ("Politics\n12 March 2024 16:50 (UTC+04:00)\n", "2024-03-12"),
        ("Caucasus\n14:05 12.03.2024 (updated: 16:30 13.03.2024)\n", "2024-03-12"),
        ("News\n2024-03-12T14:05:00+04:00\n", "2024-03-12"),
    ],
)
def test_a_stamp_in_an_agencys_house_style_is_the_publication_date(header, expected):
    assert published_from_text(header + "\n" + BODY, CUES.page) == expected


def test_an_agency_dateline_with_the_month_in_capitals_is_read():
    text = (
        "Talks\n\n14:42,\n\nYEREVAN, MAY 26, ARMENPRESS. The foreign minister met his counterpart on Friday, "
        "the ministry said.\n\nThe talks followed a round held in 2023.\n"
    )
    assert published_from_text(text, CUES.page) == "2023-05-26"  # 26 May 2023 was a Friday
    assert dateline_place(text, CUES.page) is not None


def test_the_published_date_beats_the_updated_one_on_its_line_and_above_it():
    both = "Talks resume\nUpdated: 13.03.2024 09:00 | Published: 12.03.2024 14:05\n\n" + BODY
    assert published_from_text(both, CUES.page) == "2024-03-12"
    above = "Talks resume\nLast updated 14 March 2024\nPosted 12 March 2024\n\n" + BODY
    assert published_from_text(above, CUES.page) == "2024-03-12"


def test_an_updated_stamp_alone_is_used_when_the_page_shows_nothing_else():
    text = "Talks resume\nUpdated 13 March 2024, 09:00\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2024-03-13"


def test_a_dateline_beats_an_updated_stamp():
    text = "Talks\nUpdated 14 March 2024\n\nBAKU, March 12 (Agency) - The ministers met on Tuesday.\n"
    assert published_from_text(text, CUES.page) == "2024-03-12"


def test_a_repost_stamp_gives_way_to_the_original_header_below_it():
    text = (
        "A regional aggregator\nHome > Armenia > Diplomacy    Reposted: 27.11.2021 09:02\n"
        "Original header below.\n---\nA wire agency\nFriday, November 26, 2021 - 21:48 GMT\n"
        "Leaders meet in Sochi\n---\n\n" + BODY
    )
    assert published_from_text(text, CUES.page) == "2021-11-26"


def test_a_repost_stamp_alone_is_used_when_the_page_shows_nothing_else():
    text = "Aggregator\nReposted: 27.11.2021 09:02\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2021-11-27"


@pytest.mark.parametrize(
    "caption",
    [
        "FILE PHOTO: The two leaders meet in Brussels, May 14, 2023. (Agency photo)",
        "Archive picture: ministers in Almaty, 10 May 2024 (AA).",
    ],
)
def test_a_file_pictures_date_is_not_the_publication_date(caption):
    text = "Leaders to meet again\n" + caption + "\n\n" + BODY
    assert published_from_text(text, CUES.page) is None


@pytest.mark.parametrize(
    "top",
    [
        "21.2 C\nNew York\nJune 7, 2025\n",  # a weather widget over today's date
        "Today: Saturday, June 7, 2025\n",
    ],
)
def test_a_top_bars_date_of_today_is_not_the_publication_date(top):
    assert published_from_text(top + "Leaders to meet again\n\n" + BODY, CUES.page) is None


@pytest.mark.parametrize("stamp", ["2 hours ago", "Yesterday, 14:05", "Today 09:12", "December 01\nShow news feed"])
def test_a_relative_or_yearless_stamp_gives_no_date(stamp):
    assert published_from_text("Talks\n" + stamp + "\n\n" + BODY, CUES.page) is None


def test_an_ambiguous_slashed_stamp_gives_way_to_a_written_date():
    text = "World\n03/12/2024\nMarch 12, 2024\n\n" + BODY  # an outlet writing the month first
    assert published_from_text(text, CUES.page) == "2024-03-12"
    alone = "World\n03/12/2024\n\n" + BODY
    assert published_from_text(alone, CUES.page) == "2024-12-03"  # alone, day first as most of the press


def test_a_bare_date_above_a_timed_stamp_of_an_earlier_day_is_the_top_bars_today():
    text = "Home | Politics | World\nWednesday, 3 December 2025\nLeaders to meet again\n12.03.2024 | 14:05\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2024-03-12"


def test_a_repost_note_in_the_tail_gives_the_original_date():
    text = BODY + "\nThis article was originally published by a partner outlet on 9 September 2024.\n"
    end = furniture_start(text, CUES.furniture_markers, CUES.furniture_headings, CUES.furniture_lines)
    assert end < len(text)  # the note is furniture, and its date is the article's
    assert published_from_text(text, CUES.page, end) == "2024-09-09"


def test_an_official_sites_publication_date_label_in_the_tail_is_the_publication_date():
    text = BODY + "\nPublication status\nPublished in sections: News\nPublication date: November 26, 2021, 19:30\n"
    end = furniture_start(text, CUES.furniture_markers, CUES.furniture_headings, CUES.furniture_lines)
    assert published_from_text(text, CUES.page, end) == "2021-11-26"


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("13-03-2024, 14:05", "2024-03-13"),  # day first, with dashes
        ("2024/03/12 14:05", "2024-03-12"),  # year first, with slashes
        ("14:05 12.03.24", "2024-03-12"),  # a two-digit year beside a clock
        ("12 марта 2024, 14:05", "2024-03-12"),  # a translation keeping the original's stamp
        ("12 Mart 2024 14:05", "2024-03-12"),
        ("12. März 2024, 14:05 Uhr", "2024-03-12"),
    ],
)
def test_a_stamp_in_another_script_or_order_is_read(stamp, expected):
    assert published_from_text("Talks resume\n" + stamp + "\n\n" + BODY, CUES.page) == expected


def test_a_two_digit_year_without_a_clock_is_not_read():
    assert published_from_text("Talks resume\nIssue 12.03.24\n\n" + BODY, CUES.page) is None


def test_a_month_name_of_another_language_is_read_only_next_to_a_number():
    text = "Talks resume\nMars and Mart stores closed\n\n" + BODY
    assert published_from_text(text, CUES.page) is None


def test_the_stamp_below_a_long_menu_is_found():
    menu = "".join(f"{item}\n" for item in ("Home", "Politics", "Economy", "Society", "World", "Sport", "Video"))
    text = menu + "AZ | EN | RU\nPolitics\nLeaders to meet again in Brussels next month\n12.03.2024 | 14:05\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2024-03-12"


def test_a_stamp_below_many_lines_of_text_is_not_a_stamp():
    prose = "".join(f"Paragraph {n} of the story says the talks went on for hours.\n" for n in range(10))
    assert published_from_text("Talks\n" + prose + "12.03.2024 | 14:05\n", CUES.page) is None


def test_an_archive_pictures_date_is_not_the_publication_date():
    text = "Leaders meet\n[Photo: the two leaders at the Brussels meeting of 6 April 2022. Archive]\n\n" + BODY
    assert published_from_text(text, CUES.page) is None


def test_a_dateline_alone_on_its_line_takes_the_weekday_of_the_paragraph_below():
    text = (
        "Talks\n\nBAKU, Azerbaijan, March 12\n\nThe foreign ministers met on Tuesday, the ministry said.\n\n"
        "The talks followed a round held in 2023 and the 2020 war.\n"
    )
    assert published_from_text(text, CUES.page) == "2024-03-12"  # 12 March was a Tuesday in 2024, not in 2023


def test_the_pages_address_filed_by_date_at_the_top_is_the_publication_date():
    text = "https://news.example.am/en/2024/03/12/leaders-meet/\nLeaders meet\n\n" + BODY
    assert published_from_text(text, CUES.page) == "2024-03-12"


def test_a_copys_source_address_filed_by_date_in_the_tail_dates_the_article():
    text = BODY + "\nSource: https://wire.example.az/en/2023-11-17-ministers-meet.html\n"
    end = furniture_start(text, CUES.furniture_markers, CUES.furniture_headings, CUES.furniture_lines)
    assert published_from_text(text, CUES.page, end) == "2023-11-17"


def test_addresses_of_other_stories_in_the_tail_give_no_date():
    text = BODY + "\nRelated news\nhttps://news.example.am/en/2024/03/12/other-story/\n"
    end = furniture_start(text, CUES.furniture_markers, CUES.furniture_headings, CUES.furniture_lines)
    assert published_from_text(text, CUES.page, end) is None


def test_a_manifest_address_filed_by_date_dates_a_page_that_shows_none():
    from pathlib import Path

    from data_prep.reading import article_from_text

    row = {"url": "https://news.example.am/en/2024/03/12/leaders-meet/"}
    article = article_from_text(BODY, "doc", Path("doc.txt"), row, CUES)
    assert (article.published, article.published_basis) == ("2024-03-12", "manifest")
    undated = article_from_text(BODY, "doc", Path("doc.txt"), {"url": "https://news.example.am/en/a/123"}, CUES)
    assert (undated.published, undated.published_basis) == (None, "none")
