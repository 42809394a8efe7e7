"""The ``quotes`` table, built with the NLP stage from each parsed article and its mentions."""

from __future__ import annotations

import pandas as pd

from helpers.framing.quotes import QUOTE_COLUMNS, extract_quotes
from helpers.framing.sources import load_source_types, with_corpus_types
from helpers.lexicons import load_reporting_verbs


def quote_rows(docs, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``quotes`` table from (article_id, Doc) pairs and the ``mentions`` table."""
    return corpus_quotes([article_quotes(docs, mentions)])


def article_quotes(docs, mentions: pd.DataFrame) -> pd.DataFrame:
    """The quotes of each (article_id, Doc), article by article (speaker types not yet compared across the
    corpus: see :func:`corpus_quotes`)."""
    verbs, types = load_reporting_verbs(), load_source_types()
    by_article = dict(tuple(mentions.groupby("article_id"))) if len(mentions) else {}
    tables = [extract_quotes(doc, by_article.get(article_id), article_id, verbs, types) for article_id, doc in docs]
    tables = [t for t in tables if len(t)]
    return pd.concat(tables, ignore_index=True)[QUOTE_COLUMNS] if tables else pd.DataFrame(columns=QUOTE_COLUMNS)


def corpus_quotes(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The ``quotes`` table from parts of :func:`article_quotes` (in article order): a speaker typed "other"
    in one article takes the type their quotes have elsewhere in the corpus."""
    parts = [part for part in parts if len(part)]
    if not parts:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return with_corpus_types(pd.concat(parts, ignore_index=True)[QUOTE_COLUMNS])
