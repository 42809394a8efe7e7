"""Charts of the reuse notebook: the matrix of pairwise containment and the reuse network."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.config import PARTIALLY_DERIVED
from helpers.grouping import GROUP
from helpers.present.charts import finish, group_colors, group_label, short_text


def reuse_articles(reuse: pd.DataFrame, articles: pd.DataFrame, limit: int = 40) -> list[str]:
    """The articles to show: all of a small corpus, else the ``limit`` sharing the most with another, by id."""
    ids = sorted(articles["article_id"])
    if len(ids) <= limit:
        return ids
    best = pd.concat([reuse.groupby("source_id")["share"].max(), reuse.groupby("target_id")["share"].max()])
    best = best.groupby(level=0).max().reset_index().set_axis(["article_id", "share"], axis=1)
    return sorted(best.sort_values(["share", "article_id"], ascending=[False, True]).head(limit)["article_id"])


def containment_matrix_chart(reuse: pd.DataFrame, articles: pd.DataFrame, group_name: str = GROUP,
                             limit: int = 40) -> go.Figure:
    """Containment of each target article (column) in each source (row), as a heatmap.

    Hover gives the pair, the containment, the words in shared passages and
    the METER label; the diagonal (an article with itself) is left empty.
    """
    ids = reuse_articles(reuse, articles, limit)
    groups = articles.set_index("article_id")[GROUP].map(group_label).to_dict()
    labels = [f"{a} ({groups.get(a, '')})" for a in ids]
    position = {a: i for i, a in enumerate(ids)}
    z = np.full((len(ids), len(ids)), np.nan)
    hover = np.full((len(ids), len(ids)), "", dtype=object)
    for row in reuse[reuse["source_id"].isin(position) & reuse["target_id"].isin(position)].itertuples():
        i, j = position[row.source_id], position[row.target_id]
        z[i, j] = row.containment
        hover[i, j] = (f"<b>{short_text(row.target_id)}</b> in <b>{short_text(row.source_id)}</b><br>"
                       f"containment: {row.containment:.0%} of the target's 5-word sequences<br>"
                       f"{row.shared_words} words of the target in {row.n_passages} shared passage(s) "
                       f"({row.share:.0%})<br>{short_text(row.label)}")
    fig = go.Figure(go.Heatmap(
        z=z, x=labels, y=labels, text=hover, hovertemplate="%{text}<extra></extra>", colorscale="Blues",
        zmin=0, zmax=1, colorbar={"title": {"text": "containment"}, "tickformat": ".0%"}, xgap=2, ygap=2,
        hoverongaps=False,
    ))
    fig.update_yaxes(autorange="reversed")
    shown = "" if len(ids) == len(articles) else f" ({len(ids)} articles sharing the most)"
    return finish(fig, f"How much of each article (column) is in each other article (row){shown}",
                  "Target article: the one that may reuse text", "Source article: where the text may come from",
                  height=max(420, 34 * len(ids) + 220),
                  caption="Each cell is the share of the column article's 5-word runs found in the row article; "
                          "dark cells are text one article shares with another.")


def _circle(ids: list[str]) -> dict[str, tuple[float, float]]:
    """Positions on a unit circle, clockwise from the top, in the order given."""
    n = max(len(ids), 1)
    return {a: (math.sin(2 * math.pi * k / n), math.cos(2 * math.pi * k / n)) for k, a in enumerate(ids)}


def reuse_network(derivation: pd.DataFrame, reuse: pd.DataFrame, articles: pd.DataFrame, group_name: str = GROUP,
                  limit: int = 40) -> go.Figure:
    """Articles as nodes on a circle (clockwise by date), coloured by group; an arrow from each source to its copy.

    Arrow width grows with the share of the copy's words found in the
    source; a dotted grey line joins other pairs that share at least
    ``PARTIALLY_DERIVED`` of one article without being its chosen source.
    """
    shown = set(reuse_articles(reuse, articles, limit))
    data = articles[articles["article_id"].isin(shown)].copy()
    data["group"] = data[GROUP].map(group_label)
    data = data.sort_values(["published", "article_id"], na_position="last")
    where = _circle(list(data["article_id"]))
    colors = group_colors(articles[GROUP])
    labels = derivation.set_index("article_id")
    fig = go.Figure()
    others = reuse[(reuse["share"] >= PARTIALLY_DERIVED) & ~reuse["is_derivation"]
                   & reuse["source_id"].isin(shown) & reuse["target_id"].isin(shown)]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for row in others.itertuples():
        (x0, y0), (x1, y1) = where[row.source_id], where[row.target_id]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#BBBBBB", "width": 1, "dash": "dot"},
                                 hoverinfo="skip", name="shares ≥ 20 % (not chosen as source)"))
    edges = derivation[(derivation["source_id"] != "") & derivation["source_id"].isin(shown)
                       & derivation["article_id"].isin(shown)]
    mid_x, mid_y, mid_text = [], [], []
    for row in edges.sort_values("article_id").itertuples():
        (x0, y0), (x1, y1) = where[row.source_id], where[row.article_id]
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                           arrowhead=3, arrowsize=1.2, arrowwidth=1 + 4 * row.share, arrowcolor="#555555",
                           standoff=14, startstandoff=14, text="")
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        mid_text.append(f"<b>{short_text(row.source_id)} → {short_text(row.article_id)}</b><br>{row.share:.0%} of "
                        f"{short_text(row.article_id)}'s words in passages shared with {short_text(row.source_id)} "
                        f"({row.shared_words} words; containment {row.containment:.0%})<br>{short_text(row.label)}; "
                        f"source chosen by: {short_text(row.decided_by)}")
    if mid_x:
        fig.add_trace(go.Scatter(x=mid_x, y=mid_y, mode="markers", marker={"size": 10, "color": "#555555",
                                                                          "symbol": "diamond"},
                                 text=mid_text, hovertemplate="%{text}<extra></extra>", name="derivation (hover)"))
    for group in sorted(data["group"].unique()):
        part = data[data["group"] == group]
        text = []
        for article in part.itertuples():
            date = f"{article.published:%d %b %Y}" if pd.notna(article.published) else "undated"
            precision = f" ({article.date_precision})" if article.date_precision not in ("", "day") else ""
            found = labels.loc[article.article_id] if article.article_id in labels.index else None
            status = "not derived" if found is None or found["source_id"] == "" else \
                f"{found['label']} from {found['source_id']}"
            title = article.headline or getattr(article, "event", "") or ""
            text.append(f"<b>{short_text(article.article_id)}</b> ({short_text(group)})<br>{date}{precision}<br>"
                        f"{short_text(status)}<br><i>{short_text(title, 120)}</i>")
        fig.add_trace(go.Scatter(
            x=[where[a][0] for a in part["article_id"]], y=[where[a][1] for a in part["article_id"]],
            mode="markers+text", name=group, text=list(part["article_id"].map(lambda a: short_text(a, 24))),
            textposition="top center", hovertext=text, hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": 18, "color": colors.get(group), "line": {"width": 1, "color": "white"}},
        ))
    fig.update_xaxes(range=[-1.5, 1.5], showgrid=False, zeroline=False, showticklabels=False)
    fig.update_yaxes(range=[-1.35, 1.35], showgrid=False, zeroline=False, showticklabels=False, scaleanchor="x")
    fig.update_layout(legend_title_text=group_name)
    return finish(fig, "Who copied whom: an arrow runs from each article to the one most likely derived from it",
                  "Articles on a circle, clockwise from the top by publication date (no units)",
                  "Arrow width: share of the copy's words shared (%)",
                  height=560, caption="Each node is an article, coloured by group; an arrow runs from an article to "
                                      "the one most likely derived from it.")
