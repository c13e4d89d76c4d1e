"""Reading: files to article texts, with their metadata, furniture and publication date.

A document's text is what every offset in the tables points into, so
`document_text(path)` is deterministic: the dashboard calls it to show an article
and gets exactly the characters the build saw.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from datetime import date

from .dates import MONTHS, WEEKDAYS, find_dates, is_date_stamp, resolve

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024


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
    """Article files below `input_dir`, in a stable order; folders are walked."""
    input_dir = Path(input_dir)
    return sorted(p for p in input_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


def doc_id_for(path: Path, input_dir: Path) -> str:
    """File name without extension; files in sub-folders keep their folder as a prefix."""
    relative = Path(path).relative_to(input_dir).with_suffix("")
    return "/".join(relative.parts)


def decode(raw: bytes) -> str:
    """Bytes to text: BOMs honoured, UTF-8 first, then the likeliest legacy encoding.

    Line endings become "\\n" and NUL bytes are refused, so offsets are stable.
    """
    if not raw.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            text = raw.decode(encoding, errors="replace")
            break
    else:
        if b"\x00" in raw[:4096]:
            raise UnreadableFile("binary file (NUL bytes), not text")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if _looks_binary(text):
        raise UnreadableFile("binary file, not text")
    return text


def _decode_legacy(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise UnreadableFile("not text in any known encoding")
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return control > max(8, len(sample) // 50)


def document_text(path: Path) -> str:
    """The article text of a file, as the build saw it (HTML reduced to its main text)."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableFile(f"file too large ({size / 1e6:.0f} MB > {MAX_BYTES / 1e6:.0f} MB)")
    text = decode(path.read_bytes())
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    elif path.suffix.lower() in (".md", ".markdown"):
        text = markdown_to_text(text)
    if not text.strip():
        raise UnreadableFile("no article text found")
    return text


def html_to_text(html: str) -> str:
    """The main text of a saved web page, navigation and furniture dropped (trafilatura)."""
    import trafilatura

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=False)
    title = trafilatura.extract_metadata(html)
    head = title.title.strip() + "\n" if title is not None and title.title else ""
    date_line = title.date + "\n" if title is not None and title.date else ""
    if not extracted:
        raise UnreadableFile("HTML page with no main text")
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
_PUBLISHED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def read_manifest(path: Path | None) -> tuple[dict[str, dict], list[str]]:
    """Rows of manifest.csv by doc_id, and a message for each row that was unusable."""
    if path is None or not Path(path).exists():
        return {}, []
    problems: list[str] = []
    rows: dict[str, dict] = {}
    try:
        text = decode(Path(path).read_bytes())
    except UnreadableFile as error:
        return {}, [f"manifest {path}: {error}"]
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "doc_id" not in reader.fieldnames:
        return {}, [f"manifest {path}: no doc_id column"]
    for line_no, row in enumerate(reader, start=2):
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id or None in row:
            problems.append(f"manifest {path} line {line_no}: unreadable row, ignored")
            continue
        clean = {key: (row.get(key) or "").strip() or None for key in MANIFEST_COLUMNS}
        if clean["published"] and not _PUBLISHED.match(clean["published"]):
            problems.append(f"manifest {path} line {line_no}: published {clean['published']!r} is not YYYY-MM-DD or YYYY-MM, ignored")
            clean["published"] = None
        rows[doc_id] = clean
    return rows, problems


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
        if offset > len(text) * 0.4 and len(_WORD.findall(lowered)) <= 6 and any(lowered.startswith(m) for m in markers):
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
            for (offset, line), (_, following) in zip(block, block[1:]):
                if not is_date_stamp(line) and is_date_stamp(following):
                    start = offset
                    break
        cut = min(cut, start)
    return cut


# --- publication date -----------------------------------------------------------

_CAPTION = re.compile(r"\b(photo|photograph|AFP|Getty|Reuters|AP|AA|file picture|image)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,30},\s")
_DATELINE_PLACE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2}),\s")
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
        if _DATELINE.match(line):
            found = _first_full_date(line[:80]) or _dateline_without_year(line, head)
            if found:
                return found
    for _, line in lines[:8]:
        if _CAPTION.search(line) and len(line) < 400:
            found = _first_full_date(line)
            if found:
                return found
    return None


def _dateline_without_year(paragraph: str, text: str) -> str | None:
    """'WASHINGTON, Nov 7 (Agency) – ... on Monday': wire datelines omit the year, so
    take the latest year, not after today nor before the year the article mentions
    most, in which that day fell on the weekday the paragraph names."""
    mentions = find_dates(paragraph[:60])
    day_month = next((m for m in mentions if m.kind in ("month_day", "day_month")), None)
    weekday = next((m for m in find_dates(paragraph) if m.kind == "weekday"), None)
    if day_month is None or weekday is None:
        return None
    month, day = MONTHS[day_month.groups["month"].rstrip(".").lower()], int(day_month.groups["day"])
    wanted = WEEKDAYS[weekday.groups["weekday"].lower()]
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text)]
    today = date.today()
    past_years = [y for y in years if y <= today.year]
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


def read_article(path: Path, input_dir: Path, manifest: dict[str, dict], markers: list[str]) -> Article:
    """One file to an Article; raises UnreadableFile with the reason when it cannot."""
    text = document_text(path)
    doc_id = doc_id_for(path, input_dir)
    meta = manifest.get(doc_id) or manifest.get(Path(path).stem) or {}
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
