"""One config: the numbers the notebooks' prose and the methods page cite are the numbers the code uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import config
from helpers.config import date_slack, thresholds_table
from helpers.framing.evaluation import GGT_FIGURES

ROOT = Path(__file__).resolve().parents[1]
WORDS = {3: "three", 4: "four", 5: "five"}


def markdown(notebook: str) -> str:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return " ".join(" ".join("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")


# (notebook, the sentence that cites a number, with {} where the number stands, the number)
CITED = [
    ("03_coverage.ipynb", "as long as their mean score is at least {}.", config.STORY_SIMILARITY),
    ("03_coverage.ipynb", "needs a text similarity of at least {} instead", config.UNDATED_STORY_SIMILARITY),
    ("03_coverage.ipynb", "(a Gaussian with σ = {} days)", f"{config.STORY_TIME_SIGMA_DAYS:g}"),
    ("03_coverage.ipynb", "headline and first {} sentences", WORDS[config.STORY_LEAD_SENTENCES]),
    ("03_coverage.ipynb", "different articles is at least {}.", config.FACT_SIMILARITY),
    ("05_sources.ipynb", "Quotes of fewer than {} words count only inside", config.MIN_QUOTE_WORDS),
    ("05_sources.ipynb", "within {} tokens after the verb", config.CUE_WINDOW_TOKENS),
    ("06_framing.ipynb", "A sentence is negative below −{}", config.TONE_NEUTRAL_BAND),
    ("06_framing.ipynb", "and positive above {}.", config.TONE_NEUTRAL_BAND),
    ("07_reuse.ipynb", "when at least {} % of its words are in shared passages", round(100 * config.WHOLLY_DERIVED)),
    ("07_reuse.ipynb", "**partially derived** from {} %", round(100 * config.PARTIALLY_DERIVED)),
]
FINDINGS_NOTEBOOKS = ("03_coverage", "04_wording", "05_sources", "06_framing", "07_reuse")
CITED += [(f"{n}.ipynb", "A group with fewer than {} articles the measure applies to", config.MIN_GROUP_ARTICLES)
          for n in FINDINGS_NOTEBOOKS]
CITED += [(f"{n}.ipynb", "Below {} the block says *larger than chance*", config.FINDINGS_ALPHA)
          for n in FINDINGS_NOTEBOOKS]
CITED += [(f"{n}.ipynb", "The {} % interval comes from resampling", round(100 * config.FINDINGS_LEVEL))
          for n in FINDINGS_NOTEBOOKS]


@pytest.mark.parametrize(("notebook", "sentence", "value"), CITED, ids=[c[1][:30] for c in CITED])
def test_notebook_prose_cites_the_config_value(notebook, sentence, value):
    assert sentence.format(value) in markdown(notebook)


def test_every_threshold_is_documented_once():
    table = thresholds_table()
    assert table["name"].is_unique and (table["meaning"].str.len() > 20).all()
    for row in table.itertuples():
        assert getattr(config, row.name) == row.value


def test_one_date_slack_for_every_stage():
    assert [date_slack(p) for p in ("day", "", None, "approximate", "month", "year")] == [0, 0, 0, 1, 31, 366]
    assert date_slack("weekly") == date_slack("approximate")  # an unknown precision is treated as approximate
    for module in ("coverage/tables.py", "reuse/tables.py"):
        assert "DATE_SLACK_DAYS = " not in (ROOT / "src" / "helpers" / module).read_text(encoding="utf-8")


def test_the_methods_page_cites_the_published_figures_the_code_compares_with():
    methods = " ".join((ROOT / "docs" / "methods.md").read_text(encoding="utf-8").split())
    p, r, f = (round(100 * GGT_FIGURES[k], 1) for k in ("precision", "recall", "f1"))
    assert f"{p} / {r} / {f} %" in methods
    low, high = (round(100 * v, 1) for v in GGT_FIGURES["speaker_accuracy"])
    assert f"speaker correct {low}–{high} %" in methods


def test_nothing_in_the_notebooks_points_outside_the_repository():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        sources = " ".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert not re.search(r"\.\./shared|/work/|\.\./\.\./", sources), path.name
