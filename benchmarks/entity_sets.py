"""The allsides-5k article sets the entity and source-type benchmarks use, cleaned and parsed once.

Sorted by file name, the first 200 files are left out (the issue's own figures came from them). The
**development** part is the next 300 files (200–499 in file order: the rules were tuned on it); the
**held-out** part is 300 files drawn with a fixed seed from file 500 on (never looked at while tuning;
the hand-judged dev and test samples in ``tests/gold/entities_allsides.csv`` come from it). The **fresh**
part is 100 files drawn with another seed from file 500 on, outside the held-out part: the ``test2`` samples
were drawn from it once the rules were frozen, and judged without changing any rule afterwards. The **fresh2**
part is 100 more files drawn with a third seed from file 500 on, outside the held-out and fresh parts and outside
every article of the quote gold sets (``quotes_allsides*.csv``): the ``test3`` samples, judged blind, come from it.
Adding an article to those gold sets would change the fresh2 draw: pin its file list first.

    from entity_sets import prepared
    articles, parsed = prepared("dev", work=Path("/tmp/entity-bench"))
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pandas as pd

from helpers.build import build_corpus
from helpers.config import GOLD_DIR, repo_root
from helpers.nlp.parse import ParsedCorpus, parse_articles

CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"
SKIP, DEV_SIZE, HELD_OUT_SIZE, SEED = 200, 300, 300, 12
FRESH_SIZE, FRESH_SEED = 100, 2611
FRESH2_SIZE, FRESH2_SEED = 100, 2711
QUOTE_GOLD = ("quotes_allsides.csv", "quotes_allsides_fresh.csv")


def files(part: str, corpus: Path = CORPUS) -> list[str]:
    """The file names of the ``dev``, ``held-out``, ``fresh`` or ``fresh2`` part (see the module docstring)."""
    names = sorted(pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)["file"])
    if part == "dev":
        return names[SKIP:SKIP + DEV_SIZE]
    if part == "held-out":
        return sorted(random.Random(SEED).sample(names[SKIP + DEV_SIZE:], HELD_OUT_SIZE))
    if part == "fresh":
        rest = sorted(set(names[SKIP + DEV_SIZE:]) - set(files("held-out", corpus)))
        return sorted(random.Random(FRESH_SEED).sample(rest, FRESH_SIZE))
    if part == "fresh2":
        quoted = set().union(*(pd.read_csv(GOLD_DIR / name, dtype=str)["file"] for name in QUOTE_GOLD))
        taken = set(files("held-out", corpus)) | set(files("fresh", corpus)) | quoted
        rest = sorted(set(names[SKIP + DEV_SIZE:]) - taken)
        return sorted(random.Random(FRESH2_SEED).sample(rest, FRESH2_SIZE))
    raise ValueError(f"unknown part {part!r}: use dev, held-out, fresh or fresh2")


def prepared(part: str, *, work: Path, corpus: Path = CORPUS, n_process: int = 1) -> tuple[pd.DataFrame,
                                                                                         ParsedCorpus]:
    """The part's cleaned articles and their parse, built under ``work/<part>`` (hard links, no copies)."""
    folder = Path(work) / part
    raw, clean = folder / "raw", folder / "clean"
    if not (clean / "articles.parquet").exists():
        raw.mkdir(parents=True, exist_ok=True)
        chosen = files(part, corpus)
        manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
        manifest = manifest[manifest["file"].isin(chosen)]
        for name in manifest["file"]:
            if not (raw / name).exists():  # a hard link: the build never follows a symlink out of the corpus
                os.link(corpus / name, raw / name)
        manifest.to_csv(raw / "manifest.csv", index=False)
        build_corpus(raw, clean, progress=False, nlp=False)
    articles = pd.read_parquet(clean / "articles.parquet").sort_values("article_id", ignore_index=True)
    parsed = parse_articles(dict(zip(articles["article_id"], articles["text"], strict=True)), folder / "processed",
                            n_process=n_process)
    return articles, parsed
