"""The allsides-5k article sets the entity and source-type benchmarks use, cleaned and parsed once.

Sorted by file name, the first 200 files are left out (the issue's own figures came from them). The
**development** part is the next 300 files (200–499 in file order: the rules were tuned on it); the
**held-out** part is 300 files drawn with a fixed seed from file 500 on (never looked at while tuning;
the hand-judged samples in ``tests/gold/entities_allsides.csv`` come from it).

    from entity_sets import prepared
    articles, parsed = prepared("dev", work=Path("/tmp/entity-bench"))
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from helpers.build import build_corpus
from helpers.config import repo_root
from helpers.nlp.parse import ParsedCorpus, parse_articles

CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"
SKIP, DEV_SIZE, HELD_OUT_SIZE, SEED = 200, 300, 300, 12


def files(part: str, corpus: Path = CORPUS) -> list[str]:
    """The file names of the ``dev`` or ``held-out`` part (see the module docstring)."""
    names = sorted(pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)["file"])
    if part == "dev":
        return names[SKIP:SKIP + DEV_SIZE]
    if part == "held-out":
        return sorted(random.Random(SEED).sample(names[SKIP + DEV_SIZE:], HELD_OUT_SIZE))
    raise ValueError(f"unknown part {part!r}: use dev or held-out")


def prepared(part: str, *, work: Path, corpus: Path = CORPUS, n_process: int = 1) -> tuple[pd.DataFrame,
                                                                                         ParsedCorpus]:
    """The part's cleaned articles and their parse, built under ``work/<part>`` (symlinks, no copies)."""
    folder = Path(work) / part
    raw, clean = folder / "raw", folder / "clean"
    if not (clean / "articles.parquet").exists():
        raw.mkdir(parents=True, exist_ok=True)
        chosen = files(part, corpus)
        manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
        manifest = manifest[manifest["file"].isin(chosen)]
        for name in manifest["file"]:
            if not (raw / name).exists():
                (raw / name).symlink_to(corpus / name)
        manifest.to_csv(raw / "manifest.csv", index=False)
        build_corpus(raw, clean, progress=False, nlp=False)
    articles = pd.read_parquet(clean / "articles.parquet").sort_values("article_id", ignore_index=True)
    parsed = parse_articles(dict(zip(articles["article_id"], articles["text"], strict=True)), folder / "processed",
                            n_process=n_process)
    return articles, parsed
