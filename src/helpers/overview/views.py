"""Escaped HTML views of cleaning: each raw file beside its cleaned text, and what was removed by which rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.cleaning.ingest import decode_bytes
from helpers.config import CLEANING_VIEW_ARTICLES
from helpers.present.views import escape
from helpers.text import normalize_text

_BOX = ("max-height:28em;overflow:auto;border:1px solid #d0d7de;border-radius:4px;padding:0.5em 0.7em;"
        "background:#fff;font-size:0.85em;line-height:1.45")


_KIND_STYLE = {
    "body": "margin:0 0 0.6em",
    "subheading": "margin:0.8em 0 0.4em;font-weight:700",
    "caption": "margin:0 0 0.6em;font-style:italic;color:#6b4b8a;border-left:3px solid #CC79A7;padding-left:0.5em",
}


def raw_text(raw_dir: Path, article: pd.Series) -> str:
    """The raw file of ``article`` decoded to text (with the encoding recorded at build time)."""
    data = (Path(raw_dir) / article["file"]).read_bytes()
    declared = article.get("encoding") if article.get("format") else None
    try:
        return decode_bytes(data, declared=None if not declared or "BOM" in declared else declared).text
    except ValueError:
        return decode_bytes(data).text


def cleaning_view(article: pd.Series, raw: str, paragraphs: pd.DataFrame, removed: pd.DataFrame) -> str:
    """One article: the raw file beside the cleaned text, then every removed block and its rule."""
    meta = []
    for label, column in (("Headline", "headline"), ("Dateline", "dateline")):
        if str(article.get(column, "") or ""):
            meta.append(f"<p style='margin:0 0 0.6em'><b>{label}:</b> {escape(article[column])}</p>")
    kept = "".join(
        f"<p style='{_KIND_STYLE.get(p.kind, '')}'>"
        + (f"<span style='font-size:0.8em;color:#666'>[{escape(p.kind)}]</span> " if p.kind != "body" else "")
        + f"{escape(p.text)}</p>"
        for p in paragraphs.itertuples()
    )
    rows = "".join(
        f"<tr><td style='vertical-align:top;padding:2px 8px;text-align:left'><code>{escape(r.rule)}</code></td>"
        f"<td style='padding:2px 8px;white-space:pre-wrap;text-align:left'>{escape(_shorten(r.text, 400))}</td></tr>"
        for r in removed.itertuples()
    )
    removed_html = (f"<table style='font-size:0.85em;margin-top:0.5em'><tr><th style='text-align:left'>rule</th>"
                    f"<th style='text-align:left'>removed text</th></tr>{rows}</table>"
                    if rows else "<p><i>Nothing was removed.</i></p>")
    title = f"{article['article_id']} · {article.get('outlet', '')} · {article['n_words']} words kept"
    return (
        f"<details style='margin:0.4em 0'><summary style='cursor:pointer;font-weight:600'>{escape(title)}</summary>"
        "<div style='display:grid;grid-template-columns:1fr 1fr;gap:1em;margin-top:0.5em'>"
        f"<div><div style='font-weight:600'>Raw file ({escape(article['format'])}, {escape(article['encoding'])})"
        f"</div><pre style='{_BOX};white-space:pre-wrap;font-family:monospace'>"
        f"{escape(normalize_text(raw, unescape=False))}</pre>"
        f"</div><div><div style='font-weight:600'>Cleaned</div><div style='{_BOX}'>{''.join(meta)}{kept}</div></div>"
        f"</div><div style='font-weight:600;margin-top:0.6em'>Removed ({len(removed)} blocks)</div>{removed_html}"
        "</details>"
    )


def cleaning_views(articles: pd.DataFrame, paragraphs: pd.DataFrame, removed: pd.DataFrame, raw_dir: Path, *,
                   limit: int = CLEANING_VIEW_ARTICLES) -> str:
    """:func:`cleaning_view` for every article in id order, or for the ``limit`` articles cleaning removed most
    words from (then a note says how many are shown; ``removed.csv`` beside the tables holds every block)."""
    shown = articles
    note = ""
    if len(articles) > limit:
        words = removed.groupby("article_id")["n_words"].sum()
        ranked = articles.assign(_removed=articles["article_id"].map(words).fillna(0))
        shown = ranked.sort_values(["_removed", "article_id"], ascending=[False, True], kind="stable").head(limit)
        note = (f"<p style='font-size:0.85em;color:#444'>Showing {limit:,} of {len(articles):,} articles: those "
                "cleaning removed the most words from. Every removed block, with its rule, is in "
                "<code>removed.csv</code> beside the tables (<code>corpus.removed</code>).</p>")
    parts = [note]
    for _, article in shown.sort_values("article_id").iterrows():
        key = article["article_id"]
        parts.append(cleaning_view(article, raw_text(raw_dir, article),
                                   paragraphs[paragraphs["article_id"] == key],
                                   removed[removed["article_id"] == key]))
    return "<div>" + "".join(parts) + "</div>"


def _shorten(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + " …"
