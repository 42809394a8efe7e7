"""Summary tables derived from the processed tables, for the notebooks."""

from __future__ import annotations

import pandas as pd

from helpers.cleaning.rules import rules_table

OVERVIEW_COLUMNS = ["article_id", "outlet", "published", "date_precision", "headline", "dateline",
                    "n_words", "n_paragraphs", "language", "format"]


def article_overview(articles: pd.DataFrame, *, group_name: str | None = None) -> pd.DataFrame:
    """The articles table without the long text columns; the comparison column ``group_name`` (as the
    manifest names it) first after the id."""
    columns = [c for c in OVERVIEW_COLUMNS if c in articles.columns]
    if group_name and group_name in articles.columns and group_name not in columns:
        columns.insert(1, group_name)
    overview = articles[columns].copy()
    overview["published"] = overview["published"].dt.strftime("%Y-%m-%d").fillna("")
    return overview


def cleaning_summary(articles: pd.DataFrame, paragraphs: pd.DataFrame, removed: pd.DataFrame) -> pd.DataFrame:
    """Per article: words in the body, in captions, and removed, with the share of the raw text removed."""
    kept = paragraphs.pivot_table(index="article_id", columns="kind", values="n_words", aggfunc="sum",
                                  fill_value=0)
    summary = pd.DataFrame(index=sorted(articles["article_id"]))
    summary.index.name = "article_id"
    for kind in ("body", "subheading", "caption"):
        summary[f"{kind}_words"] = kept.get(kind, 0)
    summary["removed_words"] = removed.groupby("article_id")["n_words"].sum()
    summary["removed_blocks"] = removed.groupby("article_id").size()
    summary = summary.fillna(0).astype(int)
    total = summary[["body_words", "subheading_words", "caption_words", "removed_words"]].sum(axis=1)
    summary["removed_share"] = (summary["removed_words"] / total).round(3)
    return summary.reset_index()


def removed_by_rule(removed: pd.DataFrame) -> pd.DataFrame:
    """Blocks and words removed per rule, with each rule's description."""
    counts = removed.groupby("rule").agg(blocks=("text", "size"), words=("n_words", "sum"),
                                         articles=("article_id", "nunique"))
    table = counts.join(rules_table().set_index("rule"), how="left").reset_index()
    return table.sort_values(["words", "rule"], ascending=[False, True]).reset_index(drop=True)


