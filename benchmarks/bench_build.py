"""Benchmark: how fast the build pipeline cleans a real corpus, cold and warm.

Reads ../shared/corpora/allsides-5k (never copied into the repo) and builds it
into a temporary folder: once cold (every file cleaned), once warm (nothing
changed, so everything comes from the cache). Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/bench_build.py [--corpus DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from helpers.build import build_corpus
from helpers.config import repo_root

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"


def subset(corpus: Path, limit: int, folder: Path) -> Path:
    """Symlink the first ``limit`` files of the manifest into ``folder`` (no copy of the texts)."""
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False).head(limit)
    folder.mkdir(parents=True)
    for name in manifest["file"]:
        (folder / name).symlink_to(corpus / name)
    manifest.to_csv(folder / "manifest.csv", index=False)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        raw = subset(args.corpus, args.limit, work / "raw") if args.limit else args.corpus
        timings = {}
        for run in ("cold", "warm"):
            start = time.perf_counter()
            report = build_corpus(raw, work / "processed", progress=False)
            timings[run] = time.perf_counter() - start
        articles = pd.read_parquet(work / "processed" / "articles.parquet")
        removed = pd.read_parquet(work / "processed" / "removed.parquet")
        words = int(articles["n_words"].sum())
        print(f"corpus: {args.corpus} ({report.n_files} files, {report.n_built} built, "
              f"{len(report.skipped)} skipped, {words:,} words kept)")
        for run, seconds in timings.items():
            print(f"{run:>4} build: {seconds:7.1f} s  {report.n_files / seconds:8.1f} files/s  "
                  f"{words / seconds:10,.0f} words/s")
        print(f"warm / cold: {timings['warm'] / timings['cold']:.1%}")
        print("removed blocks by rule:", dict(Counter(removed["rule"]).most_common()))
        print("problems:", dict(Counter(p.reason.split(":")[0] for p in report.problems).most_common(8)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
