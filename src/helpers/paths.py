"""Where the corpus and its processed tables live.

Defaults point at the example corpus; the environment variables
``NEWSCOMPARE_CORPUS`` and ``NEWSCOMPARE_PROCESSED`` (or explicit arguments)
point the suite at another folder of articles.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

CORPUS_ENV = "NEWSCOMPARE_CORPUS"
PROCESSED_ENV = "NEWSCOMPARE_PROCESSED"


def repo_root() -> Path:
    """The project folder: the nearest parent of this package with ``data/raw``, else the working folder."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "data" / "raw").is_dir() and (parent / "pyproject.toml").exists():
            return parent
    return Path.cwd()


def example_corpus_dir() -> Path:
    return repo_root() / "data" / "raw"


def resolve_dirs(raw_dir: str | Path | None = None, out_dir: str | Path | None = None) -> tuple[Path, Path]:
    """The corpus folder and the processed folder to use.

    Arguments win over environment variables, which win over the defaults:
    ``data/raw`` → ``data/processed``; any other corpus folder gets its own
    ``data/processed/corpora/<name>-<hash>`` so the example's tables are never overwritten.
    """
    raw = Path(raw_dir or os.environ.get(CORPUS_ENV) or example_corpus_dir()).expanduser().resolve()
    out = out_dir or os.environ.get(PROCESSED_ENV)
    if out:
        return raw, Path(out).expanduser().resolve()
    processed = repo_root() / "data" / "processed"
    if raw == example_corpus_dir().resolve():
        return raw, processed
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", raw.name).strip("-") or "corpus"
    digest = hashlib.sha256(str(raw).encode()).hexdigest()[:8]
    return raw, processed / "corpora" / f"{slug}-{digest}"


def display_path(path: Path) -> str:
    """``path`` relative to the project folder when inside it (stable in notebook outputs)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)
