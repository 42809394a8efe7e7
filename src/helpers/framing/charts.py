"""Charts and evidence views of the framing notebook: sources, reporting verbs, certainty, frames, tone, headlines.

Every hover label and every HTML view escapes article text (``short_text``, ``views.escape``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from helpers.config import CHART_MAX_ROWS
from helpers.findings.compare import share_intervals
from helpers.grouping import GROUP, with_group
from helpers.present.charts import (
    PALETTE,
    distribution_figure,
    finish,
    group_colors,
    group_label,
    interval_bars,
    short_text,
    too_many_points,
)
from helpers.present.views import escape

CERTAINTY_COLORS = {"hedge": "#E69F00", "verification": "#D55E00", "booster": "#0072B2"}


def _examples(rows: pd.DataFrame, limit: int = 3) -> str:
    lines = [f"{short_text(s, 40)}: “{short_text(q, 110)}”" for s, q in
             zip(rows["speaker_shown"].head(limit), rows["quote"].head(limit), strict=True)]
    more = f"<br>… and {len(rows) - limit} more" if len(rows) > limit else ""
    return "<br>".join(lines) + more


def quote_share_chart(quotes: pd.DataFrame, column: str, group_name: str = GROUP, title: str = "",
                      legend: str = "") -> go.Figure:
    """Per group, the share of its quotes in each value of ``column`` (stacked); hover shows the quotes."""
    data = quotes.assign(group=quotes[GROUP].map(group_label), value=quotes[column].replace("", "(none)"))
    groups = sorted(data["group"].unique())
    items = data.assign(**{GROUP: data["group"]}) if "article_id" in data else data.iloc[:0]  # no article: no whisker
    bounds = share_intervals(items, "value").set_index([GROUP, "value"])
    values = data["value"].value_counts().sort_values(ascending=False, kind="stable").index
    fig = go.Figure()
    for index, value in enumerate(sorted(values, key=lambda v: (-int((data["value"] == v).sum()), v))):
        counts, shares, hovers = [], [], []
        for group in groups:
            mine = data[data["group"] == group]
            rows = mine[mine["value"] == value]
            counts.append(len(rows))
            shares.append(len(rows) / len(mine) if len(mine) else 0)
            hovers.append(f"<b>{short_text(group, 50)}</b>: {len(rows)} of {len(mine)} quotes<br><i>"
                          f"{_examples(rows)}</i>")
        ends = bounds.reindex([(g, value) for g in groups])
        fig.add_trace(go.Bar(x=groups, y=shares, name=short_text(value, 40), marker_color=PALETTE[index % len(PALETTE)],
                             customdata=counts, hovertext=hovers, hoverinfo="text",
                             error_y=interval_bars(shares, ends["low"], ends["high"])))
    fig.update_layout(barmode="stack", legend_title_text=legend or column)
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return finish(fig, title or f"Quotes by {column}", group_name, "Share of the group's quotes (%)",
                  caption=f"Each bar splits one group's quotes by {column.replace('_', ' ')}; whiskers: 95 % "
                          "interval of each part (articles resampled); hover for the quotes.")


def certainty_chart(table: pd.DataFrame, evidence: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Hedges, verification markers and boosters in each article's claim sentences; hover shows the sentences."""
    if len(table) > CHART_MAX_ROWS:
        return _certainty_by_group(table, group_name)
    fig = go.Figure()
    labels = [f"{a[:3]} · {short_text(g, 30)}" for a, g in zip(table["article_id"], table[GROUP], strict=True)]
    for kind, color in CERTAINTY_COLORS.items():
        hovers = []
        for article_id in table["article_id"]:
            rows = evidence[(evidence["article_id"] == article_id) & evidence["markers"].str.contains(f"({kind})",
                                                                                                    regex=False)]
            lines = "<br>".join(f"[{short_text(m, 60)}] {short_text(s, 120)}" for m, s in
                                zip(rows["markers"].head(4), rows["sentence"].head(4), strict=True))
            hovers.append(f"<b>{kind}</b>: {len(rows)} sentences<br><i>{lines}</i>")
        fig.add_trace(go.Bar(x=labels, y=table[kind], name=kind, marker_color=color, hovertext=hovers,
                             hoverinfo="text"))
    fig.update_layout(barmode="group", legend_title_text="Marker")
    return finish(fig, "Hedges, verification markers and boosters in the sentences about the key claim",
                  "Article (group)", "Markers (count)",
                  caption="More hedges and verification markers: the article sounds less sure of the claim.")


def _certainty_by_group(table: pd.DataFrame, group_name: str) -> go.Figure:
    """Per group: markers per claim sentence, by class, summed over the group's articles."""
    data = table.assign(group=table[GROUP].map(group_label)).groupby("group")[
        [*CERTAINTY_COLORS, "claim_sentences"]].sum().sort_index()
    articles = table.assign(group=table[GROUP].map(group_label)).groupby("group").size()
    fig = go.Figure()
    for kind, color in CERTAINTY_COLORS.items():
        rate = data[kind] / data["claim_sentences"]
        fig.add_trace(go.Bar(x=list(data.index), y=rate, name=kind, marker_color=color,
                             customdata=np.stack([data[kind], data["claim_sentences"], articles[data.index]], -1),
                             hovertemplate="%{x}: %{customdata[0]} " + kind + " markers in %{customdata[1]} claim "
                                           "sentences of %{customdata[2]} articles<extra></extra>"))
    fig.update_layout(barmode="group", legend_title_text="Marker")
    return finish(fig, "Hedges, verification markers and boosters in the sentences about the key claim",
                  group_name, "Markers per claim sentence",
                  caption="More hedges and verification markers per claim sentence: the group sounds less sure of "
                          "the claim. The sentences are in the evidence table below.")


def frame_heatmap(profile: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Articles × frames: share of the frame's lexicon questions answered yes; hover shows the evidence."""
    if profile["article_id"].nunique() > CHART_MAX_ROWS:
        return _frame_heatmap_by_group(profile, group_name)
    frames = sorted(profile["frame"].unique())
    articles = sorted(profile["article_id"].unique())
    z = np.zeros((len(articles), len(frames)))
    text = np.full((len(articles), len(frames)), "", dtype=object)
    groups = profile.drop_duplicates("article_id").set_index("article_id")[GROUP]
    for row in profile.itertuples():
        i, j = articles.index(row.article_id), frames.index(row.frame)
        z[i, j] = row.share
        lines = "<br>".join(short_text(s, 120) for s in row.evidence[:3])
        text[i, j] = (f"<b>{short_text(row.frame)}</b> in {row.article_id[:3]}: {row.questions_yes} of "
                      f"{row.questions} questions<br>terms: {short_text(row.terms, 120)}<br><i>{lines}</i>")
    labels = [f"{a[:3]} · {short_text(groups[a], 30)}" for a in articles]
    fig = go.Figure(go.Heatmap(z=z, x=frames, y=labels, text=text, hovertemplate="%{text}<extra></extra>",
                               colorscale="Blues", zmin=0, zmax=1, xgap=2, ygap=2,
                               colorbar={"title": {"text": "share of<br>questions"}, "tickformat": ".0%"}))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, "Generic frames per article", "Frame (Semetko & Valkenburg)", "Article (group)",
                  height=max(320, 50 * len(articles) + 160),
                  caption="Darker cells: more of the frame's questions answered yes by the lexicon; hover for "
                          "the evidence.")


def _frame_heatmap_by_group(profile: pd.DataFrame, group_name: str) -> go.Figure:
    """Groups × frames: the mean share of the frame's questions answered yes over the group's articles."""
    data = profile.assign(group=profile[GROUP].map(group_label), yes=profile["questions_yes"] > 0)
    frames, groups = sorted(data["frame"].unique()), sorted(data["group"].unique())
    mean = data.pivot_table(index="group", columns="frame", values="share", aggfunc="mean").reindex(
        index=groups, columns=frames)
    text = np.full((len(groups), len(frames)), "", dtype=object)
    for (group, frame), part in data.groupby(["group", "frame"]):
        best = part.sort_values(["share", "article_id"], ascending=[False, True]).iloc[0]
        lines = "<br>".join(short_text(s, 120) for s in best["evidence"][:2])
        text[groups.index(group), frames.index(frame)] = (
            f"<b>{short_text(frame)}</b> in {short_text(group, 40)}: mean share {part['share'].mean():.0%} over "
            f"{len(part):,} articles, {int(part['yes'].sum()):,} with any question yes<br>strongest: "
            f"{short_text(best['article_id'], 40)} ({best['share']:.0%})<br><i>{lines}</i>")
    fig = go.Figure(go.Heatmap(z=mean.to_numpy(), x=frames, y=groups, text=text,
                               hovertemplate="%{text}<extra></extra>", colorscale="Blues", zmin=0, xgap=2, ygap=2,
                               colorbar={"title": {"text": "mean share of<br>questions"}, "tickformat": ".0%"}))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, f"Generic frames per {group_name}", "Frame (Semetko & Valkenburg)", group_name,
                  height=max(320, 50 * len(groups) + 160),
                  caption="Darker cells: more of the frame's questions answered yes, on average over the group's "
                          "articles; hover for the article that uses the frame most.")


def tone_chart(tone: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Every sentence's VADER compound score, per group (box and points); hover shows the sentence."""
    data = tone.assign(group=tone[GROUP].map(group_label))
    if too_many_points(data):
        fig = distribution_figure(data, "compound", group_colors(tone[GROUP]), hover=lambda rows: (
            "<b>" + rows["article_id"].map(short_text) + "</b> sentence " + rows["sentence_id"].astype(str) + ": "
            + rows["compound"].map("{:.2f}".format) + "<br><i>" + rows["text"].map(lambda t: short_text(t, 140))
            + "</i>"))
        fig.add_hline(y=0, line={"dash": "dot", "color": "#888"})
        fig.update_yaxes(range=[-1.05, 1.05])
        return finish(fig, "Tone of every sentence (VADER compound score), per group", group_name,
                      "Compound score (−1 negative … +1 positive)",
                      caption=f"Boxes: the middle half of each group's {len(data):,} sentence scores; points: its "
                              "most negative and most positive sentences (hover for them).")
    data["hover"] = data["text"].map(lambda t: short_text(t, 140))
    fig = px.box(data.sort_values(["group", "article_id", "sentence_id"]), x="group", y="compound", color="group",
                 points="all", color_discrete_map=group_colors(tone[GROUP]),
                 custom_data=["article_id", "sentence_id", "hover"],
                 category_orders={"group": sorted(data["group"].unique())})
    fig.update_traces(hovertemplate="<b>%{customdata[0]}</b> sentence %{customdata[1]}: %{y:.2f}<br>"
                                    "<i>%{customdata[2]}</i><extra></extra>")
    fig.add_hline(y=0, line={"dash": "dot", "color": "#888"})
    fig.update_layout(showlegend=False)
    fig.update_yaxes(range=[-1.05, 1.05])
    return finish(fig, "Tone of every sentence (VADER compound score), per group", group_name,
                  "Compound score (−1 negative … +1 positive)",
                  caption="Each point is a sentence; below zero the lexicon reads it as negative.")


VERDICTS = ["headline states as fact what the body qualifies", "headline qualifies, body does not",
            "both qualify the claim", "neither qualifies the claim", "no matching body sentence"]
VERDICT_COLORS = dict(zip(VERDICTS, ["#D55E00", "#CC79A7", "#009E73", "#999999", "#DDDDDD"], strict=True))


def headline_chart(table: pd.DataFrame, articles: pd.DataFrame | None = None,
                   group_name: str = GROUP) -> go.Figure:
    """Qualifiers (hedges, verification, attribution) in each headline and in the body sentences that match it.

    Above ``CHART_MAX_ROWS`` articles (and given ``articles`` with the group), each group's share of
    headlines per verdict instead."""
    if articles is not None and len(table) > CHART_MAX_ROWS:
        return _headline_verdicts(table, articles, group_name)
    fig = go.Figure()
    labels = [a[:3] for a in table["article_id"]]
    head_n = [len([m for m in s.split("; ") if m]) for s in table["headline_markers"]]
    body_n = [len([m for m in s.split("; ") if m]) for s in table["body_markers"]]
    fig.add_trace(go.Bar(x=labels, y=head_n, name="headline", marker_color="#CC79A7",
                         hovertext=[f"<b>{short_text(h, 100)}</b><br>qualifiers: {short_text(m or 'none')}<br>"
                                    f"verdict: {short_text(v)}" for h, m, v in
                                    zip(table["headline"], table["headline_markers"], table["verdict"], strict=True)],
                         hoverinfo="text"))
    fig.add_trace(go.Bar(x=labels, y=body_n, name="matching body sentences", marker_color="#009E73",
                         hovertext=["<br>".join(short_text(s, 120) for s in sentences) + "<br>qualifiers: "
                                    + short_text(m or "none") for sentences, m in
                                    zip(table["body_sentences"], table["body_markers"], strict=True)],
                         hoverinfo="text"))
    fig.update_layout(barmode="group", legend_title_text="Where")
    return finish(fig, "Headline against body: qualifiers of the claim in each", "Article",
                  "Qualifiers (count)",
                  caption="A headline with no qualifier over a body with several states as fact what the body "
                          "hedges.")


def _headline_verdicts(table: pd.DataFrame, articles: pd.DataFrame, group_name: str) -> go.Figure:
    """Per group: the share of its headlines with each verdict (articles with a headline)."""
    data = with_group(table[["article_id", "verdict"]], articles)
    counts = data.groupby([GROUP, "verdict"]).size().unstack("verdict", fill_value=0)
    counts = counts.reindex(columns=[v for v in VERDICTS if v in counts.columns])
    totals = counts.sum(axis=1)
    labels = [group_label(g) for g in counts.index]
    fig = go.Figure()
    for verdict in counts.columns:
        fig.add_trace(go.Bar(y=labels, x=counts[verdict] / totals, orientation="h", name=verdict,
                             marker_color=VERDICT_COLORS[verdict],
                             customdata=np.stack([counts[verdict], totals], axis=1),
                             hovertemplate="%{y}: %{customdata[0]} of %{customdata[1]} headlines<extra>"
                                           + escape(verdict) + "</extra>"))
    fig.update_layout(barmode="stack", legend_title_text="Verdict")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return finish(fig, "Headline against body: the verdict for each group's headlines",
                  "Share of the group's headlines (%)", group_name,
                  caption="Orange: the headline states as fact what the matching body sentences qualify. "
                          "The table below lists every headline with its evidence.")


def evidence_table(data: pd.DataFrame, columns: list[str], highlight: str | None = None,
                   within: str = "sentence") -> str:
    """An HTML table of ``columns`` (every cell escaped); ``highlight`` marks that column's text inside ``within``."""
    head = "".join(f"<th style='text-align:left;padding:3px 6px'>{escape(c)}</th>" for c in columns)
    body = []
    for _, row in data.iterrows():
        cells = []
        for column in columns:
            value = row[column]
            value = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            shown = escape(value)
            if column == within and highlight and str(row[highlight]) and str(row[highlight]) in value:
                shown = shown.replace(escape(str(row[highlight])),
                                      f"<mark style='background:#fde9b8'>{escape(str(row[highlight]))}</mark>", 1)
            cells.append(f"<td style='text-align:left;vertical-align:top;padding:3px 6px'>{shown}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<div style='max-height:30em;overflow:auto'><table style='font-size:0.85em;border-collapse:collapse'>"
            f"<tr>{head}</tr>{''.join(body)}</table></div>")


GENDER_COLORS = {"female": "#CC79A7", "male": "#0072B2", "unknown": "#BBBBBB"}


def gender_chart(shares: pd.DataFrame, group_name: str = GROUP, *, people: pd.DataFrame | None = None) -> go.Figure:
    """Per group, the shares of women, men and unknown among the people it mentions and quotes (stacked,
    with the counts on the bars); ``shares`` comes from :func:`helpers.framing.measures.gender_shares`. With
    ``people`` (the people table with its ``group``), whiskers show 95 % article-level intervals."""
    data = shares.assign(label=shares[GROUP].map(group_label) + " · " + shares["who"])
    order = sorted(data["label"].unique())
    bounds = pd.DataFrame(columns=["low", "high"], index=pd.MultiIndex.from_tuples([], names=[GROUP, "value"]))
    if people is not None:
        both = pd.concat([people.assign(who="mentioned"), people[people["n_quotes"] > 0].assign(who="quoted")])
        both[GROUP] = both[GROUP].map(group_label) + " · " + both["who"]
        bounds = share_intervals(both, "gender").set_index([GROUP, "value"])
    fig = go.Figure()
    for gender, color in GENDER_COLORS.items():
        rows = data[data["gender"] == gender].set_index("label").reindex(order)
        totals = data.groupby("label")["n"].sum().reindex(order)
        ends = bounds.reindex([(label, gender) for label in order])
        fig.add_trace(go.Bar(error_x=interval_bars(rows["share"], ends["low"], ends["high"]) if people is not None
                             else None,
            y=order, x=rows["share"], orientation="h", name=gender, marker_color=color,
            text=[f"{int(n)}" if n else "" for n in rows["n"]], textposition="inside",
            hovertext=[f"<b>{short_text(label, 60)}</b>: {int(n)} of {int(t)} people {gender}"
                       for label, n, t in zip(order, rows["n"], totals, strict=True)], hoverinfo="text"))
    fig.update_layout(barmode="stack", legend_title_text="gender (as the text presents it)")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return finish(fig, "Who is mentioned and who is quoted, by gender", "Share of the people (%)", group_name,
                  caption="Each bar splits the people a group mentions (or quotes), counted once per article, by "
                          "the gender the text gives them; the numbers are people. Unknown is shown, never guessed. "
                          "Whiskers: 95 % intervals (articles resampled).")
