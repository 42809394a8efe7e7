"""The data dictionary of the processed tables (``data/processed/README.md``), generated from :mod:`helpers.schema`."""

from __future__ import annotations

from helpers.schema import TABLES
from helpers.schema_findings import FINDINGS


def data_dictionary() -> str:
    """The data dictionary of every processed table, as Markdown."""
    lines = [
        "# Data dictionary: `data/processed/`",
        "",
        "Generated from `src/helpers/schema.py` by `python -m helpers build` (do not edit by hand).",
        "Each table is written as Parquet (`<name>.parquet`, typed) and as CSV (`<name>.csv`, UTF-8 with BOM",
        "so that spreadsheet programs read accents and curly quotes correctly).",
        "",
    ]
    for table in (*TABLES.values(), FINDINGS):
        lines += [f"## `{table.name}`", "", table.description, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.dtype} | {c.description} |" for c in table.columns]
        if table.note:
            lines += ["", table.note]
        lines.append("")
    return "\n".join(lines)
