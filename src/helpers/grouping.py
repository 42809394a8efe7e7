"""The comparison column, bound once.

:func:`helpers.corpus.load_corpus` copies the column the user compares by (``outlet``, ``lean``, a
country …) into the articles table as :data:`GROUP`. Every measure and chart then groups by
:data:`GROUP`: no function takes the column's name, so none can silently group by the wrong one.
Charts and tables show the column's real name through ``group_name``, a label only.
"""

from __future__ import annotations

import pandas as pd

from helpers.config import UNKNOWN_GROUP

GROUP = "group"


def bind_group(articles: pd.DataFrame, column: str) -> pd.DataFrame:
    """``articles`` with :data:`GROUP` set from ``column`` (text; empty values become ``(unknown)``).

    Raises KeyError naming the available columns when ``column`` is not one of them.
    """
    if column not in articles.columns:
        raise KeyError(f"group_by={column!r} is not a column of the articles table; "
                       f"choose one of {', '.join(c for c in articles.columns if c != GROUP)}")
    values = articles[column].fillna("").astype(str).str.strip().replace("", UNKNOWN_GROUP)
    return articles.assign(**{GROUP: values})


def with_group(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``table`` (with an ``article_id`` column) with its article's :data:`GROUP`, unless it has one already."""
    if GROUP in table.columns:
        return table
    return table.merge(articles[["article_id", GROUP]], on="article_id", how="left")


def group_sizes(articles: pd.DataFrame) -> pd.Series:
    """Articles per group, sorted by group."""
    return articles.groupby(GROUP).size().sort_index()
