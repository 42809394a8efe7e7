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
    sentences: pd.DataFrame | None = None  # the NLP tables: None unless loaded with nlp=True
    mentions: pd.DataFrame | None = None
    stories: pd.DataFrame | None = None
    facts: pd.DataFrame | None = None
    places: pd.DataFrame | None = None
    tokens: pd.DataFrame | None = None
    clauses: pd.DataFrame | None = None
    reuse: pd.DataFrame | None = None
    reuse_passages: pd.DataFrame | None = None
    derivation: pd.DataFrame | None = None
    quotes: pd.DataFrame | None = None

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
        return dict(zip(self.articles["article_id"], self.articles[self.group_by] + " · " + label, strict=True))


def load_corpus(
    raw_dir: str | Path | None = None,
    processed_dir: str | Path | None = None,
    group_by: str | None = None,
    build: bool = True,
    nlp: bool = False,
) -> Corpus:
    """Build (incrementally) and load the corpus in ``raw_dir``.

    ``group_by`` is the articles column to compare (default ``outlet``, or
    ``$NEWSCOMPARE_GROUP_BY``); any manifest column works. With ``nlp``, the
    spaCy stage runs too (parses are cached) and the sentences, mentions,
    stories, facts and places tables are loaded. Raises KeyError when
    ``group_by`` is not a column.
    """
    if build:
        report: BuildReport = build_corpus(raw_dir, processed_dir, progress=False, nlp=nlp)
        raw, out = report.raw_dir, report.out_dir
    else:
        from helpers.paths import resolve_dirs

        raw, out = resolve_dirs(raw_dir, processed_dir)
    group_by = group_by or os.environ.get(GROUP_ENV) or "outlet"
    names = ["articles", "paragraphs", "removed", "problems"]
    names += ["sentences", "mentions", "stories", "facts", "places", "tokens", "clauses", "reuse", "reuse_passages",
              "derivation", "quotes"] if nlp else []
    tables = {name: read_table(out, name) for name in names}
    if group_by not in tables["articles"].columns:
        raise KeyError(f"group_by={group_by!r} is not a column of the articles table; "
                       f"choose one of {', '.join(tables['articles'].columns)}")
    articles = tables["articles"]
    articles[group_by] = articles[group_by].fillna("").astype(str).replace("", "(unknown)")
    return Corpus(raw_dir=raw, processed_dir=out, group_by=group_by, **tables)
