"""Reuse measures for the notebook: the containment matrix, the most telling pair, each article's origin."""

from __future__ import annotations

import pandas as pd


def containment_matrix(reuse: pd.DataFrame, article_ids: list[str], column: str = "containment") -> pd.DataFrame:
    """``column`` of ``reuse`` as a square table: rows are sources, columns targets (diagonal and missing: 0)."""
    matrix = reuse.pivot(index="source_id", columns="target_id", values=column)
    return matrix.reindex(index=article_ids, columns=article_ids).fillna(0.0)


def top_pair(reuse: pd.DataFrame) -> tuple[str, str] | None:
    """The (source, target) of the most telling pair: the chosen derivation sharing the most, else the top share."""
    if reuse.empty or reuse["share"].max() <= 0:
        return None
    ranked = reuse.sort_values(["is_derivation", "share", "source_id", "target_id"],
                               ascending=[False, False, True, True])
    row = ranked.iloc[0]
    return row["source_id"], row["target_id"]


def origins(derivation: pd.DataFrame) -> pd.DataFrame:
    """Each article's independent origin in the corpus: itself when not derived, else its source's origin.

    Returns article_id, label, origin_id and steps (derivations between the
    article and its origin, 0 for an original); a cycle stops at the article
    where it would repeat.
    """
    source = dict(zip(derivation["article_id"], derivation["source_id"], strict=True))
    rows = []
    for article_id, label in zip(derivation["article_id"], derivation["label"], strict=True):
        seen, current = [article_id], article_id
        while source.get(current) and source[current] not in seen:
            current = source[current]
            seen.append(current)
        rows.append({"article_id": article_id, "label": label, "origin_id": current, "steps": len(seen) - 1})
    return pd.DataFrame(rows, columns=["article_id", "label", "origin_id", "steps"]).sort_values(
        "article_id").reset_index(drop=True)
