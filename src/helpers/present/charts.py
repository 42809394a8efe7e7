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
import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), ordered for contrast on white, then Paul Tol's "muted" set.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
PALETTE = OKABE_ITO + TOL_MUTED
MISSING_COLOR = "#BBBBBB"
MISSING_LABEL = "(unknown)"

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


def interval_bars(value, low, high) -> dict:
    """Plotly ``error_y``/``error_x`` for 95 % intervals around ``value`` (arrays; NaN: no whisker)."""
    value, low, high = (pd.Series(list(v), dtype=float) for v in (value, low, high))
    plus = (high - value).clip(lower=0).fillna(0)
    minus = (value - low).clip(lower=0).fillna(0)
    return {"type": "data", "symmetric": False, "array": list(plus), "arrayminus": list(minus),
            "color": "#333", "thickness": 1.2, "width": 4}
