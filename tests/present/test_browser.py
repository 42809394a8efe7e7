"""Real-browser tests: what a reader of the report and an analyst in JupyterLab actually see.

Playwright drives the system's Chromium (Debian's ``chromium``, installed by
``make test`` when missing; or ``$CHROMIUM``); nothing is downloaded. Every
page is screenshotted under ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from helpers.config import CORPUS_ENV, PROCESSED_ENV, repo_root
from helpers.present.report import PLOTLY_MIME, execute_notebook, notebook_paths, write_report
from tests.conftest import write_corpus

ARTIFACTS = repo_root() / "test-artifacts"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"]
pytestmark = pytest.mark.slow


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or next(
        (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
    if not found:
        pytest.fail("No Chromium found: `make test` installs Debian's chromium, or set CHROMIUM=/path/to/chrome")
    return found


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


class Watcher:
    """Records what a page asks of the network and what it logs as errors."""

    def __init__(self, page, allowed_prefixes: tuple[str, ...]):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

        def route(route):
            url = route.request.url
            if url.startswith(allowed_prefixes):
                route.continue_()
            else:
                self.requests.append(url)
                route.abort()

        page.route("**/*", route)


def _plot_count(notebook: nbformat.NotebookNode) -> int:
    return sum(PLOTLY_MIME in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))


def _rendered_plots(page) -> list[int]:
    """Number of traces drawn in each plotly chart of the page (0 = not rendered)."""
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(
        el => (el.querySelector('.main-svg') && el.data) ? el.data.length : 0)""")


def test_report_pages_render_offline_with_interactive_charts(browser, tmp_path):
    notebooks = [(path, nbformat.read(path, as_version=4)) for path in notebook_paths()]
    index = write_report(notebooks, tmp_path / "reports", corpus_note="Corpus: the example corpus")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watcher = Watcher(page, ("file://", "data:"))
    page.goto(index.as_uri())
    links = page.eval_on_selector_all(".report-contents a", "links => links.map(a => a.getAttribute('href'))")
    assert links == [f"{path.stem}.html" for path, _ in notebooks]
    (ARTIFACTS / "report").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "report" / "index.png", full_page=True)

    for number, (path, notebook) in enumerate(notebooks):
        page.goto(index.as_uri())
        page.click(f".report-contents a[href='{path.stem}.html']")
        page.wait_for_load_state("load")
        assert page.url.endswith(f"{path.stem}.html")
        expected = _plot_count(notebook)
        if expected:
            page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}",
                                   timeout=30_000)
        traces = _rendered_plots(page)
        assert len(traces) == expected and all(n > 0 for n in traces), (path.name, traces)
        assert page.locator("nav.report-nav a[href='index.html']").count() == 2
        if number + 1 < len(notebooks):
            assert page.locator(f"a[rel=next][href='{notebooks[number + 1][0].stem}.html']").count() == 2
        page.screenshot(path=ARTIFACTS / "report" / f"{path.stem}.png", full_page=True)
    assert watcher.requests == [], f"the report asked the network for {watcher.requests[:5]}"
    assert watcher.errors == [], watcher.errors[:5]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyterlab_runs_a_notebook_and_renders_its_chart(browser, tmp_path):
    notebook = nbformat.read(repo_root() / "notebooks" / "01_cleaning.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    root = tmp_path / "lab"
    root.mkdir()
    nbformat.write(notebook, root / "01_cleaning.ipynb")
    port, token = _free_port(), "browser-test-token"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
               "--ServerApp.allow_remote_access=False", "--LabApp.news_url=None"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        watcher = Watcher(page, (base, "data:", "blob:"))
        page.goto(f"{base}/lab/tree/01_cleaning.ipynb?token={token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        with contextlib.suppress(PlaywrightTimeout):  # a fresh JupyterLab may ask which kernel to start:
            page.click(".jp-Dialog button:has-text('Select')", timeout=8_000)  # take its proposal, as a user would
        page.wait_for_function("() => document.querySelector('.jp-Notebook-ExecutionIndicator') &&"
                               " document.querySelector('.jp-Notebook-ExecutionIndicator')"
                               ".getAttribute('data-status') === 'idle'", timeout=60_000)
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        plots = ".jp-OutputArea-output.jp-RenderedPlotly"  # plotly's JupyterLab renderer, fed the MIME bundle
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            page.wait_for_selector(f"{plots} .main-svg", state="attached", timeout=120_000)
        except Exception:
            page.screenshot(path=ARTIFACTS / "jupyterlab-failure.png")
            page.locator(".jp-Cell").first.scroll_into_view_if_needed()
            page.screenshot(path=ARTIFACTS / "jupyterlab-failure-top.png")
            raise
        page.wait_for_function("() => document.querySelector('.jp-Notebook-ExecutionIndicator')"
                               ".getAttribute('data-status') === 'idle'", timeout=120_000)
        traces = page.evaluate(f"() => [...document.querySelectorAll('{plots}')]"
                               ".map(el => el.data ? el.data.length : 0)")
        assert traces and all(n > 0 for n in traces)
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        tables = ".jp-OutputArea-output table.dataTable"  # itables, offline: DataFrames can be searched and paged
        page.locator(".jp-OutputArea-output").first.scroll_into_view_if_needed()
        page.wait_for_selector(tables, state="attached", timeout=60_000)
        assert page.locator(".jp-OutputArea-output .dt-search input").count() >= 1
        page.locator(plots).first.scroll_into_view_if_needed()
        page.wait_for_timeout(2_000)  # let the windowed notebook repaint before the screenshot
        page.screenshot(path=ARTIFACTS / "jupyterlab-01_cleaning.png")
        assert watcher.requests == [], f"JupyterLab asked the internet for {watcher.requests[:5]}"
    finally:
        server.terminate()
        server.wait(timeout=30)


HOSTILE_BODY = """<html><head><title>Strike near Raqqa kills commanders</title></head><body><article>
<p>Russia said on Friday that an air strike near Raqqa killed several commanders of the Islamic State group,
a claim that could not be independently verified by reporters in the region.</p>
<p>The ministry statement read &lt;script&gt;window.__pwned = 'body script'&lt;/script&gt; and
&lt;img src=x onerror="window.__pwned = 'body img'"&gt; and &lt;a href="javascript:window.__pwned = 'link'"&gt;click
here&lt;/a&gt; before officials said the operation would continue for several weeks.</p>
<p>“We are verifying the information through various channels,” a spokesman for the ministry said in Moscow.</p>
</article></body></html>"""


def test_hostile_article_text_never_executes_in_the_report(browser, tmp_path, monkeypatch):
    rewrite = HOSTILE_BODY.replace("Russia said on Friday", "Russia claimed on Friday")
    corpus = write_corpus(tmp_path / "hostile", {"a.html": HOSTILE_BODY, "b.html": rewrite}, [
        {"file": "a.html", "outlet": "<img src=x onerror=\"window.__pwned='outlet'\">", "published": "2017-06-16",
         "headline": "<script>window.__pwned='headline'</script>"},
        {"file": "b.html", "outlet": "Plain Outlet", "published": "2017-06-17"},
    ])
    monkeypatch.setenv(CORPUS_ENV, str(corpus))
    monkeypatch.setenv(PROCESSED_ENV, str(tmp_path / "processed"))
    executed = [(path, execute_notebook(path)) for path in notebook_paths()]
    index = write_report(executed, tmp_path / "reports")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watcher = Watcher(page, ("file://", "data:"))
    (ARTIFACTS / "hostile").mkdir(parents=True, exist_ok=True)
    for path, _ in executed:
        page.goto((index.parent / f"{path.stem}.html").as_uri())
        page.wait_for_load_state("load")
        page.mouse.move(400, 400)
        for plot in page.locator(".js-plotly-plot").all()[:6]:  # hover labels hold article text too
            plot.scroll_into_view_if_needed()
            plot.hover()
        assert page.evaluate("() => window.__pwned") is None, f"{path.name} ran article text as code"
        assert page.locator("img[src='x']").count() == 0, f"{path.name} made an <img> from article text"
        assert page.locator("a[href^='javascript:']").count() == 0, f"{path.name} made a javascript: link"
        page.screenshot(path=ARTIFACTS / "hostile" / f"{path.stem}.png", full_page=True)
    page.goto((index.parent / "01_cleaning.html").as_uri())
    page.click("details summary >> nth=0")
    assert "<script>window.__pwned = 'body script'</script>" in page.inner_text("body")
    assert [url for url in watcher.requests if not url.startswith("file://")] == []


ITABLES_CELL = """from helpers.present.charts import setup_notebook
import pandas as pd
from helpers.present.views import evidence

setup_notebook()
quotes = pd.DataFrame({"speaker": [f"Speaker {i:02d}" for i in range(60)],
                       "quote": [f"<img src=x onerror=\\"window.__pwned='table'\\"> we will verify {i}"
                                 for i in range(60)]})
evidence(quotes, "browser-test-quotes", limit=40, sort_by="speaker", ascending=False)"""


def test_report_tables_are_interactive_offline(browser, tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = folder / "01_tables.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(ITABLES_CELL),
                                                   nbformat.v4.new_code_cell("quotes")]), path)
    index = write_report([(path, execute_notebook(path))], tmp_path / "reports")
    assert (index.parent / "evidence" / "browser-test-quotes.csv").exists()  # the full table, beside the page
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watcher = Watcher(page, ("file://", "data:", "blob:"))
    page.goto((index.parent / "01_tables.html").as_uri())
    table = "#evidence-browser-test-quotes"
    page.wait_for_selector(f"{table}.dataTable", timeout=30_000)
    wrapper = page.locator(f"{table}_wrapper")
    assert wrapper.locator(".dt-search input").count() == 1 and wrapper.locator(".dt-paging").count() == 1
    assert wrapper.locator("tbody tr").count() == 10  # the first page of the 40 rows shown
    assert "Speaker 59" in wrapper.locator("tbody tr").first.inner_text()  # sorted as asked
    wrapper.locator(".dt-search input").fill("Speaker 42")
    page.wait_for_function(f"document.querySelectorAll('{table} tbody tr').length === 1")
    assert "verify 42" in wrapper.locator("tbody tr").first.inner_text()
    assert page.locator("a[href='evidence/browser-test-quotes.csv']").count() == 1
    assert page.locator("table.dataTable").count() == 2  # the plain DataFrame too (all_interactive)
    assert page.evaluate("() => window.__pwned") is None and page.locator("img[src='x']").count() == 0
    (ARTIFACTS / "report").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "report" / "itables.png", full_page=True)
    assert [url for url in watcher.requests if not url.startswith("blob:")] == [], watcher.requests[:5]
    assert watcher.errors == [], watcher.errors[:5]
