"""Execute the numbered notebooks and write the offline HTML report.

``python -m helpers report`` executes every notebook in order (copies go to
``build/notebooks/``; the committed notebooks are not touched) and writes one
HTML page per notebook plus ``index.html`` to ``reports/``. Plotly charts stay
interactive with a local copy of plotly.js: the folder can be zipped and
opened anywhere without a network.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import plotly
import plotly.io as pio
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from helpers.config import (
    BUILD_DIR,
    CORPUS_ENV,
    NOTEBOOKS_DIR,
    ROOT,
    corpus_slug,
    display_path,
    is_example_corpus,
    resolve_dirs,
)
from helpers.present.methods import methods_html
from helpers.storage import write_text
from helpers.text import printable

PLOTLY_MIME = "application/vnd.plotly.v1+json"
TEMPLATES = Path(__file__).parent / "templates"
NOTEBOOK_PATTERN = re.compile(r"^\d\d_.+\.ipynb$")


@dataclass(frozen=True)
class Page:
    notebook: Path
    href: str
    title: str
    summary: str


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of ``folder``, in order."""
    folder = folder or NOTEBOOKS_DIR
    return sorted(p for p in folder.iterdir() if NOTEBOOK_PATTERN.match(p.name))


def execute_notebook(path: Path, timeout: int = 1800, *, example: bool = True) -> nbformat.NotebookNode:
    """Run every cell of the notebook at ``path`` (working folder: its own) and return it; without ``example``,
    the cells tagged ``example-only`` are left out first."""
    notebook = nbformat.read(path, as_version=4)
    if not example:
        notebook = without_example_only(notebook)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def title_and_summary(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first Markdown heading and the first paragraph after it, as plain text."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if not lines or not lines[0].startswith("#"):
            continue
        title = lines[0].lstrip("#").strip()
        paragraph = " ".join(re.split(r"\n\s*\n", "\n".join(lines[1:]).strip())[0].split())
        first_sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", paragraph)[0]
        return title, re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", first_sentence)
    return "", ""


class PlotlyToHTML(Preprocessor):
    """Replace Plotly's MIME bundle with a div that plots it using the report's local plotly.js."""

    def preprocess_cell(self, cell, resources, index):
        for number, output in enumerate(cell.get("outputs", [])):
            figure = output.get("data", {}).get(PLOTLY_MIME)
            if figure is None:
                continue
            div = pio.to_html(figure, include_plotlyjs=False, full_html=False, validate=False,
                              div_id=f"figure-{index}-{number}",
                              config={"displaylogo": False, "responsive": True})
            output["data"] = {"text/html": div}
        return cell, resources


def notebook_html(notebook: nbformat.NotebookNode, page: Page, pages: list[Page]) -> str:
    """One report page: the executed notebook with navigation to its neighbours."""
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={"hide-input"},
                                                         remove_cell_tags={"remove-cell"}), enabled=True)
    exporter.register_preprocessor(PlotlyToHTML(), enabled=True)
    position = pages.index(page)
    nav = {
        "prev": pages[position - 1].__dict__ if position > 0 else None,
        "next": pages[position + 1].__dict__ if position + 1 < len(pages) else None,
    }
    body, _ = exporter.from_notebook_node(notebook, resources={"report_nav": nav,
                                                               "metadata": {"name": page.title}})
    return body


def index_html(pages: list[Page], corpus_note: str = "", problems: pd.DataFrame | None = None, card: str = "") -> str:
    """The report's front page: the corpus card (``card``, HTML already escaped), an introduction, the problems
    met while building, and a table of contents."""
    items = "\n".join(
        f'<li><a href="{html.escape(p.href)}">{html.escape(p.title)}</a><p>{html.escape(p.summary)}</p></li>'
        for p in pages
    )
    note = f"<p class=\"corpus-note\">{html.escape(corpus_note)}</p>" if corpus_note else ""
    note += problems_html(problems)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>How news outlets cover the same events: report</title>
<link rel="stylesheet" href="assets/report.css">
</head>
<body class="report-index">
<main>
<h1>How news outlets cover the same events</h1>
{card}
<p>This report compares how different outlets reported the same events: what each one covered and left out,
the words it chose, and how it framed sources and certainty. Each page below is one notebook of the suite,
executed on the corpus named underneath, with its interactive charts (hover over them for the evidence).
It works offline: zip this folder and open <code>index.html</code> anywhere.</p>
{note}
<h2>Contents</h2>
<ol class="report-contents">
{items}
</ol>
<p>How every number is computed, with the published figures the notebooks cite and the suite's thresholds:
<a href="methods.html">Methods and thresholds</a>.</p>
</main>
</body>
</html>
"""


def problems_html(problems: pd.DataFrame | None, limit: int = 100) -> str:
    """The build's problems as an escaped HTML table (at most ``limit`` rows), or "" when there were none."""
    if problems is None or problems.empty:
        return ""
    rows = "".join(
        f"<tr><td><code>{html.escape(printable(p.file))}</code></td><td>{html.escape(p.reason)}</td>"
        f"<td>{'skipped' if p.skipped else 'built, with a warning'}</td></tr>"
        for p in problems.head(limit).itertuples()
    )
    more = (f"<p>… and {len(problems) - limit} more: see <code>problems.csv</code> beside the tables.</p>"
            if len(problems) > limit else "")
    skipped = int(problems["skipped"].sum())
    return (f"<section class=\"problems\"><h2>Problems while building ({len(problems)}, {skipped} files skipped)"
            f"</h2><p>The report covers the articles that were built. Each file below was skipped or built with a "
            f"warning:</p><table><tr><th>file</th><th>problem</th><th>outcome</th></tr>{rows}</table>{more}"
            "</section>")


REPORT_CSS = """
body.report-index main { max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #222; }
.report-contents li { margin-bottom: 0.8rem; }
.report-contents li p { margin: 0.2rem 0 0; color: #444; }
.problems { background: #fff8e6; padding: 0.6rem 0.8rem; border-left: 4px solid #E69F00; }
body.report-index table { border-collapse: collapse; font-size: 0.9rem; }
body.report-index th, body.report-index td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
.corpus-note { background: #f3f6fa; padding: 0.6rem 0.8rem; border-left: 4px solid #0072B2; }
nav.report-nav { display: flex; gap: 1.5rem; flex-wrap: wrap; padding: 0.6rem 1rem; margin: 0 0 1rem;
  background: #f3f6fa; border-bottom: 1px solid #d0d7de; font-family: system-ui, sans-serif; }
nav.report-nav a { color: #0b5394; text-decoration: none; font-weight: 600; }
nav.report-nav a:hover, nav.report-nav a:focus { text-decoration: underline; }
"""


def write_report(executed: list[tuple[Path, nbformat.NotebookNode]], out_dir: Path, corpus_note: str = "",
                 problems: pd.DataFrame | None = None, card: str = "") -> Path:
    """Write one page per executed notebook, the index (headed by the corpus ``card``) and the assets to
    ``out_dir``."""
    out_dir = Path(out_dir)
    assets = out_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", assets / "plotly.min.js")
    write_text(assets / "report.css", REPORT_CSS)
    pages = []
    for path, notebook in executed:
        title, summary = title_and_summary(notebook)
        pages.append(Page(path, f"{path.stem}.html", title or path.stem, summary))
    for page, (_, notebook) in zip(pages, executed, strict=True):
        write_text(out_dir / page.href, notebook_html(notebook, page, pages))
    write_text(out_dir / "methods.html", methods_html())
    write_text(out_dir / "index.html", index_html(pages, corpus_note, problems, card))
    return out_dir / "index.html"


EXAMPLE_ONLY = "example-only"


def without_example_only(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` without its cells tagged ``example-only`` (prose about the five example articles)."""
    notebook = nbformat.from_dict(notebook)
    notebook.cells = [c for c in notebook.cells if EXAMPLE_ONLY not in c.get("metadata", {}).get("tags", [])]
    return notebook


def run_notebooks(in_place: bool = False, out_dir: Path | None = None) -> list[tuple[Path, nbformat.NotebookNode]]:
    """Execute every numbered notebook in order on the corpus the environment names; save each in place or under
    ``build/notebooks`` (``build/notebooks/<corpus>`` for a corpus other than the example).

    On another corpus the cells tagged ``example-only`` are left out, and ``in_place`` is refused: the committed
    notebooks keep the example's lesson.
    """
    raw = resolve_dirs()[0]
    example = is_example_corpus(raw)
    if in_place and not example:
        raise ValueError(f"refusing to store the outputs of {display_path(raw)} in the suite's notebooks (they hold "
                         f"the example's lesson); unset ${CORPUS_ENV}, or run `python -m helpers report`")
    executed = []
    target_dir = Path(out_dir or BUILD_DIR / "notebooks" / ("" if example else corpus_slug(raw)))
    for path in notebook_paths():
        print(f"Executing {path.relative_to(ROOT)} …", flush=True)
        notebook = execute_notebook(path, example=example)
        target = path if in_place else target_dir / path.name
        write_text(target, nbformat.writes(notebook) + "\n")
        executed.append((path, notebook))
    return executed
