"""Charts of the coverage notebook: entities × outlets, the map, stories and facts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.config import CHART_MAX_ROWS
from helpers.grouping import GROUP
from helpers.nlp.gazetteer import country_shapes
from helpers.present.charts import PALETTE, finish, group_colors, group_label, short_text

PRESENT_COLOR, ABSENT_COLOR = "#0072B2", "#EEEEEE"


def entity_heatmap(prominence: pd.DataFrame, entities: list[str], group_name: str = GROUP) -> go.Figure:
    """Mentions per 1,000 words of each entity (rows) by each group (columns).

    Hover shows the count, the articles, how early the entity first appears
    and example sentences; empty cells are entities a group never mentions.
    """
    data = prominence[prominence["entity"].isin(entities)]
    groups = sorted(prominence[GROUP].map(group_label).unique())
    types = data.drop_duplicates("entity").set_index("entity")["entity_type"].to_dict()
    rows = [f"{e} ({types.get(e, '?')})" for e in entities]
    z = np.full((len(entities), len(groups)), np.nan)
    hover = np.full((len(entities), len(groups)), "", dtype=object)
    for item in data.itertuples():
        i, j = entities.index(item.entity), groups.index(group_label(getattr(item, GROUP)))
        z[i, j] = item.per_1000_words
        examples = "<br>".join(short_text(e, 140) for e in item.examples)
        hover[i, j] = (f"<b>{short_text(item.entity)}</b> in {short_text(groups[j])}<br>"
                       f"{item.n_mentions} mentions in {item.n_articles} article(s), "
                       f"{item.per_1000_words:.1f} per 1,000 words<br>"
                       f"first mention at {item.first_position:.0%} of the article (0% = first sentence)"
                       f"<br><i>{examples}</i>")
    fig = go.Figure(go.Heatmap(
        z=z, x=groups, y=rows, text=hover, hovertemplate="%{text}<extra></extra>", colorscale="Blues",
        colorbar={"title": {"text": "per 1,000<br>words"}}, xgap=2, ygap=2, hoverongaps=False,
    ))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, "Who and what each outlet mentions, per 1,000 words", group_name,
                  "Actor or place (type)", height=max(380, 24 * len(entities) + 160),
                  caption="Darker cells: more mentions per 1,000 words; empty cells: never mentioned.")


def places_map(mentions: pd.DataFrame, places: pd.DataFrame, articles: pd.DataFrame,
               group_name: str = GROUP) -> go.Figure:
    """Places mentioned, on country outlines drawn offline; marker area ∝ mentions, one trace per group.

    A menu shows all groups or one; places without coordinates are not drawn
    (they are listed in the ``places`` table).
    """
    located = places.dropna(subset=["lat", "lon"])
    data = (mentions[mentions["entity"].isin(located["entity"])]
            .merge(articles[["article_id", GROUP]], on="article_id")
            .assign(group=lambda d: d[GROUP].map(group_label)))
    counts = data.groupby(["group", "entity"]).agg(n=("text", "size"), n_articles=("article_id", "nunique"))
    counts = counts.reset_index().merge(located, on="entity", suffixes=("", "_all"))
    lon_min, lon_max, lat_min, lat_max = _view(counts)
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in (ring for _, rings in country_shapes().values() for ring in rings):
        for (x0, y0), (x1, _) in zip(ring, ring[1:] + [(None, None)], strict=True):
            xs.append(x0)
            ys.append(y0)
            if x1 is None or abs(x1 - x0) > 180:  # end of ring, or a jump across the antimeridian
                xs.append(None)
                ys.append(None)
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#BBBBBB", "width": 0.8},
                               hoverinfo="skip", showlegend=False, name="country outlines"))
    n_outlines = len(fig.data)
    colors = group_colors(articles[GROUP])
    biggest = max(counts["n"].max(), 1) if len(counts) else 1
    groups = sorted(counts["group"].unique())
    for index, group in enumerate(groups):
        part = counts[counts["group"] == group].sort_values("entity")
        dodge = (index - (len(groups) - 1) / 2) * 0.35  # degrees, so outlets at one place do not hide each other
        fig.add_trace(go.Scatter(
            x=part["lon"] + dodge, y=part["lat"], mode="markers", name=group,
            marker={"size": 8 + 30 * np.sqrt(part["n"] / biggest), "color": colors.get(group, PALETTE[0]),
                    "opacity": 0.75, "line": {"width": 1, "color": "white"}},
            text=[f"<b>{short_text(e)}</b> ({short_text(group)})<br>{n} mentions in {k} article(s)"
                  for e, n, k in zip(part["entity"], part["n"], part["n_articles"], strict=True)],
            hovertemplate="%{text}<extra></extra>",
        ))
    visible_all = [True] * len(fig.data)
    buttons = [{"label": "All", "method": "update", "args": [{"visible": visible_all}]}]
    for index, group in enumerate(groups):
        visible = [True] * n_outlines + [i == index for i in range(len(groups))]
        buttons.append({"label": group[:40], "method": "update", "args": [{"visible": visible}]})
    mid = math.radians((lat_min + lat_max) / 2)
    fig.update_xaxes(range=[lon_min, lon_max], showgrid=False, zeroline=False)
    fig.update_yaxes(range=[lat_min, lat_max], showgrid=False, zeroline=False, scaleanchor="x",
                     scaleratio=1 / max(math.cos(mid), 0.2))
    fig.update_layout(updatemenus=[{"buttons": buttons, "x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top",
                                    "showactive": True}], legend={"title": {"text": group_name}, "y": 0.88},
                      plot_bgcolor="#F7FBFF")
    return finish(fig, "Places mentioned (marker area ∝ mentions)", "Longitude (°)", "Latitude (°)", height=560,
                  caption="Each marker is a place one group mentions; zoomed to most mentions (autoscale shows all).")


def _view(counts: pd.DataFrame) -> tuple[float, float, float, float]:
    """Map extent around the bulk of the mentions (weighted 10th-90th percentiles plus a margin)."""
    if not len(counts):
        return -180, 180, -60, 80

    def spread(values: pd.Series, margin: float, minimum: float) -> tuple[float, float]:
        order = np.argsort(values.to_numpy())
        ordered, weights = values.to_numpy()[order], counts["n"].to_numpy()[order].cumsum()
        low = ordered[np.searchsorted(weights, 0.1 * weights[-1])]
        high = ordered[min(np.searchsorted(weights, 0.9 * weights[-1]), len(ordered) - 1)]
        centre, half = (low + high) / 2, max((high - low) / 2 + margin, minimum / 2)
        return centre - half, centre + half

    lon_min, lon_max = spread(counts["lon"], 6, 24)
    lat_min, lat_max = spread(counts["lat"], 4, 14)
    return max(lon_min, -180), min(lon_max, 180), max(lat_min, -85), min(lat_max, 85)


def story_label(story_id: int, members: pd.DataFrame) -> str:
    """A short label for a story: its number and the first article's headline or event."""
    first = members.sort_values(["published", "article_id"], na_position="last").iloc[0]
    title = first.get("headline") or first.get("event") or first["article_id"]
    return f"{story_id}: {short_text(title, 50)}"


def stories_timeline(stories: pd.DataFrame, articles: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Each story on its own row, its articles as markers at their dates, coloured by group.

    Above ``CHART_MAX_ROWS`` stories, only that many of the largest (most articles, then lowest id) are drawn,
    and the caption says so."""
    data = stories.merge(articles, on="article_id")
    sizes = data.groupby("story_id").size()
    n_stories = len(sizes)
    if n_stories > CHART_MAX_ROWS:
        largest = sizes.reset_index(name="n").sort_values(["n", "story_id"], ascending=[False, True])
        data = data[data["story_id"].isin(largest["story_id"].head(CHART_MAX_ROWS))]
    labels = {sid: story_label(sid, part) for sid, part in data.groupby("story_id")}
    data["story"] = data["story_id"].map(labels)
    data["group"] = data[GROUP].map(group_label)
    data["precision"] = data["date_precision"].replace("", "day")
    colors = group_colors(articles[GROUP])
    fig = go.Figure()
    for group in sorted(data["group"].unique()):
        part = data[data["group"] == group].sort_values(["story_id", "article_id"])
        fig.add_trace(go.Scatter(
            x=part["published"], y=part["story"], mode="markers", name=group, orientation="h",
            marker={"size": 10, "color": colors[group], "line": {"width": 2, "color": colors[group]},
                    "symbol": ["circle" if p == "day" else "circle-open" for p in part["precision"]]},
            text=[f"<b>{a}</b> ({short_text(group)})<br>{p} date" for a, p in
                  zip(part["article_id"], part["precision"], strict=True)],
            hovertemplate="%{text}<br>%{x|%d %b %Y}<extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=[labels[k] for k in sorted(labels, reverse=True)])
    # each group in its own lane of the story's row: articles of one day would otherwise hide each other
    fig.update_layout(legend_title_text=group_name, scattermode="group", scattergap=0.2)
    shown = (f" The {len(labels):,} largest of {n_stories:,} stories are drawn; the stories table holds them all."
             if len(labels) < n_stories else "")
    return finish(fig, "Stories: articles grouped by the event they report", "Publication date (open: approximate)",
                  "Story", height=max(300, 40 * len(labels) + 160),
                  caption="Each row is a story; its markers are the articles that report it, by date, one lane per "
                          "group." + shown)


def facts_chart(table: pd.DataFrame, articles: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Facts of one story (rows) × its articles (columns): filled when the article states the fact.

    ``table`` is :func:`helpers.coverage.fact_table`; hover shows the sentence.
    """
    ids = [c for c in table.columns if c not in ("fact_id", "reported_by")]
    groups = articles.set_index("article_id")[GROUP].map(group_label)
    columns = [f"{a}<br>{short_text(groups.get(a, ''), 30)}" for a in ids]
    z = (table[ids] != "").astype(int).to_numpy()
    text = np.array([[short_text(v, 220) if v else "<i>not reported</i>" for v in row] for row in
                     table[ids].to_numpy()], dtype=object)
    rows = [f"Fact {f} ({n}/{len(ids)})" for f, n in zip(table["fact_id"], table["reported_by"], strict=True)]
    fig = go.Figure(go.Heatmap(z=z, x=columns, y=rows, text=text, hovertemplate="%{text}<extra></extra>",
                               colorscale=[[0, ABSENT_COLOR], [1, PRESENT_COLOR]], showscale=False, zmin=0, zmax=1,
                               xgap=3, ygap=3))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, "Which article states which fact of the story", "Article", "Fact (reported by / articles)",
                  height=max(320, 26 * len(rows) + 160),
                  caption="Filled cells: the article states the fact; grey cells: it leaves the fact out.")
