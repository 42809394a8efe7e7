"""Escaped HTML views of coverage: a story's facts side by side."""

from __future__ import annotations

import pandas as pd

from helpers.present.views import escape


def facts_view(table: pd.DataFrame, facts: pd.DataFrame, mentions: pd.DataFrame, details: pd.DataFrame,
               titles: dict[str, str] | None = None) -> str:
    """A story's facts side by side: one row per fact, one column per article.

    ``table`` is :func:`helpers.coverage.fact_table` (ordered as it comes, e.g. by
    :func:`helpers.coverage.measures.single_reporter_first`) and ``details`` is
    :func:`helpers.coverage.fact_details`; names that only one article's
    version of a shared fact gives are highlighted in that article's cell. A
    heading row opens each run of facts one article alone reports and of facts
    several report; columns keep an equal width, so 3–5 articles stay readable
    (wider tables scroll sideways).
    """
    ids = [c for c in table.columns if c not in ("fact_id", "reported_by")]
    titles = titles or {}
    unique = details.groupby(["fact_id", "article_id"])["entity"].agg(set).to_dict()
    located = facts.merge(mentions[["article_id", "sentence_id", "entity", "text"]], on=["article_id", "sentence_id"])
    marks: dict[tuple, set[str]] = {}
    for row in located.itertuples():
        if row.entity in unique.get((row.fact_id, row.article_id), set()):
            marks.setdefault((row.fact_id, row.article_id), set()).add(row.text)
    head = "".join(f"<th style='text-align:left;padding:4px 8px'>{escape(a)}<br><span style='font-weight:400;"
                   f"color:#555'>{escape(titles.get(a, ''))}</span></th>" for a in ids)
    body = []
    section = None
    for row in table.itertuples(index=False):
        fact_id, reported_by = row[0], row[1]
        if (reported_by == 1) != section:
            section = reported_by == 1
            label = "Reported by one article only" if section else "Reported by more than one article"
            body.append(f"<tr><td colspan='{len(ids) + 1}' style='padding:6px 8px;font-weight:600;"
                        f"background:#e8eef5;text-align:left'>{label}</td></tr>")
        cells = []
        for article_id, text in zip(ids, row[2:], strict=True):
            if not text:
                cells.append("<td style='padding:4px 8px;color:#999;font-style:italic;vertical-align:top;"
                             "text-align:left'>not reported</td>")
                continue
            shown = escape(text)
            for name in sorted(marks.get((fact_id, article_id), set()), key=len, reverse=True):
                shown = shown.replace(escape(name), f"<mark title='only this version names it'>{escape(name)}</mark>")
            cells.append(f"<td style='padding:4px 8px;vertical-align:top;text-align:left'>{shown}</td>")
        shade = "#f3f6fa" if reported_by < len(ids) else "#fff"
        body.append(f"<tr style='background:{shade};border-top:1px solid #d0d7de'><td style='padding:4px 8px;"
                    f"vertical-align:top;white-space:nowrap'><b>Fact {int(fact_id)}</b><br>{int(reported_by)}/"
                    f"{len(ids)}</td>{''.join(cells)}</tr>")
    width = max(200, 900 // max(len(ids), 1))
    columns = "<col style='width:70px'>" + f"<col style='width:{width}px'>" * len(ids)
    return (f"<div style='overflow-x:auto;max-width:100%'><table style='border-collapse:collapse;font-size:0.85em;"
            f"line-height:1.4;table-layout:fixed;width:{70 + width * len(ids)}px'>{columns}<tr><th></th>{head}</tr>"
            f"{''.join(body)}</table></div>")
