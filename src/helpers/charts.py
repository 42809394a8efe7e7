"""Plotly charts shared by the notebooks: colours, layout and the figures themselves.

Every figure has a title, labelled axes with units, and hover text that goes
back to the evidence. Group colours come from colour-blind-safe palettes and
are assigned in sorted order of the corpus's groups, so one outlet has the
same colour on every page.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), ordered for contrast on white, then Paul Tol's "muted" set.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
PALETTE = OKABE_ITO + TOL_MUTED
MISSING_COLOR = "#BBBBBB"
MISSING_LABEL = "(unknown)"

KIND_COLORS = {"body": "#009E73", "subheading": "#56B4E9", "caption": "#CC79A7"}
TEMPLATE = "plotly_white"


def setup_notebook() -> None:
    """Set up a notebook's display.

    Plotly figures render as Plotly's MIME bundle (interactive in JupyterLab,
    no CDN, stable for nbval; the report turns them into offline HTML), and
    tables show their text columns in full.
    """
    pio.renderers.default = "plotly_mimetype"
    pio.templates.default = TEMPLATE
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 200)


def group_colors(values: pd.Series | list) -> dict[str, str]:
    """Stable colour for each group value: sorted order over the palette, grey for missing."""
    labels = sorted({group_label(v) for v in values} - {MISSING_LABEL})
    colors = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}
    colors[MISSING_LABEL] = MISSING_COLOR
    return colors


def group_label(value) -> str:
    """The label a group value is shown under (missing values become '(unknown)')."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return MISSING_LABEL
    return str(value)


def short_text(text: str, width: int = 160) -> str:
    """``text`` shortened and escaped for hover labels, wrapped at 60 characters with <br>.

    Article text is untrusted: plotly renders a subset of HTML in hover
    labels, so the text is escaped before the line breaks are added.
    """
    flat = " ".join(str(text).split())
    lines = textwrap.wrap(textwrap.shorten(flat, width=width, placeholder=" …"), 60)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def finish(fig: go.Figure, title: str, x_title: str, y_title: str, height: int | None = None,
           caption: str = "") -> go.Figure:
    """Apply the suite's layout: title, a one-sentence caption under it, axis titles, legend, margins.

    The caption says what the chart shows (for readers of the report and for
    accessibility); it is also kept in ``fig.layout.meta["caption"]``.
    """
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left",
               "subtitle": {"text": caption, "font": {"size": 12, "color": "#444"}}},
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend_title_text=fig.layout.legend.title.text or None,
        margin={"l": 10, "r": 10, "t": 90 if caption else 60, "b": 10},
        hoverlabel={"align": "left"},
        template=TEMPLATE,
        meta={"caption": caption},
    )
    if height:
        fig.update_layout(height=height + (30 if caption else 0))
    return fig


def cleaning_chart(articles: pd.DataFrame, paragraphs: pd.DataFrame, removed: pd.DataFrame) -> go.Figure:
    """Words kept (by paragraph kind) and removed (by rule) for every article, as stacked bars.

    Hovering a removed segment shows the rule and the start of the removed text.
    """
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


def timeline_chart(articles: pd.DataFrame, group_by: str = "outlet") -> go.Figure:
    """Publication dates by group; open markers for approximate dates, hover shows headline and event."""
    data = articles.dropna(subset=["published"]).copy()
    data["group"] = data[group_by].map(group_label)
    data["precision"] = data["date_precision"].replace("", "day")
    data["label"] = data["headline"].where(data["headline"] != "", data.get("event", ""))
    data["hover"] = data["label"].map(lambda t: short_text(t, 120))
    fig = px.scatter(
        data.sort_values(["published", "article_id"]), x="published", y="group", color="group",
        symbol="precision", symbol_map={"day": "circle", "approximate": "circle-open", "month": "square-open",
                                        "year": "diamond-open"},
        color_discrete_map=group_colors(articles[group_by]),
        custom_data=["article_id", "precision", "hover"],
        category_orders={"group": sorted(data["group"].unique())},
    )
    fig.update_traces(marker={"size": 14, "line": {"width": 2}},
                      hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y} (%{customdata[1]})"
                                    "<br>%{customdata[2]}<extra></extra>")
    fig.update_layout(legend_title_text=f"{group_by} / date precision")
    return finish(fig, f"When each article was published, by {group_by}", "Publication date", group_by,
                  height=max(280, 50 * data["group"].nunique() + 160),
                  caption="One marker per dated article; open markers are approximate dates.")


def length_chart(articles: pd.DataFrame, group_by: str = "outlet") -> go.Figure:
    """Words per article, one bar each, coloured by group."""
    data = articles.assign(group=articles[group_by].map(group_label)).sort_values(["group", "article_id"])
    data["hover"] = data["headline"].where(data["headline"] != "", data.get("event", "")).map(short_text)
    fig = px.bar(data, x="article_id", y="n_words", color="group",
                 color_discrete_map=group_colors(articles[group_by]),
                 custom_data=["group", "n_paragraphs", "hover"],
                 category_orders={"article_id": list(data["article_id"])})
    fig.update_traces(hovertemplate="<b>%{x}</b> (%{customdata[0]})<br>%{y} words in %{customdata[1]} "
                                    "paragraphs<br><i>%{customdata[2]}</i><extra></extra>")
    fig.update_layout(legend_title_text=group_by)
    return finish(fig, "Length of each article's cleaned body", "Article", "Words",
                  caption="Words in each article after cleaning, coloured by group.")


def readability_chart(table: pd.DataFrame, score: str, group_by: str = "outlet", description: str = "") -> go.Figure:
    """One readability score per article, coloured by group; hover gives the counts and any caveat."""
    data = table.assign(group=table[group_by].map(group_label)).sort_values(["group", "article_id"])
    data["caveat"] = data["reliability"].replace("", "no caveat")
    fig = px.scatter(data, x="article_id", y=score, color="group", color_discrete_map=group_colors(table[group_by]),
                     custom_data=["group", "n_words", "n_sentences", "caveat"],
                     category_orders={"article_id": list(data["article_id"])})
    fig.update_traces(marker={"size": 13},
                      hovertemplate="<b>%{x}</b> (%{customdata[0]})<br>" + score + ": %{y:.1f}<br>%{customdata[1]} "
                                    "words, %{customdata[2]} sentences<br>%{customdata[3]}<extra></extra>")
    fig.update_layout(legend_title_text=group_by)
    title = score.replace("_", " ").capitalize() + " per article"
    return finish(fig, title, "Article", description or score,
                  caption=f"{title} for each article; hover for its word and sentence counts and any caveat.")
