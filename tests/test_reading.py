"""Reading: a folder of files to Articles with unique ids, their manifest rows and metadata."""

from __future__ import annotations

import os

import pytest
from conftest import BODY, CUES, write

from data_prep.errors import UnreadableFile
from data_prep.reading import doc_id_for, doc_ids_for, iter_input_files, read_article


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


def test_symlinked_files_are_read_but_symlinked_folders_and_broken_links_are_not(tmp_path):
    write(tmp_path / "elsewhere" / "a.txt", "x")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked.txt").symlink_to(tmp_path / "elsewhere" / "a.txt")
    (tmp_path / "in" / "folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "in" / "broken.txt").symlink_to(tmp_path / "missing.txt")
    assert [p.name for p in iter_input_files(tmp_path / "in")] == ["linked.txt"]


def test_doc_id_of_a_file_outside_the_input_folder_is_refused(tmp_path):
    with pytest.raises(ValueError):
        doc_id_for(tmp_path / "a.txt", tmp_path / "in")


def test_doc_id_keeps_the_sub_folder_as_a_prefix(tmp_path):
    assert doc_id_for(tmp_path / "2024" / "tass" / "a1.txt", tmp_path) == "2024/tass/a1"
    assert doc_id_for(tmp_path / "a1.txt", tmp_path) == "a1"


def test_doc_ids_are_unique_when_two_files_differ_only_in_extension(tmp_path):
    files = [tmp_path / "x.md", tmp_path / "x.txt", tmp_path / "sub" / "x.txt", tmp_path / "y.txt"]
    ids = doc_ids_for(files, tmp_path)
    assert ids == {files[0]: "x.md", files[1]: "x.txt", files[2]: "sub/x", files[3]: "y"}


@pytest.mark.parametrize(
    ("folder", "file"),
    [
        ("in", "in/a.txt"),
        ("in", "in/2024/tass/a1.html"),
        ("/data/in", "/data/in/a.b.txt"),
        ("/data/in", "/data/in/.x/README"),
        (".", "a.txt"),
        ("/", "/a.txt"),
        ("in", "in/../in/a.txt"),
    ],
)
def test_doc_ids_read_from_the_paths_text_are_those_their_parts_give(folder, file):
    from pathlib import Path

    ids = doc_ids_for([Path(file)], Path(folder))
    assert ids == {Path(file): doc_id_for(Path(file), Path(folder))}


def test_a_file_name_that_is_not_utf8_is_refused_with_a_reason(tmp_path):
    try:
        path = tmp_path / os.fsdecode(b"caf\xe9.txt")
        path.write_text(BODY)
    except (OSError, UnicodeError):
        pytest.skip("file system does not allow non-UTF-8 names")
    with pytest.raises(UnreadableFile, match="not valid UTF-8"):
        read_article(path, tmp_path, {}, CUES)


def test_manifest_matches_files_in_sub_folders_by_path_or_by_name(tmp_path):
    write(tmp_path / "in" / "tass" / "a1.txt", BODY)
    write(tmp_path / "in" / "b2.txt", BODY.replace("Tuesday", "Monday"))
    manifest = {"tass/a1": {"source": "TASS", "published": "2023-11-17"}, "b2": {"source": "Reuters"}}
    a1 = read_article(tmp_path / "in" / "tass" / "a1.txt", tmp_path / "in", manifest, CUES)
    assert (
        a1.doc_id == "tass/a1"
        and a1.source == "TASS"
        and a1.published == "2023-11-17"
        and a1.published_basis == "manifest"
    )
    by_name = read_article(tmp_path / "in" / "tass" / "a1.txt", tmp_path / "in", {"a1": {"source": "TASS"}}, CUES)
    assert by_name.source == "TASS"
