"""nbval compares real results: a changed number fails, volatile details do not.

Each case copies notebook 01 (no spaCy, a few seconds), edits one stored
output, and runs nbval on the copy exactly as `make test` runs it.
"""

import base64
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers.config import repo_root

NOTEBOOK = repo_root() / "notebooks" / "01_cleaning.ipynb"
SANITIZE = repo_root() / "tests" / "nbval_sanitize.cfg"
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _run_nbval(notebook: dict, folder: Path) -> subprocess.CompletedProcess:
    path = folder / "01_cleaning.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE),
         "-p", "no:cacheprovider", "-q", str(path)],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )


def _stored() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def _outputs(notebook: dict):
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            yield cell, output


@pytest.mark.slow
def test_nbval_fails_when_a_number_in_a_table_changes(tmp_path):
    notebook = _stored()
    changed = 0
    for _, output in _outputs(notebook):
        for mime in ("text/plain", "text/html"):
            text = "".join(output.get("data", {}).get(mime, []))
            if "removed_share" in text and "0.174" in text:
                output["data"][mime] = text.replace("0.174", "0.175")
                changed += 1
    assert changed == 2, "the stored cleaning summary should show 003's removed share, 0.174"
    result = _run_nbval(notebook, tmp_path)
    assert result.returncode != 0
    assert "1 failed" in result.stdout and "0.174" in result.stdout


@pytest.mark.slow
def test_nbval_fails_when_a_number_inside_a_chart_changes(tmp_path):
    notebook = _stored()
    figure = next(o["data"][PLOTLY_MIME] for _, o in _outputs(notebook) if PLOTLY_MIME in o.get("data", {}))
    body = next(trace for trace in figure["data"] if trace["name"] == "body")
    if isinstance(body["x"], dict):  # plotly stores numbers as a base64 typed array
        words = np.frombuffer(base64.b64decode(body["x"]["bdata"]), dtype=body["x"]["dtype"]).copy()
        words[0] += 1
        body["x"]["bdata"] = base64.b64encode(words.tobytes()).decode()
    else:
        body["x"][0] += 1
    result = _run_nbval(notebook, tmp_path)
    assert result.returncode != 0
    assert "1 failed" in result.stdout


@pytest.mark.slow
def test_nbval_passes_the_stored_notebook_with_volatile_details_changed(tmp_path):
    notebook = _stored()
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 99
            cell["metadata"]["execution"] = {"iopub.status.busy": "2030-01-01T00:00:00Z"}
    result = _run_nbval(notebook, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
