"""Reading: a folder of files to `Article`s, with their metadata, furniture and publication date.

The I/O side of the build: the per-article stages start from the `Article` this
module makes and never touch a file. The parts of reading live beside it:
decoding.py (bytes to text), manifest.py (metadata an analyst recorded),
furniture.py (where the page around the article begins) and published.py (the
publication date and dateline the text shows).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path

from .cues import Cues
from .decoding import SUFFIXES, document_text, non_blank_lines, text_of
from .errors import UnreadableFile
from .furniture import furniture_start
from .manifest import ManifestRow
from .page_stamps import url_date
from .published import dateline_place, published_from_text
from .record import Article

__all__ = [
    "Article",
    "UnreadableFile",
    "article_from_bytes",
    "article_from_text",
    "doc_id_for",
    "doc_ids_for",
    "document_text",
    "iter_input_files",
    "manifest_entry",
    "read_article",
    "sha256",
]


def iter_input_files(input_dir: Path) -> list[Path]:
    """Article files below `input_dir`, in a stable order.

    Sub-folders are walked, but not hidden ones (.git, .ipynb_checkpoints, the
    build's own staging folders) and not symlinked folders, which can loop.
    """
    input_dir = Path(input_dir)
    found: list[Path] = []
    folders = [str(input_dir)]
    while folders:  # os.walk's walk, keeping scandir's entries: their types need no stat per file
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue  # an unreadable sub-folder is passed over, as os.walk does
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif _suffix(entry.name).lower() in SUFFIXES and entry.is_file():
                found.append(Path(entry.path))
    return sorted(found)


def _suffix(name: str) -> str:
    """A file name's extension, as `Path(name).suffix` gives it, without making a Path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def doc_id_for(path: Path, input_dir: Path, keep_suffix: bool = False) -> str:
    """File name without extension; files in sub-folders keep their folder as a prefix
    ("2024/tass/a1"), joined with "/" on every platform so ids are the same everywhere."""
    path, input_dir = Path(path), Path(input_dir)
    depth = len(input_dir.parts)
    if path.parts[:depth] != input_dir.parts:  # not below it by its parts: pathlib says why
        path.relative_to(input_dir)
    if len(path.parts) == depth:
        raise ValueError(f"{path} is the input folder itself, not a file in it")
    *folders, name = path.parts[depth:]
    if not keep_suffix:
        name = name[: len(name) - len(_suffix(name))]
    return "/".join((*folders, name))


def doc_ids_for(files: list[Path], input_dir: Path) -> dict[Path, str]:
    """A unique doc_id for each file: "a" for a.txt, but "a.txt" and "a.html" when
    both exist, so two different articles never share an id (whichever is listed first)."""
    bare = {f: _bare_doc_id(f, input_dir) for f in files}
    stems = Counter(bare.values())
    return {f: doc_id_for(f, input_dir, keep_suffix=True) if stems[bare[f]] > 1 else bare[f] for f in files}


def _bare_doc_id(path: Path, input_dir: Path) -> str:
    """`doc_id_for(path, input_dir)`, read from the paths' text where it can be (a Path's text
    is its parts joined by the separator): making Paths of their parts costs more than
    listing the files."""
    folder = str(input_dir)
    text = str(path)
    if folder in (".", os.sep) or not text.startswith(folder + os.sep) or len(text) == len(folder) + 1:
        return doc_id_for(path, input_dir)
    *folders, name = text[len(folder) + 1 :].split(os.sep)
    return "/".join((*folders, name[: len(name) - len(_suffix(name))]))


def check_file_name(doc_id: str) -> None:
    """Refuse names that cannot be stored or shown: bytes that are not UTF-8 (names
    from foreign archives) or control characters (a newline inside a name)."""
    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        raise UnreadableFile("file name is not valid UTF-8; rename the file") from None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in doc_id):
        raise UnreadableFile("file name contains control characters; rename the file")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_entry(manifest: Mapping[str, ManifestRow], doc_id: str, path: Path, input_dir: Path) -> ManifestRow:
    """The manifest row for a file: by its doc_id, by its id without a disambiguating
    extension, or by its bare file name (manifests often list names, not folders)."""
    if doc_id in manifest:
        return manifest[doc_id]
    for key in (doc_id_for(path, input_dir), Path(path).stem):
        if key in manifest:
            return manifest[key]
    return {}


def manifest_keys(files: Iterable[Path], doc_ids: Mapping[Path, str], input_dir: Path) -> set[str]:
    """Every key by which a manifest row can name one of `files`."""
    return {key for f in files for key in (doc_ids[f], _bare_doc_id(f, input_dir), f.stem)}


def read_article(
    path: Path, input_dir: Path, manifest: Mapping[str, ManifestRow], cues: Cues, doc_id: str | None = None
) -> Article:
    """One file to an Article; raises UnreadableFile with the reason when it cannot
    (and OSError when the file cannot be opened: see `decoding.skip_reason`).

    `doc_id` is the id `doc_ids_for` gave the file (it differs from the file's own
    when two files share a name but not an extension)."""
    doc_id = doc_id or doc_id_for(path, input_dir)
    check_file_name(doc_id)
    text = document_text(path)
    return article_from_text(text, doc_id, Path(path), manifest_entry(manifest, doc_id, path, input_dir), cues)


def article_from_bytes(
    raw: bytes, doc_id: str, path: Path, meta: ManifestRow, cues: Cues, today: Callable[[], date] = date.today
) -> Article:
    """An Article from a file's bytes, read wherever the file is (another process or machine
    reads no file): what `read_article` gives for the file. Raises UnreadableFile."""
    check_file_name(doc_id)
    return article_from_text(text_of(raw, Path(path).suffix), doc_id, Path(path), meta, cues, today)


def article_from_text(
    text: str, doc_id: str, path: Path, meta: ManifestRow, cues: Cues, today: Callable[[], date] = date.today
) -> Article:
    """An Article from its text and manifest row: furniture, title and publication
    date found in the text (a file-free entry point, so tests can feed any text).
    `today` gives the build's date (see `published.published_from_text`)."""
    body_end = furniture_start(text, cues.furniture_markers, cues.furniture_headings, cues.furniture_lines)
    title = meta.get("title") or next((line.strip() for _, line in non_blank_lines(text)[:1]), None)
    published = meta.get("published")
    # The text's own date counts where the manifest gives none or only its month.
    needed = not published or len(published) == 7
    from_text = published_from_text(text, cues.page, body_end, today) if needed else None
    if published:
        basis = "manifest"
        if len(published) == 7 and from_text and from_text.startswith(published):
            published, basis = from_text, "text"  # the text knows the day of the manifest's month
    else:
        published, basis = from_text, "text" if from_text else "none"
    if not published and meta.get("url"):
        # Without a date in either, the manifest's web address may be filed by date.
        published = url_date(meta.get("url") or "")
        basis = "manifest" if published else "none"
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
        dateline=dateline_place(text[:body_end], cues.page),
    )
