"""Reading and writing the processed tables, atomically."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


def _readable_by_all(path: str | Path) -> None:
    """Give a temporary file the permissions a normal new file gets (mkstemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


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


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, csv: set[str] | None = None) -> None:
    """Write each table as ``<name>.parquet`` and ``<name>.csv`` in ``out_dir`` (CSV only for ``csv``, if given).

    All files are first written to temporary names and only then moved into
    place, so readers never see a half-written table. The CSV copies (which a
    spreadsheet may hold locked) are moved first and ``articles.parquet`` last,
    so a failed move leaves the Parquet tables the notebooks read as they were.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, table in tables.items():
            for suffix in (".parquet", ".csv") if csv is None or name in csv else (".parquet",):
                handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix + ".tmp", dir=out_dir)
                os.close(handle)
                staged.append((Path(temp), out_dir / f"{name}{suffix}"))
                if suffix == ".parquet":
                    table.to_parquet(temp, index=False)
                else:
                    table.to_csv(temp, index=False, encoding="utf-8-sig", lineterminator="\n")
        staged.sort(key=lambda pair: (pair[1].suffix == ".parquet", pair[1].name == "articles.parquet"))
        for temp, target in staged:
            _readable_by_all(temp)
            os.replace(temp, target)
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()


def read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """Read the processed table ``name`` from ``out_dir`` (Parquet)."""
    path = Path(out_dir) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: build the corpus first (python -m helpers build)")
    return pd.read_parquet(path)
