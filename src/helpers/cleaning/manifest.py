"""The corpus manifest: one row of metadata per article file.

Only ``file`` is required. The standard columns are filled with empty text
when absent; every other column is kept as article metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MANIFEST_NAME = "manifest.csv"
STANDARD_COLUMNS = ("file", "outlet", "published", "date_precision", "headline", "url", "event", "notes")
DATE_PRECISIONS = ("day", "month", "year", "approximate")

_DATE = re.compile(r"^(?P<y>\d{4})(?:[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?$")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file; ``skipped`` when no article was built from it."""

    file: str
    reason: str
    skipped: bool

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}" + (" (skipped)" if self.skipped else "")


def read_manifest(raw_dir: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read ``manifest.csv`` from ``raw_dir``, if there is one.

    Returns the manifest (all columns as text, one row per file, standard
    columns always present) or None, and the problems found in it.
    """
    path = Path(raw_dir) / MANIFEST_NAME
    if not path.exists():
        return None, []
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        return None, [Problem(MANIFEST_NAME, f"unreadable manifest, ignored: {err}", skipped=False)]
    table.columns = [str(c).strip() for c in table.columns]
    if "file" not in table.columns:
        return None, [Problem(MANIFEST_NAME, "has no 'file' column, ignored", skipped=False)]

    table = table.map(str.strip)
    problems = []
    duplicated = table["file"].duplicated(keep="first")
    for name in table.loc[duplicated, "file"]:
        problems.append(Problem(name, f"listed more than once in {MANIFEST_NAME}; the first row is used", False))
    table = table.loc[~duplicated & (table["file"] != "")]
    for column in STANDARD_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    extra = [c for c in table.columns if c not in STANDARD_COLUMNS]
    return table[list(STANDARD_COLUMNS) + extra].reset_index(drop=True), problems


def parse_date(value: str) -> tuple[dt.date | None, str]:
    """Parse an ISO-style date (``2017-06-17``, ``2017-6-7``, ``2017-06``, ``2017``, a datetime).

    Returns the date and its precision ("day", "month" or "year"); raises
    ValueError for anything else, with a message fit for a warning.
    """
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"malformed date {value!r} (expected YYYY-MM-DD)")
    year, month, day = int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)
    try:
        date = dt.date(year, month, day)
    except ValueError as err:
        raise ValueError(f"malformed date {value!r} ({err})") from err
    precision = "day" if match["d"] else "month" if match["m"] else "year"
    return date, precision
