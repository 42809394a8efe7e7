"""The report's methods page: ``docs/methods.md`` rendered to HTML, with the thresholds of :mod:`helpers.config`."""

from __future__ import annotations

import html
from pathlib import Path

import mistune

from helpers.config import METHODS_FILE, thresholds_table


def thresholds_markdown() -> str:
    """Every documented threshold as a Markdown table (name, value, where it is used, what it means)."""
    rows = ["| threshold | value | stage | meaning |", "|---|---|---|---|"]
    for row in thresholds_table().itertuples():
        cells = [f"`{row.name}`", str(row.value), row.stage, row.meaning]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows)


def methods_markdown(path: Path = METHODS_FILE) -> str:
    """The methods page as Markdown: ``docs/methods.md`` followed by the thresholds table."""
    return (Path(path).read_text(encoding="utf-8").rstrip() + "\n\n## Thresholds\n\nThe numbers the suite uses, "
            "read from `src/helpers/config.py` when this page was written.\n\n" + thresholds_markdown() + "\n")


def methods_html(path: Path = METHODS_FILE) -> str:
    """A standalone HTML page of :func:`methods_markdown` (raw HTML in the Markdown is escaped, not rendered)."""
    body = mistune.create_markdown(escape=True, plugins=["table"])(methods_markdown(path))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape("Methods and thresholds")}</title>
<link rel="stylesheet" href="assets/report.css">
</head>
<body class="report-index">
<nav class="report-nav"><a href="index.html">Contents</a></nav>
<main>
{body}
</main>
</body>
</html>
"""
