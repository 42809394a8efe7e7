"""Shared fixtures: the example corpus, crafted corpus folders and the command line.

Every build goes into a pytest temporary folder, never into data/processed,
and nothing here writes into data/raw.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from helpers.build import BuildReport, build_corpus
from helpers.cleaning.manifest import STANDARD_COLUMNS
from helpers.schema import TABLES

REPO_ROOT = Path(__file__).resolve().parents[1]
TABLE_NAMES = tuple(TABLES)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The example corpus, data/raw (read only)."""
    path = REPO_ROOT / "data" / "raw"
    assert path.is_dir(), f"{path} is missing"
    return path


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Every processed table in ``out_dir``, read back from Parquet."""
    paths = {name: Path(out_dir) / f"{name}.parquet" for name in TABLE_NAMES}
    return {name: pd.read_parquet(path) for name, path in paths.items() if path.exists()}


@pytest.fixture(scope="session")
def seed_build(raw_dir, tmp_path_factory) -> tuple[BuildReport, dict[str, pd.DataFrame]]:
    """The example corpus built once per session into a temporary folder: (report, tables)."""
    out = tmp_path_factory.mktemp("seed_processed")
    report = build_corpus(raw_dir, out, progress=False)
    return report, read_tables(out)


@pytest.fixture(scope="session")
def seed_articles(seed_build) -> pd.DataFrame:
    """The seeds' articles table, indexed by article_id."""
    return seed_build[1]["articles"].set_index("article_id", drop=False)


def write_corpus(
    folder: Path,
    files: dict[str, bytes | str],
    manifest: list[dict[str, str]] | None = None,
    extra_columns: tuple[str, ...] = (),
) -> Path:
    """Create a corpus folder: ``files`` (text is written as UTF-8) and, unless None, a manifest.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
    if manifest is not None:
        columns = list(STANDARD_COLUMNS) + list(extra_columns)
        with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, restval="")
            writer.writeheader()
            writer.writerows(manifest)
    return folder


@pytest.fixture
def make_corpus(tmp_path) -> Callable[..., Path]:
    """Factory: ``make_corpus(files, manifest=None, name="raw", extra_columns=())`` → the corpus folder."""

    def make(files, manifest=None, name="raw", extra_columns=()):
        return write_corpus(tmp_path / name, files, manifest, tuple(extra_columns))

    return make


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m helpers ARGS`` in a fresh interpreter of this virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSCOMPARE_CORPUS", "NEWSCOMPARE_PROCESSED")}
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd or REPO_ROOT, env=env, timeout=120,
    )


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess]:
    """The command line, run as a subprocess: ``cli("build", "--raw", ...)``."""
    return run_cli


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` (hidden ones too) → its bytes, or None for a folder."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="session")
def folder_snapshot() -> Callable[[Path], dict[str, bytes | None]]:
    return snapshot


@pytest.fixture(scope="session")
def corpus_writer() -> Callable[..., Path]:
    """:func:`write_corpus` for fixtures of wider scope than ``make_corpus``."""
    return write_corpus


@pytest.fixture(scope="session")
def table_reader() -> Callable[[Path], dict[str, pd.DataFrame]]:
    """:func:`read_tables`: every processed table of an output folder."""
    return read_tables
