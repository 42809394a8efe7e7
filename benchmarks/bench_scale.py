"""Benchmark: the whole suite (build, notebooks, report) at 1,000, 2,000 and 5,000 articles.

Reads ../shared/corpora/allsides-5k (hard-linked into a temporary folder, never into the repository), grouped
by ``lean``. For each size, the first N articles (by file name) are built with ``python -m helpers build``,
then every numbered notebook is executed against the tables (as ``make all`` does, in a child process) and
the report written. Prints,
per size: build time and peak memory, each notebook's execution time and executed ``.ipynb`` size, each
report page's size, the largest outputs, and the peak memory overall (resident memory of the whole
process tree, spaCy workers and Jupyter kernels included, sampled every 0.2 s). Targets (issue 16): every
page ≤ 5 MB, every notebook ≤ 10 MB and ≤ 60 s once built, peak ≤ 4 GB. Asserts nothing.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000 2000 5000] [--n-process 2] [--work DIR]
        [--parse-cache DIR]   # reuse a parse cache (…/.cache/nlp of an earlier build): builds skip spaCy

A size whose tables are already built in ``--work`` is not built again (its build figures are then
those of a warm build).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

from helpers.config import CORPUS_ENV, GROUP_ENV, PROCESSED_ENV, repo_root

DEFAULT_CORPUS = repo_root().parent / "shared" / "corpora" / "allsides-5k"
MB = 1_000_000


def subset(corpus: Path, size: int, folder: Path) -> Path:
    """Link the first ``size`` files (sorted by name) of ``corpus`` and their manifest rows into ``folder``."""
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    manifest = manifest.sort_values("file").head(size)
    folder.mkdir(parents=True, exist_ok=True)
    for name in manifest["file"]:
        if not (folder / name).exists():  # a hard link where possible (the build never follows symlinks out)
            try:
                os.link(corpus / name, folder / name)
            except OSError:
                shutil.copyfile(corpus / name, folder / name)
    manifest.to_csv(folder / "manifest.csv", index=False)
    return folder


class PeakMemory:
    """The peak resident memory of a process and all its children, sampled every 0.2 s while in use."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._done = pid, 0, threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            try:
                root = psutil.Process(self.pid)
                total = 0
                for member in (root, *root.children(recursive=True)):
                    with contextlib.suppress(psutil.Error):
                        total += member.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._done.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._sampler.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._sampler.join()


def measured(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run ``command``; return its wall time, the peak resident memory of its process tree, and its stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    with PeakMemory(process.pid) as memory:
        output, _ = process.communicate()
    if process.returncode not in (0, 1):  # 1: the build skipped some files (named in its warnings)
        raise RuntimeError(f"{command} failed with exit code {process.returncode}")
    return time.perf_counter() - start, memory.peak, output


def run_notebooks(out: Path) -> None:
    """(Child process) Execute every notebook, save it under ``out/notebooks``, write the report; print JSON."""
    import nbformat

    from helpers.present.report import execute_notebook, notebook_paths, write_report

    figures, executed = [], []
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for path in notebook_paths():
        start = time.perf_counter()
        with PeakMemory(os.getpid()) as memory:  # this process and the notebook's kernel
            notebook = execute_notebook(path, example=False)
        seconds = time.perf_counter() - start
        saved = out / "notebooks" / path.name
        saved.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
        outputs = sorted(((len(json.dumps(o)), number) for number, cell in enumerate(notebook.cells)
                          for o in cell.get("outputs", [])), reverse=True)[:3]
        figures.append({"notebook": path.stem, "seconds": seconds, "peak": memory.peak, "ipynb": saved.stat().st_size,
                        "largest": [f"cell {number}: {size / MB:.2f} MB" for size, number in outputs]})
        executed.append((path, notebook))
    write_report(executed, out / "reports")
    pages = {p.stem: p.stat().st_size for p in sorted((out / "reports").glob("*.html"))}
    print(json.dumps({"notebooks": figures, "pages": pages}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000])
    parser.add_argument("--group-by", default="lean")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-scale"))
    parser.add_argument("--parse-cache", type=Path, default=None)
    parser.add_argument("--child-notebooks", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_notebooks:
        run_notebooks(args.child_notebooks)
        return

    python = sys.executable
    overall = 0
    for size in args.sizes:
        root = args.work / f"n{size}"
        raw = subset(args.corpus, size, root / "raw")
        processed = root / "processed"
        if args.parse_cache and not (processed / ".cache" / "nlp").exists():
            (processed / ".cache").mkdir(parents=True, exist_ok=True)
            (processed / ".cache" / "nlp").symlink_to(args.parse_cache.resolve())
        env = {**os.environ, CORPUS_ENV: str(raw), PROCESSED_ENV: str(processed), GROUP_ENV: args.group_by}
        build_s, build_peak, _ = measured([python, "-m", "helpers", "build", "--raw", str(raw), "--out",
                                           str(processed), "--n-process", str(args.n_process), "--quiet"], env)
        run_s, run_peak, output = measured([python, __file__, "--child-notebooks", str(root / "run")], env)
        result = json.loads(output.strip().splitlines()[-1])
        overall = max(overall, build_peak, run_peak)
        print(f"\n== {size:,} articles (grouped by {args.group_by}) ==")
        print(f"build: {build_s:7.1f} s, peak memory {build_peak / 1e9:.2f} GB")
        print(f"notebooks and report: {run_s:7.1f} s, peak memory {run_peak / 1e9:.2f} GB")
        for figure in result["notebooks"]:
            page = result["pages"].get(figure["notebook"], 0)
            flag = " !" if figure["seconds"] > 60 or figure["ipynb"] > 10 * MB or page > 5 * MB else ""
            print(f"  {figure['notebook']:<20} {figure['seconds']:6.1f} s  {figure['peak'] / 1e9:4.2f} GB  "
                  f"ipynb {figure['ipynb'] / MB:6.2f} MB  "
                  f"page {page / MB:6.2f} MB{flag}  largest outputs: {', '.join(figure['largest'])}")
        print(f"  peak memory of build + notebooks (make all): {max(build_peak, run_peak) / 1e9:.2f} GB")
    print(f"\npeak memory overall: {overall / 1e9:.2f} GB (target ≤ 4 GB); pages ≤ 5 MB, notebooks ≤ 10 MB and "
          "≤ 60 s each ('!' marks a miss)")


if __name__ == "__main__":
    main()
