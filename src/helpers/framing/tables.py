"""The ``quotes`` table, built with the NLP stage from each parsed article and its mentions."""

from __future__ import annotations

import pandas as pd

from helpers.framing.quotes import QUOTE_COLUMNS, extract_quotes
from helpers.framing.sources import load_source_types, with_corpus_types
from helpers.lexicons import load_reporting_verbs


def quote_rows(docs, mentions: pd.DataFrame) -> pd.DataFrame:
    """The ``quotes`` table from (article_id, Doc) pairs and the ``mentions`` table."""
    verbs, types = load_reporting_verbs(), load_source_types()
    by_article = dict(tuple(mentions.groupby("article_id"))) if len(mentions) else {}
    tables = [extract_quotes(doc, by_article.get(article_id), article_id, verbs, types) for article_id, doc in docs]
    tables = [t for t in tables if len(t)]
    if not tables:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return with_corpus_types(pd.concat(tables, ignore_index=True)[QUOTE_COLUMNS])
