"""The corpus as the notebooks see it: build what is missing, then load the tables.

A notebook's parameters cell chooses the corpus folder; :func:`load_corpus`
does the rest, so the same notebook runs unchanged on any folder of articles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.build import BuildReport, build_corpus
from helpers.paths import display_path, example_corpus_dir
from helpers.storage import read_table

GROUP_ENV = "NEWSCOMPARE_GROUP_BY"


@dataclass
class Corpus:
    """The processed tables of one corpus and where they came from."""

    raw_dir: Path
    processed_dir: Path
    group_by: str
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame

    @property
    def is_example(self) -> bool:
        return self.raw_dir.resolve() == example_corpus_dir().resolve()

    @property
    def groups(self) -> list[str]:
        return sorted(self.articles[self.group_by].dropna().astype(str).unique())

    def describe(self) -> str:
        """A one-paragraph, deterministic description of the corpus."""
        which = "the example corpus" if self.is_example else "your corpus"
        dates = self.articles["published"].dropna()
        span = (f", published {dates.min():%d %b %Y} to {dates.max():%d %b %Y}" if len(dates) else "")
        lines = [
            f"Corpus: {which} in {display_path(self.raw_dir)} (tables in {display_path(self.processed_dir)})",
            f"{len(self.articles)} articles from {len(self.groups)} groups of '{self.group_by}'{span}; "
            f"{int(self.articles['n_words'].sum()):,} words in the cleaned bodies.",
        ]
        if len(self.problems):
            skipped = int(self.problems["skipped"].sum())
            lines.append(f"{len(self.problems)} problems while building ({skipped} files skipped): "
                         "see corpus.problems.")
        return "\n".join(lines)


def load_corpus(
    raw_dir: str | Path | None = None,
    processed_dir: str | Path | None = None,
    group_by: str | None = None,
    build: bool = True,
) -> Corpus:
    """Build (incrementally) and load the corpus in ``raw_dir``.

    ``group_by`` is the articles column to compare (default ``outlet``, or
    ``$NEWSCOMPARE_GROUP_BY``); any manifest column works. Raises KeyError
    when that column does not exist.
    """
    if build:
        report: BuildReport = build_corpus(raw_dir, processed_dir, progress=False)
        raw, out = report.raw_dir, report.out_dir
    else:
        from helpers.paths import resolve_dirs

        raw, out = resolve_dirs(raw_dir, processed_dir)
    group_by = group_by or os.environ.get(GROUP_ENV) or "outlet"
    tables = {name: read_table(out, name) for name in ("articles", "paragraphs", "removed", "problems")}
    if group_by not in tables["articles"].columns:
        raise KeyError(f"group_by={group_by!r} is not a column of the articles table; "
                       f"choose one of {', '.join(tables['articles'].columns)}")
    articles = tables["articles"]
    articles[group_by] = articles[group_by].fillna("").astype(str).replace("", "(unknown)")
    return Corpus(raw_dir=raw, processed_dir=out, group_by=group_by, **tables)
