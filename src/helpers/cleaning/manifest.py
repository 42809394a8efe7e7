"""The corpus manifest: one row of metadata per article file.

Only ``file`` is required. The standard columns are filled with empty text when absent; every other
column is kept as article metadata. The manifest is decoded like the articles (UTF-8, UTF-16, cp1252 …)
and its delimiter is detected (comma, semicolon, tab); a column whose name the articles table
already uses (``text``, ``language`` …) is kept under ``manifest_<name>`` with a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.cleaning.ingest import IngestError, decode_bytes
from helpers.text import printable

MANIFEST_NAME = "manifest.csv"
STANDARD_COLUMNS = ("file", "outlet", "published", "date_precision", "headline", "url", "event", "notes")
# Columns that steer the build and are not article metadata.
CONTROL_COLUMNS = ("encoding",)
MANIFEST_ONLY_COLUMNS = STANDARD_COLUMNS + CONTROL_COLUMNS
DATE_PRECISIONS = ("day", "month", "year", "approximate")
# Dates outside this range are kept but flagged: not a plausible publication date for news.
EARLIEST_PLAUSIBLE = dt.date(1800, 1, 1)

_DATE = re.compile(r"^(?P<y>\d{4})(?:[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?$")
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file; ``skipped`` when no article was built from it."""

    file: str
    reason: str
    skipped: bool

    def __str__(self) -> str:
        return f"{printable(self.file)}: {self.reason}" + (" (skipped)" if self.skipped else "")


def read_manifest(raw_dir: Path, *, reserved: tuple[str, ...] = ()) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read ``manifest.csv`` from ``raw_dir``, if there is one.

    Returns the manifest (all columns as text, one row per file, standard columns always present) or
    None, and the problems found in it. Columns named in ``reserved`` (the articles table's own) are
    renamed ``manifest_<name>``.
    """
    path = Path(raw_dir) / MANIFEST_NAME
    if not path.is_file():
        return None, []
    try:
        text = decode_bytes(path.read_bytes()).text
        dialect = _dialect(text)
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=dialect.delimiter,
                            quotechar=dialect.quotechar)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, IngestError, OSError, csv.Error) as err:
        return None, [Problem(MANIFEST_NAME, f"unreadable manifest, ignored: {err}. Save it as CSV (UTF-8, "
                              "comma- or semicolon-separated) with a 'file' column", skipped=False)]
    table.columns = [str(c).strip() for c in table.columns]
    if "file" not in table.columns:
        found = ", ".join(repr(c) for c in table.columns[:5])
        return None, [Problem(MANIFEST_NAME, f"has no 'file' column (found {found}), ignored: name the column "
                              "of file names 'file'", skipped=False)]

    table = table.map(str.strip)
    problems = []
    renamed = {c: f"manifest_{c}" for c in table.columns if c in reserved and c not in MANIFEST_ONLY_COLUMNS}
    for column, new in renamed.items():
        problems.append(Problem(MANIFEST_NAME, f"column {column!r} is a name the articles table uses itself; "
                                f"kept as {new!r}", skipped=False))
    table = table.rename(columns=renamed)
    duplicated = table["file"].duplicated(keep="first")
    for name in table.loc[duplicated, "file"]:
        problems.append(Problem(name, f"listed more than once in {MANIFEST_NAME}; the first row is used", False))
    table = table.loc[~duplicated & (table["file"] != "")]
    for column in MANIFEST_ONLY_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    extra = [c for c in table.columns if c not in MANIFEST_ONLY_COLUMNS]
    return table[list(MANIFEST_ONLY_COLUMNS) + extra].reset_index(drop=True), problems


def _dialect(text: str) -> type[csv.Dialect]:
    """The CSV dialect of the manifest's header line: comma unless a semicolon or a tab is clearly meant."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:
        return csv.excel


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


def checked_precision(given: str, parsed: str) -> tuple[str, str]:
    """The ``date_precision`` to keep for a date written with ``parsed`` precision, and a problem or "".

    A precision outside :data:`DATE_PRECISIONS`, or finer than the date itself ("day" for
    ``2017-06``), is replaced by the date's own precision.
    """
    given = given.strip().lower()
    if not given:
        return parsed, ""
    if given not in DATE_PRECISIONS:
        return parsed, (f"unknown date_precision {given!r} (use one of {', '.join(DATE_PRECISIONS)}); "
                        f"{parsed!r} used")
    if given != "approximate" and _PRECISION_RANK[given] > _PRECISION_RANK[parsed]:
        return parsed, f"date_precision {given!r} is finer than the date itself; {parsed!r} used"
    return given, ""


def implausible(date: dt.date, today: dt.date | None = None) -> str:
    """Why ``date`` is not a plausible publication date for news ("" when it is)."""
    today = today or dt.date.today()
    if date < EARLIEST_PLAUSIBLE:
        return f"date {date.isoformat()} is before {EARLIEST_PLAUSIBLE.year}: probably a placeholder; kept, check it"
    if date > today:
        return f"date {date.isoformat()} is in the future; kept, check it"
    return ""
