"""The side-by-side reading view of two articles that share text.

Article text is untrusted: every piece of it goes through ``html.escape``.
Styles are inline and there is no JavaScript, so the view looks the same in
JupyterLab and in the exported report.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from helpers.reuse.text import word_spans

ADDED, REWRITTEN, SHARED, LEFT_OUT = "added", "rewritten", "shared", "left out"
ADDED_BELOW, SHARED_FROM = 0.25, 0.8  # share of a sentence's words inside shared passages or fragments
FRAGMENT = 4  # words in a row that count as a shared fragment inside a rewritten sentence
_STYLE = {
    ADDED: "background:#dcefe4;border-bottom:2px solid #009E73",
    REWRITTEN: "border-bottom:2px dashed #D55E00",
    SHARED: "",
    LEFT_OUT: "background:#eeeeee;color:#555;border-bottom:2px dotted #777",
}
_TAG = {ADDED: "+", REWRITTEN: "~", SHARED: "", LEFT_OUT: "−"}
_TITLE = {ADDED: "added: not in the other article", REWRITTEN: "rewritten: partly shared with the other article",
          SHARED: "shared", LEFT_OUT: "left out: not in the other article"}
_MARK = "background:#fff0a6;padding:0 1px"
_BOX = ("border:1px solid #d0d7de;border-radius:4px;padding:0.5em 0.7em;background:#fff;font-size:0.85em;"
        "line-height:1.55;white-space:pre-wrap;text-align:left")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")


def _escape(text: str) -> str:
    return html.escape(str(text), quote=True)


def sentence_spans(text: str, sentences: pd.DataFrame | None = None) -> list[tuple[int, int]]:
    """[start, end) of each sentence of ``text``: from the ``sentences`` table rows of the article if given,
    else split after ., !, ? and at line breaks."""
    if sentences is not None and len(sentences):
        return [(int(s), int(e)) for s, e in sorted(zip(sentences["start_char"], sentences["end_char"], strict=True))]
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def classify_sentences(text: str, spans: list[tuple[int, int]], shared: list[tuple[int, int]],
                       other: str = "", missing: str = ADDED) -> list[str]:
    """For each sentence span, ``shared``, ``rewritten`` or ``missing`` (added / left out).

    A word counts as shared when it lies inside a ``shared`` character span
    (a passage) or in a run of four words that also occurs in ``other`` (the
    other article): rewriting leaves such fragments ("Baghdadi was killed in",
    "being verified through various channels") that are too short to be
    passages. Sentences with at least ``SHARED_FROM`` of their words shared
    are shared, with less than ``ADDED_BELOW`` missing, else rewritten.
    """
    words, starts, _ = word_spans(text)
    inside = np.zeros(len(starts), dtype=bool)
    for s0, s1 in shared:
        inside |= (starts >= s0) & (starts < s1)
    other_words = word_spans(other)[0]
    runs = {tuple(other_words[k:k + FRAGMENT]) for k in range(len(other_words) - FRAGMENT + 1)}
    for k in range(len(words) - FRAGMENT + 1):
        if tuple(words[k:k + FRAGMENT]) in runs:
            inside[k:k + FRAGMENT] = True
    kinds = []
    for s0, s1 in spans:
        words = (starts >= s0) & (starts < s1)
        share = inside[words].mean() if words.any() else 1.0
        kinds.append(missing if share < ADDED_BELOW else SHARED if share >= SHARED_FROM else REWRITTEN)
    return kinds


def _render(text: str, spans: list[tuple[int, int]], kinds: list[str], marks: list[tuple[int, int]]) -> str:
    """``text`` escaped, each sentence in a span styled by its kind, shared passages in <mark>."""
    marks = sorted(marks)
    out, position = [], 0
    for (s0, s1), kind in zip(spans, kinds, strict=True):
        if s0 < position:
            s0 = position
        out.append(_escape(text[position:s0]))
        cuts = sorted({s0, s1} | {max(s0, min(s1, b)) for m in marks for b in m})
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = _escape(text[a:b])
            if any(m0 <= a and b <= m1 for m0, m1 in marks):
                piece = f"<mark style='{_MARK}'>{piece}</mark>"
            pieces.append(piece)
        tag = f"<sup style='font-weight:700;color:#333'>{_TAG[kind]}</sup>" if _TAG[kind] else ""
        style = f" style='{_STYLE[kind]}'" if _STYLE[kind] else ""
        out.append(f"<span data-kind='{kind}' title='{_TITLE[kind]}'{style}>{tag}{''.join(pieces)}</span>")
        position = max(position, s1)
    out.append(_escape(text[position:]))
    return "".join(out)


def _legend() -> str:
    items = [f"<mark style='{_MARK}'>shared passage</mark> (exact or nearly: spelling, punctuation, a few words)"]
    for kind, words in ((ADDED, "sentence added by the reuser"), (REWRITTEN, "sentence rewritten (partly shared)"),
                        (LEFT_OUT, "sentence of the source left out")):
        items.append(f"<span style='{_STYLE[kind]}'><sup style='font-weight:700'>{_TAG[kind]}</sup>{words}</span>")
    return ("<div style='font-size:0.8em;margin:0.3em 0 0.5em;display:flex;gap:1.2em;flex-wrap:wrap'>"
            + "".join(f"<span>{item}</span>" for item in items) + "</div>")


def reuse_view(articles: pd.DataFrame, passages: pd.DataFrame, source_id: str, target_id: str,
               sentences: pd.DataFrame | None = None, titles: dict[str, str] | None = None) -> str:
    """Source (left) and target (right) side by side, shared passages highlighted, the target's added and
    rewritten sentences and the source's left-out sentences marked; with a legend and a one-line summary.

    ``passages`` is the ``reuse_passages`` table, ``sentences`` the optional
    ``sentences`` table (else sentences are split on punctuation).
    """
    by_id = articles.set_index("article_id")
    titles = titles or {}
    pair = passages[(passages["source_id"] == source_id) & (passages["target_id"] == target_id)]
    columns, counts = [], {}
    for side, article_id, other_id, missing in (("source", source_id, target_id, LEFT_OUT),
                                                 ("target", target_id, source_id, ADDED)):
        text = str(by_id.loc[article_id, "text"])
        marks = list(zip(pair[f"{side}_start"], pair[f"{side}_end"], strict=True))
        own = None if sentences is None else sentences[sentences["article_id"] == article_id]
        spans = sentence_spans(text, own)
        kinds = classify_sentences(text, spans, marks, str(by_id.loc[other_id, "text"]), missing)
        counts[side] = {kind: kinds.count(kind) for kind in (SHARED, REWRITTEN, missing)}
        role = "Source" if side == "source" else "Target (may reuse the source)"
        columns.append(
            f"<div><div style='font-weight:600;margin-bottom:0.3em'>{role}: {_escape(article_id)}<br>"
            f"<span style='font-weight:400;color:#555'>{_escape(titles.get(article_id, ''))}</span></div>"
            f"<div style='{_BOX}'>{_render(text, spans, kinds, marks)}</div></div>")
    t, s = counts["target"], counts["source"]
    summary = (f"<p style='font-size:0.85em;margin:0.2em 0'>{len(pair)} shared passage(s). Target: {t[SHARED]} "
               f"sentences shared, {t[REWRITTEN]} rewritten, {t[ADDED]} added. Source: {s[LEFT_OUT]} of "
               f"{sum(s.values())} sentences left out.</p>")
    return (f"<div>{_legend()}{summary}<div style='display:grid;grid-template-columns:1fr 1fr;gap:1em'>"
            f"{''.join(columns)}</div></div>")
