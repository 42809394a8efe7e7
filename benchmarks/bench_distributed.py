"""Benchmark: the build on a Dask LocalCluster against the single-machine build with ``--n-process``.

Copies the first N articles of ../shared/corpora/allsides-5k (and their manifest rows) into a temporary folder
(the build refuses links that leave the corpus folder), then builds them twice from cold caches, each in its own
process tree: ``python -m helpers build --n-process P`` and ``python -m helpers build --workers W`` (a new
LocalCluster of W one-thread worker processes). Prints the wall time and the peak memory of each (the sum of the
resident memory of the build's process and all its children, sampled every 0.2 s), and whether every table of
the two builds is equal. Asserts nothing.

    .venv/bin/python benchmarks/bench_distributed.py [--corpus DIR] [--limit 2000] [--workers 2] [--n-process 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import psutil

from helpers.config import repo_root
from helpers.schema import TABLES

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"


def subset(corpus: Path, limit: int, folder: Path) -> Path:
    """Copy the first ``limit`` files of the manifest (and their rows) into ``folder``."""
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False).head(limit)
    folder.mkdir(parents=True)
    for name in manifest["file"]:
        shutil.copyfile(corpus / name, folder / name)
    manifest.to_csv(folder / "manifest.csv", index=False)
    return folder


def run(arguments: list[str]) -> tuple[float, int, int]:
    """Run ``python -m helpers ARGUMENTS``: (wall seconds, peak summed RSS of its process tree, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "helpers", *arguments], env=os.environ.copy(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    output = process.stdout.read()
    print(output.strip().splitlines()[-1][:300] if output.strip() else "(no output)")
    if process.returncode not in (0, 1):
        print(output[-3000:])
    return seconds, peak, process.returncode


def compare(left: Path, right: Path) -> list[str]:
    """The tables that differ between two output folders."""
    differ = []
    for name, table in TABLES.items():
        keys = list(table.sort_by)
        a = pd.read_parquet(left / f"{name}.parquet").sort_values(keys, kind="stable").reset_index(drop=True)
        b = pd.read_parquet(right / f"{name}.parquet").sort_values(keys, kind="stable").reset_index(drop=True)
        try:
            pd.testing.assert_frame_equal(a, b)
        except AssertionError:
            differ.append(name)
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    try:
        raw = subset(args.corpus, args.limit, work / "raw")
        runs = {
            f"local --n-process {args.n_process}": ["--n-process", str(args.n_process)],
            f"LocalCluster --workers {args.workers}": ["--workers", str(args.workers)],
        }
        figures = {}
        for label, extra in runs.items():
            out = work / label.split()[0]
            print(f"{label}: building {args.limit} articles from cold caches into {out}")
            figures[label] = (*run(["build", "--raw", str(raw), "--out", str(out), "--quiet", *extra]), out)
        print(f"\ncorpus: first {args.limit} articles of {args.corpus}; {os.cpu_count()} cores")
        for label, (seconds, peak, code, _) in figures.items():
            print(f"{label:<28} wall {seconds:7.1f} s   peak memory {peak / 2**30:5.2f} GB   exit {code}")
        (_, _, _, a), (_, _, _, b) = figures.values()
        differ = compare(a, b)
        print("tables equal:", "all" if not differ else f"no, these differ: {', '.join(differ)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
