"""HTML views that show the evidence behind the numbers.

Article text is untrusted: every piece of it goes through ``html.escape``.
Styles are inline so the views look the same in JupyterLab and the report.

:func:`evidence` keeps a page small at any corpus size: it shows the first rows of a table (sorted) as an
interactive table (itables, offline) and writes the whole table as CSV beside the notebook, linked from
the page; the report writer copies the CSV into the report folder.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.config import EVIDENCE_FOLDER, EVIDENCE_ROWS, TABLE_MAX_BYTES
from helpers.storage import atomic_path, csv_safe

EVIDENCE_LINK = re.compile(rf'href="({EVIDENCE_FOLDER}/[A-Za-z0-9_.-]+\.csv)"')


def escape(text: str) -> str:
    """Escape untrusted text for HTML, quotes included."""
    return html.escape(str(text), quote=True)


def evidence_name(name: str) -> str:
    """``name`` as a safe file stem (letters, digits, ``_ . -``)."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(name)).strip("-.")
    if not stem:
        raise ValueError(f"evidence name {name!r} has no letter or digit")
    return stem


@dataclass(frozen=True)
class Evidence:
    """The first rows of an evidence table, how many there are in all, and where the full CSV is.

    Shown as an interactive table in JupyterLab and the report (``_repr_html_``) and as plain text
    (``__repr__``, what nbval compares).
    """

    shown: pd.DataFrame
    total: int
    href: str
    highlight: tuple[str, str] | None = None  # (column, within): that column's text marked inside the other

    @property
    def note(self) -> str:
        if len(self.shown) == self.total:
            return f"all {self.total:,} rows — full table: {self.href}"
        return f"showing {len(self.shown):,} of {self.total:,} rows — full table: {self.href}"

    def __repr__(self) -> str:
        return f"{self.note}\n{self.shown!r}"

    def _repr_html_(self) -> str:
        from itables import to_html_datatable

        link = f'<a href="{escape(self.href)}" download>{escape(self.href)}</a>'
        note = escape(self.note).replace(escape(self.href), link)
        table_id = "evidence-" + Path(self.href).stem
        shown, allow_html = self.shown, False
        if self.highlight:  # the cells become HTML, every piece of text escaped here
            shown, allow_html = marked(self.shown, *self.highlight), True
        table = to_html_datatable(shown, table_id=table_id, connected=False, maxBytes=TABLE_MAX_BYTES,
                                  showIndex=False, display_logo_when_loading=False, classes="display compact",
                                  allow_html=allow_html)
        return f"<p style='font-size:0.85em;color:#444;margin:0.2em 0'>{note}</p>{table}"


def marked(table: pd.DataFrame, column: str, within: str) -> pd.DataFrame:
    """``table`` as escaped HTML text, ``column``'s text marked inside ``within`` (``column`` itself left out)."""
    out = pd.DataFrame(index=table.index)
    for name in table.columns:
        if name != column:
            out[name] = table[name].map(lambda v: escape("; ".join(map(str, v)) if isinstance(v, list) else v))
    for i, (part, whole) in enumerate(zip(table[column].astype(str), table[within].astype(str), strict=True)):
        if part and part in whole:
            out.iloc[i, out.columns.get_loc(within)] = escape(whole).replace(
                escape(part), f"<mark style='background:#fde9b8'>{escape(part)}</mark>", 1)
    return out


def evidence(table: pd.DataFrame, name: str, *, limit: int = EVIDENCE_ROWS, sort_by: str | list[str] | None = None,
             ascending: bool | list[bool] = True, per: str | None = None,
             highlight: tuple[str, str] | None = None, folder: str | Path | None = None) -> Evidence:
    """Show the first ``limit`` rows of ``table`` (sorted by ``sort_by``), and write all of it as CSV.

    With ``per`` (a column, e.g. the group), the page shows the first rows of each of its values in turn, at
    most ``limit`` in all, so that every group has examples. List cells are joined with "; ".
    ``highlight=("quote", "sentence")`` marks each row's quote inside its sentence on the page (the quote
    column itself is then shown only in the CSV).

    The CSV (``<folder>/<name>.csv``; default folder: ``evidence/`` in the working folder, i.e. beside the
    notebook) is neutralised against formula injection (:func:`helpers.storage.csv_safe`); the page links to
    it by the relative path ``evidence/<name>.csv``, which the report writer copies beside the report page.
    """
    stem = evidence_name(name)
    ordered = table.sort_values(sort_by, ascending=ascending, kind="stable") if sort_by else table
    ordered = ordered.reset_index(drop=True)
    for column in [c for c in ordered.columns if pd.api.types.is_object_dtype(ordered[c])]:
        ordered[column] = ordered[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
    shown = ordered.head(limit)
    if per is not None and len(ordered) > limit:
        each = max(1, limit // max(1, ordered[per].nunique()))
        shown = ordered.groupby(per, sort=False, dropna=False).head(each).sort_index().head(limit)
    target = Path(folder) if folder is not None else Path.cwd() / EVIDENCE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    with atomic_path(target / f"{stem}.csv") as temp:
        csv_safe(ordered).to_csv(temp, index=False, encoding="utf-8-sig", lineterminator="\n")
    return Evidence(shown=shown.reset_index(drop=True), total=len(ordered), href=f"{EVIDENCE_FOLDER}/{stem}.csv",
                    highlight=highlight)
