"""The findings of a notebook as one chart: each group's estimate with its 95 % interval, one panel per finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.findings.views import is_share
from helpers.grouping import GROUP
from helpers.present.charts import finish, group_colors, group_label, interval_bars, short_text


def findings_chart(findings: pd.DataFrame, group_name: str = GROUP) -> go.Figure:
    """Dot and whisker per group (estimate, 95 % article-level bootstrap interval), one panel per finding;
    hover gives the articles, the comparison and its verdict. ``findings``: rows of the findings table."""
    order = list(dict.fromkeys(findings["finding"]))
    titles = [short_text(f"{part['section'].iloc[0]}: {part['measure'].iloc[0]} ({part['unit'].iloc[0]})", 110)
              .replace("<br>", " ") for _, part in findings.groupby("finding", sort=False)]
    fig = make_subplots(rows=max(len(order), 1), cols=1, subplot_titles=titles or None, vertical_spacing=0.5 /
                        max(len(order), 1))
    colors = group_colors(findings["group"]) if len(findings) else {}
    for index, finding in enumerate(order, start=1):
        part = findings[findings["finding"] == finding]
        scale = 100 if is_share(part["unit"].iloc[0]) else 1
        labels = part["group"].map(group_label)
        hovers = [f"<b>{short_text(g, 50)}</b>: {row.estimate * scale:.2f}{' %' if scale == 100 else ''} "
                  f"({row.n_articles} articles)<br>{short_text(row.comparison, 60)} {short_text(row.verdict, 60)}"
                  for g, row in zip(labels, part.itertuples(), strict=True)]
        fig.add_trace(go.Scatter(
            x=part["estimate"] * scale, y=labels, mode="markers", showlegend=False,
            marker={"size": 10, "color": [colors.get(g, "#333") for g in labels]},
            error_x=interval_bars(part["estimate"] * scale, part["low"] * scale, part["high"] * scale),
            hovertext=hovers, hoverinfo="text"), row=index, col=1)
        fig.update_yaxes(autorange="reversed", row=index, col=1)
        if scale == 100:
            fig.update_xaxes(ticksuffix=" %", row=index, col=1)
    fig.update_annotations(font_size=12, xanchor="left", x=0)
    for index in range(2, len(order) + 1):  # every panel's axes are labelled, not only the first
        fig.update_xaxes(title_text="value (unit in the panel's title)", row=index, col=1)
    return finish(fig, "Findings: each group's value with its 95 % interval", "value (unit in the panel's title)",
                  group_name,
                  height=160 * max(len(order), 1) + 60,
                  caption="Whiskers: 95 % intervals, articles resampled; no whisker: too few articles. Read the "
                          "comparisons below the chart.")
