"""The manifest: what an analyst records about each article when collecting it.

`manifest.csv` has the columns `doc_id,published,source,url,title`; any but `doc_id`
may be blank. Spreadsheets in many locales write semicolons or tabs, and rows go
wrong in every way a hand-kept file can: each bad row costs only itself (or only its
date), and is reported.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from .decoding import SUFFIXES, decode, read_bytes, skip_reason
from .errors import UnreadableFile

ManifestRow = Mapping[str, str | None]  # column -> cell, blank cells as None

MANIFEST_COLUMNS = ("doc_id", "published", "source", "url", "title")
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def read_manifest(path: Path | None) -> tuple[dict[str, ManifestRow], list[str]]:
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
    rows: dict[str, ManifestRow] = {}
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
        doc_id = row["doc_id"]
        assert doc_id is not None, "a row without a doc_id was refused above"
        if doc_id in rows:
            problems.append(f"{where} line {line_no}: doc_id {doc_id!r} listed again, the first row is used")
            continue
        rows[doc_id] = row
    return rows, problems


def _delimiter(header_line: str) -> str:
    """Comma, or the semicolon or tab that spreadsheets in many locales write instead."""
    for delimiter in (",", ";", "\t"):
        if "doc_id" in [cell.strip().lower() for cell in header_line.split(delimiter)]:
            return delimiter
    return ","


def _manifest_row(
    cells: dict[str, str] | None, n_cells: int, n_columns: int
) -> tuple[dict[str, str | None] | None, str | None]:
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
