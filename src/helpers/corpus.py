"""The corpus as the notebooks see it: build what is missing, load the tables once, bind the comparison column.

A notebook's parameters cell chooses the corpus folder and the column to compare by; :func:`load_corpus`
does the rest, so the same notebook runs unchanged on any folder of articles. The comparison column
is bound once (:mod:`helpers.grouping`): the articles table gets a ``group`` column, and every measure
groups by it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from helpers.config import DEFAULT_GROUP_BY, GROUP_ENV, display_path, is_example_corpus, resolve_dirs
from helpers.grouping import GROUP, bind_group
from helpers.schema import CLEAN_TABLES, NLP_TABLES
from helpers.storage import current_set, read_table
from helpers.text import printable


class EmptyCorpusError(RuntimeError):
    """No article could be built from the corpus folder: the message says why and what to do.

    In a notebook it is shown as its message alone (no traceback), and stops "Run all".
    """

    def _render_traceback_(self) -> list[str]:  # IPython calls this instead of printing a traceback
        return [f"Nothing to analyse. {self}"]


@dataclass
class Corpus:
    """The processed tables of one corpus, where they came from, and the column its groups come from.

    One attribute per table of :mod:`helpers.schema` (the NLP tables are None unless loaded with
    ``nlp=True``); ``articles`` carries the bound ``group`` column.
    """

    raw_dir: Path
    processed_dir: Path
    group_by: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    on_demand: dict[str, Path] = field(default_factory=dict, repr=False)  # table name -> folder to read it from

    def __getattr__(self, name: str):
        if name in TABLE_NAMES:
            tables = self.__dict__.get("tables", {})
            folder = self.__dict__.get("on_demand", {}).get(name)
            if name not in tables and folder is not None:
                tables[name] = _read_published(folder, self.__dict__["processed_dir"], name)
            return tables.get(name)
        raise AttributeError(name)

    @property
    def is_example(self) -> bool:
        return is_example_corpus(self.raw_dir)

    @property
    def groups(self) -> list[str]:
        return sorted(self.articles[GROUP].unique())

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
        if not self.is_example:
            lines.append("Any cell headed \"About the example corpus\" describes the five example articles, not this "
                         "corpus (its report leaves them out).")
        if len(self.problems):
            skipped = int(self.problems["skipped"].sum())
            lines.append(f"{len(self.problems)} problems while building ({skipped} files skipped): "
                         "see corpus.problems.")
        return "\n".join(lines)

    def shown(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` for display: its ``group`` column named as the manifest names it (``outlet``, ``lean`` …)."""
        if GROUP not in table.columns or self.group_by in table.columns:
            return table
        return table.rename(columns={GROUP: self.group_by})

    def sentence_lists(self) -> list[list[str]]:
        """Each article's sentences (from the parser), in the order of ``articles``."""
        if self.sentences is None:
            raise ValueError("load the corpus with nlp=True to get its sentences")
        by_article = self.sentences.sort_values(["article_id", "sentence_id"]).groupby("article_id")["text"]
        texts = {article_id: list(texts) for article_id, texts in by_article}
        return [texts.get(article_id, []) for article_id in self.articles["article_id"]]

    def titles(self) -> dict[str, str]:
        """article_id → "group · headline (or event)", for labelling evidence."""
        label = self.articles["headline"].where(self.articles["headline"] != "", self.articles["event"])
        return dict(zip(self.articles["article_id"], self.articles[GROUP] + " · " + label, strict=True))


TABLE_NAMES = tuple(t.name for t in CLEAN_TABLES + NLP_TABLES)
assert not {f.name for f in fields(Corpus)} & set(TABLE_NAMES)


def load_corpus(
    raw_dir: str | Path | None = None,
    processed_dir: str | Path | None = None,
    group_by: str | None = None,
    *,
    build: bool = True,
    nlp: bool = False,
) -> Corpus:
    """Build (incrementally) and load the corpus in ``raw_dir``.

    ``group_by`` is the articles column to compare (default ``outlet``, or ``$NEWSCOMPARE_GROUP_BY``);
    any manifest column works. With ``nlp``, the spaCy stage runs too (parses are cached) and every
    NLP table of :mod:`helpers.schema` is available: each is read from the published set when a notebook
    first uses it (``corpus.tokens`` …), so a notebook that never reads the tokens never holds them in
    memory. Raises KeyError when ``group_by`` is not a column.
    """
    if build:
        from helpers.build import build_corpus

        report = build_corpus(raw_dir, processed_dir, progress=False, nlp=nlp)
        raw, out = report.raw_dir, report.out_dir
    else:
        raw, out = resolve_dirs(raw_dir, processed_dir)
    group_by = group_by or os.environ.get(GROUP_ENV) or DEFAULT_GROUP_BY
    tables = {t.name: read_table(out, t.name) for t in CLEAN_TABLES}
    if tables["articles"].empty:
        raise EmptyCorpusError(_why_empty(raw, tables["problems"]))
    published = current_set(out).resolve()  # this set, even if a later build publishes another one
    on_demand = {t.name: published for t in (NLP_TABLES if nlp else ())}
    tables["articles"] = bind_group(tables["articles"], group_by)
    return Corpus(raw_dir=raw, processed_dir=out, group_by=group_by, tables=tables, on_demand=on_demand)


def _read_published(folder: Path, out: Path, name: str) -> pd.DataFrame:
    """Table ``name`` from the set ``folder`` loaded with the corpus, or the current one if it was swept since."""
    return read_table(folder if (folder / f"{name}.parquet").exists() else out, name)


def _why_empty(raw: Path, problems: pd.DataFrame, limit: int = 10) -> str:
    """Why no article was built from ``raw``, in a few lines."""
    reasons = [f"  {printable(p.file)}: {p.reason}" for p in problems.head(limit).itertuples()]
    more = [f"  … and {len(problems) - limit} more (see problems.csv)"] if len(problems) > limit else []
    found = (f"{len(problems)} problems while building:\n" + "\n".join(reasons + more) if len(problems)
             else "The folder holds no article files (.txt or .html; the manifest, READMEs and hidden files "
                  "are not articles).")
    return (f"No article could be built from {display_path(raw)}.\n{found}\nFix these files, or point CORPUS_DIR "
            "at another folder.")
