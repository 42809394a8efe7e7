"""One call per notebook: compute its findings, correct them across the notebook, write them, return them.

:func:`section_findings` is what a notebook calls (``findings = section_findings(corpus, "05_sources")``).
It builds the notebook's measures (:mod:`helpers.findings.sections`), turns each into rows with intervals
and tests (:mod:`helpers.findings.compare`), applies Benjamini-Hochberg across the notebook, and replaces
that notebook's rows of the ``findings`` table (Parquet + CSV) in the corpus's current set of tables. The
rendered blocks (:mod:`helpers.findings.views`) read the same rows, so text and table agree by construction.
"""

from __future__ import annotations

import csv
import os
import warnings
from pathlib import Path

import pandas as pd

from helpers.findings import sections
from helpers.findings.compare import COLUMNS, contrast, correct
from helpers.schema_findings import FINDINGS
from helpers.storage import SETS, atomic_path, csv_safe, current_set

try:
    import fcntl  # POSIX: notebooks run side by side take turns to update the table
except ImportError:  # pragma: no cover (Windows: no lock; one notebook at a time)
    fcntl = None

NOTEBOOKS = {"03_coverage": "coverage", "04_wording": "wording", "05_sources": "sources", "06_framing": "framing",
             "07_reuse": "reuse"}


def measures_of(corpus, notebook: str, **given) -> sections.Items:
    """The (measure, per-article frame) pairs of ``notebook``; ``given`` passes per-article outputs the
    notebook already computed (``term_matches``, ``names``, ``certainty``, ``markers``, ``frames``, ``tone``,
    ``headlines``) so they are not computed twice."""
    room = NOTEBOOKS.get(notebook)
    c = corpus
    if room == "coverage":
        return sections.coverage(c.articles, c.mentions, c.stories, c.facts, **given)
    if room == "wording":
        return sections.wording(c.articles, c.tokens, c.mentions, c.clauses, c.sentences, **given)
    if room == "sources":
        return sections.sources(c.articles, c.quotes, c.people, **given)
    if room == "framing":
        return sections.framing(c.articles, c.sentences, c.tokens, **given)
    if room == "reuse":
        return sections.reuse(c.articles, c.derivation, **given)
    raise ValueError(f"no findings for notebook {notebook!r}; choose one of {', '.join(NOTEBOOKS)}")


def compute_findings(items: sections.Items, *, notebook: str) -> pd.DataFrame:
    """The findings rows of a notebook's measures, Benjamini-Hochberg corrected across all of them."""
    frames = [contrast(data, measure, notebook=notebook) for measure, data in items]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return correct(rows)


def section_findings(corpus, notebook: str, *, write: bool = True, **given) -> pd.DataFrame:
    """Compute, write and return the findings of ``notebook`` ("03_coverage" … "07_reuse") for ``corpus``.

    With ``write``, the notebook's rows replace its previous rows of the corpus's ``findings`` table; a
    processed folder that cannot be written only gets a warning (the findings are still returned).
    """
    rows = compute_findings(measures_of(corpus, notebook, **given), notebook=notebook)
    rows["group_by"] = corpus.group_by
    if write:
        try:
            write_findings(corpus.processed_dir, notebook, rows)
        except OSError as error:
            warnings.warn(f"the findings table could not be written ({error}); the findings below are not saved",
                          stacklevel=2)
    return rows


def read_findings(out_dir: str | Path) -> pd.DataFrame:
    """The corpus's findings table (empty, with its columns, when no notebook has written it yet)."""
    path = current_set(Path(out_dir)) / "findings.parquet"
    return pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=COLUMNS)


def write_findings(out_dir: str | Path, notebook: str, rows: pd.DataFrame) -> Path:
    """Replace ``notebook``'s rows of the findings table in the current set of ``out_dir`` (atomically, under a
    lock, so notebooks run side by side do not lose each other's rows). Returns the Parquet file."""
    out_dir = Path(out_dir)
    folder = current_set(out_dir).resolve()
    if not folder.is_dir():
        raise OSError(f"{out_dir} holds no built tables")
    with open(folder / ".findings.lock", "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        old = read_findings(out_dir)
        table = pd.concat([old[old["notebook"] != notebook], rows], ignore_index=True) if len(old) else rows
        table = table[FINDINGS.column_names].sort_values(list(FINDINGS.sort_by), kind="stable", ignore_index=True)
        table = table.astype({"n_articles": "int64", "n_comparisons": "int64"})
        with atomic_path(folder / "findings.parquet") as temp:
            table.to_parquet(temp, index=False)
        with atomic_path(folder / "findings.csv") as temp:
            csv_safe(table).to_csv(temp, index=False, encoding="utf-8-sig", lineterminator="\n",
                                   quoting=csv.QUOTE_MINIMAL)
    for name in ("findings.parquet", "findings.csv"):  # the documented path, a link through the current set
        link, target = out_dir / name, f"{SETS}/current/{name}"
        if not (link.is_symlink() and os.readlink(link) == target):
            with atomic_path(link) as temp:
                temp.unlink()
                os.symlink(target, temp)
    return out_dir / "findings.parquet"
