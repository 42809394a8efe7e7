"""Benchmark: notebook 04 (wording) on a 2,000-article corpus, once the NLP cache is built.

Links the first N articles of ../shared/corpora/allsides-5k (symlinks in a
temporary folder; nothing is copied into the repository), builds the corpus
with the NLP stage (cold: spaCy parses everything), then executes
notebooks/04_wording.ipynb on it grouped by the manifest's ``lean`` column and
times the execution. Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/bench_wording.py [--limit 2000] [--n-process 2] [--group-by lean]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from helpers.build import build_corpus
from helpers.config import CORPUS_ENV, PROCESSED_ENV, repo_root
from helpers.present.report import execute_notebook

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--group-by", default="lean")
    parser.add_argument("--notebook", default="04_wording.ipynb")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (reuses its caches)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-wording-"))
    try:
        raw = work / "raw"
        if not raw.exists():
            raw.mkdir(parents=True)
            manifest = pd.read_csv(args.corpus / "manifest.csv", dtype=str, keep_default_na=False).head(args.limit)
            for name in manifest["file"]:
                (raw / name).symlink_to(args.corpus / name)
            manifest.to_csv(raw / "manifest.csv", index=False)
        start = time.perf_counter()
        report = build_corpus(raw, work / "processed", progress=True, n_process=args.n_process)
        build_seconds = time.perf_counter() - start
        print(f"build (clean + NLP, {report.n_parsed} texts parsed): {build_seconds:.1f} s; "
              f"{report.n_built} articles, {report.table_sizes.get('tokens', 0):,} tokens")

        os.environ.update({CORPUS_ENV: str(raw), PROCESSED_ENV: str(work / "processed"),
                           "NEWSCOMPARE_GROUP_BY": args.group_by})
        notebook = repo_root() / "notebooks" / args.notebook
        for run in ("first", "second"):
            start = time.perf_counter()
            executed = execute_notebook(notebook)
            seconds = time.perf_counter() - start
            errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
            print(f"{args.notebook} on {report.n_built} articles grouped by {args.group_by!r}, {run} run: "
                  f"{seconds:.1f} s ({'no errors' if not errors else f'{len(errors)} errors'}; target < 60 s)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
