"""The HTML report: offline, interactive, navigable, escaped."""

import re
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.config import CORPUS_ENV
from helpers.present.report import (
    PLOTLY_MIME,
    notebook_paths,
    run_notebooks,
    title_and_summary,
    without_example_only,
    write_report,
)


def _notebook(title: str, summary: str, with_chart: bool = True) -> nbformat.NotebookNode:
    figure = go.Figure(go.Bar(x=["a", "b"], y=[3, 5]), layout={"title": {"text": "Words per article"}})
    outputs = [new_output("display_data", data={PLOTLY_MIME: figure.to_plotly_json(), "text/plain": "Figure"})]
    outputs.append(new_output("display_data", data={"text/html": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"}))
    cells = [new_markdown_cell(f"# {title}\n\n{summary} A second sentence.\n\nMore text."),
             new_code_cell("chart()", outputs=outputs if with_chart else [])]
    return new_notebook(cells=cells)


def test_title_and_summary_take_the_heading_and_first_sentence():
    notebook = _notebook("01 · Cleaning", "What did *cleaning* remove?")
    assert title_and_summary(notebook) == ("01 · Cleaning", "What did cleaning remove?")


def test_report_pages_work_offline_with_interactive_charts_and_navigation(tmp_path):
    executed = [(Path("00_intro.ipynb"), _notebook("00 · Intro", "Start here.")),
                (Path("01_more.ipynb"), _notebook("01 · More <b>bold</b>", "Then this.")),
                (Path("02_last.ipynb"), _notebook("02 · Last", "End.", with_chart=False))]
    index = write_report(executed, tmp_path, corpus_note="Corpus: 5 articles <from> data/raw")

    assert (tmp_path / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    pages = {name: (tmp_path / name).read_text(encoding="utf-8")
             for name in ("00_intro.html", "01_more.html", "02_last.html")}
    for page in pages.values():
        sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page)
        assert sources == ["assets/plotly.min.js"], sources
        assert not re.search(r"<(?:link|img|iframe)[^>]+(?:href|src)=\"(?:https?:)?//", page)
        assert 'href="index.html"' in page
    first = pages["00_intro.html"]
    assert 'id="figure-1-0"' in first and "Plotly.newPlot" in first and "Words per article" in first
    assert PLOTLY_MIME not in first
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first and "<script>alert(1)" not in first
    assert 'href="01_more.html" rel="next"' in first
    assert 'href="00_intro.html" rel="prev"' in pages["01_more.html"]
    assert 'rel="next"' not in pages["02_last.html"]

    front = index.read_text(encoding="utf-8")
    assert [m for m in re.findall(r'href="([^"]+\.html)"', front)] == ["00_intro.html", "01_more.html", "02_last.html",
                                                                      "methods.html"]
    methods = (index.parent / "methods.html").read_text(encoding="utf-8")
    assert "<table>" in methods and "STORY_SIMILARITY" in methods and "Monroe" in methods
    assert "01 · More &lt;b&gt;bold&lt;/b&gt;" in front
    assert "Corpus: 5 articles &lt;from&gt; data/raw" in front
    assert "<script" not in front


def test_the_suite_has_numbered_notebooks_in_order():
    names = [path.name for path in notebook_paths()]
    assert names[:3] == ["00_start_here.ipynb", "01_cleaning.ipynb", "02_corpus_overview.ipynb"]
    assert names == sorted(names)


def test_every_notebook_starts_with_a_parameters_cell_and_ends_with_questions():
    for path in notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert "CORPUS_DIR = None" in code[0].source
        assert "Questions to discuss" in notebook.cells[-1].source, path.name
        for cell in code:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", f"{path.name} stores an error"
                assert "cdn.plot.ly" not in str(output), f"{path.name} loads plotly from a CDN"


def test_example_only_cells_are_left_out_on_another_corpus_and_never_stored_in_the_notebooks(tmp_path, monkeypatch):
    notebook = new_notebook(cells=[new_markdown_cell("# 03 · Coverage\n\nWho reported what."),
                                   new_markdown_cell("*About the example corpus:* 000 and 001 share a story."),
                                   new_markdown_cell("## Questions to discuss\n\n1. Which facts are missing?")])
    notebook.cells[1].metadata["tags"] = ["example-only"]
    kept = without_example_only(notebook)
    assert [c.source.split("\n")[0] for c in kept.cells] == ["# 03 · Coverage", "## Questions to discuss"]
    assert len(notebook.cells) == 3  # the notebook itself is unchanged

    monkeypatch.setenv(CORPUS_ENV, str(tmp_path))
    with pytest.raises(ValueError, match="example's lesson"):
        run_notebooks(in_place=True)


def test_every_notebook_keeps_general_questions_and_tags_its_example_prose():
    example_id = re.compile(r"(?<![,\d])00[0-4]\b")
    for path in notebook_paths():
        cells = nbformat.read(path, as_version=4).cells
        general = [c for c in cells if c.cell_type == "markdown" and "example-only" not in c.metadata.get("tags", [])]
        assert any(c.source.startswith("## Questions to discuss") for c in general) or path.name.startswith("00"), \
            path.name
        for cell in general:
            assert "About the example corpus" not in cell.source, (path.name, cell.source[:80])
            assert not example_id.search(cell.source), (path.name, cell.source[:80])
