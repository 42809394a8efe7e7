"""Charts with their uncertainty: whiskers are the article-level 95 % intervals of the findings statistics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.findings.charts import findings_chart
from helpers.findings.compare import Measure, contrast, correct, per_article, share_intervals
from helpers.findings.stats import bootstrap_ratio
from helpers.framing.charts import quote_share_chart
from helpers.grouping import GROUP
from helpers.wording.charts import voice_chart
from helpers.wording.measures import voice_by_group


def quotes_of(groups: dict[str, int]) -> pd.DataFrame:
    """Each article of group g: 4 quotes, the first ``i % 3`` of them anonymous (varied across articles)."""
    rows = []
    for group, n in groups.items():
        for i in range(n):
            for k in range(4):
                rows.append({"article_id": f"{group}{i}", GROUP: group, "speaker_type": "anonymous" if k < i % 3
                             else "politician", "speaker_shown": "X", "quote": "words", "verb_class": "neutral"})
    return pd.DataFrame(rows)


def test_share_intervals_are_the_bootstrap_of_each_groups_articles():
    quotes = quotes_of({"left": 9, "right": 3})
    bounds = share_intervals(quotes, "speaker_type").set_index([GROUP, "value"])
    per = quotes[quotes[GROUP] == "left"].groupby("article_id")["speaker_type"].agg(
        lambda s: (s == "anonymous").sum())
    expected = bootstrap_ratio(per.to_numpy(), np.full(len(per), 4))
    assert bounds.loc[("left", "anonymous"), "share"] == pytest.approx(expected.value)
    assert bounds.loc[("left", "anonymous"), ["low", "high"]].tolist() == pytest.approx([expected.low, expected.high])
    assert bounds.loc[("right", "anonymous"), ["low", "high"]].isna().all()  # 3 articles: too few for an interval


def test_the_quote_share_chart_draws_the_intervals_as_whiskers():
    quotes = quotes_of({"left": 9, "right": 6})
    fig = quote_share_chart(quotes, "speaker_type", "lean")
    bounds = share_intervals(quotes, "speaker_type").set_index([GROUP, "value"])
    trace = next(t for t in fig.data if t.name == "anonymous")
    left = bounds.loc[("left", "anonymous")]
    assert trace.error_y.array[0] == pytest.approx(left["high"] - left["share"])
    assert trace.error_y.arrayminus[0] == pytest.approx(left["share"] - left["low"])


def test_the_voice_chart_has_whiskers_only_when_given_the_clauses():
    clauses = pd.DataFrame({"article_id": [f"a{i}" for i in range(12) for _ in range(5)],
                            "voice": ["passive", "active", "active", "passive", "active"] * 12,
                            "agent": ["", "x", "x", "y", "x"] * 12})
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(12)], GROUP: ["a"] * 6 + ["b"] * 6})
    data = clauses.merge(articles, on="article_id")
    voice = voice_by_group(clauses, articles)
    assert voice_chart(voice, "lean").data[0].error_y.array is None
    with_bars = voice_chart(voice, "lean", clauses=data)
    assert all(t.error_y.array is not None for t in with_bars.data)


def test_the_findings_chart_has_one_panel_per_finding_with_the_intervals():
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(16)], GROUP: ["a"] * 8 + ["b"] * 8})
    rows = []
    for name in ("one", "two"):
        num = pd.Series(np.arange(16) % 4, index=articles["article_id"])
        rows.append(contrast(per_article(articles, num, 10), Measure(name, "S", name, "share of quotes", ""),
                             notebook="x"))
    findings = correct(pd.concat(rows, ignore_index=True))
    fig = findings_chart(findings, "lean")
    assert len(fig.data) == 2
    first = findings.iloc[0]
    assert fig.data[0].x[0] == pytest.approx(100 * first["estimate"])
    assert fig.data[0].error_x.array[0] == pytest.approx(100 * (first["high"] - first["estimate"]))
