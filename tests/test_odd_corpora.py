"""Faults and odd corpora beyond the bad-input battery: long texts, mass copies, a full disk, empty corpora,
and the notebooks on corpora with nothing to compare."""

from __future__ import annotations

import errno
import json
import os

import pandas as pd
import papermill
import pytest

from helpers.__main__ import main
from helpers.build import EXIT_OK, EXIT_UNWRITABLE, build_corpus
from helpers.config import NOTEBOOKS_DIR, PARSE_CHUNK_CHARS
from helpers.corpus import EmptyCorpusError, load_corpus
from helpers.nlp import parse
from helpers.nlp.model import load_model
from helpers.present.report import index_html
from helpers.reuse.tables import reuse_tables
from helpers.storage import read_table
from tests.test_battery import GOOD1, GOOD2

SENTENCES = ["The committee heard testimony from {n} witnesses about the contract on day {d}.",
             "Senator Reyes asked whether the agency had reviewed bid number {n} before March.",
             "The witness said the documents for lot {d} were filed late.", ""]


def transcript(n_chars: int) -> str:
    """A hearing transcript of ``n_chars`` characters or a little more, in paragraphs."""
    parts, size, i = ["Hearing on the harbour contract"], 0, 0
    while size < n_chars:
        paragraph = " ".join(s.format(n=i, d=i % 31) for s in SENTENCES).strip()
        parts.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def test_a_long_text_is_parsed_in_chunks_with_its_offsets(make_corpus, tmp_path, monkeypatch):
    """A 1 MB transcript used to stop the whole build with spaCy's E088 (texts over 1,000,000 characters);
    texts over PARSE_CHUNK_CHARS are now parsed in chunks of paragraphs. Shown here with a small limit."""
    monkeypatch.setattr(parse, "PARSE_CHUNK_CHARS", 5_000)
    long = transcript(40_000)
    raw = make_corpus({"good1.txt": GOOD1, "good2.txt": GOOD2, "hearing.txt": long})
    report = build_corpus(raw, tmp_path / "out", progress=False)
    assert report.exit_code == EXIT_OK
    sentences = read_table(tmp_path / "out", "sentences")
    hearing = sentences[sentences["article_id"] == "hearing"]
    text = read_table(tmp_path / "out", "articles").set_index("article_id").loc["hearing", "text"]
    assert len(hearing) > 500
    for row in hearing.iloc[[0, len(hearing) // 2, -1]].itertuples():
        assert text[row.start_char:row.end_char] == row.text  # offsets hold across the chunks


def test_chunks_of_any_text_stay_under_spacys_limit():
    text = transcript(2_500_000) + "x" * 1_200_000  # paragraphs, then one run without any break
    pieces = parse.text_chunks(text, PARSE_CHUNK_CHARS)
    assert "".join(pieces) == text and max(map(len, pieces)) <= PARSE_CHUNK_CHARS < load_model().max_length


def test_hundreds_of_identical_copies_are_all_found_as_reuse():
    """1 copy or 320: every copy is wholly derived from the earliest, even where LSH buckets overflow."""
    text = GOOD1 + "\n\n".join(f"Paragraph {i} repeats the same wire report about the airport." for i in range(30))
    articles = pd.DataFrame({"article_id": [f"copy{i:03d}" for i in range(320)] + ["other"],
                             "text": [text] * 320 + [GOOD2 * 5],
                             "published": pd.to_datetime(["2017-06-16"] * 320 + ["2017-06-17"]),
                             "date_precision": "day", "outlet": "X", "dateline": ""})
    tables = reuse_tables(articles)
    derivation = tables["derivation"].set_index("article_id")
    assert derivation.loc["copy000", "label"] == "not derived"
    copies = derivation.drop(index=["copy000", "other"])
    assert (copies["label"] == "wholly derived").all() and (copies["source_id"] == "copy000").all()
    assert len(tables["reuse"]) < 2 * 320 + 10  # each copy against the earliest, not every pair


def test_a_full_disk_gives_one_line_an_exit_code_of_its_own_and_keeps_the_tables(make_corpus, tmp_path, capsys,
                                                                                monkeypatch):
    raw = make_corpus({"good1.txt": GOOD1, "good2.txt": GOOD2})
    out = tmp_path / "out"
    assert main(["build", "--raw", str(raw), "--out", str(out), "--quiet", "--no-nlp"]) == EXIT_OK
    before = read_table(out, "articles")
    (raw / "good1.txt").write_text(GOOD1 + "\nA new paragraph.\n", encoding="utf-8")
    capsys.readouterr()

    def full(self, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    code = main(["build", "--raw", str(raw), "--out", str(out), "--quiet", "--no-nlp"])
    monkeypatch.undo()
    err = capsys.readouterr().err.strip()
    assert code == EXIT_UNWRITABLE and len(err.splitlines()) == 1
    assert err.startswith("ERROR cannot write the tables to ") and "No space left on device" in err
    pd.testing.assert_frame_equal(read_table(out, "articles"), before)


def test_a_first_build_with_identical_files_says_nothing_was_unchanged(make_corpus, tmp_path):
    raw = make_corpus({"good1.txt": GOOD1, "same.txt": GOOD1, "good2.txt": GOOD2})
    report = build_corpus(raw, tmp_path / "out", progress=False, nlp=False)
    assert "(3 cleaned, 0 unchanged since the last build)" in report.summary()
    again = build_corpus(raw, tmp_path / "out", progress=False, nlp=False)
    assert "(0 cleaned, 3 unchanged since the last build)" in again.summary()


def test_an_empty_corpus_says_there_is_nothing_to_analyse_and_why(make_corpus, tmp_path):
    raw = make_corpus({"empty.txt": b"", "scan.pdf": b"%PDF-1.4 ..."})
    with pytest.raises(EmptyCorpusError) as caught:
        load_corpus(raw, tmp_path / "out", nlp=True)
    message = "".join(caught.value._render_traceback_())
    assert message.startswith("Nothing to analyse. No article could be built from")
    assert "empty.txt: empty file" in message and "scan.pdf: binary file (a PDF document)" in message


def test_the_report_front_page_lists_the_problems_escaped():
    problems = pd.DataFrame({"file": ["<b>bad</b>.txt", "x\ny.txt"], "reason": ["empty file", "binary"],
                             "skipped": [True, False]})
    page = index_html([], "note", problems)
    assert "Problems while building (2, 1 files skipped)" in page
    assert "&lt;b&gt;bad&lt;/b&gt;.txt" in page and "x\\ny.txt" in page and "<b>bad" not in page


def test_make_all_writes_the_report_of_a_partial_build(repo_root):
    makefile = (repo_root / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/python -m helpers build || [ $$? -eq 1 ]" in makefile


ODD = {
    "one article": {"good1.txt": GOOD1},
    "no story shared": {"good1.txt": GOOD1, "good2.txt": GOOD2},
    "no named entity": {"a.txt": "the road\n\nthe road was closed on sunday after heavy rain, they said.\n",
                        "b.txt": "the bridge\n\nthe bridge was closed after the storm, it was reported.\n"},
}


@pytest.mark.slow
@pytest.mark.parametrize("corpus", list(ODD))
def test_every_notebook_runs_on_an_odd_corpus(corpus, make_corpus, tmp_path):
    raw = make_corpus(ODD[corpus])
    out = tmp_path / "out"
    for notebook in sorted(NOTEBOOKS_DIR.glob("0[1-7]_*.ipynb")):
        papermill.execute_notebook(str(notebook), str(tmp_path / notebook.name), kernel_name="python3",
                                   parameters={"CORPUS_DIR": str(raw), "PROCESSED_DIR": str(out)},
                                   cwd=str(NOTEBOOKS_DIR), progress_bar=False)


def test_a_notebook_on_an_empty_corpus_stops_with_the_reason(make_corpus, tmp_path):
    raw = make_corpus({"empty.txt": b""})
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / "02_corpus_overview.ipynb"), str(tmp_path / "02.ipynb"),
                                   kernel_name="python3", cwd=str(NOTEBOOKS_DIR), progress_bar=False,
                                   parameters={"CORPUS_DIR": str(raw), "PROCESSED_DIR": str(tmp_path / "out")})
    assert caught.value.ename == "EmptyCorpusError"
    assert "empty.txt: empty file" in caught.value.evalue
    executed = json.loads((tmp_path / "02.ipynb").read_text(encoding="utf-8"))
    assert os.fspath(raw) in json.dumps(executed)  # the message names the folder
