"""Benchmark: the computed findings of notebooks 03-07 on a built corpus, with the time each notebook's takes.

Builds (incrementally) or reuses the corpus in ``--raw`` / ``--out``, groups it by ``--group-by`` (default
``lean``), computes every notebook's findings as the notebooks do (``section_findings``; the table is not
written unless ``--write``), and prints per notebook: the seconds taken, the findings with a 95 % interval,
the comparisons tested and how many are larger than chance, then the findings table itself. Asserts nothing.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_findings.py --raw /tmp/allsides-400 --out /tmp/allsides-400-out
    PYTHONPATH=src .venv/bin/python benchmarks/bench_findings.py --synthetic 5000   # statistics alone, at scale
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.corpus import load_corpus
from helpers.findings.compare import LARGER, Measure, contrast, correct, per_article
from helpers.findings.table import NOTEBOOKS, section_findings
from helpers.findings.views import findings_view

SHOWN = ["finding", "group", "estimate", "low", "high", "n_articles", "comparison", "difference", "p", "q",
         "verdict"]


def synthetic(n_articles: int, n_measures: int = 15) -> None:
    """Time the statistics of one notebook (``n_measures`` measures, three groups) on ``n_articles`` articles."""
    rng = np.random.default_rng(0)
    articles = pd.DataFrame({"article_id": [f"a{i:05d}" for i in range(n_articles)],
                             "group": rng.choice(["left", "center", "right"], n_articles)})
    start = time.perf_counter()
    rows = []
    for index in range(n_measures):
        den = pd.Series(rng.integers(0, 30, n_articles), index=articles["article_id"])
        num = pd.Series(rng.binomial(den.to_numpy(), 0.1), index=articles["article_id"])
        measure = Measure(f"m{index}", "synthetic", "items", "share of items", "")
        rows.append(contrast(per_article(articles, num, den), measure, notebook="synthetic"))
    table = correct(pd.concat(rows, ignore_index=True))
    seconds = time.perf_counter() - start
    print(f"synthetic: {n_articles:,} articles, {n_measures} measures × 3 groups: {seconds:.1f} s "
          f"({table['p'].notna().sum()} comparisons, {(table['verdict'] == LARGER).sum()} larger than chance "
          "under a true null)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--group-by", default="lean")
    parser.add_argument("--write", action="store_true", help="also write the findings table")
    parser.add_argument("--no-build", action="store_true", help="read the tables in --out as they are")
    parser.add_argument("--blocks", action="store_true", help="also print the plain-text findings blocks")
    parser.add_argument("--synthetic", type=int, help="time the statistics alone on this many synthetic articles")
    args = parser.parse_args()
    if args.synthetic:
        synthetic(args.synthetic)
        return
    start = time.perf_counter()
    corpus = load_corpus(args.raw, args.out, group_by=args.group_by, nlp=True, build=not args.no_build)
    print(f"loaded in {time.perf_counter() - start:.1f} s")
    print(corpus.describe())
    print("articles per group:", corpus.articles.groupby("group").size().to_dict())
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.max_colwidth", 48)
    pd.set_option("display.max_rows", 400)
    for notebook in NOTEBOOKS:
        start = time.perf_counter()
        rows = section_findings(corpus, notebook, write=args.write)
        seconds = time.perf_counter() - start
        findings = rows.groupby("finding")
        with_interval = int(findings.apply(lambda part: part["low"].notna().all()).sum())
        print(f"\n=== {notebook}: {seconds:.1f} s; {findings.ngroups} findings, {with_interval} with a 95 % interval "
              f"for every group; {rows['p'].notna().sum()} comparisons tested, "
              f"{(rows['verdict'] == LARGER).sum()} larger than chance (BH q < 0.05)")
        print(rows[SHOWN].round(4).to_string(index=False))
        if args.blocks:
            print(repr(findings_view(rows)))


if __name__ == "__main__":
    main()
