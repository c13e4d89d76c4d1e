"""Decoding: a file's bytes to the article text every offset in the tables points into.

`document_text(path)` is deterministic: the dashboard calls it to show an article
and gets exactly the characters the build saw. Bytes are decoded whatever their
encoding (BOMs, UTF-8, UTF-16, the legacy code pages of the press peacetrack reads),
saved web pages are reduced to their main text and Markdown to plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UnreadableFile

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Limits, so that one stray file cannot exhaust memory or time. A news article is
# 5-100 KB of text and a saved web page 0.1-5 MB (pages saved as one file with
# their images inlined reach ~15 MB), so 16 MB of bytes admits every real page and
# is read in well under a second. What counts for the analysis is the text: spaCy
# refuses more than 1,000,000 characters (its `max_length`), which is ~150,000
# words, a book rather than an article, so longer texts are refused here, with
# the reason, instead of failing in the middle of the analysis.
MAX_BYTES = 16 * 1024 * 1024
MAX_CHARS = 1_000_000
MIN_HTML_WORDS = 10  # less than a sentence: a page of links, an index or an error page
# Legacy code pages worth guessing between for the press peacetrack reads:
# Western (cp1252 is a superset of Latin-1's printable range), Cyrillic (Windows
# and KOI8-R) and Turkish. Letting the detector roam over every code page makes it
# read short Latin-1 text as Central European ("Genève" -> "Genčve").
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_r", "cp1254")


def decode(raw: bytes) -> str:
    """Bytes to text: BOMs honoured, UTF-8 first, then UTF-16 without BOM, then the
    likeliest legacy code page.

    Line endings become "\\n" and NUL bytes are refused, so offsets are stable.
    """
    if not raw.strip():
        raise UnreadableFile("empty file")
    text = _decode_by_bom(raw)
    if text is None:
        text = _utf16_without_bom(raw)
    if text is None:
        if b"\x00" in raw[:4096]:
            raise UnreadableFile("binary file (NUL bytes), not text")
        text = _decode_utf8(raw)
    if text is None:
        text = _decode_legacy(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if _looks_binary(text):
        raise UnreadableFile("binary file, not text")
    if not text.strip():
        raise UnreadableFile("empty file")
    return text


def _decode_by_bom(raw: bytes) -> str | None:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without a BOM (some Windows tools): text in Latin or Cyrillic
    script has a NUL or a small high byte in every other byte. Binary data does not."""
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    evens, odds = sample[0::2], sample[1::2]
    for encoding, high in (("utf-16-le", odds), ("utf-16-be", evens)):
        if sum(1 for b in high if b in (0, 4)) >= 0.9 * len(high):  # U+00xx and U+04xx (Cyrillic)
            text = raw[: len(raw) // 2 * 2].decode(encoding, errors="replace")
            return text if not _looks_binary(text) else None
    return None


def _decode_utf8(raw: bytes) -> str | None:
    """UTF-8, also when a few bytes are broken (a truncated download, one pasted
    Latin-1 character): if most non-ASCII characters decode, the file is UTF-8 and the
    broken bytes become U+FFFD. A file in a legacy code page decodes to almost nothing."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    decoded = sum(1 for ch in text if ord(ch) > 127) - broken
    return text if decoded >= 2 * broken else None


def _decode_legacy(raw: bytes) -> str:
    """The likeliest of LEGACY_ENCODINGS; a word mixing Latin and Cyrillic letters
    ("cafй") means the guess was wrong, so the code page with fewest such words wins."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise UnreadableFile(
            "not text in any known encoding (tried UTF-8, UTF-16, " + ", ".join(LEGACY_ENCODINGS) + ")"
        )
    text = str(best)
    if _mixed_script_words(text):
        options = [text] + [raw.decode(e, errors="replace") for e in LEGACY_ENCODINGS]
        text = min(options, key=_mixed_script_words)
    return text


_LATIN_CYRILLIC = re.compile(r"\b(?=\w*[a-zA-Z\u00c0-\u024f])(?=\w*[\u0400-\u04ff])\w+\b")


def _mixed_script_words(text: str) -> int:
    return len(_LATIN_CYRILLIC.findall(text))


# Control characters other than the layout ones (\t \n \v \f \r), and U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    control = len(_CONTROL.findall(sample))
    return control > max(8, len(sample) // 50)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing files over MAX_BYTES without reading them whole
    (the size is checked on what is read, so a file growing meanwhile is caught too)."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_large(max(Path(path).stat().st_size, len(raw)))
    return raw


def _too_large(size: int) -> UnreadableFile:
    return UnreadableFile(f"file too large ({size / 2**20:.0f} MB > {MAX_BYTES / 2**20:.0f} MB limit)")


def document_text(path: Path) -> str:
    """The article text of a file, as the build saw it (HTML reduced to its main text)."""
    path = Path(path)
    return text_of(file_bytes(path), path.suffix)


def file_bytes(path: Path) -> bytes:
    """The bytes of an article file, refused (UnreadableFile) when the file is too large."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise _too_large(path.stat().st_size)
    return read_bytes(path)


def text_of(raw: bytes, suffix: str) -> str:
    """The article text of a file's bytes (`suffix` says how it is written: ".html", ".md", ...):
    what `document_text` gives for the file, for bytes read elsewhere (another process, machine)."""
    if len(raw) > MAX_BYTES:
        raise _too_large(len(raw))
    text = decode(raw)
    if suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    elif suffix.lower() in (".md", ".markdown"):
        text = markdown_to_text(text)
    if not text.strip():
        raise UnreadableFile("no article text found")
    if len(text) > MAX_CHARS:
        raise UnreadableFile(f"text too long ({len(text):,} characters > {MAX_CHARS:,} limit); not a single article?")
    return text


def html_to_text(html: str) -> str:
    """The main text of a saved web page, navigation and furniture dropped (trafilatura).

    The page's title and its declared publication date (from its metadata, not
    guessed from the body: `extensive=False`, or a date the article reports would
    become the publication date) head the text, as a news page shows them.
    """
    import trafilatura

    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=False
    )
    title = trafilatura.extract_metadata(html, extensive=False)
    head = title.title.strip() + "\n" if title is not None and title.title else ""
    if not extracted or len(extracted.split()) < MIN_HTML_WORDS:
        # trafilatura falls back to any text at all, so a page of links yields "Home".
        raise UnreadableFile(f"HTML page with no main text ({len((extracted or '').split())} words found)")
    if title is not None and title.date:
        stamps = [title.date]
    else:
        stamps = headline_stamps(html, extracted)
    return head + "".join(line + "\n" for line in stamps) + extracted


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BLOCKS = ("p", "div", "li", "ul", "ol", "table", "section", "article", "figure", "h1", "h2", "h3")
_PICTURES = ("figure", "figcaption", "picture", "img")
MAX_STAMPS = 2
MAX_STAMP_WORDS = 25


def headline_stamps(html: str, main_text: str) -> list[str]:
    """Short lines with a year between the headline and the main text, in the headline's
    own block (a kicker's time stamp, a repost's note under the title), which the
    main-text extractor drops.

    Only the headline's block is read, and only up to the first line of `main_text`:
    lists of other stories elsewhere on the page carry their own dates, and a
    picture's caption dates the picture. Which of these lines, if any, gives the
    publication date is published.py's choice, as for any other text.
    """
    import lxml.html

    try:
        page = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    headline = next(iter(page.iter("h1")), None)
    block = headline.getparent() if headline is not None else None
    if headline is None or block is None:
        return []
    main = " ".join(main_text.split())
    found: list[str] = []
    for sibling in block:
        if sibling is headline or not isinstance(sibling.tag, str) or sibling.tag in _PICTURES:
            continue
        whole = " ".join(sibling.text_content().split())
        if whole and whole[:60] in main:
            break  # the main text has begun
        for element in sibling.iter():
            if not isinstance(element.tag, str) or element.tag in _PICTURES:
                continue
            if any(child.tag in _BLOCKS for child in element.iterdescendants()):
                continue  # read the innermost block only, once
            line = " ".join(element.text_content().split())
            if _YEAR.search(line) and len(line.split()) <= MAX_STAMP_WORDS and line not in found:
                found.append(line)
                break
    return found[:MAX_STAMPS]


_MD_MARKUP = [
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),
    (re.compile(r"^\s*>\s?", re.M), ""),
]


def markdown_to_text(md: str) -> str:
    """Markdown with its markup removed, so sentences read as plain text."""
    for pattern, replacement in _MD_MARKUP:
        md = pattern.sub(replacement, md)
    return md


def non_blank_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every non-blank line."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def skip_reason(error: Exception) -> str:
    """Why a file was skipped, in words a user can act on."""
    if isinstance(error, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(error, OSError):
        return f"cannot be read ({error.strerror or error})"
    return str(error) or error.__class__.__name__
