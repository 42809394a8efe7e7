"""Benchmark: does cleaning keep the whole story? Body-word recall on BASIL, what is removed on AllSides, and
the HTML extraction against trafilatura alone on a page set with reference texts. Prints figures; asserts nothing.

1. BASIL (../shared/corpora/basil/corpus): its bodies are exactly what the annotators read, so cleaning should
   remove nothing but the headline line. Per article, the share of the body's words (as a multiset, lower case)
   that the cleaned body keeps, against two references: the file minus its first line (strict), and the file
   minus its headline lines (the first line and a verbatim repeat of it right below, which the cleaner keeps
   marked `repeated_headline`). Development part: years up to 2015; held-out part: 2016 on.
2. AllSides (../shared/corpora/allsides-5k): how many paragraphs are labelled captions or subheadings and how
   many blocks each rule removes; ``--show N`` prints a seeded sample of removed blocks and captions to read.
   Development part: files whose name starts with 0-7; held-out: the rest.
3. HTML page set: real pages with reference texts, read from a folder with ``html/NAME.html`` and
   ``txt/NAME.txt`` (the layout of newspaper4k's test data, MIT licence, shipped in its source distribution on
   PyPI; ``--download`` fetches it into a temporary folder). Scores, per page and averaged, 4-gram shingle
   precision / recall (the article-extraction-benchmark's metric: each page's counts normalised, precision and
   recall averaged over pages, F1 of the two averages) for the suite's body and for trafilatura alone (default,
   favor_precision, favor_recall) and jusText. Pages in unspaced scripts (Chinese, Japanese) are left out: the
   metric's word tokens assume spaces. The suite was adjusted while looking at these pages: in sample.

    .venv/bin/python benchmarks/bench_cleaning.py [--pages DIR | --download] [--show N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

import justext
import pandas as pd
import trafilatura

from helpers.cleaning.clean import CAPTION, clean_article
from helpers.cleaning.html import _all_stopwords
from helpers.cleaning.ingest import IngestError, decode_bytes
from helpers.config import repo_root
from helpers.text import words

CORPORA = repo_root().parent / "shared" / "corpora"
PAGESET_ENV = "NEWSCOMPARE_PAGESET"
PAGESET_PACKAGE = "newspaper4k==0.9.6"
_TOKEN = re.compile(r"\w+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


# --- plain text: BASIL and AllSides -------------------------------------------------------------


def clean_folder(folder: Path, files: list[str], headlines: dict[str, str]) -> dict[str, tuple[str, object]]:
    """Each file's decoded text and its cleaned article (or the IngestError), in file order."""
    out = {}
    for name in files:
        decoded = decode_bytes((folder / name).read_bytes())
        try:
            out[name] = (decoded.text, clean_article(decoded.text, decoded.format, known_headline=headlines[name]))
        except IngestError as err:
            out[name] = (decoded.text, err)
    return out


def word_recall(reference: str, kept: str) -> float:
    ref = Counter(w.lower() for w in words(reference))
    got = Counter(w.lower() for w in words(kept))
    return sum((ref & got).values()) / max(1, sum(ref.values()))


def headline_lines_removed(text: str) -> str:
    """The file minus its first line and any verbatim repeat of that line right below it."""
    lines = text.split("\n")
    headline, rest = lines[0].strip(), lines[1:]
    while rest and (not rest[0].strip() or rest[0].strip() == headline):
        rest = rest[1:]
    return "\n".join(rest)


def basil_part(name: str, cleaned: dict) -> None:
    rows = []
    for file, (raw, article) in cleaned.items():
        text = "" if isinstance(article, IngestError) else article.text
        strict = raw.split("\n", 1)[1] if "\n" in raw else ""
        rows.append({"file": file, "strict": word_recall(strict, text),
                     "recall": word_recall(headline_lines_removed(raw), text)})
    table = pd.DataFrame(rows).set_index("file")
    print(f"\nBASIL, {name}: {len(table)} articles")
    for column, label in (("recall", "headline lines excepted"), ("strict", "first line only excepted")):
        values = table[column]
        print(f"  body-word recall ({label}): mean {values.mean():.4f}, min {values.min():.4f}, "
              f"below 0.99: {(values < 0.99).sum()}, below 0.97: {(values < 0.97).sum()}")
    print("  worst articles (recall, strict):")
    for file, row in table.sort_values("recall").head(5).iterrows():
        print(f"    {row['recall']:.4f}  {row['strict']:.4f}  {file}")
    paragraphs = [(file, p) for file, (_, a) in cleaned.items() if not isinstance(a, IngestError)
                  for p in a.paragraphs]
    print("  paragraphs by kind/rule:", dict(Counter(f"{p.kind}/{p.rule}" for _, p in paragraphs).most_common()))
    captions = [(file, p.text) for file, p in paragraphs if p.kind == CAPTION]
    print(f"  paragraphs labelled caption: {len(captions)}")
    for file, text in captions:
        print(f"    {file}: {text[:150]}")
    removed = Counter(r.rule for _, a in cleaned.values() if not isinstance(a, IngestError) for r in a.removed)
    print("  removed blocks by rule:", dict(removed.most_common()))


def basil(folder: Path) -> None:
    manifest = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    headlines = dict(zip(manifest["file"], manifest["headline"], strict=True))
    year = manifest["file"].str.extract(r"_(\d{4})_", expand=False).astype(int)
    for name, part in (("development (2010-2015)", year <= 2015), ("held out (2016-2019)", year > 2015)):
        files = sorted(manifest.loc[part, "file"])
        basil_part(name, clean_folder(folder, files, headlines))


def allsides_part(name: str, cleaned: dict, show: int, seed: int) -> None:
    articles = [a for _, a in cleaned.values() if not isinstance(a, IngestError)]
    paragraphs = [p for a in articles for p in a.paragraphs]
    kinds = Counter(p.kind for p in paragraphs)
    removed = [r for a in articles for r in a.removed if r.rule not in ("headline", "repeated_headline")]
    kept_words = sum(len(words(a.text)) for a in articles)
    removed_words = sum(len(words(r.text)) for r in removed)
    caption_words = sum(len(words(p.text)) for p in paragraphs if p.kind == CAPTION)
    print(f"\nAllSides, {name}: {len(cleaned)} files, {len(articles)} cleaned, {len(paragraphs)} paragraphs")
    print("  paragraphs by kind:", dict(kinds.most_common()))
    print("  captions by rule:", dict(Counter(p.rule for p in paragraphs if p.kind == CAPTION).most_common()))
    print("  subheadings by rule:", dict(Counter(p.rule for p in paragraphs if p.kind == "subheading").most_common()))
    print("  removed blocks by rule (headline lines not counted):",
          dict(Counter(r.rule for r in removed).most_common()))
    share = (removed_words + caption_words) / max(1, kept_words + removed_words + caption_words)
    print(f"  words kept in the body {kept_words:,}; removed {removed_words:,}; in captions {caption_words:,} "
          f"({share:.2%} of the text left out)")
    if show:
        rng = random.Random(seed)
        items = [("removed " + r.rule, r.text) for r in removed] + [
            ("caption " + p.rule, p.text) for p in paragraphs if p.kind == CAPTION]
        print(f"  a sample of {min(show, len(items))} removed blocks and captions (seed {seed}), to read:")
        for label, text in rng.sample(items, min(show, len(items))):
            print(f"    [{label}] {' '.join(text.split())[:200]}")


def allsides(folder: Path, show: int) -> None:
    manifest = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    headlines = dict(zip(manifest["file"], manifest["headline"], strict=True))
    development = manifest["file"].str.match(r"^[0-7]")
    for name, part, seed in (("development (names 0-7…)", development, 1), ("held out (8-9, a-z, A-Z)",
                                                                          ~development, 2)):
        files = sorted(manifest.loc[part, "file"])
        start = time.perf_counter()
        cleaned = clean_folder(folder, files, headlines)
        seconds = time.perf_counter() - start
        allsides_part(name, cleaned, show, seed)
        print(f"  cleaning speed: {len(files) / seconds:.0f} files/s")


# --- HTML page set ------------------------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_scores(reference: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of ``predicted``'s 4-gram shingles against ``reference``'s (counts as multisets)."""
    true, pred = shingles(reference), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    if fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def _suite(html: str) -> str:
    try:
        return clean_article(html, "html").text
    except IngestError:
        return ""


def _trafilatura(**options):
    return lambda html: trafilatura.extract(html, include_comments=False, include_tables=True, **options) or ""


def _justext(html: str) -> str:
    paragraphs = justext.justext(html.encode("utf-8"), _all_stopwords())
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


SYSTEMS = {
    "suite": _suite,
    "trafilatura default": _trafilatura(),
    "trafilatura favor_precision": _trafilatura(favor_precision=True),
    "trafilatura favor_recall": _trafilatura(favor_recall=True),
    "jusText": _justext,
}


def download_pageset(folder: Path) -> Path:
    """Fetch newspaper4k's source distribution from PyPI and unpack its test pages into ``folder``."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--quiet",
                    "--dest", str(folder), PAGESET_PACKAGE], check=True)
    archive = next(folder.glob("newspaper4k-*.tar.gz"))
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/tests/data/html/" in m.name or "/tests/data/txt/" in m.name]
        tar.extractall(folder, members=members, filter="data")
    return next(folder.glob("newspaper4k-*/tests/data"))


def pageset(folder: Path | None) -> None:
    print("\nHTML page set")
    if folder is None or not (folder / "html").is_dir() or not (folder / "txt").is_dir():
        print(f"  no page set found ({folder or 'none given'}): give --pages DIR (a folder with html/NAME.html and "
              f"txt/NAME.txt), set ${PAGESET_ENV}, or run with --download to fetch newspaper4k's test pages "
              f"({PAGESET_PACKAGE}, MIT licence) from PyPI into a temporary folder. HTML figures not computed.")
        return
    pages = []
    for reference in sorted((folder / "txt").glob("*.txt")):
        page = folder / "html" / f"{reference.stem}.html"
        text = reference.read_text(encoding="utf-8")
        if page.exists() and len(_UNSPACED.findall(text)) < 0.3 * len(text):
            pages.append((reference.stem, decode_bytes(page.read_bytes()).text, text))
    print(f"  {folder}: {len(pages)} pages with a reference text (in sample: the suite was adjusted on them)")
    scores = {name: [] for name in SYSTEMS}
    for stem, html, reference in pages:
        row = []
        for name, system in SYSTEMS.items():
            precision, recall = shingle_scores(reference, system(html))
            scores[name].append((precision, recall))
            row.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        print(f"    {stem:<22}" + "  ".join(f"{f1:.3f}" for f1 in row))
    print("    (columns: " + ", ".join(SYSTEMS) + ")")
    for name, values in scores.items():
        precision = statistics.mean(p for p, _ in values)
        recall = statistics.mean(r for _, r in values)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {name:<28} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basil", type=Path, default=CORPORA / "basil" / "corpus")
    parser.add_argument("--allsides", type=Path, default=CORPORA / "allsides-5k")
    parser.add_argument("--pages", type=Path, default=Path(os.environ[PAGESET_ENV]) if PAGESET_ENV in os.environ
                        else None, help=f"HTML page set folder (default: ${PAGESET_ENV})")
    parser.add_argument("--download", action="store_true", help=f"fetch {PAGESET_PACKAGE}'s test pages from PyPI")
    parser.add_argument("--show", type=int, default=0, help="print N sampled removed blocks and captions")
    parser.add_argument("--only", choices=("basil", "allsides", "html"), help="run one part only")
    args = parser.parse_args()

    if args.only in (None, "basil"):
        basil(args.basil)
    if args.only in (None, "allsides"):
        allsides(args.allsides, args.show)
    if args.only in (None, "html"):
        if args.download:
            with tempfile.TemporaryDirectory(prefix="bench-cleaning-") as temp:
                pageset(download_pageset(Path(temp)))
        else:
            pageset(args.pages)


if __name__ == "__main__":
    main()
