"""From per-article counts to findings rows: each group's estimate and interval, then the group comparisons.

A *measure* is a ratio over articles (numerator and denominator per article, e.g. anonymous quotes and all
quotes). :func:`contrast` turns one measure into rows of the findings table, one per group: the estimate and
its 95 % interval, and the comparison that group's row carries (two groups: A against B, on A's row; more
groups: each group against the rest). :func:`correct` then applies Benjamini-Hochberg across every comparison
of a notebook and writes each verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.config import FINDINGS_ALPHA, MIN_GROUP_ARTICLES, PERMUTATIONS
from helpers.findings.stats import bootstrap_ratio, enough, permutation_difference
from helpers.grouping import GROUP

COLUMNS = ["notebook", "section", "finding", "measure", "unit", "group_by", "group", "estimate", "low", "high",
           "n_articles", "comparison", "difference", "ratio", "p", "q", "n_comparisons", "test", "evidence", "verdict"]
TEST = f"permutation test of the group labels of articles ({PERMUTATIONS} shuffles), two-sided"
LARGER, NOISE = "larger than chance", "within noise"
TOO_FEW = "too few articles to compare"
ONE_GROUP = "one group: nothing to compare"
NONE_FOUND = "none found in any group"
SHARE_UNITS = ("share of",)  # units that are shares (shown in %), the rest are rates or means
EXAMPLES = "; e.g. articles "  # separates an evidence pointer from the articles that contribute most


@dataclass(frozen=True)
class Measure:
    """What a finding measures, in plain words: ``measure`` ("quotes from anonymous sources"), ``unit``
    ("share of quotes", "per 1,000 words" …), ``scale`` (1000 for a rate per 1,000 words) and ``evidence``
    (where to read the items counted, e.g. "corpus.quotes with speaker_type 'anonymous'")."""

    finding: str
    section: str
    measure: str
    unit: str
    evidence: str
    scale: float = 1.0
    has_ratio: bool = True  # False for a mean that can be negative (a tone score): no "times as much"

    @property
    def is_share(self) -> bool:
        return self.unit.startswith(SHARE_UNITS)


def per_article(articles: pd.DataFrame, num, den) -> pd.DataFrame:
    """One row per article of ``articles``: ``article_id``, ``group``, ``num``, ``den``.

    ``num`` and ``den`` are Series indexed by article id (missing articles count 0) or a scalar (every
    article's value, e.g. den=1 for a share of articles).
    """
    frame = articles[["article_id", GROUP]].reset_index(drop=True)
    for column, values in (("num", num), ("den", den)):
        if isinstance(values, pd.Series):
            frame[column] = frame["article_id"].map(values).fillna(0).astype(float)
        else:
            frame[column] = float(values)
    return frame


def _evidence(part: pd.DataFrame, pointer: str, limit: int = 3) -> str:
    """The pointer and the articles that contribute most to the numerator (ties: article id)."""
    top = part[part["num"] > 0].sort_values(["num", "article_id"], ascending=[False, True]).head(limit)
    ids = ", ".join(top["article_id"])
    return f"{pointer}{EXAMPLES}{ids}" if ids else pointer


def contrast(data: pd.DataFrame, measure: Measure, *, notebook: str,
             minimum: int = MIN_GROUP_ARTICLES) -> pd.DataFrame:
    """Rows of the findings table for one measure; ``data`` comes from :func:`per_article`.

    ``n_articles`` counts the articles the measure applies to (a positive denominator). A group with fewer
    than ``minimum`` of them gets no interval and no test ("too few articles to compare"). p is filled; q
    and the verdicts of tested rows come from :func:`correct`.
    """
    groups = sorted(data[GROUP].unique())
    data = data[data["den"] > 0]
    parts = {g: data[data[GROUP] == g] for g in groups}
    rows = []
    for group in groups:
        part = parts[group]
        est = bootstrap_ratio(part["num"], part["den"])
        wide = enough(est.n_articles, minimum)
        row = {"notebook": notebook, "section": measure.section, "finding": measure.finding,
               "measure": measure.measure, "unit": measure.unit, "group_by": "", "group": group,
               "estimate": est.value * measure.scale, "low": est.low * measure.scale if wide else np.nan,
               "high": est.high * measure.scale if wide else np.nan, "n_articles": est.n_articles,
               "comparison": "", "difference": np.nan, "ratio": np.nan, "p": np.nan, "q": np.nan,
               "n_comparisons": 0, "test": "", "evidence": _evidence(part, measure.evidence), "verdict": ""}
        rows.append(row)
    if len(groups) == 1:
        rows[0]["verdict"] = ONE_GROUP
    if len(data) and data["num"].sum() == 0:  # nothing counted anywhere: no difference to test
        for row in rows:
            row["verdict"] = NONE_FOUND
        return pd.DataFrame(rows, columns=COLUMNS)
    pairs = ([(groups[0], [groups[1]])] if len(groups) == 2 else
             [(g, [h for h in groups if h != g]) for g in groups] if len(groups) > 2 else [])
    for group, others in pairs:
        row = rows[groups.index(group)]
        mine, rest = parts[group], data[data[GROUP].isin(others)]
        row["comparison"] = f"{group} vs {others[0] if len(others) == 1 else 'the other groups'}"
        if not (enough(len(mine), minimum) and enough(len(rest), minimum)):
            if len(mine) and len(rest):
                row["difference"] = (_ratio(mine) - _ratio(rest)) * measure.scale
            row["verdict"] = TOO_FEW
            continue
        result = permutation_difference(mine["num"], mine["den"], rest["num"], rest["den"])
        row.update(difference=result.difference * measure.scale, ratio=result.ratio if measure.has_ratio else np.nan,
                   p=result.p, test=TEST)
    return pd.DataFrame(rows, columns=COLUMNS)


def _ratio(part: pd.DataFrame) -> float:
    return float(part["num"].sum() / part["den"].sum())


def correct(rows: pd.DataFrame, *, alpha: float = FINDINGS_ALPHA) -> pd.DataFrame:
    """Benjamini-Hochberg across every tested comparison of ``rows`` (one notebook): q, n_comparisons, verdict."""
    from helpers.findings.stats import benjamini_hochberg

    rows = rows.reset_index(drop=True).copy()
    rows["q"] = benjamini_hochberg(rows["p"].to_numpy())
    tested = rows["p"].notna()
    rows["n_comparisons"] = int(tested.sum())
    rows.loc[tested, "verdict"] = np.where(rows.loc[tested, "q"] < alpha, LARGER, NOISE)
    return rows



def share_intervals(items: pd.DataFrame, column: str) -> pd.DataFrame:
    """For charts: per group and value of ``column``, the share of the group's items (quotes, clauses, people;
    rows with ``article_id`` and ``group``) with that value, and its 95 % article-level bootstrap interval.

    Columns ``group``, ``value``, ``share``, ``low``, ``high``, ``n_articles``; a group under the minimum of
    articles gets no interval (NaN).
    """
    from helpers.findings.stats import bootstrap_ratio

    columns = [GROUP, "value", "share", "low", "high", "n_articles"]
    if items.empty:
        return pd.DataFrame(columns=columns)
    counts = items.assign(value=items[column]).groupby([GROUP, "article_id", "value"]).size().unstack(
        "value", fill_value=0)
    rows = []
    for group, part in counts.groupby(level=GROUP, sort=True):
        total = part.sum(axis=1).to_numpy()
        for value in part.columns:
            est = bootstrap_ratio(part[value].to_numpy(), total)
            wide = enough(est.n_articles)
            rows.append({GROUP: group, "value": value, "share": est.value, "low": est.low if wide else np.nan,
                         "high": est.high if wide else np.nan, "n_articles": est.n_articles})
    return pd.DataFrame(rows, columns=columns)
