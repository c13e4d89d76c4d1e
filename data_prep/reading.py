"""Reading: files to article texts, with their metadata, furniture and publication date.

A document's text is what every offset in the tables points into, so
`document_text(path)` is deterministic: the dashboard calls it to show an article
and gets exactly the characters the build saw.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dates import MONTHS, WEEKDAYS, find_dates, is_date_stamp, resolve

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
# Legacy code pages worth guessing between for the press peacetrack reads:
# Western (cp1252 is a superset of Latin-1's printable range), Cyrillic (Windows
# and KOI8-R) and Turkish. Letting the detector roam over every code page makes it
# read short Latin-1 text as Central European ("Genève" -> "Genčve").
MIN_HTML_WORDS = 10  # less than a sentence: a page of links, an index or an error page
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_r", "cp1254")


class UnreadableFile(ValueError):
    """A file that cannot be turned into article text; the message says why."""


@dataclass
class Article:
    doc_id: str
    path: Path
    text: str
    sha256: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str = "none"
    body_end: int = 0  # where page furniture begins (len(text) when there is none)
    dateline: tuple[str, int] | None = None  # (place, end of its paragraph)
    notes: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text[: self.body_end]


def iter_input_files(input_dir: Path) -> list[Path]:
    """Article files below `input_dir`, in a stable order.

    Sub-folders are walked, but not hidden ones (.git, .ipynb_checkpoints, the
    build's own staging folders) and not symlinked folders, which can loop.
    """
    input_dir = Path(input_dir)
    found = []
    for folder, subfolders, names in os.walk(input_dir):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found.extend(Path(folder) / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in SUFFIXES)
    return sorted(p for p in found if p.is_file())


def doc_id_for(path: Path, input_dir: Path, keep_suffix: bool = False) -> str:
    """File name without extension; files in sub-folders keep their folder as a prefix
    ("2024/tass/a1"), joined with "/" on every platform so ids are the same everywhere."""
    relative = Path(path).relative_to(input_dir)
    if not keep_suffix:
        relative = relative.with_suffix("")
    return "/".join(relative.parts)


def doc_ids_for(files: list[Path], input_dir: Path) -> dict[Path, str]:
    """A unique doc_id for each file: "a" for a.txt, but "a.txt" and "a.html" when
    both exist, so two different articles never share an id (whichever is listed first)."""
    stems = Counter(doc_id_for(f, input_dir) for f in files)
    return {f: doc_id_for(f, input_dir, keep_suffix=stems[doc_id_for(f, input_dir)] > 1) for f in files}


def check_file_name(doc_id: str) -> None:
    """Refuse names that cannot be stored or shown: bytes that are not UTF-8 (names
    from foreign archives) or control characters (a newline inside a name)."""
    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        raise UnreadableFile("file name is not valid UTF-8; rename the file") from None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in doc_id):
        raise UnreadableFile("file name contains control characters; rename the file")


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


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\t\f\v\r") or ch == "\ufffd")
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
    if path.stat().st_size > MAX_BYTES:
        raise _too_large(path.stat().st_size)
    text = decode(read_bytes(path))
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    elif path.suffix.lower() in (".md", ".markdown"):
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
    date_line = title.date + "\n" if title is not None and title.date else ""
    if not extracted or len(extracted.split()) < MIN_HTML_WORDS:
        # trafilatura falls back to any text at all, so a page of links yields "Home".
        raise UnreadableFile(f"HTML page with no main text ({len((extracted or '').split())} words found)")
    return head + date_line + extracted


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


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- manifest -------------------------------------------------------------------

MANIFEST_COLUMNS = ("doc_id", "published", "source", "url", "title")
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def read_manifest(path: Path | None) -> tuple[dict[str, dict], list[str]]:
    """Rows of manifest.csv by doc_id, and a message for each row that was unusable.

    A bad row costs only itself (the build goes on without its metadata); a manifest
    that cannot be read at all costs only the metadata, never the build.
    """
    if path is None or not Path(path).exists():
        return {}, []
    where = f"manifest {path}"
    try:
        text = decode(read_bytes(Path(path)))
    except (UnreadableFile, OSError) as error:
        return {}, [f"{where}: {skip_reason(error)}; manifest ignored"]
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    rows: dict[str, dict] = {}
    problems: list[str] = []
    reader = csv.reader(lines, delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if "doc_id" not in header:
        return {}, [f"{where}: no doc_id column in the first line; manifest ignored"]
    while True:
        line_no = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"{where} line {line_no}: unreadable row ({error}), ignored")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        row, problem = _manifest_row(
            dict(zip(header, cells)) if len(cells) == len(header) else None, len(cells), len(header)
        )
        if problem:
            problems.append(f"{where} line {line_no}: {problem}")
        if row is None:
            continue
        if row["doc_id"] in rows:
            problems.append(f"{where} line {line_no}: doc_id {row['doc_id']!r} listed again, the first row is used")
            continue
        rows[row["doc_id"]] = row
    return rows, problems


def _delimiter(header_line: str) -> str:
    """Comma, or the semicolon or tab that spreadsheets in many locales write instead."""
    for delimiter in (",", ";", "\t"):
        if "doc_id" in [cell.strip().lower() for cell in header_line.split(delimiter)]:
            return delimiter
    return ","


def _manifest_row(cells: dict | None, n_cells: int, n_columns: int) -> tuple[dict | None, str | None]:
    """One manifest row cleaned, or None with the reason it cannot be used; a bad
    date costs only the date."""
    if cells is None:
        return None, f"{n_cells} fields where the header has {n_columns}, row ignored"
    clean = {key: (cells.get(key) or "").strip() or None for key in MANIFEST_COLUMNS}
    if not clean["doc_id"]:
        return None, "no doc_id, row ignored"
    clean["doc_id"] = normalise_doc_id(clean["doc_id"])
    if clean["published"]:
        published = parse_published(clean["published"])
        if published is None:
            bad, clean["published"] = clean["published"], None
            return clean, f"published {bad!r} is not a date as YYYY-MM-DD or YYYY-MM, date ignored"
        clean["published"] = published
    return clean, None


def normalise_doc_id(value: str) -> str:
    """A manifest's doc_id as the build spells ids: "/" between folders, no "./",
    no file extension ("sub\\a1.txt" -> "sub/a1")."""
    value = value.strip().replace("\\", "/")
    while value.startswith("./"):
        value = value[2:]
    stem, dot, suffix = value.rpartition(".")
    return stem if dot and stem and "." + suffix.lower() in SUFFIXES else value


def parse_published(value: str) -> str | None:
    """'2023-11-17', '2023-11' or an ISO timestamp to 'YYYY-MM-DD'/'YYYY-MM'; None
    unless it is a real calendar date ('2023-13-45' is not)."""
    match = _PUBLISHED.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def manifest_entry(manifest: dict[str, dict], doc_id: str, path: Path, input_dir: Path) -> dict:
    """The manifest row for a file: by its doc_id, by its id without a disambiguating
    extension, or by its bare file name (manifests often list names, not folders)."""
    for key in (doc_id, doc_id_for(path, input_dir), Path(path).stem):
        if key in manifest:
            return manifest[key]
    return {}


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


# --- page furniture ---------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every non-blank line."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def furniture_start(text: str, markers: list[str]) -> int:
    """Where trailing page furniture begins: a list of headlines with date stamps,
    or a "Related news"-style marker in the second half; len(text) when there is none."""
    lines = _lines(text)
    cut = len(text)
    for offset, line in lines:
        lowered = line.strip().lower()
        if (
            offset > len(text) * 0.4
            and len(_WORD.findall(lowered)) <= 6
            and any(lowered.startswith(m) for m in markers)
        ):
            cut = min(cut, offset)
            break
    block: list[tuple[int, str]] = []
    below_is_stamp = False
    for offset, line in reversed(lines):
        words = len(_WORD.findall(line))
        stamp = is_date_stamp(line)
        # A headline over a date stamp may end in "U.S."; elsewhere a period ends prose.
        headline = words <= 16 and (below_is_stamp or not line.rstrip().endswith((".", ".\u201d", '."', ":")))
        if stamp or headline:
            block.append((offset, line))
            below_is_stamp = stamp
        else:
            break
    stamps = sum(1 for _, line in block if is_date_stamp(line))
    if block and (stamps >= 2 or len(block) >= 6):
        block.reverse()
        # The list starts at the first headline that is followed by a stamp (bylines above it stay).
        start = block[0][0]
        if stamps >= 2:
            for (offset, line), (_, following) in itertools.pairwise(block):
                if not is_date_stamp(line) and is_date_stamp(following):
                    start = offset
                    break
        cut = min(cut, start)
    return cut


# --- publication date -----------------------------------------------------------

_CAPTION = re.compile(r"\b(photo|photograph|AFP|Getty|Reuters|AP|AA|file picture|image)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,30},\s")
_DATELINE_PLACE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2}),\s")
_DATELINE_DATE_WITHIN = 30  # characters after "PLACE, " where a dateline's date must start
_FULL_DATES = ("iso", "dotted", "slashed", "month_day_year", "day_month_year")


def published_from_text(text: str, body_end: int | None = None) -> str | None:
    """The publication date a reader would take from the text itself, or None.

    Looks only where news pages put it: a date stamp among the first lines, a
    dateline opening the first paragraph, or a photo caption. Dates in the body
    are events, and dates after `body_end` are furniture: neither is used.
    """
    head = text[: body_end if body_end is not None else len(text)]
    lines = _lines(head)
    for _, line in lines[:6]:
        if is_date_stamp(line):
            return _first_full_date(line)
    for _, line in lines[:4]:
        match = _DATELINE.match(line)
        if match:
            # A dateline's date follows its place ("YEREVAN, 18 November 2023 (ARKA) -");
            # a date further on ("Armenia, which met ... on March 3, 2021") is news.
            opening = line[: match.end() + _DATELINE_DATE_WITHIN]
            found = _first_full_date(opening) or _dateline_without_year(line, head, len(opening))
            if found:
                return found
    for _, line in lines[:8]:
        if _CAPTION.search(line) and len(line) < 400:
            found = _first_full_date(line)
            if found:
                return found
    return None


def _dateline_without_year(paragraph: str, text: str, opening: int = 60) -> str | None:
    """'WASHINGTON, Nov 7 (Agency) – ... on Monday': wire datelines omit the year, so
    take the latest year, not after today nor before the year the article mentions
    most, in which that day fell on the weekday the paragraph names; without a weekday,
    the latest year the article mentions."""
    mentions = find_dates(paragraph[:opening])
    day_month = next((m for m in mentions if m.kind in ("month_day", "day_month")), None)
    weekday = next((m for m in find_dates(paragraph) if m.kind == "weekday"), None)
    if day_month is None:
        return None
    month, day = MONTHS[day_month.groups["month"].rstrip(".").lower()], int(day_month.groups["day"])
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text)]
    today = date.today()
    past_years = [y for y in years if y <= today.year]
    if weekday is None:
        # No weekday to check against: the latest year the article itself mentions.
        try:
            return date(max(past_years), month, day).isoformat() if past_years else None
        except ValueError:
            return None
    wanted = WEEKDAYS[weekday.groups["weekday"].lower()]
    earliest = max(set(past_years), key=lambda y: (past_years.count(y), y)) if past_years else 1990
    candidates = []
    for year in range(earliest, today.year + 1):
        try:
            if date(year, month, day).weekday() == wanted and date(year, month, day) <= today:
                candidates.append(year)
        except ValueError:
            continue
    if not candidates:
        return None
    year = candidates[-1]
    return date(year, month, day).isoformat()


def dateline_place(text: str) -> tuple[str, int] | None:
    """The place of a dateline ("GRANADA, Spain, Oct 5 (Agency) –") and where its paragraph ends."""
    for offset, line in _lines(text)[:4]:
        match = _DATELINE_PLACE.match(line)
        if match and find_dates(line[: match.end() + 25]):
            return match.group(1).title(), offset + len(line)
    return None


def _first_full_date(line: str) -> str | None:
    for mention in find_dates(line):
        if mention.kind in _FULL_DATES:
            resolved = resolve(mention, None)
            if resolved:
                return resolved.value
    return None


def read_article(
    path: Path, input_dir: Path, manifest: dict[str, dict], markers: list[str], doc_id: str | None = None
) -> Article:
    """One file to an Article; raises UnreadableFile with the reason when it cannot
    (and OSError when the file cannot be opened: see `skip_reason`).

    `doc_id` is the id `doc_ids_for` gave the file (it differs from the file's own
    when two files share a name but not an extension)."""
    doc_id = doc_id or doc_id_for(path, input_dir)
    check_file_name(doc_id)
    text = document_text(path)
    return article_from_text(text, doc_id, Path(path), manifest_entry(manifest, doc_id, path, input_dir), markers)


def article_from_text(text: str, doc_id: str, path: Path, meta: dict, markers: list[str]) -> Article:
    """An Article from its text and manifest row: furniture, title and publication
    date found in the text (a file-free entry point, so tests can feed any text)."""
    body_end = furniture_start(text, markers)
    title = meta.get("title") or next((line.strip() for _, line in _lines(text)[:1]), None)
    from_text = published_from_text(text, body_end)
    if meta.get("published"):
        published, basis = meta["published"], "manifest"
        if len(published) == 7 and from_text and from_text.startswith(published):
            published, basis = from_text, "text"  # the text knows the day of the manifest's month
    else:
        published, basis = from_text, "text" if from_text else "none"
    return Article(
        doc_id=doc_id,
        path=Path(path),
        text=text,
        sha256=sha256(text),
        title=title,
        source=meta.get("source"),
        url=meta.get("url"),
        published=published,
        published_basis=basis,
        body_end=body_end,
        dateline=dateline_place(text[:body_end]),
    )
