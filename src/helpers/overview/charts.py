"""Charts of the corpus overview: what cleaning kept, when articles were published, length, readability."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.config import CHART_MAX_ROWS
from helpers.grouping import GROUP
from helpers.present.charts import (
    distribution_figure,
    finish,
    group_colors,
    group_label,
    short_text,
    too_many_points,
)

KIND_COLORS = {"body": "#009E73", "subheading": "#56B4E9", "caption": "#CC79A7"}


def cleaning_chart(articles: pd.DataFrame, paragraphs: pd.DataFrame, removed: pd.DataFrame) -> go.Figure:
    """Words kept (by paragraph kind) and removed (by rule) for every article, as stacked bars.

    Hovering a removed segment shows the rule and the start of the removed text. Above ``CHART_MAX_ROWS``
    articles, the articles cleaning removed most words from.
    """
    if len(articles) > CHART_MAX_ROWS:  # the articles cleaning cut most
        cut = removed.groupby("article_id")["n_words"].sum()
        ranked = articles.assign(_cut=articles["article_id"].map(cut).fillna(0))
        articles = ranked.sort_values(["_cut", "article_id"], ascending=[False, True]).head(CHART_MAX_ROWS)
        paragraphs = paragraphs[paragraphs["article_id"].isin(articles["article_id"])]
        removed = removed[removed["article_id"].isin(articles["article_id"])]
    kept = paragraphs.assign(part=paragraphs["kind"], detail=paragraphs["kind"])
    dropped = removed.assign(part="removed: " + removed["rule"], detail=removed["rule"])
    parts = pd.concat([kept, dropped], ignore_index=True)
    parts["sample"] = parts.groupby(["article_id", "part"])["text"].transform(lambda t: short_text(t.iloc[0]))
    totals = (parts.groupby(["article_id", "part", "sample"], as_index=False)["n_words"].sum()
              .sort_values(["article_id", "part"]))
    removed_parts = sorted(p for p in totals["part"].unique() if p.startswith("removed"))
    removed_colors = dict(zip(removed_parts, ["#D55E00", "#E69F00", "#F0E442", "#882255", "#AA4499",
                                              "#999933", "#CC6677", "#332288", "#000000", "#777777"], strict=False))
    order = [k for k in KIND_COLORS if k in set(totals["part"])] + removed_parts
    fig = px.bar(
        totals, x="n_words", y="article_id", color="part", orientation="h",
        category_orders={"part": order, "article_id": sorted(articles["article_id"], reverse=True)},
        color_discrete_map={**KIND_COLORS, **removed_colors},
        custom_data=["part", "sample"],
    )
    fig.update_traces(hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{x} words<br><i>%{customdata[1]}</i>"
                                    "<extra></extra>")
    fig.update_layout(barmode="stack", legend_title_text="What the words are")
    return finish(fig, "What cleaning kept and removed, per article", "Words", "Article",
                  height=max(300, 60 * len(articles) + 140),
                  caption="Each bar is one raw file: green is article text kept, other colours the words each "
                          "cleaning rule removed.")


def timeline_chart(articles: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Publication dates by group; open markers for approximate dates, hover shows headline and event."""
    data = articles.dropna(subset=["published"]).copy()
    data["group"] = data[GROUP].map(group_label)
    data["precision"] = data["date_precision"].replace("", "day")
    data["label"] = data["headline"].where(data["headline"] != "", data.get("event", ""))
    data["hover"] = data["label"].map(lambda t: short_text(t, 120))
    fig = px.scatter(
        data.sort_values(["published", "article_id"]), x="published", y="group", color="group",
        symbol="precision", symbol_map={"day": "circle", "approximate": "circle-open", "month": "square-open",
                                        "year": "diamond-open"},
        color_discrete_map=group_colors(articles[GROUP]),
        custom_data=["article_id", "precision", "hover"],
        category_orders={"group": sorted(data["group"].unique())},
    )
    fig.update_traces(marker={"size": 14, "line": {"width": 2}},
                      hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y} (%{customdata[1]})"
                                    "<br>%{customdata[2]}<extra></extra>")
    fig.update_layout(legend_title_text=f"{group_name} / date precision")
    return finish(fig, f"When each article was published, by {group_name}", "Publication date", group_name,
                  height=max(280, 50 * data["group"].nunique() + 160),
                  caption="One marker per dated article; open markers are approximate dates.")


def length_chart(articles: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Words per article, one bar each, coloured by group."""
    data = articles.assign(group=articles[GROUP].map(group_label)).sort_values(["group", "article_id"])
    if too_many_points(data):
        fig = distribution_figure(data, "n_words", group_colors(articles[GROUP]), hover=lambda rows: (
            "<b>" + rows["article_id"].map(short_text) + "</b>: " + rows["n_words"].astype(str) + " words<br><i>"
            + rows["headline"].map(short_text) + "</i>"))
        return finish(fig, "Length of each article's cleaned body", group_name, "Words",
                      caption=f"Boxes: the middle half of each group's article lengths ({len(data):,} articles); "
                              "points: each group's shortest and longest articles.")
    data["hover"] = data["headline"].where(data["headline"] != "", data.get("event", "")).map(short_text)
    fig = px.bar(data, x="article_id", y="n_words", color="group",
                 color_discrete_map=group_colors(articles[GROUP]),
                 custom_data=["group", "n_paragraphs", "hover"],
                 category_orders={"article_id": list(data["article_id"])})
    fig.update_traces(hovertemplate="<b>%{x}</b> (%{customdata[0]})<br>%{y} words in %{customdata[1]} "
                                    "paragraphs<br><i>%{customdata[2]}</i><extra></extra>")
    fig.update_layout(legend_title_text=group_name)
    return finish(fig, "Length of each article's cleaned body", "Article", "Words",
                  caption="Words in each article after cleaning, coloured by group.")


def readability_chart(table: pd.DataFrame, score: str, group_name: str = GROUP, description: str = "") -> go.Figure:
    """One readability score per article, coloured by group; hover gives the counts and any caveat."""
    data = table.assign(group=table[GROUP].map(group_label)).sort_values(["group", "article_id"])
    title = score.replace("_", " ").capitalize() + " per article"
    if too_many_points(data):
        fig = distribution_figure(data, score, group_colors(table[GROUP]), hover=lambda rows: (
            "<b>" + rows["article_id"].map(short_text) + "</b>: " + rows[score].map("{:.1f}".format)))
        return finish(fig, title, group_name, description or score,
                      caption=f"Boxes: the middle half of each group's scores ({len(data):,} articles); points: "
                              "each group's lowest and highest.")
    data["caveat"] = data["reliability"].replace("", "no caveat")
    fig = px.scatter(data, x="article_id", y=score, color="group", color_discrete_map=group_colors(table[GROUP]),
                     custom_data=["group", "n_words", "n_sentences", "caveat"],
                     category_orders={"article_id": list(data["article_id"])})
    fig.update_traces(marker={"size": 13},
                      hovertemplate="<b>%{x}</b> (%{customdata[0]})<br>" + score + ": %{y:.1f}<br>%{customdata[1]} "
                                    "words, %{customdata[2]} sentences<br>%{customdata[3]}<extra></extra>")
    fig.update_layout(legend_title_text=group_name)
    return finish(fig, title, "Article", description or score,
                  caption=f"{title} for each article; hover for its word and sentence counts and any caveat.")
