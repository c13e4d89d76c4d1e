"""The cue vocabulary: cues.json loads into a typed model that refuses unknown and
missing keys, every key is read by the code, and every key is documented."""

import json
from pathlib import Path

import pytest
from conftest import DEV, SEEDS
from pydantic import BaseModel

from data_prep import cues
from data_prep.assemble import build_tables
from data_prep.codebook import DEFAULT_DIR, load
from data_prep.cues import Cues, load_cues
from data_prep.errors import CodebookError
from data_prep.manifest import read_manifest
from data_prep.matchers import Knowledge
from data_prep.pipeline import BuildReport, analyse_article, read_articles
from data_prep.reading import doc_ids_for, iter_input_files

CUES_JSON = DEFAULT_DIR / "cues.json"


def key_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key of the model, nested ones as "section.key"."""
    paths = []
    for name, field in model.model_fields.items():
        paths.append(prefix + name)
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            paths += key_paths(annotation, f"{prefix}{name}.")
    return paths


def edited(tmp_path, change) -> Path:
    data = json.loads(CUES_JSON.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_cues_load():
    cues = load_cues(CUES_JSON)
    assert cues.talks.party_window_chars == 200 and "held" in cues.status_precedence


def test_every_key_is_read_when_the_seeds_and_the_dev_set_are_built(monkeypatch):
    """No key of cues.json is dead data: building the seeds and the dev set reads every
    one (the model records each field read; the codebook is loaded afresh so that the
    keys read while loading count too)."""
    read: set[tuple[str, str]] = set()
    original = cues._Strict.__getattribute__

    def recording(self, name):
        model = object.__getattribute__(self, "__class__")
        if name in model.model_fields:
            read.add((model.__name__, name))
        return original(self, name)

    monkeypatch.setattr(cues._Strict, "__getattribute__", recording)
    knowledge = Knowledge.load(load())
    records = []
    for folder, manifest in ((SEEDS, None), (DEV / "articles", DEV / "manifest.csv")):
        files = iter_input_files(folder)
        rows, _ = read_manifest(manifest)
        report = BuildReport(str(folder), "")
        records += [
            analyse_article(a, knowledge)
            for a in read_articles(files, folder, doc_ids_for(files, folder), rows, knowledge, report)
        ]
    build_tables(records, knowledge.codebook)
    never_read = sorted(f"{model}.{name}" for model, name in all_fields(Cues) - read)
    assert never_read == []


def all_fields(model: type[BaseModel]) -> set[tuple[str, str]]:
    fields = set()
    for name, field in model.model_fields.items():
        fields.add((model.__name__, name))
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            fields |= all_fields(field.annotation)
    return fields


@pytest.mark.parametrize("key", key_paths(Cues))
def test_every_key_is_documented_in_the_codebook_readme(key):
    readme = (DEFAULT_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`{key}`" in readme, f"cues.json key {key} is not in the codebook README"


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d.__setitem__("talks_nouns", []), "talks_nouns: Extra inputs are not permitted"),
        (lambda d: d["places"].__setitem__("filers", []), "places.filers: Extra inputs are not permitted"),
        (lambda d: d.pop("status_precedence"), "status_precedence: Field required"),
        (lambda d: d["confidence"]["talks"].pop("venue"), "confidence.talks.venue: Field required"),
        (lambda d: d["talks"].__setitem__("party_window_chars", "wide"), "talks.party_window_chars"),
        (lambda d: d["event_cues"].__setitem__("picnic", ["ate"]), "unknown event type"),
        (lambda d: d["status_cues"].pop("held"), "status_cues and status_precedence"),
    ],
)
def test_an_unknown_missing_or_mistyped_key_is_refused_naming_it(tmp_path, change, problem):
    with pytest.raises(CodebookError, match=problem):
        load_cues(edited(tmp_path, change))


def test_the_error_is_one_line_naming_the_file(tmp_path):
    with pytest.raises(CodebookError) as raised:
        load_cues(edited(tmp_path, lambda d: (d.pop("titles"), d.__setitem__("titels", []))))
    message = str(raised.value)
    assert message.startswith("cues.json:") and "\n" not in message
    assert "titles: Field required" in message and "titels: Extra inputs" in message


def test_a_missing_cues_file_is_a_codebook_error(tmp_path):
    with pytest.raises(CodebookError, match="cannot read"):
        load_cues(tmp_path / "cues.json")


def test_the_cues_cannot_be_changed_once_loaded(codebook):
    with pytest.raises(ValueError, match="frozen"):
        codebook.cues.talks.party_window_chars = 5
