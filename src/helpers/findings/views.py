"""Findings in plain words: one short block per finding, as HTML (escaped) and as plain text.

Each block is built from the rows of the findings table as a list of pieces: plain text (escaped in HTML:
group names, measures and evidence come from the corpus and the manifest) and numbers, each tagged in HTML
with the table column and group it shows (``<span data-col="estimate" data-group="left">``), so a test can
check every number against the table. HTML and text come from the same pieces and say the same thing.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.config import FINDINGS_ALPHA, FINDINGS_LEVEL, MIN_GROUP_ARTICLES
from helpers.findings.compare import EXAMPLES, LARGER, NOISE, NONE_FOUND, ONE_GROUP, TOO_FEW
from helpers.present.views import escape

Piece = str | tuple[str, str, str]  # text, or (column, group, number as shown)
LEVEL = f"{round(100 * FINDINGS_LEVEL)} %"


def is_share(unit: str) -> bool:
    return unit.startswith("share of")


def shown(value: float, column: str, unit: str) -> str:
    """A number of the findings table as the blocks show it (shares in %, one decimal; p in %; q three
    decimals; rates and means two decimals)."""
    if column == "n_articles" or column == "n_comparisons":
        return f"{int(value):,}"
    if column == "p":
        return f"{100 * value:.1f}"
    if column == "q":
        return f"{value:.3f}"
    if column == "ratio":
        return f"{value:.2f}"
    if is_share(unit):
        return f"{100 * value:+.1f}" if column == "difference" else f"{100 * value:.1f}"
    return f"{value:+.2f}" if column == "difference" else f"{value:.2f}"


def _meaning(unit: str) -> str:
    if unit == "per 1,000 words":
        return "per 1,000 words: how many in every 1,000 words the group's articles print"
    if is_share(unit):
        return f"{unit}: how many in every 100, the group's articles pooled"
    return f"{unit}, the group's articles pooled"


def _estimate(row, pieces: list[Piece]) -> None:
    pct = " %" if is_share(row.unit) else ""
    if row.n_articles == 0:
        pieces += [f"{row.group}: nothing to measure (", ("n_articles", row.group, "0"), " articles)"]
        return
    pieces += [f"{row.group}: ", ("estimate", row.group, shown(row.estimate, "estimate", row.unit)), pct]
    if not math.isnan(row.low):
        pieces += [f" ({LEVEL} interval ", ("low", row.group, shown(row.low, "low", row.unit)), "–",
                   ("high", row.group, shown(row.high, "high", row.unit)), f"{pct}, "]
    else:
        pieces.append(" (no interval: ")
    pieces += [("n_articles", row.group, shown(row.n_articles, "n_articles", row.unit)),
               " article)" if row.n_articles == 1 else " articles)"]


def _comparison(row, pieces: list[Piece]) -> None:
    if not row.comparison:
        return
    pieces.append(f" {row.comparison}: ")
    if row.verdict == TOO_FEW:
        pieces.append(f"too few articles to compare (a side has fewer than {MIN_GROUP_ARTICLES}).")
        return
    unit = " percentage points" if is_share(row.unit) else f" ({row.unit})"
    pieces += ["difference ", ("difference", row.group, shown(row.difference, "difference", row.unit)), unit]
    if not math.isnan(row.ratio):
        pieces += [", ", ("ratio", row.group, shown(row.ratio, "ratio", row.unit)), " times as much"]
    pieces += ["; a difference this large arises by chance in ", ("p", row.group, shown(row.p, "p", row.unit)),
               " % of label shuffles (q = ", ("q", row.group, shown(row.q, "q", row.unit)),
               " after correcting for the ", ("n_comparisons", row.group,
                                             shown(row.n_comparisons, "n_comparisons", row.unit)),
               " comparisons in this notebook): "]
    pieces.append(f"{row.verdict}.")


def finding_pieces(rows: pd.DataFrame) -> list[Piece]:
    """The pieces of one finding's block (``rows``: the finding's rows, one per group)."""
    first = rows.iloc[0]
    pieces: list[Piece] = [f"{first.section}: {first.measure} ({_meaning(first.unit)}). "]
    for index, row in enumerate(rows.itertuples()):
        pieces.append("; " if index else "")
        _estimate(row, pieces)
    pieces.append(".")
    compared = rows[rows["comparison"] != ""]
    if len(compared) and (compared["verdict"] == TOO_FEW).all():
        pieces.append(f" Too few articles to compare: each side of a comparison needs at least {MIN_GROUP_ARTICLES} "
                      "articles the measure applies to.")
    else:
        for row in rows.itertuples():
            _comparison(row, pieces)
    if first.verdict in (ONE_GROUP, NONE_FOUND):
        pieces.append(f" {first.verdict.capitalize()}.")
    pointer = first.evidence.split(EXAMPLES)[0]
    examples = [f"{row.group}: {row.evidence.split(EXAMPLES)[1]}" for row in rows.itertuples()
                if EXAMPLES in row.evidence]
    pieces.append(f" Read: {pointer}" + (f" (e.g. {'; '.join(examples)})." if examples else "."))
    return pieces


def _html(pieces: list[Piece]) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, tuple):
            column, group, text = piece
            out.append(f"<span data-col='{escape(column)}' data-group='{escape(group)}'><b>{escape(text)}</b></span>")
        else:
            out.append(escape(piece))
    return "".join(out)


def _text(pieces: list[Piece]) -> str:
    return "".join(p[2] if isinstance(p, tuple) else p for p in pieces)


class FindingsView:
    """The findings of a notebook as blocks: HTML in Jupyter and the report, plain text otherwise."""

    def __init__(self, findings: pd.DataFrame, *, section: str | None = None):
        self.rows = findings if section is None else findings[findings["section"] == section]
        self.blocks = [finding_pieces(part) for _, part in self.rows.groupby("finding", sort=False)]

    def _intro(self) -> str:
        tested = int(self.rows["n_comparisons"].max()) if len(self.rows) else 0
        larger = int((self.rows["verdict"] == LARGER).sum())
        noise = int((self.rows["verdict"] == NOISE).sum())
        tests = (f"{tested} comparisons tested: {larger} larger than chance (q < {FINDINGS_ALPHA}), {noise} within "
                 "noise (a difference that size often appears when the group labels are shuffled)" if tested else
                 "no comparison tested (too few articles, or a single group)")
        return f"{len(self.blocks)} findings; {tests}. Intervals: {LEVEL}, articles resampled."

    def _repr_html_(self) -> str:
        items = "".join(f"<li style='margin:0.3em 0'>{_html(block)}</li>" for block in self.blocks)
        return (f"<div class='findings' style='font-size:0.92em'><p><i>{escape(self._intro())}</i></p>"
                f"<ul>{items}</ul></div>")

    def __repr__(self) -> str:
        return "\n".join([self._intro(), *(f"- {_text(block)}" for block in self.blocks)])


def findings_view(findings: pd.DataFrame, *, section: str | None = None) -> FindingsView:
    """The blocks of ``findings`` (rows of the findings table), optionally of one ``section`` only."""
    return FindingsView(findings, section=section)
