"""Loading a corpus the way the notebooks do, on the example and on another folder."""

import os
from pathlib import Path

import nbformat
import papermill
import pytest
from nbclient import NotebookClient

from helpers.config import CORPUS_ENV, PROCESSED_ENV, repo_root, resolve_dirs
from helpers.corpus import load_corpus
from tests.conftest import write_corpus

NOTEBOOKS = repo_root() / "notebooks"
HTML_PAGE = """<html><head><title>Strike kills four commanders</title>
<meta property="og:site_name" content="Daily Planet"></head><body><nav><a href="/">Home</a></nav>
<article><p>Russian forces said on Friday that an air strike near Deir ez-Zor killed four commanders of the
group, a claim that could not be independently verified.</p><p>“We are not coordinating with anyone,” a
spokesman said, adding that the operation would continue for several weeks across the province.</p></article>
<footer>Subscribe to get the latest posts sent to your email.</footer></body></html>"""


@pytest.fixture
def other_corpus(tmp_path) -> Path:
    files = {
        "planet.html": HTML_PAGE,
        "wire.txt": "Four commanders killed in strike\n\nBEIRUT (AP) — Four commanders were killed in a strike "
                    "near Deir ez-Zor, officials said on Friday. The claim could not be verified.\n\nThe group "
                    "did not comment.",
        "legacy.txt": "Raqqa’s fall\n\nIngy Sédky said “the area is under fierce air raids” on Sunday, and aid "
                      "was delivered to 80,000 people.".encode("cp1252"),
    }
    manifest = [{"file": "planet.html", "published": "2017-09-08", "lean": "left"},
                {"file": "wire.txt", "outlet": "AP", "published": "2017-09-08", "lean": "center"},
                {"file": "legacy.txt", "outlet": "Gazette", "published": "2017-09-10", "lean": "right"}]
    return write_corpus(tmp_path / "my articles", files, manifest, extra_columns=("lean",))


def test_another_corpus_gets_its_own_processed_folder(other_corpus, monkeypatch):
    monkeypatch.delenv(CORPUS_ENV, raising=False)
    monkeypatch.delenv(PROCESSED_ENV, raising=False)
    raw, out = resolve_dirs(other_corpus)
    assert raw == other_corpus.resolve()
    assert out.parent == repo_root() / "data" / "processed" / "corpora"
    assert out.name.startswith("my-articles-")
    assert resolve_dirs()[1] == repo_root() / "data" / "processed"
    monkeypatch.setenv(CORPUS_ENV, str(other_corpus))
    assert resolve_dirs()[0] == other_corpus.resolve()


def test_load_corpus_groups_by_any_manifest_column(other_corpus, tmp_path):
    corpus = load_corpus(other_corpus, tmp_path / "out", group_by="lean")
    assert corpus.groups == ["center", "left", "right"]
    assert not corpus.is_example
    assert corpus.describe().startswith("Corpus: your corpus in ")
    by_file = corpus.articles.set_index("file")
    assert by_file.loc["planet.html", "outlet"] == "Daily Planet"
    assert by_file.loc["wire.txt", "dateline"] == "AP, BEIRUT"
    assert by_file.loc["legacy.txt", "headline"] == "Raqqa’s fall"
    with pytest.raises(KeyError, match="not a column"):
        load_corpus(other_corpus, tmp_path / "out", group_by="country")


def test_missing_outlets_are_grouped_as_unknown(tmp_path):
    corpus_dir = write_corpus(tmp_path / "raw", {"a.txt": "Headline here\n\nSomething happened on Friday."})
    corpus = load_corpus(corpus_dir, tmp_path / "out")
    assert corpus.groups == ["(unknown)"]


@pytest.mark.slow
def test_the_overview_notebook_runs_unchanged_on_another_corpus(other_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv(CORPUS_ENV, str(other_corpus))
    monkeypatch.setenv(PROCESSED_ENV, str(tmp_path / "out"))
    monkeypatch.setenv("NEWSCOMPARE_GROUP_BY", "lean")
    notebook = nbformat.read(NOTEBOOKS / "02_corpus_overview.ipynb", as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "Corpus: your corpus" in printed and "3 articles from 3 groups of 'lean'" in printed
    figures = [o["data"]["application/vnd.plotly.v1+json"] for c in notebook.cells if c.cell_type == "code"
               for o in c.outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    timeline = next(f for f in figures if "published" in f["layout"]["title"]["text"])
    assert {trace["name"].split(",")[0] for trace in timeline["data"]} == {"center", "left", "right"}


@pytest.mark.slow
def test_papermill_parameters_point_a_notebook_at_another_corpus(other_corpus, tmp_path):
    output = tmp_path / "start.ipynb"
    env_before = dict(os.environ)
    papermill.execute_notebook(
        str(NOTEBOOKS / "00_start_here.ipynb"), str(output), kernel_name="python3", progress_bar=False,
        cwd=str(NOTEBOOKS), parameters={"CORPUS_DIR": str(other_corpus), "PROCESSED_DIR": str(tmp_path / "out")},
    )
    assert dict(os.environ) == env_before
    notebook = nbformat.read(output, as_version=4)
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "3 articles from 3 groups of 'outlet'" in printed


def test_nlp_tables_are_read_when_a_notebook_first_uses_them(raw_dir, seed_build, tmp_path):
    import shutil

    out = tmp_path / "processed"
    shutil.copytree(seed_build[0].out_dir, out, symlinks=True)
    corpus = load_corpus(raw_dir, out, build=False, nlp=True)
    assert "tokens" not in corpus.tables and "sentences" not in corpus.tables  # nothing read yet
    assert len(corpus.sentences) == len(seed_build[1]["sentences"])
    assert "sentences" in corpus.tables and "tokens" not in corpus.tables  # the tokens stay on disk
    assert corpus.tokens.equals(seed_build[1]["tokens"])
    assert load_corpus(raw_dir, out, build=False).tokens is None  # without nlp=True, no NLP table
