"""The NLP stage: skipped when nothing it depends on changed, rebuilt when something did; tokens and clauses."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import fingerprint
from helpers.build import build_corpus
from helpers.fingerprint import import_closure
from helpers.schema import CLAUSES, NLP_TABLES, TOKENS
from helpers.stage import FINGERPRINT_FILE
from helpers.storage import current_set

WIRE = (
    "Russia says strike may have killed IS leader\n\n"
    "Russian forces have killed four leaders of the Islamic State group near Raqqa, the ministry said.\n\n"
    "Khalimov was killed in the strike, officials said. The claim could not be verified.\n"
)
PAPER = (
    "Syrian army breaks the siege\n\n"
    "The Syrian army broke the siege of the airport in Deir ez-Zor on Sunday.\n\n"
    "The town was recaptured by IS fighters, residents said.\n"
)
FILES = {"wire.txt": WIRE, "paper.txt": PAPER}
MANIFEST = [
    {"file": "wire.txt", "outlet": "Wire", "published": "2017-09-08", "date_precision": "day"},
    {"file": "paper.txt", "outlet": "Paper", "published": "2017-09-10", "date_precision": "day"},
]
OLD = 1_000_000_000_000_000_000  # an mtime in 2001, in nanoseconds: a rewritten file cannot keep it


@pytest.fixture(scope="module")
def base(tmp_path_factory, corpus_writer):
    """The crafted corpus, built once: (raw folder, out folder, report of the first build)."""
    folder = tmp_path_factory.mktemp("stage")
    raw = corpus_writer(folder / "raw", FILES, MANIFEST)
    report = build_corpus(raw, folder / "out", progress=False)
    return raw, folder / "out", report


@pytest.fixture
def built(base, tmp_path) -> tuple[Path, Path]:
    """A private copy of the built corpus (raw and out folders, parse cache included) with old mtimes."""
    raw, out, _ = base
    raw_copy, out_copy = shutil.copytree(raw, tmp_path / "raw"), shutil.copytree(out, tmp_path / "out")
    for path in Path(out_copy).rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    return Path(raw_copy), Path(out_copy)


def nlp_files(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file the NLP stage writes (tables and fingerprint) → (bytes, mtime in ns)."""
    paths = [current_set(out) / FINGERPRINT_FILE]
    for table in NLP_TABLES:
        paths += [out / f"{table.name}.parquet"] + ([out / f"{table.name}.csv"] if table.csv else [])
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in paths}


def write_manifest(raw: Path, rows: list[dict]) -> None:
    with open(raw / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_the_first_build_runs_the_nlp_stage(base):
    _, out, report = base
    assert not report.nlp_unchanged
    assert report.n_parsed == 2
    assert (current_set(out) / FINGERPRINT_FILE).exists()
    # The two articles share no passage, so reuse_passages is rightly empty; they are too unlike to be scored as
    # a possible story (story_links); no span of theirs is a spurious name (dropped_mentions). Every other NLP table
    # has rows.
    assert all(report.table_sizes[t.name] > 0 for t in NLP_TABLES if t.name not in ("reuse_passages", "story_links",
                                                                                    "dropped_mentions"))
    assert report.table_sizes["reuse_passages"] == 0


def test_a_second_build_with_nothing_changed_keeps_the_nlp_tables(base, built):
    raw, out = built
    before = nlp_files(out)
    report = build_corpus(raw, out, progress=False)
    assert report.nlp_unchanged
    assert report.n_parsed == 0
    assert "NLP tables unchanged" in report.summary()
    after = nlp_files(out)
    assert {name: data for name, (data, _) in after.items()} == {name: data for name, (data, _) in before.items()}
    assert {name: mtime for name, (_, mtime) in after.items()} == {name: OLD for name in before}  # not rewritten
    assert report.table_sizes == base[2].table_sizes
    assert os.stat(out / "articles.parquet").st_mtime_ns != OLD  # the clean tables are still written


def test_a_corpus_alias_table_triggers_a_rebuild(built):
    raw, out = built
    before = pd.read_parquet(out / "mentions.parquet")
    assert "Raqqa" in set(before["entity"]) and "Ar-Raqqah" not in set(before["entity"])
    (raw / "aliases.csv").write_text("alias,entity,type\nRaqqa,Ar-Raqqah,place\n", encoding="utf-8")
    report = build_corpus(raw, out, progress=False)
    assert not report.nlp_unchanged
    assert report.n_parsed == 0  # the texts did not change: their parses come from the cache
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert "Ar-Raqqah" in set(mentions["entity"]) and "Raqqa" not in set(mentions["entity"])
    assert build_corpus(raw, out, progress=False).nlp_unchanged  # and then it is remembered


def test_changing_one_article_text_triggers_a_rebuild(built):
    raw, out = built
    (raw / "paper.txt").write_text(PAPER.replace("Sunday", "Monday"), encoding="utf-8")
    report = build_corpus(raw, out, progress=False)
    assert not report.nlp_unchanged
    assert report.n_parsed == 1
    tokens = pd.read_parquet(out / "tokens.parquet")
    assert "Monday" in set(tokens["text"]) and "Sunday" not in set(tokens["text"])
    assert os.stat(out / "tokens.parquet").st_mtime_ns != OLD


@pytest.mark.parametrize("column, value", [("published", "2017-09-11"), ("date_precision", "approximate")])
def test_changing_a_date_triggers_a_rebuild(built, column, value):
    raw, out = built
    write_manifest(raw, [dict(MANIFEST[0]), {**MANIFEST[1], column: value}])
    report = build_corpus(raw, out, progress=False)
    assert not report.nlp_unchanged
    assert report.n_parsed == 0
    assert nlp_files(out)[FINGERPRINT_FILE][1] != OLD


@pytest.mark.parametrize("name", ["clauses.parquet", "tokens.parquet", FINGERPRINT_FILE])
def test_deleting_an_nlp_file_triggers_a_rebuild(built, name):
    raw, out = built
    expected = pd.read_parquet(out / "clauses.parquet")
    (current_set(out) / name).unlink()  # a file of the published set is lost
    report = build_corpus(raw, out, progress=False)
    assert not report.nlp_unchanged
    assert (current_set(out) / name).exists()
    pd.testing.assert_frame_equal(pd.read_parquet(out / "clauses.parquet"), expected)


def test_a_deleted_table_link_is_restored_without_a_rebuild(built):
    raw, out = built
    (out / "clauses.parquet").unlink()  # the documented path, a link into the published set
    report = build_corpus(raw, out, progress=False)
    assert report.nlp_unchanged and (out / "clauses.parquet").is_file()


def test_the_fingerprint_walks_the_imports_of_the_stage():
    """Modules the stage reaches only through others are in its fingerprint: no hand-written list to drift."""
    root = Path(fingerprint.__file__).parent
    closure = {path.relative_to(root).as_posix() for path in import_closure("helpers.stage")}
    # stage → framing.tables → framing.quotes → lexicons; stage → nlp.tables → nlp.entities → gazetteer, text, config
    assert {"lexicons.py", "nlp/gazetteer.py", "text.py", "config.py", "framing/attribution.py"} <= closure
    assert not {"wording/measures.py", "present/charts.py", "corpus.py"} & closure  # notebook-time code is not


def test_editing_a_module_reached_only_indirectly_rebuilds_the_nlp_tables(base, tmp_path, repo_root):
    """In a copy of the package: edit lexicons.py (the stage imports it only through the quote extractor) and the
    gazetteer's outlines; each edit makes the next build rebuild the NLP tables instead of keeping them."""
    raw, _, _ = base
    package = tmp_path / "src" / "helpers"
    shutil.copytree(Path(fingerprint.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "out"

    def build() -> str:
        env = {**os.environ, "PYTHONPATH": str(package.parent)}
        command = [sys.executable, "-m", "helpers", "build", "--raw", str(raw), "--out", str(out), "--quiet"]
        done = subprocess.run(command, cwd=repo_root, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout

    build()
    assert "NLP tables unchanged" in build()
    with open(package / "lexicons.py", "a", encoding="utf-8") as handle:
        handle.write("\n# an edited rule\n")
    rebuilt = build()
    assert "NLP tables unchanged" not in rebuilt and "Parsed 0 texts" in rebuilt
    assert "NLP tables unchanged" in build()
    outlines = package / "nlp" / "data" / "countries-110m.json"
    outlines.write_bytes(outlines.read_bytes() + b" ")
    assert "NLP tables unchanged" not in build()


def test_tokens_are_written_as_parquet_without_a_csv(base, built):
    _, out, _ = base
    assert (out / "tokens.parquet").exists()
    assert not (out / "tokens.csv").exists()
    assert TOKENS.csv is False
    assert (out / "clauses.csv").exists() and CLAUSES.csv
    raw, copy = built
    build_corpus(raw, copy, progress=False)
    assert not (copy / "tokens.csv").exists()


@pytest.mark.parametrize("table", [TOKENS, CLAUSES], ids=lambda t: t.name)
def test_tokens_and_clauses_have_exactly_the_schema_columns(base, seed_build, table):
    for frame in (pd.read_parquet(base[1] / f"{table.name}.parquet"), seed_build[1][table.name]):
        assert list(frame.columns) == table.column_names
        assert len(frame) > 0
        keys = frame[list(table.sort_by)]
        assert keys.equals(keys.sort_values(list(table.sort_by), kind="stable"))


def test_token_columns_have_their_types(seed_build):
    tokens = seed_build[1]["tokens"]
    assert tokens["is_stop"].dtype == bool
    for column in ("sentence_id", "token_id", "start_char"):
        assert pd.api.types.is_integer_dtype(tokens[column]), column
    assert (tokens["lemma"] == tokens["lemma"].str.lower()).all()
    assert not tokens["text"].str.isspace().any()


def test_tokens_point_into_the_article_text_and_their_sentence(seed_build):
    tables = seed_build[1]
    tokens, sentences = tables["tokens"], tables["sentences"]
    text = tables["articles"].set_index("article_id")["text"]
    for row in tokens.itertuples():
        assert text[row.article_id][row.start_char:row.start_char + len(row.text)] == row.text
    spans = tokens.merge(sentences, on=["article_id", "sentence_id"], suffixes=("", "_sentence"))
    assert len(spans) == len(tokens)
    assert (spans["start_char"] >= spans["start_char_sentence"]).all()
    assert (spans["start_char"] + spans["text"].str.len() <= spans["end_char"]).all()
    first = tokens.groupby(["article_id", "sentence_id"])["token_id"].agg(["min", "max", "size"])
    assert (first["min"] == 0).all() and (first["max"] == first["size"] - 1).all()
