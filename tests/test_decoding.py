"""Decoding: a file's bytes to the article text, whatever the encoding or format."""

from __future__ import annotations

import pytest
from conftest import CUES, write

from data_prep.decoding import MAX_BYTES, decode, document_text, markdown_to_text
from data_prep.errors import UnreadableFile
from data_prep.furniture import furniture_start
from data_prep.published import published_from_text


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
    assert published_from_text(text, CUES.page, furniture_start(text, CUES.furniture_markers)) == "2024-05-10"


def test_html_without_a_declared_date_does_not_take_one_from_the_body(tmp_path):
    page = (
        "<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>"
        "<p>Armenia and Azerbaijan held talks in Geneva, the ministry said. The previous round was held on "
        "March 3, 2021 in Moscow and lasted for two days of long negotiations between the delegations.</p>"
        "<p>More text about the negotiations and the peace treaty being drafted by both sides now.</p></article></body></html>"
    )
    text = document_text(write(tmp_path / "page.html", page))
    assert "March 3, 2021" in text
    assert published_from_text(text, CUES.page) is None


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


@pytest.mark.parametrize(
    "header, expected",
    [
        # A date stamp in the headline's block, which the main-text extractor drops.
        ('<div class="cat">Politics <span class="dt">23:40 06.04.2024</span></div>', "2024-04-06"),
        # A repost's note under the headline gives the original's date.
        (
            '<p class="note"><em>This article originally appeared in the Daily on August 23, 2024.</em></p>',
            "2024-08-23",
        ),
    ],
)
def test_html_date_stamp_beside_the_headline_survives_decoding(tmp_path, header, expected):
    page = (
        "<html><head><title>Talks in Geneva</title></head><body>"
        "<aside><ul><li>Older story <span>01.01.2020 10:00</span></li></ul></aside><article>"
        f"<h1>Talks in Geneva</h1>{header}"
        "<p>Armenia and Azerbaijan held talks in Geneva, the ministry said. The previous round was held on "
        "March 3, 2021 in Moscow and lasted for two days of long negotiations between the delegations.</p>"
        "<p>More text about the negotiations and the peace treaty being drafted by both sides now.</p></article></body></html>"
    )
    text = document_text(write(tmp_path / "page.html", page))
    assert published_from_text(text, CUES.page) == expected
    assert "01.01.2020" not in text
