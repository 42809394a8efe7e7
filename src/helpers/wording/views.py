"""Escaped HTML views of wording: keyword-in-context lines."""

from __future__ import annotations

import pandas as pd

from helpers.present.views import escape


def kwic_view(lines: pd.DataFrame) -> str:
    """Keyword-in-context lines (:func:`helpers.wording.kwic`) as an aligned, escaped HTML table."""
    if lines.empty:
        return "<p><i>No occurrences.</i></p>"
    group = lines.columns[0]
    rows = "".join(
        f"<tr><td style='color:#555;padding:2px 8px;text-align:left'>{escape(r[group])} · {escape(r['article_id'])}"
        f"</td><td style='text-align:right;padding:2px 4px'>{escape(r['left'])}</td>"
        f"<td style='text-align:center;padding:2px 4px'><b>{escape(r['keyword'])}</b></td>"
        f"<td style='text-align:left;padding:2px 4px'>{escape(r['right'])}</td></tr>"
        for _, r in lines.iterrows()
    )
    return f"<table style='font-size:0.85em;border-collapse:collapse'>{rows}</table>"
