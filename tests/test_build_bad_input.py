"""The build on real, messy corpora: every bad file gets a reason and costs only itself.

Each test builds a tiny input folder in tmp_path and states one behaviour of
`data_prep.pipeline.build` (and the CLI) a user can rely on.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from data_prep import cli, decoding, pipeline
from data_prep.decoding import document_text
from data_prep.errors import NothingToBuild
from data_prep.pipeline import build
from data_prep.reading import sha256

TALKS = (
    "Armenia and Azerbaijan resume talks in Washington\n\n"
    "The foreign ministers of Armenia and Azerbaijan, Ararat Mirzoyan and Jeyhun Bayramov, held talks in Washington on Tuesday.\n\n"
    "Both sides said progress had been made on the text of a peace treaty, the State Department said.\n"
)
OTHER = (
    "Aliyev and Pashinyan meet in Granada\n\n"
    "Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan met in Granada on Thursday, mediated by the European Union.\n"
)
THIRD = (
    "Talks in Almaty\n\nArmenia and Azerbaijan held talks in Almaty on Friday, hosted by Kazakhstan, officials said.\n"
)


@pytest.fixture(autouse=True)
def reuse_knowledge(monkeypatch, knowledge):
    """Loading the codebook and its matchers takes seconds; every build in this module shares one."""
    monkeypatch.setattr(pipeline.Knowledge, "load", classmethod(lambda cls, codebook=None: knowledge))


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def skipped(report) -> dict[str, str]:
    """{file name relative to nothing: reason} of a build report."""
    return {os.path.basename(s["path"]): s["reason"] for s in report.skipped}


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(parent) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


# --- mixed corpora --------------------------------------------------------------------


def test_good_files_are_built_and_each_bad_file_is_skipped_with_its_reason(tmp_path):
    src = tmp_path / "in"
    write(src / "good.txt", TALKS)
    write(src / "empty.txt", b"")
    write(src / "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000))
    write(src / "page.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1
    reasons = skipped(report)
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["picture.txt"]
    assert "no main text" in reasons["page.html"]


def test_legacy_encodings_are_decoded_and_their_words_survive(tmp_path):
    src = tmp_path / "in"
    write(src / "ru.txt", (THIRD + "Переговоры прошли в Алматы.\n").encode("cp1251"))
    write(src / "u16.txt", (OTHER + "Встреча в Гранаде.\n").encode("utf-16"))
    write(src / "latin.txt", (TALKS + "Le café à Genève.\n").encode("latin-1"))
    report = build(src, tmp_path / "out")
    assert report.skipped == [] and report.documents_read == 3
    assert "Переговоры" in document_text(src / "ru.txt")
    assert "Гранаде" in document_text(src / "u16.txt")
    assert "café à Genève" in document_text(src / "latin.txt")


def test_html_markdown_and_sub_folders_are_read_with_folder_prefixed_unique_ids(tmp_path):
    src = tmp_path / "in"
    write(src / "2023" / "tass" / "a1.txt", TALKS)
    write(src / "2023" / "reuters" / "a1.txt", OTHER)  # same name, other folder
    write(
        src / "notes.md",
        "# Talks in Almaty\n\nArmenia and **Azerbaijan** held talks in [Almaty](https://x.kz) on Friday, hosted by Kazakhstan.\n",
    )
    write(
        src / "page.html",
        "<html><head><title>Talks in Granada</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Talks in Granada</h1><p>"
        + OTHER.split("\n\n")[1]
        + "</p><p>The sides agreed to meet again soon, "
        "the statement issued after the meeting by both foreign ministries said.</p></article>"
        "<footer>Privacy policy | Contact us</footer></body></html>",
    )
    write(
        src / "manifest.csv",
        "doc_id,published,source\n2023/tass/a1,2023-11-17,TASS\na1,2023-11-18,Someone\nnotes,2024-05-10,Blog\n",
    )
    build(src, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert sorted(docs.index) == ["2023/reuters/a1", "2023/tass/a1", "notes", "page"]
    assert docs.loc["2023/tass/a1", "source"] == "TASS" and docs.loc["2023/tass/a1", "published"] == "2023-11-17"
    assert docs.loc["2023/reuters/a1", "source"] == "Someone"  # matched by file name
    assert docs.loc["notes", "published"] == "2024-05-10"
    assert "Privacy" not in document_text(src / "page.html") and "Home" not in document_text(src / "page.html")
    for _doc_id, row in docs.iterrows():  # the stored path gives back exactly the text the build saw
        assert sha256(document_text(row["path"])) == row["sha256"]


def test_files_differing_only_in_extension_both_become_documents(tmp_path):
    src = tmp_path / "in"
    write(src / "x.txt", TALKS)
    write(src / "x.md", OTHER)
    build(src, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert sorted(docs["doc_id"]) == ["x.md", "x.txt"]


def test_a_50_mb_file_is_refused_quickly_with_its_size(tmp_path):
    src = tmp_path / "in"
    write(src / "good.txt", TALKS)
    with open(src / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk and no time
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1
    assert "too large (50 MB" in skipped(report)["huge.txt"]


def test_a_50_mb_file_of_real_text_is_refused_too(tmp_path):
    src = tmp_path / "in"
    write(src / "good.txt", TALKS)
    line = b"Armenia and Azerbaijan held talks in Washington on Tuesday, officials said.\n"
    write(src / "dump.txt", line * (50 * 1024 * 1024 // len(line) + 1))
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1 and "too large" in skipped(report)["dump.txt"]


def test_a_file_that_vanishes_after_listing_is_skipped_and_the_rest_built(tmp_path, monkeypatch):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(src / "b.txt", OTHER)
    write(src / "c.txt", THIRD)
    listed = pipeline.iter_input_files

    def list_then_delete(folder):
        files = listed(folder)
        (src / "b.txt").unlink()
        return files

    monkeypatch.setattr(pipeline, "iter_input_files", list_then_delete)
    report = build(src, tmp_path / "out")
    assert report.documents_read == 2
    assert skipped(report) == {"b.txt": "file vanished before it could be read"}


def test_a_file_that_cannot_be_opened_is_skipped_with_the_reason(tmp_path, monkeypatch):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(src / "locked.txt", OTHER)
    real = decoding.read_bytes

    def read_bytes(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(decoding, "read_bytes", read_bytes)
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1 and skipped(report) == {"locked.txt": "permission denied"}


def test_an_article_whose_analysis_fails_is_skipped_and_the_rest_built(tmp_path, monkeypatch):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(src / "b.txt", OTHER)
    real = pipeline.analyse_article

    def analyse_article(article, knowledge):
        if article.doc_id == "a":
            raise IndexError("boom")
        return real(article, knowledge)

    monkeypatch.setattr(pipeline, "analyse_article", analyse_article)
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1
    assert skipped(report) == {"a.txt": "analysis failed (IndexError: boom)"}


def test_an_article_whose_events_break_the_table_contract_costs_only_itself(tmp_path):
    """Were two events of one article to get the same event_id, the article would be
    skipped with the reason (check_offsets) instead of failing the whole build."""
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(
        src / "b.txt",
        "Two rounds\n\nMirzoyan and Bayramov held talks in Washington in May and negotiations in Almaty in June.\n",
    )
    report = build(src, tmp_path / "out")
    docs = set(pd.read_parquet(tmp_path / "out" / "documents.parquet")["doc_id"])
    assert "a" in docs
    assert "b" in docs or "duplicate event id" in skipped(report)["b.txt"]


def test_duplicate_articles_become_one_document(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(src / "copy of a.txt", TALKS)
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1
    assert skipped(report) == {"copy of a.txt": "duplicate of a (same text)"}
    assert list(pd.read_parquet(tmp_path / "out" / "documents.parquet")["doc_id"]) == ["a"]


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_report_still_written(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    try:
        write(src / os.fsdecode(b"caf\xe9.txt"), OTHER)
    except (OSError, UnicodeError):
        pytest.skip("file system does not allow non-UTF-8 names")
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1
    (entry,) = report.skipped
    assert "not valid UTF-8" in entry["reason"] and entry["path"].endswith("caf\\xe9.txt")
    assert json.loads((tmp_path / "out" / "build_report.json").read_text(encoding="utf-8"))["skipped"] == [entry]


# --- manifest ----------------------------------------------------------------------------


def test_unreadable_manifest_rows_are_notes_and_the_build_goes_on(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(src / "b.txt", OTHER)
    write(src / "c.txt", THIRD)
    write(
        src / "manifest.csv",
        "doc_id,published,source,url,title\n"
        "a,2023-11-17,TASS,,\n"
        "b,2023-11-17,TASS,http://x,Title,EXTRA\n"  # wrong column count
        "c,2023-13-45,Reuters,,\n"  # not a date
        ",2023-11-17,Nobody,,\n"  # no doc_id
        "zz,2023-11-17,Nobody,,\n",  # names no file
    )
    report = build(src, tmp_path / "out")
    assert report.documents_read == 3 and report.skipped == []
    notes = "\n".join(report.notes)
    assert "line 3: 6 fields where the header has 5" in notes
    assert "line 4: published '2023-13-45'" in notes
    assert "line 5: no doc_id" in notes
    assert "1 row(s) match no input file: 'zz'" in notes
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert docs.loc["a", "source"] == "TASS" and docs.loc["c", "source"] == "Reuters"
    assert docs.loc["c", "published_basis"] != "manifest"


def test_an_undecodable_manifest_is_a_note_and_the_build_goes_on(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    write(src / "manifest.csv", b"\x00\x01\x02\x03" * 100)
    report = build(src, tmp_path / "out")
    assert report.documents_read == 1
    assert any("manifest" in n and "ignored" in n for n in report.notes)


def test_a_manifest_given_but_missing_is_a_note(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", TALKS)
    report = build(src, tmp_path / "out", manifest=tmp_path / "nope.csv")
    assert any("manifest not found" in n for n in report.notes)


# --- the report ---------------------------------------------------------------------------


def test_build_report_json_and_printed_summary_list_every_skipped_file_and_why(tmp_path, capsys):
    src = tmp_path / "in"
    write(src / "good.txt", TALKS)
    write(src / "empty.txt", b"   \n")
    write(src / "resent.txt", TALKS)  # listed after good.txt
    write(src / "manifest.csv", "doc_id,published\ngood,someday\n")
    assert cli.main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    printed = capsys.readouterr().out
    saved = json.loads((tmp_path / "out" / "build_report.json").read_text(encoding="utf-8"))
    assert saved["documents_read"] == 1
    assert {os.path.basename(s["path"]): s["reason"] for s in saved["skipped"]} == {
        "resent.txt": "duplicate of good (same text)",
        "empty.txt": "empty file",
    }
    assert any("'someday'" in n for n in saved["notes"])
    assert "skipped: 2" in printed
    assert f"{src / 'empty.txt'}: empty file" in printed and f"{src / 'resent.txt'}: duplicate of good" in printed
    assert "note: manifest" in printed and "'someday'" in printed


# --- the previous build is safe ---------------------------------------------------------------


@pytest.fixture
def previous_build(tmp_path):
    """A folder of tables from an earlier, good build, and its files' bytes."""
    src = tmp_path / "old_in"
    write(src / "a.txt", TALKS)
    out = tmp_path / "out"
    build(src, out)
    return out, snapshot(out)


def test_a_failure_while_writing_tables_leaves_the_previous_build_intact(tmp_path, monkeypatch, previous_build):
    out, before = previous_build
    write(tmp_path / "in" / "b.txt", OTHER)
    real, calls = pd.DataFrame.to_parquet, []

    def to_parquet(self, *args, **kwargs):
        calls.append(args)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", to_parquet)
    with pytest.raises(OSError, match="No space left"):
        build(tmp_path / "in", out)
    assert len(calls) == 2  # it failed midway, after writing the first table
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_a_failure_while_assembling_leaves_the_previous_build_intact(tmp_path, monkeypatch, previous_build):
    out, before = previous_build
    write(tmp_path / "in" / "b.txt", OTHER)

    def assemble_tables(*args, **kwargs):
        raise RuntimeError("bug in assemble")

    monkeypatch.setattr(pipeline, "assemble_tables", assemble_tables)
    with pytest.raises(RuntimeError):
        build(tmp_path / "in", out)
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_nothing_readable_raises_and_leaves_the_previous_build_intact(tmp_path, previous_build):
    out, before = previous_build
    src = tmp_path / "in"
    write(src / "empty.txt", b"")
    write(src / "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + os.urandom(500))
    with pytest.raises(NothingToBuild) as raised:
        build(src, out)
    message = str(raised.value)
    assert "empty.txt: empty file" in message and "picture.txt: binary" in message
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_an_empty_or_missing_input_folder_is_nothing_to_build(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(NothingToBuild):
        build(tmp_path / "in", tmp_path / "out")
    with pytest.raises(NothingToBuild, match="not found"):
        build(tmp_path / "missing", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cli_exits_non_zero_only_when_nothing_could_be_built(tmp_path, capsys):
    src = tmp_path / "in"
    write(src / "empty.txt", b"")
    assert cli.main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "empty.txt: empty file" in capsys.readouterr().err
    write(src / "good.txt", TALKS)
    assert cli.main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert "skipped: 1" in capsys.readouterr().out
