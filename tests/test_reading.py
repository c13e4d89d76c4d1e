"""Reading: files to article text, metadata, furniture and publication date.

Each test states one behaviour of data_prep.reading a real corpus relies on.
"""

from __future__ import annotations

import os

import pytest

from data_prep.codebook import load
from data_prep.reading import (
    MAX_BYTES,
    UnreadableFile,
    decode,
    doc_id_for,
    doc_ids_for,
    document_text,
    furniture_start,
    iter_input_files,
    markdown_to_text,
    normalise_doc_id,
    parse_published,
    published_from_text,
    read_article,
    read_manifest,
)

MARKERS = load().cues["furniture_markers"]

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


# --- decoding -------------------------------------------------------------------


def test_utf8_text_is_read_as_is_with_line_endings_normalised():
    assert decode(b"Talks in Baku\r\nand Yerevan\r") == "Talks in Baku\nand Yerevan\n"


def test_windows_1251_russian_and_english_text_is_decoded():
    text = "Переговоры министров в Баку. Armenia and Azerbaijan held talks in Washington on Monday.\n"
    decoded = decode(text.encode("cp1251"))
    assert "Переговоры" in decoded and "Washington" in decoded


def test_koi8_r_text_is_decoded():
    text = "Переговоры министров иностранных дел Армении и Азербайджана прошли в Вашингтоне.\n"
    assert "Азербайджана" in decode(text.encode("koi8-r"))


def test_latin_1_text_is_decoded_as_western_not_central_european():
    text = "Le café à Genève: the talks were held in Geneva on Monday, Señor Muñoz said.\n"
    assert decode(text.encode("latin-1")) == text


def test_windows_1252_curly_quotes_and_dashes_survive():
    text = "The \u201ctalks\u201d \u2014 in Geneva \u2014 were held on Monday, the caf\u00e9\u2019s owner said.\n"
    assert decode(text.encode("cp1252")) == text


def test_a_single_accented_word_is_not_read_as_cyrillic():
    assert decode("caf\u00e9 in Gen\u00e8ve\n".encode("latin-1")) == "caf\u00e9 in Gen\u00e8ve\n"


def test_utf16_with_bom_is_decoded():
    text = "Armenia and Azerbaijan held talks in Брюссель on Monday.\n"
    assert decode(text.encode("utf-16")) == text  # Python writes the BOM


def test_utf16_without_bom_is_decoded_not_refused_as_binary():
    text = "Armenia and Azerbaijan held talks in Geneva; Переговоры прошли.\n"
    assert decode(text.encode("utf-16-le")) == text
    assert decode(text.encode("utf-16-be")) == text


def test_utf8_with_a_few_broken_bytes_stays_utf8():
    raw = "The \u201ctalks\u201d in Geneva \u2014 Armenia and Azerbaijan.".encode() + b" caf\xe9\n"
    decoded = decode(raw)
    assert "\u201ctalks\u201d" in decoded and "\u2014" in decoded and "\ufffd" in decoded


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n", "\ufeff".encode("utf-8")])
def test_empty_files_are_refused_as_empty(raw):
    with pytest.raises(UnreadableFile, match="empty"):
        decode(raw)


def test_binary_files_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(UnreadableFile, match="binary"):
        decode(png)


def test_binary_without_nul_bytes_is_refused():
    junk = bytes(b for b in range(1, 32) if b not in (9, 10, 11, 12, 13)) * 200
    with pytest.raises(UnreadableFile, match=r"binary|not text"):
        decode(junk)


# --- files ------------------------------------------------------------------------


def test_markdown_markup_is_removed():
    md = "# Talks in Geneva\n\n**Armenia** met [Azerbaijan](http://x.org) in *Geneva*.\n\n- point one\n> quoted\n"
    text = markdown_to_text(md)
    assert text.startswith("Talks in Geneva\n")
    assert "Armenia met Azerbaijan in" in text and "http" not in text and "point one" in text and ">" not in text


SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Armenia and Azerbaijan foreign ministers meet in Almaty | Caucasus Daily</title>
<meta property="og:title" content="Armenia and Azerbaijan foreign ministers meet in Almaty">
<meta property="article:published_time" content="2024-05-10T14:22:00+04:00">
<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>
<style>body{font-family:sans-serif}</style></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/economy">Economy</a></li><li><a href="/login">Log in</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div></header>
<main><article>
<h1>Armenia and Azerbaijan foreign ministers meet in Almaty</h1>
<div class="byline">By Staff Reporter <time datetime="2024-05-10">10.05.2024 | 14:22</time></div>
<p>ALMATY \u2013 The foreign ministers of Armenia and Azerbaijan, Ararat Mirzoyan and Jeyhun Bayramov,
held two days of talks in Almaty on Friday, hosted by Kazakhstan's foreign ministry.</p>
<p>The ministers discussed the text of a peace treaty, the delimitation of the border and the
opening of transport links, according to a statement issued after the meeting.</p>
<p>"The sides agreed to continue the negotiations," the statement said, adding that the date of the
next round would be agreed through diplomatic channels.</p>
<p>Kazakh President Kassym-Jomart Tokayev met both ministers before the talks began and said his
country was ready to host further rounds.</p>
</article>
<aside class="related"><h3>Related news</h3><ul>
<li><a href="/a1">Pashinyan says border delimitation is a priority</a> <span>09.05.2024</span></li>
<li><a href="/a2">Aliyev meets Blinken in Washington</a> <span>08.05.2024</span></li>
<li><a href="/a3">Russia offers to host Armenia-Azerbaijan talks in Moscow</a> <span>07.05.2024</span></li>
</ul></aside></main>
<footer><p>\u00a9 2024 Caucasus Daily. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<p>Subscribe to our newsletter</p></footer>
</body></html>
"""


def test_saved_html_page_keeps_the_article_and_drops_navigation_and_furniture(tmp_path):
    text = document_text(write(tmp_path / "page.html", SAVED_PAGE))
    assert text.startswith("Armenia and Azerbaijan foreign ministers meet in Almaty\n")
    assert "held two days of talks in Almaty on Friday" in text
    assert "ready to host further rounds" in text
    for furniture in (
        "Log in",
        "cookies",
        "Related news",
        "Aliyev meets Blinken",
        "Privacy policy",
        "newsletter",
        "dataLayer",
        "font-family",
    ):
        assert furniture not in text


def test_saved_html_page_publication_date_comes_from_its_metadata(tmp_path):
    text = document_text(write(tmp_path / "page.html", SAVED_PAGE))
    assert published_from_text(text, furniture_start(text, MARKERS)) == "2024-05-10"


def test_html_without_a_declared_date_does_not_take_one_from_the_body(tmp_path):
    page = (
        "<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>"
        "<p>Armenia and Azerbaijan held talks in Geneva, the ministry said. The previous round was held on "
        "March 3, 2021 in Moscow and lasted for two days of long negotiations between the delegations.</p>"
        "<p>More text about the negotiations and the peace treaty being drafted by both sides now.</p></article></body></html>"
    )
    text = document_text(write(tmp_path / "page.html", page))
    assert "March 3, 2021" in text
    assert published_from_text(text) is None


def test_html_page_with_nothing_but_navigation_is_refused(tmp_path):
    with pytest.raises(UnreadableFile, match=r"no main text|no article text"):
        document_text(write(tmp_path / "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"))


def test_windows_1251_html_page_is_decoded(tmp_path):
    page = (
        SAVED_PAGE.replace('charset="utf-8"', 'charset="windows-1251"')
        .replace(
            "country was ready to host further rounds.",
            "country was ready to host further rounds. Переговоры продолжатся.",
        )
        .replace("\u2013", "-")
        .replace("\u00a9", "(c)")
    )
    text = document_text(write(tmp_path / "ru.html", page, encoding="cp1251"))
    assert "Переговоры продолжатся" in text


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    with pytest.raises(UnreadableFile, match=r"too large.*50 MB"):
        document_text(big)
    assert MAX_BYTES < 50 * 1024 * 1024


def test_text_longer_than_the_analysis_can_take_is_refused(tmp_path):
    path = write(tmp_path / "dump.txt", "Armenia and Azerbaijan held talks in Geneva. " * 25_000)
    with pytest.raises(UnreadableFile, match="too long"):
        document_text(path)


def test_folder_tree_is_walked_in_stable_order_skipping_hidden_and_other_files(tmp_path):
    for name in (
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.TXT",
        ".hidden.txt",
        ".git/e.txt",
        "notes.pdf",
        "manifest.csv",
    ):
        write(tmp_path / name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files(tmp_path)]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.TXT"]


def test_doc_id_keeps_the_sub_folder_as_a_prefix(tmp_path):
    assert doc_id_for(tmp_path / "2024" / "tass" / "a1.txt", tmp_path) == "2024/tass/a1"
    assert doc_id_for(tmp_path / "a1.txt", tmp_path) == "a1"


def test_doc_ids_are_unique_when_two_files_differ_only_in_extension(tmp_path):
    files = [tmp_path / "x.md", tmp_path / "x.txt", tmp_path / "sub" / "x.txt", tmp_path / "y.txt"]
    ids = doc_ids_for(files, tmp_path)
    assert ids == {files[0]: "x.md", files[1]: "x.txt", files[2]: "sub/x", files[3]: "y"}


def test_a_file_name_that_is_not_utf8_is_refused_with_a_reason(tmp_path):
    try:
        path = tmp_path / os.fsdecode(b"caf\xe9.txt")
        path.write_text(BODY)
    except (OSError, UnicodeError):
        pytest.skip("file system does not allow non-UTF-8 names")
    with pytest.raises(UnreadableFile, match="not valid UTF-8"):
        read_article(path, tmp_path, {}, MARKERS)


# --- manifest -----------------------------------------------------------------------


def test_manifest_rows_are_read_by_doc_id(tmp_path):
    path = write(
        tmp_path / "m.csv",
        "doc_id,published,source,url,title\na1,2023-11-17,TASS,https://t.ru/1,Talks\na2,2024-07,,,\n",
    )
    rows, problems = read_manifest(path)
    assert problems == []
    assert rows["a1"] == {
        "doc_id": "a1",
        "published": "2023-11-17",
        "source": "TASS",
        "url": "https://t.ru/1",
        "title": "Talks",
    }
    assert rows["a2"]["published"] == "2024-07" and rows["a2"]["source"] is None


def test_missing_manifest_is_no_manifest():
    assert read_manifest(None) == ({}, [])


def test_manifest_row_with_wrong_column_count_is_reported_and_the_rest_kept(tmp_path):
    path = write(
        tmp_path / "m.csv", "doc_id,published,source,url,title\na1,2023-11-17,TASS,u,t,extra\na2,2023-11-18,TASS,u,t\n"
    )
    rows, problems = read_manifest(path)
    assert set(rows) == {"a2"}
    assert len(problems) == 1 and "line 2" in problems[0] and "6 fields" in problems[0]


def test_manifest_bad_date_costs_only_the_date(tmp_path):
    path = write(
        tmp_path / "m.csv",
        "doc_id,published,source\na1,2023-13-45,TASS\na2,17/11/2023,TASS\na3,2023-11-17T10:00:00Z,TASS\n",
    )
    rows, problems = read_manifest(path)
    assert rows["a1"]["published"] is None and rows["a1"]["source"] == "TASS"
    assert rows["a2"]["published"] is None
    assert rows["a3"]["published"] == "2023-11-17"
    assert len(problems) == 2 and "'2023-13-45'" in problems[0] and "line 3" in problems[1]


def test_manifest_row_without_doc_id_is_reported(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", "doc_id,published\n,2023-11-17\na1,\n"))
    assert set(rows) == {"a1"} and "no doc_id" in problems[0]


def test_manifest_repeated_doc_id_keeps_the_first_row(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", "doc_id,source\na1,first\na1,second\n"))
    assert rows["a1"]["source"] == "first" and "listed again" in problems[0]


def test_undecodable_manifest_is_reported_not_raised(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256))))
    assert rows == {} and "binary" in problems[0] and "ignored" in problems[0]


def test_manifest_that_is_a_folder_is_reported_not_raised(tmp_path):
    (tmp_path / "m.csv").mkdir()
    rows, problems = read_manifest(tmp_path / "m.csv")
    assert rows == {} and "folder" in problems[0]


def test_manifest_without_doc_id_column_is_reported(tmp_path):
    rows, problems = read_manifest(write(tmp_path / "m.csv", "id,published\na1,2023-11-17\n"))
    assert rows == {} and "no doc_id column" in problems[0]


def test_manifest_from_a_spreadsheet_semicolons_bom_and_capitals(tmp_path):
    path = write(tmp_path / "m.csv", "\ufeffDoc_ID;Published;Source\na1;2023-11-17;TASS\n")
    rows, problems = read_manifest(path)
    assert problems == [] and rows["a1"]["published"] == "2023-11-17"


def test_manifest_doc_ids_are_normalised_to_build_ids():
    assert normalise_doc_id("sub\\a1.txt") == "sub/a1"
    assert normalise_doc_id("./sub/a1.html") == "sub/a1"
    assert normalise_doc_id("v1.2") == "v1.2"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-11-17", "2023-11-17"),
        ("2023-11", "2023-11"),
        ("2024-02-30", None),
        ("2023-1-5", None),
        ("yesterday", None),
        ("2023-11-17 10:00", "2023-11-17"),
    ],
)
def test_published_values_must_be_calendar_dates(value, expected):
    assert parse_published(value) == expected


def test_manifest_matches_files_in_sub_folders_by_path_or_by_name(tmp_path):
    write(tmp_path / "in" / "tass" / "a1.txt", BODY)
    write(tmp_path / "in" / "b2.txt", BODY.replace("Tuesday", "Monday"))
    manifest = {"tass/a1": {"source": "TASS", "published": "2023-11-17"}, "b2": {"source": "Reuters"}}
    a1 = read_article(tmp_path / "in" / "tass" / "a1.txt", tmp_path / "in", manifest, MARKERS)
    assert (
        a1.doc_id == "tass/a1"
        and a1.source == "TASS"
        and a1.published == "2023-11-17"
        and a1.published_basis == "manifest"
    )
    by_name = read_article(tmp_path / "in" / "tass" / "a1.txt", tmp_path / "in", {"a1": {"source": "TASS"}}, MARKERS)
    assert by_name.source == "TASS"


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


# --- publication date -----------------------------------------------------------------


def test_header_stamp_with_time_zone_is_the_publication_date():
    text = "November 18, 2023 - 13:12 AMT\nRussian expert: Azerbaijan doesn't mind Western mediation\n\n" + BODY
    assert published_from_text(text) == "2023-11-18"


def test_dotted_header_stamp_with_bar_and_time_is_the_publication_date():
    text = "Talks resume in Washington\n10.05.2024 | 14:22\n\n" + BODY
    assert published_from_text(text) == "2024-05-10"


def test_photo_caption_date_is_the_publication_date():
    text = (
        "Azerbaijan wants US to consider new realities\n"
        "Azerbaijani President Ilham Aliyev speaks at an event in Baku, Azerbaijan, Dec. 6, 2023. (AA Photo)\n\n" + BODY
    )
    assert published_from_text(text) == "2023-12-06"


def test_wire_dateline_without_a_year_is_placed_by_its_weekday():
    text = (
        "Armenia, Azerbaijan leaders to meet\n\n"
        "WASHINGTON, Nov 7 (Reuters) - Armenia and Azerbaijan said on Monday their foreign ministers would meet.\n\n"
        "The talks follow a meeting in Prague in October 2022, the State Department said in 2022.\n"
    )
    assert published_from_text(text) == "2022-11-07"  # 7 November was a Monday in 2022


def test_wire_dateline_without_year_or_weekday_takes_the_latest_year_the_article_mentions():
    text = (
        "Ceasefire\n\n"
        "MOSCOW, November 10. /Agency/. Armenia, Azerbaijan and Russia signed a statement ending the fighting.\n\n"
        "The fighting began on 27 September 2020.\n"
    )
    assert published_from_text(text) == "2020-11-10"


def test_wire_dateline_with_a_full_date_is_the_publication_date():
    text = "Talks\n\nYEREVAN, 18 November 2023 (ARKA) \u2014 Armenia's prime minister said talks would go on.\n"
    assert published_from_text(text) == "2023-11-18"


def test_a_date_in_the_body_is_not_the_publication_date():
    text = BODY + "\nThe previous round was held on March 3, 2021 in Moscow.\n"
    assert published_from_text(text) is None


def test_a_date_in_an_opening_sentence_that_is_not_a_dateline_is_not_the_publication_date():
    text = (
        "Talks resume\n\n"
        "Armenia, which last met Azerbaijan in Moscow on March 3, 2021, says the talks will resume in Washington.\n\n"
        + BODY
    )
    assert published_from_text(text) is None


def test_dates_in_trailing_furniture_are_not_used():
    text = BODY + "\n" + HEADLINE_LIST
    body_end = furniture_start(text, MARKERS)
    assert published_from_text(text, body_end) is None


def test_a_short_article_with_only_a_stamp_list_takes_no_date_from_it():
    text = "Talks resume in Washington.\n" + HEADLINE_LIST
    assert published_from_text(text, furniture_start(text, MARKERS)) is None
