"""Reading and writing the processed tables: every build is published as one set, in one step.

A build writes its whole set of tables (Parquet and CSV) into a fresh folder ``.tables/<build>/``
under the processed folder, then switches the link ``.tables/current`` to it with one atomic
rename. The tables keep their documented paths (``data/processed/articles.parquet`` …): those are
links through ``.tables/current``, so a reader always sees one complete set, the previous one or the
new one, never a mix, whatever moment a build is killed at. Unfinished sets and temporary files of an
interrupted build are swept by the next build. The NLP stage's fingerprint lives inside the set it
describes, so it can never vouch for tables of another build.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

SETS = ".tables"
CURRENT = "current"
# OWASP's CSV-injection rule: a spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _readable_by_all(path: str | Path, mode: int = 0o666) -> None:
    """Give a temporary file or folder the permissions a normal new one gets (mkstemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, mode & ~umask)


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step.

    A crash or Ctrl-C before the end leaves the previous ``target`` untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temp)
        _readable_by_all(temp)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def write_text(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically (UTF-8)."""
    with atomic_path(target) as temp:
        temp.write_text(text, encoding="utf-8")


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell that a spreadsheet would run as a formula prefixed by ``'``.

    Cells starting with ``= + - @``, a tab or a carriage return (OWASP's CSV-injection rule). Only the
    CSV copies are neutralised; the Parquet tables keep the true text.
    """
    safe = table.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            texts = values.astype("string")
            risky = texts.str.startswith(_FORMULA_START).fillna(False)
            if risky.any():
                safe[column] = values.where(~risky, "'" + texts)
    return safe


def current_set(out_dir: Path) -> Path:
    """The folder of the published set of tables (it may not exist yet)."""
    return Path(out_dir) / SETS / CURRENT


def publish_tables(tables: dict[str, pd.DataFrame], out_dir: Path, *, csv_names: Iterable[str] = (),
                   keep: Iterable[str] = (), files: dict[str, str] | None = None) -> Path:
    """Write ``tables`` (and ``files``: name → text) as a new set in ``out_dir`` and switch to it in one step.

    Each table is written as ``<name>.parquet`` and, for ``csv_names``, ``<name>.csv`` (UTF-8 with BOM,
    formulas neutralised). ``keep`` names tables (or files) of the current set carried over unchanged
    (hard-linked, not rewritten). Returns the new set's folder. On any error the new set is discarded and the
    previous one stays published.
    """
    out_dir = Path(out_dir)
    sets = out_dir / SETS
    sets.mkdir(parents=True, exist_ok=True)
    sweep(out_dir)
    new = Path(tempfile.mkdtemp(prefix="build-", dir=sets))
    _readable_by_all(new, 0o777)
    csv_names = set(csv_names)
    try:
        for name, table in tables.items():
            table.to_parquet(new / f"{name}.parquet", index=False)
            if name in csv_names:
                csv_safe(table).to_csv(new / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\n",
                                       quoting=csv.QUOTE_MINIMAL)
        previous = current_set(out_dir)
        for name in keep:  # a table name (its .parquet and .csv) or a file name
            for old in {*previous.glob(f"{name}.*"), previous / name}:
                if old.is_file():
                    _link_or_copy(old, new / old.name)
        for name, text in (files or {}).items():
            (new / name).write_text(text, encoding="utf-8")
        for path in new.iterdir():
            _readable_by_all(path)
        _switch(sets, new.name)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    _link_tables(out_dir)
    sweep(out_dir)
    return new


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _switch(sets: Path, name: str) -> None:
    """Point ``sets/current`` at ``sets/name`` with one atomic rename of a new link over the old one."""
    current = sets / CURRENT
    if current.is_dir() and not current.is_symlink():  # a processed folder copied with its links followed
        os.replace(current, sets / f"copied-{uuid.uuid4().hex}")
    temp = sets / f".{CURRENT}-{uuid.uuid4().hex}.tmp"
    os.symlink(name, temp)
    try:
        os.replace(temp, sets / CURRENT)
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _link_tables(out_dir: Path) -> None:
    """Make ``out_dir/<file>`` a link through ``.tables/current`` for every table file of the current set.

    Links of tables the current set no longer has are removed; a regular file left by an older build
    of the suite is replaced by its link.
    """
    current = current_set(out_dir)
    wanted = {p.name for p in current.iterdir() if p.suffix in (".parquet", ".csv")}
    for name in sorted(wanted):
        link, target = out_dir / name, f"{SETS}/{CURRENT}/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        temp = out_dir / f".{name}.{uuid.uuid4().hex}.tmp"
        os.symlink(target, temp)
        try:
            os.replace(temp, link)
        finally:
            if os.path.lexists(temp):
                os.unlink(temp)
    for path in out_dir.iterdir():
        if path.is_symlink() and os.readlink(path).startswith(f"{SETS}/") and path.name not in wanted:
            path.unlink()


def sweep(out_dir: Path) -> list[str]:
    """Remove what an interrupted build left: unfinished sets, old sets and temporary files. Returns their names."""
    out_dir = Path(out_dir)
    removed = []
    sets = out_dir / SETS
    current = os.readlink(sets / CURRENT) if (sets / CURRENT).is_symlink() else None
    if sets.is_dir():
        for path in sets.iterdir():
            if path.name == CURRENT or path.name == current:
                continue
            removed.append(path.name)
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    for path in out_dir.glob(".*.tmp"):
        removed.append(path.name)
        path.unlink(missing_ok=True)
    return removed


def read_table(out_dir: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read the processed table ``name`` from ``out_dir`` (Parquet), optionally only some ``columns``."""
    path = Path(out_dir) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: build the corpus first (python -m helpers build)")
    return pd.read_parquet(path, columns=columns)
